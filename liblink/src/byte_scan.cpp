#include "liblink/byte_scan.h"

#include <cstdint>
#include <cstring>

#if defined(__x86_64__) || defined(_M_X64)
#include <emmintrin.h>
#define VNLINK_SSE2 1
#endif

namespace vnlink {

std::size_t FindAnyOf3Scalar(std::string_view s, char a, char b, char c) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    char x = s[i];
    if (x == a || x == b || x == c) return i;
  }
  return s.size();
}

bool CopyForTsvScalar(char* dst, std::string_view s) {
  bool replaced = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char x = s[i];
    if (x == '\t' || x == '\n' || x == '\r') {
      x = ' ';
      replaced = true;
    }
    dst[i] = x;
  }
  return replaced;
}

#ifdef VNLINK_SSE2

namespace {

inline __m128i Load(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }

}  // namespace

bool CopyForTsv(char* dst, std::string_view s) {
  const char* p = s.data();
  const std::size_t n = s.size();
  const __m128i tab = _mm_set1_epi8('\t'), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  const __m128i space = _mm_set1_epi8(' ');
  auto fix = [&](__m128i v, bool& replaced) {
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, lf)),
                             _mm_cmpeq_epi8(v, cr));
    if (_mm_movemask_epi8(m) == 0) return v;
    replaced = true;
    return _mm_or_si128(_mm_andnot_si128(m, v), _mm_and_si128(m, space));
  };
  bool replaced = false;
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), fix(Load(p + i), replaced));
  }
  if (i == n) return replaced;  // also n == 0, where p may be null
  if (n >= 16) {                // the last, partial block: redo the final 16 bytes
    std::size_t at = n - 16;
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + at), fix(Load(p + at), replaced));
    return replaced;
  }
  // A short field: one or two overlapping loads, checked in a register (reading the copy
  // back from dst would stall on store forwarding), the rare hit redone byte by byte.
  __m128i v;
  if (n >= 8) {
    std::uint64_t x, y;
    std::memcpy(&x, p, 8);
    std::memcpy(&y, p + n - 8, 8);
    std::memcpy(dst, &x, 8);
    std::memcpy(dst + n - 8, &y, 8);
    v = _mm_set_epi64x(static_cast<long long>(y), static_cast<long long>(x));
  } else if (n >= 4) {
    std::uint32_t x, y;
    std::memcpy(&x, p, 4);
    std::memcpy(&y, p + n - 4, 4);
    std::memcpy(dst, &x, 4);
    std::memcpy(dst + n - 4, &y, 4);
    v = _mm_set_epi32(0, 0, static_cast<int>(y), static_cast<int>(x));
  } else {
    return CopyForTsvScalar(dst, s);
  }
  if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, lf)),
                                     _mm_cmpeq_epi8(v, cr))) != 0) {
    return CopyForTsvScalar(dst, s);
  }
  return replaced;
}

#else  // no SSE2: the scalar versions

bool CopyForTsv(char* dst, std::string_view s) { return CopyForTsvScalar(dst, s); }

#endif

}  // namespace vnlink
