#include "grammar/parse_cache.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "grammar/ast_clone.h"
#include "grammar/ast_equal.h"
#include "grammar/sql_text.h"

namespace eddy::grammar {

namespace {

// A faithful parse of one string of a shape: its tree and its literals.
struct Template {
  ast::SelectPtr select;
  std::vector<LiteralToken> literals;
  int statement_position = 0;
};

// What the cache knows of a shape: seen once (parsed, not yet proved), proved faithful (a
// template), or proved not to be (parsed by ANTLR every time).
struct Entry {
  enum class State { SeenOnce, Faithful, Unfaithful } state = State::SeenOnce;
  std::shared_ptr<const Template> faithful;
};

struct Cache {
  std::atomic<size_t> hits{0};
  std::mutex mutex;
  std::unordered_map<std::string, Entry> by_shape;
};

Cache& cache() {
  static Cache c;
  return c;
}

// What a literal node of `token` in `sql` holds: the integer as written, the string's value.
std::string literal_text(std::string_view sql, const LiteralToken& token) {
  std::string_view text = sql.substr(token.begin, token.end - token.begin);
  return token.kind == LiteralToken::Kind::String ? unquote_string(text) : std::string(text);
}

ast::LiteralKind literal_kind(const LiteralToken& token) {
  return token.kind == LiteralToken::Kind::String ? ast::LiteralKind::String : ast::LiteralKind::Integer;
}

// Every literal node of a tree, with its position (a copy made only to walk it: the rewrite
// sees each one).
std::vector<std::pair<int, const ast::Expr*>> literal_nodes(const ast::SelectStmt& select, ast::SelectPtr& walked) {
  std::vector<std::pair<int, const ast::Expr*>> out;
  CloneRewrite collect;
  collect.literal = [&out](ast::Expr& e) { out.emplace_back(e.position, &e); };
  walked = clone_select(select, collect);
  return out;
}

// True when each literal token of `shape` is one or more literal nodes of its kind at its
// position holding its text, and every literal node at such a position is one of them.
bool literals_faithful(std::string_view sql, const LiteralShape& shape, const ast::SelectStmt& select) {
  ast::SelectPtr walked;
  const auto nodes = literal_nodes(select, walked);
  for (const LiteralToken& token : shape.literals) {
    const std::string text = literal_text(sql, token);
    int found = 0;
    for (const auto& [position, node] : nodes) {
      if (position != token.position) continue;
      if (node->literal_kind != literal_kind(token) || node->text != text) return false;
      ++found;
    }
    if (found == 0) return false;
  }
  return true;
}

// The statements of `sql` (of shape `shape`) from the template of that shape.
std::vector<ast::Statement> instantiate(const Template& t, std::string_view sql, const LiteralShape& shape) {
  const std::vector<LiteralToken>& now = shape.literals;
  // Positions after a literal move by how much longer (in characters) this one is.
  CloneRewrite rewrite;
  rewrite.position = [&t, &now](int p) {
    int shifted = p;
    for (size_t i = 0; i < t.literals.size() && t.literals[i].position < p; ++i)
      shifted += now[i].chars - t.literals[i].chars;
    return shifted;
  };
  rewrite.literal = [&now, sql](ast::Expr& e) {
    for (const LiteralToken& token : now)
      if (token.position == e.position) {
        e.text = literal_text(sql, token);
        return;
      }
  };
  std::vector<ast::Statement> out(1);
  out[0].body = std::move(*clone_select(*t.select, rewrite));
  out[0].position = rewrite.position(t.statement_position);
  out[0].text = std::string(sql.substr(shape.begin, shape.end - shape.begin));
  return out;
}

// `sql` with every literal changed, in value and length, into another of its kind: 42 -> 942,
// 'ab' -> 'xab'.
std::string variant_of(std::string_view sql, const LiteralShape& shape) {
  std::string out;
  size_t at = 0;
  for (const LiteralToken& token : shape.literals) {
    out.append(sql.substr(at, token.begin - at));
    out += token.kind == LiteralToken::Kind::String ? "'x" : "9";
    out.append(sql.substr(token.begin + (token.kind == LiteralToken::Kind::String ? 1 : 0),
                          token.end - token.begin - (token.kind == LiteralToken::Kind::String ? 1 : 0)));
    at = token.end;
  }
  out.append(sql.substr(at));
  return out;
}

bool same_statements(const std::vector<ast::Statement>& a, const std::vector<ast::Statement>& b) {
  if (a.size() != 1 || b.size() != 1 || a[0].position != b[0].position || a[0].text != b[0].text) return false;
  const auto* x = std::get_if<ast::SelectStmt>(&a[0].body);
  const auto* y = std::get_if<ast::SelectStmt>(&b[0].body);
  return x != nullptr && y != nullptr && same_select(*x, *y);
}

// The template `parsed` (the one statement of `sql`) makes, or null when the shape is not
// faithful to it.
std::shared_ptr<const Template> faithful_template(std::string_view sql, const LiteralShape& shape,
                                                  const ast::Statement& parsed, const Parser& parse) {
  const auto& select = std::get<ast::SelectStmt>(parsed.body);
  if (parsed.position != shape.position || parsed.text != sql.substr(shape.begin, shape.end - shape.begin))
    return nullptr;
  if (!literals_faithful(sql, shape, select)) return nullptr;
  auto t = std::make_shared<Template>();
  t->select = clone_select(select);
  t->literals = shape.literals;
  t->statement_position = parsed.position;
  // The proof: another string of the shape parses into what the template makes of it.
  const std::string variant = variant_of(sql, shape);
  const std::optional<LiteralShape> variant_shape = literal_shape(variant);
  if (!variant_shape || variant_shape->key != shape.key) return nullptr;
  try {
    if (!same_statements(parse(variant), instantiate(*t, variant, *variant_shape))) return nullptr;
  } catch (const std::exception&) {
    return nullptr;
  }
  return t;
}

}  // namespace

std::optional<std::vector<ast::Statement>> cached_parse(std::string_view sql, std::optional<LiteralShape>& shape) {
  shape = literal_shape(sql);
  if (!shape) return std::nullopt;
  std::shared_ptr<const Template> found;
  {
    Cache& c = cache();
    std::lock_guard lock(c.mutex);
    auto it = c.by_shape.find(shape->key);
    if (it == c.by_shape.end() || !it->second.faithful) return std::nullopt;
    found = it->second.faithful;
  }
  cache().hits.fetch_add(1, std::memory_order_relaxed);
  return instantiate(*found, sql, *shape);
}

void remember_parse(std::string_view sql, const std::optional<LiteralShape>& shape,
                    const std::vector<ast::Statement>& parsed, const Parser& parse) {
  if (!shape || parsed.size() != 1 || !std::holds_alternative<ast::SelectStmt>(parsed[0].body)) return;
  Cache& c = cache();
  {
    // The proof costs a second parse: only shapes that come again are worth it.
    std::lock_guard lock(c.mutex);
    auto it = c.by_shape.find(shape->key);
    if (it != c.by_shape.end() && it->second.state != Entry::State::SeenOnce) return;
    if (it == c.by_shape.end()) {
      if (c.by_shape.size() >= kMaxCachedShapes) c.by_shape.clear();
      c.by_shape.emplace(shape->key, Entry{});
      return;
    }
  }
  Entry entry;
  entry.faithful = faithful_template(sql, *shape, parsed[0], parse);
  entry.state = entry.faithful ? Entry::State::Faithful : Entry::State::Unfaithful;
  std::lock_guard lock(c.mutex);
  if (c.by_shape.size() >= kMaxCachedShapes) c.by_shape.clear();
  c.by_shape[shape->key] = std::move(entry);
}

size_t parse_cache_size() {
  Cache& c = cache();
  std::lock_guard lock(c.mutex);
  return c.by_shape.size();
}

size_t parse_cache_hits() { return cache().hits.load(std::memory_order_relaxed); }

void clear_parse_cache() {
  Cache& c = cache();
  std::lock_guard lock(c.mutex);
  c.by_shape.clear();
}

}  // namespace eddy::grammar
