// File: normalizers/sex.h
//
// Sex codes to the canonical "M", "F" or "" (unknown).
//
//   vnlink::vi::NormalizeSex("Nữ").sex  == "F"
//   vnlink::vi::NormalizeSex("1").sex   == "M"      (BHXH/BYT code: 1 male, 2 female)
//   vnlink::vi::NormalizeSex("3").sex   == ""       (3 = undetermined in form C79-HD;
//                                                    flag sex_unknown)
//   vnlink::vi::NormalizeSex("x").flags == {"sex_unrecognised"}
//
// Numeric convention: 1 = male, 2 = female, 3 = undetermined, as in the insurance claim
// files (Công văn 3360/BHXH-CSYT, Quyết định 4750/QĐ-BYT). "0" is read as unknown and
// flagged: some systems use 0 = female, others 0 = unknown, so it is never guessed.
// Words (any case, with or without diacritics): nam, trai, male, m, man, boy, ông →
// M; nữ, nu, gái, gai, female, f, w, woman, girl, bà → F; "không rõ",
// "không xác định", "chưa rõ", "khác", "unknown", "u", "?", "-" and the code 3 → "" with
// the flag sex_unknown (the record says the sex is unknown or other).
// Pure and thread-safe.

#ifndef NORMALIZERS_SEX_H_
#define NORMALIZERS_SEX_H_

#include <string_view>
#include <vector>

namespace vnlink::vi {

// A value was present but is not a known code or word (output empty).
inline constexpr std::string_view kSexUnrecognised = "sex_unrecognised";
// The value says the sex is unknown or other ("không rõ", "3", "?"); output empty.
inline constexpr std::string_view kSexUnknown = "sex_unknown";
// "0": meaning differs between systems (female or unknown); output empty.
inline constexpr std::string_view kSexAmbiguousZero = "sex_ambiguous_zero";

struct SexResult {
  std::string_view sex;                 // "M", "F" or "" (static strings)
  std::vector<std::string_view> flags;  // kSex* names
};

// Normalizes one sex field. Empty input gives "" with no flag.
[[nodiscard]] SexResult NormalizeSex(std::string_view text);

}  // namespace vnlink::vi

#endif  // NORMALIZERS_SEX_H_
