// JSON Lines: one object per line. The keys of the first object, in their order, are the
// header; later objects may omit keys (empty fields) but may not add new ones. Strings are
// taken as they are, numbers and booleans as their JSON text, null as empty, and nested
// arrays or objects as compact JSON. Parsing is nlohmann_json's.
#include <cstring>
#include <deque>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <vector>

#include "internal/text_reader.h"

namespace vnlink::internal {
namespace {

using Json = nlohmann::ordered_json;

class JsonlReader final : public TextReader {
 public:
  JsonlReader(std::string name, std::unique_ptr<InputBuffer> in, RejectWriter* rejects)
      : TextReader(std::move(name), Format::kJsonl, std::move(in), rejects) {
    SkipBom();
    std::string_view line;
    std::uint64_t at;
    do {
      if (!ReadLine(line, at)) throw DataError(this->name(), 0, "empty input: no JSON object");
    } while (IsBlank(line));
    Json first;
    std::string problem = ParseObject(line, first);
    if (!problem.empty()) throw DataError(this->name(), at, problem);
    std::vector<std::string> names;
    for (auto it = first.begin(); it != first.end(); ++it) names.push_back(it.key());
    if (names.empty()) throw DataError(this->name(), at, "the first object has no keys");
    SetHeader(std::move(names), at);
    for (std::size_t i = 0; i < header_.size(); ++i) index_.emplace(header_[i], i);
    pending_ = std::move(first);
    pending_line_ = at;
    has_pending_ = true;
  }

  bool Next(Row& row) override {
    for (;;) {
      std::uint64_t at;
      if (has_pending_) {
        current_ = std::move(pending_);
        at = pending_line_;
        has_pending_ = false;
        raw_.clear();
      } else {
        std::string_view line;
        if (!ReadLine(line, at)) return false;
        if (IsBlank(line)) continue;
        raw_.assign(line);
        std::string problem = ParseObject(line, current_);
        if (!problem.empty()) {
          Malformed(at, problem, raw_);
          continue;
        }
      }
      std::string problem = Fill(row);
      if (!problem.empty()) {
        Malformed(at, problem, raw_);
        continue;
      }
      row.line = at;
      ++records_read_;
      return true;
    }
  }

 private:
  static bool IsBlank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
  }

  std::string ParseObject(std::string_view line, Json& out) const {
    std::string problem = CheckUtf8(line, 0);
    if (!problem.empty()) return "invalid UTF-8 in the JSON text";
    try {
      out = Json::parse(line.begin(), line.end());
    } catch (const Json::parse_error& e) {
      return "invalid JSON at byte " + std::to_string(e.byte) + ": " + Describe(e.what());
    }
    if (!out.is_object()) return "expected a JSON object, found " + std::string(out.type_name());
    return {};
  }

  // nlohmann messages look like "[json.exception.parse_error.101] parse error at line 1,
  // column 5: syntax error while parsing value - invalid literal; last read: 'tru'".
  static std::string Describe(const std::string& what) {
    std::size_t colon = what.find(": ");
    return colon == std::string::npos ? what : what.substr(colon + 2);
  }

  std::string Fill(Row& row) {
    row.fields.assign(header_.size(), std::string_view());
    texts_.clear();
    for (auto it = current_.begin(); it != current_.end(); ++it) {
      auto found = index_.find(it.key());
      if (found == index_.end()) {
        return "unexpected key '" + it.key() +
               "' (not in the first object, which sets the columns)";
      }
      const Json& v = it.value();
      std::string_view value;
      if (v.is_string()) {
        value = v.get_ref<const std::string&>();
      } else if (v.is_null()) {
        value = {};
      } else {
        texts_.push_back(v.dump());
        value = texts_.back();
      }
      row.fields[found->second] = value;
    }
    return {};
  }

  bool ReadLine(std::string_view& line, std::uint64_t& at) {
    for (;;) {
      const char* p = in_->data() + in_->begin();
      std::size_t n = in_->end() - in_->begin();
      const void* nl = std::memchr(p, '\n', n);
      std::size_t len, next;
      if (nl != nullptr) {
        len = static_cast<const char*>(nl) - p;
        next = len + 1;
      } else if (!in_->eof()) {
        in_->Fill();
        continue;
      } else if (n == 0) {
        return false;
      } else {
        len = next = n;
      }
      // Copy: the buffer may move when the next line is read while the JSON is in use.
      line_text_.assign(p, len);
      line = line_text_;
      at = line_++;
      in_->Consume(in_->begin() + next);
      return true;
    }
  }

  std::unordered_map<std::string, std::size_t> index_;
  Json current_;
  Json pending_;
  std::uint64_t pending_line_ = 0;
  bool has_pending_ = false;
  std::deque<std::string> texts_;
  std::string line_text_;
  std::string raw_;
};

}  // namespace

std::unique_ptr<RecordReader> MakeJsonlReader(std::string name, std::unique_ptr<InputBuffer> in,
                                              RejectWriter* rejects) {
  return std::make_unique<JsonlReader>(std::move(name), std::move(in), rejects);
}

}  // namespace vnlink::internal
