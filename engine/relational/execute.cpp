// execute_relation(): dispatch over the node kinds.
#include "common/error.h"
#include "common/interrupt.h"
#include "engine/relational/internal.h"

namespace eddy::engine {

void append_batch(Batch& to, const Batch& from) {
  if (to.columns.empty() && to.weights.empty()) {
    to = from;
    return;
  }
  for (size_t c = 0; c < to.columns.size() && c < from.columns.size(); ++c)
    for (size_t r = 0; r < from.rows(); ++r) to.columns[c].append_from(from.columns[c], r);
  to.weights.insert(to.weights.end(), from.weights.begin(), from.weights.end());
}

Batch execute_relation(const RelNode& node) {
  check_interrupts();  // cancel and statement_timeout: between nodes, and in the long loops below
  switch (node.kind) {
    case RelNode::Kind::Scan:
      if (!node.cache) node.cache = node.read();
      return *node.cache;
    case RelNode::Kind::OneRow: {
      Batch one;
      one.weights.push_back(1);
      return one;
    }
    case RelNode::Kind::Join: return execute_join(node);
    case RelNode::Kind::Query: return execute_batch(node.plan, execute_relation(*node.input));
    case RelNode::Kind::SetOp: return execute_set_op(node);
    case RelNode::Kind::Function: return execute_function(node);
    case RelNode::Kind::ProjectSet: return execute_project_set(node);
    case RelNode::Kind::Window: return execute_window(node);
  }
  throw SqlError(sqlstate::kInternalError, "unknown relational node");
}

}  // namespace eddy::engine
