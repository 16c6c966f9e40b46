// Internal-only: the parts the CSV, TSV and JSON Lines readers share.
#ifndef LIBLINK_INTERNAL_TEXT_READER_H_
#define LIBLINK_INTERNAL_TEXT_READER_H_

#include <memory>
#include <string>
#include <string_view>

#include "internal/input_buffer.h"
#include "liblink/error.h"
#include "liblink/record_reader.h"

namespace vnlink::internal {

class TextReader : public RecordReader {
 protected:
  TextReader(std::string name, Format format, std::unique_ptr<InputBuffer> in,
             RejectWriter* rejects)
      : RecordReader(std::move(name), format), in_(std::move(in)), rejects_(rejects) {}

  // A malformed record: rejected (written to the reject file, counted) when rejects are on;
  // otherwise throws DataError at `line`.
  void Malformed(std::uint64_t line, const std::string& reason, std::string_view raw);
  // Checks a parsed record (its fields and its raw text): the field count against the
  // header, then UTF-8 in one pass over the raw text. A bad record goes to Malformed() and
  // false is returned.
  bool Accept(const Row& row, std::string_view raw);
  // True when the raw text of a record (which must lie in the read buffer) is valid UTF-8.
  // The check runs over large stretches of the buffer at once and remembers how far the
  // text is known to be valid.
  bool IsValidUtf8(std::string_view raw);
  // Checks field i of a record for valid UTF-8; returns the problem or "" when valid.
  std::string CheckUtf8(std::string_view field, std::size_t index) const;
  // The name of column i in messages: "'name'", or "number i+1" past the header.
  std::string ColumnLabel(std::size_t index) const;
  // Skips a UTF-8 byte-order mark at the start of the input.
  void SkipBom();

  std::unique_ptr<InputBuffer> in_;
  RejectWriter* rejects_;
  std::uint64_t line_ = 1;  // the line the next record starts on

 private:
  static constexpr std::size_t kMaxLookAhead = 1 << 16;
  // Valid UTF-8 lies in [checked_begin_, checked_end_) of the buffer of this generation.
  std::uint64_t checked_generation_ = ~std::uint64_t{0};
  const char* checked_begin_ = nullptr;
  const char* checked_end_ = nullptr;
  std::size_t look_ahead_ = kMaxLookAhead;
};

std::unique_ptr<RecordReader> MakeCsvReader(std::string name, std::unique_ptr<InputBuffer> in,
                                            char delimiter, RejectWriter* rejects);
std::unique_ptr<RecordReader> MakeTsvReader(std::string name, std::unique_ptr<InputBuffer> in,
                                            RejectWriter* rejects);
std::unique_ptr<RecordReader> MakeJsonlReader(std::string name, std::unique_ptr<InputBuffer> in,
                                              RejectWriter* rejects);

}  // namespace vnlink::internal

#endif  // LIBLINK_INTERNAL_TEXT_READER_H_
