#include "normalizers/text_repair.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <string>
#include <unordered_map>

#include "internal/embedded_csv.h"
#include "internal/flag_names.h"
#include "internal/text_repair_full.h"
#include "liblink/embedded.h"
#include "normalizers/vi_syllable.h"
#include "normalizers/vi_text.h"

namespace vnlink::vi {
namespace {

constexpr char32_t kBad = 0xFFFD;

// Windows-1252 0x80-0x9F (the rest of 0xA0-0xFF equals Latin-1).
constexpr std::array<char32_t, 32> kCp1252High = {
    0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};

unsigned ParseHex(std::string_view h) {
  unsigned v = 0;
  for (char c : h) {
    v = v * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  return v;
}

char32_t ParseCodePoint(std::string_view u) {  // "U+1EC5"
  if (u.size() < 3) return 0;
  return ParseHex(u.substr(2));
}

// What Classify skips (IsIgnorable below, for any code point at or above 0x80).
bool IsIgnorableCode(char32_t c) {
  return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

// Code point -> byte of a single-byte code page. The decodings read every character of a
// field back as a byte: a flat array below U+0100 (most characters), a map above.
class ByteMap {
 public:
  // Sets the byte of `c` unless it has one (map emplace).
  void Add(char32_t c, unsigned char b) {
    if (c >= 0x100) {
      high_.emplace(c, b);
    } else if (low_[c] < 0) {
      low_[c] = b;
    }
  }
  void Set(char32_t c, unsigned char b) {
    if (c >= 0x100)
      high_[c] = b;
    else
      low_[c] = b;
  }
  // The byte of `c`, or -1.
  [[nodiscard]] int Find(char32_t c) const {
    if (c < 0x100) return low_[c];
    auto it = high_.find(c);
    return it == high_.end() ? -1 : it->second;
  }

 private:
  std::array<std::int16_t, 0x100> low_ = [] {
    std::array<std::int16_t, 0x100> a{};
    a.fill(-1);
    return a;
  }();
  std::unordered_map<char32_t, unsigned char> high_;
};

struct Tables {
  ByteMap from_cp1252;  // code point -> byte
  ByteMap from_cp1258;
  std::array<char32_t, 256> tcvn3{};  // byte -> code point (kBad = not VN3)
  std::array<char32_t, 256> cp1258{};
  std::array<char32_t, 256> viscii{};
  std::array<char32_t, 256> vni_single{};
  std::unordered_map<std::uint16_t, char32_t> vni_pair;  // (b1 << 8 | b2) -> code point
  // Every decoding keeps printable ASCII as it is and turns no high byte into ASCII or
  // into a character Classify ignores; no VNI pair ends in an ASCII byte. Then an
  // ASCII piece of a word survives every decoding (see StableInvalid).
  bool ascii_stable = true;

  Tables() {
    for (unsigned b = 0; b < 256; ++b) {
      tcvn3[b] = cp1258[b] = viscii[b] = vni_single[b] = b < 0x80 ? b : kBad;
    }
    for (unsigned b = 0; b < 0x80; ++b) {
      from_cp1252.Set(b, static_cast<unsigned char>(b));
      from_cp1258.Set(b, static_cast<unsigned char>(b));
    }
    for (unsigned b = 0x80; b < 0x100; ++b) {
      char32_t c = b < 0xA0 ? kCp1252High[b - 0x80] : b;
      from_cp1252.Set(c, static_cast<unsigned char>(b));
      from_cp1252.Add(b, static_cast<unsigned char>(b));  // C1 controls (Latin-1 read)
    }
    for (const auto& f : internal::LoadEmbeddedCsv("legacy_tcvn3.csv").rows) {
      if (f.size() >= 5 && f[4] == "1") tcvn3[ParseHex(f[0])] = ParseCodePoint(f[1]);
    }
    for (const auto& f : internal::LoadEmbeddedCsv("legacy_cp1258.csv").rows) {
      if (f.size() < 2 || f[1].empty()) continue;
      unsigned b = ParseHex(f[0]);
      cp1258[b] = ParseCodePoint(f[1]);
      from_cp1258.Set(cp1258[b], static_cast<unsigned char>(b));
    }
    for (unsigned b = 0x80; b < 0xA0; ++b) from_cp1258.Add(b, static_cast<unsigned char>(b));
    for (const auto& f : internal::LoadEmbeddedCsv("legacy_viscii.csv").rows) {
      if (f.size() >= 2 && !f[1].empty()) viscii[ParseHex(f[0])] = ParseCodePoint(f[1]);
    }
    for (const auto& f : internal::LoadEmbeddedCsv("legacy_vni_windows.csv").rows) {
      if (f.size() < 3) continue;
      char32_t c = ParseCodePoint(f[0]);
      std::string_view bytes = f[2];
      if (bytes.size() == 2) {
        vni_single[ParseHex(bytes)] = c;
      } else if (bytes.size() == 5) {
        vni_pair[static_cast<std::uint16_t>(ParseHex(bytes.substr(0, 2)) << 8 |
                                            ParseHex(bytes.substr(3, 2)))] = c;
      }
    }
    auto stable = [](const std::array<char32_t, 256>& table) {
      for (unsigned b = 0x20; b < 0x7F; ++b) {
        if (table[b] != b) return false;
      }
      for (unsigned b = 0x80; b < 0x100; ++b) {
        if (table[b] != kBad && (table[b] < 0x80 || IsIgnorableCode(table[b]))) return false;
      }
      return true;
    };
    ascii_stable = stable(tcvn3) && stable(cp1258) && stable(viscii) && stable(vni_single);
    for (const auto& [bytes, c] : vni_pair) {
      if ((bytes & 0xFF) < 0x80 || c < 0x80 || IsIgnorableCode(c)) ascii_stable = false;
    }
  }
};

const Tables& T() {
  static const Tables tables;
  return tables;
}

bool IsAsciiPunct(char32_t c) {
  return c < 0x80 && c > 0x20 &&
         !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
}

enum class WordClass { kNeutral, kValid, kInvalid };

// A word is neutral when it is ASCII or holds digits; else valid when every piece between
// ASCII punctuation is a Vietnamese syllable.
bool IsVisciiControl(char32_t c) {
  return c == 0x02 || c == 0x05 || c == 0x06 || c == 0x14 || c == 0x19 || c == 0x1E;
}

bool IsIgnorable(char32_t c) {
  return (c < 0x20 && !IsVisciiControl(c)) || c == 0x7F || (c >= 0x200B && c <= 0x200D) ||
         c == 0x2060 || c == 0xFEFF;
}

bool IsPieceBreak(char32_t c) {
  return IsAsciiPunct(c) || c == 0xA0 || c == 0x2019 || c == 0x2018 || c == 0x02BC;
}

// Classify of a word with nothing to skip or map (no ignorable character, no Ð/ð);
// `raw_size` is the size of the word before skipping.
WordClass ClassifyPlain(std::u32string_view w, std::size_t raw_size) {
  bool non_ascii = false;
  for (char32_t c : w) {
    if (c >= '0' && c <= '9') return WordClass::kNeutral;
    if (c >= 0x80 || c < 0x20) non_ascii = true;
  }
  if (!non_ascii) return WordClass::kNeutral;
  std::size_t i = 0;
  while (i < w.size()) {
    while (i < w.size() && IsPieceBreak(w[i])) ++i;
    std::size_t j = i;
    while (j < w.size() && !IsPieceBreak(w[j])) ++j;
    if (j > i && !IsSyllable(w.substr(i, j - i))) {
      // A lone stray symbol ("Ø", "–") is not evidence of mojibake.
      return raw_size >= 2 ? WordClass::kInvalid : WordClass::kNeutral;
    }
    i = j;
  }
  return WordClass::kValid;
}

WordClass Classify(std::u32string_view raw) {
  // Words are short: a buffer on the stack, a string only for a long one.
  constexpr std::size_t kShort = 32;
  char32_t buf[kShort];
  std::u32string long_word;
  std::size_t n = 0;
  for (char32_t c : raw) {
    if (IsIgnorable(c)) continue;
    c = c == 0xD0 ? U'Đ' : c == 0xF0 ? U'đ' : c;
    if (raw.size() <= kShort)
      buf[n++] = c;
    else
      long_word.push_back(c);
  }
  return ClassifyPlain(raw.size() <= kShort ? std::u32string_view(buf, n) : long_word, raw.size());
}

bool IsWordSpace(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

struct Score {
  int invalid = 0;  // non-ASCII words that are not syllables
  int valid = 0;    // non-ASCII words that are
};

// Stops at the first invalid word (invalid is then 1): every caller rejects a text with one,
// and compares the valid counts of texts with none.
Score ScoreText(const std::u32string& s) {
  Score score;
  for (std::size_t i = 0; i < s.size();) {
    while (i < s.size() && IsWordSpace(s[i])) ++i;
    std::size_t j = i;
    while (j < s.size() && !IsWordSpace(s[j])) ++j;
    if (j > i) {
      WordClass c = Classify(std::u32string_view(s).substr(i, j - i));
      if (c == WordClass::kInvalid) {
        ++score.invalid;
        return score;
      }
      if (c == WordClass::kValid) ++score.valid;
    }
    i = j;
  }
  return score;
}

std::optional<std::string> ToBytes(const std::u32string& s, const ByteMap& inverse) {
  std::string bytes(s.size(), '\0');
  for (std::size_t i = 0; i < s.size(); ++i) {
    int b = inverse.Find(s[i]);
    if (b < 0) return std::nullopt;
    bytes[i] = static_cast<char>(b);
  }
  return bytes;
}

// Strict UTF-8 decoding, except that a space where a continuation byte is due is taken
// as the 0xA0 it was before a tool turned the no-break space into a space ("ToĂ n").
std::optional<std::u32string> DecodeUtf8(const std::string& b) {
  std::u32string out;
  for (std::size_t i = 0; i < b.size();) {
    unsigned char c = static_cast<unsigned char>(b[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > b.size()) return std::nullopt;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) {
      unsigned char cb = static_cast<unsigned char>(b[i + k]);
      if (cb == 0x20) cb = 0xA0;
      if ((cb & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (cb & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800)) return std::nullopt;
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::optional<std::u32string> DecodeTable(const std::string& b,
                                          const std::array<char32_t, 256>& table) {
  std::u32string out(b.size(), U'\0');
  for (std::size_t i = 0; i < b.size(); ++i) {
    char32_t c = table[static_cast<unsigned char>(b[i])];
    if (c == kBad) return std::nullopt;
    out[i] = c;
  }
  return out;
}

std::optional<std::u32string> DecodeVni(const std::string& b) {
  const Tables& t = T();
  std::u32string out;
  for (std::size_t i = 0; i < b.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(b[i]);
    if (i + 1 < b.size()) {
      auto it = t.vni_pair.find(
          static_cast<std::uint16_t>(c << 8 | static_cast<unsigned char>(b[i + 1])));
      if (it != t.vni_pair.end()) {
        out.push_back(it->second);
        ++i;
        continue;
      }
    }
    if (t.vni_single[c] == kBad) return std::nullopt;
    out.push_back(t.vni_single[c]);
  }
  return out;
}

// TCVN3 has no toned capitals (capital fonts): a word typed in capitals decodes to
// "NGUYễN". Upper-case a word when the whole field's ASCII letters are capitals, or when
// the word itself has two or more ASCII letters, all capitals ("Xã" stays "Xã").
void TcvnCapitals(std::u32string& s) {
  auto is_upper = [](char32_t c) { return c >= 'A' && c <= 'Z'; };
  auto is_lower = [](char32_t c) { return c >= 'a' && c <= 'z'; };
  int field_upper = 0, field_lower = 0;
  for (char32_t c : s) {
    field_upper += is_upper(c);
    field_lower += is_lower(c);
  }
  bool whole_field = field_upper >= 2 && field_lower == 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = i;
    int upper = 0, lower = 0;
    while (j < s.size() && !IsWordSpace(s[j])) {
      upper += is_upper(s[j]);
      lower += is_lower(s[j]);
      ++j;
    }
    if ((whole_field && upper > 0) || (upper >= 2 && lower == 0)) {
      for (std::size_t k = i; k < j; ++k) {
        LetterParts p = SplitLetter(s[k]);
        if (p.base != 0) s[k] = ComposeLetter(p.base, p.tone, true);
        if (s[k] == U'đ') s[k] = U'Đ';
      }
    }
    i = j + 1;
  }
}

// Text below U+0300 is in NFC already (no such character decomposes or combines), which is
// all a decoding gives but for tone marks and rare letters.
std::u32string NfcU32(const std::u32string& s) {
  if (std::all_of(s.begin(), s.end(), [](char32_t c) { return c < 0x300; })) return s;
  return ToU32(Nfc(ToU8(s)));
}

struct Candidate {
  std::u32string text;
  std::uint32_t flag;
  Score score;
};

// Tries every decoding; returns the one that leaves no invalid non-ASCII word.
std::optional<Candidate> BestDecoding(const std::u32string& s) {
  const Tables& t = T();
  std::vector<Candidate> candidates;
  auto add = [&](std::optional<std::u32string> text, std::uint32_t flag) {
    if (!text) return;
    Score sc = ScoreText(*text);
    if (sc.invalid == 0 && sc.valid > 0) candidates.push_back({std::move(*text), flag, sc});
  };
  // Double (or triple) UTF-8, through either code page.
  for (const auto* inverse : {&t.from_cp1252, &t.from_cp1258}) {
    std::u32string cur = s;
    for (int round = 0; round < 3; ++round) {
      auto bytes = ToBytes(cur, *inverse);
      if (!bytes) break;
      auto dec = DecodeUtf8(*bytes);
      if (!dec || *dec == cur) break;
      cur = NfcU32(*dec);
      Score sc = ScoreText(cur);
      if (sc.invalid == 0) {
        add(cur, kRepairDoubleUtf8);
        break;
      }
    }
  }
  auto bytes1252 = ToBytes(s, t.from_cp1252);
  if (bytes1252) {
    auto tcvn = DecodeTable(*bytes1252, t.tcvn3);
    if (tcvn) TcvnCapitals(*tcvn);
    add(std::move(tcvn), kRepairTcvn3);
    add(DecodeVni(*bytes1252), kRepairVni);
    auto cp = DecodeTable(*bytes1252, t.cp1258);
    if (cp) cp = NfcU32(*cp);
    add(std::move(cp), kRepairCp1258);
  }
  // VISCII control bytes survive as C0 characters; its high bytes as Latin-1/cp1252.
  if (bytes1252) add(DecodeTable(*bytes1252, t.viscii), kRepairViscii);
  if (candidates.empty()) return std::nullopt;
  std::size_t best = 0;
  for (std::size_t i = 1; i < candidates.size(); ++i) {
    if (candidates[i].score.valid > candidates[best].score.valid) best = i;
  }
  return std::move(candidates[best]);
}

// Fields that mix correct Unicode with mojibake ("Nguyễn Bắc ToĂ n"): each invalid word
// (with the next one when a lost 0xA0 split it) is decoded on its own; all must succeed.
std::optional<Candidate> DecodeWordByWord(const std::u32string& s) {
  std::vector<std::u32string> words;
  for (std::size_t i = 0; i < s.size();) {
    while (i < s.size() && IsWordSpace(s[i])) ++i;
    std::size_t j = i;
    while (j < s.size() && !IsWordSpace(s[j])) ++j;
    if (j > i) words.push_back(s.substr(i, j - i));
    i = j;
  }
  std::u32string out;
  std::uint32_t flags = 0;
  for (std::size_t k = 0; k < words.size(); ++k) {
    std::u32string piece = words[k];
    if (Classify(piece) == WordClass::kInvalid) {
      std::optional<Candidate> fixed;
      if (k + 1 < words.size() && words[k + 1].size() <= 3) {
        fixed = BestDecoding(piece + U" " + words[k + 1]);
        if (fixed) ++k;
      }
      if (!fixed) fixed = BestDecoding(piece);
      if (!fixed) return std::nullopt;
      piece = fixed->text;
      flags |= fixed->flag;
    }
    if (!out.empty()) out.push_back(' ');
    out += piece;
  }
  return Candidate{out, flags, {}};
}

bool MojibakeChar(char32_t c) {
  if (c == 0x2018 || c == 0x2019) return false;  // typographic apostrophes
  return (c >= 0x80 && c <= 0xBF) || (c >= 0x2013 && c <= 0x203A) || c == 0x20AC || c == 0x0192 ||
         c == 0x02C6 || c == 0x02DC || c == 0x2122 || c == U'Ã' || c == U'Ä' || c == U'Å' ||
         c == U'Æ' || c == U'Þ' || c == U'þ' || c == U'Ø' || c == U'ø' || c == U'Ñ' || c == U'ñ' ||
         IsVisciiControl(c);
}

bool LooksLikeMojibake(const std::u32string& s) {
  return std::any_of(s.begin(), s.end(), MojibakeChar);
}

// True when no decoding of BestDecoding can succeed on a field that holds `word` (no
// space) as one of its words: every decoding starts from the field's characters read back
// as Windows-1252 or Windows-1258 bytes. A character with no Windows-1252 byte stops all
// but the Windows-1258 double-UTF-8 reading, and that one stops at a character with no
// Windows-1258 byte or at a UTF-8 lead byte followed by no continuation byte (inside a
// word there is no space that could stand for a lost 0xA0).
bool Undecodable(std::u32string_view word) {
  const Tables& t = T();
  bool no_cp1252 =
      std::any_of(word.begin(), word.end(), [&](char32_t c) { return t.from_cp1252.Find(c) < 0; });
  if (!no_cp1252) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    int b = t.from_cp1258.Find(word[i]);
    if (b < 0) return true;
    if (b >= 0xC0 && i + 1 < word.size()) {
      int next = t.from_cp1258.Find(word[i + 1]);
      if (next < 0 || (next & 0xC0) != 0x80) return true;
    }
  }
  return false;
}

bool IsControl(char32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F) ||
         c == 0xAD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF || c == 0xFFFD;
}

bool IsOtherSpace(char32_t c) {
  return c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x202F || c == 0x205F || c == 0x3000 || c == 0x0B || c == 0x0C;
}

bool IsApostrophe(char32_t c) {
  return c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x00B4 || c == '`' || c == 0x2032;
}

bool PlainAscii(std::string_view s) {
  char prev = ' ';
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || u < 0x20 || u == 0x7F || c == '`') return false;
    if (c == ' ' && prev == ' ') return false;
    prev = c;
  }
  return s.empty() || (s.front() != ' ' && s.back() != ' ');
}

// A character that the clean-up of RepairText changes or drops, or that sends it to NFC.
bool Touched(char32_t c) {
  return IsControl(c) || IsOtherSpace(c) || IsApostrophe(c) || c == 0xD0 || c == 0xF0 ||
         (c >= 0x300 && c <= 0x36F);
}

// Strict UTF-8 decoding of the code point at s[i] (advancing i); 0 when malformed,
// overlong or truncated (the caller then takes the full path).
char32_t NextCodePoint(std::string_view s, std::size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  int len = (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  char32_t c = len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) {
    auto cb = static_cast<unsigned char>(s[i + k]);
    if ((cb & 0xC0) != 0x80) return 0;
    c = (c << 6) | (cb & 0x3F);
  }
  if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000)) return 0;
  i += len;
  return c;
}

}  // namespace

bool RepairIsIdentity(std::string_view s) {
  if (PlainAscii(s)) return true;
  if (s.front() == ' ' || s.back() == ' ') return false;
  // The word being scanned, as ScoreText would see it (words are short; a longer one with
  // a non-ASCII letter is left to the full path).
  constexpr std::size_t kShort = 32;
  char32_t word[kShort];
  std::size_t n = 0;
  bool non_ascii = false, too_long = false;
  // A word can only make RepairText decode the field when it is invalid (ScoreText).
  auto word_ok = [&] {
    bool ok = !non_ascii ||
              (!too_long && ClassifyPlain(std::u32string_view(word, n), n) != WordClass::kInvalid);
    n = 0;
    non_ascii = too_long = false;
    return ok;
  };
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    char32_t c = b;
    if (b < 0x80) {
      ++i;
      if (c == ' ') {
        if (n == 0 || !word_ok()) return false;  // n == 0: a run of spaces
        continue;
      }
      if (c < 0x20 || c == 0x7F || c == '`') return false;  // Touched, for ASCII
    } else {
      c = NextCodePoint(s, i);
      if (c == 0 || Touched(c)) return false;
      non_ascii = true;
    }
    if (n < kShort) {
      word[n++] = c;
    } else {
      too_long = true;
    }
  }
  return word_ok();
}

// True when `word` (invalid, clean) holds a piece of ASCII letters only that is no
// syllable, and none of its characters reads back as a UTF-8 continuation byte. Every
// decoding keeps that piece as it is (ascii_stable), with its neighbours; the word keeps a
// non-ASCII character (a lead byte either fails to decode or takes a following space), so
// the word stays invalid and no decoding of a field holding it can be chosen. `at_start`:
// the piece opens the word, where a lost-0xA0 reading could join it to the word before
// (only when that word ends in a non-ASCII character).
void StableInvalid(std::u32string_view word, bool& inner, bool& at_start) {
  const Tables& t = T();
  inner = at_start = false;
  if (!t.ascii_stable) return;
  for (char32_t c : word) {
    for (const ByteMap* table : {&t.from_cp1252, &t.from_cp1258}) {
      int b = table->Find(c);
      if (c >= 0x80 && b >= 0x80 && b <= 0xBF) return;
    }
  }
  for (std::size_t i = 0; i < word.size();) {
    std::size_t j = i;
    while (j < word.size() && !IsPieceBreak(word[j])) ++j;
    bool letters =
        j > i && std::all_of(word.begin() + static_cast<std::ptrdiff_t>(i),
                             word.begin() + static_cast<std::ptrdiff_t>(j), [](char32_t c) {
                               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                             });
    if (letters && !IsSyllable(word.substr(i, j - i))) (i == 0 ? at_start : inner) = true;
    i = j + 1;
  }
}

RepairWordInfo InspectRepairWord(std::string_view w) {
  RepairWordInfo r;
  constexpr std::size_t kShort = 32;
  char32_t buf[kShort];
  std::size_t n = 0;
  bool non_ascii = false;
  for (std::size_t i = 0; i < w.size();) {
    auto b = static_cast<unsigned char>(w[i]);
    char32_t c = b;
    if (b < 0x80) {
      ++i;
    } else {
      c = NextCodePoint(w, i);
      non_ascii = true;
    }
    if (c == 0 || c == ' ' || Touched(c) || n == kShort) return r;
    buf[n++] = c;
  }
  if (n == 0) return r;
  std::u32string_view word(buf, n);
  r.clean = true;
  r.invalid = non_ascii && ClassifyPlain(word, n) == WordClass::kInvalid;
  r.undecodable = r.invalid && Undecodable(word);
  if (r.invalid && !r.undecodable) StableInvalid(word, r.stable_inner, r.stable_at_start);
  r.ascii_tail = buf[n - 1] < 0x80;
  r.looks_mojibake = std::any_of(word.begin(), word.end(), MojibakeChar);
  return r;
}

std::optional<std::uint32_t> RepairByWords::Flags() const {
  // Clean words: no NFC and no clean-up. No invalid word: nothing to decode. An invalid
  // word that no decoding fits: the whole-field and the word-by-word search both fail.
  if (!clean_ || (invalid_ && !settled_)) return std::nullopt;
  return invalid_ && looks_mojibake_ ? kRepairUnrepaired : 0u;
}

namespace {
RepairedText RepairUnsettled(std::string_view in);
}  // namespace

RepairedText RepairText(std::string_view in) {
  if (RepairIsIdentity(in)) return RepairedText{std::string(in), 0};
  if (!in.empty() && in.front() != ' ' && in.back() != ' ') {
    RepairByWords words;
    for (std::size_t b = 0;;) {
      std::size_t e = std::min(in.find(' ', b), in.size());
      words.Add(InspectRepairWord(in.substr(b, e - b)));  // an empty word is not clean
      if (e == in.size()) break;
      b = e + 1;
    }
    if (auto flags = words.Flags()) return RepairedText{std::string(in), *flags};
  }
  return RepairUnsettled(in);
}

namespace {

// RepairText of a field that neither RepairIsIdentity nor its words settle.
RepairedText RepairUnsettled(std::string_view in) {
  // Decomposed but otherwise clean text (NFD input): NFC is all the full path would do.
  bool has_mark = false;
  for (std::size_t i = 0; i + 1 < in.size() && !has_mark; ++i) {
    // U+0300..U+036F is CC 80..CD AF in UTF-8.
    auto b = static_cast<unsigned char>(in[i]), next = static_cast<unsigned char>(in[i + 1]);
    has_mark = (b == 0xCC && next >= 0x80) || (b == 0xCD && next <= 0xAF && next >= 0x80);
  }
  if (has_mark && !IsNfc(in)) {
    std::string nfc = Nfc(in);
    if (RepairIsIdentity(nfc)) return RepairedText{std::move(nfc), kRepairNfc};
  }
  return internal::RepairTextFull(in);
}

}  // namespace

TextRepairer::TextRepairer(std::size_t slots) : slots_(slots) {}

TextRepairer::WordFacts TextRepairer::Facts(std::string_view word, std::uint64_t hash) {
  if (word.size() > kMaxKey || slots_.size() < 2) {
    return WordFacts{InspectRepairWord(word), RepairIsIdentity(word)};
  }
  // Words are a few bytes: a byte loop beats a call to memcmp.
  auto same = [&](const Slot& slot) {
    if (slot.size != word.size() || slot.tag != static_cast<std::uint32_t>(hash >> 32)) {
      return false;
    }
    for (std::size_t i = 0; i < word.size(); ++i) {
      if (slot.key[i] != word[i]) return false;
    }
    return true;
  };
  Slot* pair = PairOf(hash);
  for (int k = 0; k < 2; ++k) {
    if (same(pair[k])) {
      pair[k].recent = true;
      pair[1 - k].recent = false;
      return pair[k].facts;
    }
  }
  int k = pair[0].recent ? 1 : 0;
  Slot& slot = pair[k];
  slot.tag = static_cast<std::uint32_t>(hash >> 32);
  slot.facts = WordFacts{InspectRepairWord(word), RepairIsIdentity(word)};
  slot.size = static_cast<std::uint8_t>(word.size());
  std::memcpy(slot.key, word.data(), word.size());
  slot.recent = true;
  pair[1 - k].recent = false;
  return slot.facts;
}

std::optional<std::uint32_t> TextRepairer::Settle(std::string_view s) {
  if (s.empty()) return 0u;
  // Leading, trailing or doubled spaces: the clean-up has work to do.
  if (s.front() == ' ' || s.back() == ' ') return std::nullopt;
  // RepairIsIdentity of a field joined by single spaces is that of each word; RepairText
  // then settles the words with RepairByWords, in order. First every word is found and
  // hashed (FNV-1a, then mixed) and its slot pair prefetched, so that the look-ups, most of
  // whose cost is waiting for the table, overlap; a field of more words than the buffer
  // takes the rest as it goes.
  struct Word {
    const char* begin;
    std::uint32_t size;
    std::uint64_t hash;
  };
  constexpr std::size_t kAhead = 24;
  Word found[kAhead];
  bool identity = true;
  RepairByWords words;
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p != end) {
    std::size_t n = 0;
    for (; n < kAhead && p != end; ++n) {
      const char* b = p;
      std::uint64_t h = 0xcbf29ce484222325u;
      for (; p != end && *p != ' '; ++p) h = (h ^ static_cast<unsigned char>(*p)) * 0x100000001b3u;
      if (p == b) return std::nullopt;  // two spaces in a row
      h ^= h >> 29;
      h *= 0xbf58476d1ce4e5b9u;
      h ^= h >> 32;
      found[n] = {b, static_cast<std::uint32_t>(p - b), h};
      if (slots_.size() >= 2) __builtin_prefetch(PairOf(h));
      if (p != end) ++p;  // the single space
    }
    for (std::size_t k = 0; k < n; ++k) {
      WordFacts facts = Facts(std::string_view(found[k].begin, found[k].size), found[k].hash);
      identity = identity && facts.identity;
      words.Add(facts.info);
    }
  }
  if (identity) return 0u;
  return words.Flags();
}

RepairedText TextRepairer::Repair(std::string_view s) {
  if (auto flags = Settle(s)) return RepairedText{std::string(s), *flags};
  return RepairUnsettled(s);
}

std::string_view TextRepairer::RepairView(std::string_view s, std::uint32_t& flags) {
  if (auto settled = Settle(s)) {
    flags |= *settled;
    return s;
  }
  RepairedText r = RepairUnsettled(s);
  flags |= r.flags;
  repaired_ = std::move(r.text);
  return repaired_;
}

RepairedText internal::RepairTextFull(std::string_view in) {
  RepairedText out;
  std::u32string s = ToU32(in);
  bool has_mark = false;
  for (char32_t c : s) has_mark |= (c >= 0x300 && c <= 0x36F);
  if (has_mark && !IsNfc(in)) {
    s = NfcU32(s);
    out.flags |= kRepairNfc;
  }
  Score score = ScoreText(s);
  if (score.invalid > 0) {
    if (auto best = BestDecoding(s)) {
      s = std::move(best->text);
      out.flags |= best->flag;
    } else if (auto mixed = DecodeWordByWord(s)) {
      s = std::move(mixed->text);
      out.flags |= mixed->flag;
    } else if (LooksLikeMojibake(s)) {
      out.flags |= kRepairUnrepaired;
    }
  }
  std::u32string clean;
  clean.reserve(s.size());
  int run = 0;             // spaces seen since the last letter
  bool odd_space = false;  // ... of which one was not a plain space
  for (char32_t c : s) {
    if (c == 0xD0 || c == 0xF0) {
      c = c == 0xD0 ? U'Đ' : U'đ';
      out.flags |= kRepairEth;
    }
    if (IsApostrophe(c)) {
      c = '\'';
      out.flags |= kRepairApostrophe;
    }
    if (IsOtherSpace(c)) {
      odd_space = true;
      c = ' ';
    }
    if (IsControl(c)) {
      out.flags |= kRepairControl;
      continue;
    }
    if (c == ' ') {
      ++run;
      continue;
    }
    if (run > 0 && !clean.empty()) {
      clean.push_back(' ');
      if (run > 1 || odd_space) out.flags |= kRepairSpace;
    }
    run = 0;
    odd_space = false;
    clean.push_back(c);
  }
  out.text = ToU8(clean);
  return out;
}

std::vector<std::string_view> RepairFlagNames(std::uint32_t flags) {
  static constexpr std::array<std::string_view, 11> kNames = {
      "text_double_utf8", "text_tcvn3",      "text_vni",     "text_cp1258",
      "text_viscii",      "text_nfc",        "text_eth",     "text_control",
      "text_space",       "text_apostrophe", "text_mojibake"};
  return internal::NamesOfSetBits(flags, kNames);
}

}  // namespace vnlink::vi
