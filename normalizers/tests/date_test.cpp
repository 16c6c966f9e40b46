#include "normalizers/date.h"

#include <gtest/gtest.h>

namespace vnlink::vi {
namespace {

const DateOptions k2026{.reference_year = 2026};

std::string Iso(std::string_view s) { return ParseDate(s, k2026).iso; }

TEST(ParseDate, DayMonthYearShapes) {
  EXPECT_EQ(Iso("15/08/1985"), "1985-08-15");
  EXPECT_EQ(Iso("15-08-1985"), "1985-08-15");
  EXPECT_EQ(Iso("15.08.1985"), "1985-08-15");
  EXPECT_EQ(Iso("5/8/1985"), "1985-08-05");
  EXPECT_EQ(Iso(" 25 / 12 / 1950 "), "1950-12-25");
  EXPECT_EQ(Iso("29/02/2000"), "2000-02-29");  // leap year (divisible by 400)
}

TEST(ParseDate, IsoAndCompactShapes) {
  EXPECT_EQ(Iso("1985-08-15"), "1985-08-15");
  EXPECT_EQ(Iso("1985/8/15"), "1985-08-15");
  EXPECT_EQ(Iso("19850815"), "1985-08-15");      // claim files (XML 4750)
  EXPECT_EQ(Iso("202401150830"), "2024-01-15");  // yyyymmddHHMM admission time
  EXPECT_EQ(Iso("20240115083000"), "2024-01-15");
  EXPECT_EQ(Iso("15081985"), "1985-08-15");             // ddmmyyyy without separators
  EXPECT_EQ(Iso("1985-08-15 00:00:00"), "1985-08-15");  // database export
  EXPECT_EQ(Iso("1985-08-15T08:30:00Z"), "1985-08-15");
  EXPECT_EQ(Iso("15/08/1985 0:00"), "1985-08-15");
  EXPECT_FALSE(ParseDate("1985-08-15", k2026).HasFlag(kDobAmbiguousDayMonth));
}

TEST(ParseDate, VietnameseWords) {
  EXPECT_EQ(Iso("9 tháng 1 năm 2021"), "2021-01-09");
  EXPECT_EQ(Iso("ngày 9 tháng 1 năm 2021"), "2021-01-09");
  EXPECT_EQ(Iso("Ngày 09 Tháng 01 Năm 2021"), "2021-01-09");
  EXPECT_EQ(Iso("NGAY 9 THANG 1 NAM 2021"), "2021-01-09");
  EXPECT_EQ(Iso("Sinh ngày 30 tháng 4 năm 1975"), "1975-04-30");
  EXPECT_EQ(Iso("Ngày sinh: 15/08/1985"), "1985-08-15");
  EXPECT_EQ(Iso("NS 15-08-1985"), "1985-08-15");
  EXPECT_EQ(Iso("Năm sinh: 1985"), "1985");
  EXPECT_EQ(Iso("NS: 1985"), "1985");
  EXPECT_EQ(Iso("ngày 15"), "");  // a day alone is no date
  DateResult month = ParseDate("tháng 3 năm 1990", k2026);
  EXPECT_EQ(month.iso, "1990-03");
  EXPECT_TRUE(month.HasFlag(kDobPartial));
  EXPECT_EQ(Iso("năm 1960"), "1960");
  EXPECT_TRUE(ParseDate("ngày 31 tháng 2 năm 1990", k2026).HasFlag(kDobInvalid));
  EXPECT_TRUE(ParseDate("9 tháng giêng 2021", k2026).HasFlag(kDobInvalid));
}

TEST(ParseDate, EnglishMonthNames) {
  EXPECT_EQ(Iso("15-AUG-85"), "1985-08-15");  // Oracle default format
  EXPECT_EQ(Iso("15-Aug-1985"), "1985-08-15");
  EXPECT_EQ(Iso("Aug 15, 1985"), "1985-08-15");
  EXPECT_EQ(Iso("15 September 1985"), "1985-09-15");
  EXPECT_EQ(Iso("March 1990"), "1990-03");
  EXPECT_FALSE(ParseDate("15-AUG-85", k2026).HasFlag(kDobAmbiguousDayMonth));
  EXPECT_EQ(ParseDate("30-FEB-1985", k2026).reason, "day 30 does not exist in 02/1985");
  EXPECT_TRUE(ParseDate("15-XYZ-1985", k2026).HasFlag(kDobInvalid));
}

TEST(ParseDate, PartialDatesStayPartial) {
  DateResult year = ParseDate("1948", k2026);
  EXPECT_EQ(year.iso, "1948");
  EXPECT_EQ(year.precision, DatePrecision::kYear);
  EXPECT_EQ(year.year, 1948);
  EXPECT_EQ(year.month, 0);
  EXPECT_TRUE(year.HasFlag(kDobPartial));
  EXPECT_EQ(Iso("03/1990"), "1990-03");
  EXPECT_EQ(Iso("3/1990"), "1990-03");
  EXPECT_EQ(Iso("1990-03"), "1990-03");
  EXPECT_EQ(Iso("199003"), "1990-03");
  EXPECT_EQ(Iso("00/00/1955"), "1955");  // unknown day and month
  EXPECT_EQ(Iso("00/07/1955"), "1955-07");
  EXPECT_EQ(Iso("00/1955"), "1955");
  EXPECT_EQ(ParseDate("00/00/1955", k2026).precision, DatePrecision::kYear);
}

TEST(ParseDate, ImpossibleDatesAreReportedNotGuessed) {
  DateResult r = ParseDate("31/02/1990", k2026);
  EXPECT_EQ(r.iso, "");
  EXPECT_TRUE(r.HasFlag(kDobInvalid));
  EXPECT_EQ(r.reason, "day 31 does not exist in 02/1990");
  EXPECT_EQ(ParseDate("29/02/1900", k2026).reason, "day 29 does not exist in 02/1900");
  EXPECT_EQ(ParseDate("31/04/2001", k2026).iso, "");
  EXPECT_EQ(ParseDate("15/13/1990", k2026).reason, "month 13 out of range");
  EXPECT_EQ(ParseDate("32/13/1990", k2026).reason, "month 13 out of range");
  EXPECT_EQ(ParseDate("1990-13-01", k2026).reason, "month 13 out of range");
  EXPECT_EQ(ParseDate("0/0/0001", k2026).reason, "year 1 out of range");
  EXPECT_EQ(ParseDate("15/08/0985", k2026).reason, "year 985 out of range");
  EXPECT_TRUE(ParseDate("abc", k2026).HasFlag(kDobInvalid));
  EXPECT_TRUE(ParseDate("12/5", k2026).HasFlag(kDobInvalid));
  EXPECT_TRUE(ParseDate("1/2/3/4", k2026).HasFlag(kDobInvalid));
  EXPECT_TRUE(ParseDate("123", k2026).HasFlag(kDobInvalid));
  EXPECT_TRUE(ParseDate("1985081", k2026).HasFlag(kDobInvalid));
  EXPECT_TRUE(ParseDate("202401152599", k2026).HasFlag(kDobInvalid));  // 25:99 is no time
}

TEST(ParseDate, AmbiguousDayMonthIsFlaggedAndReadDayFirst) {
  DateResult r = ParseDate("05/03/1990", k2026);
  EXPECT_EQ(r.iso, "1990-03-05");
  EXPECT_TRUE(r.HasFlag(kDobAmbiguousDayMonth));
  EXPECT_FALSE(ParseDate("25/03/1990", k2026).HasFlag(kDobAmbiguousDayMonth));
  EXPECT_FALSE(ParseDate("07/07/1990", k2026).HasFlag(kDobAmbiguousDayMonth));  // same either way
  DateResult us = ParseDate("03/25/1990", k2026);
  EXPECT_EQ(us.iso, "1990-03-25");
  EXPECT_TRUE(us.HasFlag(kDobMonthFirst));
}

TEST(ParseDate, TwoDigitYearsUseThePivot) {
  DateResult old = ParseDate("15-08-85", k2026);
  EXPECT_EQ(old.iso, "1985-08-15");
  EXPECT_TRUE(old.HasFlag(kDobTwoDigitYear));
  EXPECT_EQ(Iso("15-08-26"), "2026-08-15");  // equal to the reference year: this century
  EXPECT_EQ(Iso("15-08-27"), "1927-08-15");
  EXPECT_EQ(ParseDate("15-08-27", {.reference_year = 2030}).iso, "2027-08-15");
  DateResult unknown = ParseDate("15-08-85");  // no reference year
  EXPECT_EQ(unknown.iso, "");
  EXPECT_TRUE(unknown.HasFlag(kDobInvalid));
}

TEST(ParseDate, PlaceholderFirstOfJanuaryIsNoted) {
  DateResult r = ParseDate("01/01/1950", k2026);
  EXPECT_EQ(r.iso, "1950-01-01");
  EXPECT_TRUE(r.HasFlag(kDobPlaceholder));
  EXPECT_FALSE(r.HasFlag(kDobAmbiguousDayMonth));
  EXPECT_FALSE(ParseDate("02/01/1950", k2026).HasFlag(kDobPlaceholder));
}

TEST(ParseDate, ExcelSerials) {
  DateResult r = ParseDate("32874", k2026);  // Excel shows 01/01/1990 as 32874
  EXPECT_EQ(r.iso, "1990-01-01");
  EXPECT_TRUE(r.HasFlag(kDobExcelSerial));
  EXPECT_EQ(Iso("45292"), "2024-01-01");
  EXPECT_EQ(Iso("36586"), "2000-03-01");  // after the 1900 leap-day bug
  EXPECT_TRUE(
      ParseDate("32874", {.reference_year = 2026, .excel_serials = false}).HasFlag(kDobInvalid));
}

TEST(ParseDate, SpreadsheetFloats) {
  EXPECT_EQ(Iso("1985.0"), "1985");
  EXPECT_EQ(Iso("32874.0"), "1990-01-01");
  EXPECT_EQ(Iso("19850815.00"), "1985-08-15");
  EXPECT_EQ(Iso("15.08.1985"), "1985-08-15");  // a dotted date is not a float
}

TEST(ParseDate, UnknownMarkersAreUnknownNotInvalid) {
  for (const char* s : {"không rõ",   "KHÔNG RÕ",
                        "Chưa rõ",    "chua  ro",
                        "N/A",        "n/a",
                        "NA",         "-",
                        "--",         "0",
                        "00",         "0000",
                        "00/00/0000", "00-00-0000",
                        "0/0/0",      "00/00/00",
                        "00000000",   "--/--/----",
                        "xx/xx/xxxx", "?",
                        "KXĐ",        "không xác định",
                        "unknown",    "NULL",
                        " không rõ "}) {
    DateResult r = ParseDate(s, k2026);
    EXPECT_EQ(r.iso, "") << s;
    ASSERT_EQ(r.flags.size(), 1u) << s;
    EXPECT_EQ(r.flags[0], kDobUnknown) << s;
    EXPECT_TRUE(r.reason.empty()) << s;
  }
  // A known part is kept; words that are no marker stay invalid.
  EXPECT_EQ(Iso("00/00/1990"), "1990");
  EXPECT_EQ(Iso("00/05/1990"), "1990-05");
  EXPECT_TRUE(ParseDate("không", k2026).HasFlag(kDobUnknown));
  EXPECT_TRUE(ParseDate("chưa rõ ràng", k2026).HasFlag(kDobInvalid));
  EXPECT_TRUE(ParseDate("x", k2026).HasFlag(kDobUnknown));
  EXPECT_TRUE(ParseDate("abc", k2026).HasFlag(kDobInvalid));
}

// The allocation-free path for the common numeric shapes gives what the general path gives
// (a leading space sends the same text down the general path).
TEST(ParseDate, NumericFastPathAgreesWithTheGeneralPath) {
  const char* parts[] = {"0", "00", "1", "01", "9", "12", "13", "28", "29", "31", "32", "123"};
  const char* years[] = {"1980", "80",   "26",   "27",   "0000",  "2026",
                         "2031", "1799", "1900", "2000", "12345", "1"};
  int compared = 0;
  for (const char* sep : {"/", "-", "."}) {
    for (const char* a : parts) {
      for (const char* b : parts) {
        for (const char* y : years) {
          for (bool year_first : {false, true}) {
            std::string text = year_first ? std::string(y) + sep + a + sep + b
                                          : std::string(a) + sep + b + sep + y;
            DateResult fast = ParseDate(text, k2026);
            DateResult slow = ParseDate(" " + text, k2026);
            ASSERT_EQ(fast.iso, slow.iso) << text;
            ASSERT_EQ(fast.flags, slow.flags) << text;
            ASSERT_EQ(fast.reason, slow.reason) << text;
            ASSERT_EQ(fast.precision, slow.precision) << text;
            ++compared;
          }
        }
      }
    }
  }
  EXPECT_EQ(compared, 3 * 12 * 12 * 12 * 2);
}

TEST(ParseDate, FutureAndEmpty) {
  EXPECT_TRUE(ParseDate("2031", k2026).HasFlag(kDobFuture));
  EXPECT_FALSE(ParseDate("2026", k2026).HasFlag(kDobFuture));
  DateResult empty = ParseDate("   ", k2026);
  EXPECT_EQ(empty.iso, "");
  EXPECT_TRUE(empty.flags.empty());
  EXPECT_TRUE(ParseDate("", k2026).flags.empty());
}

TEST(IsValidDate, Calendar) {
  EXPECT_TRUE(IsValidDate(2024, 2, 29));
  EXPECT_FALSE(IsValidDate(2023, 2, 29));
  EXPECT_FALSE(IsValidDate(2023, 0, 1));
  EXPECT_FALSE(IsValidDate(2023, 12, 32));
}

}  // namespace
}  // namespace vnlink::vi
