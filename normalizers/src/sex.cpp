#include "normalizers/sex.h"

#include <string>

#include "internal/fast_fold.h"

namespace vnlink::vi {
namespace {

// Trims and collapses the folded text to single spaces; drops '.' (e.g. "M.").
std::string Key(std::string_view text) {
  std::string folded = internal::FastFoldText(text);
  std::string out;
  bool space = false;
  for (char c : folded) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '.' || c == '_') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

bool OneOf(std::string_view k, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (k == w) return true;
  }
  return false;
}

}  // namespace

SexResult NormalizeSex(std::string_view text) {
  SexResult r;
  std::string k = Key(text);
  if (k.empty()) return r;
  if (OneOf(k, {"m", "1", "01", "nam", "trai", "male", "man", "boy", "ong", "gioi tinh nam",
                "nam gioi", "be trai", "con trai", "homme"})) {
    r.sex = "M";
  } else if (OneOf(k, {"f", "2", "02", "nu", "gai", "female", "w", "woman", "girl", "ba",
                       "gioi tinh nu", "nu gioi", "be gai", "con gai", "femme"})) {
    r.sex = "F";
  } else if (OneOf(k, {"0", "00"})) {
    r.flags.push_back(kSexAmbiguousZero);
  } else if (OneOf(k, {"3", "u", "?", "-", "--", "khong ro", "chua ro", "khong xac dinh",
                       "chua xac dinh", "khac", "unknown", "other", "n/a", "na", "kxd", "krd",
                       "k ro", "ko ro", "khong"})) {
    r.flags.push_back(kSexUnknown);
  } else {
    r.flags.push_back(kSexUnrecognised);
  }
  return r;
}

}  // namespace vnlink::vi
