// File: normalizers/synth_corrupt.h
//
// The error model of `vnlink synth`: the kinds of damage real Vietnamese patient records
// carry, each applied independently with its own rate. A kind is applied only to records
// where it can show (a day/month swap needs a day <= 12; Vũ/Võ needs one of those
// surnames), so a rate is P(applied | eligible); the generator reports both masks per
// record so tests can measure it.
//
//   vnlink::vi::ErrorRates rates = vnlink::vi::DefaultErrorRates();
//   vnlink::vi::ApplyErrorRateSpec("name_typo=0.05,dob_swap=0", rates);  // --error-rate
//   std::string_view n = vnlink::vi::ErrorKindName(vnlink::vi::ErrorKind::kNameTelex);

#ifndef NORMALIZERS_SYNTH_CORRUPT_H_
#define NORMALIZERS_SYNTH_CORRUPT_H_

#include <array>
#include <cstdint>
#include <string_view>

namespace vnlink::vi {

enum class ErrorKind : std::uint8_t {
  kEncTcvn3,        // whole record through TCVN3 bytes read as Windows-1252
  kEncVni,          // whole record through VNI-Windows bytes read as Windows-1252
  kEncUtf8Twice,    // whole record UTF-8 read as Windows-1252 ("Nguyá»…n")
  kNameTypo,        // one letter substituted, dropped, doubled or swapped
  kNameTelex,       // Telex keystrokes left in ("Nguyeenx")
  kNameAscii,       // diacritics dropped ("Nguyen Van An")
  kNameCaps,        // ALL CAPS
  kNameNfd,         // decomposed Unicode (NFD)
  kNameToneNew,     // new tone placement (hoà, thuỷ) instead of the registered old one
  kNameEth,         // Ð (U+00D0) for Đ
  kNameOrder,       // given name first ("An Văn Nguyễn", "Văn An Nguyễn")
  kNameNoMiddle,    // middle name left out
  kNameVariant,     // Hoàng<->Huỳnh, Vũ<->Võ
  kDobFormat,       // another date format (d/m/yy, yyyy-mm-dd, yyyymmdd, "9 tháng 1 năm 2021")
  kDobSwap,         // day and month swapped
  kDobYearOnly,     // only the year
  kDobTypo,         // a wrong day, month or year digit
  kSexFormat,       // another sex code (1/2, M/F, nam/nu, NAM/NỮ)
  kAddrAbbrev,      // P., Q., TP., TPHCM, HN ...
  kAddr2025,        // written on the 2025 map: new commune and province, no district
  kAddrMoved,       // a different (newer or older) home
  kAddrAscii,       // address without diacritics
  kPhoneFormat,     // +84, spaces, dots
  kPhoneOldPrefix,  // the 11-digit number from before 2018
  kPhoneTypo,       // one digit wrong
  kIdTypo,          // one digit of the CCCD / CMND / BHYT number wrong or two swapped
  kBhytGroup,       // another BHYT group and level, the same 10-digit BHXH number
  kMissPhone,
  kMissCccd,
  kMissCmnd,
  kMissBhyt,
  kMissAddress,
  kMissSex,
  kMissDob,
  kCount
};
inline constexpr int kErrorKindCount = static_cast<int>(ErrorKind::kCount);

// A set of error kinds.
using ErrorMask = std::uint64_t;
[[nodiscard]] constexpr ErrorMask Bit(ErrorKind k) { return ErrorMask{1} << static_cast<int>(k); }

// The option name of a kind ("name_typo"), as used in --error-rate and the man page.
[[nodiscard]] std::string_view ErrorKindName(ErrorKind kind);
// A one-line description for --help-errors and the man page.
[[nodiscard]] std::string_view ErrorKindDescription(ErrorKind kind);

using ErrorRates = std::array<double, kErrorKindCount>;
// The documented default rates (man/vnlink-synth.1).
[[nodiscard]] ErrorRates DefaultErrorRates();
// All zero: clean records (--clean).
[[nodiscard]] ErrorRates CleanErrorRates();
// Applies "kind=rate,kind=rate" (also "all=x" to set every kind). Throws UsageError on an
// unknown kind or a rate outside [0, 1], naming the offending item.
void ApplyErrorRateSpec(std::string_view spec, ErrorRates& rates);
// Multiplies every rate by `factor`, capping at 1. Throws UsageError when factor < 0.
void ScaleErrorRates(double factor, ErrorRates& rates);

}  // namespace vnlink::vi

#endif  // NORMALIZERS_SYNTH_CORRUPT_H_
