// Internal-only: the seeded random number generator of training (u sampling, labelled
// pairs). std::mt19937_64 would do, but the standard distributions are implementation
// defined; this one (xoshiro256** seeded by SplitMix64, Lemire's bounded integers) gives
// the same numbers on every platform and compiler, which the "same seed, same model"
// promise needs.

#ifndef LIBLINK_INTERNAL_RNG_H_
#define LIBLINK_INTERNAL_RNG_H_

#include <cstdint>

namespace vnlink::internal {

__extension__ typedef unsigned __int128 Uint128;  // -Wpedantic: a GCC/Clang extension

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    std::uint64_t x = seed;
    for (std::uint64_t& s : s_) s = SplitMix64(x);
  }

  std::uint64_t Next() {
    const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, bound); bound > 0. Unbiased (Lemire's multiply-and-reject).
  std::uint64_t Below(std::uint64_t bound) {
    Uint128 product = static_cast<Uint128>(Next()) * bound;
    auto low = static_cast<std::uint64_t>(product);
    if (low < bound) {
      const std::uint64_t threshold = -bound % bound;
      while (low < threshold) {
        product = static_cast<Uint128>(Next()) * bound;
        low = static_cast<std::uint64_t>(product);
      }
    }
    return static_cast<std::uint64_t>(product >> 64);
  }

  // Uniform in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  static std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t SplitMix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t s_[4];
};

}  // namespace vnlink::internal

#endif  // LIBLINK_INTERNAL_RNG_H_
