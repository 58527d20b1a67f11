#pragma once
// HyperLogLog for approx_count_distinct(x): 2^14 one-byte registers (standard error about
// 0.8%), estimated with Ertl's improved estimator ("New cardinality estimation algorithms for
// HyperLogLog sketches", 2017), which needs no empirical bias tables and is unbiased from a
// handful of values to billions.
//
// Small sets stay exact: up to kSparseLimit distinct 64-bit hashes are kept as a set (the
// estimate is then its size, so results equal count(DISTINCT x) barring a 64-bit hash
// collision); one more turns the set into the dense registers.
//
// The hashes must be stable across processes (the sketch is stored and restored after a
// restart): hash_bytes / hash_word below are MurmurHash64A followed by MurmurHash3's 64-bit
// finalizer, fixed here rather than taken from std::hash or Boost, whose values may change.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/unordered/unordered_flat_set.hpp>

namespace eddy::engine {

uint64_t hash_bytes(const void* data, size_t size);
uint64_t hash_word(uint64_t word);  // of the 8 bytes of `word`, cheaper than hash_bytes

class HyperLogLog {
 public:
  static constexpr int kPrecision = 14;
  static constexpr size_t kRegisters = size_t{1} << kPrecision;
  static constexpr size_t kSparseLimit = 1024;  // exact up to this many distinct values
  static constexpr uint8_t kMaxRank = 64 - kPrecision + 1;

  void add(uint64_t hash) {
    if (registers_.empty()) {
      sparse_.insert(hash);
      if (sparse_.size() > kSparseLimit) to_dense();
      return;
    }
    add_dense(hash);
  }
  // The union of both sets of values.
  void merge(const HyperLogLog& other);
  uint64_t estimate() const;
  bool is_sparse() const { return registers_.empty(); }
  size_t bytes() const;
  // A self-describing byte string, and back; decode() returns false (and leaves the sketch
  // empty) for anything encode() could not have written.
  void encode(std::string& out) const;
  bool decode(std::string_view in);

 private:
  void to_dense();
  void add_dense(uint64_t hash) {
    const size_t index = hash >> (64 - kPrecision);
    const uint64_t rest = hash << kPrecision;
    const uint8_t rank = rest == 0 ? kMaxRank : static_cast<uint8_t>(__builtin_clzll(rest) + 1);
    if (rank > registers_[index]) registers_[index] = rank;
  }

  boost::unordered_flat_set<uint64_t> sparse_;  // while registers_ is empty
  std::vector<uint8_t> registers_;              // kRegisters long once dense
};

}  // namespace eddy::engine
