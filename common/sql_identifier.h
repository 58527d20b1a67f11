#pragma once
// SQL identifiers as PostgreSQL prints and reads them outside the parser: quote_ident(),
// the output of regclass and friends, pg_get_indexdef(), and the input of 'schema.name'
// strings ('"My Table"'::regclass, has_table_privilege('public.t', 'select')).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eddy {

// PostgreSQL's quote_identifier(): the name unchanged when it is all lower-case ASCII letters,
// digits and underscores, does not start with a digit and is not a keyword PostgreSQL 15
// reserves in any way (anything but UNRESERVED_KEYWORD); otherwise in double quotes with
// embedded quotes doubled. quote_identifier("clicks") = clicks, ("Clicks") = "Clicks",
// ("select") = "select", ("a b") = "a b".
std::string quote_identifier(std::string_view name);

// "schema.name" for a qualified name, each part quoted as quote_identifier() does.
std::string quote_qualified(std::string_view schema, std::string_view name);

// PostgreSQL's stringToQualifiedNameList(): splits "a.b.c" on dots outside double quotes;
// unquoted parts are folded to lower case and trimmed of blanks, quoted parts are taken as
// written ("" stands for one quote). nullopt for a malformed name (empty part, unterminated
// quote, junk after a quoted part).
std::optional<std::vector<std::string>> split_qualified_name(std::string_view text);

}  // namespace eddy
