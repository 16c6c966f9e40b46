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
#include <string_view>

namespace vnlink {

// The offset of the first byte of `s` equal to a, b or c, or s.size() when there is none.
[[nodiscard]] std::size_t FindAnyOf3(std::string_view s, char a, char b, char c);
[[nodiscard]] std::size_t FindAnyOf3Scalar(std::string_view s, char a, char b, char c);

// The bytes CopyForTsv() may write past the end of what it copies.
inline constexpr std::size_t kCopySlack = 16;

// Copies `s` to `dst`, writing a space in place of each TAB, CR and LF (the TSV stream
// contract). `dst` must have room for s.size() + kCopySlack bytes: bytes after s.size()
// may be overwritten. Returns true when some byte was replaced.
bool CopyForTsv(char* dst, std::string_view s);
bool CopyForTsvScalar(char* dst, std::string_view s);

}  // namespace vnlink

#endif  // LIBLINK_BYTE_SCAN_H_
