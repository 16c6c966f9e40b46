// File: normalizers/vn_id.h
//
// Vietnamese personal identifiers: the 12-digit citizen id (CCCD / căn cước), the old
// 9-digit CMND, and the health-insurance (BHYT) card code with its 10-digit
// social-insurance (BHXH) number.
//
//   auto id = NormalizeNationalId("087 084 000 999", {.sex = "M", .birth_year = 1984});
//   // id.kind == NationalIdKind::kCccd, id.cccd == "087084000999",
//   // id.province_code == "87" (Đồng Tháp, pre-2025 code), id.sex == "M", id.birth_year == 1984
//   auto card = NormalizeBhyt("hs 4 01 0120878811");
//   // card.card == "HS4010120878811", card.group == "HS", card.level == 4,
//   // card.province_code == "01", card.bhxh == "0120878811"
//
// CCCD layout (Decree 137/2015, Circular 07/2016, 59/2021): PPP G YY RRRRRR. PPP = place of
// birth registration, 001..096 = "0" + the pre-2025 GSO province code (never renumbered by
// the 2025 reform); G = century and sex (0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s,
// 6/7 = 2200s, 8/9 = 2300s); YY = birth year mod 100. There is no check digit. A mismatch
// with the record's sex or birth year is flagged, never fixed. Separators (space, dot,
// dash) and a leading label ("CCCD:", "Số CMND", "Căn cước công dân số") are ignored.
// Pure and thread-safe.

#ifndef NORMALIZERS_VN_ID_H_
#define NORMALIZERS_VN_ID_H_

#include <string>
#include <string_view>
#include <vector>

namespace vnlink::vi {

inline constexpr std::string_view kIdInvalid = "id_invalid";  // not 9 or 12 digits; output empty
inline constexpr std::string_view kCccdSexMismatch = "cccd_sex_mismatch";
inline constexpr std::string_view kCccdYearMismatch = "cccd_year_mismatch";
// PPP is not 0 + a pre-2025 province code (kept; may be a code for birth abroad).
inline constexpr std::string_view kCccdProvinceUnknown = "cccd_province_unknown";
// An 11-digit (8-digit) number read as a CCCD (CMND) whose leading 0 a spreadsheet dropped.
inline constexpr std::string_view kIdMissingZero = "id_missing_zero";
// The number's length contradicts the column it came from (12 digits in a CMND column is
// a CCCD, 9 digits in a CCCD column is a CMND); it is filed under its real type.
inline constexpr std::string_view kIdTypeFromLength = "id_type_from_length";
inline constexpr std::string_view kBhytInvalid = "bhyt_invalid";  // output empty
// The two-letter beneficiary group is not in the BHXH list (card kept).
inline constexpr std::string_view kBhytGroupUnknown = "bhyt_group_unknown";
// Only the 10-digit BHXH number was given (cards printed since 2021 carry only it).
inline constexpr std::string_view kBhytNumberOnly = "bhyt_number_only";

enum class NationalIdKind { kNone, kCccd, kCmnd };
// Which column the value came from; decides how an ambiguous length is read.
enum class IdColumn { kAny, kCccd, kCmnd };

// What the record says about the person, for the CCCD cross-check (empty/0 = unknown).
struct IdCheck {
  std::string_view sex;  // "M", "F" or ""
  int birth_year = 0;
  IdColumn column = IdColumn::kAny;
};

struct NationalIdResult {
  NationalIdKind kind = NationalIdKind::kNone;
  std::string cccd;           // 12 digits when kind == kCccd
  std::string cmnd;           // 9 digits when kind == kCmnd
  std::string province_code;  // CCCD: pre-2025 GSO code of birth registration ("01", "79")
  std::string_view sex;       // CCCD: "M" or "F" from G
  int birth_year = 0;         // CCCD: from G and YY
  std::vector<std::string_view> flags;
  std::string reason;  // why invalid, for "invalid id '<input>'", e.g. "10 digits"
  [[nodiscard]] bool HasFlag(std::string_view f) const;
};

// Normalizes one CCCD/CMND field. Empty input gives kNone with no flag.
[[nodiscard]] NationalIdResult NormalizeNationalId(std::string_view text,
                                                   const IdCheck& check = {});

// Name of a pre-2025 province by its 2-digit GSO code ("79" -> "Thành phố Hồ Chí Minh"),
// or "" when the code is not one of the 63.
[[nodiscard]] std::string_view Pre2025ProvinceName(std::string_view code);

struct BhytResult {
  std::string card;           // 15 characters, upper case, no separators; empty if only bhxh
  std::string group;          // beneficiary group letters, e.g. "HS", "TE", "DN"
  int level = 0;              // benefit level 1..5 (0 when unknown)
  std::string province_code;  // province of issue, 2 digits
  std::string bhxh;           // the 10-digit social-insurance number (lifelong)
  std::vector<std::string_view> flags;
  std::string reason;  // why invalid, for "invalid insurance card '<input>'"
  [[nodiscard]] bool HasFlag(std::string_view f) const;
};

// Normalizes one BHYT card field: "XX N PP SSSSSSSSSS" (15 characters; spaces, dashes,
// dots and lower case tolerated) or the bare 10-digit BHXH number. Level must be 1..5.
[[nodiscard]] BhytResult NormalizeBhyt(std::string_view text);

}  // namespace vnlink::vi

#endif  // NORMALIZERS_VN_ID_H_
