#include "liblink/utf8.h"

#include <cstdint>
#include <cstring>

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#define VNLINK_X86 1
#endif

namespace vnlink {
namespace {

constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

// Length of the ASCII prefix, eight bytes at a time.
std::size_t AsciiPrefix(const unsigned char* p, std::size_t n) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w & kHighBits) break;
  }
  while (i < n && p[i] < 0x80) ++i;
  return i;
}

#ifdef VNLINK_X86

// The lookup validator of Keiser and Lemire ("Validating UTF-8 in less than one instruction
// per byte", 2021), 16 bytes at a time with SSSE3 (pshufb), chosen at run time. Every error
// (too short, too long, overlong, surrogate, above U+10FFFF) shows as a set bit in the
// result of Check() for the block that holds the sequence's second byte, or the next one.
constexpr std::uint8_t kTooShort = 1 << 0;      // 11______ 0_______ / 11______ 11______
constexpr std::uint8_t kTooLong = 1 << 1;       // 0_______ 10______
constexpr std::uint8_t kOverlong3 = 1 << 2;     // 11100000 100_____
constexpr std::uint8_t kTooLarge = 1 << 3;      // 11110100 1001____ and up
constexpr std::uint8_t kSurrogate = 1 << 4;     // 11101101 101_____
constexpr std::uint8_t kOverlong2 = 1 << 5;     // 1100000_ 10______
constexpr std::uint8_t kTooLarge1000 = 1 << 6;  // 11110101 1000____ and up
constexpr std::uint8_t kOverlong4 = 1 << 6;     // 11110000 1000____
constexpr std::uint8_t kTwoConts = 1 << 7;      // 10______ 10______
constexpr std::uint8_t kCarry = kTooShort | kTooLong | kTwoConts;

#define VNLINK_TABLE(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15) \
  _mm_setr_epi8(static_cast<char>(a0), static_cast<char>(a1), static_cast<char>(a2),       \
                static_cast<char>(a3), static_cast<char>(a4), static_cast<char>(a5),       \
                static_cast<char>(a6), static_cast<char>(a7), static_cast<char>(a8),       \
                static_cast<char>(a9), static_cast<char>(a10), static_cast<char>(a11),     \
                static_cast<char>(a12), static_cast<char>(a13), static_cast<char>(a14),    \
                static_cast<char>(a15))

// An error first seen in the block at `i` belongs to a sequence that starts at i - 3 or
// later; the start of the block before, moved back to a sequence boundary, is safe.
std::size_t RestartBefore(const unsigned char* p, std::size_t i) {
  std::size_t at = i >= 16 ? i - 16 : 0;
  for (int k = 0; k < 3 && at > 0 && (p[at] & 0xC0) == 0x80; ++k) --at;
  return at;
}

struct Tables {
  __m128i byte1_high, byte1_low, byte2_high, last_bytes;
};

__attribute__((target("ssse3"))) inline __m128i High4(__m128i v) {
  return _mm_and_si128(_mm_srli_epi16(v, 4), _mm_set1_epi8(0x0F));
}

// The error bits of block `in` given the block before it.
__attribute__((target("ssse3"))) inline __m128i Check(__m128i in, __m128i prev, const Tables& t) {
  __m128i prev1 = _mm_alignr_epi8(in, prev, 15);
  __m128i sc = _mm_and_si128(
      _mm_and_si128(_mm_shuffle_epi8(t.byte1_high, High4(prev1)),
                    _mm_shuffle_epi8(t.byte1_low, _mm_and_si128(prev1, _mm_set1_epi8(0x0F)))),
      _mm_shuffle_epi8(t.byte2_high, High4(in)));
  __m128i prev2 = _mm_alignr_epi8(in, prev, 14);
  __m128i prev3 = _mm_alignr_epi8(in, prev, 13);
  __m128i third = _mm_subs_epu8(prev2, _mm_set1_epi8(static_cast<char>(0xE0 - 0x80)));
  __m128i fourth = _mm_subs_epu8(prev3, _mm_set1_epi8(static_cast<char>(0xF0 - 0x80)));
  __m128i must23 =
      _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8(static_cast<char>(0x80)));
  return _mm_xor_si128(must23, sc);
}

// Where a search for the first invalid byte of p[0, n) must start: npos when all of it is
// valid, else an offset at a sequence boundary with only valid text before it.
__attribute__((target("ssse3"))) std::size_t ScanSsse3(const unsigned char* p, std::size_t n) {
  const Tables t = {
      VNLINK_TABLE(kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,
                   kTwoConts, kTwoConts, kTwoConts, kTwoConts, kTooShort | kOverlong2, kTooShort,
                   kTooShort | kOverlong3 | kSurrogate,
                   kTooShort | kTooLarge | kTooLarge1000 | kOverlong4),
      VNLINK_TABLE(kCarry | kOverlong3 | kOverlong2 | kOverlong4, kCarry | kOverlong2, kCarry,
                   kCarry, kCarry | kTooLarge, kCarry | kTooLarge | kTooLarge1000,
                   kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
                   kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
                   kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
                   kCarry | kTooLarge | kTooLarge1000,
                   kCarry | kTooLarge | kTooLarge1000 | kSurrogate,
                   kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000),
      VNLINK_TABLE(kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,
                   kTooShort,
                   kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4,
                   kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge,
                   kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,
                   kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge, kTooShort, kTooShort,
                   kTooShort, kTooShort),
      _mm_setzero_si128()};
  __m128i prev = _mm_setzero_si128();
  __m128i error = _mm_setzero_si128();
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m128i in = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // An ASCII block after a block that ends on a complete sequence is valid as it stands.
    if (_mm_movemask_epi8(in) == 0 && _mm_movemask_epi8(prev) == 0) {
      prev = in;
      continue;
    }
    error = _mm_or_si128(error, Check(in, prev, t));
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(error, _mm_setzero_si128())) != 0xFFFF) {
      return RestartBefore(p, i);
    }
    prev = in;
  }
  // The tail, padded with NULs, then a block of NULs: a sequence cut short at the end of
  // `s` meets an ASCII byte where a continuation byte must be.
  alignas(16) unsigned char tail[16] = {};
  if (i < n) std::memcpy(tail, p + i, n - i);
  __m128i in = _mm_load_si128(reinterpret_cast<const __m128i*>(tail));
  error = _mm_or_si128(error, Check(in, prev, t));
  error = _mm_or_si128(error, Check(_mm_setzero_si128(), in, t));
  if (_mm_movemask_epi8(_mm_cmpeq_epi8(error, _mm_setzero_si128())) == 0xFFFF) {
    return std::string_view::npos;
  }
  return RestartBefore(p, i);
}

bool HasSsse3() {
  static const bool has = __builtin_cpu_supports("ssse3");
  return has;
}

#endif  // VNLINK_X86

}  // namespace

std::size_t FindInvalidUtf8Scalar(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    i += AsciiPrefix(p + i, n - i);
    if (i >= n) break;
    unsigned char c = p[i];
    std::size_t len;
    std::uint32_t min;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4, min = 0x10000;
    } else {
      return i;  // continuation byte, C0/C1 overlong lead, or F5..FF
    }
    if (i + len > n) return i;
    std::uint32_t cp = c & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
      unsigned char cc = p[i + k];
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::size_t FindInvalidUtf8(std::string_view s) {
#ifdef VNLINK_X86
  // Short strings are not worth the setup; an invalid string is rare, so the scalar code
  // finds the offset only once the fast check has failed.
  if (s.size() >= 32 && HasSsse3()) {
    std::size_t at = ScanSsse3(reinterpret_cast<const unsigned char*>(s.data()), s.size());
    if (at == std::string_view::npos) return at;
    std::size_t bad = FindInvalidUtf8Scalar(s.substr(at));
    return bad == std::string_view::npos ? bad : at + bad;
  }
#endif
  return FindInvalidUtf8Scalar(s);
}

bool IsAscii(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  return AsciiPrefix(p, s.size()) == s.size();
}

std::size_t CountCodePoints(std::string_view s) {
  std::size_t count = 0;
  for (unsigned char c : s) count += (c & 0xC0) != 0x80;
  return count;
}

}  // namespace vnlink
