// Integer bitwise operators & | # << >> (smallint, integer, bigint): PostgreSQL's int2/4/8
// and/or/xor/shl/shr. Both operands are brought to the wider type; shifts take an int4 count
// and keep the left operand's type.
#include "engine/expr/binding.h"
#include "engine/expr/kernel_util.h"
#include "engine/expr/operators.h"

namespace eddy::engine::ops {
namespace {

using namespace kernel;
using KArgs = std::vector<const Column*>;

template <char kOp>
void k_bitwise(const KArgs& args, size_t rows, Column& out) {
  auto a = ints(*args[0], rows);
  auto b = ints(*args[1], rows);
  prepare_output(args, rows, out);
  int64_t* o = out.ints().data();
  const TypeId t = out.type().id;
  for (size_t i = 0; i < rows; ++i) {
    const int64_t x = a[i], y = b[i];
    int64_t r = 0;
    switch (kOp) {
      case '&': r = x & y; break;
      case '|': r = x | y; break;
      case '#': r = x ^ y; break;
      case '<':
      case '>': {
        const int width = t == TypeId::Int16 ? 16 : t == TypeId::Int32 ? 32 : 64;
        const int64_t n = y & (width - 1);  // the hardware's (and PostgreSQL's) modulo count
        const uint64_t ux = static_cast<uint64_t>(x);
        r = kOp == '<' ? static_cast<int64_t>(ux << n) : (x >> n);
        if (width == 16) r = static_cast<int16_t>(r);
        if (width == 32) r = static_cast<int32_t>(r);
        break;
      }
    }
    o[i] = r;
  }
}

}  // namespace

BoundExprPtr bind_bitwise(std::string_view op, Args& args, int position) {
  if (!args[0]->type.is_integer() || !args[1]->type.is_integer()) return nullptr;
  ScalarFn fn = nullptr;
  Type result = args[0]->type;
  if (op == "<<" || op == ">>") {
    args[1] = bind::coerce_implicit(std::move(args[1]), Type::int32());
    fn = op == "<<" ? &k_bitwise<'<'> : &k_bitwise<'>'>;
  } else {
    result = bind::numeric_rank(args[0]->type) >= bind::numeric_rank(args[1]->type) ? args[0]->type : args[1]->type;
    for (auto& a : args) a = bind::coerce_implicit(std::move(a), result);
    fn = op == "&" ? &k_bitwise<'&'> : op == "|" ? &k_bitwise<'|'> : &k_bitwise<'#'>;
  }
  return bind::make_call(std::string(op), Type(result.id), fn, std::move(args), position);
}

}  // namespace eddy::engine::ops
