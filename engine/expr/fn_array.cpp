// Array functions over Eddy's one-dimensional arrays (held in PostgreSQL's text form, see
// common/array_text.h): array_to_string, array_length, array_lower, array_upper, array_ndims,
// array_dims, cardinality, array_position, array_remove. int2vector and oidvector count from
// 0, as in PostgreSQL.
//
// These are polymorphic in PostgreSQL (anyarray); here a custom binder takes any array type,
// and the signatures registered beside it (one per array type) are what pg_proc lists.
#include "common/array_text.h"
#include "common/value_text.h"
#include "engine/expr/binding.h"
#include "engine/expr/functions.h"
#include "engine/expr/kernel_util.h"
#include "engine/function_catalog.h"

namespace eddy::engine::fns {
namespace {

using namespace kernel;
using KArgs = std::vector<const Column*>;

ArrayElements elements_at(const Column& c, size_t row) { return parse_array_elements(c.strings()[row], c.type()); }

// array_to_string(array, delimiter [, null_string]): NULL elements are skipped unless a
// null_string is given (a NULL null_string counts as none).
void k_array_to_string(const KArgs& a, size_t rows, Column& out) {
  auto arr = strings(*a[0], rows);
  auto delim = strings(*a[1], rows);
  auto nulls_as = a.size() > 2 ? strings(*a[2], rows) : In<std::string>{};
  const uint8_t* nulls = prepare_output({a[0], a[1]}, rows, out);
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    const bool replace_nulls = a.size() > 2 && !nulls_as.null(i);
    std::string s;
    bool first = true;
    for (const auto& e : parse_array_elements(arr[i], a[0]->type())) {
      if (!e && !replace_nulls) continue;
      if (!first) s += delim[i];
      s += e ? *e : nulls_as[i];
      first = false;
    }
    out.strings()[i] = std::move(s);
  }
}

// array_lower (kWhat 0), array_upper (1), array_length (2) of dimension `dim`: NULL for an
// empty array or a dimension it does not have.
template <int kWhat>
void k_array_bound(const KArgs& a, size_t rows, Column& out) {
  auto dim = ints(*a[1], rows);
  uint8_t* nulls = prepare_output(a, rows, out);
  const int lower = array_lower_bound(a[0]->type());
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    const int64_t n = static_cast<int64_t>(elements_at(*a[0], stride(*a[0], rows) * i).size());
    if (n == 0 || dim[i] != 1) {
      nulls = set_output_null(out, i);
      continue;
    }
    out.ints()[i] = kWhat == 0 ? lower : (kWhat == 1 ? lower + n - 1 : n);
  }
}

void k_cardinality(const KArgs& a, size_t rows, Column& out) {
  const uint8_t* nulls = prepare_output(a, rows, out);
  for (size_t i = 0; i < rows; ++i)
    if (!is_null_at(nulls, i)) out.ints()[i] = static_cast<int64_t>(elements_at(*a[0], stride(*a[0], rows) * i).size());
}

void k_array_ndims(const KArgs& a, size_t rows, Column& out) {
  uint8_t* nulls = prepare_output(a, rows, out);
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    if (elements_at(*a[0], stride(*a[0], rows) * i).empty()) nulls = set_output_null(out, i);
    else out.ints()[i] = 1;
  }
}

void k_array_dims(const KArgs& a, size_t rows, Column& out) {
  uint8_t* nulls = prepare_output(a, rows, out);
  const int lower = array_lower_bound(a[0]->type());
  for (size_t i = 0; i < rows; ++i) {
    if (is_null_at(nulls, i)) continue;
    const size_t n = elements_at(*a[0], stride(*a[0], rows) * i).size();
    if (n == 0) nulls = set_output_null(out, i);
    else out.strings()[i] = "[" + std::to_string(lower) + ":" + std::to_string(lower + static_cast<int64_t>(n) - 1) + "]";
  }
}

// The canonical text of element argument `c` at `row` (nullopt for NULL), to compare with the
// array's element texts.
std::optional<std::string> element_text(const Column& c, size_t row) {
  if (c.is_null(row)) return std::nullopt;
  std::string s;
  append_value_text(s, c, row);
  return s;
}

// array_position(array, element [, start]): the first subscript at or after `start` whose
// element IS NOT DISTINCT FROM `element`, or NULL.
void k_array_position(const KArgs& a, size_t rows, Column& out) {
  size_output(rows, out);
  const int lower = array_lower_bound(a[0]->type());
  for (size_t i = 0; i < rows; ++i) {
    const size_t ra = stride(*a[0], rows) * i;
    if (a[0]->is_null(ra)) {
      set_output_null(out, i);
      continue;
    }
    int64_t start = lower;
    if (a.size() > 2) {
      const size_t rs = stride(*a[2], rows) * i;
      if (a[2]->is_null(rs)) throw SqlError(sqlstate::kNullValueNotAllowed, "initial position must not be null");
      start = a[2]->ints()[rs];
    }
    const auto wanted = element_text(*a[1], stride(*a[1], rows) * i);
    const ArrayElements elements = elements_at(*a[0], ra);
    bool found = false;
    for (size_t k = 0; k < elements.size() && !found; ++k) {
      const int64_t subscript = lower + static_cast<int64_t>(k);
      if (subscript < start || elements[k] != wanted) continue;
      out.ints()[i] = subscript;
      found = true;
    }
    if (!found) set_output_null(out, i);
  }
}

// array_remove(array, element): every element IS NOT DISTINCT FROM `element` removed.
void k_array_remove(const KArgs& a, size_t rows, Column& out) {
  size_output(rows, out);
  for (size_t i = 0; i < rows; ++i) {
    const size_t ra = stride(*a[0], rows) * i;
    if (a[0]->is_null(ra)) {
      set_output_null(out, i);
      continue;
    }
    const auto unwanted = element_text(*a[1], stride(*a[1], rows) * i);
    ArrayElements kept;
    for (auto& e : elements_at(*a[0], ra))
      if (e != unwanted) kept.push_back(std::move(e));
    out.strings()[i] = format_array(kept, a[0]->type());
  }
}

struct ArrayFunction {
  const char* name;
  ScalarFn fn;
  Type result;       // TypeId::Array with modifier -1: the argument's own array type
  size_t min_args, max_args;
  bool element_arg;  // the second argument is an element of the array
  bool vectors;      // also takes int2vector / oidvector
};

const ArrayFunction kFunctions[] = {
    {"array_to_string", &k_array_to_string, Type::text(), 2, 3, false, true},
    {"array_lower", &k_array_bound<0>, Type::int32(), 2, 2, false, true},
    {"array_upper", &k_array_bound<1>, Type::int32(), 2, 2, false, true},
    {"array_length", &k_array_bound<2>, Type::int32(), 2, 2, false, true},
    {"cardinality", &k_cardinality, Type::int32(), 1, 1, false, true},
    {"array_ndims", &k_array_ndims, Type::int32(), 1, 1, false, true},
    {"array_dims", &k_array_dims, Type::text(), 1, 1, false, true},
    {"array_position", &k_array_position, Type::int32(), 2, 3, true, false},
    {"array_remove", &k_array_remove, Type(TypeId::Array), 2, 2, true, false},
};

const ArrayFunction* find(std::string_view name) {
  for (const auto& f : kFunctions)
    if (name == f.name) return &f;
  return nullptr;
}

BoundExprPtr bind_array_function(std::string_view name, Args& args, int position) {
  const ArrayFunction* f = find(name);
  if (f == nullptr || args.size() < f->min_args || args.size() > f->max_args) return nullptr;
  if (bind::is_unknown(*args[0]) || !args[0]->type.is_array()) return nullptr;
  const Type array = args[0]->type;
  if (array.id != TypeId::Array && !f->vectors) return nullptr;
  std::vector<Type> params{array};
  for (size_t k = 1; k < args.size(); ++k) {
    Type p = Type::int32();
    if (f->element_arg && k == 1) p = array.element();
    else if (std::string_view(f->name) == "array_to_string") p = Type::text();
    const Type given = args[k]->type;
    if (!bind::is_unknown(*args[k]) && given.id != TypeId::Null && given != p && !bind::can_coerce_implicitly(given, p))
      return nullptr;
    params.push_back(p);
  }
  for (size_t k = 1; k < args.size(); ++k) args[k] = bind::coerce_implicit(std::move(args[k]), params[k]);
  const Type result = f->result.id == TypeId::Array ? array : f->result;
  return bind::make_call(std::string(name), result, f->fn, std::move(args), position);
}

}  // namespace

void register_array(Registry& r) {
  for (const auto& f : kFunctions) {
    FunctionDef def;
    def.custom = &bind_array_function;
    // pg_proc lists one signature per array type (PostgreSQL's single anyarray signature
    // has no equivalent among Eddy's types).
    for (Type array : list_types()) {
      if (array.id != TypeId::Array) continue;
      for (size_t n = f.min_args; n <= f.max_args; ++n) {
        std::vector<Type> params{array};
        for (size_t k = 1; k < n; ++k) {
          if (f.element_arg && k == 1) params.push_back(array.element());
          else if (std::string_view(f.name) == "array_to_string") params.push_back(Type::text());
          else params.push_back(Type::int32());
        }
        def.signatures.push_back(sig(params, f.result.id == TypeId::Array ? array : f.result, f.fn));
      }
    }
    r[f.name] = std::move(def);
  }
}

}  // namespace eddy::engine::fns
