#pragma once
// Cast kernels (internal to engine/expr). Each converts args[0] to out.type(); the target's
// modifier (varchar(n)) is read from out.type().

#include <vector>

#include "common/column.h"

namespace eddy::engine::casts {

using Args = std::vector<const Column*>;

// Same representation, new type (timestamp -> timestamptz, float4 -> float8, jsonb -> text).
// The evaluator moves an owned argument column instead of calling it.
void relabel(const Args& args, size_t rows, Column& out);
void null_to_any(const Args& args, size_t rows, Column& out);          // from the NULL type
void int_to_int(const Args& args, size_t rows, Column& out);           // range-checked narrowing
void int_to_float(const Args& args, size_t rows, Column& out);         // float4 rounds to single
void float_to_int(const Args& args, size_t rows, Column& out);         // rint: half to even
void numeric_to_int(const Args& args, size_t rows, Column& out);       // half away from zero
void float_to_float(const Args& args, size_t rows, Column& out);       // to float4: range-checked
void int_to_bool(const Args& args, size_t rows, Column& out);
void date_to_timestamp(const Args& args, size_t rows, Column& out);
void timestamp_to_date(const Args& args, size_t rows, Column& out);
// To text / varchar(n) through the output function (bool gives true/false, as ::text does);
// the explicit form truncates to n characters, the assignment form raises 22001 unless only
// spaces are cut.
void to_text_explicit(const Args& args, size_t rows, Column& out);
void to_text_assignment(const Args& args, size_t rows, Column& out);
// Parses text as out.type() (PostgreSQL's input functions, via common/value_text.h).
// Between array types (and int2vector/oidvector): element by element.
void array_to_array(const Args& args, size_t rows, Column& out);
void from_text(const Args& args, size_t rows, Column& out);
// reg_casts.cpp: regclass/regtype/regproc/regnamespace to text (the object's name) and back
// (a name or a number), through engine/catalog_lookup.h's reg_text and reg_input.
void reg_to_text(const Args& args, size_t rows, Column& out);
void text_to_reg(const Args& args, size_t rows, Column& out);

}  // namespace eddy::engine::casts
