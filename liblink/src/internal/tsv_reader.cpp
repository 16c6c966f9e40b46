// The inter-stage TSV of man/vnlink-formats.5: fields split on TAB, records end at LF, no
// quoting. A CR before the LF is dropped (files edited on Windows). Blank lines are skipped
// when the header has more than one column.
#include <cstring>
#include <vector>

#include "internal/text_reader.h"

namespace vnlink::internal {
namespace {

class TsvReader final : public TextReader {
 public:
  TsvReader(std::string name, std::unique_ptr<InputBuffer> in, RejectWriter* rejects)
      : TextReader(std::move(name), Format::kTsv, std::move(in), rejects) {
    SkipBom();
    Row header;
    if (!ReadLine(header)) throw DataError(this->name(), 0, "empty input: no header line");
    for (std::size_t k = 0; k < header.size(); ++k) {
      std::string problem = CheckUtf8(header[k], k);
      if (!problem.empty()) throw DataError(this->name(), 1, problem);
    }
    SetHeader(std::vector<std::string>(header.fields.begin(), header.fields.end()), 1);
  }

  bool Next(Row& row) override {
    while (ReadLine(row)) {
      if (row.size() == 1 && row[0].empty() && header_.size() > 1) continue;  // blank line
      if (!Accept(row, raw_)) continue;
      ++records_read_;
      return true;
    }
    return false;
  }

 private:
  bool ReadLine(Row& row) {
    const char* p;
    std::size_t n, len, next;
    for (;;) {
      p = in_->data() + in_->begin();
      n = in_->end() - in_->begin();
      const void* nl = std::memchr(p, '\n', n);
      if (nl != nullptr) {
        len = static_cast<const char*>(nl) - p;
        next = len + 1;
        break;
      }
      if (!in_->eof()) {
        in_->Fill();
        continue;
      }
      if (n == 0) return false;
      len = next = n;  // last line without a final newline
      break;
    }
    raw_ = std::string_view(p, next);
    if (len > 0 && p[len - 1] == '\r') --len;
    row.fields.clear();
    std::size_t start = 0;
    for (;;) {
      const void* tab = std::memchr(p + start, '\t', len - start);
      if (tab == nullptr) break;
      std::size_t t = static_cast<const char*>(tab) - p;
      row.fields.emplace_back(p + start, t - start);
      start = t + 1;
    }
    row.fields.emplace_back(p + start, len - start);
    row.line = line_++;
    in_->Consume(in_->begin() + next);
    return true;
  }

  std::string_view raw_;
};

}  // namespace

std::unique_ptr<RecordReader> MakeTsvReader(std::string name, std::unique_ptr<InputBuffer> in,
                                            RejectWriter* rejects) {
  return std::make_unique<TsvReader>(std::move(name), std::move(in), rejects);
}

}  // namespace vnlink::internal
