#include "liblink/record_reader.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <unordered_map>

#include "internal/text_reader.h"
#include "liblink/error.h"
#include "liblink/record_writer.h"
#include "liblink/utf8.h"

namespace vnlink {

std::optional<Format> ParseFormat(std::string_view name) {
  if (name == "auto") return Format::kAuto;
  if (name == "csv") return Format::kCsv;
  if (name == "tsv") return Format::kTsv;
  if (name == "jsonl" || name == "json" || name == "ndjson") return Format::kJsonl;
  return std::nullopt;
}

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kCsv:
      return "csv";
    case Format::kTsv:
      return "tsv";
    case Format::kJsonl:
      return "jsonl";
    case Format::kAuto:
      break;
  }
  return "auto";
}

Format FormatFromPath(std::string_view path) {
  auto ends_with = [&](std::string_view ext) {
    if (path.size() < ext.size()) return false;
    std::string_view tail = path.substr(path.size() - ext.size());
    return std::equal(tail.begin(), tail.end(), ext.begin(), ext.end(), [](char a, char b) {
      return std::tolower(static_cast<unsigned char>(a)) == b;
    });
  };
  if (ends_with(".csv")) return Format::kCsv;
  if (ends_with(".tsv") || ends_with(".tab") || ends_with(".txt")) return Format::kTsv;
  if (ends_with(".jsonl") || ends_with(".ndjson") || ends_with(".json")) return Format::kJsonl;
  return Format::kAuto;
}

std::optional<std::size_t> RecordReader::Find(std::string_view column) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == column) return i;
  }
  return std::nullopt;
}

std::size_t RecordReader::Require(std::string_view column) const {
  if (auto i = Find(column)) return *i;
  throw DataError(name_, 1, "missing column '" + std::string(column) + "'");
}

void RecordReader::SetHeader(std::vector<std::string> header, std::uint64_t line) {
  std::unordered_map<std::string_view, std::size_t> seen;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i].empty()) {
      throw DataError(name_, line,
                      "empty column name in the header (column " + std::to_string(i + 1) + ")");
    }
    auto [it, inserted] = seen.emplace(header[i], i);
    if (!inserted) {
      throw DataError(name_, line,
                      "duplicate column name '" + header[i] + "' in the header (columns " +
                          std::to_string(it->second + 1) + " and " + std::to_string(i + 1) + ")");
    }
  }
  header_ = std::move(header);
}

namespace {

// Decides between CSV, TSV and JSON Lines from the first line of the input.
Format Sniff(internal::InputBuffer& in) {
  std::size_t nl;
  for (;;) {
    std::string_view avail(in.data() + in.begin(), in.end() - in.begin());
    nl = avail.find('\n');
    if (nl != std::string_view::npos || !in.Fill()) break;
  }
  std::string_view avail(in.data() + in.begin(), in.end() - in.begin());
  if (avail.substr(0, 3) == "\xEF\xBB\xBF") avail.remove_prefix(3);
  std::string_view first = avail.substr(0, avail.find('\n'));
  std::size_t k = first.find_first_not_of(" \t");
  if (k != std::string_view::npos && first[k] == '{') return Format::kJsonl;
  if (first.find('\t') != std::string_view::npos) return Format::kTsv;
  return Format::kCsv;
}

}  // namespace

std::unique_ptr<RecordReader> RecordReader::Open(const std::string& path,
                                                 const ReaderOptions& options) {
  auto in = std::make_unique<internal::InputBuffer>(path, options.read_size);
  Format format = options.format;
  if (format == Format::kAuto) format = FormatFromPath(path);
  if (format == Format::kAuto) format = Sniff(*in);
  switch (format) {
    case Format::kTsv:
      return internal::MakeTsvReader(path, std::move(in), options.rejects);
    case Format::kJsonl:
      return internal::MakeJsonlReader(path, std::move(in), options.rejects);
    default:
      return internal::MakeCsvReader(path, std::move(in), options.delimiter, options.rejects);
  }
}

namespace internal {

void TextReader::Malformed(std::uint64_t line, const std::string& reason, std::string_view raw) {
  if (rejects_ == nullptr) throw DataError(name_, line, reason);
  rejects_->Reject(name_, line, reason, raw);
  ++records_rejected_;
}

bool TextReader::Accept(const Row& row, std::string_view raw) {
  if (row.size() != header_.size()) {
    Malformed(row.line,
              "expected " + std::to_string(header_.size()) + " fields, found " +
                  std::to_string(row.size()),
              raw);
    return false;
  }
  if (IsValidUtf8(raw)) return true;
  // Only now look at the fields, to name the bad one.
  std::string problem;
  for (std::size_t i = 0; i < row.size() && problem.empty(); ++i) problem = CheckUtf8(row[i], i);
  Malformed(row.line, problem.empty() ? "invalid UTF-8" : problem, raw);
  return false;
}

bool TextReader::IsValidUtf8(std::string_view raw) {
  const char* begin = raw.data();
  const char* end = begin + raw.size();
  if (checked_generation_ == in_->generation() && begin >= checked_begin_ && end <= checked_end_) {
    return true;
  }
  // Check ahead, from this record to the end of what is buffered (a character cut at the
  // end of the buffer shows as an error there, which only stops the check short). After an
  // error the look-ahead starts small, so a file of bad records is not checked many times.
  const char* stop = in_->data() + in_->end();
  if (std::less<const char*>()(begin, in_->data()) || std::less<const char*>()(stop, end)) {
    stop = end;  // not in the buffer
  }
  std::size_t ahead = std::min<std::size_t>(stop - begin, std::max(raw.size(), look_ahead_));
  std::size_t bad = FindInvalidUtf8(std::string_view(begin, ahead));
  checked_generation_ = in_->generation();
  checked_begin_ = begin;
  checked_end_ = begin + (bad == std::string_view::npos ? ahead : bad);
  look_ahead_ = bad == std::string_view::npos ? std::min(look_ahead_ * 2, kMaxLookAhead) : 256;
  return end <= checked_end_;
}

std::string TextReader::ColumnLabel(std::size_t index) const {
  if (index < header_.size()) return "'" + header_[index] + "'";
  return "number " + std::to_string(index + 1);
}

std::string TextReader::CheckUtf8(std::string_view field, std::size_t index) const {
  std::size_t bad = FindInvalidUtf8(field);
  if (bad == std::string_view::npos) return {};
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(field[bad]));
  std::string what =
      "invalid UTF-8 (byte " + std::string(hex) + " at byte " + std::to_string(bad + 1) + ")";
  if (header_.empty()) return what + " in the header, field " + std::to_string(index + 1);
  return what + " in column " + ColumnLabel(index);
}

void TextReader::SkipBom() {
  while (in_->end() - in_->begin() < 3 && in_->Fill()) {
  }
  std::string_view head(in_->data() + in_->begin(),
                        std::min<std::size_t>(3, in_->end() - in_->begin()));
  if (head == "\xEF\xBB\xBF") in_->Consume(in_->begin() + 3);
}

}  // namespace internal
}  // namespace vnlink
