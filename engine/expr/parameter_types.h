#pragma once
// Parameter type inference, for the extended query protocol's Parse: a $n whose type the
// client left unspecified takes the type its context first needs, as in PostgreSQL
// (`id = $1` gives $1 id's type, `$1 + 1` integer, `LIMIT $1` bigint, `$1::date` date).
//
// The planner binds such a $n as an unknown Constant with `parameter` = n; every conversion of
// an unknown expression goes through one cast (casts.cpp), which reports here the type it gives
// the placeholder. A ParameterTypeCollector on the binding thread records the first type of
// each n; without one, reports are ignored (the planner runs the same way when executing).

#include <map>

#include "common/type.h"

namespace eddy::engine {

class ParameterTypeCollector {
 public:
  ParameterTypeCollector();
  ~ParameterTypeCollector();
  ParameterTypeCollector(const ParameterTypeCollector&) = delete;
  ParameterTypeCollector& operator=(const ParameterTypeCollector&) = delete;

  // The type found for each $n, by n; a parameter no context typed is absent.
  const std::map<int, Type>& types() const { return types_; }

 private:
  friend void note_parameter_type(int parameter, Type type);
  std::map<int, Type> types_;
  ParameterTypeCollector* previous_;
};

// Called by the cast builder when it gives placeholder $`parameter` the type `type`.
void note_parameter_type(int parameter, Type type);

}  // namespace eddy::engine
