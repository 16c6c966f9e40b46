#include "liblink/byte_scan.h"

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

// Bit i set when byte i of v equals a, b or c.
inline unsigned Match3(__m128i v, __m128i a, __m128i b, __m128i c) {
  __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, a), _mm_cmpeq_epi8(v, b)),
                           _mm_cmpeq_epi8(v, c));
  return static_cast<unsigned>(_mm_movemask_epi8(m));
}

}  // namespace

std::size_t FindAnyOf3(std::string_view s, char a, char b, char c) {
  const char* p = s.data();
  const std::size_t n = s.size();
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c);
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    unsigned m = Match3(Load(p + i), va, vb, vc);
    if (m != 0) return i + static_cast<std::size_t>(__builtin_ctz(m));
  }
  if (i == n) return n;
  if (n >= 16) {  // the last, partial block: look at the final 16 bytes again
    std::size_t at = n - 16;
    unsigned m = Match3(Load(p + at), va, vb, vc) >> (i - at);
    return m != 0 ? i + static_cast<std::size_t>(__builtin_ctz(m)) : n;
  }
  char tail[16] = {};
  std::memcpy(tail, p, n);
  unsigned m = Match3(Load(tail), va, vb, vc) & ((1u << n) - 1);
  return m != 0 ? static_cast<std::size_t>(__builtin_ctz(m)) : n;
}

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
  if (n >= 16) {  // the last, partial block: redo the final 16 bytes
    std::size_t at = n - 16;
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + at), fix(Load(p + at), replaced));
    return replaced;
  }
  // A short field goes through dst itself, which has room for a whole block; the bytes
  // past n are junk there, so only the first n count.
  std::memcpy(dst, p, n);
  __m128i v = Load(dst);
  __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, lf)),
                           _mm_cmpeq_epi8(v, cr));
  if ((static_cast<unsigned>(_mm_movemask_epi8(m)) & ((1u << n) - 1)) != 0) {
    replaced = true;
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst),
                     _mm_or_si128(_mm_andnot_si128(m, v), _mm_and_si128(m, space)));
  }
  return replaced;
}

#else  // no SSE2: the scalar versions

std::size_t FindAnyOf3(std::string_view s, char a, char b, char c) {
  return FindAnyOf3Scalar(s, a, b, c);
}

bool CopyForTsv(char* dst, std::string_view s) { return CopyForTsvScalar(dst, s); }

#endif

}  // namespace vnlink
