#pragma once
// For tests of option and column checks: what a SqlError thrown by a call says.

#include <string>
#include <utility>

#include "common/error.h"

namespace eddy::test {

// The SQLSTATE and message of the SqlError `f` throws; {"none", ""} when it throws none.
template <class F>
std::pair<std::string, std::string> error_of(F f) {
  try {
    f();
  } catch (const SqlError& e) {
    return {e.sqlstate(), e.message()};
  }
  return {"none", ""};
}

}  // namespace eddy::test
