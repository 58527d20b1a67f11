#pragma once
// Messages the server sends, except DataRow (data_row.h) and ErrorResponse / NoticeResponse
// (error_response.h). Each function appends one whole message — type byte, int32 length
// (itself included), payload — to `out`, so a session can batch a reply into one write.
// Byte layouts are listed in README.md and beside each function.
//
// All functions are pure and thread-safe; they throw only std::bad_alloc.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/type.h"

namespace eddy::protocol {

// ---- startup and authentication ----------------------------------------------------------------

// The single unframed byte answering SSLRequest: 'S' (go ahead with TLS) or 'N'.
void ssl_response(std::string& out, bool accept);
// The single unframed byte answering GSSENCRequest: 'G' or 'N'.
void gssenc_response(std::string& out, bool accept);

void authentication_ok(std::string& out);                  // 'R' int32 0
void authentication_cleartext_password(std::string& out);  // 'R' int32 3
void authentication_md5_password(std::string& out, const uint8_t (&salt)[4]);  // 'R' int32 5 | salt
// 'R' int32 10 | { cstring mechanism }* | byte 0
void authentication_sasl(std::string& out, std::span<const std::string_view> mechanisms);
void authentication_sasl_continue(std::string& out, std::string_view data);  // 'R' int32 11 | data
void authentication_sasl_final(std::string& out, std::string_view data);     // 'R' int32 12 | data

void parameter_status(std::string& out, std::string_view name, std::string_view value);  // 'S'
void backend_key_data(std::string& out, int32_t process_id, int32_t secret_key);        // 'K'
// 'v' int32 newest version supported (3.0 = 196608) | int32 n | cstring option[n]
void negotiate_protocol_version(std::string& out, std::span<const std::string> unrecognized_options,
                                int32_t newest_version = 3 << 16);

// ---- query cycle -------------------------------------------------------------------------------

enum class TransactionStatus : char { Idle = 'I', InTransaction = 'T', Failed = 'E' };
void ready_for_query(std::string& out, TransactionStatus status);  // 'Z' byte status

// One column of a RowDescription.
struct FieldDescription {
  std::string name;
  uint32_t table_oid = 0;   // 0 when the column is not a plain table column
  int16_t column_number = 0;  // attnum in that table, else 0
  uint32_t type_oid = 25;
  int16_t type_length = -1;  // pg_type.typlen
  int32_t type_modifier = -1;  // atttypmod: varchar(n) -> n + 4, else -1
  int16_t format = 0;  // 0 text, 1 binary

  // Describes a column of type `t` with PostgreSQL's OID, typlen and typmod.
  static FieldDescription of(std::string name, Type t, int16_t format = 0);
};
// PostgreSQL's atttypmod for `t`: VARCHAR(n) is n + 4 (VARHDRSZ), everything else -1.
int32_t pg_type_modifier(Type t);

// 'T' int16 n | { cstring name | uint32 table_oid | int16 attnum | uint32 type_oid |
//                 int16 typlen | int32 typmod | int16 format }[n]
void row_description(std::string& out, std::span<const FieldDescription> fields);
void command_complete(std::string& out, std::string_view tag);  // 'C' cstring tag ("SELECT 3")
void empty_query_response(std::string& out);                    // 'I'

// ---- extended query ----------------------------------------------------------------------------

void parse_complete(std::string& out);   // '1'
void bind_complete(std::string& out);    // '2'
void close_complete(std::string& out);   // '3'
void no_data(std::string& out);          // 'n'
void portal_suspended(std::string& out); // 's'
// 't' int16 n | uint32 type_oid[n]
void parameter_description(std::string& out, std::span<const uint32_t> type_oids);

// ---- COPY --------------------------------------------------------------------------------------

// 'G' (in), 'H' (out), 'W' (both): int8 overall format | int16 n | int16 format[n]. With
// overall format 0 (text) every column format must be 0.
void copy_in_response(std::string& out, int8_t format, std::span<const int16_t> column_formats);
void copy_out_response(std::string& out, int8_t format, std::span<const int16_t> column_formats);
void copy_both_response(std::string& out, int8_t format, std::span<const int16_t> column_formats);
// Convenience: every one of `columns` in the same format as the overall one.
std::vector<int16_t> uniform_formats(size_t columns, int8_t format);
void copy_data(std::string& out, std::string_view data);  // 'd' bytes
void copy_done(std::string& out);                         // 'c'

}  // namespace eddy::protocol
