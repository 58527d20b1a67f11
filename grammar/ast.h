#pragma once
// Eddy's own syntax tree: what the ANTLR visitor in this folder produces and what the planner
// binds. Nothing of ANTLR appears here.
//
// Conventions:
//  - Identifiers are already case-folded: unquoted ones to lower case, "Quoted" ones kept as
//    written (without the quotes).
//  - `position` fields are 1-based character offsets into the whole query string that was
//    parsed (PostgreSQL's ErrorResponse 'P' convention); 0 means unknown.
//  - Keywords in string fields (operators, USING names, SHOW targets) are lower case.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace eddy::ast {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;
struct SelectStmt;
using SelectPtr = std::unique_ptr<SelectStmt>;

// A type as written: `name` is lower case and space-separated for multi-word names
// ("double precision", "character varying", "timestamp with time zone", "string", "long");
// `modifier` is the first (n) argument or -1.
struct TypeName {
  std::string name;
  int32_t modifier = -1;
  int position = 0;
};

enum class ExprKind {
  Literal,     // literal_kind + text
  ColumnRef,   // name: ["col"] or ["table", "col"]
  Star,        // `*` or `t.*` in a select list (name holds the qualifier, if any)
  Unary,       // op: "-", "+", "not"; args[0]
  Binary,      // op: "+", "-", "*", "/", "%", "||", "=", "<>" (also for !=), "<", "<=", ">",
               // ">=", "and", "or", "~", "~*", "!~", "!~*"; args[0], args[1]
  Function,    // name: [fn] or [schema, fn]; args; distinct; star_arg for count(*);
               // order_by for agg(x ORDER BY y); over for f(...) OVER (...)
  Cast,        // args[0]::type_name (CAST(x AS t) and x::t)
  Case,        // case_operand (optional), when_then pairs in args as [w1, t1, w2, t2, ...],
               // case_else (optional)
  IsNull,      // args[0] IS [NOT] NULL (negated for NOT)
  IsBool,      // args[0] IS [NOT] TRUE/FALSE: literal text "true"/"false", negated for NOT
  InList,      // args[0] [NOT] IN (args[1..])
  InSubquery,  // args[0] [NOT] IN (subquery)
  Between,     // args[0] [NOT] BETWEEN args[1] AND args[2]
  Like,        // args[0] [NOT] LIKE|ILIKE args[1] (op "like" or "ilike")
  Param,       // $n: param_index (1-based)
  Subquery,    // scalar subquery
  Exists,      // EXISTS (subquery)
  Array,       // ARRAY[args...]
  AnyAll,      // args[0] op ANY|ALL (args[1]): op in `op`, text "any"/"all"; args[1] is a
               // Subquery expression for op ANY|ALL (SELECT ...)
  FieldSelect, // (args[0]).text: a field of a composite value
};

enum class LiteralKind {
  Null,
  Bool,       // text "true" / "false"
  Integer,    // text as written, digits only
  Decimal,    // text as written: "1.5", "1e10", ".5"
  String,     // text: the unescaped contents
  Typed,      // TYPE 'string': type_name + text (TIMESTAMP '2026-...', INTERVAL '1 minute', DATE ...)
};

struct WindowDef;

struct OrderItem {
  ExprPtr expr;
  bool descending = false;
  std::optional<bool> nulls_first;  // unset: PostgreSQL's default (NULLS LAST for ASC)
};

struct Expr {
  ExprKind kind = ExprKind::Literal;
  int position = 0;

  LiteralKind literal_kind = LiteralKind::Null;
  std::string text;

  std::vector<std::string> name;
  std::string op;
  std::vector<ExprPtr> args;

  bool distinct = false;   // Function: f(DISTINCT x)
  bool star_arg = false;   // Function: count(*)
  bool negated = false;    // NOT IN, NOT BETWEEN, NOT LIKE, IS NOT NULL
  TypeName type_name;      // Cast, Typed literal
  ExprPtr case_operand;    // Case
  ExprPtr case_else;       // Case
  SelectPtr subquery;      // InSubquery, Subquery, Exists
  int param_index = 0;     // Param
  std::unique_ptr<WindowDef> over;  // Function: f(...) OVER (...)
  std::vector<OrderItem> order_by;  // Function: agg(x ORDER BY y) (inside the parentheses)
};

struct SelectItem {
  ExprPtr expr;
  std::string alias;  // empty when none
};

struct TableRef;
using TableRefPtr = std::unique_ptr<TableRef>;

enum class JoinType { Inner, Left, Right, Full, Cross };

struct TableRef {
  enum class Kind { Named, Subquery, Join, Function } kind = Kind::Named;
  std::vector<std::string> name;  // Named: ["t"] or ["schema", "t"]; Function: function name
  std::string alias;
  std::vector<std::string> column_aliases;
  SelectPtr subquery;             // Subquery
  std::vector<ExprPtr> args;      // Function arguments
  JoinType join_type = JoinType::Inner;
  TableRefPtr left, right;        // Join
  ExprPtr on;                     // Join ... ON
  std::vector<std::string> using_columns;  // Join ... USING (a, b)
  int position = 0;
};

// WITH name [(columns)] AS (query).
struct CommonTableExpr {
  std::string name;
  std::vector<std::string> columns;
  SelectPtr query;
  int position = 0;
};

// OVER (PARTITION BY ... ORDER BY ...) of a window function call.
struct WindowDef {
  std::vector<ExprPtr> partition_by;
  std::vector<OrderItem> order_by;
};

enum class SetOp { None, Union, UnionAll, Intersect, Except };

// SELECT. GROUP BY items are ordinary expressions; WINDOW(ts, size[, slide]) and
// SESSION_WINDOW(ts, gap) appear there as Function expressions named "window" and
// "session_window".
struct SelectStmt {
  bool distinct = false;
  std::vector<SelectItem> items;
  std::vector<TableRefPtr> from;  // comma-separated FROM items (each possibly a join tree)
  ExprPtr where;
  std::vector<ExprPtr> group_by;
  ExprPtr having;
  std::vector<OrderItem> order_by;
  ExprPtr limit;
  ExprPtr offset;
  bool emit_on_window_close = false;
  // A set operation chains this SELECT with `set_rhs`; order_by/limit then apply to the whole.
  SetOp set_op = SetOp::None;
  SelectPtr set_rhs;
  // WITH: named subqueries, visible in this statement (and each to the later ones).
  std::vector<CommonTableExpr> with;
  bool with_recursive = false;
  int position = 0;
};

struct ColumnDef {
  std::string name;
  TypeName type;
  bool primary_key = false;
  bool not_null = false;
  ExprPtr default_value;
  int position = 0;
};

struct Option {
  std::string key;    // as written, dots kept, lower-cased: "stream.keys", "host"
  std::string value;  // the string (or number, or identifier) value as text
  int position = 0;
};

struct Watermark {
  std::string column;
  ExprPtr expr;  // e.g. ts - INTERVAL '10 seconds'
};

struct CreateStream {
  bool if_not_exists = false;
  std::string name;
  std::vector<ColumnDef> columns;
  std::optional<Watermark> watermark;
  std::string using_;  // "" when no USING; else lower case: "redis", "generator", "socket", "file",
                       // "org.apache.spark.sql.redis"
  std::vector<Option> options;
};

struct CreateTable {
  bool if_not_exists = false;
  std::string name;
  std::vector<ColumnDef> columns;        // may be empty for CREATE TABLE ... AS
  std::vector<std::string> primary_key;  // a table-level PRIMARY KEY (a, b)
  std::string using_;
  std::vector<Option> options;
  SelectPtr as_select;                   // CREATE TABLE ... AS SELECT
};

struct CreateView {
  bool materialized = true;
  bool if_not_exists = false;
  bool or_replace = false;
  std::string name;
  std::vector<std::string> column_names;  // CREATE ... VIEW v (a, b) AS
  std::vector<Option> options;            // WITH (late_rows = 'dead_letter') AS
  SelectPtr query;                        // EMIT ON WINDOW CLOSE is query->emit_on_window_close
};

struct Insert {
  std::string table;
  std::vector<std::string> columns;           // empty: all columns in order
  std::vector<std::vector<ExprPtr>> values;   // VALUES rows (DEFAULT is a Function named "default")
  SelectPtr select;                           // INSERT ... SELECT
};

struct Subscribe;
struct CopyStmt {
  bool from = true;                  // COPY t FROM STDIN / COPY ... TO STDOUT
  std::optional<std::string> file;   // COPY ... FROM|TO 'file' (server side) instead of STDIN|STDOUT
  bool program = false;              // COPY ... FROM|TO PROGRAM 'command'
  std::string table;                 // COPY t [ (cols) ] FROM|TO
  std::vector<std::string> columns;
  SelectPtr query;                   // COPY (SELECT ...) TO STDOUT
  std::unique_ptr<Subscribe> subscribe;  // COPY (SUBSCRIBE ...) TO STDOUT
  std::vector<Option> options;       // WITH (FORMAT csv, HEADER true, DELIMITER ',') or legacy CSV/HEADER words
};

struct Subscribe {
  std::string target;                // SUBSCRIBE TO view
  SelectPtr query;                   // SUBSCRIBE TO (SELECT ...)
  std::string query_text;            // that SELECT as written
  std::vector<Option> options;       // WITH (snapshot true, ...)
};

struct Show {
  // "streams", "tables", "materialized views", "queries", "all", or a setting name
  // ("server_version", "transaction isolation level", "search_path", ...).
  std::string what;
};

struct Set {
  std::string name;                  // lower case; "time zone" normalized to "timezone"
  std::vector<std::string> values;   // as text; empty for SET x TO DEFAULT / RESET
  bool local = false;
  bool reset = false;                // RESET x / RESET ALL (name "all")
};

struct Describe { std::vector<std::string> name; };

enum class ObjectKind { Stream, Table, MaterializedView, View, Query, Role };

struct Drop {
  ObjectKind kind = ObjectKind::Table;
  bool if_exists = false;
  std::vector<std::string> names;    // DROP QUERY id: the id as text
  bool cascade = false;
};

struct Transaction {
  std::string action;  // "begin", "commit", "rollback"
  bool start = false;  // written START TRANSACTION (its tag), not BEGIN
};

struct DeclareCursor {
  std::string name;
  SelectPtr query;
  std::unique_ptr<Subscribe> subscribe;
  bool with_hold = false;
  bool binary = false;                // DECLARE c BINARY CURSOR: rows in binary format
  std::optional<bool> scroll;         // SCROLL / NO SCROLL; unset when neither was written
};

// FETCH / MOVE direction. NEXT is Forward 1, PRIOR Backward 1, FIRST Absolute 1, LAST
// Absolute -1; a negative count turns Forward into Backward and back (FETCH -2 c is BACKWARD 2).
enum class FetchDirection { Forward, Backward, Absolute, Relative };

struct Fetch {
  std::string cursor;
  FetchDirection direction = FetchDirection::Forward;
  int64_t count = 1;   // FETCH n c / FETCH FORWARD n c; FETCH ALL / FORWARD ALL / BACKWARD ALL => -1
                       // (Forward and Backward counts are never negative otherwise)
  bool move = false;   // MOVE: position the cursor, return no rows
};

struct Deallocate {
  std::string name;  // empty for ALL
  bool all = false;
};

struct CloseCursor {
  std::string cursor;  // "all" for CLOSE ALL
};

struct Statement;
struct Explain {
  std::unique_ptr<Statement> target;
  bool analyze = false;
};

struct CreateRole {
  std::string name;
  std::vector<Option> options;  // key "login"/"nologin"/"superuser"/"password" (value)
  bool alter = false;           // ALTER ROLE
};

using StatementBody = std::variant<SelectStmt, CreateStream, CreateTable, CreateView, Insert,
                                   CopyStmt, Subscribe, Show, Set, Describe, Drop, Transaction,
                                   DeclareCursor, Fetch, CloseCursor, Explain, CreateRole, Deallocate>;

struct Statement {
  StatementBody body;
  int position = 0;         // where the statement starts in the query string (1-based)
  std::string text;         // the statement's own text, without the trailing ';'
};

}  // namespace eddy::ast
