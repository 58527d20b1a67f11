#pragma once
// A Redis stream entry ID "<milliseconds>-<sequence>", ordered as Redis orders them.

#include <charconv>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace eddy::connectors {

struct StreamId {
  uint64_t ms = 0;
  uint64_t seq = 0;

  friend auto operator<=>(const StreamId&, const StreamId&) = default;

  // "1763632800000-0" or "1763632800000" (sequence 0); nullopt for anything else.
  static std::optional<StreamId> parse(std::string_view text) {
    StreamId id;
    const char* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, id.ms);
    if (ec != std::errc() || p == text.data()) return std::nullopt;
    if (p == end) return id;
    if (*p != '-') return std::nullopt;
    auto [q, ec2] = std::from_chars(p + 1, end, id.seq);
    if (ec2 != std::errc() || q != end || q == p + 1) return std::nullopt;
    return id;
  }

  // Appends "<ms>-<seq>" to `out` (at most 41 characters).
  void append_to(std::string& out) const {
    char buf[48];
    char* p = std::to_chars(buf, buf + 20, ms).ptr;
    *p++ = '-';
    p = std::to_chars(p, buf + sizeof buf, seq).ptr;
    out.append(buf, p);
  }

  std::string to_string() const {
    std::string s;
    append_to(s);
    return s;
  }
};

}  // namespace eddy::connectors
