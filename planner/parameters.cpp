#include "planner/parameters.h"

namespace eddy::planner {

namespace {
thread_local const std::vector<ParameterValue>* t_parameters = nullptr;
}

ParameterScope::ParameterScope(const std::vector<ParameterValue>* values) : previous_(t_parameters) {
  t_parameters = values;
}
ParameterScope::~ParameterScope() { t_parameters = previous_; }

const std::vector<ParameterValue>* current_parameters() { return t_parameters; }

}  // namespace eddy::planner
