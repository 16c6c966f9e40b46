// File: normalizers/date.h
//
// Dates of birth as Vietnamese records write them, to ISO 8601 with partial dates kept
// partial. Day-month-year is the Vietnamese order and the default reading.
//
//   vnlink::vi::DateOptions opt{.reference_year = 2026};
//   ParseDate("9/1/2021", opt).iso             == "2021-01-09"  (+ dob_ambiguous_day_month)
//   ParseDate("ngày 9 tháng 1 năm 2021", opt).iso == "2021-01-09"
//   ParseDate("1985", opt).iso                 == "1985"        (+ dob_partial)
//   ParseDate("31/02/1990", opt)               -> iso empty, flag dob_invalid,
//                                                 reason "day 31 does not exist in 02/1990"
//
// Accepted shapes (white space around separators tolerated, a trailing time such as
// " 00:00:00" or "T08:30" ignored): dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, dd/mm/yy,
// yyyy-mm-dd, yyyy/mm/dd, yyyymmdd, ddmmyyyy, yyyymmddHHMM and yyyymmddHHMMSS (time
// dropped), yyyy, yyyymm, mm/yyyy, yyyy-mm, "[ngày] D tháng M năm YYYY", "tháng M năm YYYY", "năm
// YYYY" (with or without diacritics, any case), English month names ("15-AUG-85" as Oracle prints
// it, "Aug 15, 1985"), Excel serial day numbers of five digits (flagged), and whole numbers
// exported as floats ("1985.0"). Labels before a numeric date ("Ngày sinh:", "NS") are
// ignored.
// A day or month written 0 or 00 means unknown: 00/00/1990 gives "1990" (dob_partial).
// A value that says the date is unknown ("không rõ", "chưa rõ", "N/A", "-", "0",
// "00/00/0000", "xx/xx/xxxx", "?") gives an empty iso and dob_unknown, not dob_invalid.
// Pure and thread-safe; no clock is read (two-digit years use options.reference_year).

#ifndef NORMALIZERS_DATE_H_
#define NORMALIZERS_DATE_H_

#include <string>
#include <string_view>
#include <vector>

namespace vnlink::vi {

// Flag names (static strings; the canonical TSV flags column joins them with ';').
inline constexpr std::string_view kDobInvalid = "dob_invalid";  // unparseable or impossible
// The field says the date is not known ("không rõ", "N/A", "00/00/0000"); iso empty.
inline constexpr std::string_view kDobUnknown = "dob_unknown";
inline constexpr std::string_view kDobPartial = "dob_partial";  // only year or year-month
// Both day and month <= 12, differing, in a shape that allows either order; read day-first.
inline constexpr std::string_view kDobAmbiguousDayMonth = "dob_ambiguous_day_month";
// Month > 12 in the day-first position but a valid month-first reading: read month-first.
inline constexpr std::string_view kDobMonthFirst = "dob_month_first";
// 1 January: often a placeholder for "year known only" (kept as a full date).
inline constexpr std::string_view kDobPlaceholder = "dob_placeholder_0101";
// A two-digit year expanded with the pivot (see DateOptions::reference_year).
inline constexpr std::string_view kDobTwoDigitYear = "dob_two_digit_year";
// An Excel serial day number (days since 1899-12-30) was converted.
inline constexpr std::string_view kDobExcelSerial = "dob_excel_serial";
// Later than options.reference_year (kept; a birth date cannot be in the future).
inline constexpr std::string_view kDobFuture = "dob_future";

struct DateOptions {
  // The current year as the caller knows it (e.g. the year the data was extracted). Used as
  // the pivot for two-digit years: yy is read 20yy when 20yy <= reference_year, else 19yy
  // (a person cannot be born in the future). 0 = unknown: two-digit years are then invalid
  // and no dob_future check is made.
  int reference_year = 0;
  // Convert five-digit numbers (10000..99999 = 1927-05-18..2173-10-14) as Excel serials.
  bool excel_serials = true;
};

enum class DatePrecision { kNone, kYear, kMonth, kDay };

struct DateResult {
  std::string iso;  // "YYYY-MM-DD", "YYYY-MM", "YYYY" or empty (missing or invalid)
  DatePrecision precision = DatePrecision::kNone;
  int year = 0, month = 0, day = 0;     // 0 where unknown
  std::vector<std::string_view> flags;  // kDob* names, in the order found
  // Why the value is invalid (empty otherwise), to append to "invalid date '<input>'",
  // e.g. "day 31 does not exist in 02/1990".
  std::string reason;
  [[nodiscard]] bool HasFlag(std::string_view f) const;
};

// Parses one date field. Empty or all-blank input gives an empty result with no flag.
// Never guesses: an impossible date gives an empty iso, kDobInvalid and a reason.
[[nodiscard]] DateResult ParseDate(std::string_view text, const DateOptions& options = {});

// True when year/month/day form a real Gregorian date (month 1-12, day within the month).
[[nodiscard]] bool IsValidDate(int year, int month, int day);

}  // namespace vnlink::vi

#endif  // NORMALIZERS_DATE_H_
