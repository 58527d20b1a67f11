// Array constructs over Eddy's text-form arrays (common/array_text.h): ARRAY[a, b], a[i],
// x op ANY|ALL (array), and || between arrays and elements.
#include "common/array_text.h"
#include "common/error.h"
#include "common/value_text.h"
#include "engine/expr/binding.h"
#include "engine/expr/kernel_util.h"
#include "engine/expr/special_forms.h"

namespace eddy::engine {
namespace {

using namespace kernel;
using KArgs = std::vector<const Column*>;

std::optional<std::string> element_text(const Column& c, size_t row) {
  if (c.is_null(row)) return std::nullopt;
  std::string s;
  append_value_text(s, c, row);
  return s;
}

void k_array_build(const KArgs& args, size_t rows, Column& out) {
  Column result(out.type());
  for (size_t i = 0; i < rows; ++i) {
    ArrayElements elements;
    for (const Column* a : args) elements.push_back(element_text(*a, i * stride(*a, rows)));
    result.append_string(format_array(elements, out.type()));
  }
  out = std::move(result);
}

void k_subscript(const KArgs& args, size_t rows, Column& out) {
  Column result(out.type());
  const Column &arr = *args[0], &idx = *args[1];
  const size_t sa = stride(arr, rows), si = stride(idx, rows);
  for (size_t i = 0; i < rows; ++i) {
    if (arr.is_null(i * sa) || idx.is_null(i * si)) {
      result.append_null();
      continue;
    }
    ArrayElements elements = parse_array_elements(arr.strings()[i * sa], arr.type());
    const int64_t k = idx.ints()[i * si] - array_lower_bound(arr.type());
    if (k < 0 || k >= static_cast<int64_t>(elements.size()) || !elements[static_cast<size_t>(k)]) {
      result.append_null();
      continue;
    }
    result.append(parse_value(*elements[static_cast<size_t>(k)], out.type()));
  }
  out = std::move(result);
}

// array || array, array || element, element || array (kSide: 0, 1, 2).
template <int kSide>
void k_array_concat(const KArgs& args, size_t rows, Column& out) {
  Column result(out.type());
  const Column &a = *args[0], &b = *args[1];
  const size_t sa = stride(a, rows), sb = stride(b, rows);
  for (size_t i = 0; i < rows; ++i) {
    ArrayElements elements;
    if (kSide == 2) elements.push_back(element_text(a, i * sa));
    else if (!a.is_null(i * sa)) elements = parse_array_elements(a.strings()[i * sa], a.type());
    if (kSide == 1) {
      elements.push_back(element_text(b, i * sb));
    } else if (!b.is_null(i * sb)) {
      ArrayElements more = parse_array_elements(b.strings()[i * sb], b.type());
      elements.insert(elements.end(), more.begin(), more.end());
    }
    if (kSide == 0 && a.is_null(i * sa) && b.is_null(i * sb)) result.append_null();
    else result.append_string(format_array(elements, out.type()));
  }
  out = std::move(result);
}

bool apply(int op, int c) {
  switch (op) {
    case 0: return c == 0;
    case 1: return c != 0;
    case 2: return c < 0;
    case 3: return c <= 0;
    case 4: return c > 0;
    default: return c >= 0;
  }
}

// x op ANY|ALL (array): elements are read as x's type; NULLs make an undecided answer NULL.
template <int kOp, bool kAll>
void k_any_all(const KArgs& args, size_t rows, Column& out) {
  Column result(Type::boolean());
  const Column &x = *args[0], &arr = *args[1];
  const size_t sx = stride(x, rows), sa = stride(arr, rows);
  for (size_t i = 0; i < rows; ++i) {
    if (arr.is_null(i * sa)) {
      result.append_null();
      continue;
    }
    ArrayElements elements = parse_array_elements(arr.strings()[i * sa], arr.type());
    if (elements.empty()) {
      result.append_int(kAll ? 1 : 0);
      continue;
    }
    if (x.is_null(i * sx)) {
      result.append_null();
      continue;
    }
    const Value lhs = x.get(i * sx);
    bool decided = false, saw_null = false;
    for (const auto& e : elements) {
      if (!e) {
        saw_null = true;
        continue;
      }
      const bool t = apply(kOp, compare_values(lhs, parse_value(*e, lhs.type)));
      if (t != kAll) {
        decided = true;
        break;
      }
    }
    if (decided) result.append_int(kAll ? 0 : 1);
    else if (saw_null) result.append_null();
    else result.append_int(kAll ? 1 : 0);
  }
  out = std::move(result);
}

int op_index(std::string_view op) {
  if (op == "=") return 0;
  if (op == "<>") return 1;
  if (op == "<") return 2;
  if (op == "<=") return 3;
  if (op == ">") return 4;
  if (op == ">=") return 5;
  return -1;
}

template <bool kAll>
ScalarFn any_all_kernel(int op) {
  switch (op) {
    case 0: return &k_any_all<0, kAll>;
    case 1: return &k_any_all<1, kAll>;
    case 2: return &k_any_all<2, kAll>;
    case 3: return &k_any_all<3, kAll>;
    case 4: return &k_any_all<4, kAll>;
    default: return &k_any_all<5, kAll>;
  }
}

Type element_or_text(const BoundExpr& e) { return bind::is_unknown(e) ? Type::text() : e.type; }

}  // namespace

BoundExprPtr bind_array_constructor(std::vector<BoundExprPtr> items, int position) {
  Type element = items.empty() ? Type::text() : bind::common_type_of(items, "ARRAY", position);
  if (element.is_array())
    throw SqlError(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported", position);
  if (element.id == TypeId::Varchar) element = Type::text();
  for (auto& item : items) item = bind::coerce_implicit(std::move(item), element);
  return bind::make_call("array", Type::array_of(element), &k_array_build, std::move(items), position);
}

BoundExprPtr bind_subscript(BoundExprPtr array, BoundExprPtr index, int position) {
  if (!array->type.is_array())
    throw SqlError(sqlstate::kDatatypeMismatch,
                   "cannot subscript type " + array->type.sql_name() + " because it does not support subscripting",
                   position);
  index = bind_cast(std::move(index), Type::int32(), position);
  std::vector<BoundExprPtr> args;
  Type element = array->type.element();
  args.push_back(std::move(array));
  args.push_back(std::move(index));
  return bind::make_call("[]", element, &k_subscript, std::move(args), position);
}

BoundExprPtr bind_array_concat(BoundExprPtr left, BoundExprPtr right, int position) {
  const bool la = left->type.is_array(), ra = right->type.is_array();
  std::vector<BoundExprPtr> args;
  if (la && ra) {
    Type t = Type::array_of(left->type.element());
    args.push_back(std::move(left));
    args.push_back(std::move(right));
    return bind::make_call("||", t, &k_array_concat<0>, std::move(args), position);
  }
  if (la) {
    Type t = Type::array_of(left->type.element());
    right = bind::coerce_implicit(std::move(right), left->type.element());
    args.push_back(std::move(left));
    args.push_back(std::move(right));
    return bind::make_call("||", t, &k_array_concat<1>, std::move(args), position);
  }
  Type t = Type::array_of(right->type.element());
  left = bind::coerce_implicit(std::move(left), right->type.element());
  args.push_back(std::move(left));
  args.push_back(std::move(right));
  return bind::make_call("||", t, &k_array_concat<2>, std::move(args), position);
}

BoundExprPtr bind_array_any_all(std::string_view op, bool all, BoundExprPtr lhs, BoundExprPtr array, int position) {
  if (bind::is_unknown(*array)) array = bind_cast(std::move(array), Type::array_of(element_or_text(*lhs)), position);
  if (!array->type.is_array())
    throw SqlError(sqlstate::kWrongObjectType, "op ANY/ALL (array) requires array on right side", position);
  const int index = op_index(op);
  if (index < 0)
    throw SqlError(sqlstate::kUndefinedFunction, "operator does not exist: " + std::string(op) + " ANY/ALL (array)", position);
  Type element = array->type.element();
  if (bind::is_unknown(*lhs)) lhs = bind_cast(std::move(lhs), element, position);
  if (lhs->type.physical() != element.physical() && !(lhs->type.is_numeric() && element.is_numeric()))
    throw SqlError(sqlstate::kUndefinedFunction,
                   "operator does not exist: " + lhs->type.sql_name() + " " + std::string(op) + " " + element.sql_name(),
                   position);
  std::vector<BoundExprPtr> args;
  args.push_back(std::move(lhs));
  args.push_back(std::move(array));
  return bind::make_call(std::string(op) + (all ? " ALL" : " ANY"), Type::boolean(),
                         all ? any_all_kernel<true>(index) : any_all_kernel<false>(index), std::move(args), position);
}

}  // namespace eddy::engine
