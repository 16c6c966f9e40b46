// Parsing of free-text addresses against the gazetteer index (internal/address_index.h).

#include "normalizers/vi_address.h"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <optional>
#include <span>
#include <unordered_map>

#include "internal/address_index.h"
#include "internal/fast_fold.h"
#include "normalizers/vi_text.h"

namespace vnlink::vi {
namespace {

using internal::Folded;
using internal::NameKey;
using internal::Unit;

enum class Level : std::uint8_t {
  kNone,
  kCountry,
  kProvince,
  kCity,
  kDistrict,
  kCommune,  // administrative
  kHamlet,
  kHouse,
  kAlley,
  kStreet,
  kRoad  // below the commune
};

bool IsAdmin(Level l) { return l >= Level::kCountry && l <= Level::kCommune; }

struct Keyword {
  std::string_view words;  // folded, space-separated
  Level level;
  std::string_view display;   // expansion shown in output (hamlet, alley, road)
  bool needs_dot = false;     // only with a full stop after it ("Đ.")
  bool needs_number = false;  // only before a number ("Tổ 5", "Ngõ 12"): the word is common
};

// Longest first within a shared first word, so the first hit is the longest.
constexpr Keyword kKeywords[] = {
    {"viet nam", Level::kCountry, ""},
    {"vietnam", Level::kCountry, ""},
    {"vn", Level::kCountry, ""},
    {"thanh pho truc thuoc trung uong", Level::kProvince, ""},
    {"thanh pho", Level::kCity, ""},
    {"tinh lo", Level::kRoad, "Tỉnh lộ"},
    {"tinh", Level::kProvince, ""},
    {"tp", Level::kCity, ""},
    {"t p", Level::kCity, ""},
    {"t", Level::kProvince, "", true},
    {"city", Level::kCity, ""},
    {"quan", Level::kDistrict, ""},
    {"q", Level::kDistrict, ""},
    {"huyen", Level::kDistrict, ""},
    {"h", Level::kDistrict, ""},
    {"thi xa", Level::kDistrict, ""},
    {"tx", Level::kDistrict, ""},
    {"district", Level::kDistrict, ""},
    {"dist", Level::kDistrict, ""},
    {"phuong", Level::kCommune, ""},
    {"p", Level::kCommune, ""},
    {"f", Level::kCommune, ""},
    {"xa", Level::kCommune, ""},
    {"x", Level::kCommune, ""},
    {"thi tran", Level::kCommune, ""},
    {"tt", Level::kCommune, ""},
    {"dac khu", Level::kCommune, ""},
    {"dk", Level::kCommune, ""},
    {"ward", Level::kCommune, ""},
    {"to dan pho", Level::kHamlet, "Tổ dân phố"},
    {"tdp", Level::kHamlet, "Tổ dân phố"},
    {"to", Level::kHamlet, "Tổ", false, true},
    {"khu pho", Level::kHamlet, "Khu phố"},
    {"khu dan cu", Level::kHamlet, "Khu dân cư"},
    {"khu do thi", Level::kHamlet, "Khu đô thị"},
    {"khu cong nghiep", Level::kHamlet, "Khu công nghiệp"},
    {"khu", Level::kHamlet, "Khu"},
    {"kp", Level::kHamlet, "Khu phố"},
    {"kdc", Level::kHamlet, "Khu dân cư"},
    {"kdt", Level::kHamlet, "Khu đô thị"},
    {"kcn", Level::kHamlet, "Khu công nghiệp"},
    {"thon", Level::kHamlet, "Thôn"},
    {"xom", Level::kHamlet, "Xóm"},
    {"ap", Level::kHamlet, "Ấp"},
    {"ban", Level::kHamlet, "Bản"},
    {"lang", Level::kHamlet, "Làng"},
    {"buon", Level::kHamlet, "Buôn"},
    {"plei", Level::kHamlet, "Plei"},
    {"soc", Level::kHamlet, "Sóc"},
    {"khom", Level::kHamlet, "Khóm"},
    {"doi", Level::kHamlet, "Đội", false, true},
    {"so nha", Level::kHouse, ""},
    {"so", Level::kHouse, "", false, true},
    {"sn", Level::kHouse, "", false, true},
    {"nha so", Level::kHouse, ""},
    {"no", Level::kHouse, "", true, true},
    {"ngo", Level::kAlley, "Ngõ", false, true},
    {"ngach", Level::kAlley, "Ngách", false, true},
    {"hem", Level::kAlley, "Hẻm", false, true},
    {"kiet", Level::kAlley, "Kiệt", false, true},
    {"duong", Level::kStreet, ""},
    {"d", Level::kStreet, "", true},
    {"str", Level::kStreet, "", true},
    {"street", Level::kStreet, ""},
    {"pho", Level::kStreet, ""},
    {"quoc lo", Level::kRoad, "Quốc lộ"},
    {"ql", Level::kRoad, "Quốc lộ"},
    {"tl", Level::kRoad, "Tỉnh lộ"},
};

// Keyword words are matched as small integers: every distinct word of the keyword table
// has an id (1, 2, ...), a token gets the id of its word once (0 = no keyword word), and
// a keyword matches where the ids of its words follow each other.
constexpr std::size_t kMaxKeywordWord = 8;  // bytes: a word packs into one std::uint64_t

// Every keyword word is made of a-z only and packs into one word: a token with another
// byte is no keyword word, and a token's id can be found from its letters packed as it
// is scanned.
constexpr bool KeywordWordsPack() {
  for (const Keyword& kw : kKeywords) {
    std::string_view rest = kw.words;
    while (!rest.empty()) {
      std::size_t sp = rest.find(' ');
      std::string_view w = rest.substr(0, sp);
      if (w.size() > kMaxKeywordWord) return false;
      for (char c : w) {
        if (c < 'a' || c > 'z') return false;
      }
      rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
    }
  }
  return true;
}
static_assert(KeywordWordsPack(), "a keyword word is not kMaxKeywordWord letters a-z at most");

// Words of the keyword table, repeats counted: an upper bound on the distinct ones, which
// must fit the std::uint8_t ids (0 = none) and stay under half the id table's slots.
constexpr std::size_t KeywordWordCount() {
  std::size_t n = 0;
  for (const Keyword& kw : kKeywords)
    n += static_cast<std::size_t>(std::count(kw.words.begin(), kw.words.end(), ' ')) + 1;
  return n;
}
static_assert(KeywordWordCount() < 128, "keyword word ids overflow the id table");

// The bytes of a word of at most kMaxKeywordWord bytes, little-endian.
std::uint64_t PackWord(std::string_view w) {
  std::uint64_t x = 0;
  for (std::size_t i = 0; i < w.size(); ++i)
    x |= static_cast<std::uint64_t>(static_cast<unsigned char>(w[i])) << (8 * i);
  return x;
}

// A keyword split into words, as word ids.
struct SplitKeyword {
  const Keyword* kw = nullptr;
  std::array<std::uint8_t, 6> words{};  // word ids
  std::size_t n = 0;
  bool lang = false;  // the keyword "lang" (Làng), which has a rule of its own
};

// The keyword words with their ids, and the keywords by the id of their first word (in
// table order, so the first hit is the longest).
class KeywordTable {
 public:
  KeywordTable() {
    for (const Keyword& kw : kKeywords) {
      SplitKeyword sk;
      sk.kw = &kw;
      sk.lang = kw.words == "lang";
      std::string_view rest = kw.words;
      while (!rest.empty()) {
        std::size_t sp = rest.find(' ');
        sk.words[sk.n++] = Intern(rest.substr(0, sp));
        rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
      }
      by_first_[sk.words[0]].push_back(sk);
    }
  }

  // The id of word `w`, 0 when it is no keyword word.
  [[nodiscard]] std::uint8_t Id(std::string_view w) const {
    if (w.empty() || w.size() > kMaxKeywordWord) return 0;
    return IdOfPacked(PackWord(w), w.size());
  }
  // The same for a word of `size` (1..kMaxKeywordWord) bytes packed by PackWord.
  [[nodiscard]] std::uint8_t IdOfPacked(std::uint64_t x, std::size_t size) const {
    for (std::size_t i = SlotOf(x, size);; i = (i + 1) % kSlots) {
      const Slot& slot = slots_[i];
      if (slot.id == 0) return 0;
      if (slot.packed == x && slot.size == size) return slot.id;
    }
  }
  // The keywords whose first word has id `id` (none for 0).
  [[nodiscard]] const std::vector<SplitKeyword>& StartingWith(std::uint8_t id) const {
    return by_first_[id];
  }

 private:
  static constexpr std::size_t kSlots = 256;  // open addressing, under half full
  struct Slot {
    std::uint64_t packed = 0;
    std::uint8_t size = 0;
    std::uint8_t id = 0;  // 0 = empty
  };
  static std::size_t SlotOf(std::uint64_t packed, std::size_t size) {
    return static_cast<std::size_t>(((packed + size) * 0x9E3779B97F4A7C15ULL) >> 56);
  }
  std::uint8_t Intern(std::string_view w) {
    if (std::uint8_t id = Id(w); id != 0) return id;
    const std::uint64_t x = PackWord(w);
    std::size_t i = SlotOf(x, w.size());
    while (slots_[i].id != 0) i = (i + 1) % kSlots;
    slots_[i] = {x, static_cast<std::uint8_t>(w.size()), ++words_};
    return words_;
  }

  std::array<Slot, kSlots> slots_{};
  std::uint8_t words_ = 0;
  std::array<std::vector<SplitKeyword>, kSlots> by_first_;  // by word id
};

const KeywordTable& Keywords() {
  static const KeywordTable table;
  return table;
}

// Bytes of the folded text: inside a word, a separator between words, or a separator
// between segments.
enum class CharClass : std::uint8_t { kWord, kSoft, kHard };

CharClass ClassOf(char c) {
  static constexpr auto kTable = [] {
    std::array<CharClass, 256> t{};
    for (unsigned char s : std::string_view(" \t.:()\"#\r")) t[s] = CharClass::kSoft;
    for (unsigned char h : std::string_view(",;|\n")) t[h] = CharClass::kHard;
    return t;
  }();
  return kTable[static_cast<unsigned char>(c)];
}

struct Tok {
  std::uint32_t b = 0, e = 0;  // in the folded text
  bool dot = false;            // a '.' follows
  bool number = false;         // starts with a digit: 14/12, 12A, 5
  bool maybe_kw = false;       // a keyword starts with this word
  std::uint8_t word = 0;       // keyword word id (KeywordTable::Id), 0 for none
};

struct Seg {
  std::span<const Tok> toks;    // a run of the parse's token array (AddressScratch::toks)
  const Keyword* kw = nullptr;  // leading keyword
  std::size_t name_from = 0;    // first token after the keyword
  bool dash_before = false;     // split from the previous segment by a free-standing '-'
  Level forced = Level::kNone;  // level imposed by a column (AddressParts)
  bool street_only = false;     // from a street column: never an administrative unit
};

// MatchKeyword's answer at one token within a segment ending at token `end` (0 = none yet).
struct KeywordMemo {
  std::uint32_t end = 0;
  std::uint32_t len = 0;
  const Keyword* kw = nullptr;
};

// Segments [b, e) of the token array before they are split at unit words.
struct TokRange {
  std::uint32_t b = 0, e = 0;
  bool dash_before = false;
};

}  // namespace

namespace internal {

// The buffers of one parse. An AddressParser keeps them between calls, so a parse
// allocates nothing for them once they have grown to the longest address seen.
struct AddressScratch {
  Folded folded;
  std::vector<Tok> toks;  // every token of the address; segments are views into it
  std::vector<TokRange> ranges;
  std::vector<Seg> segs;
  // MatchKeyword per token of `toks`: the parser asks about the same token several times
  // (splitting, classifying, reading names), and the answer depends only on the tokens
  // from there to the end of the segment.
  std::vector<KeywordMemo> keyword_memo;
  std::string fold_buffer;  // a folded street name on its way to its key
  // Keys of the administrative pass (ResolveTail): a segment's name, the whole segment,
  // two segments joined.
  std::string name_key, whole_key, joined_key;
  std::vector<bool> consumed, unresolved;  // per segment, in the administrative pass
};

}  // namespace internal

namespace {

class Parser {
 public:
  Parser(const Gazetteer::Impl& g, std::string_view text, internal::AddressScratch& scratch)
      : g_(g), text_(text), f_(scratch.folded), scratch_(scratch), keywords_(Keywords()) {
    internal::FastFold(text, scratch.folded);
  }

  std::string_view Word(const Tok& t) const {
    return std::string_view(f_.text).substr(t.b, t.e - t.b);
  }
  // Sets the keyword word id of a token of `letters` letters a-z at `word` (a position of
  // the folded text).
  void SetWord(Tok& t, const char* word, std::size_t letters) const {
    t.word = 0;
    if (letters <= kMaxKeywordWord) {
      std::uint64_t packed = 0;
      if (word + kMaxKeywordWord <= f_.text.data() + f_.text.size()) {  // one load, masked
        std::memcpy(&packed, word, kMaxKeywordWord);
        if (letters < kMaxKeywordWord) packed &= (std::uint64_t{1} << (8 * letters)) - 1;
        static_assert(std::endian::native == std::endian::little, "PackWord is little-endian");
      } else {
        packed = PackWord(std::string_view(word, letters));
      }
      t.word = keywords_.IdOfPacked(packed, letters);
    }
    t.maybe_kw = !keywords_.StartingWith(t.word).empty();
  }
  // Word(t) == "so" (Số), without a call to memcmp.
  bool IsSo(const Tok& t) const {
    return t.e - t.b == 2 && f_.text[t.b] == 's' && f_.text[t.b + 1] == 'o';
  }
  // Original text covered by tokens [from, to) of a segment.
  std::string_view Original(const Seg& s, std::size_t from, std::size_t to) const {
    if (from >= to) return {};
    std::uint32_t b = f_.src[s.toks[from].b], e = f_.src[s.toks[to - 1].e];
    return text_.substr(b, e - b);
  }
  static bool IsAsciiText(std::string_view o) {
    return std::all_of(o.begin(), o.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  }
  // True when the token is written with "à" or "À" (the mark of "Làng").
  bool GraveA(const Tok& t) const {
    std::string_view o = std::string_view(text_).substr(f_.src[t.b], f_.src[t.e] - f_.src[t.b]);
    return o.find("\xC3\xA0") != std::string_view::npos ||
           o.find("\xC3\x80") != std::string_view::npos;
  }
  // NameKey of tokens [from, to) of a segment, into `out` (a scratch buffer); returns it.
  std::string& Key(const Seg& s, std::size_t from, std::size_t to, std::string& out) const {
    if (from >= to) {
      out.clear();
    } else {
      NameKey(std::string_view(f_.text).substr(s.toks[from].b, s.toks[to - 1].e - s.toks[from].b),
              out);
    }
    return out;
  }

  // Splits the folded text into segments of tokens, then segments at inner unit words.
  // The segments (in the scratch) view the scratch's token array: valid until the next
  // parse with the same scratch.
  std::vector<Seg>& Segment() const {
    std::vector<Tok>& toks = scratch_.toks;
    std::vector<TokRange>& ranges = scratch_.ranges;
    toks.clear();
    ranges.clear();
    std::uint32_t seg_begin = 0;  // first token of the segment being read
    bool dash_before = false;
    auto close_segment = [&] {
      const auto end = static_cast<std::uint32_t>(toks.size());
      ranges.push_back({seg_begin, end, dash_before});
      seg_begin = end;
      dash_before = false;
    };
    auto in_segment = [&] { return toks.size() > seg_begin; };
    const std::string& t = f_.text;
    std::size_t i = 0;
    while (i < t.size()) {
      char c = t[i];
      CharClass cls = ClassOf(c);
      if (cls == CharClass::kHard) {
        if (in_segment()) close_segment();
        ++i;
        continue;
      }
      if (cls == CharClass::kSoft) {
        if (c == '.' && in_segment() && toks.back().e == i) toks.back().dot = true;
        ++i;
        continue;
      }
      std::size_t j = i;
      // The string's terminating NUL (no letter) ends this scan at the latest.
      while (static_cast<unsigned char>(t.data()[j] - 'a') < 26) ++j;
      const std::size_t letters = j - i;  // the word's leading a-z
      while (j < t.size() && ClassOf(t[j]) == CharClass::kWord) ++j;
      std::string_view w = std::string_view(t).substr(i, j - i);
      if ((c == '-' || c == '_') &&
          w.find_first_not_of("-_") == std::string_view::npos) {  // free-standing dash
        if (in_segment()) {
          close_segment();
          dash_before = true;
        }
        i = j;
        continue;
      }
      const bool number = c >= '0' && c <= '9';
      Tok tok{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), false, number};
      // Only a word of letters alone can be a keyword word (KeywordWordsPack).
      if (letters == w.size()) SetWord(tok, t.data() + i, letters);
      // Glued unit abbreviations: P9, Q10, F5, KP3, TDP5, P05.
      std::string_view head = w.substr(0, letters);
      bool digits_follow =
          letters > 0 && letters < w.size() && w[letters] >= '0' && w[letters] <= '9';
      bool glued = digits_follow &&
                   w.find_first_not_of("0123456789", letters) == std::string_view::npos &&
                   (head == "p" || head == "q" || head == "f" || head == "kp" || head == "tdp" ||
                    head == "x" || head == "h" || head == "to");
      glued = glued || (digits_follow && (head == "ql" || head == "tl"));  // QL1A, TL10
      if (glued) {
        Tok unit{tok.b, static_cast<std::uint32_t>(i + letters), false, false};
        SetWord(unit, t.data() + i, letters);
        toks.push_back(unit);
        toks.push_back({static_cast<std::uint32_t>(i + letters), tok.e, false, true});
      } else {
        toks.push_back(tok);
      }
      i = j;
    }
    if (in_segment()) close_segment();
    scratch_.keyword_memo.assign(toks.size(), {});
    std::vector<Seg>& segs = scratch_.segs;
    segs.clear();
    for (const TokRange& r : ranges) {
      Seg s;
      s.toks = std::span<const Tok>(toks).subspan(r.b, r.e - r.b);
      s.dash_before = r.dash_before;
      SplitAtUnitWords(s, segs);
    }
    for (Seg& s : segs) Classify(s);
    return segs;
  }

  // MatchKeyword, memoized per token and segment end (the segments view scratch_.toks).
  const Keyword* MatchKeyword(const Seg& s, std::size_t k, std::size_t& len) const {
    len = 0;
    if (k >= s.toks.size() || !s.toks[k].maybe_kw) return nullptr;
    const auto at = static_cast<std::size_t>(&s.toks[k] - scratch_.toks.data());
    const auto end = static_cast<std::uint32_t>(&s.toks.back() - scratch_.toks.data() + 1);
    KeywordMemo& m = scratch_.keyword_memo[at];
    if (m.end != end) {
      std::size_t n = 0;
      m.kw = MatchKeywordUncached(s, k, n);
      m.len = static_cast<std::uint32_t>(n);
      m.end = end;
    }
    len = m.len;
    return m.kw;
  }

  // Keyword matching at token k; returns the keyword and the number of tokens it spans.
  [[gnu::noinline]] const Keyword* MatchKeywordUncached(const Seg& s, std::size_t k,
                                                        std::size_t& len) const {
    len = 0;
    for (const SplitKeyword& sk : keywords_.StartingWith(s.toks[k].word)) {
      const Keyword& kw = *sk.kw;
      std::size_t n = sk.n;
      bool ok = k + n <= s.toks.size();
      for (std::size_t w = 1; ok && w < n; ++w) ok = s.toks[k + w].word == sk.words[w];
      if (!ok) continue;
      const Tok& last = s.toks[k + n - 1];
      bool has_next = k + n < s.toks.size();
      if (kw.needs_dot && !last.dot) continue;
      // "Tổ số 5", "Ngõ số 12": the word "số" between a unit word and its number.
      bool so_number =
          has_next && IsSo(s.toks[k + n]) && k + n + 1 < s.toks.size() && s.toks[k + n + 1].number;
      if (kw.needs_number && !(has_next && (s.toks[k + n].number || so_number))) continue;
      // "Làng" folds to "lang" like "Láng" (Láng Hạ, Láng Thượng): written with another
      // mark it is no hamlet word, and written bare only before a number ("Lang 3").
      if (sk.lang && !GraveA(s.toks[k]) &&
          !(has_next && s.toks[k + n].number && IsAsciiText(Original(s, k, k + 1))))
        continue;
      // A lone letter (P, Q, H, X, F) is a unit word only before a name or number.
      if (kw.words.size() == 1 && !has_next) continue;
      if (!has_next && kw.level != Level::kCountry) continue;
      len = n;
      return &kw;
    }
    len = 0;
    return nullptr;
  }

  // "P. Ngọc Khánh Q. Ba Đình" -> two segments. Splits only before a unit word that cannot
  // be part of a name: written in full, dotted, glued to a number or a two-letter form;
  // and never right after Phố/Đường/Ngõ (street "Phố Xã Đàn"). The parts are runs of `s`.
  void SplitAtUnitWords(const Seg& s, std::vector<Seg>& out) const {
    if (s.toks.size() == 1) {  // nothing to split
      out.push_back(s);
      return;
    }
    std::size_t from = 0;  // first token of the current part
    bool dash_before = s.dash_before;
    auto add_part = [&](std::size_t to) {
      Seg part;
      part.toks = s.toks.subspan(from, to - from);
      part.dash_before = dash_before;
      out.push_back(part);
      from = to;
      dash_before = false;
    };
    std::size_t inside_until = 0;  // tokens of a multi-word keyword ("thị xã") are not split
    for (std::size_t k = 0; k < s.toks.size(); ++k) {
      if (k < inside_until || !s.toks[k].maybe_kw) continue;  // no keyword starts here
      std::size_t len = 0;
      const Keyword* kw = MatchKeyword(s, k, len);
      if (kw != nullptr) inside_until = k + len;
      if (k == 0) kw = nullptr;
      bool split = false;
      if (kw != nullptr && (IsAdmin(kw->level) || kw->level == Level::kHamlet) &&
          kw->level != Level::kCountry) {
        bool strong = kw->words.size() > 1 || s.toks[k + len - 1].dot ||
                      (k + len < s.toks.size() && s.toks[k + len].number);
        std::size_t plen = 0;
        const Keyword* prev = MatchKeyword(s, k - 1, plen);
        bool after_street =
            prev != nullptr && plen == 1 &&
            (prev->level == Level::kStreet || prev->level == Level::kAlley ||
             prev->level == Level::kRoad || IsAdmin(prev->level) || prev->level == Level::kHamlet);
        split = strong && !after_street && from < k;
        if (kw->level == Level::kHamlet && !(k + len < s.toks.size() && s.toks[k + len].number))
          split = false;
      }
      if (split) add_part(k);
    }
    add_part(s.toks.size());
  }

  void Classify(Seg& s) const {
    std::size_t len = 0;
    s.kw = MatchKeyword(s, 0, len);
    s.name_from = len;
    if (s.kw != nullptr && s.kw->level == Level::kCountry && len != s.toks.size()) {
      s.kw = nullptr;
      s.name_from = 0;
    }
  }

  Level HintOf(const Seg& s) const {
    if (s.forced != Level::kNone) return s.forced;
    return s.kw == nullptr ? Level::kNone : s.kw->level;
  }

  const Gazetteer::Impl& g_;
  std::string_view text_;
  const Folded& f_;
  internal::AddressScratch& scratch_;
  const KeywordTable& keywords_;  // Keywords()
};

// Result of looking a key up in a scope: index, or ambiguous, or nothing.
struct Hit {
  std::int32_t index = -1;
  bool ambiguous = false;
  bool typo = false;
};

Hit FromList(const std::vector<std::uint32_t>* v) {
  Hit h;
  if (v == nullptr || v->empty()) return h;
  if (v->size() == 1) {
    h.index = static_cast<std::int32_t>((*v)[0]);
  } else {
    h.ambiguous = true;
  }
  return h;
}

const std::vector<std::uint32_t>* Find(const internal::Index& index, const std::string& key) {
  auto it = index.find(key);
  return it == index.end() ? nullptr : &it->second;
}

std::size_t Letters(std::string_view key) {
  return static_cast<std::size_t>(
      std::count_if(key.begin(), key.end(), [](char c) { return c != ' '; }));
}

// Unique unit within `children` at edit distance 1 (names of 6 letters or more only).
Hit Fuzzy(std::string_view key, const std::vector<std::uint32_t>& children,
          const std::vector<Unit>& units) {
  Hit h;
  if (Letters(key) < 6) return h;
  for (std::uint32_t c : children) {
    if (Letters(units[c].key) < 6 || !internal::WithinOneEdit(key, units[c].key)) continue;
    if (h.index >= 0 && h.index != static_cast<std::int32_t>(c)) return Hit{-1, true, false};
    h.index = static_cast<std::int32_t>(c);
    h.typo = true;
  }
  return h;
}

// Merges two hits over disjoint scopes: one unique hit wins, two are ambiguous.
Hit Merge(Hit a, Hit b) {
  if (a.index >= 0 && b.index >= 0 && a.index != b.index) return Hit{-1, true, false};
  if (a.index >= 0) return a;
  if (b.index >= 0) return b;
  return Hit{-1, a.ambiguous || b.ambiguous, false};
}

void AddFlag(std::vector<std::string_view>& flags, std::string_view f) {
  if (std::find(flags.begin(), flags.end(), f) == flags.end()) flags.push_back(f);
}

void AddFlag(AddressResult& r, std::string_view f) { AddFlag(r.flags, f); }

void AppendRest(AddressResult& r, std::string_view text) {
  std::size_t b = text.find_first_not_of(" \t-");
  if (b == std::string_view::npos) return;
  std::size_t e = text.find_last_not_of(" \t-");
  if (!r.rest.empty()) r.rest += ", ";
  // White space runs become one space: the canonical TSV must never carry a tab or newline.
  bool space = false;
  for (char c : text.substr(b, e - b + 1)) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = true;
      continue;
    }
    if (space) r.rest.push_back(' ');
    space = false;
    r.rest.push_back(c);
  }
}

// Display form of written text: collapsed spaces; ALL CAPS and all-lower become proper case.
// Appended to `out`, written into a pre-sized buffer (never longer than `s`).
void AppendDisplay(std::string_view s, std::string& out) {
  const std::size_t base = out.size();
  out.resize(base + s.size());
  char* o = out.data() + base;
  std::size_t n = 0;
  // White space, capitals and small letters by a table look-up per byte.
  enum : std::uint8_t { kOther = 0, kSpace = 1, kUpper = 2, kLowerCase = 4 };
  static constexpr auto kClass = [] {
    std::array<std::uint8_t, 256> t{};
    t[' '] = t['\t'] = t['\r'] = t['\n'] = kSpace;
    for (int c = 'A'; c <= 'Z'; ++c) t[c] = kUpper;
    for (int c = 'a'; c <= 'z'; ++c) t[c] = kLowerCase;
    return t;
  }();
  bool space = false;
  std::uint8_t seen = 0;
  int upper = 0;
  for (char c : s) {
    const std::uint8_t k = kClass[static_cast<unsigned char>(c)];
    if (k == kSpace) {
      space = n != 0;
      continue;
    }
    if (space) {
      o[n++] = ' ';
      space = false;
    }
    o[n++] = c;
    upper += k == kUpper ? 1 : 0;
    seen |= k;
  }
  const bool lower = (seen & kLowerCase) != 0;
  out.resize(base + n);
  // ALL CAPS (two capitals or more, no small letter) or all small: proper case.
  if ((upper >= 2 && !lower) || (upper == 0 && lower)) {
    std::string proper = ProperCase(std::string_view(out).substr(base));
    out.replace(base, std::string::npos, proper);
  }
}

// A number written in a unit name or hamlet loses its leading zeros ("05" -> "5").
std::string StripZeros(std::string_view s) {
  if (s.size() > 1 && s[0] == '0' &&
      std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    std::size_t nz = s.find_first_not_of('0');
    return nz == std::string_view::npos ? "0" : std::string(s.substr(nz));
  }
  return std::string(s);
}

// The units an address resolved to (indices into the gazetteer's vectors, -1 = none).
struct Units {
  std::int32_t old_p = -1, new_p = -1, district = -1, old_w = -1, new_w = -1;
  AddressMap map = AddressMap::kUnknown;
  [[nodiscard]] bool Any() const {
    return old_p >= 0 || new_p >= 0 || district >= 0 || old_w >= 0 || new_w >= 0;
  }
};

// Writes the codes and names of `u` into the result.
void WriteUnits(const Gazetteer::Impl& g, const Units& u, AddressResult& r) {
  r.map = u.map;
  // Unit `i` of `units` (none when negative) into one code and name pair.
  auto put = [](const std::vector<internal::Unit>& units, std::int32_t i, std::string& code,
                std::string& name) {
    if (i < 0) return;
    code = units[static_cast<std::size_t>(i)].code;
    name = units[static_cast<std::size_t>(i)].full_name;
  };
  put(g.old_wards, u.old_w, r.commune_code, r.commune_name);
  put(g.old_districts, u.district, r.district_code, r.district_name);
  put(g.old_provinces, u.old_p, r.province_code, r.province_name);
  put(g.new_wards, u.new_w, r.commune_code_2025, r.commune_name_2025);
  put(g.new_provinces, u.new_p, r.province_code_2025, r.province_name_2025);
}

// Old provinces in scope: one, or those merged into one 2025 province; never more than
// the 63 old provinces.
class Scope {
 public:
  void push_back(std::uint32_t p) { v_[n_++] = p; }
  [[nodiscard]] bool empty() const { return n_ == 0; }
  [[nodiscard]] const std::uint32_t* begin() const { return v_.data(); }
  [[nodiscard]] const std::uint32_t* end() const { return v_.data() + n_; }

 private:
  std::array<std::uint32_t, 64> v_{};  // [0, n_) in use
  std::size_t n_ = 0;
};

class Resolver {
 public:
  // Flags raised while resolving go to `flags`.
  Resolver(const Gazetteer::Impl& g, const Parser& p, std::vector<std::string_view>& flags)
      : g_(g), p_(p), r_(flags) {}

  // Province by name or alias; returns false when the key names no province.
  bool Province(const std::string& key) {
    if (key.empty()) return false;
    auto alias = g_.province_alias.find(key);
    if (alias != g_.province_alias.end()) {
      if (alias->second.second == -2) {
        AddFlag(r_, kAddressAmbiguous);
        return false;
      }
      old_p_ = alias->second.first;
      new_p_ = alias->second.second;
      return true;
    }
    Hit o = FromList(Find(g_.old_province_by_key, key));
    Hit n = FromList(Find(g_.new_province_by_key, key));
    if (o.index < 0 && n.index < 0) {
      // A typo only when the name is no unit at all ("Bắc Bình" is a district, not "Bắc Ninh").
      if (Find(g_.old_district_by_key, key) != nullptr ||
          Find(g_.old_ward_by_key, key) != nullptr || Find(g_.new_ward_by_key, key) != nullptr) {
        return false;
      }
      std::vector<std::uint32_t> all_old(g_.old_provinces.size()), all_new(g_.new_provinces.size());
      for (std::uint32_t i = 0; i < all_old.size(); ++i) all_old[i] = i;
      for (std::uint32_t i = 0; i < all_new.size(); ++i) all_new[i] = i;
      o = Fuzzy(key, all_old, g_.old_provinces);
      n = Fuzzy(key, all_new, g_.new_provinces);
      if (o.index >= 0 && n.index >= 0 &&
          g_.old_provinces[o.index].key != g_.new_provinces[n.index].key)
        return false;
      if (o.index < 0 && n.index < 0) return false;
      AddFlag(r_, kAddressTypo);
    }
    old_p_ = o.index;
    new_p_ = n.index;
    if (old_p_ >= 0 && new_p_ < 0)
      new_p_ = static_cast<std::int32_t>(g_.old_province_to_new[old_p_]);
    return true;
  }

  // Old provinces in scope for a district or old commune look-up.
  Scope OldProvinceScope() const {
    Scope v;
    if (old_p_ >= 0) {
      v.push_back(static_cast<std::uint32_t>(old_p_));
    } else if (new_p_ >= 0) {
      for (std::uint32_t i = 0; i < g_.old_provinces.size(); ++i) {
        if (g_.old_province_to_new[i] == static_cast<std::uint32_t>(new_p_)) v.push_back(i);
      }
    }
    return v;
  }

  // "<parent code>|<key>", the key of the scoped indexes, in a buffer reused from look-up
  // to look-up (valid until the next call).
  const std::string& Scoped(std::string_view parent_code, std::string_view key) {
    scoped_.assign(parent_code);
    scoped_.push_back('|');
    scoped_.append(key);
    return scoped_;
  }

  // True when `key` is exactly a commune name in the given old provinces or the new one.
  bool NamesCommuneInScope(const std::string& key, const Scope& scope) {
    for (std::uint32_t p : scope) {
      if (Find(g_.old_ward_in_province, Scoped(g_.old_provinces[p].code, key)) != nullptr)
        return true;
    }
    return new_p_ >= 0 &&
           Find(g_.new_ward_in_province, Scoped(g_.new_provinces[new_p_].code, key)) != nullptr;
  }

  // District by name. `type` is the unit type written before it ("Huyện", "Thị xã" ...;
  // empty if none). Two districts of one name in scope (Tiền Giang's Thị xã and Huyện Cai
  // Lậy) are kept as candidates for the commune to decide (see Commune and Finish).
  bool District(const std::string& key, std::string_view type = {}) {
    if (key.empty()) return false;
    Hit h;
    std::vector<std::uint32_t> candidates;
    auto collect = [&](const std::vector<std::uint32_t>* v) {
      if (v != nullptr) candidates.insert(candidates.end(), v->begin(), v->end());
      return v;
    };
    Scope scope = OldProvinceScope();
    if (scope.empty()) {
      h = FromList(collect(Find(g_.old_district_by_key, key)));
    } else {
      for (std::uint32_t p : scope) {
        h = Merge(h, FromList(collect(Find(g_.old_district_in_province,
                                           Scoped(g_.old_provinces[p].code, key)))));
      }
      if (h.index < 0 && !h.ambiguous && !NamesCommuneInScope(key, scope)) {
        for (std::uint32_t p : scope)
          h = Merge(h, Fuzzy(key, g_.districts_of_old_province[p], g_.old_districts));
      }
    }
    if (h.ambiguous && candidates.size() > 1) {
      std::uint32_t province = g_.old_districts[candidates[0]].province;
      bool one_province = std::all_of(candidates.begin(), candidates.end(), [&](std::uint32_t d) {
        return g_.old_districts[d].province == province;
      });
      if (one_province) {
        pending_districts_ = std::move(candidates);
        pending_type_ = type;
        old_p_ = static_cast<std::int32_t>(province);
        new_p_ = static_cast<std::int32_t>(g_.old_province_to_new[old_p_]);
        return true;
      }
    }
    if (h.ambiguous) AddFlag(r_, kAddressAmbiguous);
    if (h.index < 0 && !h.ambiguous && ProvinceAgain(key)) return true;
    if (h.index < 0) return false;
    if (h.typo) AddFlag(r_, kAddressTypo);
    district_ = h.index;
    old_p_ = static_cast<std::int32_t>(g_.old_districts[h.index].province);
    new_p_ = static_cast<std::int32_t>(g_.old_province_to_new[old_p_]);
    return true;
  }

  // A district-level segment that names the province already read, or the only province
  // ("TP. Huế, Thừa Thiên Huế": Huế is a province-level city since 2025 and the pre-2025
  // district-level city of that name is gone from the map). Consumed without a district.
  bool ProvinceAgain(const std::string& key) {
    auto alias = g_.province_alias.find(key);
    std::int32_t o = -1, n = -1;
    if (alias != g_.province_alias.end()) {
      if (alias->second.second == -2) return false;
      o = alias->second.first;
      n = alias->second.second;
    } else {
      Hit oh = FromList(Find(g_.old_province_by_key, key));
      Hit nh = FromList(Find(g_.new_province_by_key, key));
      o = oh.index;
      n = nh.index;
    }
    if (o < 0 && n < 0) return false;
    if (old_p_ < 0 && new_p_ < 0) {
      old_p_ = o;
      new_p_ = n >= 0 ? n : static_cast<std::int32_t>(g_.old_province_to_new[o]);
      return true;
    }
    return (o >= 0 && o == old_p_) || (o < 0 && n == new_p_);
  }

  // Settles the pending districts of one name: the one whose commune `key` is (when
  // `key` is non-empty and exactly one has it), else the one of the written type, else none
  // (address_ambiguous). Returns whether one was chosen.
  bool SettleDistrict(const std::string& key) {
    if (pending_districts_.empty()) return false;
    std::vector<std::uint32_t> candidates;
    candidates.swap(pending_districts_);
    if (!key.empty()) {
      std::int32_t found = -1;
      int count = 0;
      for (std::uint32_t d : candidates) {
        if (Find(g_.old_ward_in_district, Scoped(g_.old_districts[d].code, key)) != nullptr) {
          found = static_cast<std::int32_t>(d);
          ++count;
        }
      }
      if (count == 1) {
        district_ = found;
        return true;
      }
    }
    std::int32_t typed = -1;
    int count = 0;
    for (std::uint32_t d : candidates) {
      if (!pending_type_.empty() && g_.old_districts[d].type == pending_type_) {
        typed = static_cast<std::int32_t>(d);
        ++count;
      }
    }
    if (count == 1) {
      district_ = typed;
      return true;
    }
    AddFlag(r_, kAddressAmbiguous);
    unsettled_ = true;
    return false;
  }

  bool Pending() const { return !pending_districts_.empty(); }
  // True when a district name stayed ambiguous (its text belongs in rest).
  bool Unsettled() const { return unsettled_; }

  // Commune on either map; `fuzzy` allows edit distance 1 within the known scope.
  bool Commune(const std::string& key, bool fuzzy) {
    if (key.empty()) return false;
    SettleDistrict(key);
    Hit old_hit, new_hit;
    if (district_ >= 0) {
      const Unit& d = g_.old_districts[district_];
      old_hit = FromList(Find(g_.old_ward_in_district, Scoped(d.code, key)));
      if (old_hit.index < 0 && !old_hit.ambiguous && fuzzy) {
        old_hit = Fuzzy(key, g_.wards_of_old_district[district_], g_.old_wards);
      }
      if (old_hit.index >= 0) return SetOldWard(old_hit);
    }
    Scope scope = district_ >= 0 ? Scope{} : OldProvinceScope();
    bool known = old_p_ >= 0 || new_p_ >= 0;
    if (district_ < 0) {
      if (!known) {
        old_hit = FromList(Find(g_.old_ward_by_key, key));
      } else {
        for (std::uint32_t p : scope) {
          old_hit =
              Merge(old_hit,
                    FromList(Find(g_.old_ward_in_province, Scoped(g_.old_provinces[p].code, key))));
        }
      }
    }
    if (new_p_ >= 0) {
      new_hit = FromList(Find(g_.new_ward_in_province, Scoped(g_.new_provinces[new_p_].code, key)));
    } else if (!known) {
      new_hit = FromList(Find(g_.new_ward_by_key, key));
    }
    if (fuzzy && known && old_hit.index < 0 && new_hit.index < 0 && !old_hit.ambiguous &&
        !new_hit.ambiguous) {
      for (std::uint32_t p : scope)
        old_hit = Merge(old_hit, Fuzzy(key, g_.wards_of_old_province[p], g_.old_wards));
      if (new_p_ >= 0) new_hit = Fuzzy(key, g_.wards_of_new_province[new_p_], g_.new_wards);
    }
    if (new_hit.index >= 0) {
      // Without a district a commune on the 2025 map is read on that map. When an old
      // commune of the same name also fits and did not go whole into this one, the two
      // readings give different 2025 codes: say so.
      if (old_hit.index >= 0) {
        const internal::OldWardLink& link = g_.old_ward_links[old_hit.index];
        if (link.state != internal::CrosswalkState::kFull || link.new_ward != new_hit.index) {
          AddFlag(r_, kAddressMapAssumed);
        }
      }
      return SetNewWard(new_hit);
    }
    if (old_hit.index >= 0) return SetOldWard(old_hit);
    if (old_hit.ambiguous || new_hit.ambiguous) AddFlag(r_, kAddressAmbiguous);
    return false;
  }

  bool SetOldWard(Hit h) {
    if (h.typo) AddFlag(r_, kAddressTypo);
    old_w_ = h.index;
    district_ = static_cast<std::int32_t>(g_.old_wards[h.index].parent);
    old_p_ = static_cast<std::int32_t>(g_.old_wards[h.index].province);
    new_p_ = static_cast<std::int32_t>(g_.old_province_to_new[old_p_]);
    return true;
  }

  bool SetNewWard(Hit h) {
    if (h.typo) AddFlag(r_, kAddressTypo);
    new_w_ = h.index;
    new_p_ = static_cast<std::int32_t>(g_.new_wards[h.index].province);
    return true;
  }

  // Settles the units (pending district, 2025 map, crosswalk) and returns them; the
  // flags it raises go into the result like the others.
  Units Finish() {
    SettleDistrict({});
    Units u;
    if (new_w_ >= 0) {
      u.map = AddressMap::k2025;
      const internal::NewWardOrigin& o = g_.new_ward_origins[new_w_];
      if (o.old_ward >= 0) old_w_ = o.old_ward;
      if (district_ < 0 && o.old_district >= 0) district_ = o.old_district;
      if (o.old_province >= 0) {
        old_p_ = o.old_province;
      } else if (old_p_ >= 0 &&
                 g_.old_province_to_new[old_p_] != static_cast<std::uint32_t>(new_p_)) {
        old_p_ = -1;
      }
    } else if (old_w_ >= 0 || district_ >= 0) {
      u.map = AddressMap::kPre2025;
    }
    if (old_w_ >= 0 && new_w_ < 0) {
      const internal::OldWardLink& link = g_.old_ward_links[old_w_];
      switch (link.state) {
        case internal::CrosswalkState::kFull:
          new_w_ = link.new_ward;
          break;
        case internal::CrosswalkState::kPartial:
          AddFlag(r_, kCrosswalkPartial);
          break;
        case internal::CrosswalkState::kConflict:
          AddFlag(r_, kCrosswalkConflict);
          break;
        case internal::CrosswalkState::kMissing:
          AddFlag(r_, kCrosswalkMissing);
          break;
      }
    }
    if (new_w_ >= 0) new_p_ = static_cast<std::int32_t>(g_.new_wards[new_w_].province);
    u.old_w = old_w_;
    u.district = district_;
    u.old_p = old_p_;
    u.new_w = new_w_;
    u.new_p = new_p_;
    return u;
  }

 private:
  const Gazetteer::Impl& g_;
  [[maybe_unused]] const Parser& p_;
  std::vector<std::string_view>& r_;  // flags
  std::int32_t old_p_ = -1, new_p_ = -1, district_ = -1, old_w_ = -1, new_w_ = -1;
  std::vector<std::uint32_t> pending_districts_;  // one name, several districts
  std::string_view pending_type_;                 // the unit type written before it
  bool unsettled_ = false;
  std::string scoped_;  // Scoped()'s buffer
};

// House number, alley, street and hamlet from a segment left of the units.
void ParseStreetLevel(const Parser& p, const Seg& s, AddressResult& r) {
  std::size_t k = 0;
  const std::size_t n = s.toks.size();
  std::size_t rest_from = n;  // first token of unparsed text
  auto flush_rest = [&](std::size_t to) {
    if (rest_from < to) AppendRest(r, p.Original(s, rest_from, to));
    rest_from = n;
  };
  auto number_at = [&](std::size_t i) { return i < n && s.toks[i].number; };
  // Reads a house number at i ("14/12", "12A", "150 Bis"); returns the next index.
  auto house = [&](std::size_t i) {
    std::size_t j = i + 1;
    if (j < n && (p.Word(s.toks[j]) == "bis" || p.Word(s.toks[j]) == "ter")) ++j;
    std::string h = std::string(p.Original(s, i, j));
    for (char& c : h) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    }
    if (j == i + 2)
      h = h.substr(0, h.find(' ')) + (p.Word(s.toks[i + 1]) == "bis" ? " Bis" : " Ter");
    if (r.house_number.empty()) {
      r.house_number = std::move(h);
    } else {
      AppendRest(r, p.Original(s, i, j));
    }
    return j;
  };
  // Tokens of a name run from i up to the next keyword (or the end).
  auto name_end = [&](std::size_t i) {
    std::size_t j = i;
    while (j < n) {
      std::size_t len = 0;
      const Keyword* kw = j > i ? p.MatchKeyword(s, j, len) : nullptr;
      if (kw != nullptr && kw->level != Level::kStreet && kw->level != Level::kCountry &&
          (kw->needs_number || kw->level == Level::kAlley || kw->level == Level::kHouse ||
           (j + len < n && s.toks[j + len].number) || kw->words.size() > 3)) {
        break;
      }
      ++j;
    }
    return j;
  };
  auto set_street = [&](std::size_t from, std::size_t to, std::string_view prefix) {
    if (from >= to) return;
    if (!r.street.empty()) {
      AppendRest(r, p.Original(s, from, to));
      return;
    }
    if (!prefix.empty()) {
      r.street.append(prefix);
      r.street.push_back(' ');
    }
    AppendDisplay(p.Original(s, from, to), r.street);
    std::string& folded = p.scratch_.fold_buffer;
    internal::FastFoldText(r.street, folded);
    internal::NameKey(folded, r.street_key);
  };
  while (k < n) {
    std::size_t len = 0;
    const Keyword* kw = p.MatchKeyword(s, k, len);
    if (kw == nullptr) {
      if (k == 0 && number_at(0)) {
        k = house(0);
        std::size_t e = name_end(k);
        std::size_t skip = 0;
        const Keyword* sk = p.MatchKeyword(s, k, skip);
        if (sk != nullptr && sk->level == Level::kStreet) k += skip;  // "5 Phố Huế"
        // "45/7 Hẻm 45 Lê Văn Sỹ", "12 Tổ 5": the alley or hamlet word is read in turn.
        if (sk != nullptr && (sk->level == Level::kAlley || sk->level == Level::kHamlet)) continue;
        set_street(k, e, "");
        k = std::max(k, e);
        continue;
      }
      if (rest_from == n) rest_from = k;
      ++k;
      continue;
    }
    flush_rest(k);
    std::size_t i = k + len;
    if (i + 1 < n && p.Word(s.toks[i]) == "so" && s.toks[i + 1].number &&
        (kw->level == Level::kAlley || kw->level == Level::kHamlet)) {
      ++i;  // "Tổ dân phố số 3", "Ngõ số 12"
    }
    switch (kw->level) {
      case Level::kHouse:
        k = number_at(i) ? house(i) : i;
        if (k < n && !p.MatchKeyword(s, k, len)) {
          std::size_t e = name_end(k);
          set_street(k, e, "");
          k = e;
        }
        break;
      case Level::kAlley: {
        std::string a = std::string(kw->display) + " " + StripZeros(p.Original(s, i, i + 1));
        if (r.alley.empty()) {
          r.alley = std::move(a);
        } else {
          r.alley.push_back(' ');
          r.alley.append(a);
        }
        k = i + 1;
        // "Ngõ 56 Lê Lợi", "Hẻm 5/12 Nguyễn Trãi": the name after the alley is its street.
        std::size_t next_len = 0;
        if (r.street.empty() && k < n && !number_at(k) &&
            p.MatchKeyword(s, k, next_len) == nullptr) {
          std::size_t e = name_end(k);
          set_street(k, e, "");
          k = e;
        }
        break;
      }
      case Level::kHamlet: {
        std::size_t e = kw->needs_number || number_at(i) ? i + 1 : name_end(i);
        std::string h = std::string(kw->display);
        if (e > i) {
          h.push_back(' ');
          if (e == i + 1) {
            h.append(StripZeros(p.Original(s, i, e)));
          } else {
            AppendDisplay(p.Original(s, i, e), h);
          }
        }
        if (r.hamlet.empty()) {
          r.hamlet = std::move(h);
        } else {
          AppendRest(r, p.Original(s, k, e));
        }
        k = e;
        break;
      }
      case Level::kStreet:
      case Level::kRoad: {
        std::size_t e = name_end(i);
        set_street(i, e, kw->level == Level::kRoad ? kw->display : "");
        k = std::max(e, i);
        break;
      }
      default:  // a unit word left of the resolved units: keep as text
        if (rest_from == n) rest_from = k;
        k = i;
        break;
    }
  }
  flush_rest(n);
}

// The unit types a district-level keyword can name, as in the gazetteer's type column.
constexpr std::string_view kUnitTypes[] = {"", "Huyện", "Quận", "Thị xã", "Thành phố"};

// Index into kUnitTypes of the unit type named by the keyword of `words`.
constexpr std::uint8_t UnitTypeIdOf(std::string_view w) {
  if (w == "huyen" || w == "h") return 1;
  if (w == "quan" || w == "q") return 2;
  if (w == "thi xa" || w == "tx") return 3;
  if (w == "thanh pho" || w == "tp" || w == "t p") return 4;
  return 0;
}

constexpr auto kUnitTypeIds = [] {
  std::array<std::uint8_t, std::size(kKeywords)> ids{};
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = UnitTypeIdOf(kKeywords[i].words);
  return ids;
}();

std::uint8_t UnitTypeId(const Keyword* kw) {
  return kw == nullptr ? 0 : kUnitTypeIds[static_cast<std::size_t>(kw - kKeywords)];
}

// The unit type a district-level keyword names ("" for none).
std::string_view UnitType(const Keyword* kw) { return kUnitTypes[UnitTypeId(kw)]; }

// True when a segment is street level by its shape alone: from a street column, or
// starting with a house number ("43 Nguyễn Chí Thanh"). So is everything left of it.
bool StartsStreetLevel(const Seg& s) {
  return s.street_only ||
         (s.kw == nullptr && s.forced == Level::kNone && s.toks[0].number && s.toks.size() > 1);
}

enum class SegState : std::uint8_t { kStreet, kConsumed, kUnresolved };

}  // namespace

namespace internal {

// What the administrative pass (units read from the right) decided. It is a function of
// the rightmost `examined` segments and of `left`, what the pass needed to know of the
// text left of them: '*' nothing, 'B' that the next segment is StartsStreetLevel, 'S'
// that there is none. TailCache memoizes it on exactly those.
struct TailOutcome {
  Units units;
  std::vector<std::string_view> flags;  // raised while resolving, in order
  std::uint32_t examined = 0;
  std::uint32_t units_from_end = 0;  // segments [n - units_from_end, n) are not street level
  std::vector<SegState> state;       // state[j]: segment n - 1 - j, j < units_from_end
  char left = '*';
};

// Bounded memo of TailOutcome per administrative tail: a set-associative table of
// `capacity` entries (4 per set, the hashes of a set on one cache line), allocated on
// first use. A full set loses the entry its hash points at, so memory stays flat.
class TailCache {
 public:
  explicit TailCache(std::size_t capacity) {
    while (sets_ * kWays < capacity) sets_ *= 2;
  }

  // The outcome memoized for the tail of `segs`, or null. Any hit is exact: its key holds
  // everything the pass examined.
  const TailOutcome* Find(const Parser& p, const std::vector<Seg>& segs);
  // Memoizes `t`, computed for the segments of the last Find; returns the stored copy
  // (valid until the next Insert).
  const TailOutcome* Insert(TailOutcome&& t);

 private:
  static constexpr std::size_t kWays = 4;
  struct Entry {
    std::string key;  // the segments' key; value.left completes it
    TailOutcome value;
  };
  // Appends the key bytes of one segment: everything the pass reads of it.
  void AppendSegment(const Parser& p, const Seg& s);
  // The entry for `key` (of hash `key_hash`) completed by `left`.
  const TailOutcome* Lookup(std::string_view key, std::uint64_t key_hash, char left) const;

  std::size_t sets_ = 1;
  std::vector<std::uint64_t> hashes_;  // 0 = empty (a zero hash is stored as 1)
  std::vector<Entry> entries_;
  std::string keys_;               // the segments' keys, right to left
  std::vector<std::size_t> ends_;  // ends_[k]: end of the key of the k rightmost segments
};

std::uint64_t KeyHash(std::string_view key) { return XXH3_64bits(key.data(), key.size()); }

// The table hash of a key completed by `left`: one XXH3 per key serves its three probes.
std::uint64_t TailHash(std::uint64_t key_hash, char left) {
  std::uint64_t h = key_hash + static_cast<std::uint64_t>(static_cast<unsigned char>(left)) *
                                   0x9E3779B97F4A7C15ULL;
  h ^= h >> 29;
  return h == 0 ? 1 : h;
}

void TailCache::AppendSegment(const Parser& p, const Seg& s) {
  // The pass reads a segment only through StartsStreetLevel, its level hint, the unit
  // type written, the dash before it, the key of its name and, when a word was read as a
  // keyword, the key of the whole segment (see ResolveTail). Keys are functions of the
  // folded text, so the folded text stands for them: "Xã Hòa Long", "X. Hoà Long" and
  // "xa hoa long" share it. StartsStreetLevel follows from the hint and the text, but for
  // a street column (street_only), which must then be in the key.
  const Level hint = p.HintOf(s);
  const std::uint8_t type_id = UnitTypeId(s.kw);
  const bool whole = s.name_from > 0 && !IsAdmin(hint);
  const std::size_t from = whole ? 0 : s.name_from;
  std::string_view text;  // folded text of the name (or whole segment), from its first token
  std::size_t name_offset = 0;
  if (from < s.toks.size()) {
    text = std::string_view(p.f_.text).substr(s.toks[from].b, s.toks.back().e - s.toks[from].b);
    if (s.name_from < s.toks.size()) name_offset = s.toks[s.name_from].b - s.toks[from].b;
  }
  std::array<char, 10> head{};
  auto put32 = [&](std::size_t at, std::size_t v) {
    for (std::size_t b = 0; b < 4; ++b) head[at + b] = static_cast<char>((v >> (8 * b)) & 0xFF);
  };
  static_assert(static_cast<int>(Level::kRoad) < 0x20);
  head[0] = static_cast<char>(static_cast<int>(hint) | (s.street_only ? 0x20 : 0) |
                              (s.dash_before ? 0x40 : 0) | (whole ? 0x80 : 0));
  head[1] = static_cast<char>(type_id);
  put32(2, text.size());
  keys_.append(head.data(), 6);
  keys_.append(text);
  if (whole) {
    put32(6, s.name_from < s.toks.size() ? name_offset : text.size());
    keys_.append(head.data() + 6, 4);
  }
}

const TailOutcome* TailCache::Lookup(std::string_view key, std::uint64_t key_hash,
                                     char left) const {
  if (hashes_.empty()) return nullptr;
  const std::uint64_t h = TailHash(key_hash, left);
  const std::size_t base = (h & (sets_ - 1)) * kWays;
  for (std::size_t w = base; w < base + kWays; ++w) {
    if (hashes_[w] == h && entries_[w].value.left == left && entries_[w].key == key)
      return &entries_[w].value;
  }
  return nullptr;
}

const TailOutcome* TailCache::Find(const Parser& p, const std::vector<Seg>& segs) {
  keys_.clear();
  ends_.assign(1, 0);
  const std::size_t n = segs.size();
  // Keys of the k rightmost segments, built as far as needed.
  auto keys_for = [&](std::size_t k) {
    while (ends_.size() <= k) {
      AppendSegment(p, segs[n - ends_.size()]);
      ends_.push_back(keys_.size());
    }
    return std::string_view(keys_).substr(0, ends_[k]);
  };
  auto probe = [&](std::size_t k) -> const TailOutcome* {
    const std::string_view key = keys_for(k);
    const std::uint64_t key_hash = KeyHash(key);
    for (char left : {'*', 'B', 'S'}) {
      if (left == 'B' && (k == n || !StartsStreetLevel(segs[n - 1 - k]))) continue;
      if (left == 'S' && k != n) continue;
      const TailOutcome* hit = Lookup(key, key_hash, left);
      if (hit != nullptr && hit->examined == k) return hit;
    }
    return nullptr;
  };
  // Every probe that hits is exact; they are ordered only to find the usual one first:
  // the units written from the right up to the commune.
  std::size_t guess = 0;
  for (std::size_t k = n; k-- > 0;) {
    Level h = p.HintOf(segs[k]);
    if (StartsStreetLevel(segs[k]) || !(IsAdmin(h) || h == Level::kNone)) break;
    ++guess;
    if (h == Level::kCommune) break;
  }
  if (const TailOutcome* hit = probe(guess)) return hit;
  for (std::size_t k = 0; k <= n; ++k) {
    if (k == guess) continue;
    if (const TailOutcome* hit = probe(k)) return hit;
  }
  return nullptr;
}

const TailOutcome* TailCache::Insert(TailOutcome&& t) {
  if (t.examined >= ends_.size()) return nullptr;  // not probed: cannot happen after a Find
  if (hashes_.empty()) {
    hashes_.assign(sets_ * kWays, 0);
    entries_.resize(sets_ * kWays);
  }
  const std::string_view key = std::string_view(keys_).substr(0, ends_[t.examined]);
  const std::uint64_t h = TailHash(KeyHash(key), t.left);
  const std::size_t base = (h & (sets_ - 1)) * kWays;
  std::size_t slot = base + ((h >> 32) % kWays);  // the victim when the set is full
  for (std::size_t w = base; w < base + kWays; ++w) {
    if (hashes_[w] == 0) {
      slot = w;
      break;
    }
  }
  hashes_[slot] = h;
  entries_[slot].key.assign(key);
  entries_[slot].value = std::move(t);
  return &entries_[slot].value;
}

}  // namespace internal

namespace {

using internal::TailOutcome;

// The administrative pass: units right to left (province, district, commune), until a
// segment that is street level.
TailOutcome ResolveTail(const Gazetteer::Impl& g, const Parser& p, const std::vector<Seg>& segs) {
  TailOutcome out;
  Resolver res(g, p, out.flags);
  const std::size_t n = segs.size();
  std::vector<bool>& consumed = p.scratch_.consumed;
  std::vector<bool>& unresolved = p.scratch_.unresolved;
  consumed.assign(n, false);
  unresolved.assign(n, false);
  int stage = 0;                // 0 = province next, 1 = district next, 2 = commune next, 3 = done
  std::size_t pending_seg = n;  // a district name shared by two districts
  std::size_t i = n;
  std::size_t lo = n;  // leftmost segment examined
  bool broke = false;  // left the loop at a street-level segment
  while (i > 0 && stage < 3) {
    --i;
    const Seg& s = segs[i];
    if (StartsStreetLevel(s)) {
      out.left = 'B';
      ++i;
      broke = true;
      break;
    }
    lo = i;
    Level hint = p.HintOf(s);
    const std::string& name = p.Key(s, s.name_from, s.toks.size(), p.scratch_.name_key);
    if (hint == Level::kCountry) {
      consumed[i] = true;
      continue;
    }
    bool admin_hint = IsAdmin(hint);
    bool done = false;
    if (stage == 0 && (hint == Level::kProvince || hint == Level::kCity || hint == Level::kNone)) {
      done = res.Province(name);
      if (!done && s.dash_before && hint == Level::kNone) {  // "Bà Rịa - Vũng Tàu"
        if (i == 0) {
          out.left = 'S';  // the join needs a segment on the left
        } else {
          lo = i - 1;
          const Seg& left = segs[i - 1];
          std::string& joined =
              p.Key(left, left.name_from, left.toks.size(), p.scratch_.joined_key);
          joined.push_back(' ');
          joined.append(name);
          if (res.Province(joined)) {
            consumed[i] = true;
            --i;
            done = true;
          }
        }
      }
      if (done) {
        stage = 1;
        consumed[i] = true;
        continue;
      }
      if (hint == Level::kProvince) {
        unresolved[i] = true;
        stage = 1;
        continue;
      }
    }
    if (stage <= 1 && (hint == Level::kDistrict || hint == Level::kCity || hint == Level::kNone)) {
      if (res.District(name, UnitType(s.kw))) {
        if (res.Pending()) pending_seg = i;
        stage = 2;
        consumed[i] = true;
        continue;
      }
      if (hint == Level::kDistrict || hint == Level::kCity) {
        unresolved[i] = true;
        stage = 2;
        continue;
      }
    }
    if (stage <= 2 && (hint == Level::kCommune || hint == Level::kNone)) {
      if (res.Commune(name, true)) {
        stage = 3;
        consumed[i] = true;
        continue;
      }
      if (hint == Level::kCommune) {
        unresolved[i] = true;
        stage = 3;
        continue;
      }
    }
    // A street-level word may begin a unit name ("Phường Phố Huế" written "Phố Huế",
    // "Láng Hạ", "Buôn Ma Thuột"): try the whole segment, exactly.
    if (stage <= 2 && !admin_hint && s.name_from > 0) {
      const std::string& whole = p.Key(s, 0, s.toks.size(), p.scratch_.whole_key);
      if (stage == 0 && res.Province(whole)) {  // "Sóc Trăng" (Sóc is a hamlet word)
        stage = 1;
        consumed[i] = true;
        continue;
      }
      if (stage <= 1 && res.District(whole)) {
        stage = 2;
        consumed[i] = true;
        continue;
      }
      if (res.Commune(whole, false)) {
        stage = 3;
        consumed[i] = true;
        continue;
      }
    }
    if (admin_hint) {
      unresolved[i] = true;
      continue;
    }
    ++i;  // not a unit: this and everything left of it is street level
    broke = true;
    break;
  }
  if (!broke && stage < 3) out.left = 'S';  // ran out of segments
  out.units = res.Finish();
  if (res.Unsettled() && pending_seg < n) {
    consumed[pending_seg] = false;
    unresolved[pending_seg] = true;
  }
  out.examined = static_cast<std::uint32_t>(n - lo);
  out.units_from_end = static_cast<std::uint32_t>(n - i);
  for (std::size_t k = n; k-- > i;) {
    out.state.push_back(consumed[k]     ? SegState::kConsumed
                        : unresolved[k] ? SegState::kUnresolved
                                        : SegState::kStreet);
  }
  return out;
}

// `r` equal to AddressResult{}, its strings' buffers kept.
void Reset(AddressResult& r) {
  // A member added to AddressResult must be reset here too.
  static_assert(sizeof(AddressResult) == 16 * sizeof(std::string) + sizeof(AddressMap) + 4 +
                                             sizeof(std::vector<std::string_view>));
  for (std::string* s :
       {&r.house_number, &r.alley, &r.street, &r.street_key, &r.hamlet, &r.commune_code,
        &r.district_code, &r.province_code, &r.commune_name, &r.district_name, &r.province_name,
        &r.commune_code_2025, &r.province_code_2025, &r.commune_name_2025, &r.province_name_2025,
        &r.rest}) {
    s->clear();
  }
  r.map = AddressMap::kUnknown;
  r.flags.clear();
}

void Run(const Gazetteer::Impl& g, const Parser& p, const std::vector<Seg>& segs,
         internal::TailCache* cache, AddressResult& r) {
  const TailOutcome* tail = cache != nullptr ? cache->Find(p, segs) : nullptr;
  TailOutcome computed;
  if (tail == nullptr) {
    computed = ResolveTail(g, p, segs);
    tail = &computed;
    if (cache != nullptr) {
      if (const TailOutcome* stored = cache->Insert(std::move(computed))) tail = stored;
    }
  }
  WriteUnits(g, tail->units, r);
  r.flags = tail->flags;
  const std::size_t n = segs.size();
  const std::size_t street_end = n - tail->units_from_end;
  for (std::size_t k = 0; k < street_end; ++k) ParseStreetLevel(p, segs[k], r);
  for (std::size_t k = street_end; k < n; ++k) {
    SegState st = tail->state[n - 1 - k];
    if (st == SegState::kUnresolved) {
      AppendRest(r, p.Original(segs[k], 0, segs[k].toks.size()));
      AddFlag(r, kAddressUnresolved);
    } else if (st == SegState::kStreet) {
      ParseStreetLevel(p, segs[k], r);
    }
  }
  if (!tail->units.Any() && !r.rest.empty()) AddFlag(r, kAddressUnresolved);
}

}  // namespace

bool AddressResult::HasFlag(std::string_view f) const {
  return std::find(flags.begin(), flags.end(), f) != flags.end();
}

AddressResult Gazetteer::Impl::Parse(std::string_view text, internal::TailCache* cache,
                                     internal::AddressScratch* scratch) const {
  AddressResult r;
  Parse(text, cache, scratch, r);
  return r;
}

AddressResult Gazetteer::Impl::Parse(const AddressParts& parts, internal::TailCache* cache,
                                     internal::AddressScratch* scratch) const {
  AddressResult r;
  Parse(parts, cache, scratch, r);
  return r;
}

void Gazetteer::Impl::Parse(std::string_view text, internal::TailCache* cache,
                            internal::AddressScratch* scratch, AddressResult& out) const {
  Reset(out);
  std::optional<internal::AddressScratch> local;  // for a one-off parse
  Parser p(*this, text, scratch != nullptr ? *scratch : local.emplace());
  const std::vector<Seg>& segs = p.Segment();
  if (segs.empty()) return;
  Run(*this, p, segs, cache, out);
}

void Gazetteer::Impl::Parse(const AddressParts& parts, internal::TailCache* cache,
                            internal::AddressScratch* scratch, AddressResult& out) const {
  Reset(out);
  // Joined with commas, each column's segment carries the level of its column.
  std::string joined;
  std::array<std::pair<std::string_view, Level>, 4> cols = {{{parts.street_line, Level::kNone},
                                                             {parts.commune, Level::kCommune},
                                                             {parts.district, Level::kDistrict},
                                                             {parts.province, Level::kProvince}}};
  std::vector<std::pair<std::size_t, Level>> starts;
  for (auto& [text, level] : cols) {
    if (text.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (!joined.empty()) joined += ", ";
    starts.emplace_back(joined.size(), level);
    joined.append(text);
  }
  if (joined.empty()) return;
  std::optional<internal::AddressScratch> local;  // for a one-off parse
  Parser p(*this, joined, scratch != nullptr ? *scratch : local.emplace());
  std::vector<Seg>& segs = p.Segment();
  // A segment takes the level of the column its first byte lies in; street columns stay
  // free so they are parsed at street level unless written as units.
  for (Seg& s : segs) {
    std::uint32_t b = p.f_.src[s.toks[0].b];
    Level level = Level::kNone;
    for (auto& [start, l] : starts) {
      if (b >= start) level = l;
    }
    if (level == Level::kNone) {
      s.street_only = true;
    } else if (s.kw == nullptr || IsAdmin(s.kw->level)) {
      s.forced = level == Level::kProvince && s.kw != nullptr && s.kw->level == Level::kCity
                     ? Level::kCity
                     : level;
    }
  }
  Run(*this, p, segs, cache, out);
}

Gazetteer::Gazetteer() : impl_(std::make_unique<Impl>()) {}
Gazetteer::~Gazetteer() = default;

const Gazetteer& Gazetteer::Shared() {
  // Never destroyed: freeing its tens of thousands of index entries at exit only costs time.
  static const Gazetteer& shared = *new Gazetteer;
  return shared;
}

AddressResult Gazetteer::Parse(std::string_view text) const { return impl_->Parse(text); }
AddressResult Gazetteer::Parse(const AddressParts& parts) const { return impl_->Parse(parts); }

AddressParser::AddressParser(const Gazetteer& gazetteer, std::size_t tail_capacity)
    : g_(gazetteer.impl_.get()),
      cache_(std::make_unique<internal::TailCache>(std::max<std::size_t>(tail_capacity, 1))),
      scratch_(std::make_unique<internal::AddressScratch>()) {}
AddressParser::~AddressParser() = default;
AddressParser::AddressParser(AddressParser&&) noexcept = default;

AddressResult AddressParser::Parse(std::string_view text) {
  return g_->Parse(text, cache_.get(), scratch_.get());
}
AddressResult AddressParser::Parse(const AddressParts& parts) {
  return g_->Parse(parts, cache_.get(), scratch_.get());
}
void AddressParser::Parse(std::string_view text, AddressResult& out) {
  g_->Parse(text, cache_.get(), scratch_.get(), out);
}
void AddressParser::Parse(const AddressParts& parts, AddressResult& out) {
  g_->Parse(parts, cache_.get(), scratch_.get(), out);
}

AddressResult ParseAddress(std::string_view text) { return Gazetteer::Shared().Parse(text); }
AddressResult ParseAddress(const AddressParts& parts) { return Gazetteer::Shared().Parse(parts); }

}  // namespace vnlink::vi
