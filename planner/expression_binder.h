#pragma once
// Binds AST expressions to engine BoundExprs over a Scope.
//
// An optional intercept is consulted first at every node; when it returns an expression, that
// replaces the node (the select planner uses it to turn aggregate calls and GROUP BY keys into
// references to the aggregate's output). Everything else is resolved here: literals, column
// names, operators, functions, casts, CASE, IN, BETWEEN, LIKE, IS [NOT] NULL/TRUE/FALSE.

#include <functional>
#include <string>

#include "engine/expression.h"
#include "engine/relation_plan.h"
#include "grammar/ast.h"
#include "planner/scope.h"

namespace eddy::planner {

class ExpressionBinder {
 public:
  using Intercept = std::function<engine::BoundExprPtr(const ast::Expr&)>;

  // `clause` names where the expression stands ("WHERE", "VALUES", ...) for error messages
  // about aggregates and windows, which are never bound here.
  ExpressionBinder(const Scope& scope, std::string clause, Intercept intercept = {})
      : scope_(scope), clause_(std::move(clause)), intercept_(std::move(intercept)) {}

  engine::BoundExprPtr bind(const ast::Expr& expr) const;

 private:
  engine::BoundExprPtr bind_node(const ast::Expr& expr) const;
  engine::BoundExprPtr bind_literal(const ast::Expr& expr) const;
  engine::BoundExprPtr bind_column(const ast::Expr& expr) const;
  engine::BoundExprPtr bind_function(const ast::Expr& expr) const;
  engine::BoundExprPtr bind_case(const ast::Expr& expr) const;
  engine::BoundExprPtr bind_in_list(const ast::Expr& expr) const;
  // Subqueries (subquery_binding.cpp): plans expr.subquery through the thread's
  // PlanningContext, with this binder's scope as the enclosing one for correlation.
  engine::BoundExprPtr bind_subquery(const ast::Expr& expr, engine::SubqueryMode mode, const std::string& op,
                                     engine::BoundExprPtr tested) const;
  // A column of an enclosing query (a correlated reference), or null when there is none.
  engine::BoundExprPtr bind_outer_column(const std::string& qualifier, const std::string& name, int position) const;
  // (composite).field: the hidden column "<column>.<field>" of a composite-valued column.
  engine::BoundExprPtr bind_field(const ast::Expr& expr) const;

  const Scope& scope_;
  std::string clause_;
  Intercept intercept_;
};

// Resolves a TypeName as written (PostgreSQL and Spark spellings). Throws 42704
// `type "x" does not exist`.
Type resolve_type(const ast::TypeName& name);

// True when the expression contains an aggregate call (outside subqueries).
bool contains_aggregate(const ast::Expr& expr);

// PostgreSQL's default output column name for an expression (FigureColname): a column's name,
// a function's name, a cast's inner name or type name, "case", else "?column?".
std::string default_column_name(const ast::Expr& expr);

}  // namespace eddy::planner
