// File: liblink/record_reader.h
//
// Streaming readers for the formats vnlink accepts: CSV (RFC 4180: quoted fields with
// delimiters, quotes and newlines inside, CRLF, a UTF-8 BOM), the inter-stage TSV
// (man/vnlink-formats.5: one header line, no quoting, LF) and JSON Lines (one object per
// line; keys of the first object are the header). Columns are addressed by name. Every
// record is checked to be valid UTF-8. Memory is one buffer the size of the largest record.
//
//   auto reader = vnlink::RecordReader::Open("patients.csv", {});
//   std::size_t name = reader->Require("ho_ten");
//   vnlink::Row row;
//   while (reader->Next(row)) Use(row[name], row.line);
//
// Errors (malformed quoting, invalid UTF-8, a row with the wrong number of fields, duplicate
// or empty header names, an empty file) throw vnlink::DataError naming the file and line.
// With ReaderOptions::rejects set, a malformed row is written there with its reason and
// counted instead, and reading goes on; a malformed header always throws.

#ifndef LIBLINK_RECORD_READER_H_
#define LIBLINK_RECORD_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vnlink {

class RejectWriter;

enum class Format { kAuto, kCsv, kTsv, kJsonl };

// Parses "csv", "tsv", "jsonl" (also "json", "ndjson") or "auto"; nullopt otherwise.
[[nodiscard]] std::optional<Format> ParseFormat(std::string_view name);
[[nodiscard]] std::string_view FormatName(Format format);

// The format of a path by its extension (.csv, .tsv/.tab/.txt, .jsonl/.ndjson/.json),
// kAuto when the extension says nothing (including "-").
[[nodiscard]] Format FormatFromPath(std::string_view path);

struct ReaderOptions {
  Format format = Format::kAuto;    // kAuto: by extension, else sniffed from the first line
  char delimiter = ',';             // CSV only
  RejectWriter* rejects = nullptr;  // not owned; see the file comment
  // Bytes asked of each read() (and the first buffer size). Tests set tiny values so that
  // records, fields and characters straddle buffer ends.
  std::size_t read_size = std::size_t{1} << 20;
};

// One record. The views stay valid until the next call of Next().
struct Row {
  std::vector<std::string_view> fields;
  std::uint64_t line = 0;  // 1-based line where the record starts; the header is line 1

  std::string_view operator[](std::size_t i) const { return fields[i]; }
  std::size_t size() const { return fields.size(); }
};

class RecordReader {
 public:
  virtual ~RecordReader() = default;

  // Opens `path` ("-" = standard input). Throws IoError or DataError (bad header).
  [[nodiscard]] static std::unique_ptr<RecordReader> Open(const std::string& path,
                                                          const ReaderOptions& options);

  // Reads the next record into `row`; false at end of input. Throws DataError on a
  // malformed record unless rejects are enabled.
  virtual bool Next(Row& row) = 0;

  const std::vector<std::string>& header() const { return header_; }
  // The index of a column, or nullopt.
  [[nodiscard]] std::optional<std::size_t> Find(std::string_view column) const;
  // The index of a column; throws DataError "missing column 'x'" naming the file.
  [[nodiscard]] std::size_t Require(std::string_view column) const;

  // The name used in messages: the path as given, "-" for standard input.
  const std::string& name() const { return name_; }
  Format format() const { return format_; }
  std::uint64_t records_read() const { return records_read_; }
  std::uint64_t records_rejected() const { return records_rejected_; }

 protected:
  RecordReader(std::string name, Format format) : name_(std::move(name)), format_(format) {}
  void SetHeader(std::vector<std::string> header, std::uint64_t line);

  std::vector<std::string> header_;
  std::string name_;
  Format format_;
  std::uint64_t records_read_ = 0;
  std::uint64_t records_rejected_ = 0;
};

}  // namespace vnlink

#endif  // LIBLINK_RECORD_READER_H_
