#include "normalizers/vi_name.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "internal/embedded_csv.h"
#include "internal/flag_names.h"
#include "internal/vi_fast.h"
#include "liblink/embedded.h"
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

// Surname and name-syllable statistics, keyed both by the exact lower-case syllable and by
// its ASCII fold (for names written without diacritics).
struct NameModel {
  std::unordered_map<std::string, Counts> exact, folded;
  std::unordered_set<std::string> known;  // every name syllable (lower case, canonical tones)
  std::unordered_map<std::string, std::string> class_exact, class_folded;
  std::vector<std::vector<std::string>> compounds;  // exact lower-case syllables

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
    for (const char* c :
         {"công tằng tôn nữ", "tôn thất", "tôn nữ", "hoàng phủ", "âu dương", "nguyễn phúc",
          "nguyễn phước", "đông phương", "tư mã", "thượng quan", "gia cát"}) {
      std::vector<std::string> parts;
      std::string_view s = c;
      while (!s.empty()) {
        std::size_t sp = s.find(' ');
        parts.emplace_back(s.substr(0, sp));
        if (sp == std::string_view::npos) break;
        s = s.substr(sp + 1);
      }
      compounds.push_back(parts);
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

bool KnownGiven(const std::string& key) {
  Counts c = Model().Lookup(key);
  return c.given + c.middle > 0;
}

bool MostlySurname(const std::string& key) {
  Counts c = Model().Lookup(key);
  return IsSurname(key) && c.family > c.given;
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

// Splits on anything that is not a letter; flags removed noise.
std::vector<std::string> Tokens(std::string_view text, std::uint32_t& flags) {
  std::vector<std::string> tokens;
  std::u32string cur;
  for (char32_t c : ToU32(text)) {
    if (IsNameLetter(c) && c != 0xD7 && c != 0xF7) {
      cur.push_back(c);
      continue;
    }
    if (c != ' ') flags |= kNameNoise;
    if (!cur.empty()) tokens.push_back(ToU8(cur));
    cur.clear();
  }
  if (!cur.empty()) tokens.push_back(ToU8(cur));
  // Apostrophes only inside a word (H'Hen); strip them at the edges.
  for (auto& t : tokens) {
    while (!t.empty() && t.front() == '\'') t.erase(0, 1), flags |= kNameNoise;
    while (!t.empty() && t.back() == '\'') t.pop_back(), flags |= kNameNoise;
  }
  std::erase_if(tokens, [](const std::string& t) { return t.empty(); });
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

std::string Join(const std::vector<std::string>& v, std::size_t b, std::size_t e) {
  std::string out;
  for (std::size_t i = b; i < e && i < v.size(); ++i) {
    if (!out.empty()) out.push_back(' ');
    out += v[i];
  }
  return out;
}

// Length of the compound surname at the start of `keys`, or 1.
std::size_t FamilyLength(const std::vector<std::string>& keys, bool ascii_only) {
  const auto& model = Model();
  for (const auto& compound : model.compounds) {
    std::size_t n = compound.size();
    if (keys.size() < n + 1) continue;
    // Nguyễn Phúc is also "Nguyễn" + middle "Phúc": a royal-clan reading needs two more
    // syllables; names without diacritics likewise need more evidence.
    bool royal = compound[0] == "nguyễn";
    if ((royal || ascii_only) && keys.size() < n + 2) continue;
    bool match = true;
    for (std::size_t i = 0; i < n && match; ++i) {
      match = ascii_only ? internal::FastFoldAscii(compound[i]) == keys[i] : compound[i] == keys[i];
    }
    if (match) return n;
  }
  return 1;
}

bool StartsChildOf(std::vector<std::string>& keys) {
  auto drop = [&](std::size_t n) {
    if (keys.size() <= n + 1) return false;
    keys.erase(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(n));
    return true;
  };
  if (keys.empty()) return false;
  std::string a = internal::FastFoldAscii(keys[0]);
  std::string b = keys.size() > 1 ? internal::FastFoldAscii(keys[1]) : "";
  if (a == "cb" || a == "cbe") return drop(1);
  if (a == "con" && (b == "ba" || b == "cua" || b == "chi" || b == "me")) return drop(2);
  return false;
}

bool StartsTitle(std::vector<std::string>& keys) {
  if (keys.size() < 3) return false;
  std::string a = internal::FastFoldAscii(keys[0]);
  static const std::unordered_set<std::string> kTitles = {"ong", "ba", "bs",  "ths", "ts",
                                                          "ks",  "gs", "pgs", "cu"};
  if (!kTitles.count(a) || !IsSurname(keys[1])) return false;
  // Ông is also a (rare) surname: a title only before a much commoner one.
  if (Model().Lookup(keys[0]).family * 10 > Model().Lookup(keys[1]).family) return false;
  keys.erase(keys.begin());
  return true;
}

// Proper case, with the letter after an apostrophe capitalised too (Ê Đê and Jarai names:
// H'Hen, Y'Bih).
std::string Display(const std::string& key) {
  std::string out = internal::FastProperCase(key);
  for (std::size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] == '\'' && out[i + 1] >= 'a' && out[i + 1] <= 'z') out[i + 1] -= 32;
  }
  return out;
}

// Flags a name syllable that is no Vietnamese syllable, and a name written without the
// diacritics its syllables normally carry ("Nguyen", not "Lan").
void CheckSyllables(const std::vector<std::string>& keys, std::uint32_t& flags) {
  const NameModel& model = Model();
  for (const std::string& key : keys) {
    bool apostrophe = key.find('\'') != std::string::npos;
    bool ascii = IsAscii(key);
    if (!apostrophe && (ascii ? !IsFoldedSyllable(key) : !IsSyllable(key))) {
      flags |= kNameInvalidSyllable;
    }
    if (ascii && !model.known.count(key) && model.folded.count(key)) {
      flags |= kNameNoDiacritics;
    }
  }
}

// The parts are lower case with canonical tones; everything else is derived per part and
// joined (each derivation works syllable by syllable, so joining commutes with it).
void Finish(ParsedName& n, const std::string& family, const std::string& middle,
            const std::string& given) {
  n.family = Display(family);
  n.middle = Display(middle);
  n.given = Display(given);
  n.family_key = internal::FastFoldAscii(family);
  n.middle_key = internal::FastFoldAscii(middle);
  n.given_key = internal::FastFoldAscii(given);
  auto join = [](const std::string& a, const std::string& b, const std::string& c) {
    std::string out;
    for (const std::string* p : {&a, &b, &c}) {
      if (p->empty()) continue;
      if (!out.empty()) out.push_back(' ');
      out += *p;
    }
    return out;
  };
  n.name_exact = join(family, middle, given);
  n.full = join(n.family, n.middle, n.given);
  n.name_fold = join(n.family_key, n.middle_key, n.given_key);
  n.name_notone = internal::FastStripTones(n.name_exact);
  n.family_class = FamilyClass(family);
  std::string_view rest = middle;
  while (!rest.empty()) {
    std::size_t sp = rest.find(' ');
    std::string_view t = rest.substr(0, sp);
    n.middle_van |= t == "văn" || t == "van";
    n.middle_thi |= t == "thị" || t == "thi";
    if (sp == std::string_view::npos) break;
    rest = rest.substr(sp + 1);
  }
}

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

ParsedName ParseName(const NameInput& input) {
  ParsedName n;
  auto repair = [&](std::string_view s) {
    RepairedText r = RepairText(s);
    n.repair_flags |= r.flags;
    // Lower case and canonical tones once for the whole field; tokens are keys already.
    std::string lower = internal::FastLower(r.text);
    std::string canonical = CanonicalTones(lower);
    if (canonical != lower) n.flags |= kNameToneMoved;
    return canonical;
  };
  auto keys_of = [&](std::string_view s) {
    std::vector<std::string> keys;
    for (const std::string& t : Tokens(repair(s), n.flags)) keys.push_back(TokenKey(t, n.flags));
    return keys;
  };
  auto parts_keys = [&](std::string_view s) {
    std::vector<std::string> keys = keys_of(s);
    CheckSyllables(keys, n.flags);
    return keys;
  };

  if (!input.full.empty() || (input.family.empty() && input.middle.empty() && input.given.empty() &&
                              input.holot.empty())) {
    std::vector<std::string> keys = keys_of(input.full);
    if (keys.empty()) return ParsedName{};
    if (StartsChildOf(keys)) n.flags |= kNameChildOf;
    if (StartsTitle(keys)) n.flags |= kNameTitle;
    CheckSyllables(keys, n.flags);
    if (keys.size() == 1) {
      n.flags |= kNameSingleToken;
      if (IsSurname(keys[0]))
        Finish(n, keys[0], "", "");
      else
        Finish(n, "", "", keys[0]);
      return n;
    }
    std::size_t count = keys.size();
    bool ascii =
        std::all_of(keys.begin(), keys.end(), [](const std::string& k) { return IsAscii(k); });
    std::size_t flen = FamilyLength(keys, ascii);
    const std::string& first = keys[0];
    const std::string& last = keys[count - 1];
    bool first_is_family = IsSurname(first) || flen > 1;
    if (!first_is_family && MostlySurname(last) && KnownGiven(first)) {
      // Given name first. "Van An Nguyen": middle given family; "An Văn Nguyễn": given
      // middle family.
      n.flags |= kNameReordered;
      if (count >= 3 && IsMarker(first)) {
        Finish(n, last, Join(keys, 0, count - 2), keys[count - 2]);
      } else {
        Finish(n, last, Join(keys, 1, count - 1), first);
      }
      return n;
    }
    if (!first_is_family && count >= 3 && MostlySurname(keys[1]) && KnownGiven(first)) {
      // "AN NGUYEN VAN": given family middle.
      n.flags |= kNameReordered;
      Finish(n, keys[1], Join(keys, 2, count), first);
      return n;
    }
    if (!first_is_family) n.flags |= kNameUnknownFamily;
    if (flen > 1) n.flags |= kNameCompoundFamily;
    Finish(n, Join(keys, 0, flen), Join(keys, flen, count - 1), last);
    return n;
  }

  // Parts.
  std::string family, middle;
  if (!input.holot.empty()) {
    std::vector<std::string> hk = parts_keys(input.holot);
    bool ascii = std::all_of(hk.begin(), hk.end(), [](const std::string& k) { return IsAscii(k); });
    // The given name follows in its own column, so a compound needs one syllable less.
    std::vector<std::string> probe = hk;
    probe.emplace_back("x");
    std::size_t flen = hk.empty() ? 0 : std::min(hk.size(), FamilyLength(probe, ascii));
    if (flen > 1) n.flags |= kNameCompoundFamily;
    family = Join(hk, 0, flen);
    middle = Join(hk, flen, hk.size());
    if (!hk.empty() && !IsSurname(hk[0]) && flen == 1) n.flags |= kNameUnknownFamily;
  } else {
    std::vector<std::string> fk = parts_keys(input.family);
    std::vector<std::string> mk = parts_keys(input.middle);
    family = Join(fk, 0, fk.size());
    middle = Join(mk, 0, mk.size());
    if (fk.size() > 1) n.flags |= kNameCompoundFamily;
    if (!fk.empty() && fk.size() == 1 && !IsSurname(fk[0])) n.flags |= kNameUnknownFamily;
  }
  std::vector<std::string> gk = parts_keys(input.given);
  Finish(n, family, middle, Join(gk, 0, gk.size()));
  if (n.name_exact.find(' ') == std::string::npos && !n.name_exact.empty()) {
    n.flags |= kNameSingleToken;
  }
  return n;
}

std::vector<std::string_view> NameFlagNames(std::uint32_t flags) {
  static constexpr std::array<std::string_view, 11> kNames = {
      "name_reordered",     "name_compound_family", "name_telex",           "name_single_token",
      "name_no_diacritics", "name_noise",           "name_family_unknown",  "name_child_of",
      "name_tone_moved",    "name_title",           "name_invalid_syllable"};
  return internal::NamesOfSetBits(flags, kNames);
}

}  // namespace vnlink::vi
