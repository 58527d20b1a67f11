#include "engine/hyperloglog.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace eddy::engine {

namespace {

constexpr uint64_t kMurmurM = 0xc6a4a7935bd1e995ULL;
constexpr int kMurmurR = 47;
constexpr uint64_t kSeed = 0x9e3779b97f4a7c15ULL;

uint64_t fmix64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

uint64_t murmur_mix(uint64_t h, uint64_t k) {
  k *= kMurmurM;
  k ^= k >> kMurmurR;
  k *= kMurmurM;
  h ^= k;
  h *= kMurmurM;
  return h;
}

uint64_t murmur_final(uint64_t h) {
  h ^= h >> kMurmurR;
  h *= kMurmurM;
  h ^= h >> kMurmurR;
  return fmix64(h);
}

constexpr char kSparseTag = 'S';
constexpr char kDenseTag = 'D';

// Ertl's sigma and tau (section 4 of the paper).
double sigma(double x) {
  if (x == 1.0) return std::numeric_limits<double>::infinity();
  double y = 1.0, z = x, previous;
  do {
    x *= x;
    previous = z;
    z += x * y;
    y += y;
  } while (z != previous);
  return z;
}

double tau(double x) {
  if (x == 0.0 || x == 1.0) return 0.0;
  double y = 1.0, z = 1.0 - x, previous;
  do {
    x = std::sqrt(x);
    previous = z;
    y *= 0.5;
    z -= (1.0 - x) * (1.0 - x) * y;
  } while (z != previous);
  return z / 3.0;
}

}  // namespace

uint64_t hash_bytes(const void* data, size_t size) {
  const auto* p = static_cast<const unsigned char*>(data);
  uint64_t h = kSeed ^ (static_cast<uint64_t>(size) * kMurmurM);
  const size_t words = size / 8;
  for (size_t i = 0; i < words; ++i, p += 8) {
    uint64_t k;
    std::memcpy(&k, p, 8);
    h = murmur_mix(h, k);
  }
  const size_t tail = size & 7;
  if (tail != 0) {
    uint64_t k = 0;
    for (size_t i = 0; i < tail; ++i) k |= static_cast<uint64_t>(p[i]) << (8 * i);
    h ^= k;
    h *= kMurmurM;
  }
  return murmur_final(h);
}

uint64_t hash_word(uint64_t word) { return murmur_final(murmur_mix(kSeed ^ (8 * kMurmurM), word)); }

void HyperLogLog::to_dense() {
  registers_.assign(kRegisters, 0);
  for (uint64_t h : sparse_) add_dense(h);
  sparse_.clear();
  sparse_.rehash(0);
}

void HyperLogLog::merge(const HyperLogLog& other) {
  if (other.is_sparse()) {
    for (uint64_t h : other.sparse_) add(h);
    return;
  }
  if (is_sparse()) to_dense();
  for (size_t i = 0; i < kRegisters; ++i) registers_[i] = std::max(registers_[i], other.registers_[i]);
}

uint64_t HyperLogLog::estimate() const {
  if (is_sparse()) return sparse_.size();
  constexpr int q = 64 - kPrecision;
  int counts[q + 2] = {};
  for (uint8_t r : registers_) ++counts[r];
  const double m = static_cast<double>(kRegisters);
  double z = m * tau(1.0 - counts[q + 1] / m);
  for (int k = q; k >= 1; --k) z = 0.5 * (z + counts[k]);
  z += m * sigma(counts[0] / m);
  const double alpha_inf = 0.5 / std::log(2.0);
  const double estimate = alpha_inf * m * m / z;
  return static_cast<uint64_t>(std::llround(estimate));
}

size_t HyperLogLog::bytes() const {
  return is_sparse() ? sparse_.bucket_count() * (sizeof(uint64_t) + 1) : registers_.capacity();
}

// Sparse: 'S', the count as 4 bytes, then the hashes ascending, 8 bytes each (little-endian).
// Dense: 'D', then the kRegisters registers.
void HyperLogLog::encode(std::string& out) const {
  if (is_sparse()) {
    std::vector<uint64_t> sorted(sparse_.begin(), sparse_.end());
    std::sort(sorted.begin(), sorted.end());
    out.push_back(kSparseTag);
    const uint32_t n = static_cast<uint32_t>(sorted.size());
    char buf[8];
    std::memcpy(buf, &n, 4);
    out.append(buf, 4);
    for (uint64_t h : sorted) {
      std::memcpy(buf, &h, 8);
      out.append(buf, 8);
    }
    return;
  }
  out.push_back(kDenseTag);
  out.append(reinterpret_cast<const char*>(registers_.data()), registers_.size());
}

bool HyperLogLog::decode(std::string_view in) {
  sparse_.clear();
  registers_.clear();
  if (in.empty()) return false;
  if (in[0] == kSparseTag) {
    if (in.size() < 5) return false;
    uint32_t n;
    std::memcpy(&n, in.data() + 1, 4);
    if (n > kSparseLimit || in.size() != 5 + size_t{n} * 8) return false;
    uint64_t previous = 0;
    for (uint32_t i = 0; i < n; ++i) {
      uint64_t h;
      std::memcpy(&h, in.data() + 5 + size_t{i} * 8, 8);
      if (i > 0 && h <= previous) {  // ascending, no repeats: encode() wrote it
        sparse_.clear();
        return false;
      }
      previous = h;
      sparse_.insert(h);
    }
    return true;
  }
  if (in[0] == kDenseTag) {
    if (in.size() != 1 + kRegisters) return false;
    for (size_t i = 1; i < in.size(); ++i)
      if (static_cast<uint8_t>(in[i]) > kMaxRank) return false;
    registers_.assign(in.begin() + 1, in.end());
    return true;
  }
  return false;
}

}  // namespace eddy::engine
