#pragma once
// Helpers for the expression tests: build bound expressions by hand, evaluate them, and check
// SqlErrors by SQLSTATE and message.

#include <catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "common/value_text.h"
#include "engine/expr/column_name.h"
#include "engine/expr/special_forms.h"
#include "engine/expression.h"

namespace exprtest {

using namespace eddy;
using namespace eddy::engine;

inline BoundExprPtr i4(int64_t v) { return make_constant(Value::int32(v)); }
inline BoundExprPtr i8(int64_t v) { return make_constant(Value::int64(v)); }
inline BoundExprPtr i2(int64_t v) { return make_constant(Value::make_int(Type::int16(), v)); }
inline BoundExprPtr f8(double v) { return make_constant(Value::float64(v)); }
inline BoundExprPtr f4(double v) {
  Value x = Value::float64(static_cast<float>(v));
  x.type = Type::float32();
  return make_constant(x);
}
inline BoundExprPtr num(double v) { return make_constant(Value::numeric(v)); }
inline BoundExprPtr boolean(bool b) { return make_constant(Value::boolean(b)); }
inline BoundExprPtr text(std::string s) { return make_constant(Value::text(std::move(s))); }
inline BoundExprPtr lit(std::string s, int position = 0) { return make_unknown_literal(std::move(s), position); }
inline BoundExprPtr null() { return make_constant(Value::null()); }
inline BoundExprPtr typed_null(Type t) { return make_constant(Value::null(t)); }
inline BoundExprPtr ts(const char* s) { return bind_cast(lit(s), Type::timestamp(), 0); }
inline BoundExprPtr tstz(const char* s) { return bind_cast(lit(s), Type::timestamptz(), 0); }
inline BoundExprPtr date(const char* s) { return bind_cast(lit(s), Type::date(), 0); }
inline BoundExprPtr iv(const char* s) { return bind_cast(lit(s), Type::interval(), 0); }
inline BoundExprPtr col(int index, Type t, std::string name = "c") { return make_column_ref(index, t, std::move(name)); }

inline void push_all(std::vector<BoundExprPtr>&) {}
template <class... Rest>
void push_all(std::vector<BoundExprPtr>& v, BoundExprPtr first, Rest&&... rest) {
  v.push_back(std::move(first));
  push_all(v, std::forward<Rest>(rest)...);
}
template <class... A>
std::vector<BoundExprPtr> list(A&&... a) {
  std::vector<BoundExprPtr> v;
  push_all(v, std::forward<A>(a)...);
  return v;
}

inline BoundExprPtr op(std::string_view o, BoundExprPtr a, BoundExprPtr b) { return bind_operator(o, list(std::move(a), std::move(b)), 1); }
inline BoundExprPtr op(std::string_view o, BoundExprPtr a) { return bind_operator(o, list(std::move(a)), 1); }
template <class... A>
BoundExprPtr fn(std::string_view name, A&&... a) {
  return bind_function(name, list(std::forward<A>(a)...), 1);
}

// Evaluates an expression that reads no column.
inline Value eval(const BoundExprPtr& e) { return evaluate_constant(*e); }
inline Value eval(BoundExprPtr&& e) { return evaluate_constant(*e); }
// Its text as PostgreSQL prints it ("" for NULL).
inline std::string show(const BoundExprPtr& e) {
  Value v = evaluate_constant(*e);
  return v.is_null ? "NULL" : format_value(v);
}
inline std::string show(BoundExprPtr&& e) { return show(e); }

inline Batch make_batch(const std::vector<Type>& types, const std::vector<Row>& rows) {
  Batch b = Batch::with_types(types);
  for (const auto& r : rows) b.append_row(r);
  return b;
}

// Column values as text ("NULL" for NULL), for compact assertions.
inline std::vector<std::string> texts(const Column& c) {
  std::vector<std::string> out;
  for (size_t i = 0; i < c.size(); ++i) out.push_back(c.is_null(i) ? "NULL" : format_value(c.get(i)));
  return out;
}

}  // namespace exprtest

// Checks that `stmt` throws SqlError with this SQLSTATE and message.
#define REQUIRE_SQL_ERROR(stmt, code, msg)                  \
  do {                                                      \
    try {                                                   \
      (void)(stmt);                                         \
      FAIL("no error raised, expected " << (code));         \
    } catch (const eddy::SqlError& sql_error_) {            \
      CHECK(sql_error_.sqlstate() == std::string(code));    \
      CHECK(sql_error_.message() == std::string(msg));      \
    }                                                       \
  } while (false)
