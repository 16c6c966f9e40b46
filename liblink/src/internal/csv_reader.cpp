// RFC 4180 CSV: fields may be quoted; inside quotes, "" is a quote and delimiters, CR and LF
// are data. Records end at LF or CRLF. A quote inside an unquoted field is kept as data (as
// most spreadsheet exports expect); an unterminated quote or text after a closing quote is
// malformed. Blank lines are skipped when the header has more than one column.
#include <cstring>
#include <vector>

#include "internal/text_reader.h"
#include "liblink/byte_scan.h"

namespace vnlink::internal {
namespace {

class CsvReader final : public TextReader {
 public:
  CsvReader(std::string name, std::unique_ptr<InputBuffer> in, char delimiter,
            RejectWriter* rejects)
      : TextReader(std::move(name), Format::kCsv, std::move(in), rejects), delimiter_(delimiter) {
    SkipBom();
    Row header;
    if (!ReadRecord(header, /*is_header=*/true)) {
      throw DataError(this->name(), 0, "empty input: no header line");
    }
    std::vector<std::string> names(header.fields.begin(), header.fields.end());
    SetHeader(std::move(names), header.line);
  }

  bool Next(Row& row) override {
    while (ReadRecord(row, /*is_header=*/false)) {
      if (!Accept(row, raw_)) continue;
      ++records_read_;
      return true;
    }
    return false;
  }

 private:
  struct Span {
    std::size_t offset;
    std::size_t size;
    bool in_scratch;
  };
  enum class Result { kRecord, kNeedMore, kEmpty, kBadQuote, kUnterminated };

  // Parses one record at the start of p[0, n). On kRecord, spans_ and end_ describe it.
  Result Parse(const char* p, std::size_t n, bool at_eof) {
    spans_.clear();
    scratch_.clear();
    quoted_newlines_ = false;
    std::size_t i = 0;
    if (n == 0) return at_eof ? Result::kEmpty : Result::kNeedMore;
    for (;;) {
      if (i < n && p[i] == '"') {
        std::size_t start = i + 1;
        std::size_t j = start;
        bool escaped = false;
        std::size_t close;
        for (;;) {
          // The closing quote, noting line ends on the way (they make CountNewlines work).
          std::size_t k = j + FindAnyOf3(std::string_view(p + j, n - j), '"', '\n', '"');
          if (k == n) return at_eof ? Result::kUnterminated : Result::kNeedMore;
          if (p[k] == '\n') {
            quoted_newlines_ = true;
            j = k + 1;
            continue;
          }
          if (k + 1 >= n && !at_eof) return Result::kNeedMore;
          if (k + 1 < n && p[k + 1] == '"') {
            escaped = true;
            j = k + 2;
            continue;
          }
          close = k;
          break;
        }
        if (escaped) {
          std::size_t at = scratch_.size();
          for (std::size_t k = start; k < close; ++k) {
            scratch_.push_back(p[k]);
            if (p[k] == '"') ++k;  // the second quote of ""
          }
          spans_.push_back({at, scratch_.size() - at, true});
        } else {
          spans_.push_back({start, close - start, false});
        }
        i = close + 1;
        if (i >= n) {  // at_eof here: a final record without a line end
          end_ = i;
          return Result::kRecord;
        }
        char c = p[i];
        if (c == delimiter_) {
          ++i;
          continue;
        }
        if (c == '\n') {
          end_ = i + 1;
          return Result::kRecord;
        }
        if (c == '\r') {
          if (i + 1 >= n && !at_eof) return Result::kNeedMore;
          if (i + 1 >= n || p[i + 1] == '\n') {
            end_ = std::min(i + 2, n);
            return Result::kRecord;
          }
        }
        bad_at_ = i;
        return Result::kBadQuote;
      }
      std::size_t start = i;
      for (;;) {
        i = SkipPlain(p, i, n);
        if (i >= n) {
          if (!at_eof) return Result::kNeedMore;
          spans_.push_back({start, i - start, false});
          end_ = i;
          return Result::kRecord;
        }
        if (p[i] == '\r') {
          if (i + 1 >= n && !at_eof) return Result::kNeedMore;
          if (i + 1 < n && p[i + 1] != '\n') {  // a lone CR is data
            ++i;
            continue;
          }
        }
        break;
      }
      spans_.push_back({start, i - start, false});
      char c = p[i];
      if (c == delimiter_) {
        ++i;
        continue;
      }
      end_ = c == '\n' ? i + 1 : std::min(i + 2, n);
      return Result::kRecord;
    }
  }

  bool ReadRecord(Row& row, bool is_header) {
    for (;;) {
      const char* p = in_->data() + in_->begin();
      std::size_t n = in_->end() - in_->begin();
      Result r = Parse(p, n, in_->eof());
      if (r == Result::kNeedMore) {
        in_->Fill();
        continue;
      }
      if (r == Result::kEmpty) return false;
      if (r == Result::kUnterminated) {
        // The rest of the file is inside the quote: nothing after it can be trusted.
        throw DataError(name(), line_,
                        "unterminated quoted field (the quote opened here is never closed)");
      }
      if (r == Result::kBadQuote) {
        const char* nl = static_cast<const char*>(std::memchr(p + bad_at_, '\n', n - bad_at_));
        std::size_t end = nl ? static_cast<std::size_t>(nl - p) + 1 : n;
        std::string reason = "unexpected character '" + std::string(1, p[bad_at_]) +
                             "' after the closing quote of field " + std::to_string(spans_.size());
        if (is_header) throw DataError(name(), line_, reason);
        raw_ = std::string_view(p, end);
        std::uint64_t line = line_;
        line_ += CountNewlines(p, end);
        in_->Consume(in_->begin() + end);
        Malformed(line, reason, raw_);
        continue;
      }
      raw_ = std::string_view(p, end_);
      row.line = line_;
      line_ += CountNewlines(p, end_);
      in_->Consume(in_->begin() + end_);
      bool blank = spans_.size() == 1 && spans_[0].size == 0 && !is_header && header_.size() > 1 &&
                   (raw_ == "\n" || raw_ == "\r\n" || raw_.empty());
      if (blank) continue;
      row.fields.resize(spans_.size());
      for (std::size_t k = 0; k < spans_.size(); ++k) {
        const Span& s = spans_[k];
        row.fields[k] = std::string_view((s.in_scratch ? scratch_.data() : p) + s.offset, s.size);
      }
      if (is_header) {
        for (std::size_t k = 0; k < row.size(); ++k) {
          std::string problem = CheckUtf8(row[k], k);
          if (!problem.empty()) throw DataError(name(), row.line, problem);
        }
      }
      return true;
    }
  }

  // Skips bytes that cannot end an unquoted field.
  std::size_t SkipPlain(const char* p, std::size_t i, std::size_t n) const {
    return i + FindAnyOf3(std::string_view(p + i, n - i), delimiter_, '\n', '\r');
  }

  // Line ends in a record of `n` bytes: outside quotes there is at most one, at its end.
  std::uint64_t CountNewlines(const char* p, std::size_t n) const {
    if (!quoted_newlines_) return n > 0 && p[n - 1] == '\n' ? 1 : 0;
    std::uint64_t count = 0;
    for (const char* q = p; (q = static_cast<const char*>(std::memchr(q, '\n', p + n - q))); ++q) {
      ++count;
    }
    return count;
  }

  char delimiter_;
  std::vector<Span> spans_;
  std::string scratch_;
  std::size_t end_ = 0;
  std::size_t bad_at_ = 0;
  bool quoted_newlines_ = false;
  std::string_view raw_;
};

}  // namespace

std::unique_ptr<RecordReader> MakeCsvReader(std::string name, std::unique_ptr<InputBuffer> in,
                                            char delimiter, RejectWriter* rejects) {
  return std::make_unique<CsvReader>(std::move(name), std::move(in), delimiter, rejects);
}

}  // namespace vnlink::internal
