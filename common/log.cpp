#include "common/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>

#include "common/value_text.h"

namespace eddy::log {

namespace {
std::atomic<int> g_level{static_cast<int>(Level::Info)};
std::mutex g_mutex;
const char* name(Level l) {
  switch (l) {
    case Level::Debug: return "debug";
    case Level::Info: return "info";
    case Level::Warning: return "warning";
    case Level::Error: return "error";
  }
  return "info";
}
}  // namespace

bool parse_level(std::string_view t, Level& out) {
  if (t == "debug") out = Level::Debug;
  else if (t == "info") out = Level::Info;
  else if (t == "warning" || t == "warn") out = Level::Warning;
  else if (t == "error") out = Level::Error;
  else return false;
  return true;
}

void set_level(Level level) { g_level = static_cast<int>(level); }
bool enabled(Level level) { return static_cast<int>(level) >= g_level.load(std::memory_order_relaxed); }

void write(Level level, std::string_view message) {
  std::string ts = format_timestamp(now_micros());
  if (ts.size() > 23) ts.resize(23);  // milliseconds are enough in a log
  std::string line = ts + " UTC [" + name(level) + "] " + std::string(message) + "\n";
  std::lock_guard lock(g_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace eddy::log
