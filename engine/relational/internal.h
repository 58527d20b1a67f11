#pragma once
// The executors of each relational node kind (internal to engine/relational).

#include "engine/relation_plan.h"

namespace eddy::engine {

Batch execute_join(const RelNode& node);                 // join.cpp
Batch execute_set_op(const RelNode& node);               // set_op.cpp
Batch execute_window(const RelNode& node);               // window.cpp
Batch execute_project_set(const RelNode& node);          // project_set.cpp
Batch execute_function(const RelNode& node);             // project_set.cpp

// Column references of a bound expression (push_down.cpp): the lowest and highest input column
// it reads (lo stays INT32_MAX and hi -1 when it reads none), and renumbering them by `by`.
void column_span(const BoundExpr& e, int& lo, int& hi);
void shift_columns(BoundExpr& e, int by);

// Appends every row of `from` to `to` (same column types).
void append_batch(Batch& to, const Batch& from);

}  // namespace eddy::engine
