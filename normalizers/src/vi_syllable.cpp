#include "normalizers/vi_syllable.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "internal/vi_fast.h"

namespace vnlink::vi {
namespace {

// One row per base vowel; columns follow enum Tone (none, grave, acute, hook, tilde, dot).
constexpr std::array<std::u32string_view, 12> kLower = {U"aàáảãạ", U"ăằắẳẵặ", U"âầấẩẫậ", U"eèéẻẽẹ",
                                                        U"êềếểễệ", U"iìíỉĩị", U"oòóỏõọ", U"ôồốổỗộ",
                                                        U"ơờớởỡợ", U"uùúủũụ", U"ưừứửữự", U"yỳýỷỹỵ"};
constexpr std::array<std::u32string_view, 12> kUpper = {U"AÀÁẢÃẠ", U"ĂẰẮẲẴẶ", U"ÂẦẤẨẪẬ", U"EÈÉẺẼẸ",
                                                        U"ÊỀẾỂỄỆ", U"IÌÍỈĨỊ", U"OÒÓỎÕỌ", U"ÔỒỐỔỖỘ",
                                                        U"ƠỜỚỞỠỢ", U"UÙÚỦŨỤ", U"ƯỪỨỬỮỰ", U"YỲÝỶỸỴ"};

// Every vowel letter lies below U+1F00: a direct table beats hashing on the hot path.
constexpr char32_t kTableEnd = 0x1F00;

struct LetterTables {
  std::vector<LetterParts> split = std::vector<LetterParts>(kTableEnd);
  std::unordered_map<char32_t, int> row;  // base -> row
  LetterTables() {
    for (int r = 0; r < 12; ++r) {
      row[kLower[r][0]] = r;
      for (int t = 0; t < 6; ++t) {
        split[kLower[r][t]] = {kLower[r][0], static_cast<Tone>(t), false};
        split[kUpper[r][t]] = {kLower[r][0], static_cast<Tone>(t), true};
      }
    }
  }
};

const LetterTables& Letters() {
  static const LetterTables tables;
  return tables;
}

const std::vector<std::string>& Onsets() {
  static const std::vector<std::string> onsets = {
      "",  "b",  "c",   "ch", "d", "đ",  "g",  "gh", "gi", "h", "k",  "kh", "l", "m",
      "n", "ng", "ngh", "nh", "p", "ph", "qu", "r",  "s",  "t", "th", "tr", "v", "x"};
  return onsets;
}

std::vector<std::string> Rhymes() {
  std::vector<std::string> rhymes = {"a",   "ai",  "ao",  "au",  "ay", "âu",  "ây",  "e",   "eo",
                                     "ê",   "êu",  "i",   "ia",  "iu", "iêu", "o",   "oa",  "oai",
                                     "oao", "oay", "oe",  "oeo", "oi", "ô",   "ôi",  "ơ",   "ơi",
                                     "u",   "ua",  "uây", "ui",  "uê", "uơ",  "uy",  "uya", "uyu",
                                     "uôi", "ư",   "ưa",  "ưi",  "ưu", "ươi", "ươu", "y",   "yêu"};
  struct Closed {
    const char* nucleus;
    std::vector<const char*> codas;
  };
  const std::vector<Closed> closed = {
      {"a", {"c", "ch", "m", "n", "ng", "nh", "p", "t"}},
      {"ă", {"c", "m", "n", "ng", "p", "t"}},
      {"â", {"c", "m", "n", "ng", "p", "t"}},
      {"e", {"c", "m", "n", "ng", "p", "t"}},
      {"ê", {"ch", "m", "n", "ng", "nh", "p", "t"}},
      {"i", {"ch", "m", "n", "nh", "p", "t"}},
      {"o", {"c", "m", "n", "ng", "p", "t"}},
      {"ô", {"c", "m", "n", "ng", "p", "t"}},
      {"ơ", {"m", "n", "p", "t"}},
      {"u", {"c", "m", "n", "ng", "p", "t"}},
      {"ư", {"c", "m", "n", "ng", "t"}},
      {"iê", {"c", "m", "n", "ng", "p", "t"}},
      {"yê", {"m", "n", "t"}},
      {"uô", {"c", "m", "n", "ng", "t"}},
      {"ươ", {"c", "m", "n", "ng", "p", "t"}},
      {"oa", {"c", "ch", "m", "n", "ng", "nh", "p", "t"}},
      {"oă", {"c", "m", "n", "ng", "t"}},
      {"oe", {"n", "t"}},
      {"uâ", {"n", "ng", "t"}},
      {"uê", {"ch", "nh"}},
      {"uy", {"ch", "n", "nh", "p", "t"}},
      {"uyê", {"n", "t"}},
      {"oo", {"c", "ng"}},
  };
  for (const auto& c : closed) {
    for (const char* coda : c.codas) rhymes.push_back(std::string(c.nucleus) + coda);
  }
  return rhymes;
}

// Rhymes written with y only after "qu", where the u is the medial glide: quýt, quỳnh,
// quých (the y stands for i; after any other onset these are not syllables).
constexpr std::string_view kQuOnlyRhymes[] = {"yt", "ynh", "ych"};

std::string FoldPlain(std::string_view s) {
  std::string out;
  for (char32_t c : ToU32(s)) out.push_back(internal::AsciiOfBase(c));
  return out;
}

struct ViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
using ViewSet = std::unordered_set<std::string, ViewHash, std::equal_to<>>;

bool CheckedCoda(std::string_view rhyme);

// Every toneless syllable (onset + rhyme, UTF-8): bit 1 when some split ends in an open or
// nasal rhyme (any tone), bit 2 when some split ends in a checked coda (c, ch, p, t: only
// no mark, sắc or nặng). One look-up instead of a look-up per matching onset.
constexpr std::uint8_t kOpenRhyme = 1, kCheckedRhyme = 2;

// The toneless syllables in one open-addressing array of keys packed in two words: a
// look-up is a multiply, a probe or two and two compares (the mojibake check of every
// word of every field goes through here).
class PackedSet {
 public:
  void Insert(std::string_view key, std::uint8_t value) {
    if (key.size() > kMaxLen) return;  // never asked: IsSyllable keys are shorter
    Slot slot = Pack(key);
    for (std::size_t i = Hash(slot) & kMask;; i = (i + 1) & kMask) {
      if (slots_[i].value == 0 || Same(slots_[i], slot)) {
        slot.value = static_cast<std::uint8_t>(slots_[i].value | value);
        slots_[i] = slot;
        return;
      }
    }
  }
  static constexpr std::size_t kMaxLen = 16;
  // The value of the key held in `padded[0, len)` (len <= kMaxLen), the rest of the
  // kMaxLen bytes zero; 0 when absent.
  [[nodiscard]] std::uint8_t FindPadded(const char* padded, std::size_t len) const {
    Slot slot;
    std::memcpy(&slot.a, padded, 8);
    std::memcpy(&slot.b, padded + 8, 8);
    slot.len = static_cast<std::uint8_t>(len);
    for (std::size_t i = Hash(slot) & kMask;; i = (i + 1) & kMask) {
      if (slots_[i].value == 0) return 0;
      if (Same(slots_[i], slot)) return slots_[i].value;
    }
  }

 private:
  static constexpr std::size_t kMask = (std::size_t{1} << 14) - 1;  // ~4,000 syllables
  struct Slot {
    std::uint64_t a = 0, b = 0;
    std::uint8_t len = 0, value = 0;
  };
  static Slot Pack(std::string_view key) {
    char buf[kMaxLen] = {};
    std::memcpy(buf, key.data(), key.size());
    Slot s;
    std::memcpy(&s.a, buf, 8);
    std::memcpy(&s.b, buf + 8, 8);
    s.len = static_cast<std::uint8_t>(key.size());
    return s;
  }
  static bool Same(const Slot& x, const Slot& y) {
    return x.a == y.a && x.b == y.b && x.len == y.len;
  }
  static std::size_t Hash(const Slot& s) {
    std::uint64_t h = (s.a * 0x9E3779B97F4A7C15ull) ^ (s.b * 0xC2B2AE3D27D4EB4Full) ^ s.len;
    return static_cast<std::size_t>(h ^ (h >> 31));
  }
  std::vector<Slot> slots_ = std::vector<Slot>(kMask + 1);
};

struct SyllableTables {
  ViewSet rhymes;
  PackedSet toneless;
  std::unordered_set<std::string> folded_rhymes;
  std::unordered_set<std::string> folded_onsets;
  SyllableTables() {
    for (const std::string& r : Rhymes()) {
      rhymes.insert(r);
      folded_rhymes.insert(FoldPlain(r));
    }
    for (const std::string& o : Onsets()) folded_onsets.insert(FoldPlain(o));
    for (const std::string& o : Onsets()) {
      for (const std::string& r : rhymes) {
        toneless.Insert(o + r, CheckedCoda(r) ? kCheckedRhyme : kOpenRhyme);
      }
    }
    for (std::string_view r : kQuOnlyRhymes) {
      toneless.Insert("qu" + std::string(r), CheckedCoda(r) ? kCheckedRhyme : kOpenRhyme);
    }
  }
};

const SyllableTables& Syllables() {
  static const SyllableTables tables;
  return tables;
}

bool CheckedCoda(std::string_view rhyme) {
  auto ends = [&](std::string_view e) {
    return rhyme.size() >= e.size() && rhyme.substr(rhyme.size() - e.size()) == e;
  };
  return ends("c") || ends("ch") || ends("p") || ends("t");
}

}  // namespace

LetterParts SplitLetter(char32_t c) { return c < kTableEnd ? Letters().split[c] : LetterParts{}; }

char32_t ComposeLetter(char32_t base, Tone tone, bool upper) {
  const auto& rows = Letters().row;
  auto it = rows.find(base);
  if (it == rows.end()) return 0;
  return (upper ? kUpper : kLower)[it->second][static_cast<int>(tone)];
}

// Both conversions size the output once and write through a pointer: push_back stores a
// terminator per character, and these run on every word of every field.
std::u32string ToU32(std::string_view s) {
  std::u32string out(s.size(), U'\0');  // at most one code point per byte
  char32_t* w = out.data();
  for (std::size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      *w++ = b;
      ++i;
      continue;
    }
    int len = (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      *w++ = 0xFFFD;
      ++i;
      continue;
    }
    char32_t c = len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    bool ok = true;
    for (int k = 1; k < len; ++k) {
      unsigned char cb = static_cast<unsigned char>(s[i + k]);
      if ((cb & 0xC0) != 0x80) ok = false;
      c = (c << 6) | (cb & 0x3F);
    }
    if (!ok) {
      *w++ = 0xFFFD;
      ++i;
      continue;
    }
    *w++ = c;
    i += len;
  }
  out.resize(static_cast<std::size_t>(w - out.data()));
  return out;
}

namespace {

char* PutU8(char* w, char32_t c) {
  if (c < 0x80) {
    *w++ = static_cast<char>(c);
  } else if (c < 0x800) {
    *w++ = static_cast<char>(0xC0 | (c >> 6));
    *w++ = static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    *w++ = static_cast<char>(0xE0 | (c >> 12));
    *w++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *w++ = static_cast<char>(0x80 | (c & 0x3F));
  } else {
    *w++ = static_cast<char>(0xF0 | (c >> 18));
    *w++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    *w++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *w++ = static_cast<char>(0x80 | (c & 0x3F));
  }
  return w;
}

}  // namespace

void AppendU8(std::string& out, char32_t c) {
  char buf[4];
  out.append(buf, static_cast<std::size_t>(PutU8(buf, c) - buf));
}

std::string ToU8(std::u32string_view s) {
  std::string out(s.size() * 4, '\0');  // at most four bytes per code point
  char* w = out.data();
  for (char32_t c : s) w = PutU8(w, c);
  out.resize(static_cast<std::size_t>(w - out.data()));
  return out;
}

bool IsSyllable(std::u32string_view s) {
  if (s.empty() || s.size() > 10) return false;
  // The toneless lower-case syllable, UTF-8, zero-padded: the packed key as it is (a
  // longer one is in no table).
  char buf[PackedSet::kMaxLen] = {};
  std::size_t n = 0;
  int tones = 0;
  Tone tone = Tone::kNone;
  const LetterParts* split = Letters().split.data();  // once, not per letter
  for (char32_t c : s) {
    char32_t base;
    if (c < 0x80) {  // an ASCII vowel splits into itself with no tone
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
      base = c | 0x20;
    } else if (LetterParts p = c < kTableEnd ? split[c] : LetterParts{}; p.base != 0) {
      if (p.tone != Tone::kNone) {
        ++tones;
        tone = p.tone;
      }
      base = p.base;
    } else if (c == U'Đ' || c == U'đ') {
      base = U'đ';
    } else {
      return false;
    }
    if (n + (base < 0x80 ? 1 : 2) > PackedSet::kMaxLen) return false;
    if (base < 0x80) {
      buf[n++] = static_cast<char>(base);
    } else {  // all bases are below U+0800: two bytes
      buf[n++] = static_cast<char>(0xC0 | (base >> 6));
      buf[n++] = static_cast<char>(0x80 | (base & 0x3F));
    }
  }
  if (tones > 1) return false;
  const auto& tables = Syllables();
  std::uint8_t kinds = tables.toneless.FindPadded(buf, n);
  if (kinds == 0) return false;
  return (kinds & kOpenRhyme) != 0 || tone == Tone::kNone || tone == Tone::kAcute ||
         tone == Tone::kDot;
}

bool IsSyllable(std::string_view s) {
  if (s.empty() || s.size() > 40) return false;
  return IsSyllable(std::u32string_view(ToU32(s)));
}

bool IsFoldedSyllable(std::string_view s) {
  if (s.empty() || s.size() > 8) return false;
  std::string lower;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    lower.push_back(static_cast<char>(c | 0x20));
  }
  const auto& tables = Syllables();
  for (std::size_t k = 0; k <= std::min<std::size_t>(3, lower.size()); ++k) {
    if (!tables.folded_onsets.count(lower.substr(0, k))) continue;
    if (tables.folded_rhymes.count(lower.substr(k))) return true;
  }
  return lower.size() > 2 && lower.compare(0, 2, "qu") == 0 &&
         std::find(std::begin(kQuOnlyRhymes), std::end(kQuOnlyRhymes), lower.substr(2)) !=
             std::end(kQuOnlyRhymes);
}

}  // namespace vnlink::vi
