// Integer, float and numeric input and output, checked against PostgreSQL 15 itself: every
// expected text below is what a PostgreSQL 15.x server (extra_float_digits 1) returned for
// '<input>'::<type>::text, or its error message and SQLSTATE. A null numeric expectation marks
// an input where Eddy's double-backed NUMERIC cannot keep PostgreSQL's exact decimal (more than
// 17 significant digits, or beyond the double range); value_parse_test.cpp covers those.

#include <catch.hpp>

#include "common/type.h"
#include "text_io_test_util.h"

using eddy::Type;
using eddy::testing::pg_text;

namespace {

struct IntCase {
  const char* input;
  const char* int2;
  const char* int4;
  const char* int8;
};

const IntCase kIntCases[] = {
    {"0", "0", "0", "0"},
    {"1", "1", "1", "1"},
    {"-1", "-1", "-1", "-1"},
    {"+1", "1", "1", "1"},
    {" 12 ", "12", "12", "12"},
    {"12x", "ERROR:  invalid input syntax for type smallint: \"12x\" [22P02]", "ERROR:  invalid input syntax for type integer: \"12x\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"12x\" [22P02]"},
    {"1 2", "ERROR:  invalid input syntax for type smallint: \"1 2\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1 2\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1 2\" [22P02]"},
    {"1.5", "ERROR:  invalid input syntax for type smallint: \"1.5\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1.5\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1.5\" [22P02]"},
    {"1e3", "ERROR:  invalid input syntax for type smallint: \"1e3\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1e3\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1e3\" [22P02]"},
    {"abc", "ERROR:  invalid input syntax for type smallint: \"abc\" [22P02]", "ERROR:  invalid input syntax for type integer: \"abc\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"abc\" [22P02]"},
    {"", "ERROR:  invalid input syntax for type smallint: \"\" [22P02]", "ERROR:  invalid input syntax for type integer: \"\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"\" [22P02]"},
    {" ", "ERROR:  invalid input syntax for type smallint: \" \" [22P02]", "ERROR:  invalid input syntax for type integer: \" \" [22P02]", "ERROR:  invalid input syntax for type bigint: \" \" [22P02]"},
    {"-", "ERROR:  invalid input syntax for type smallint: \"-\" [22P02]", "ERROR:  invalid input syntax for type integer: \"-\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"-\" [22P02]"},
    {"+", "ERROR:  invalid input syntax for type smallint: \"+\" [22P02]", "ERROR:  invalid input syntax for type integer: \"+\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"+\" [22P02]"},
    {"--1", "ERROR:  invalid input syntax for type smallint: \"--1\" [22P02]", "ERROR:  invalid input syntax for type integer: \"--1\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"--1\" [22P02]"},
    {"0x10", "ERROR:  invalid input syntax for type smallint: \"0x10\" [22P02]", "ERROR:  invalid input syntax for type integer: \"0x10\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"0x10\" [22P02]"},
    {"1_000", "ERROR:  invalid input syntax for type smallint: \"1_000\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1_000\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1_000\" [22P02]"},
    {"007", "7", "7", "7"},
    {"-0", "0", "0", "0"},
    {"32767", "32767", "32767", "32767"},
    {"32768", "ERROR:  value \"32768\" is out of range for type smallint [22003]", "32768", "32768"},
    {"-32768", "-32768", "-32768", "-32768"},
    {"-32769", "ERROR:  value \"-32769\" is out of range for type smallint [22003]", "-32769", "-32769"},
    {"2147483647", "ERROR:  value \"2147483647\" is out of range for type smallint [22003]", "2147483647", "2147483647"},
    {"2147483648", "ERROR:  value \"2147483648\" is out of range for type smallint [22003]", "ERROR:  value \"2147483648\" is out of range for type integer [22003]", "2147483648"},
    {"-2147483648", "ERROR:  value \"-2147483648\" is out of range for type smallint [22003]", "-2147483648", "-2147483648"},
    {"-2147483649", "ERROR:  value \"-2147483649\" is out of range for type smallint [22003]", "ERROR:  value \"-2147483649\" is out of range for type integer [22003]", "-2147483649"},
    {"9223372036854775807", "ERROR:  value \"9223372036854775807\" is out of range for type smallint [22003]", "ERROR:  value \"9223372036854775807\" is out of range for type integer [22003]", "9223372036854775807"},
    {"9223372036854775808", "ERROR:  value \"9223372036854775808\" is out of range for type smallint [22003]", "ERROR:  value \"9223372036854775808\" is out of range for type integer [22003]", "ERROR:  value \"9223372036854775808\" is out of range for type bigint [22003]"},
    {"-9223372036854775808", "ERROR:  value \"-9223372036854775808\" is out of range for type smallint [22003]", "ERROR:  value \"-9223372036854775808\" is out of range for type integer [22003]", "-9223372036854775808"},
    {"-9223372036854775809", "ERROR:  value \"-9223372036854775809\" is out of range for type smallint [22003]", "ERROR:  value \"-9223372036854775809\" is out of range for type integer [22003]", "ERROR:  value \"-9223372036854775809\" is out of range for type bigint [22003]"},
    {"99999999999999999999999", "ERROR:  value \"99999999999999999999999\" is out of range for type smallint [22003]", "ERROR:  value \"99999999999999999999999\" is out of range for type integer [22003]", "ERROR:  value \"99999999999999999999999\" is out of range for type bigint [22003]"},
    {"99999999999x", "ERROR:  value \"99999999999x\" is out of range for type smallint [22003]", "ERROR:  value \"99999999999x\" is out of range for type integer [22003]", "ERROR:  invalid input syntax for type bigint: \"99999999999x\" [22P02]"},
    {"0.1", "ERROR:  invalid input syntax for type smallint: \"0.1\" [22P02]", "ERROR:  invalid input syntax for type integer: \"0.1\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"0.1\" [22P02]"},
    {".5", "ERROR:  invalid input syntax for type smallint: \".5\" [22P02]", "ERROR:  invalid input syntax for type integer: \".5\" [22P02]", "ERROR:  invalid input syntax for type bigint: \".5\" [22P02]"},
    {"5.", "ERROR:  invalid input syntax for type smallint: \"5.\" [22P02]", "ERROR:  invalid input syntax for type integer: \"5.\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"5.\" [22P02]"},
    {"-.5", "ERROR:  invalid input syntax for type smallint: \"-.5\" [22P02]", "ERROR:  invalid input syntax for type integer: \"-.5\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"-.5\" [22P02]"},
    {"+.5e1", "ERROR:  invalid input syntax for type smallint: \"+.5e1\" [22P02]", "ERROR:  invalid input syntax for type integer: \"+.5e1\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"+.5e1\" [22P02]"},
    {"1e100", "ERROR:  invalid input syntax for type smallint: \"1e100\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1e100\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1e100\" [22P02]"},
    {"1e15", "ERROR:  invalid input syntax for type smallint: \"1e15\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1e15\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1e15\" [22P02]"},
    {"1e14", "ERROR:  invalid input syntax for type smallint: \"1e14\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1e14\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1e14\" [22P02]"},
    {"123456789012345678", "ERROR:  value \"123456789012345678\" is out of range for type smallint [22003]", "ERROR:  value \"123456789012345678\" is out of range for type integer [22003]", "123456789012345678"},
    {"0.0001", "ERROR:  invalid input syntax for type smallint: \"0.0001\" [22P02]", "ERROR:  invalid input syntax for type integer: \"0.0001\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"0.0001\" [22P02]"},
    {"0.00001", "ERROR:  invalid input syntax for type smallint: \"0.00001\" [22P02]", "ERROR:  invalid input syntax for type integer: \"0.00001\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"0.00001\" [22P02]"},
    {"1.5e-7", "ERROR:  invalid input syntax for type smallint: \"1.5e-7\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1.5e-7\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1.5e-7\" [22P02]"},
    {"5e-324", "ERROR:  invalid input syntax for type smallint: \"5e-324\" [22P02]", "ERROR:  invalid input syntax for type integer: \"5e-324\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"5e-324\" [22P02]"},
    {"2e-324", "ERROR:  invalid input syntax for type smallint: \"2e-324\" [22P02]", "ERROR:  invalid input syntax for type integer: \"2e-324\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"2e-324\" [22P02]"},
    {"1e-400", "ERROR:  invalid input syntax for type smallint: \"1e-400\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1e-400\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1e-400\" [22P02]"},
    {"1e400", "ERROR:  invalid input syntax for type smallint: \"1e400\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1e400\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1e400\" [22P02]"},
    {"-1e400", "ERROR:  invalid input syntax for type smallint: \"-1e400\" [22P02]", "ERROR:  invalid input syntax for type integer: \"-1e400\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"-1e400\" [22P02]"},
    {"1.7976931348623157e308", "ERROR:  invalid input syntax for type smallint: \"1.7976931348623157e308\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1.7976931348623157e308\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1.7976931348623157e308\" [22P02]"},
    {"1.7976931348623159e308", "ERROR:  invalid input syntax for type smallint: \"1.7976931348623159e308\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1.7976931348623159e308\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1.7976931348623159e308\" [22P02]"},
    {"3.4e38", "ERROR:  invalid input syntax for type smallint: \"3.4e38\" [22P02]", "ERROR:  invalid input syntax for type integer: \"3.4e38\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"3.4e38\" [22P02]"},
    {"3.5e38", "ERROR:  invalid input syntax for type smallint: \"3.5e38\" [22P02]", "ERROR:  invalid input syntax for type integer: \"3.5e38\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"3.5e38\" [22P02]"},
    {"1e-45", "ERROR:  invalid input syntax for type smallint: \"1e-45\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1e-45\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1e-45\" [22P02]"},
    {"1e-46", "ERROR:  invalid input syntax for type smallint: \"1e-46\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1e-46\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1e-46\" [22P02]"},
    {"1.17549435e-38", "ERROR:  invalid input syntax for type smallint: \"1.17549435e-38\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1.17549435e-38\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1.17549435e-38\" [22P02]"},
    {"NaN", "ERROR:  invalid input syntax for type smallint: \"NaN\" [22P02]", "ERROR:  invalid input syntax for type integer: \"NaN\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"NaN\" [22P02]"},
    {"nan", "ERROR:  invalid input syntax for type smallint: \"nan\" [22P02]", "ERROR:  invalid input syntax for type integer: \"nan\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"nan\" [22P02]"},
    {"-NaN", "ERROR:  invalid input syntax for type smallint: \"-NaN\" [22P02]", "ERROR:  invalid input syntax for type integer: \"-NaN\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"-NaN\" [22P02]"},
    {"Infinity", "ERROR:  invalid input syntax for type smallint: \"Infinity\" [22P02]", "ERROR:  invalid input syntax for type integer: \"Infinity\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"Infinity\" [22P02]"},
    {"-Infinity", "ERROR:  invalid input syntax for type smallint: \"-Infinity\" [22P02]", "ERROR:  invalid input syntax for type integer: \"-Infinity\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"-Infinity\" [22P02]"},
    {"+Infinity", "ERROR:  invalid input syntax for type smallint: \"+Infinity\" [22P02]", "ERROR:  invalid input syntax for type integer: \"+Infinity\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"+Infinity\" [22P02]"},
    {"inf", "ERROR:  invalid input syntax for type smallint: \"inf\" [22P02]", "ERROR:  invalid input syntax for type integer: \"inf\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"inf\" [22P02]"},
    {"-inf", "ERROR:  invalid input syntax for type smallint: \"-inf\" [22P02]", "ERROR:  invalid input syntax for type integer: \"-inf\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"-inf\" [22P02]"},
    {"INF", "ERROR:  invalid input syntax for type smallint: \"INF\" [22P02]", "ERROR:  invalid input syntax for type integer: \"INF\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"INF\" [22P02]"},
    {"infinity ", "ERROR:  invalid input syntax for type smallint: \"infinity \" [22P02]", "ERROR:  invalid input syntax for type integer: \"infinity \" [22P02]", "ERROR:  invalid input syntax for type bigint: \"infinity \" [22P02]"},
    {"infinityx", "ERROR:  invalid input syntax for type smallint: \"infinityx\" [22P02]", "ERROR:  invalid input syntax for type integer: \"infinityx\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"infinityx\" [22P02]"},
    {"1.5x", "ERROR:  invalid input syntax for type smallint: \"1.5x\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1.5x\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1.5x\" [22P02]"},
    {"1e", "ERROR:  invalid input syntax for type smallint: \"1e\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1e\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1e\" [22P02]"},
    {"1e+", "ERROR:  invalid input syntax for type smallint: \"1e+\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1e+\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1e+\" [22P02]"},
    {"e5", "ERROR:  invalid input syntax for type smallint: \"e5\" [22P02]", "ERROR:  invalid input syntax for type integer: \"e5\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"e5\" [22P02]"},
    {".", "ERROR:  invalid input syntax for type smallint: \".\" [22P02]", "ERROR:  invalid input syntax for type integer: \".\" [22P02]", "ERROR:  invalid input syntax for type bigint: \".\" [22P02]"},
    {"1.2.3", "ERROR:  invalid input syntax for type smallint: \"1.2.3\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1.2.3\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1.2.3\" [22P02]"},
    {" 1.5e-3 ", "ERROR:  invalid input syntax for type smallint: \" 1.5e-3 \" [22P02]", "ERROR:  invalid input syntax for type integer: \" 1.5e-3 \" [22P02]", "ERROR:  invalid input syntax for type bigint: \" 1.5e-3 \" [22P02]"},
    {"123456.789", "ERROR:  value \"123456.789\" is out of range for type smallint [22003]", "ERROR:  invalid input syntax for type integer: \"123456.789\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"123456.789\" [22P02]"},
    {"1234567.89", "ERROR:  value \"1234567.89\" is out of range for type smallint [22003]", "ERROR:  invalid input syntax for type integer: \"1234567.89\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1234567.89\" [22P02]"},
    {"0.000123456789", "ERROR:  invalid input syntax for type smallint: \"0.000123456789\" [22P02]", "ERROR:  invalid input syntax for type integer: \"0.000123456789\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"0.000123456789\" [22P02]"},
    {"100", "100", "100", "100"},
    {"1000000", "ERROR:  value \"1000000\" is out of range for type smallint [22003]", "1000000", "1000000"},
    {"12345678901234567890", "ERROR:  value \"12345678901234567890\" is out of range for type smallint [22003]", "ERROR:  value \"12345678901234567890\" is out of range for type integer [22003]", "ERROR:  value \"12345678901234567890\" is out of range for type bigint [22003]"},
    {"3.14159265358979323846", "ERROR:  invalid input syntax for type smallint: \"3.14159265358979323846\" [22P02]", "ERROR:  invalid input syntax for type integer: \"3.14159265358979323846\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"3.14159265358979323846\" [22P02]"},
    {"2.5", "ERROR:  invalid input syntax for type smallint: \"2.5\" [22P02]", "ERROR:  invalid input syntax for type integer: \"2.5\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"2.5\" [22P02]"},
    {"-2.5", "ERROR:  invalid input syntax for type smallint: \"-2.5\" [22P02]", "ERROR:  invalid input syntax for type integer: \"-2.5\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"-2.5\" [22P02]"},
    {"0.3", "ERROR:  invalid input syntax for type smallint: \"0.3\" [22P02]", "ERROR:  invalid input syntax for type integer: \"0.3\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"0.3\" [22P02]"},
    {"1e 5", "ERROR:  invalid input syntax for type smallint: \"1e 5\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1e 5\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1e 5\" [22P02]"},
    {"1e1001", "ERROR:  invalid input syntax for type smallint: \"1e1001\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1e1001\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1e1001\" [22P02]"},
    {"1e1000", "ERROR:  invalid input syntax for type smallint: \"1e1000\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1e1000\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1e1000\" [22P02]"},
    {"1e-1000", "ERROR:  invalid input syntax for type smallint: \"1e-1000\" [22P02]", "ERROR:  invalid input syntax for type integer: \"1e-1000\" [22P02]", "ERROR:  invalid input syntax for type bigint: \"1e-1000\" [22P02]"},
};

struct FloatCase {
  const char* input;
  const char* float4;
  const char* float8;
  const char* numeric;  // nullptr: PostgreSQL's exact decimal is out of Eddy's reach
};

const FloatCase kFloatCases[] = {
    {"0", "0", "0", "0"},
    {"1", "1", "1", "1"},
    {"-1", "-1", "-1", "-1"},
    {"+1", "1", "1", "1"},
    {" 12 ", "12", "12", "12"},
    {"12x", "ERROR:  invalid input syntax for type real: \"12x\" [22P02]", "ERROR:  invalid input syntax for type double precision: \"12x\" [22P02]", "ERROR:  invalid input syntax for type numeric: \"12x\" [22P02]"},
    {"1 2", "ERROR:  invalid input syntax for type real: \"1 2\" [22P02]", "ERROR:  invalid input syntax for type double precision: \"1 2\" [22P02]", "ERROR:  invalid input syntax for type numeric: \"1 2\" [22P02]"},
    {"1.5", "1.5", "1.5", "1.5"},
    {"1e3", "1000", "1000", "1000"},
    {"abc", "ERROR:  invalid input syntax for type real: \"abc\" [22P02]", "ERROR:  invalid input syntax for type double precision: \"abc\" [22P02]", "ERROR:  invalid input syntax for type numeric: \"abc\" [22P02]"},
    {"", "ERROR:  invalid input syntax for type real: \"\" [22P02]", "ERROR:  invalid input syntax for type double precision: \"\" [22P02]", "ERROR:  invalid input syntax for type numeric: \"\" [22P02]"},
    {" ", "ERROR:  invalid input syntax for type real: \" \" [22P02]", "ERROR:  invalid input syntax for type double precision: \" \" [22P02]", "ERROR:  invalid input syntax for type numeric: \" \" [22P02]"},
    {"-", "ERROR:  invalid input syntax for type real: \"-\" [22P02]", "ERROR:  invalid input syntax for type double precision: \"-\" [22P02]", "ERROR:  invalid input syntax for type numeric: \"-\" [22P02]"},
    {"+", "ERROR:  invalid input syntax for type real: \"+\" [22P02]", "ERROR:  invalid input syntax for type double precision: \"+\" [22P02]", "ERROR:  invalid input syntax for type numeric: \"+\" [22P02]"},
    {"--1", "ERROR:  invalid input syntax for type real: \"--1\" [22P02]", "ERROR:  invalid input syntax for type double precision: \"--1\" [22P02]", "ERROR:  invalid input syntax for type numeric: \"--1\" [22P02]"},
    {"0x10", "16", "16", "ERROR:  invalid input syntax for type numeric: \"0x10\" [22P02]"},
    {"1_000", "ERROR:  invalid input syntax for type real: \"1_000\" [22P02]", "ERROR:  invalid input syntax for type double precision: \"1_000\" [22P02]", "ERROR:  invalid input syntax for type numeric: \"1_000\" [22P02]"},
    {"007", "7", "7", "7"},
    {"-0", "-0", "-0", "0"},
    {"32767", "32767", "32767", "32767"},
    {"32768", "32768", "32768", "32768"},
    {"-32768", "-32768", "-32768", "-32768"},
    {"-32769", "-32769", "-32769", "-32769"},
    {"2147483647", "2.1474836e+09", "2147483647", "2147483647"},
    {"2147483648", "2.1474836e+09", "2147483648", "2147483648"},
    {"-2147483648", "-2.1474836e+09", "-2147483648", "-2147483648"},
    {"-2147483649", "-2.1474836e+09", "-2147483649", "-2147483649"},
    {"9223372036854775807", "9.223372e+18", "9.223372036854776e+18", nullptr},
    {"9223372036854775808", "9.223372e+18", "9.223372036854776e+18", nullptr},
    {"-9223372036854775808", "-9.223372e+18", "-9.223372036854776e+18", nullptr},
    {"-9223372036854775809", "-9.223372e+18", "-9.223372036854776e+18", nullptr},
    {"99999999999999999999999", "1e+23", "9.999999999999999e+22", nullptr},
    {"99999999999x", "ERROR:  invalid input syntax for type real: \"99999999999x\" [22P02]", "ERROR:  invalid input syntax for type double precision: \"99999999999x\" [22P02]", "ERROR:  invalid input syntax for type numeric: \"99999999999x\" [22P02]"},
    {"0.1", "0.1", "0.1", "0.1"},
    {".5", "0.5", "0.5", "0.5"},
    {"5.", "5", "5", "5"},
    {"-.5", "-0.5", "-0.5", "-0.5"},
    {"+.5e1", "5", "5", "5"},
    {"1e100", "ERROR:  \"1e100\" is out of range for type real [22003]", "1e+100", "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"},
    {"1e15", "1e+15", "1e+15", "1000000000000000"},
    {"1e14", "1e+14", "100000000000000", "100000000000000"},
    {"123456789012345678", "1.2345679e+17", "1.2345678901234568e+17", nullptr},
    {"0.0001", "0.0001", "0.0001", "0.0001"},
    {"0.00001", "1e-05", "1e-05", "0.00001"},
    {"1.5e-7", "1.5e-07", "1.5e-07", "0.00000015"},
    {"5e-324", "ERROR:  \"5e-324\" is out of range for type real [22003]", "5e-324", "0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000005"},
    {"2e-324", "ERROR:  \"2e-324\" is out of range for type real [22003]", "ERROR:  \"2e-324\" is out of range for type double precision [22003]", nullptr},
    {"1e-400", "ERROR:  \"1e-400\" is out of range for type real [22003]", "ERROR:  \"1e-400\" is out of range for type double precision [22003]", nullptr},
    {"1e400", "ERROR:  \"1e400\" is out of range for type real [22003]", "ERROR:  \"1e400\" is out of range for type double precision [22003]", nullptr},
    {"-1e400", "ERROR:  \"-1e400\" is out of range for type real [22003]", "ERROR:  \"-1e400\" is out of range for type double precision [22003]", nullptr},
    {"1.7976931348623157e308", "ERROR:  \"1.7976931348623157e308\" is out of range for type real [22003]", "1.7976931348623157e+308", "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"},
    {"1.7976931348623159e308", "ERROR:  \"1.7976931348623159e308\" is out of range for type real [22003]", "ERROR:  \"1.7976931348623159e308\" is out of range for type double precision [22003]", nullptr},
    {"3.4e38", "3.4e+38", "3.4e+38", "340000000000000000000000000000000000000"},
    {"3.5e38", "ERROR:  \"3.5e38\" is out of range for type real [22003]", "3.5e+38", "350000000000000000000000000000000000000"},
    {"1e-45", "1e-45", "1e-45", "0.000000000000000000000000000000000000000000001"},
    {"1e-46", "ERROR:  \"1e-46\" is out of range for type real [22003]", "1e-46", "0.0000000000000000000000000000000000000000000001"},
    {"1.17549435e-38", "1.1754944e-38", "1.17549435e-38", "0.0000000000000000000000000000000000000117549435"},
    {"NaN", "NaN", "NaN", "NaN"},
    {"nan", "NaN", "NaN", "NaN"},
    {"-NaN", "NaN", "NaN", "ERROR:  invalid input syntax for type numeric: \"-NaN\" [22P02]"},
    {"Infinity", "Infinity", "Infinity", "Infinity"},
    {"-Infinity", "-Infinity", "-Infinity", "-Infinity"},
    {"+Infinity", "Infinity", "Infinity", "Infinity"},
    {"inf", "Infinity", "Infinity", "Infinity"},
    {"-inf", "-Infinity", "-Infinity", "-Infinity"},
    {"INF", "Infinity", "Infinity", "Infinity"},
    {"infinity ", "Infinity", "Infinity", "Infinity"},
    {"infinityx", "ERROR:  invalid input syntax for type real: \"infinityx\" [22P02]", "ERROR:  invalid input syntax for type double precision: \"infinityx\" [22P02]", "ERROR:  invalid input syntax for type numeric: \"infinityx\" [22P02]"},
    {"1.5x", "ERROR:  invalid input syntax for type real: \"1.5x\" [22P02]", "ERROR:  invalid input syntax for type double precision: \"1.5x\" [22P02]", "ERROR:  invalid input syntax for type numeric: \"1.5x\" [22P02]"},
    {"1e", "ERROR:  invalid input syntax for type real: \"1e\" [22P02]", "ERROR:  invalid input syntax for type double precision: \"1e\" [22P02]", "ERROR:  invalid input syntax for type numeric: \"1e\" [22P02]"},
    {"1e+", "ERROR:  invalid input syntax for type real: \"1e+\" [22P02]", "ERROR:  invalid input syntax for type double precision: \"1e+\" [22P02]", "ERROR:  invalid input syntax for type numeric: \"1e+\" [22P02]"},
    {"e5", "ERROR:  invalid input syntax for type real: \"e5\" [22P02]", "ERROR:  invalid input syntax for type double precision: \"e5\" [22P02]", "ERROR:  invalid input syntax for type numeric: \"e5\" [22P02]"},
    {".", "ERROR:  invalid input syntax for type real: \".\" [22P02]", "ERROR:  invalid input syntax for type double precision: \".\" [22P02]", "ERROR:  invalid input syntax for type numeric: \".\" [22P02]"},
    {"1.2.3", "ERROR:  invalid input syntax for type real: \"1.2.3\" [22P02]", "ERROR:  invalid input syntax for type double precision: \"1.2.3\" [22P02]", "ERROR:  invalid input syntax for type numeric: \"1.2.3\" [22P02]"},
    {" 1.5e-3 ", "0.0015", "0.0015", "0.0015"},
    {"123456.789", "123456.79", "123456.789", "123456.789"},
    {"1234567.89", "1.2345679e+06", "1234567.89", "1234567.89"},
    {"0.000123456789", "0.00012345679", "0.000123456789", "0.000123456789"},
    {"100", "100", "100", "100"},
    {"1000000", "1e+06", "1000000", "1000000"},
    {"12345678901234567890", "1.2345679e+19", "1.2345678901234567e+19", nullptr},
    {"3.14159265358979323846", "3.1415927", "3.141592653589793", nullptr},
    {"2.5", "2.5", "2.5", "2.5"},
    {"-2.5", "-2.5", "-2.5", "-2.5"},
    {"0.3", "0.3", "0.3", "0.3"},
    {"1e 5", "ERROR:  invalid input syntax for type real: \"1e 5\" [22P02]", "ERROR:  invalid input syntax for type double precision: \"1e 5\" [22P02]", "100000"},
    {"1e1001", "ERROR:  \"1e1001\" is out of range for type real [22003]", "ERROR:  \"1e1001\" is out of range for type double precision [22003]", nullptr},
    {"1e1000", "ERROR:  \"1e1000\" is out of range for type real [22003]", "ERROR:  \"1e1000\" is out of range for type double precision [22003]", nullptr},
    {"1e-1000", "ERROR:  \"1e-1000\" is out of range for type real [22003]", "ERROR:  \"1e-1000\" is out of range for type double precision [22003]", nullptr},
};

struct OutputCase {
  const char* input;
  const char* expected;
};

// Decimals exactly halfway between two doubles / floats: PostgreSQL's Ryu prints a longer form.
const OutputCase kFloat8Ties[] = {
    {"1e15", "1e+15"},
    {"2e15", "2e+15"},
    {"3e15", "3e+15"},
    {"4e15", "4e+15"},
    {"59031e16", "5.903100000000001e+20"},
    {"59033e16", "5.903299999999999e+20"},
    {"59035e16", "5.903500000000001e+20"},
    {"59037e16", "5.903699999999999e+20"},
    {"59039e16", "5.903900000000001e+20"},
    {"59041e16", "5.904099999999999e+20"},
    {"59043e16", "5.904300000000001e+20"},
    {"59045e16", "5.904499999999999e+20"},
    {"59047e16", "5.904700000000001e+20"},
    {"59049e16", "5.904899999999999e+20"},
    {"59051e16", "5.905100000000001e+20"},
    {"59053e16", "5.905299999999999e+20"},
    {"59055e16", "5.905500000000001e+20"},
    {"59057e16", "5.905699999999999e+20"},
    {"59059e16", "5.905900000000001e+20"},
    {"59061e16", "5.906099999999999e+20"},
    {"59063e16", "5.906300000000001e+20"},
    {"59065e16", "5.906499999999999e+20"},
    {"59067e16", "5.906700000000001e+20"},
    {"59069e16", "5.906899999999999e+20"},
    {"59071e16", "5.907100000000001e+20"},
    {"59073e16", "5.907299999999999e+20"},
    {"59075e16", "5.907500000000001e+20"},
    {"59077e16", "5.907699999999999e+20"},
    {"59079e16", "5.907900000000001e+20"},
    {"59081e16", "5.908099999999999e+20"},
    {"59083e16", "5.908300000000001e+20"},
    {"59085e16", "5.908499999999999e+20"},
    {"59087e16", "5.908700000000001e+20"},
    {"59089e16", "5.908899999999999e+20"},
    {"59091e16", "5.909100000000001e+20"},
    {"59093e16", "5.909299999999999e+20"},
    {"59095e16", "5.909500000000001e+20"},
    {"59097e16", "5.909699999999999e+20"},
    {"59099e16", "5.909900000000001e+20"},
    {"59101e16", "5.910099999999999e+20"},
    {"59103e16", "5.910300000000001e+20"},
    {"59105e16", "5.910499999999999e+20"},
    {"59107e16", "5.910700000000001e+20"},
    {"59109e16", "5.910899999999999e+20"},
    {"59111e16", "5.911100000000001e+20"},
    {"59113e16", "5.911299999999999e+20"},
    {"59115e16", "5.911500000000001e+20"},
    {"59117e16", "5.911699999999999e+20"},
    {"59119e16", "5.911900000000001e+20"},
    {"59121e16", "5.912099999999999e+20"},
    {"59123e16", "5.912300000000001e+20"},
    {"59125e16", "5.912499999999999e+20"},
    {"59127e16", "5.912700000000001e+20"},
    {"59129e16", "5.912899999999999e+20"},
    {"59131e16", "5.913100000000001e+20"},
    {"59133e16", "5.913299999999999e+20"},
    {"59135e16", "5.913500000000001e+20"},
    {"59137e16", "5.913699999999999e+20"},
    {"59139e16", "5.913900000000001e+20"},
    {"59141e16", "5.914099999999999e+20"},
    {"99999999999999999999999", "9.999999999999999e+22"},
};

const OutputCase kFloat4Ties[] = {
    {"215e7", "2.1500001e+09"},
    {"217e7", "2.1699999e+09"},
    {"219e7", "2.1900001e+09"},
    {"221e7", "2.2099999e+09"},
    {"223e7", "2.2300001e+09"},
    {"225e7", "2.2499999e+09"},
    {"227e7", "2.2700001e+09"},
    {"229e7", "2.2899999e+09"},
    {"231e7", "2.3100001e+09"},
    {"233e7", "2.3299999e+09"},
    {"235e7", "2.3500001e+09"},
    {"237e7", "2.3699999e+09"},
    {"239e7", "2.3900001e+09"},
    {"241e7", "2.4099999e+09"},
    {"243e7", "2.4300001e+09"},
    {"245e7", "2.4499999e+09"},
    {"247e7", "2.4700001e+09"},
    {"249e7", "2.4899999e+09"},
    {"251e7", "2.5100001e+09"},
    {"253e7", "2.5299999e+09"},
    {"255e7", "2.5500001e+09"},
    {"257e7", "2.5699999e+09"},
    {"259e7", "2.5900001e+09"},
    {"261e7", "2.6099999e+09"},
    {"263e7", "2.6300001e+09"},
    {"265e7", "2.6499999e+09"},
    {"267e7", "2.6700001e+09"},
    {"269e7", "2.6899999e+09"},
    {"271e7", "2.7100001e+09"},
    {"273e7", "2.7299999e+09"},
    {"275e7", "2.7500001e+09"},
    {"277e7", "2.7699999e+09"},
    {"279e7", "2.7900001e+09"},
    {"281e7", "2.8099999e+09"},
    {"283e7", "2.8300001e+09"},
    {"285e7", "2.8499999e+09"},
    {"287e7", "2.8700001e+09"},
    {"289e7", "2.8899999e+09"},
    {"291e7", "2.9100001e+09"},
    {"293e7", "2.9299999e+09"},
};

}  // namespace

TEST_CASE("smallint, integer and bigint input match PostgreSQL 15", "[numbers][pg15]") {
  for (const IntCase& c : kIntCases) {
    INFO("input: \"" << c.input << "\"");
    CHECK(pg_text(c.input, Type::int16()) == c.int2);
    CHECK(pg_text(c.input, Type::int32()) == c.int4);
    CHECK(pg_text(c.input, Type::int64()) == c.int8);
  }
}

TEST_CASE("real, double precision and numeric input and output match PostgreSQL 15", "[numbers][pg15]") {
  for (const FloatCase& c : kFloatCases) {
    INFO("input: \"" << c.input << "\"");
    CHECK(pg_text(c.input, Type::float32()) == c.float4);
    CHECK(pg_text(c.input, Type::float64()) == c.float8);
    if (c.numeric != nullptr) CHECK(pg_text(c.input, Type::numeric()) == c.numeric);
  }
}

TEST_CASE("float output of exact halfway decimals matches PostgreSQL 15", "[numbers][pg15]") {
  for (const OutputCase& c : kFloat8Ties) {
    INFO("input: \"" << c.input << "\"");
    CHECK(pg_text(c.input, Type::float64()) == c.expected);
  }
  for (const OutputCase& c : kFloat4Ties) {
    INFO("input: \"" << c.input << "\"");
    CHECK(pg_text(c.input, Type::float32()) == c.expected);
  }
}
