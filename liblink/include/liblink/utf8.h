// File: liblink/utf8.h
//
// UTF-8 validation and code-point helpers used by the readers and comparators.
//
//   if (auto bad = vnlink::FindInvalidUtf8(field); bad != std::string_view::npos) ...

#ifndef LIBLINK_UTF8_H_
#define LIBLINK_UTF8_H_

#include <cstddef>
#include <string_view>

namespace vnlink {

// The byte offset of the first byte that does not belong to a well-formed UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF are ill-formed), or
// std::string_view::npos when `s` is valid. On x86-64 CPUs with SSSE3 (chosen at run time)
// 16 bytes are checked at a time, and the byte-by-byte code only runs to locate an error.
[[nodiscard]] std::size_t FindInvalidUtf8(std::string_view s);
// The same answer one code point at a time (ASCII runs eight bytes at a time): the reference
// the fast path is tested against, and what runs elsewhere.
[[nodiscard]] std::size_t FindInvalidUtf8Scalar(std::string_view s);

// True when every byte is below 0x80.
[[nodiscard]] bool IsAscii(std::string_view s);

// The number of code points in valid UTF-8 `s`.
[[nodiscard]] std::size_t CountCodePoints(std::string_view s);

}  // namespace vnlink

#endif  // LIBLINK_UTF8_H_
