#pragma once
// The executors of each relational node kind (internal to engine/relational).

#include "engine/relation_plan.h"

namespace eddy::engine {

Batch execute_join(const RelNode& node);                 // join.cpp
Batch execute_set_op(const RelNode& node);               // set_op.cpp
Batch execute_window(const RelNode& node);               // window.cpp
Batch execute_project_set(const RelNode& node);          // project_set.cpp
Batch execute_function(const RelNode& node);             // project_set.cpp

// Appends every row of `from` to `to` (same column types).
void append_batch(Batch& to, const Batch& from);

}  // namespace eddy::engine
