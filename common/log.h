#pragma once
// A small leveled logger to stderr. Lines look like
//   2026-11-21 10:00:00.123 UTC [info] eddy: listening on 127.0.0.1:5454
// Thread-safe (one write per line).

#include <string>
#include <string_view>

namespace eddy::log {

enum class Level { Debug = 0, Info = 1, Warning = 2, Error = 3 };

// Parses "debug", "info", "warning"/"warn", "error"; returns false when unknown.
bool parse_level(std::string_view text, Level& out);
void set_level(Level level);
bool enabled(Level level);
void write(Level level, std::string_view message);

inline void debug(std::string_view m) { if (enabled(Level::Debug)) write(Level::Debug, m); }
inline void info(std::string_view m) { if (enabled(Level::Info)) write(Level::Info, m); }
inline void warning(std::string_view m) { if (enabled(Level::Warning)) write(Level::Warning, m); }
inline void error(std::string_view m) { if (enabled(Level::Error)) write(Level::Error, m); }

}  // namespace eddy::log
