#include "engine/expr/parameter_types.h"

namespace eddy::engine {

namespace {
thread_local ParameterTypeCollector* t_collector = nullptr;
}

ParameterTypeCollector::ParameterTypeCollector() : previous_(t_collector) { t_collector = this; }
ParameterTypeCollector::~ParameterTypeCollector() { t_collector = previous_; }

void note_parameter_type(int parameter, Type type) {
  if (t_collector == nullptr || type.id == TypeId::Null) return;
  t_collector->types_.emplace(parameter, Type(type.id));  // the first wins; no varchar(n) length
}

}  // namespace eddy::engine
