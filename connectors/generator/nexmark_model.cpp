#include "connectors/generator/nexmark_model.h"

namespace eddy::connectors::nexmark {

uint64_t rows_within_events(EventKind kind, uint64_t events) {
  const uint64_t whole_runs = events / kProportionDenominator;
  const uint64_t rest = events % kProportionDenominator;  // events of the last, partial run
  const uint64_t first = first_offset(kind);
  uint64_t in_rest = rest > first ? rest - first : 0;
  if (in_rest > proportion(kind)) in_rest = proportion(kind);
  return whole_runs * proportion(kind) + in_rest;
}

void append_random_text(DrawStream& draws, int max_length, std::string& out) {
  const size_t start = out.size();
  uint64_t bits = draws.next();
  const int length = 3 + static_cast<int>(below(bits, static_cast<uint64_t>(max_length - 3)));
  out.reserve(start + static_cast<size_t>(length));
  // Four characters per 64-bit draw, 16 bits each: x in [0, 338) is a space when below 26
  // (probability 26/338 = 1/13), else one of the 26 letters, each 12 times.
  int left = 0;
  for (int i = 0; i < length; ++i) {
    if (left == 0) {
      bits = draws.next();
      left = 4;
    }
    const uint32_t x = (static_cast<uint32_t>(bits & 0xffff) * 338) >> 16;
    bits >>= 16;
    --left;
    out.push_back(x < 26 ? ' ' : static_cast<char>('a' + (x - 26) % 26));
  }
  // Beam trims the string: drop leading and trailing spaces.
  size_t end = out.size();
  while (end > start && out[end - 1] == ' ') --end;
  size_t begin = start;
  while (begin < end && out[begin] == ' ') ++begin;
  out.erase(end);
  out.erase(start, begin - start);
}

}  // namespace eddy::connectors::nexmark
