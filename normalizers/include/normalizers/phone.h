// File: normalizers/phone.h
//
// Vietnamese phone numbers to the canonical national form: digits only, leading 0.
//
//   NormalizePhone("+84 912 345 678").number  == "0912345678"   (mobile)
//   NormalizePhone("0168.912.3456").number    == "0389123456"   (+ phone_old_prefix)
//   NormalizePhone("(024) 3826 4567").number  == "02438264567"  (landline)
//   NormalizePhone("04 3826 4567").number     == "02438264567"  (+ phone_old_landline)
//   NormalizePhone("12345").number            == ""             (+ phone_invalid)
//
// Rules: spaces, dots, dashes, parentheses and slashes inside one number are dropped;
// +84 / 84 / 0084 become 0 (a "(0)" after the country code is dropped); mobiles are
// 0 + 9 digits with a current prefix (03x, 05x, 07x, 08x, 09x); the 11-digit mobile
// prefixes retired in 2018-2019 (0120..0199, normalizers/data/phone_mobile_prefix_2018.csv)
// map to today's 3-digit prefix, the last 7 digits kept; landlines are 0 + 2xx area code
// + 8 digits (11 digits, since 2017). Pre-2017 landlines: Hà Nội 04 + 8 digits becomes
// 024 + 8 digits; TP.HCM 08 + 8 digits becomes 028 + 8 digits only when "08" is written
// as its own group ("(08) 3822 1234", "08.38221234"): as bare digits it cannot be told
// from a current 08x mobile and is read as one; other old area codes (0 + 3..7, not a
// mobile prefix, 10 or 11 digits) are kept as written, kind kLandline, flagged
// phone_old_landline. A 9-digit mobile that lost its
// leading 0 (spreadsheets) gets it back, flagged. Several numbers in one field
// ("0912345678 / 0987654321", ';', ',', " - " between full numbers) give the first valid
// one, flagged phone_multiple. Pure and thread-safe.

#ifndef NORMALIZERS_PHONE_H_
#define NORMALIZERS_PHONE_H_

#include <string>
#include <string_view>
#include <vector>

namespace vnlink::vi {

inline constexpr std::string_view kPhoneInvalid = "phone_invalid";       // output empty
inline constexpr std::string_view kPhoneOldPrefix = "phone_old_prefix";  // 11-digit mobile mapped
inline constexpr std::string_view kPhoneOldLandline = "phone_old_landline";  // pre-2017 area code
inline constexpr std::string_view kPhoneMissingZero = "phone_missing_zero";  // leading 0 restored
inline constexpr std::string_view kPhoneMultiple = "phone_multiple";         // more than one number

enum class PhoneKind { kNone, kMobile, kLandline };

struct PhoneResult {
  std::string number;  // canonical digits with leading 0, or empty
  PhoneKind kind = PhoneKind::kNone;
  std::vector<std::string_view> flags;  // kPhone* names
  std::string reason;  // why invalid, for "invalid phone '<input>'", e.g. "7 digits"
  [[nodiscard]] bool HasFlag(std::string_view f) const;
};

// Normalizes one phone field. Empty input gives an empty result with no flag.
[[nodiscard]] PhoneResult NormalizePhone(std::string_view text);

// True for a current 3-digit mobile prefix ("091", "032", "086", ...), as of 2025.
[[nodiscard]] bool IsMobilePrefix(std::string_view three_digits);

}  // namespace vnlink::vi

#endif  // NORMALIZERS_PHONE_H_
