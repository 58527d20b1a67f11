#pragma once
// A cache of parsed SELECT statements by shape (literal_shape.h), so that a query string that
// differs from an earlier one only in its integer and '...' literals (`... WHERE id = 42`, then
// `... WHERE id = 7`) is not parsed again: its tree is a copy of the cached one with its own
// literals and positions. ANTLR's parse costs tens of microseconds; the copy about one.
//
// A shape is cached when it comes a second time, after a real parse of a string of that shape
// succeeded and proved the shape faithful: exactly one SELECT, every literal token found in the
// tree as literal nodes of its kind at its position holding what a copy would put there, the
// statement's text and position where the scanner put them, and a second string of the shape
// (every literal changed) parsed by ANTLR into exactly the copy the cache makes for it (the
// proof's second parse is why a shape seen once is only noted). Anything else is parsed by
// ANTLR every time.
//
// Thread-safe: one cache per process, behind a mutex held only to find or add an entry (cached
// trees are immutable and copied outside it). At most kMaxCachedShapes shapes; when full it
// starts over.

#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "grammar/ast.h"
#include "grammar/literal_shape.h"

namespace eddy::grammar {

inline constexpr size_t kMaxCachedShapes = 512;

// The statements of `sql` when its shape is cached, else nullopt; `shape` receives the shape
// (nullopt when the scanner does not take `sql`), to pass to remember_parse. `sql` must be
// valid UTF-8.
std::optional<std::vector<ast::Statement>> cached_parse(std::string_view sql,
                                                        std::optional<LiteralShape>& shape);

// A full parse (ANTLR's): what remember_parse checks a shape against.
using Parser = std::function<std::vector<ast::Statement>(std::string_view sql)>;

// Offers the statements a successful parse of `sql` gave. The first time a shape comes it is
// noted; the second time it is kept when it is faithful: `sql`'s literals are where its tree
// has them, and `parse` of a variant of `sql` (every literal changed in value and length) gives
// exactly the cached tree's copy for it.
void remember_parse(std::string_view sql, const std::optional<LiteralShape>& shape,
                    const std::vector<ast::Statement>& parsed, const Parser& parse);

// Shapes known (faithful or not), and how many parses the cache answered since the start.
size_t parse_cache_size();
size_t parse_cache_hits();
void clear_parse_cache();

}  // namespace eddy::grammar
