#include "normalizers/vi_name.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "internal/embedded_csv.h"
#include "internal/flag_names.h"
#include "internal/vi_fast.h"
#include "liblink/embedded.h"
#include "normalizers/shared_memo.h"
#include "normalizers/text_repair.h"
#include "normalizers/tone.h"
#include "normalizers/vi_syllable.h"
#include "normalizers/vi_text.h"

namespace vnlink::vi {
namespace {

std::string Key(std::string_view token) { return CanonicalTones(internal::FastLower(token)); }

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

struct Counts {
  int family = 0, middle = 0, given = 0;
};

// Compound surnames, tried in this order (a bit each in TokenInfo::compound).
constexpr std::array<std::string_view, 11> kCompounds = {
    "công tằng tôn nữ", "tôn thất",    "tôn nữ", "hoàng phủ",   "âu dương", "nguyễn phúc",
    "nguyễn phước",     "đông phương", "tư mã",  "thượng quan", "gia cát"};
static_assert(kCompounds.size() <= 16);

// Surname and name-syllable statistics, keyed both by the exact lower-case syllable and by
// its ASCII fold (for names written without diacritics).
struct NameModel {
  std::unordered_map<std::string, Counts> exact, folded;
  std::unordered_set<std::string> known;  // every name syllable (lower case, canonical tones)
  std::unordered_map<std::string, std::string> class_exact, class_folded;
  std::vector<std::vector<std::string>> compounds;       // exact lower-case syllables
  std::vector<std::vector<std::string>> compound_folds;  // their ASCII folds

  void Add(std::string_view token, int Counts::*part, int n) {
    std::string k = Key(token);
    known.insert(k);
    exact[k].*part += n;
    folded[FoldAscii(k)].*part += n;
  }

  NameModel() {
    for (const auto& f : internal::LoadEmbeddedCsv("names_token_freq_uit.csv").rows) {
      if (f.size() < 3) continue;
      int n = std::stoi(std::string(f[2]));
      if (f[0] == "family") Add(f[1], &Counts::family, n);
      if (f[0] == "middle") Add(f[1], &Counts::middle, n);
      if (f[0] == "given") Add(f[1], &Counts::given, n);
    }
    // The national surname list: always a surname, whatever the sample says.
    for (const auto& f : internal::LoadEmbeddedCsv("names_family.csv").rows) {
      if (f.size() >= 2) Add(f[1], &Counts::family, 100);
    }
    for (const char* list : {"names_given_syllables_male.txt", "names_given_syllables_female.txt",
                             "names_given_male.txt", "names_given_female.txt"}) {
      for (std::string_view line : internal::LoadEmbeddedLines(list)) {
        std::string fixed = RepairText(line).text;
        std::string_view rest = fixed;
        while (!rest.empty()) {
          std::size_t sp = rest.find(' ');
          std::string_view tok = rest.substr(0, sp);
          if (!tok.empty()) known.insert(Key(tok));
          if (sp == std::string_view::npos) break;
          rest = rest.substr(sp + 1);
        }
      }
    }
    for (const auto& f : internal::LoadEmbeddedCsv("name_variant_pairs.csv").rows) {
      if (f.size() < 3 || f[2].find("family") == std::string_view::npos) continue;
      std::string a = Key(f[0]), b = Key(f[1]);
      std::string cls = FoldAscii(a);
      class_exact[a] = cls;
      class_exact[b] = cls;
      class_folded[FoldAscii(a)] = cls;
      class_folded[FoldAscii(b)] = cls;
    }
    for (std::string_view c : kCompounds) {
      std::vector<std::string> parts;
      std::string_view s = c;
      while (!s.empty()) {
        std::size_t sp = s.find(' ');
        parts.emplace_back(s.substr(0, sp));
        if (sp == std::string_view::npos) break;
        s = s.substr(sp + 1);
      }
      std::vector<std::string> folds;
      for (const std::string& part : parts) folds.push_back(internal::FastFoldAscii(part));
      compounds.push_back(std::move(parts));
      compound_folds.push_back(std::move(folds));
    }
  }

  Counts Lookup(const std::string& key) const {
    const auto& map = IsAscii(key) ? folded : exact;
    auto it = map.find(key);
    return it == map.end() ? Counts{} : it->second;
  }
};

const NameModel& Model() {
  static const NameModel model;
  return model;
}

bool IsMarker(const std::string& key) {
  return key == "văn" || key == "thị" || key == "van" || key == "thi";
}

bool IsSurname(const std::string& key) {
  if (IsMarker(key)) return false;
  return Model().Lookup(key).family >= 3;
}

// --- Telex -----------------------------------------------------------------------------

bool IsVowelAscii(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

std::u32string TelexDecode(std::string_view token) {
  std::string s;
  for (char c : token) s.push_back(static_cast<char>(c | 0x20));
  std::u32string out;
  Tone tone = Tone::kNone;
  bool seen_vowel = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    char next = i + 1 < s.size() ? s[i + 1] : 0;
    if (c == 'd' && next == 'd' && out.empty()) {
      out.push_back(U'đ');
      ++i;
      continue;
    }
    if (seen_vowel && (c == 's' || c == 'f' || c == 'r' || c == 'x' || c == 'j')) {
      if (tone != Tone::kNone) return {};
      tone = c == 's'   ? Tone::kAcute
             : c == 'f' ? Tone::kGrave
             : c == 'r' ? Tone::kHook
             : c == 'x' ? Tone::kTilde
                        : Tone::kDot;
      continue;
    }
    if (c == 'w') {
      if (out.empty()) return {};
      char32_t& last = out.back();
      if (last == U'a')
        last = U'ă';
      else if (last == U'o') {
        last = U'ơ';
        if (out.size() >= 2 && out[out.size() - 2] == U'u') out[out.size() - 2] = U'ư';
      } else if (last == U'u')
        last = U'ư';
      else
        return {};
      continue;
    }
    if ((c == 'a' || c == 'e' || c == 'o') && !out.empty() &&
        out.back() == static_cast<char32_t>(c)) {
      out.back() = c == 'a' ? U'â' : c == 'e' ? U'ê' : U'ô';
      continue;
    }
    if (IsVowelAscii(c)) seen_vowel = true;
    out.push_back(static_cast<char32_t>(c));
  }
  if (tone != Tone::kNone) {
    // Put the tone on the last vowel; CanonicalTones moves it where it belongs.
    for (std::size_t k = out.size(); k-- > 0;) {
      LetterParts p = SplitLetter(out[k]);
      if (p.base != 0) {
        out[k] = ComposeLetter(p.base, tone, false);
        break;
      }
    }
  }
  return out;
}

// --- Tokens ----------------------------------------------------------------------------

bool IsNameLetter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'' || c >= 0xC0;
}

bool IsTokenLetter(char32_t c) { return IsNameLetter(c) && c != 0xD7 && c != 0xF7; }

// Apostrophes only inside a word (H'Hen): strips them at the edges, flagging noise.
void StripEdgeApostrophes(std::vector<std::string>& tokens, std::uint32_t& flags) {
  for (auto& t : tokens) {
    while (!t.empty() && t.front() == '\'') t.erase(0, 1), flags |= kNameNoise;
    while (!t.empty() && t.back() == '\'') t.pop_back(), flags |= kNameNoise;
  }
  std::erase_if(tokens, [](const std::string& t) { return t.empty(); });
}

// Tokens through UTF-32: what Tokens does with text that does not survive the round trip
// ToU8(ToU32(text)) (malformed or overlong UTF-8).
std::vector<std::string> TokensThroughU32(std::string_view text, std::uint32_t& flags) {
  std::vector<std::string> tokens;
  std::u32string cur;
  for (char32_t c : ToU32(text)) {
    if (IsTokenLetter(c)) {
      cur.push_back(c);
      continue;
    }
    if (c != ' ') flags |= kNameNoise;
    if (!cur.empty()) tokens.push_back(ToU8(cur));
    cur.clear();
  }
  if (!cur.empty()) tokens.push_back(ToU8(cur));
  StripEdgeApostrophes(tokens, flags);
  return tokens;
}

// Splits on anything that is not a letter; flags removed noise. A token is cut straight
// out of the UTF-8 text, which is what re-encoding its code points gives whenever the
// text is well-formed shortest-form UTF-8 (anything else goes through UTF-32).
std::vector<std::string> Tokens(std::string_view text, std::uint32_t& flags) {
  std::vector<std::string> tokens;
  std::uint32_t noise = 0;
  std::size_t start = 0;  // of the current token
  bool in_token = false;
  for (std::size_t i = 0; i < text.size();) {
    auto b = static_cast<unsigned char>(text[i]);
    char32_t c = b;
    std::size_t len = 1;
    if (b >= 0x80) {
      len = (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
      if (len == 0 || i + len > text.size()) return TokensThroughU32(text, flags);
      c = len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
      for (std::size_t k = 1; k < len; ++k) {
        auto cb = static_cast<unsigned char>(text[i + k]);
        if ((cb & 0xC0) != 0x80) return TokensThroughU32(text, flags);
        c = (c << 6) | (cb & 0x3F);
      }
      if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000)) {
        return TokensThroughU32(text, flags);  // overlong: re-encoding would change it
      }
    }
    if (IsTokenLetter(c)) {
      if (!in_token) start = i, in_token = true;
    } else {
      if (c != ' ') noise = kNameNoise;
      if (in_token) tokens.emplace_back(text.substr(start, i - start)), in_token = false;
    }
    i += len;
  }
  if (in_token) tokens.emplace_back(text.substr(start));
  flags |= noise;
  StripEdgeApostrophes(tokens, flags);
  return tokens;
}

// Lower-case canonical key of a token, with Telex residue decoded when unambiguous.
// `token` is already lower case with canonical tones.
std::string TokenKey(const std::string& token, std::uint32_t& flags) {
  const std::string& key = token;
  if (IsAscii(key) && !IsFoldedSyllable(key) && key.find('\'') == std::string::npos) {
    std::string telex = DecodeTelexName(key);
    if (!telex.empty()) {
      flags |= kNameTelex;
      return Key(telex);
    }
  }
  return key;
}

// What a name needs to know about one syllable (a token key: lower case, canonical
// tones, Telex decoded). Everything here depends on the key alone, so it is cached per key.
// A copy of a short string zero-padded to a fixed width, so that a join moves it with a
// fixed-size copy (a few register moves, no memcpy call); `size` is kTooLong for a string
// longer than the width (the join then takes the strings themselves).
struct Padded {
  static constexpr std::size_t kWidth = 24;  // a syllable is at most 7 letters of 3 bytes
  static constexpr std::uint8_t kTooLong = 0xFF;
  std::array<char, kWidth> bytes{};
  std::uint8_t size = kTooLong;
  void Set(std::string_view s) {
    if (s.size() > kWidth) return;
    std::memcpy(bytes.data(), s.data(), s.size());
    size = static_cast<std::uint8_t>(s.size());
  }
};

struct TokenInfo {
  std::string key;
  std::string fold;     // ASCII fold (FastFoldAscii)
  std::string display;  // proper case (Display)
  std::string notone;   // tone marks stripped (FastStripTones)
  std::string cls;      // surname class (FamilyClass)
  Counts counts;        // surname / name statistics (NameModel::Lookup)
  bool ascii = false;
  bool marker = false;   // Văn / Thị
  bool surname = false;  // IsSurname
  bool van = false, thi = false;
  std::uint32_t check_flags = 0;  // what CheckSyllables flags for this syllable
  // Bit c: the key is the first syllable of NameModel::compounds[c] (of compound_folds[c]
  // for `compound_fold`), so FamilyLength tries only the compounds a name can start.
  std::uint16_t compound = 0, compound_fold = 0;
  // key, fold, display, notone and cls, padded for the joins of Finish.
  Padded key_p, fold_p, display_p, notone_p, cls_p;
};

bool KnownGiven(const TokenInfo& t) { return t.counts.given + t.counts.middle > 0; }
bool MostlySurname(const TokenInfo& t) { return t.surname && t.counts.family > t.counts.given; }

// Proper case, with the letter after an apostrophe capitalised too (Ê Đê and Jarai names:
// H'Hen, Y'Bih).
std::string Display(const std::string& key) {
  std::string out = internal::FastProperCase(key);
  for (std::size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] == '\'' && out[i + 1] >= 'a' && out[i + 1] <= 'z') out[i + 1] -= 32;
  }
  return out;
}

TokenInfo MakeTokenInfo(std::string key) {
  const NameModel& model = Model();
  TokenInfo t;
  t.fold = internal::FastFoldAscii(key);
  t.display = Display(key);
  t.notone = internal::FastStripTones(key);
  t.cls = FamilyClass(key);
  t.counts = model.Lookup(key);
  t.ascii = IsAscii(key);
  t.marker = IsMarker(key);
  t.surname = IsSurname(key);
  t.van = key == "văn" || key == "van";
  t.thi = key == "thị" || key == "thi";
  // A name syllable that is no Vietnamese syllable, and a name written without the
  // diacritics its syllables normally carry ("Nguyen", not "Lan").
  bool apostrophe = key.find('\'') != std::string::npos;
  if (!apostrophe && (t.ascii ? !IsFoldedSyllable(key) : !IsSyllable(key))) {
    t.check_flags |= kNameInvalidSyllable;
  }
  if (t.ascii && !model.known.count(key) && model.folded.count(key)) {
    t.check_flags |= kNameNoDiacritics;
  }
  for (std::size_t c = 0; c < model.compounds.size(); ++c) {
    if (model.compounds[c][0] == key) t.compound |= static_cast<std::uint16_t>(1u << c);
    if (model.compound_folds[c][0] == key) t.compound_fold |= static_cast<std::uint16_t>(1u << c);
  }
  t.key_p.Set(key);
  t.fold_p.Set(t.fold);
  t.display_p.Set(t.display);
  t.notone_p.Set(t.notone);
  t.cls_p.Set(t.cls);
  t.key = std::move(key);
  return t;
}

using Keys = std::vector<const TokenInfo*>;
using KeySpan = std::span<const TokenInfo* const>;

void CheckSyllables(const Keys& keys, std::uint32_t& flags) {
  for (const TokenInfo* t : keys) flags |= t->check_flags;
}

bool AllAscii(const Keys& keys) {
  return std::all_of(keys.begin(), keys.end(), [](const TokenInfo* t) { return t->ascii; });
}

// Length of the compound surname at the start of `keys`, or 1. `count` is the number of
// syllables of the whole name (more than keys.size() when the given name comes apart).
std::size_t FamilyLength(const Keys& keys, std::size_t count, bool ascii_only) {
  if (keys.empty()) return 1;
  const auto& model = Model();
  std::uint32_t starts = ascii_only ? keys[0]->compound_fold : keys[0]->compound;
  for (std::size_t c = 0; starts != 0 && c < model.compounds.size(); ++c) {
    if ((starts >> c & 1u) == 0) continue;
    const auto& compound = ascii_only ? model.compound_folds[c] : model.compounds[c];
    std::size_t n = compound.size();
    if (count < n + 1 || keys.size() < n) continue;
    // Nguyễn Phúc is also "Nguyễn" + middle "Phúc": a royal-clan reading needs two more
    // syllables; names without diacritics likewise need more evidence.
    bool royal = model.compounds[c][0] == "nguyễn";
    if ((royal || ascii_only) && count < n + 2) continue;
    bool match = true;
    for (std::size_t i = 0; i < n && match; ++i) match = compound[i] == keys[i]->key;
    if (match) return n;
  }
  return 1;
}

bool StartsChildOf(Keys& keys) {
  auto drop = [&](std::size_t n) {
    if (keys.size() <= n + 1) return false;
    keys.erase(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(n));
    return true;
  };
  if (keys.empty()) return false;
  std::string_view a = keys[0]->fold;
  std::string_view b = keys.size() > 1 ? std::string_view(keys[1]->fold) : std::string_view();
  if (a == "cb" || a == "cbe") return drop(1);
  if (a == "con" && (b == "ba" || b == "cua" || b == "chi" || b == "me")) return drop(2);
  return false;
}

bool StartsTitle(Keys& keys) {
  if (keys.size() < 3) return false;
  static constexpr std::array<std::string_view, 9> kTitles = {"ong", "ba", "bs",  "ths", "ts",
                                                              "ks",  "gs", "pgs", "cu"};
  if (std::find(kTitles.begin(), kTitles.end(), keys[0]->fold) == kTitles.end() ||
      !keys[1]->surname) {
    return false;
  }
  // Ông is also a (rare) surname: a title only before a much commoner one.
  if (keys[0]->counts.family * 10 > keys[1]->counts.family) return false;
  keys.erase(keys.begin());
  return true;
}

KeySpan Range(const Keys& keys, std::size_t b, std::size_t e) {
  e = std::min(e, keys.size());
  return b >= e ? KeySpan() : KeySpan(keys.data() + b, e - b);
}

// Appends to `out` (empty) the `field` of the tokens, space-separated (a space wherever
// something precedes, as when appending one by one), assembled on the stack and stored in
// one go (an append to an empty string is cheaper than an assignment).
void JoinField(std::string& out, KeySpan tokens, std::string TokenInfo::*field,
               Padded TokenInfo::*padded) {
  if (tokens.size() == 1) {
    out.append(tokens[0]->*field);
    return;
  }
  char buf[256];
  std::size_t used = 0;
  for (const TokenInfo* t : tokens) {
    const Padded& piece = t->*padded;
    if (piece.size == Padded::kTooLong || used + 1 + Padded::kWidth > sizeof buf) {
      out.clear();  // a very long syllable or name: the plain way
      for (const TokenInfo* u : tokens) {
        if (!out.empty()) out.push_back(' ');
        out += u->*field;
      }
      return;
    }
    if (used != 0) buf[used++] = ' ';
    std::memcpy(buf + used, piece.bytes.data(), Padded::kWidth);
    used += piece.size;
  }
  out.append(buf, used);
}

// Every output is derived syllable by syllable (each derivation maps a joined string to
// the join of its syllables' results), so the parts are assembled from cached syllables.
void Finish(ParsedName& n, KeySpan family, KeySpan middle, KeySpan given) {
  // The tokens in output order: every output is the join of one run of them.
  constexpr std::size_t kInline = 16;
  std::size_t count = family.size() + middle.size() + given.size();
  std::array<const TokenInfo*, kInline> inline_tokens;
  std::vector<const TokenInfo*> long_name;
  const TokenInfo** all = inline_tokens.data();
  if (count > kInline) {
    long_name.resize(count);
    all = long_name.data();
  }
  std::copy(given.begin(), given.end(),
            std::copy(middle.begin(), middle.end(), std::copy(family.begin(), family.end(), all)));
  KeySpan whole(all, count);
  KeySpan f = whole.first(family.size()), m = whole.subspan(family.size(), middle.size()),
          g = whole.last(given.size());
  JoinField(n.family, f, &TokenInfo::display, &TokenInfo::display_p);
  JoinField(n.middle, m, &TokenInfo::display, &TokenInfo::display_p);
  JoinField(n.given, g, &TokenInfo::display, &TokenInfo::display_p);
  JoinField(n.family_key, f, &TokenInfo::fold, &TokenInfo::fold_p);
  JoinField(n.middle_key, m, &TokenInfo::fold, &TokenInfo::fold_p);
  JoinField(n.given_key, g, &TokenInfo::fold, &TokenInfo::fold_p);
  JoinField(n.name_exact, whole, &TokenInfo::key, &TokenInfo::key_p);
  JoinField(n.full, whole, &TokenInfo::display, &TokenInfo::display_p);
  JoinField(n.name_fold, whole, &TokenInfo::fold, &TokenInfo::fold_p);
  JoinField(n.name_notone, whole, &TokenInfo::notone, &TokenInfo::notone_p);
  JoinField(n.family_class, f, &TokenInfo::cls, &TokenInfo::cls_p);
  for (const TokenInfo* t : m) {
    n.middle_van |= t->van;
    n.middle_thi |= t->thi;
  }
}

// Only ASCII and precomposed Vietnamese letters: the fast case mappings of vi_fast.h
// apply letter by letter (never the ICU fallback), so a word can be handled on its own.
bool SimpleLetters(std::string_view word) {
  for (char32_t c : ToU32(word)) {
    if (c >= 0x80 && SplitLetter(c).base == 0 && c != U'Đ' && c != U'đ') return false;
  }
  return true;
}

struct ViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
template <typename V>
using ViewMap = std::unordered_map<std::string, V, ViewHash, std::equal_to<>>;

// One space-separated word of a field. The tokens are kept inline: a word of more tokens
// ("A.B.C.D") is simply not cached (the field then takes the whole-field way).
struct WordInfo {
  static constexpr std::size_t kMaxTokens = 3;
  std::string key;  // the raw word (short: inline)
  std::uint64_t hash = 0;
  RepairWordInfo repair;
  bool simple = false;      // only ASCII and Vietnamese letters, at most kMaxTokens tokens
  std::uint8_t count = 0;   // tokens
  std::uint32_t flags = 0;  // kNameToneMoved, kNameNoise, kNameTelex
  std::array<const TokenInfo*, kMaxTokens> tokens{};
  // kRepairNfc or kRepairEth when the word is not clean only for being decomposed or for
  // an Ð/ð, and is a clean word with no mojibake suspect once fixed; `simple`, `count`,
  // `flags` and `tokens` are then those of the fixed word (see FieldRepair).
  std::uint32_t fix = 0;
};

// The fixed form of a raw word that is decomposed (NFD) or holds Ð/ð, but not both, with
// the flag of that fix; 0 for any other word.
std::uint32_t FixWord(std::string_view raw, std::string& fixed) {
  bool mark = false, eth = false;
  for (std::size_t i = 0; i + 1 < raw.size(); ++i) {
    // U+0300..U+036F is CC 80..CD AF in UTF-8; Ð and ð are C3 90 and C3 B0.
    auto b = static_cast<unsigned char>(raw[i]), next = static_cast<unsigned char>(raw[i + 1]);
    mark |=
        (b == 0xCC && next >= 0x80 && next <= 0xBF) || (b == 0xCD && next >= 0x80 && next <= 0xAF);
    eth |= b == 0xC3 && (next == 0x90 || next == 0xB0);
  }
  if (mark == eth) return 0;
  if (eth) {
    fixed.clear();
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\xC3' && i + 1 < raw.size() &&
          (raw[i + 1] == '\x90' || raw[i + 1] == '\xB0')) {
        fixed += raw[i + 1] == '\x90' ? "Đ" : "đ";
        ++i;
      } else {
        fixed.push_back(raw[i]);
      }
    }
    return kRepairEth;
  }
  if (IsNfc(raw)) return 0;
  fixed = Nfc(raw);
  return kRepairNfc;
}

// What the words of a field tell about RepairText of the whole field.
struct FieldRepair {
  RepairByWords words;       // the raw words, in order
  std::uint32_t fixes = 0;   // WordInfo::fix of the words
  bool others_valid = true;  // every word without a fix is clean and no mojibake suspect

  void Add(const WordInfo& w) {
    words.Add(w.repair);
    fixes |= w.fix;
    others_valid = others_valid && (w.fix != 0 || (w.repair.clean && !w.repair.invalid));
  }
  // RepairText's flags for the field, when the words settle them; its text then is the
  // field with each word replaced by its fixed form. With no fix that is RepairByWords.
  // Decomposed words among clean valid ones: RepairText takes NFC of the field, which is
  // the NFC of each word (a space starts a new composition), and that passes
  // RepairIsIdentity word by word. Ð/ð among clean valid words: ScoreText finds no invalid
  // word (it reads Ð/ð as Đ/đ), so nothing is decoded and the clean-up only maps them.
  [[nodiscard]] std::optional<std::uint32_t> Flags() const {
    if (fixes == 0) return words.Flags();
    if (others_valid && (fixes == kRepairNfc || fixes == kRepairEth)) return fixes;
    return std::nullopt;
  }
};

// FNV-1a (words are a few bytes), fed byte by byte so that a caller can hash a word
// while it looks for its end.
constexpr std::uint64_t kWordHashSeed = 1469598103934665603ull;
std::uint64_t HashStep(std::uint64_t h, char c) {
  return (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
}
std::uint64_t HashEnd(std::uint64_t h) { return h ^ (h >> 29); }
std::uint64_t HashWord(std::string_view s) {
  std::uint64_t h = kWordHashSeed;
  for (char c : s) h = HashStep(h, c);
  return HashEnd(h);
}

// Words by their raw text, in one array probed linearly: a look-up touches a slot and the
// entry, where a node-based map chases a bucket, a node and a key on the heap (the name
// path runs between address parses that evict them from the cache).
class WordTable {
 public:
  // The entry of `word`, or null. Valid until the next Insert or Clear.
  const WordInfo* Find(std::string_view word, std::uint64_t hash) const {
    if (slots_.empty()) return nullptr;
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
      std::uint32_t slot = slots_[i];
      if (slot == 0) return nullptr;
      const WordInfo& w = entries_[slot - 1];
      if (w.hash == hash && w.key == word) return &w;
    }
  }
  const WordInfo& Insert(WordInfo w) {
    entries_.push_back(std::move(w));
    if (entries_.size() * 2 > slots_.size()) {
      slots_.assign(std::max<std::size_t>(64, slots_.size() * 2), 0);
      mask_ = slots_.size() - 1;
      for (std::size_t k = 0; k < entries_.size(); ++k) Place(k);
    } else {
      Place(entries_.size() - 1);
    }
    return entries_.back();
  }
  [[nodiscard]] std::size_t size() const { return entries_.size(); }
  void Clear() {
    entries_.clear();
    std::fill(slots_.begin(), slots_.end(), 0);
  }

 private:
  void Place(std::size_t k) {
    std::size_t i = entries_[k].hash & mask_;
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = static_cast<std::uint32_t>(k + 1);
  }
  std::vector<std::uint32_t> slots_;  // entry index + 1; 0 = empty
  std::size_t mask_ = 0;
  std::vector<WordInfo> entries_;
};

}  // namespace

std::string DecodeTelexName(std::string_view token) {
  std::string lower = Key(token);
  if (lower.empty() || !IsAscii(lower) || IsFoldedSyllable(lower)) return {};
  std::u32string decoded = TelexDecode(lower);
  if (decoded.empty()) return {};
  std::string key = CanonicalTones(ToU8(decoded));
  if (!IsSyllable(key) || !Model().known.count(key)) return {};
  bool upper =
      std::all_of(token.begin(), token.end(), [](char c) { return !(c >= 'a' && c <= 'z'); });
  return upper ? Upper(key) : ProperCase(key);
}

std::string FamilyClass(std::string_view family) {
  const auto& model = Model();
  std::string out;
  std::uint32_t flags = 0;
  for (const std::string& t : Tokens(family, flags)) {
    std::string key = Key(t);
    std::string cls;
    if (IsAscii(key)) {
      auto it = model.class_folded.find(key);
      cls = it == model.class_folded.end() ? key : it->second;
    } else {
      auto it = model.class_exact.find(key);
      cls = it == model.class_exact.end() ? internal::FastFoldAscii(key) : it->second;
    }
    if (!out.empty()) out.push_back(' ');
    out += cls;
  }
  return out;
}

namespace {

// `n` equal to ParsedName{}, its strings' buffers kept.
void Reset(ParsedName& n) {
  // A member added to ParsedName must be reset here too.
  static_assert(sizeof(ParsedName) ==
                11 * sizeof(std::string) + 2 * sizeof(std::uint32_t) + 2 * sizeof(bool) + 6);
  for (std::string* s :
       {&n.full, &n.family, &n.middle, &n.given, &n.name_exact, &n.name_notone, &n.name_fold,
        &n.family_key, &n.middle_key, &n.given_key, &n.family_class}) {
    s->clear();
  }
  n.middle_van = n.middle_thi = false;
  n.flags = n.repair_flags = 0;
}

}  // namespace

struct NameParser::Impl {
  explicit Impl(std::size_t cap) : capacity(cap) {}

  std::size_t capacity;
  SharedMemo<ParsedName> memo{kMemoSlots};
  std::string memo_key;  // reused buffer: the parts of an input, joined
  // The whole-name memo's key of `input`: the full name, or the parts joined (memo_key).
  std::string_view MemoKey(const NameInput& input);
  ViewMap<TokenInfo> tokens;  // by key
  WordTable words;            // by the raw word
  Keys full_keys;             // reused buffer: the tokens of a full name

  const TokenInfo* Token(std::string key) {
    if (auto it = tokens.find(key); it != tokens.end()) return &it->second;
    TokenInfo info = MakeTokenInfo(key);
    return &tokens.emplace(std::move(key), std::move(info)).first->second;
  }

  // Tokenizes a repaired field (or word): lower case and canonical tones once, then
  // tokens with Telex residue decoded.
  void Tokenize(std::string_view repaired, std::uint32_t& flags, Keys& out) {
    std::string lower = internal::FastLower(repaired);
    std::string canonical = CanonicalTones(lower);
    if (canonical != lower) flags |= kNameToneMoved;
    for (const std::string& t : Tokens(canonical, flags)) out.push_back(Token(TokenKey(t, flags)));
  }

  // Valid until the next call.
  const WordInfo& Word(std::string_view raw) { return Word(raw, HashWord(raw)); }
  const WordInfo& Word(std::string_view raw, std::uint64_t hash) {
    if (const WordInfo* hit = words.Find(raw, hash)) return *hit;
    WordInfo w;
    w.key.assign(raw);
    w.hash = hash;
    w.repair = InspectRepairWord(raw);
    std::string fixed;
    if (!w.repair.clean && (w.fix = FixWord(raw, fixed)) != 0) {
      // The tokens of the fixed word: what the full way finds after RepairText.
      const WordInfo& f = Word(fixed);  // no fix: a clean word or none at all
      w.simple = f.simple && f.fix == 0 && f.repair.clean && !f.repair.invalid;
      w.count = f.count;
      w.flags = f.flags;
      w.tokens = f.tokens;
      if (!w.simple) w.fix = 0;
      return words.Insert(std::move(w));
    }
    w.simple = SimpleLetters(raw);
    if (w.simple) {
      Keys tokens;
      Tokenize(raw, w.flags, tokens);
      w.simple = tokens.size() <= WordInfo::kMaxTokens;
      if (w.simple) {
        w.count = static_cast<std::uint8_t>(tokens.size());
        std::copy(tokens.begin(), tokens.end(), w.tokens.begin());
      }
    }
    return words.Insert(std::move(w));
  }

  // Appends the cached tokens of the words of `text` (split on single spaces) to `out`,
  // with their flags, and what RepairText would make of `text` to `repair`. False (and
  // `out` as it was) when a word is empty or not made of simple letters.
  bool WordTokens(std::string_view text, std::uint32_t& flags, FieldRepair& repair, Keys& out) {
    std::size_t mark = out.size();
    for (std::size_t b = 0;;) {
      std::size_t e = b;
      std::uint64_t hash = kWordHashSeed;
      for (; e < text.size() && text[e] != ' '; ++e) hash = HashStep(hash, text[e]);
      if (e == b) break;  // a run of spaces, or one leading or trailing
      const WordInfo& w = Word(text.substr(b, e - b), HashEnd(hash));
      if (!w.simple) break;
      repair.Add(w);
      flags |= w.flags;
      for (std::size_t k = 0; k < w.count; ++k) out.push_back(w.tokens[k]);
      if (e == text.size()) return true;
      b = e + 1;
    }
    out.resize(mark);
    return false;
  }

  // The tokens of one field, appended to `out`. Lower case, tone placement, tokens and
  // Telex decoding are local to a space-separated word, so a repaired field is the
  // concatenation of its cached words. The repair itself is settled from the words when
  // RepairByWords can; otherwise it runs on the whole field.
  void KeysOf(std::string_view field, ParsedName& n, Keys& out) {
    if (capacity > 0 && !field.empty()) {
      std::size_t mark = out.size();
      std::uint32_t flags = 0;
      FieldRepair repair;
      if (WordTokens(field, flags, repair, out)) {
        if (std::optional<std::uint32_t> repair_flags = repair.Flags()) {
          n.flags |= flags;
          n.repair_flags |= *repair_flags;
          return;
        }
        out.resize(mark);
      }
    }
    RepairedText r = RepairText(field);
    n.repair_flags |= r.flags;
    if (capacity > 0 && !r.text.empty()) {
      std::size_t mark = out.size();
      std::uint32_t flags = 0;
      FieldRepair words;
      // A repaired text is NFC with no Ð/ð: a word with a fix would be a surprise.
      if (WordTokens(r.text, flags, words, out) && words.fixes == 0) {
        n.flags |= flags;
        return;
      }
      out.resize(mark);
    }
    Tokenize(r.text, n.flags, out);
  }

  ParsedName Parse(const NameInput& input) {
    ParsedName n;
    ParseInto(input, n);
    return n;
  }

  // Parse into `n` (default-constructed): the caller builds it where it will live.
  void ParseInto(const NameInput& input, ParsedName& n) {
    // Bounded memory: empty both caches between names (a name's tokens point into them).
    if (tokens.size() > capacity || words.size() > capacity) {
      tokens.clear();
      words.Clear();
    }
    if (!input.full.empty() || (input.family.empty() && input.middle.empty() &&
                                input.given.empty() && input.holot.empty())) {
      Keys& keys = full_keys;
      keys.clear();
      KeysOf(input.full, n, keys);
      if (keys.empty()) {
        n = ParsedName{};
        return;
      }
      if (StartsChildOf(keys)) n.flags |= kNameChildOf;
      if (StartsTitle(keys)) n.flags |= kNameTitle;
      CheckSyllables(keys, n.flags);
      std::size_t count = keys.size();
      if (count == 1) {
        n.flags |= kNameSingleToken;
        if (keys[0]->surname)
          Finish(n, Range(keys, 0, 1), {}, {});
        else
          Finish(n, {}, {}, Range(keys, 0, 1));
        return;
      }
      std::size_t flen = FamilyLength(keys, count, AllAscii(keys));
      const TokenInfo& first = *keys[0];
      const TokenInfo& last = *keys[count - 1];
      bool first_is_family = first.surname || flen > 1;
      if (!first_is_family && MostlySurname(last) && KnownGiven(first)) {
        // Given name first. "Van An Nguyen": middle given family; "An Văn Nguyễn": given
        // middle family.
        n.flags |= kNameReordered;
        if (count >= 3 && first.marker) {
          Finish(n, Range(keys, count - 1, count), Range(keys, 0, count - 2),
                 Range(keys, count - 2, count - 1));
        } else {
          Finish(n, Range(keys, count - 1, count), Range(keys, 1, count - 1), Range(keys, 0, 1));
        }
        return;
      }
      if (!first_is_family && count >= 3 && MostlySurname(*keys[1]) && KnownGiven(first)) {
        // "AN NGUYEN VAN": given family middle.
        n.flags |= kNameReordered;
        Finish(n, Range(keys, 1, 2), Range(keys, 2, count), Range(keys, 0, 1));
        return;
      }
      if (!first_is_family) n.flags |= kNameUnknownFamily;
      if (flen > 1) n.flags |= kNameCompoundFamily;
      Finish(n, Range(keys, 0, flen), Range(keys, flen, count - 1), Range(keys, count - 1, count));
      return;
    }

    // Parts.
    auto parts_keys = [&](std::string_view s) {
      Keys keys;
      KeysOf(s, n, keys);
      CheckSyllables(keys, n.flags);
      return keys;
    };
    Keys family, middle;
    if (!input.holot.empty()) {
      Keys hk = parts_keys(input.holot);
      // The given name follows in its own column, so a compound needs one syllable less.
      std::size_t flen =
          hk.empty() ? 0 : std::min(hk.size(), FamilyLength(hk, hk.size() + 1, AllAscii(hk)));
      if (flen > 1) n.flags |= kNameCompoundFamily;
      family.assign(hk.begin(), hk.begin() + static_cast<std::ptrdiff_t>(flen));
      middle.assign(hk.begin() + static_cast<std::ptrdiff_t>(flen), hk.end());
      if (!hk.empty() && !hk[0]->surname && flen == 1) n.flags |= kNameUnknownFamily;
    } else {
      family = parts_keys(input.family);
      middle = parts_keys(input.middle);
      if (family.size() > 1) n.flags |= kNameCompoundFamily;
      if (family.size() == 1 && !family[0]->surname) n.flags |= kNameUnknownFamily;
    }
    Keys given = parts_keys(input.given);
    Finish(n, family, middle, given);
    if (family.size() + middle.size() + given.size() == 1) n.flags |= kNameSingleToken;
  }
};

NameParser::NameParser(std::size_t capacity) : impl_(std::make_unique<Impl>(capacity)) {}
NameParser::~NameParser() = default;
NameParser::NameParser(NameParser&&) noexcept = default;
NameParser& NameParser::operator=(NameParser&&) noexcept = default;

ParsedName NameParser::Parse(const NameInput& input) { return impl_->Parse(input); }

std::string_view NameParser::Impl::MemoKey(const NameInput& input) {
  if (input.family.empty() && input.middle.empty() && input.given.empty() && input.holot.empty()) {
    return input.full;
  }
  memo_key.clear();
  for (std::string_view part : {input.full, input.family, input.middle, input.given, input.holot}) {
    memo_key.append(part);
    memo_key.push_back('\x1F');
  }
  return memo_key;
}

std::uint64_t NameParser::Prefetch(const NameInput& input) {
  return impl_->memo.Prefetch(impl_->MemoKey(input));
}

std::shared_ptr<const ParsedName> NameParser::ParseShared(const NameInput& input) {
  return ParseShared(input, impl_->memo.Prefetch(impl_->MemoKey(input)));
}

std::shared_ptr<const ParsedName> NameParser::ParseShared(const NameInput& input,
                                                          std::uint64_t hash) {
  Impl& impl = *impl_;
  if (impl.capacity == 0) return std::make_shared<const ParsedName>(impl.Parse(input));
  return impl.memo.FindOrInsert(impl.MemoKey(input), hash, [&] {
    // The result the memo replaced last, made like new: its strings keep their buffers.
    std::shared_ptr<ParsedName> parsed = impl.memo.Recycle();
    if (parsed) {
      Reset(*parsed);
    } else {
      parsed = std::make_shared<ParsedName>();
    }
    impl.ParseInto(input, *parsed);
    return std::shared_ptr<const ParsedName>(std::move(parsed));
  });
}

ParsedName ParseName(const NameInput& input) { return NameParser(0).Parse(input); }

std::vector<std::string_view> NameFlagNames(std::uint32_t flags) {
  static constexpr std::array<std::string_view, 11> kNames = {
      "name_reordered",     "name_compound_family", "name_telex",           "name_single_token",
      "name_no_diacritics", "name_noise",           "name_family_unknown",  "name_child_of",
      "name_tone_moved",    "name_title",           "name_invalid_syllable"};
  return internal::NamesOfSetBits(flags, kNames);
}

}  // namespace vnlink::vi
