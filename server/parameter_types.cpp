#include "server/parameter_types.h"

#include "common/error.h"
#include "engine/expr/parameter_types.h"
#include "engine/expr/special_forms.h"
#include "planner/parameters.h"
#include "server/exec_internal.h"

namespace eddy {

namespace {

constexpr uint32_t kTextOid = 25;

// Plans the parts of `body` that hold expressions, without running anything.
void plan_for_types(Database& db, const ast::StatementBody& body) {
  std::visit(
      [&](const auto& s) {
        using T = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<T, ast::SelectStmt>) {
          exec::describe_select(db, s);
        } else if constexpr (std::is_same_v<T, ast::Insert>) {
          exec::bind_insert(db, s);
        } else if constexpr (std::is_same_v<T, ast::DeclareCursor>) {
          if (s.query) exec::describe_select(db, *s.query);
        } else if constexpr (std::is_same_v<T, ast::CopyStmt>) {
          if (s.query) exec::describe_select(db, *s.query);
        } else if constexpr (std::is_same_v<T, ast::Explain>) {
          plan_for_types(db, s.target->body);
        }
      },
      body);
}

}  // namespace

std::vector<uint32_t> infer_parameter_types(Database& db, const ast::Statement& statement,
                                            const std::vector<uint32_t>& declared, size_t count) {
  std::vector<uint32_t> types(count, 0);
  std::vector<planner::ParameterValue> placeholders(count);
  bool any_unspecified = false;
  for (size_t i = 0; i < count; ++i) {
    placeholders[i].is_null = true;
    std::optional<Type> t = i < declared.size() && declared[i] != 0 ? type_from_oid(declared[i]) : std::nullopt;
    if (i < declared.size() && declared[i] != 0) types[i] = declared[i];
    if (t) {
      placeholders[i].typed = true;
      placeholders[i].value = Value::null(*t);
    }
    any_unspecified = any_unspecified || types[i] == 0;
  }
  if (any_unspecified) {
    engine::ParameterTypeCollector collector;
    try {
      planner::ParameterScope scope(&placeholders);
      engine::StatementTimeScope statement_time;
      plan_for_types(db, statement.body);
    } catch (const SqlError&) {
      // Reported when the statement runs; the types found so far stand.
    }
    for (const auto& [n, type] : collector.types())
      if (n >= 1 && static_cast<size_t>(n) <= count && types[n - 1] == 0) types[n - 1] = type.oid();
  }
  for (auto& t : types)
    if (t == 0) t = kTextOid;
  return types;
}

}  // namespace eddy
