// Overload selection and the errors of failed resolution.
#include <algorithm>

#include "common/error.h"
#include "engine/expr/binding.h"

namespace eddy::engine::bind {
namespace {

struct Candidate {
  const Signature* sig;
  std::vector<Type> params;
  int exact = 0;
  int preferred = 0;
};

bool expand(const Signature& sig, size_t nargs, std::vector<Type>& params) {
  params = sig.params;
  if (!sig.variadic) return params.size() == nargs;
  if (params.empty() || nargs + 1 < params.size()) return false;
  const Type last = params.back();
  params.pop_back();
  while (params.size() < nargs) params.push_back(last);
  return true;
}

template <class Keep>
void narrow(std::vector<Candidate>& cands, Keep keep) {
  std::vector<Candidate> kept;
  for (auto& c : cands) {
    if (keep(c)) kept.push_back(c);
  }
  if (!kept.empty()) cands.swap(kept);
}

std::string arg_list(const std::vector<BoundExprPtr>& args) {
  std::string out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += ", ";
    out += error_type_name(*args[i]);
  }
  return out;
}

}  // namespace

BoundExprPtr make_call(std::string name, Type result, ScalarFn fn, std::vector<BoundExprPtr> args, int position) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundKind::Call;
  e->type = result;
  e->fn = fn;
  e->name = std::move(name);
  e->children = std::move(args);
  e->position = position;
  return e;
}

const Signature* select_candidate(const std::vector<BoundExprPtr>& args, const std::vector<Signature>& sigs) {
  std::vector<Candidate> cands;
  for (const auto& sig : sigs) {
    Candidate c{&sig, {}, 0, 0};
    if (!expand(sig, args.size(), c.params)) continue;
    bool viable = true;
    for (size_t i = 0; i < args.size() && viable; ++i) {
      if (is_unknown(*args[i])) continue;
      const Type a = args[i]->type, p = c.params[i];
      if (a.id == p.id) {
        ++c.exact;
      } else if (can_coerce_implicitly(a, p)) {
        if (is_preferred(p) && category(p) == category(a)) ++c.preferred;
      } else {
        viable = false;
      }
    }
    if (viable) cands.push_back(std::move(c));
  }
  if (cands.empty()) return nullptr;
  int best = 0;
  for (const auto& c : cands) best = std::max(best, c.exact);
  narrow(cands, [&](const Candidate& c) { return c.exact == best; });
  best = 0;
  for (const auto& c : cands) best = std::max(best, c.preferred);
  narrow(cands, [&](const Candidate& c) { return c.preferred == best; });
  for (size_t i = 0; i < args.size(); ++i) {
    if (!is_unknown(*args[i])) continue;
    narrow(cands, [&](const Candidate& c) { return category(c.params[i]) == Category::String; });
    narrow(cands, [&](const Candidate& c) { return is_preferred(c.params[i]); });
  }
  return cands.front().sig;
}

BoundExprPtr apply_signature(std::string name, const Signature& sig, std::vector<BoundExprPtr> args, int position) {
  std::vector<Type> params;
  expand(sig, args.size(), params);
  for (size_t i = 0; i < args.size(); ++i) args[i] = coerce_implicit(std::move(args[i]), params[i]);
  return make_call(std::move(name), sig.result, sig.fn, std::move(args), position);
}

void throw_undefined_function(std::string_view name, const std::vector<BoundExprPtr>& args, int position) {
  throw SqlError(sqlstate::kUndefinedFunction,
                 "function " + std::string(name) + "(" + arg_list(args) + ") does not exist", position)
      .with_hint("No function matches the given name and argument types. You might need to add explicit type casts.");
}

std::string operator_signature(std::string_view op, const std::vector<BoundExprPtr>& args) {
  if (args.size() == 1) return std::string(op) + " " + error_type_name(*args[0]);
  std::string out = error_type_name(*args[0]) + " " + std::string(op) + " " + error_type_name(*args[1]);
  return out;
}

void throw_undefined_operator(const std::string& signature, int position) {
  throw SqlError(sqlstate::kUndefinedFunction, "operator does not exist: " + signature, position)
      .with_hint("No operator matches the given name and argument types. You might need to add explicit type casts.");
}

void throw_ambiguous_operator(const std::string& signature, int position) {
  throw SqlError("42725", "operator is not unique: " + signature, position)
      .with_hint("Could not choose a best candidate operator. You might need to add explicit type casts.");
}

}  // namespace eddy::engine::bind
