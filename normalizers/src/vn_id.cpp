#include "normalizers/vn_id.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <span>
#include <string>

#include "internal/embedded_csv.h"
#include "internal/fast_fold.h"
#include "internal/spreadsheet.h"
#include "liblink/embedded.h"

namespace vnlink::vi {
namespace {

// Beneficiary groups of Quyết định 1351/QĐ-BHXH (2015), the 2-letter prefix of the card.
constexpr std::string_view kBhytGroups[] = {
    "BT", "CA", "CB", "CC", "CH", "CK", "CN", "CS", "CT", "CY", "DK", "DN", "DT", "GB", "GD", "HC",
    "HD", "HG", "HK", "HN", "HS", "HT", "HX", "KC", "LS", "MS", "ND", "NN", "NO", "PV", "QN", "SV",
    "TA", "TB", "TC", "TE", "TK", "TL", "TN", "TQ", "TS", "TV", "TY", "XB", "XD", "XK", "XN", "XV"};

const std::map<std::string, std::string, std::less<>>& ProvinceNames() {
  static const auto* names = [] {
    auto* m = new std::map<std::string, std::string, std::less<>>;
    // Streamed: only two columns of a 10,000-row table are wanted.
    std::size_t code = 0, name = 0;
    bool header = true;
    internal::ForEachEmbeddedCsvRow(
        "admin_units_pre2025.csv", [&](std::span<const std::string> row) {
          if (header) {
            header = false;
            code = internal::ColumnOf(row, "province_code");
            name = internal::ColumnOf(row, "province_full_name");
          } else {
            m->try_emplace(row[code], row[name]);  // the first row of each province
          }
        });
    return m;
  }();
  return *names;
}

// "0" + digits, built by hand: GCC 12 warns falsely (-Wrestrict) on insert(0, "0").
std::string Zero(std::string_view rest) {
  std::string s;
  s.reserve(rest.size() + 1);
  s.push_back('0');
  s.append(rest);
  return s;
}

bool IsSeparator(char c) {
  return c == ' ' || c == '.' || c == '-' || c == '_' || c == '\t' || c == '\'' || c == '"';
}

// Removes separators; returns false (and a reason) on any other non-digit.
bool DigitsOnly(std::string_view text, std::string& digits, std::string& reason) {
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (!IsSeparator(c)) {
      reason = c == 'E' || c == 'e' || c == '+' ? "number in scientific notation (digits lost)"
                                                : "not a number";
      return false;
    }
  }
  return true;
}

// Drops a leading label ("CCCD:", "Số CMND", "CMT số", "Căn cước") from folded text.
std::string_view StripLabel(std::string_view s) {
  static constexpr std::string_view kLabels[] = {"cccd", "cmnd", "cmt", "cmtnd", "can",
                                                 "cuoc", "cong", "dan", "so",    "id",
                                                 "no",   "cc",   "ma",  "dinh",  "danh"};
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ':' || s[i] == '.' || s[i] == '#')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] >= 'a' && s[j] <= 'z') ++j;
    if (j == i) break;
    std::string_view w = s.substr(i, j - i);
    if (std::find(std::begin(kLabels), std::end(kLabels), w) == std::end(kLabels))
      return s.substr(i);
    i = j;
  }
  return s.substr(i);
}

// Whether two upper-case letters are a beneficiary group: a flat table, asked once a card.
bool IsBhytGroup(char a, char b) {
  static constexpr auto kKnown = [] {
    std::array<bool, 26 * 26> known{};
    for (std::string_view g : kBhytGroups) known[(g[0] - 'A') * 26 + (g[1] - 'A')] = true;
    return known;
  }();
  return kKnown[static_cast<std::size_t>((a - 'A') * 26 + (b - 'A'))];
}

// Whether "NN" is one of the 63 pre-2025 province codes: a flat table, as every CCCD asks.
bool IsProvinceCode(char tens, char units) {
  static const auto* known = [] {
    auto* k = new std::array<bool, 100>{};
    for (const auto& [code, name] : ProvinceNames()) {
      if (code.size() == 2 && std::isdigit(static_cast<unsigned char>(code[0])) &&
          std::isdigit(static_cast<unsigned char>(code[1]))) {
        (*k)[static_cast<std::size_t>((code[0] - '0') * 10 + (code[1] - '0'))] = true;
      }
    }
    return k;
  }();
  return (*known)[static_cast<std::size_t>((tens - '0') * 10 + (units - '0'))];
}

void DecodeCccd(NationalIdResult& r, const IdCheck& check) {
  const std::string& d = r.cccd;
  if (d[0] == '0' && IsProvinceCode(d[1], d[2])) {
    r.province_code = d.substr(1, 2);
  } else {
    r.flags.push_back(kCccdProvinceUnknown);
  }
  int g = d[3] - '0';
  r.sex = g % 2 == 0 ? "M" : "F";
  r.birth_year = 1900 + 100 * (g / 2) + (d[4] - '0') * 10 + (d[5] - '0');
  if (!check.sex.empty() && check.sex != r.sex) r.flags.push_back(kCccdSexMismatch);
  if (check.birth_year > 0 && check.birth_year != r.birth_year)
    r.flags.push_back(kCccdYearMismatch);
}

}  // namespace

bool NationalIdResult::HasFlag(std::string_view f) const {
  return std::find(flags.begin(), flags.end(), f) != flags.end();
}

bool BhytResult::HasFlag(std::string_view f) const {
  return std::find(flags.begin(), flags.end(), f) != flags.end();
}

std::string_view Pre2025ProvinceName(std::string_view code) {
  auto it = ProvinceNames().find(code);
  return it == ProvinceNames().end() ? std::string_view() : std::string_view(it->second);
}

NationalIdResult NormalizeNationalId(std::string_view text, const IdCheck& check) {
  NationalIdResult r;
  std::string d, reason;
  bool numeric = true;
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    d.assign(text);  // the common case: folding, labels and separators change nothing
  } else {
    std::string folded = internal::FastFoldText(internal::StripFloatZeros(text));
    numeric = DigitsOnly(StripLabel(folded), d, reason);
  }
  if (numeric && d.empty()) return r;  // blank or separators only
  auto fail = [&](std::string why) {
    r = NationalIdResult{};
    r.flags.push_back(kIdInvalid);
    r.reason = std::move(why);
    return r;
  };
  if (!numeric) return fail(reason);
  if (d.size() == 11 && check.column != IdColumn::kCmnd) {
    d = Zero(d);
    r.flags.push_back(kIdMissingZero);
  } else if (d.size() == 8 && check.column != IdColumn::kCccd) {
    d = Zero(d);
    r.flags.push_back(kIdMissingZero);
  }
  if (std::all_of(d.begin(), d.end(), [&](char c) { return c == d[0]; })) {
    return fail("placeholder '" + d + "'");
  }
  if (d.size() == 12) {
    r.kind = NationalIdKind::kCccd;
    r.cccd = d;
    if (check.column == IdColumn::kCmnd) r.flags.push_back(kIdTypeFromLength);
    DecodeCccd(r, check);
  } else if (d.size() == 9) {
    r.kind = NationalIdKind::kCmnd;
    r.cmnd = d;
    if (check.column == IdColumn::kCccd) r.flags.push_back(kIdTypeFromLength);
  } else {
    return fail(std::to_string(d.size()) + " digits");
  }
  return r;
}

BhytResult NormalizeBhyt(std::string_view text) {
  BhytResult r;
  text = internal::StripFloatZeros(text);
  std::string s;
  for (char c : text) {
    if (IsSeparator(c) || c == '/') continue;
    s.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c);
  }
  if (s.empty()) return r;
  auto fail = [&](std::string why) {
    r = BhytResult{};
    r.flags.push_back(kBhytInvalid);
    r.reason = std::move(why);
    return r;
  };
  auto digits = [](std::string_view v) {
    return std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (s.size() == 10 && digits(s)) {
    r.bhxh = s;
    r.flags.push_back(kBhytNumberOnly);
    return r;
  }
  if (s.size() != 15) return fail(std::to_string(s.size()) + " characters, expected 15 or 10");
  std::string_view v = s;
  auto letter = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (!letter(v[0]) || !letter(v[1]))
    return fail("group '" + s.substr(0, 2) + "' is not two letters");
  if (!digits(v.substr(2))) return fail("characters 3 to 15 are not all digits");
  if (v[2] < '1' || v[2] > '5') return fail("benefit level '" + s.substr(2, 1) + "' not 1 to 5");
  r.card = s;
  r.group = s.substr(0, 2);
  r.level = v[2] - '0';
  r.province_code = s.substr(3, 2);
  r.bhxh = s.substr(5);
  if (!IsBhytGroup(v[0], v[1])) r.flags.push_back(kBhytGroupUnknown);
  return r;
}

}  // namespace vnlink::vi
