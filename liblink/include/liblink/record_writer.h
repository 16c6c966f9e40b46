// File: liblink/record_writer.h
//
// Output files that appear whole or not at all, and record writers on top of them.
//
//   vnlink::OutputFile out("clusters.tsv");        // "-" = standard output
//   vnlink::TsvWriter w(out, {"unique_id", "cluster_id"});
//   w.Field("r1"); w.Field("c1"); w.EndRow();    // or w.WriteRow(fields)
//   out.Commit();                                  // flush, close, rename into place
//
// A file is written to a temporary file in the same directory and renamed over the target
// by Commit(); an OutputFile destroyed without Commit() removes its temporary file, so an
// error never leaves half an output behind. Writing to a closed pipe throws BrokenPipe;
// other write failures throw IoError.
//
// TsvWriter guarantees the stream contract of man/vnlink-formats.5: a tab, CR or LF inside
// a field is replaced by a space and counted (sanitized_fields()). CsvWriter quotes per
// RFC 4180 when a field needs it.

#ifndef LIBLINK_RECORD_WRITER_H_
#define LIBLINK_RECORD_WRITER_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vnlink {

class OutputFile {
 public:
  // Opens a temporary file beside `path` (or standard output for "-"; a device or FIFO
  // such as /dev/null is written in place, as nothing can replace it atomically). Throws
  // IoError.
  explicit OutputFile(std::string path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void Write(std::string_view bytes) {
    if (used_ + bytes.size() > kBufferSize) {
      Drain(bytes);
    } else if (!bytes.empty()) {  // an empty view may have a null data()
      std::memcpy(buffer_.get() + used_, bytes.data(), bytes.size());
      used_ += bytes.size();
    }
  }
  void Put(char c) {
    if (used_ == kBufferSize) Flush();
    buffer_[used_++] = c;
  }
  // Room for `n` bytes written straight into the buffer, for writers that fill whole rows:
  // a pointer with at least n bytes free (after a flush if need be), or nullptr when n is
  // more than the buffer holds. Advance(k) then keeps the first k of them (k <= n).
  char* Reserve(std::size_t n) {
    if (used_ + n > kBufferSize) {
      if (n > kBufferSize) return nullptr;
      Flush();
    }
    return buffer_.get() + used_;
  }
  void Advance(std::size_t k) { used_ += k; }
  // Writes out buffered bytes (not needed before Commit()).
  void Flush();
  // Flushes, closes and moves the file into place (for "-": flushes standard output).
  void Commit();

  const std::string& path() const { return path_; }

 private:
  static constexpr std::size_t kBufferSize = 1 << 20;
  void Drain(std::string_view more);
  void WriteAll(const char* data, std::size_t size);

  std::string path_;
  std::string temp_path_;
  int fd_ = -1;
  bool committed_ = false;
  bool in_place_ = false;  // a device or FIFO, written directly (no temporary file)
  std::unique_ptr<char[]> buffer_;
  std::size_t used_ = 0;
};

class TsvWriter {
 public:
  TsvWriter(OutputFile& out, const std::vector<std::string>& header);

  void Field(std::string_view value);
  void EndRow();
  void WriteRow(std::span<const std::string_view> fields);
  void WriteRow(std::span<const std::string> fields);

  std::uint64_t rows_written() const { return rows_; }
  std::uint64_t sanitized_fields() const { return sanitized_; }

 private:
  template <typename Fields>
  void Row(const Fields& fields);

  OutputFile& out_;
  bool first_in_row_ = true;
  std::uint64_t rows_ = 0;
  std::uint64_t sanitized_ = 0;
};

class CsvWriter {
 public:
  CsvWriter(OutputFile& out, const std::vector<std::string>& header, char delimiter = ',');

  void Field(std::string_view value);
  void EndRow();
  void WriteRow(std::span<const std::string_view> fields);

  std::uint64_t rows_written() const { return rows_; }

 private:
  OutputFile& out_;
  char delimiter_;
  bool first_in_row_ = true;
  std::uint64_t rows_ = 0;
};

// Rows that could not be read (ragged, invalid UTF-8, bad quoting) or values the user asked
// to reject, each with its reason, as TSV: source, line, reason, record. The record column
// holds the raw text with backslash escapes (\t, \n, \r, \\) so nothing is lost.
class RejectWriter {
 public:
  explicit RejectWriter(OutputFile& out);
  void Reject(std::string_view source, std::uint64_t line, std::string_view reason,
              std::string_view raw_record);
  std::uint64_t count() const { return count_; }

 private:
  OutputFile& out_;
  std::uint64_t count_ = 0;
};

}  // namespace vnlink

#endif  // LIBLINK_RECORD_WRITER_H_
