#include "normalizers/phone.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "internal/embedded_csv.h"
#include "internal/spreadsheet.h"
#include "liblink/embedded.h"

namespace vnlink::vi {
namespace {

// old 4-digit prefix ("0168") -> new 3-digit prefix ("038"), from the embedded table.
const std::unordered_map<std::string, std::string>& OldMobilePrefixes() {
  static const auto* table = [] {
    auto* m = new std::unordered_map<std::string, std::string>;
    internal::CsvTable csv = internal::LoadEmbeddedCsv("phone_mobile_prefix_2018.csv");
    std::size_t old_col = csv.Column("old_prefix"), new_col = csv.Column("new_prefix");
    for (const auto& row : csv.rows) (*m)[row[old_col]] = row[new_col];
    return m;
  }();
  return *table;
}

struct Candidate {
  std::string digits;
  bool plus = false;            // written with a leading '+'
  std::size_t first_group = 0;  // digits before the first separator ("08 3822 1234" -> 2)
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "0" + rest, built by hand: GCC 12 warns falsely (-Wrestrict) on operator+ here.
std::string Zero(std::string_view rest) {
  std::string s;
  s.reserve(rest.size() + 1);
  s.push_back('0');
  s.append(rest);
  return s;
}

std::string Concat(std::string_view a, std::string_view b) {
  std::string s;
  s.reserve(a.size() + b.size());
  s.append(a);
  s.append(b);
  return s;
}

// Keeps the digits of one number; remembers a '+' before the first digit.
Candidate Digits(std::string_view s) {
  Candidate c;
  bool group_open = true;
  for (char ch : s) {
    if (IsDigit(ch)) {
      c.digits.push_back(ch);
      if (group_open) ++c.first_group;
    } else {
      if (ch == '+' && c.digits.empty()) c.plus = true;
      if (!c.digits.empty()) group_open = false;
    }
  }
  return c;
}

// Parses one candidate; on failure returns false and sets `reason`.
bool ParseOne(const Candidate& c, PhoneResult& r, std::string& reason) {
  std::string d = c.digits;
  std::vector<std::string_view> flags;
  if (d.rfind("0084", 0) == 0) {
    d = Zero(std::string_view(d).substr(4));
  } else if (d.rfind("84", 0) == 0 && (c.plus || d.size() == 11 || d.size() == 12)) {
    d = Zero(std::string_view(d).substr(2));
  }
  if (d.rfind("00", 0) == 0 && d.size() > 10) d.erase(0, 1);  // "+84 (0) 912 ..."
  if (!d.empty() && d[0] != '0') {
    bool restore =
        (d.size() == 9 && IsMobilePrefix(Zero(std::string_view(d).substr(0, 2)))) ||
        (d.size() == 10 && OldMobilePrefixes().count(Zero(std::string_view(d).substr(0, 3))) > 0) ||
        (d.size() == 10 && d[0] == '2');
    if (!restore) {
      reason = d.size() < 9 || d.size() > 11 ? std::to_string(d.size()) + " digits"
                                             : "no leading 0 and no known prefix";
      return false;
    }
    d = Zero(d);
    flags.push_back(kPhoneMissingZero);
  }
  PhoneKind kind = PhoneKind::kNone;
  if (d.size() == 10) {
    bool hcm_area = d[1] == '8' && c.first_group == 2 && !c.plus && c.digits.size() == 10;
    if (hcm_area) {
      // "(08) 3822 1234": the pre-2017 TP.HCM area code written apart; as digits alone
      // it would be a current 08x mobile, so only the written grouping decides.
      d = Concat("028", std::string_view(d).substr(2));
      kind = PhoneKind::kLandline;
      flags.push_back(kPhoneOldLandline);
    } else if (IsMobilePrefix(d.substr(0, 3))) {
      kind = PhoneKind::kMobile;
    } else if (d[1] == '4') {
      d = Concat("024", std::string_view(d).substr(2));  // Hà Nội 04 -> 024 (2017)
      kind = PhoneKind::kLandline;
      flags.push_back(kPhoneOldLandline);
    } else if (d[1] >= '2' && d[1] <= '7') {
      kind = PhoneKind::kLandline;
      flags.push_back(kPhoneOldLandline);
    }
  } else if (d.size() == 11) {
    auto it = OldMobilePrefixes().find(d.substr(0, 4));
    if (it != OldMobilePrefixes().end()) {
      d = Concat(it->second, std::string_view(d).substr(4));
      kind = PhoneKind::kMobile;
      flags.push_back(kPhoneOldPrefix);
    } else if (d[1] == '2') {
      kind = PhoneKind::kLandline;
    } else if (d[1] >= '3' && d[1] <= '7') {
      kind = PhoneKind::kLandline;
      flags.push_back(kPhoneOldLandline);
    }
  }
  if (kind == PhoneKind::kNone) {
    reason = d.size() == 10 || d.size() == 11 ? "unknown prefix '" + d.substr(0, 3) + "'"
                                              : std::to_string(d.size()) + " digits";
    return false;
  }
  r.number = std::move(d);
  r.kind = kind;
  r.flags.insert(r.flags.end(), flags.begin(), flags.end());
  return true;
}

// Splits a field holding several numbers at ; , / | newlines, " - " and words.
std::vector<std::string_view> SplitNumbers(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  auto flush = [&](std::size_t end) {
    std::string_view p = s.substr(start, end - start);
    if (std::any_of(p.begin(), p.end(), IsDigit)) parts.push_back(p);
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool cut = c == ';' || c == ',' || c == '/' || c == '|' || c == '\n' || c == '\\' ||
               (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c == '-' && i > 0 && i + 1 < s.size() && s[i - 1] == ' ' && s[i + 1] == ' ');
    if (cut) {
      flush(i);
      start = i + 1;
    }
  }
  flush(s.size());
  return parts;
}

}  // namespace

bool PhoneResult::HasFlag(std::string_view f) const {
  return std::find(flags.begin(), flags.end(), f) != flags.end();
}

bool IsMobilePrefix(std::string_view p) {
  if (p.size() != 3 || p[0] != '0') return false;
  char a = p[1], b = p[2];
  switch (a) {
    case '9':
      return IsDigit(b);
    case '8':
      return b >= '1' && b <= '9';
    case '7':
      return b == '0' || (b >= '6' && b <= '9');
    case '5':
      return b == '2' || b == '5' || b == '6' || b == '8' || b == '9';
    case '3':
      return b >= '2' && b <= '9';
    default:
      return false;
  }
}

PhoneResult NormalizePhone(std::string_view text) {
  PhoneResult r;
  // The common case, a current mobile number as 10 bare digits, is already canonical (the
  // general path below gives the same answer).
  if (text.size() == 10 && text[0] == '0' && std::all_of(text.begin(), text.end(), IsDigit) &&
      IsMobilePrefix(text.substr(0, 3))) {
    r.number.assign(text);
    r.kind = PhoneKind::kMobile;
    return r;
  }
  text = internal::StripFloatZeros(text);
  Candidate whole = Digits(text);
  if (whole.digits.empty()) {
    if (std::any_of(text.begin(), text.end(), [](char c) { return c != ' ' && c != '\t'; }) &&
        text.find_first_not_of(" \t-.") != std::string_view::npos) {
      r.flags.push_back(kPhoneInvalid);
      r.reason = "no digits";
    }
    return r;
  }
  std::string reason;
  std::vector<std::string_view> parts = SplitNumbers(text);
  if (parts.size() <= 1 || whole.digits.size() <= 12) {
    if (ParseOne(whole, r, reason)) return r;
    if (parts.size() <= 1) {
      r.flags.push_back(kPhoneInvalid);
      r.reason = reason;
      return r;
    }
  }
  std::string first_reason;
  for (std::string_view p : parts) {
    PhoneResult one;
    std::string why;
    if (ParseOne(Digits(p), one, why)) {
      one.flags.push_back(kPhoneMultiple);
      return one;
    }
    if (first_reason.empty()) first_reason = why;
  }
  r.flags.push_back(kPhoneInvalid);
  r.reason = first_reason.empty() ? reason : first_reason;
  return r;
}

}  // namespace vnlink::vi
