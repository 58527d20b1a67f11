// Set-returning functions: in FROM (a Function node: one call, arguments over no columns) and
// in a select list (a ProjectSet node: each input row is repeated as many times as its longest
// call has rows; shorter calls are padded with NULLs, PostgreSQL 10's rule).
#include "common/interrupt.h"
#include "engine/relational/internal.h"

namespace eddy::engine {
namespace {

std::vector<Value> argument_values(const std::vector<Column>& columns, size_t row) {
  std::vector<Value> out;
  out.reserve(columns.size());
  for (const auto& c : columns) out.push_back(c.get(c.size() == 1 ? 0 : row));
  return out;
}

}  // namespace

Batch execute_function(const RelNode& node) {
  const SetReturningCall& call = node.calls.at(0);
  Batch one;
  one.weights.push_back(1);
  std::vector<Column> args;
  for (const auto& a : call.args) args.push_back(evaluate(*a, one));
  return call.fn(argument_values(args, 0), call.types);
}

Batch execute_project_set(const RelNode& node) {
  Batch input = execute_relation(*node.input);
  Batch out = Batch::with_types(node.types);
  std::vector<std::vector<Column>> args(node.calls.size());
  for (size_t k = 0; k < node.calls.size(); ++k)
    for (const auto& a : node.calls[k].args) args[k].push_back(evaluate(*a, input));
  const size_t width = input.columns.size();
  std::vector<Batch> produced(node.calls.size());
  for (size_t r = 0; r < input.rows(); ++r) {
    if ((r & 1023) == 0) check_interrupts();
    size_t most = 0;
    for (size_t k = 0; k < node.calls.size(); ++k) {
      produced[k] = node.calls[k].fn(argument_values(args[k], r), node.calls[k].types);
      most = std::max(most, produced[k].rows());
    }
    check_result_size(out.rows() + most, node.types.size());
    for (size_t i = 0; i < most; ++i) {
      for (size_t c = 0; c < width; ++c) out.columns[c].append_from(input.columns[c], r);
      size_t column = width;
      for (size_t k = 0; k < node.calls.size(); ++k) {
        for (size_t c = 0; c < node.calls[k].types.size(); ++c, ++column) {
          if (i < produced[k].rows()) out.columns[column].append_from(produced[k].columns[c], i);
          else out.columns[column].append_null();
        }
      }
      out.weights.push_back(1);
    }
  }
  return out;
}

}  // namespace eddy::engine
