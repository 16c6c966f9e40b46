#include "normalizers/date.h"

#include <algorithm>
#include <iterator>

#include "internal/fast_fold.h"
#include "internal/spreadsheet.h"

namespace vnlink::vi {
namespace {

constexpr int kMinYear = 1800;
constexpr int kMaxYear = 2200;
static_assert(kMinYear >= 1000 && kMaxYear <= 9999, "Finish() writes 4-digit years");

struct Token {
  bool number = false;
  std::string text;
};

int ToInt(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// v >= 0 with at least `width` digits, zero-padded (no snprintf: this is on the hot path).
std::string Pad(int v, int width) {
  char buf[16];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0 && n < 15);
  while (n < width) buf[n++] = '0';
  return std::string(std::make_reverse_iterator(buf + n), std::make_reverse_iterator(buf));
}

// Splits the folded text into digit runs and letter runs; everything else separates.
// A digit run followed by ':' starts a time of day, which ends the date.
std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      std::size_t j = i;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
      if (j < s.size() && s[j] == ':') break;  // time of day
      out.push_back({true, std::string(s.substr(i, j - i))});
      i = j;
    } else if ((c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80) {
      std::size_t j = i;
      while (j < s.size() &&
             ((s[j] >= 'a' && s[j] <= 'z') || static_cast<unsigned char>(s[j]) >= 0x80))
        ++j;
      out.push_back({false, std::string(s.substr(i, j - i))});
      i = j;
    } else {
      ++i;
    }
  }
  // Words that only introduce or close a time ("1990-03-05T08:30", "... 8:30 SA").
  while (!out.empty() && !out.back().number &&
         (out.back().text == "t" || out.back().text == "sa" || out.back().text == "ch" ||
          out.back().text == "am" || out.back().text == "pm" || out.back().text == "luc" ||
          out.back().text == "z")) {
    out.pop_back();
  }
  return out;
}

// Words that say the date is not known ("không rõ", "N/A"), as folded, with spaces collapsed.
constexpr std::string_view kUnknownWords[] = {"khong ro",
                                              "chua ro",
                                              "khong xac dinh",
                                              "chua xac dinh",
                                              "khong nho",
                                              "khong biet",
                                              "chua biet",
                                              "khong co",
                                              "khong",
                                              "kxd",
                                              "krd",
                                              "kr",
                                              "n/a",
                                              "na",
                                              "n.a",
                                              "n.a.",
                                              "unknown",
                                              "null",
                                              "none",
                                              "nil",
                                              "not known",
                                              "chua cap nhat",
                                              "chua khai",
                                              "k ro",
                                              "ko ro",
                                              "khong ro ngay",
                                              "khong ro nam"};

// True for a marker of an unknown date: one of kUnknownWords, or only zeros, '-', '/',
// '.', '?', 'x' and spaces ("0", "00/00/0000", "--/--/----", "xx/xx/xxxx", "?").
bool IsUnknownMarker(std::string_view text) {
  std::string folded = internal::FastFoldText(text);
  std::string key;
  for (char c : folded) {
    char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c;
    if (l == ' ' || l == '\t' || l == '\r' || l == '\n') {
      if (!key.empty() && key.back() != ' ') key.push_back(' ');
    } else {
      key.push_back(l);
    }
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  if (key.empty()) return false;
  for (std::string_view w : kUnknownWords) {
    if (key == w) return true;
  }
  return std::all_of(key.begin(), key.end(), [](char c) {
    return c == '0' || c == '-' || c == '/' || c == '.' || c == '?' || c == 'x' || c == ' ';
  });
}

void Fail(DateResult& r, std::string reason) {
  r = DateResult{};
  r.flags.push_back(kDobInvalid);
  r.reason = std::move(reason);
}

// Converts an Excel serial day number (1900 date system, day 0 = 1899-12-30).
void FromExcelSerial(int serial, int& y, int& m, int& d) {
  // days_from_civil inverse (H. Hinnant), epoch 1970-01-01 = serial 25569.
  long z = static_cast<long>(serial) - 25569 + 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

// Fills iso/precision from year, month (0 = unknown), day (0 = unknown), validating.
void Finish(DateResult& r, int year, int month, int day, const DateOptions& options) {
  if (year < kMinYear || year > kMaxYear) {
    return Fail(r, "year " + std::to_string(year) + " out of range");
  }
  if (month > 12) return Fail(r, "month " + std::to_string(month) + " out of range");
  if (month == 0) day = 0;  // a day without its month says nothing
  if (day > 0 && day > DaysInMonth(year, month)) {
    return Fail(r, "day " + std::to_string(day) + " does not exist in " + Pad(month, 2) + "/" +
                       std::to_string(year));
  }
  r.year = year;
  r.month = month;
  r.day = day;
  // "YYYY[-MM[-DD]]", written in place: the year has 4 digits (kMinYear..kMaxYear).
  char iso[10] = {static_cast<char>('0' + year / 1000),
                  static_cast<char>('0' + year / 100 % 10),
                  static_cast<char>('0' + year / 10 % 10),
                  static_cast<char>('0' + year % 10),
                  '-',
                  static_cast<char>('0' + month / 10),
                  static_cast<char>('0' + month % 10),
                  '-',
                  static_cast<char>('0' + day / 10),
                  static_cast<char>('0' + day % 10)};
  r.precision = day > 0     ? DatePrecision::kDay
                : month > 0 ? DatePrecision::kMonth
                            : DatePrecision::kYear;
  r.iso.assign(iso, day > 0 ? 10 : month > 0 ? 7 : 4);
  if (r.precision != DatePrecision::kDay) r.flags.push_back(kDobPartial);
  if (day == 1 && month == 1) r.flags.push_back(kDobPlaceholder);
  if (options.reference_year > 0 && year > options.reference_year) r.flags.push_back(kDobFuture);
}

// Expands a year written with `digits` digits; false when it cannot be expanded.
bool ExpandYear(DateResult& r, const std::string& digits, const DateOptions& options, int& year) {
  if (digits.size() == 4) {
    year = ToInt(digits);
    return true;
  }
  if (digits.size() != 2) {
    Fail(r, "year '" + digits + "' is not 4 digits");
    return false;
  }
  if (options.reference_year <= 0) {
    Fail(r, "two-digit year '" + digits + "' without a reference year");
    return false;
  }
  int yy = ToInt(digits);
  int century = options.reference_year / 100 * 100;
  year = century + yy <= options.reference_year ? century + yy : century - 100 + yy;
  r.flags.push_back(kDobTwoDigitYear);
  return true;
}

// Digits-only field: yyyy, yyyymm, yyyymmdd, ddmmyyyy, yyyymmddHHMM[SS], Excel serial.
void ParseCompact(DateResult& r, const std::string& d, const DateOptions& options) {
  switch (d.size()) {
    case 4:
      return Finish(r, ToInt(d), 0, 0, options);
    case 5: {
      if (!options.excel_serials) return Fail(r, "five-digit number is not a date");
      int y = 0, m = 0, day = 0;
      FromExcelSerial(ToInt(d), y, m, day);
      r.flags.push_back(kDobExcelSerial);
      return Finish(r, y, m, day, options);
    }
    case 6: {
      int y = ToInt(d.substr(0, 4)), m = ToInt(d.substr(4, 2));
      if (y >= kMinYear && y <= kMaxYear && m >= 1 && m <= 12) return Finish(r, y, m, 0, options);
      return Fail(r, "six digits are not yyyymm");
    }
    case 8: {
      int y = ToInt(d.substr(0, 4)), m = ToInt(d.substr(4, 2)), day = ToInt(d.substr(6, 2));
      if (y >= kMinYear && y <= kMaxYear) return Finish(r, y, m, day, options);
      int y2 = ToInt(d.substr(4, 4)), m2 = ToInt(d.substr(2, 2)), day2 = ToInt(d.substr(0, 2));
      if (y2 >= kMinYear && y2 <= kMaxYear) return Finish(r, y2, m2, day2, options);
      return Fail(r, "eight digits are neither yyyymmdd nor ddmmyyyy");
    }
    case 12:
    case 14: {
      int hh = ToInt(d.substr(8, 2)), mm = ToInt(d.substr(10, 2));
      int ss = d.size() == 14 ? ToInt(d.substr(12, 2)) : 0;
      if (hh > 23 || mm > 59 || ss > 59) return Fail(r, "invalid time of day in '" + d + "'");
      return Finish(r, ToInt(d.substr(0, 4)), ToInt(d.substr(4, 2)), ToInt(d.substr(6, 2)),
                    options);
    }
    default:
      return Fail(r, std::to_string(d.size()) + " digits do not form a date");
  }
}

// Day-month-year with a numeric month: decides the order and flags ambiguity.
void ParseDayMonthYear(DateResult& r, int a, int b, const std::string& year_digits,
                       const DateOptions& options) {
  int year = 0;
  if (!ExpandYear(r, year_digits, options, year)) return;
  int day = a, month = b;
  if (a >= 1 && b >= 1 && a <= 12 && b <= 12 && a != b) {
    r.flags.push_back(kDobAmbiguousDayMonth);
  } else if (b > 12 && a >= 1 && a <= 12 && b <= 31) {
    day = b;
    month = a;
    r.flags.push_back(kDobMonthFirst);
  }
  Finish(r, year, month, day, options);
}

// English month names and their three-letter forms, 1..12; 0 for any other word.
int EnglishMonth(std::string_view w) {
  static constexpr std::string_view kNames[] = {"january",   "february", "march",    "april",
                                                "may",       "june",     "july",     "august",
                                                "september", "october",  "november", "december"};
  for (int m = 0; m < 12; ++m) {
    if (w == kNames[m] || (w.size() == 3 && kNames[m].substr(0, 3) == w) || (m == 8 && w == "sept"))
      return m + 1;
  }
  return 0;
}

// "[ngày] D tháng M năm YYYY", "tháng M năm YYYY", "năm YYYY", "D tháng M, YYYY",
// "15-AUG-1985", "Aug 15, 1985".
void ParseWords(DateResult& r, const std::vector<Token>& t, const DateOptions& options) {
  int day = -1, month = -1;
  std::string year;
  std::string pending;  // the word that names the next number
  for (const Token& tok : t) {
    if (!tok.number) {
      int named = EnglishMonth(tok.text);
      if (named > 0 && month < 0) {
        month = named;  // "15-AUG-85" (Oracle), "Aug 15, 1985"
        pending.clear();
      } else if (tok.text == "ngay" || tok.text == "thang" || tok.text == "nam") {
        pending = tok.text;
      } else if (tok.text != "sinh") {
        return Fail(r, "unrecognised word '" + tok.text + "'");
      }
      continue;
    }
    if (pending == "ngay") {
      day = ToInt(tok.text);
    } else if (pending == "thang") {
      month = ToInt(tok.text);
    } else if (pending == "nam") {
      year = tok.text;
    } else if (day < 0 && month < 0 && tok.text.size() <= 2) {
      day = ToInt(tok.text);  // "9 tháng 1 năm 2021"
    } else if (day < 0 && month >= 0 && year.empty() && tok.text.size() <= 2 && &tok != &t.back()) {
      day = ToInt(tok.text);  // "Aug 15, 1985"
    } else if (year.empty() && month >= 0) {
      year = tok.text;  // "9 tháng 1, 2021", "15-AUG-85"
    } else {
      return Fail(r, "unexpected number '" + tok.text + "'");
    }
    pending.clear();
  }
  if (year.empty()) return Fail(r, "no year");
  int y = 0;
  if (!ExpandYear(r, year, options, y)) return;
  if (month < 0) month = 0;
  if (day < 0) day = 0;
  Finish(r, y, month, day, options);
}

}  // namespace

bool DateResult::HasFlag(std::string_view f) const {
  return std::find(flags.begin(), flags.end(), f) != flags.end();
}

bool IsValidDate(int year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

// The common shapes d/m/yyyy, dd-mm-yy, dd.mm.yyyy and yyyy-mm-dd (digits and one separator
// character between them, nothing else, some digit not 0): parsed without allocating, with
// the result of the general path. Returns false for anything else.
bool ParseNumericFast(std::string_view text, const DateOptions& options, DateResult& r) {
  std::string_view part[3];
  std::size_t n = 0, begin = 0;
  bool nonzero = false;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    char c = i < text.size() ? text[i] : '/';
    if (c >= '0' && c <= '9') {
      nonzero |= c != '0';
      continue;
    }
    if (c != '/' && c != '-' && c != '.') return false;
    if (i == begin || n == 3) return false;
    part[n++] = text.substr(begin, i - begin);
    begin = i + 1;
  }
  if (n != 3 || !nonzero) return false;
  if (part[0].size() == 4 && part[1].size() <= 2 && part[2].size() <= 2) {
    Finish(r, ToInt(part[0]), ToInt(part[1]), ToInt(part[2]), options);
    return true;
  }
  if (part[0].size() <= 2 && part[1].size() <= 2 && (part[2].size() == 4 || part[2].size() == 2)) {
    ParseDayMonthYear(r, ToInt(part[0]), ToInt(part[1]), std::string(part[2]), options);
    return true;
  }
  return false;
}

DateResult ParseDate(std::string_view text, const DateOptions& options) {
  DateResult r;
  if (ParseNumericFast(text, options, r)) return r;
  if (IsUnknownMarker(text)) {
    r.flags.push_back(kDobUnknown);
    return r;
  }
  std::vector<Token> t = Tokenize(internal::FastFoldText(internal::StripFloatZeros(text)));
  if (t.empty()) {
    bool blank = std::all_of(text.begin(), text.end(), [](char c) {
      return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    });
    if (!blank) Fail(r, "no date found");
    return r;
  }
  // Labels in front of a numeric date ("Ngày sinh: 15/08/1985", "NS 1985") are dropped.
  auto label = [](const Token& k) {
    return !k.number && (k.text == "ngay" || k.text == "sinh" || k.text == "ns" || k.text == "dob");
  };
  bool month_words =
      std::any_of(t.begin(), t.end(), [&](const Token& k) { return !k.number && !label(k); });
  if (!month_words) {
    t.erase(std::remove_if(t.begin(), t.end(), label), t.end());
  }
  bool words = std::any_of(t.begin(), t.end(), [](const Token& k) { return !k.number; });
  if (words) {
    ParseWords(r, t, options);
    return r;
  }
  if (t.size() == 1) {
    ParseCompact(r, t[0].text, options);
    return r;
  }
  for (const Token& k : t) {
    if (k.text.size() > 4 || k.text.size() == 3) {
      Fail(r, "unrecognised date shape");
      return r;
    }
  }
  if (t.size() == 2) {  // month and year, either order
    const std::string& a = t[0].text;
    const std::string& b = t[1].text;
    if (b.size() == 4 && a.size() <= 2) {
      Finish(r, ToInt(b), ToInt(a), 0, options);
    } else if (a.size() == 4 && b.size() <= 2) {
      Finish(r, ToInt(a), ToInt(b), 0, options);
    } else {
      Fail(r, "unrecognised date shape");
    }
    return r;
  }
  if (t.size() == 3) {
    if (t[0].text.size() == 4 && t[1].text.size() <= 2 && t[2].text.size() <= 2) {
      Finish(r, ToInt(t[0].text), ToInt(t[1].text), ToInt(t[2].text), options);
    } else if (t[0].text.size() <= 2 && t[1].text.size() <= 2 &&
               (t[2].text.size() == 4 || t[2].text.size() == 2)) {
      ParseDayMonthYear(r, ToInt(t[0].text), ToInt(t[1].text), t[2].text, options);
    } else {
      Fail(r, "unrecognised date shape");
    }
    return r;
  }
  Fail(r, "unrecognised date shape");
  return r;
}

}  // namespace vnlink::vi
