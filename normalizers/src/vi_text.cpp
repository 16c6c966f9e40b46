#include "normalizers/vi_text.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <stdexcept>

namespace vnlink::vi {
namespace {

const icu::Normalizer2& NfcNormalizer() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFC normalizer unavailable");
  return *n;
}

const icu::Normalizer2& NfdNormalizer() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFD normalizer unavailable");
  return *n;
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

std::string ToUtf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

icu::UnicodeString Normalize(const icu::Normalizer2& n, std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString out = n.normalize(u, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU normalization failed");
  return out;
}

bool IsToneMark(UChar32 c) {
  return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

UChar32 MapEth(UChar32 c) {
  if (c == 0x00D0) return 0x0110;
  if (c == 0x00F0) return 0x0111;
  return c;
}

// Decomposes, drops marks chosen by `drop`, maps eth, recomposes.
template <typename Drop>
std::string Strip(std::string_view s, Drop drop, bool fold_d) {
  icu::UnicodeString d = Normalize(NfdNormalizer(), s);
  icu::UnicodeString kept;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = MapEth(d.char32At(i));
    i += U16_LENGTH(c);
    if (drop(c)) continue;
    if (fold_d && c == 0x0110) c = 'D';
    if (fold_d && c == 0x0111) c = 'd';
    kept.append(c);
  }
  return ToUtf8(Normalize(NfcNormalizer(), ToUtf8(kept)));
}

}  // namespace

std::string Nfc(std::string_view s) {
  if (IsAscii(s)) return std::string(s);
  return ToUtf8(Normalize(NfcNormalizer(), s));
}

std::string Nfd(std::string_view s) {
  if (IsAscii(s)) return std::string(s);
  return ToUtf8(Normalize(NfdNormalizer(), s));
}

bool IsNfc(std::string_view s) {
  if (IsAscii(s)) return true;
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  bool ok = NfcNormalizer().isNormalized(u, status);
  return U_SUCCESS(status) && ok;
}

std::string StripTones(std::string_view s) {
  if (IsAscii(s)) return std::string(s);
  return Strip(s, IsToneMark, /*fold_d=*/false);
}

std::string FoldAscii(std::string_view s) {
  if (IsAscii(s)) return std::string(s);
  return Strip(
      s,
      [](UChar32 c) { return u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK; },
      /*fold_d=*/true);
}

std::string Lower(std::string_view s) {
  icu::UnicodeString u = Normalize(NfcNormalizer(), s);
  for (int32_t i = 0; i < u.length(); ++i) {
    if (u[i] == 0x00D0) u.setCharAt(i, 0x0110);
    if (u[i] == 0x00F0) u.setCharAt(i, 0x0111);
  }
  u.toLower(icu::Locale::getRoot());
  return ToUtf8(u);
}

std::string Upper(std::string_view s) {
  icu::UnicodeString u = Normalize(NfcNormalizer(), s);
  for (int32_t i = 0; i < u.length(); ++i) {
    if (u[i] == 0x00D0) u.setCharAt(i, 0x0110);
    if (u[i] == 0x00F0) u.setCharAt(i, 0x0111);
  }
  u.toUpper(icu::Locale::getRoot());
  return ToUtf8(u);
}

std::string ProperCase(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(Lower(s));
  icu::UnicodeString out;
  bool start = true;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c)) {
      start = true;
      out.append(c);
      continue;
    }
    out.append(start ? u_toupper(c) : c);
    start = false;
  }
  return ToUtf8(out);
}

std::string SearchKey(std::string_view s) {
  std::string folded = FoldAscii(Lower(s));
  std::string out;
  out.reserve(folded.size());
  bool space = false;
  for (char c : folded) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace vnlink::vi
