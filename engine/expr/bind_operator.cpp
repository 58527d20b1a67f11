// Operator resolution: normalizes the name, gives unknown literals a type from the other
// operand (PostgreSQL's rule: assume the other side's type, with the documented exceptions
// for date/time arithmetic), then asks each operator family.
//
// Accepted names (case-insensitive):
//   binary   + - * / %   ||   = <> != < <= > >=   is distinct from, is not distinct from
//            like ilike not like, not ilike (also ~~ ~~* !~~ !~~*; an optional third
//            argument is the ESCAPE character)   ~ ~* !~ !~*   and or (two or more operands)
//   unary    - +  not   is true, is not true, is false, is not false, is unknown, is not unknown
#include <cctype>

#include "common/error.h"
#include "engine/expr/binding.h"
#include "engine/expr/operators.h"
#include "engine/expr/special_forms.h"

namespace eddy::engine {
namespace {

using bind::is_unknown;

std::string normalize(std::string_view op) {
  std::string out;
  bool space = false;
  for (char c : op) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (out == "!=") return "<>";
  if (out == "~~") return "like";
  if (out == "~~*") return "ilike";
  if (out == "!~~") return "not like";
  if (out == "!~~*") return "not ilike";
  return out;
}

// The spelling PostgreSQL's errors use.
std::string display(const std::string& op) {
  if (op == "like") return "~~";
  if (op == "ilike") return "~~*";
  if (op == "not like") return "!~~";
  if (op == "not ilike") return "!~~*";
  return op;
}

enum class OpClass { Arithmetic, Comparison, Distinct, Concat, Like, Regex, Bitwise, Other };

OpClass classify(const std::string& op) {
  if (op == "+" || op == "-" || op == "*" || op == "/" || op == "%") return OpClass::Arithmetic;
  if (op == "=" || op == "<>" || op == "<" || op == "<=" || op == ">" || op == ">=") return OpClass::Comparison;
  if (op == "is distinct from" || op == "is not distinct from") return OpClass::Distinct;
  if (op == "||") return OpClass::Concat;
  if (op == "like" || op == "ilike" || op == "not like" || op == "not ilike") return OpClass::Like;
  if (op == "~" || op == "~*" || op == "!~" || op == "!~*") return OpClass::Regex;
  if (op == "&" || op == "|" || op == "#" || op == "<<" || op == ">>") return OpClass::Bitwise;
  return OpClass::Other;
}

bool is_ts(Type t) { return t.id == TypeId::Timestamp || t.id == TypeId::TimestampTz; }

// The type an unknown operand of an arithmetic operator takes, given the other operand's.
std::optional<Type> arithmetic_partner(char op, Type other, bool unknown_on_left) {
  if (other.is_numeric()) return Type(other.id);
  if (other.id == TypeId::Interval) {
    if (op == '+' || op == '-') return Type::interval();
    if (op == '*' || (op == '/' && !unknown_on_left)) return Type::float64();
    return std::nullopt;
  }
  if (is_ts(other)) {
    if (op == '-') return other;
    if (op == '+') return Type::interval();
  }
  if (other.id == TypeId::Date && op == '-') return Type::date();
  return std::nullopt;
}

void resolve_unknowns(const std::string& op, OpClass cls, ops::Args& args, const std::string& signature,
                      int position) {
  const bool lu = is_unknown(*args[0]), ru = is_unknown(*args[1]);
  if (!lu && !ru) return;
  if (lu && ru) {
    if (cls == OpClass::Arithmetic) bind::throw_ambiguous_operator(signature, position);
    for (auto& a : args) a = bind::coerce_implicit(std::move(a), Type::text());
    return;
  }
  BoundExprPtr& u = lu ? args[0] : args[1];
  const Type other = (lu ? args[1] : args[0])->type;
  std::optional<Type> t;
  switch (cls) {
    case OpClass::Comparison:
    case OpClass::Distinct: t = other.id == TypeId::Varchar ? Type::text() : other; break;
    case OpClass::Concat:
    case OpClass::Like:
    case OpClass::Regex: t = Type::text(); break;
    case OpClass::Arithmetic:
      t = arithmetic_partner(op[0], other, lu);
      if (!t && other.id == TypeId::Date && op == "+") bind::throw_ambiguous_operator(signature, position);
      break;
    case OpClass::Bitwise: t = other.is_integer() ? other : Type::int32(); break;
    case OpClass::Other: break;
  }
  if (t) u = bind::coerce_implicit(std::move(u), *t);
}

BoundExprPtr to_boolean(BoundExprPtr e, const char* what) {
  if (is_unknown(*e)) return bind::coerce_implicit(std::move(e), Type::boolean());
  if (e->type.id == TypeId::Bool) return e;
  throw SqlError(sqlstate::kDatatypeMismatch,
                 std::string("argument of ") + what + " must be type boolean, not type " + e->type.sql_name(),
                 e->position);
}

BoundExprPtr bind_logic(const std::string& op, ops::Args args, int position) {
  auto node = std::make_unique<BoundExpr>();
  node->type = Type::boolean();
  node->position = position;
  if (op == "not") {
    if (args.size() != 1) throw SqlError(sqlstate::kInternalError, "NOT takes one operand", position);
    node->kind = BoundKind::Not;
    node->children.push_back(to_boolean(std::move(args[0]), "NOT"));
    return node;
  }
  node->kind = op == "and" ? BoundKind::And : BoundKind::Or;
  const char* what = op == "and" ? "AND" : "OR";
  for (auto& a : args) {
    auto child = to_boolean(std::move(a), what);
    if (child->kind == node->kind) {  // a AND (b AND c) -> AND(a, b, c): same result, same order
      for (auto& grandchild : child->children) node->children.push_back(std::move(grandchild));
    } else {
      node->children.push_back(std::move(child));
    }
  }
  return node;
}

BoundExprPtr bind_unary(const std::string& op, ops::Args& args, int position) {
  const std::string signature = bind::operator_signature(display(op), args);
  if (op == "-" || op == "+") {
    if (is_unknown(*args[0])) bind::throw_ambiguous_operator(signature, position);
    if (auto e = ops::bind_unary_sign(op[0], args, position)) return e;
  } else if (op.rfind("is ", 0) == 0) {
    if (is_unknown(*args[0])) args[0] = bind::coerce_implicit(std::move(args[0]), Type::boolean());
    if (auto e = ops::bind_bool_test(op, args, position)) return e;
  }
  bind::throw_undefined_operator(signature, position);
}

}  // namespace

BoundExprPtr bind_operator(std::string_view op_name, std::vector<BoundExprPtr> args, int position) {
  const std::string op = normalize(op_name);
  if (op == "and" || op == "or" || op == "not") return bind_logic(op, std::move(args), position);
  if (args.size() == 1) return bind_unary(op, args, position);
  const OpClass cls = classify(op);
  const bool escape_ok = cls == OpClass::Like && args.size() == 3;
  if (args.size() != 2 && !escape_ok) {
    throw SqlError(sqlstate::kInternalError, "operator " + op + " given " + std::to_string(args.size()) + " operands",
                   position);
  }
  if (op == "[]" && args.size() == 2) return bind_subscript(std::move(args[0]), std::move(args[1]), position);
  if (cls == OpClass::Concat && (args[0]->type.is_array() || args[1]->type.is_array()))
    return bind_array_concat(std::move(args[0]), std::move(args[1]), position);
  const std::string signature = bind::operator_signature(display(op), args);
  resolve_unknowns(op, cls, args, signature, position);
  BoundExprPtr e;
  switch (cls) {
    case OpClass::Arithmetic:
      if (args[0]->type.is_numeric() && args[1]->type.is_numeric()) {
        e = ops::bind_numeric_arithmetic(op[0], args, position);
      } else {
        e = ops::bind_datetime_arithmetic(op[0], args, position);
      }
      break;
    case OpClass::Comparison: e = ops::bind_comparison(op, args, position); break;
    case OpClass::Distinct: e = ops::bind_distinct(op == "is not distinct from", args, position); break;
    case OpClass::Concat: e = ops::bind_concat_operator(args, position); break;
    case OpClass::Like: e = ops::bind_like(op, args, position); break;
    case OpClass::Regex: e = ops::bind_regex(op, args, position); break;
    case OpClass::Bitwise: e = ops::bind_bitwise(op, args, position); break;
    case OpClass::Other: break;
  }
  if (!e) bind::throw_undefined_operator(signature, position);
  return e;
}

}  // namespace eddy::engine
