#pragma once
// The statement implementations behind Executor::execute, one family per file.

#include <memory>
#include <string>
#include <vector>

#include "grammar/ast.h"
#include "server/database.h"
#include "server/executor.h"

namespace eddy::exec {

// exec_select.cpp
void run_select(Database& db, const ast::SelectStmt& select, ResultWriter& out);
void run_explain(Database& db, const ast::Explain& explain, ResultWriter& out);
// The current contents of a relation as one batch in its column layout.
Batch read_relation(Database& db, const catalog::Relation& relation);

// exec_ddl.cpp
void create_stream(Database& db, const ast::CreateStream& stmt, ResultWriter& out);
void create_table(Database& db, const ast::CreateTable& stmt, ResultWriter& out);
void create_view(Database& db, const ast::CreateView& stmt, const std::string& text, ResultWriter& out);
void drop(Database& db, const ast::Drop& stmt, ResultWriter& out);

// exec_insert.cpp
void insert(Database& db, const ast::Insert& stmt, ResultWriter& out);
std::unique_ptr<CopyInTarget> copy_from(Database& db, const ast::CopyStmt& stmt);
// Appends rows (in the relation's visible-column order, already typed) to a stream or table.
// Returns the number of rows written. Throws on constraint violations; nothing is written then.
size_t write_rows(Database& db, const catalog::Relation& relation, Batch rows);

// exec_show.cpp
void show(Database& db, const ast::Show& stmt, SessionState& session, ResultWriter& out);
void set(const ast::Set& stmt, SessionState& session, ResultWriter& out);
void describe(Database& db, const ast::Describe& stmt, ResultWriter& out);

// Emits a result of text columns (SHOW, DESCRIBE, EXPLAIN).
void write_text_rows(ResultWriter& out, const std::vector<std::string>& columns,
                     const std::vector<std::vector<std::string>>& rows, const std::string& tag);

}  // namespace eddy::exec
