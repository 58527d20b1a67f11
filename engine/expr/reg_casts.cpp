// Casts between text and the reg* types, which need the catalog: 'pg_class'::regclass reads a
// name (regclassin), 1259::regclass::text prints one (regclassout). See catalog_lookup.h.
#include "engine/catalog_lookup.h"
#include "engine/expr/cast_kernels.h"
#include "engine/expr/kernel_util.h"

namespace eddy::engine::casts {

using namespace kernel;

void reg_to_text(const Args& args, size_t rows, Column& out) {
  auto in = ints(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  const Type from = args[0]->type();
  for (size_t i = 0; i < rows; ++i)
    if (!is_null_at(nulls, i)) out.strings()[i] = reg_text(from, in[i]);
}

void text_to_reg(const Args& args, size_t rows, Column& out) {
  auto in = strings(*args[0], rows);
  const uint8_t* nulls = prepare_output(args, rows, out);
  for (size_t i = 0; i < rows; ++i)
    if (!is_null_at(nulls, i)) out.ints()[i] = *reg_input(out.type(), in[i]);
}

}  // namespace eddy::engine::casts
