// Function resolution by name over the registry of fn_*.cpp files.
#include <cctype>

#include "engine/expr/functions.h"

namespace eddy::engine {

const fns::Registry& fns::registry() {
  static const fns::Registry r = [] {
    fns::Registry out;
    fns::register_math(out);
    fns::register_string(out);
    fns::register_string_more(out);
    fns::register_datetime(out);
    fns::register_misc(out);
    fns::register_catalog(out);
    fns::register_catalog_more(out);
    fns::register_array(out);
    return out;
  }();
  return r;
}

BoundExprPtr bind_function(std::string_view name_in, std::vector<BoundExprPtr> args, int position) {
  std::string name(name_in);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto& reg = fns::registry();
  auto it = reg.find(name);
  if (it == reg.end()) bind::throw_undefined_function(name, args, position);
  const fns::FunctionDef& def = it->second;
  BoundExprPtr e;
  if (def.custom != nullptr) {
    e = def.custom(name, args, position);
  } else if (const bind::Signature* s = bind::select_candidate(args, def.signatures)) {
    e = bind::apply_signature(def.node_name.empty() ? name : def.node_name, *s, std::move(args), position);
  }
  if (!e) bind::throw_undefined_function(name, args, position);
  return e;
}

}  // namespace eddy::engine
