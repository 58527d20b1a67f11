#pragma once
// The extended query protocol of one session: named and unnamed prepared statements and
// portals, Parse / Bind / Describe / Execute (with a row limit and PortalSuspended) / Close.
// Pure message handling: every call appends its reply messages to `out`; the session owns the
// socket, Sync and the skip-until-Sync rule after an error (every method may throw SqlError).
//
// Execution is eager per portal: the first Execute (or a Describe of a row-returning portal)
// runs the statement and keeps its result; later Executes page through it.

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "grammar/ast.h"
#include "planner/parameters.h"
#include "protocol/frontend_messages.h"
#include "server/executor.h"

namespace eddy {

class ExtendedQuery {
 public:
  ExtendedQuery(Executor& executor, SessionState& session) : executor_(executor), session_(session) {}

  void parse(const protocol::Parse& message, std::string& out);
  void bind(const protocol::Bind& message, std::string& out);
  void describe(const protocol::Describe& message, std::string& out);
  void execute(const protocol::Execute& message, std::string& out);
  void close(const protocol::Close& message, std::string& out);

 private:
  struct Prepared {
    std::string sql;
    std::shared_ptr<std::vector<ast::Statement>> statements;  // zero or one
    std::vector<uint32_t> param_types;                        // declared or inferred (text)
  };
  struct Result {
    std::vector<OutputColumn> columns;
    bool returns_rows = false;
    std::vector<Batch> batches;
    std::string tag;
    std::string messages;  // notices and ParameterStatus raised while running
  };
  struct Portal {
    std::shared_ptr<const Prepared> statement;
    std::vector<planner::ParameterValue> params;
    std::vector<int16_t> result_formats;
    std::optional<Result> result;
    size_t batch = 0, row = 0;  // how far Execute has sent
  };

  Result run(Portal& portal);
  void send_row_description(const std::vector<OutputColumn>& columns, const std::vector<int16_t>& formats,
                            std::string& out) const;

  Executor& executor_;
  SessionState& session_;
  std::map<std::string, std::shared_ptr<const Prepared>> statements_;
  std::map<std::string, Portal> portals_;
};

// Counts the $n parameters of a SQL text (the highest n), skipping quoted text and comments.
int count_parameters(std::string_view sql);

}  // namespace eddy
