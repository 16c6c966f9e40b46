// File: liblink/byte_scan.h
//
// Byte scanners behind the CSV/TSV readers and the TSV writer: find the next of three
// bytes, and copy a field while replacing TAB/CR/LF. On x86-64 they work 16 bytes at a
// time with SSE2 (present on every x86-64 CPU); elsewhere, and in the *Scalar twins that
// tests compare them against, one byte at a time.
//
//   std::size_t end = vnlink::FindAnyOf3(text, ',', '\n', '\r');

#ifndef LIBLINK_BYTE_SCAN_H_
#define LIBLINK_BYTE_SCAN_H_

#include <cstddef>
#include <cstring>
#include <string_view>

#if defined(__x86_64__) || defined(_M_X64)
#include <emmintrin.h>
#endif

namespace vnlink {

// The offset of the first byte of `s` equal to a, b or c, or s.size() when there is none.
// Inline: the CSV reader calls it once per field.
[[nodiscard]] inline std::size_t FindAnyOf3(std::string_view s, char a, char b, char c);
[[nodiscard]] std::size_t FindAnyOf3Scalar(std::string_view s, char a, char b, char c);

// The bytes CopyForTsv() may write past the end of what it copies.
inline constexpr std::size_t kCopySlack = 16;

// Copies `s` to `dst`, writing a space in place of each TAB, CR and LF (the TSV stream
// contract). `dst` must have room for s.size() + kCopySlack bytes: bytes after s.size()
// may be overwritten. Returns true when some byte was replaced.
bool CopyForTsv(char* dst, std::string_view s);
bool CopyForTsvScalar(char* dst, std::string_view s);

// ---- implementation ---------------------------------------------------------------------

#if defined(__x86_64__) || defined(_M_X64)

namespace byte_scan_internal {
// Bit i set when byte i of the 16 at p equals a, b or c.
inline unsigned Match3(const char* p, __m128i a, __m128i b, __m128i c) {
  __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  __m128i m =
      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, a), _mm_cmpeq_epi8(v, b)), _mm_cmpeq_epi8(v, c));
  return static_cast<unsigned>(_mm_movemask_epi8(m));
}
}  // namespace byte_scan_internal

inline std::size_t FindAnyOf3(std::string_view s, char a, char b, char c) {
  using byte_scan_internal::Match3;
  const char* p = s.data();
  const std::size_t n = s.size();
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c);
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    unsigned m = Match3(p + i, va, vb, vc);
    if (m != 0) return i + static_cast<std::size_t>(__builtin_ctz(m));
  }
  if (i == n) return n;  // also n == 0, where p may be null
  if (n >= 16) {         // the last, partial block: look at the final 16 bytes again
    std::size_t at = n - 16;
    unsigned m = Match3(p + at, va, vb, vc) >> (i - at);
    return m != 0 ? i + static_cast<std::size_t>(__builtin_ctz(m)) : n;
  }
  char tail[16] = {};
  std::memcpy(tail, p, n);
  unsigned m = Match3(tail, va, vb, vc) & ((1u << n) - 1);
  return m != 0 ? static_cast<std::size_t>(__builtin_ctz(m)) : n;
}

#else

inline std::size_t FindAnyOf3(std::string_view s, char a, char b, char c) {
  return FindAnyOf3Scalar(s, a, b, c);
}

#endif

}  // namespace vnlink

#endif  // LIBLINK_BYTE_SCAN_H_
