#pragma once
// Values of $n parameters for the statement being bound (extended query protocol). A session
// holds a ParameterScope on its thread while it executes a bound portal; the expression binder
// reads it when it meets $n.
//
// A text-format parameter binds as an untyped literal, so it takes the type its context needs
// (PostgreSQL's "unknown" parameter type); a binary one as a typed constant; NULL as NULL.

#include <optional>
#include <string>
#include <vector>

#include "common/value.h"

namespace eddy::planner {

struct ParameterValue {
  bool is_null = false;
  bool typed = false;     // binary format (or a declared type): `value` has its type
  std::string text;       // text format
  Value value;            // typed
};

class ParameterScope {
 public:
  explicit ParameterScope(const std::vector<ParameterValue>* values);
  ~ParameterScope();
  ParameterScope(const ParameterScope&) = delete;
  ParameterScope& operator=(const ParameterScope&) = delete;

 private:
  const std::vector<ParameterValue>* previous_;
};

// The values in force on this thread, or nullptr when none (simple query protocol).
const std::vector<ParameterValue>* current_parameters();

}  // namespace eddy::planner
