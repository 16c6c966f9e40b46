#include "normalizers/synth.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "normalizers/synth_text.h"

namespace vnlink::vi {
namespace {

using std::string_view_literals::operator""sv;

constexpr std::uint64_t kRecordStream = 11, kShuffleStream = 12;

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Appends `v` in decimal, zero-padded to `width`.
void AppendDigits(std::string& out, std::uint64_t v, int width) {
  char buf[24];
  int i = 24;
  do {
    buf[--i] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0 && i > 0);
  while (24 - i < width && i > 0) buf[--i] = '0';
  out.append(buf + i, static_cast<std::size_t>(24 - i));
}

// Writes `v` zero-padded to `width` digits at `at` (v must fit).
void PutDigits(char* at, std::uint64_t v, int width) {
  for (int k = width - 1; k >= 0; --k, v /= 10) at[k] = static_cast<char>('0' + v % 10);
}

// A short digit string built on the stack (phone and id numbers).
struct Small {
  char d[24];
  std::uint8_t n = 0;
  std::string_view view() const { return {d, n}; }
  bool empty() const { return n == 0; }
};

// Byte ranges of the UTF-8 characters of `s`.
std::vector<std::pair<std::size_t, std::size_t>> Chars(const std::string& s) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    out.emplace_back(i, len);
    i += len;
  }
  return out;
}

// One keyboard-style slip in a word: substitute a letter, drop one, double one, or swap
// two neighbours. Never empties the word.
std::string Typo(const std::string& word, Rng& rng) {
  const auto chars = Chars(word);
  if (chars.size() < 2) return word + static_cast<char>('a' + rng.Below(26));
  // The initial capital survives (typists rarely miss the first letter); any later letter
  // may be hit.
  const std::size_t i = 1 + rng.Below(static_cast<std::uint32_t>(chars.size() - 1));
  const auto [b, len] = chars[i];
  std::string out = word;
  switch (rng.Below(4)) {
    case 0: {  // substitute with a letter near in the alphabet (keeps it plausible)
      static constexpr std::string_view kLetters = "aeiouynmhtcgk";
      char r = kLetters[rng.Below(kLetters.size())];
      if (out.substr(b, len) == std::string(1, r)) r = r == 'n' ? 'm' : 'n';
      out.replace(b, len, std::string(1, r));
      break;
    }
    case 1:
      out.erase(b, len);
      break;
    case 2:
      out.insert(b, word.substr(b, len));
      break;
    default: {
      const std::size_t j = i + 1 < chars.size() ? i + 1 : (i > 1 ? i - 1 : i);
      if (j == i) {
        out.insert(b, word.substr(b, len));
        break;
      }
      const std::size_t lo = std::min(i, j), hi = std::max(i, j);
      out = word.substr(0, chars[lo].first) + word.substr(chars[hi].first, chars[hi].second) +
            word.substr(chars[lo].first, chars[lo].second) +
            word.substr(chars[hi].first + chars[hi].second);
      if (out == word) out.insert(b, word.substr(b, len));
      break;
    }
  }
  return out;
}

// One digit wrong or two neighbours swapped, after the first `keep_prefix` characters and
// any leading non-digits.
void DigitTypo(Small& s, Rng& rng, std::size_t keep_prefix) {
  std::size_t first = 0;
  while (first < s.n && !(s.d[first] >= '0' && s.d[first] <= '9')) ++first;
  first = std::max(first, keep_prefix);
  if (s.n < first + 2) return;
  const std::size_t i = first + rng.Below(static_cast<std::uint32_t>(s.n - first - 1));
  if (rng.Chance(0.5) && s.d[i] != s.d[i + 1]) {
    std::swap(s.d[i], s.d[i + 1]);
  } else {
    s.d[i] = static_cast<char>('0' + (s.d[i] - '0' + 1 + rng.Below(9)) % 10);
  }
}

bool IsSouthernStyle(int region) { return region == 2; }

// The house and street (urban) or hamlet (rural) part of an address.
void AppendStreet(std::string& out, const Person& p, int province, Rng& rng) {
  const int region = SynthReference::Region(province);
  if (p.flags & Person::kRural) {
    if (p.house) {
      out += "Số "sv;
      AppendDigits(out, p.house, 0);
      out += ", "sv;
    }
    out += region == 2 ? "Ấp"sv : (region == 0 && p.street % 3 == 0) ? "Xóm"sv : "Thôn"sv;
    out.push_back(' ');
    out += HamletNames()[p.street % HamletNames().size()];
    return;
  }
  auto house = [&] {
    AppendDigits(out, p.house, 0);
    if (p.house_letter) out.push_back(static_cast<char>(p.house_letter));
  };
  const std::string_view street = StreetNames()[p.street % StreetNames().size()];
  if (p.alley == 0) {
    if (rng.Chance(0.3)) out += "Số "sv;
    house();
  } else if (IsSouthernStyle(region)) {
    if (rng.Chance(0.8)) {
      AppendDigits(out, p.alley, 0);
      out.push_back('/');
      house();
    } else {
      house();
      out += " Hẻm "sv;
      AppendDigits(out, p.alley, 0);
    }
  } else {
    if (rng.Chance(0.5)) out += "Số "sv;
    house();
    out += " Ngõ "sv;
    AppendDigits(out, p.alley, 0);
  }
  out.push_back(' ');
  out += street;
}

struct AbbrevRuleDef {
  std::string_view word;
  std::string_view forms[3];
};
constexpr AbbrevRuleDef kAbbrevRules[] = {{"Phường ", {"P. ", "P.", "F."}},
                                          {"Xã ", {"X. ", "xã ", "X."}},
                                          {"Thị trấn ", {"TT. ", "TT.", "tt "}},
                                          {"Quận ", {"Q. ", "Q.", "Q"}},
                                          {"Huyện ", {"H. ", "H.", "huyện "}},
                                          {"Thị xã ", {"TX. ", "TX.", "Tx "}},
                                          {"Thành phố ", {"TP. ", "Tp. ", "TP "}},
                                          {"Tỉnh ", {"", "T. ", "tỉnh "}},
                                          {"Đặc khu ", {"ĐK. ", "Đặc khu ", "đặc khu "}}};
constexpr int kRuleHcm = 100, kRuleHn = 101, kRuleNone = -1;

// How a unit name is abbreviated: an index into kAbbrevRules (the first whose word starts
// it), kRuleHcm / kRuleHn for the two big cities' aliases, or kRuleNone. Computed once
// per unit name (a pure function of it).
int AbbrevRule(std::string_view full) {
  if (full == "Thành phố Hồ Chí Minh") return kRuleHcm;
  if (full == "Thành phố Hà Nội") return kRuleHn;
  for (int i = 0; i < static_cast<int>(std::size(kAbbrevRules)); ++i) {
    if (full.starts_with(kAbbrevRules[i].word)) return i;
  }
  return kRuleNone;
}

// An administrative unit name abbreviated the ways clerks write it, passed to `put` in
// pieces; `rule` is AbbrevRule(full). An empty name stays empty and draws nothing.
template <typename Put>
void PutAbbrevUnit(std::string_view full, int rule, Rng& rng, Put&& put) {
  if (rule == kRuleHcm) {
    static constexpr std::string_view kHcm[] = {"TPHCM", "TP.HCM",  "Tp.HCM",         "TP HCM",
                                                "HCM",   "Sài Gòn", "TP. Hồ Chí Minh"};
    put(kHcm[rng.Below(std::size(kHcm))]);
    return;
  }
  if (rule == kRuleHn) {
    static constexpr std::string_view kHn[] = {"HN", "Hà Nội", "TP. Hà Nội", "Tp Hà Nội"};
    put(kHn[rng.Below(std::size(kHn))]);
    return;
  }
  if (rule == kRuleNone) {
    put(full);
    return;
  }
  const AbbrevRuleDef& r = kAbbrevRules[rule];
  const std::string_view rest = full.substr(r.word.size());
  std::string_view form = r.forms[rng.Below(3)];
  // Numbered units are written tight and sometimes with a leading zero: "P.05", "Q3".
  const bool numbered = !rest.empty() && rest[0] >= '0' && rest[0] <= '9';
  bool zero = false;
  if (numbered) {
    if (form.back() == ' ' && rng.Chance(0.6)) form.remove_suffix(1);
    zero = rest.size() == 1 && rng.Chance(0.3);
  }
  put(form);
  if (zero) put("0");
  put(rest);
}

// A birth date in format `style` (0 dd/mm/yyyy, 1 yyyymmdd, ...).
void AppendDob(std::string& out, int y, int m, int d, int style) {
  char buf[40];
  char* o = buf;
  auto num = [&](int v, int width) {  // width 0: no padding
    char tmp[8];
    int n = 0;
    do {
      tmp[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    while (n < width) tmp[n++] = '0';
    while (n > 0) *o++ = tmp[--n];
  };
  auto lit = [&](std::string_view t) {
    for (char c : t) *o++ = c;
  };
  switch (style) {
    case 0:
      num(d, 2);
      lit("/");
      num(m, 2);
      lit("/");
      num(y, 4);
      break;
    case 1:
      num(y, 4);
      num(m, 2);
      num(d, 2);
      break;
    case 2:
      num(d, 0);
      lit("/");
      num(m, 0);
      lit("/");
      num(y, 4);
      break;
    case 3:
      num(d, 0);
      lit("/");
      num(m, 0);
      lit("/");
      num(y % 100, 2);
      break;
    case 4:
      num(y, 4);
      lit("-");
      num(m, 2);
      lit("-");
      num(d, 2);
      break;
    case 5:
      num(d, 2);
      lit("-");
      num(m, 2);
      lit("-");
      num(y, 4);
      break;
    case 6:
      num(d, 2);
      lit(".");
      num(m, 2);
      lit(".");
      num(y, 4);
      break;
    default:
      num(d, 0);
      lit(" tháng ");
      num(m, 0);
      lit(" năm ");
      num(y, 4);
      break;
  }
  out.append(buf, o);
}
constexpr int kDobStyles = 8;

// A phone number in one of the ways people write it.
void AppendPhoneFormat(std::string& out, std::string_view national, Rng& rng) {
  // national: "0" + 9 or 10 digits.
  const std::string_view rest = national.substr(1);
  auto grouped = [&](std::string_view sep) {
    out += national.substr(0, 4);
    out += sep;
    out += national.substr(4, 3);
    out += sep;
    out += national.substr(7);
  };
  switch (rng.Below(6)) {
    case 0:
      grouped(" ");
      break;
    case 1:
      grouped(".");
      break;
    case 2:
      out += "+84"sv;
      out += rest;
      break;
    case 3:
      out += "+84 "sv;
      out += rest.substr(0, 3);
      out.push_back(' ');
      out += rest.substr(3, 3);
      out.push_back(' ');
      out += rest.substr(6);
      break;
    case 4:
      out += "84"sv;
      out += rest;
      break;
    default:
      out += "(+84) "sv;
      out += rest;
      break;
  }
}

}  // namespace

const std::vector<std::string>& SynthHeader(SynthFile file) {
  static const std::vector<std::string> kA = {
      "ma_ho_so", "nguon",         "ho_ten",  "ngay_sinh", "gioi_tinh",
      "dia_chi",  "so_dien_thoai", "so_cccd", "so_cmnd",   "ma_the_bhyt"};
  static const std::vector<std::string> kB = {
      "id",        "ho_dem",     "ten",     "ngay_sinh",  "gioi_tinh", "so_nha_duong",
      "xa_phuong", "quan_huyen", "tinh_tp", "dien_thoai", "cccd",      "ma_bhyt"};
  return file == SynthFile::kA ? kA : kB;
}

std::string PersonId(std::uint32_t person) {
  std::string id = "P";
  AppendDigits(id, person, 8);
  return id;
}

std::vector<std::string> SynthRecord::Fields() const {
  std::vector<std::string> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) out.emplace_back(field(i));
  return out;
}

std::uint16_t SynthGenerator::AddWord(std::string_view registered, std::vector<std::string>& seen) {
  for (std::size_t i = 0; i < seen.size(); ++i) {
    if (seen[i] == registered) return static_cast<std::uint16_t>(i);
  }
  std::array<std::string, 6> forms;
  forms[0] = std::string(registered);
  forms[2] = ToneStyle(registered, true);
  forms[4] = DropDiacritics(registered);
  for (int style = 0; style < 3; ++style) forms[style * 2 + 1] = UpperVi(forms[style * 2]);
  Word w;
  w.off = static_cast<std::uint32_t>(word_text_.size());
  for (int k = 0; k < 6; ++k) {
    if (forms[k].size() > 255) throw std::logic_error("name word too long");
    w.len[k] = static_cast<std::uint8_t>(forms[k].size());
    word_text_ += forms[k];
  }
  if (forms[2] != forms[0]) w.flags |= Word::kToneChanges;
  if (HasDstroke(registered)) w.flags |= Word::kDstroke;
  if (!IsAscii(registered)) w.flags |= Word::kNonAscii;
  words_.push_back(w);
  seen.emplace_back(registered);
  if (words_.size() > 0xFFFF) throw std::logic_error("too many name words");
  return static_cast<std::uint16_t>(words_.size() - 1);
}

std::string_view SynthGenerator::Form(const Word& w, int form) const {
  std::uint32_t off = w.off;
  for (int k = 0; k < form; ++k) off += w.len[k];
  return std::string_view(word_text_).substr(off, w.len[form]);
}

SynthGenerator::SynthGenerator(const SynthReference& ref, const Population& pop, std::uint64_t seed,
                               const ErrorRates& rates, bool link)
    : ref_(ref), pop_(pop), seed_(seed), rates_(rates), link_(link) {
  const std::size_t n = pop.people.size();
  Offsets running;
  for (std::size_t start = 0; start < n; start += kChunkPeople) {
    offsets_.push_back(running);
    const std::size_t end = std::min<std::size_t>(n, start + kChunkPeople);
    for (std::size_t i = start; i < end; ++i) {
      running.a += pop.people[i].copies_a;
      running.b += pop.people[i].copies_b;
    }
  }
  const std::uint64_t most = std::max(running.a, running.b);
  id_width_ = std::max(8, static_cast<int>(std::to_string(most).size()));
  for (int k = 0; k < kErrorKindCount; ++k) {
    // P(draw < t) = rate for a uniform 64-bit draw; 1 means always.
    const double scaled = std::ldexp(rates[k], 64);
    thresholds_[k] = scaled >= 0x1p64 ? ~std::uint64_t{0}
                     : scaled <= 0.0  ? 0
                                      : static_cast<std::uint64_t>(scaled);
  }
  // Hoàng<->Huỳnh, Vũ<->Võ (name_variant_pairs.csv, the strong family-name pairs).
  variant_of_.assign(ref.family_names.size(), -1);
  auto index_of = [&](std::string_view name) {
    for (std::size_t i = 0; i < ref.family_names.size(); ++i) {
      if (ref.family_names[i] == name) return static_cast<int>(i);
    }
    return -1;
  };
  for (auto [a, b] :
       {std::pair<std::string_view, std::string_view>{"Hoàng", "Huỳnh"}, {"Vũ", "Võ"}}) {
    const int ia = index_of(a), ib = index_of(b);
    if (ia >= 0 && ib >= 0) {
      variant_of_[ia] = ib;
      variant_of_[ib] = ia;
    }
  }
  old_prefix_.assign(100, "");
  for (const auto& [now, before] : ref.old_prefix) old_prefix_[std::stoi(now.substr(1))] = before;
  provincial_hospital_.assign(100, "");
  for (const Commune& c : ref.communes) {
    if (provincial_hospital_[c.province].empty())
      provincial_hospital_[c.province] = "BV Da khoa " + DropDiacritics(c.province_name);
  }
  province_range_.assign(100, {0, 0});
  for (std::uint32_t i = 0; i < ref.communes.size(); ++i) {
    auto& r = province_range_[ref.communes[i].province];
    if (r.second == 0) r.first = i;
    r.second = i + 1;
  }
  std::vector<std::string> seen;
  family_words_.reserve(ref.family_names.size());
  for (const std::string& f : ref.family_names) family_words_.push_back(AddWord(f, seen));
  for (int sex = 0; sex < 2; ++sex) {
    for (const GivenEntry& e : ref.given[sex]) {
      entry_middle_[sex].push_back(AddWord(e.middle, seen));
      entry_given_[sex].push_back(AddWord(e.given, seen));
    }
  }
  mark_[0] = AddWord("Văn", seen);
  mark_[1] = AddWord("Thị", seen);

  // SynthRecord::has_comma promises that only the generator's own separators need CSV
  // quoting: hold every text that reaches a record to it.
  {
    auto check = [](std::string_view what, std::string_view text) {
      if (text.find_first_of(",\"\r\n") != std::string_view::npos)
        throw std::logic_error(std::string(what) + " '" + std::string(text) +
                               "' holds a byte that needs CSV quoting");
    };
    check("name word", word_text_);
    for (const Commune& c : ref.communes) {
      for (const std::string* t : {&c.ward_full, &c.district_full, &c.province_full,
                                   &c.ward_full_2025, &c.province_full_2025})
        check("unit name", *t);
    }
    for (std::string_view t : StreetNames()) check("street name", t);
    for (std::string_view t : HamletNames()) check("hamlet name", t);
    for (const std::string& t : provincial_hospital_) check("hospital name", t);
    const std::string letters =
        "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
    for (int e = 0; e < 3; ++e) {
      const auto enc = static_cast<LegacyEncoding>(e);
      check("legacy encoding", LegacyMojibake(letters, enc));
      check("legacy encoding", LegacyMojibake(UpperVi(letters), enc));
    }
  }

  std::unordered_map<std::string_view, std::uint32_t> stored;
  auto store = [&](const std::string& text) {
    if (text.size() > 255) throw std::logic_error("unit name too long");
    const auto [it, fresh] = stored.emplace(text, static_cast<std::uint32_t>(place_text_.size()));
    if (fresh) place_text_ += text;
    return it->second;
  };
  places_.reserve(ref.communes.size());
  for (const Commune& c : ref.communes) {
    Place pl;
    const std::string* units[5] = {&c.ward_full, &c.district_full, &c.province_full,
                                   &c.ward_full_2025, &c.province_full_2025};
    for (int u = 0; u < 5; ++u) {
      pl.off[u] = store(*units[u]);
      pl.len[u] = static_cast<std::uint8_t>(units[u]->size());
      pl.rule[u] = static_cast<std::int8_t>(AbbrevRule(*units[u]));
    }
    pl.province = static_cast<std::uint8_t>(c.province);
    pl.rural = c.ward_type == "Xã";
    places_.push_back(pl);
  }
}

void SynthGenerator::PlanChunk(std::size_t chunk, SynthFile file,
                               std::vector<std::uint64_t>& plan) const {
  plan.clear();
  const std::size_t start = chunk * kChunkPeople;
  const std::size_t end = std::min(pop_.people.size(), start + kChunkPeople);
  for (std::size_t i = start; i < end; ++i) {
    const Person& p = pop_.people[i];
    const int copies = file == SynthFile::kA ? p.copies_a : p.copies_b;
    for (int k = 0; k < copies; ++k)
      plan.push_back(static_cast<std::uint64_t>(i) << 8 | static_cast<std::uint64_t>(k));
  }
  Rng rng(StreamSeed(seed_, kShuffleStream, chunk, static_cast<std::uint64_t>(file)));
  for (std::size_t i = plan.size(); i > 1; --i)
    std::swap(plan[i - 1], plan[rng.Below(static_cast<std::uint32_t>(i))]);
}

void SynthGenerator::SetId(SynthFile file, std::uint64_t number, SynthRecord& rec) const {
  rec.id[0] = !link_ ? 'R' : file == SynthFile::kA ? 'A' : 'B';
  PutDigits(rec.id.data() + 1, number, id_width_);
  rec.id_size = static_cast<std::uint8_t>(1 + id_width_);
}

void SynthGenerator::GenerateChunk(std::size_t chunk, SynthFile file,
                                   std::vector<SynthRecord>& out) const {
  // Records already in `out` are overwritten in place, so a caller that reuses the
  // vector reuses every record's buffer.
  std::vector<std::uint64_t> plan;
  std::size_t count = 0;
  SynthRecord scratch;  // swapped with out's records, so their buffers are reused
  VisitChunk(chunk, file, scratch, plan, [&](const SynthRecord&) {
    if (count == out.size()) out.emplace_back();
    std::swap(out[count++], scratch);
  });
  out.resize(count);
}

SynthRecord SynthGenerator::GenerateRecord(std::uint32_t person, SynthFile file, int copy) const {
  SynthRecord rec;
  GenerateRecordInto(person, file, copy, rec);
  return rec;
}

void SynthGenerator::GenerateRecordInto(std::uint32_t person, SynthFile file, int copy,
                                        SynthRecord& rec) const {
  const Person& person_ref = pop_.people[person];
  Person p = person_ref;
  const std::uint64_t base =
      StreamSeed(seed_, kRecordStream, person,
                 static_cast<std::uint64_t>(file) * 256 + static_cast<std::uint64_t>(copy));
  Rng rng(Mix64(base ^ 0x5EED));
  // Each kind's decision comes from its own hash of (record, kind), so it is independent
  // of the others and of which kinds are checked at all; only checked kinds cost a draw.
  auto draw = [&](ErrorKind k) {
    return Mix64(base + 0x9E3779B97F4A7C15ULL * (static_cast<std::uint64_t>(k) + 1));
  };
  auto hit = [&](ErrorKind k) {
    const std::uint64_t t = thresholds_[static_cast<int>(k)];
    return t == ~std::uint64_t{0} || draw(k) < t;
  };
  rec.person = person;
  rec.has_comma = 0;
  rec.applied = 0;
  rec.eligible = 0;
  rec.id_size = 0;
  rec.text.clear();
  auto consider = [&](ErrorKind k, bool eligible) {
    if (!eligible) return false;
    rec.eligible |= Bit(k);
    if (hit(k)) {
      rec.applied |= Bit(k);
      return true;
    }
    return false;
  };
  const bool is_b = file == SynthFile::kB;
  const int age = kReferenceYear - p.birth_year;
  std::string& text = rec.text;
  auto pos = [&] { return static_cast<std::uint16_t>(text.size()); };

  // Encoding: one of the three legacy paths at most, chosen with one draw.
  int encoding = -1;
  {
    const double e = static_cast<double>(draw(ErrorKind::kEncTcvn3) >> 11) * 0x1.0p-53;
    const double r0 = rates_[static_cast<int>(ErrorKind::kEncTcvn3)];
    const double r1 = rates_[static_cast<int>(ErrorKind::kEncVni)];
    const double r2 = rates_[static_cast<int>(ErrorKind::kEncUtf8Twice)];
    rec.eligible |=
        Bit(ErrorKind::kEncTcvn3) | Bit(ErrorKind::kEncVni) | Bit(ErrorKind::kEncUtf8Twice);
    if (e < r0)
      encoding = 0;
    else if (e < r0 + r1)
      encoding = 1;
    else if (e < r0 + r1 + r2)
      encoding = 2;
    if (encoding >= 0) rec.applied |= Bit(static_cast<ErrorKind>(encoding));
  }

  // ---- Name: surname, middle (up to two words: Văn/Thị or the mother's surname, then the
  // list entry's middle) and given name, as precomputed words (see PersonName).
  const Word* family = &words_[family_words_[p.family]];
  const Word* middle[2] = {nullptr, nullptr};
  const Word* given = &words_[entry_given_[p.sex][p.given]];
  {
    const Word* entry = &words_[entry_middle_[p.sex][p.given]];
    switch (p.middle) {
      case MiddleKind::kGenderMark:
        middle[0] = &words_[mark_[p.sex]];
        break;
      case MiddleKind::kDecorative:
        middle[0] = entry;
        break;
      case MiddleKind::kGenderDecorative:
        middle[0] = &words_[mark_[p.sex]];
        middle[1] = entry;
        break;
      case MiddleKind::kMotherSurname:
        // Parents of the same surname do not repeat it: the entry's middle alone.
        if (p.mother_family != p.family) middle[0] = &words_[family_words_[p.mother_family]];
        (middle[0] ? middle[1] : middle[0]) = entry;
        break;
      case MiddleKind::kNone:
        break;
    }
    for (const Word*& w : middle) {
      if (w && w->len[0] == 0) w = nullptr;
    }
    if (!middle[0]) std::swap(middle[0], middle[1]);
  }
  {
    const int partner = variant_of_[p.family];
    if (consider(ErrorKind::kNameVariant, partner >= 0)) family = &words_[family_words_[partner]];
  }
  if (consider(ErrorKind::kNameNoMiddle, middle[0] != nullptr)) middle[0] = middle[1] = nullptr;
  const bool order = consider(ErrorKind::kNameOrder, true);
  const bool ascii = consider(ErrorKind::kNameAscii, true);
  const bool telex = consider(ErrorKind::kNameTelex, !ascii);
  // A typo makes the name one of a kind: it is spelled out and rewritten letter by letter,
  // like the other rare damage below.
  NameParts n;
  bool spelled = false;
  auto spell = [&] {
    if (spelled) return;
    spelled = true;
    n.family = Form(*family, 0);
    n.middle.clear();
    for (const Word* w : middle) {
      if (!w) continue;
      if (!n.middle.empty()) n.middle.push_back(' ');
      n.middle += Form(*w, 0);
    }
    n.given = Form(*given, 0);
  };
  if (consider(ErrorKind::kNameTypo, true)) {
    spell();
    std::string* parts[3] = {&n.family, &n.middle, &n.given};
    std::string* target = parts[rng.Below(3)];
    if (target->empty()) target = &n.given;
    // Typos hit one syllable of the part.
    const std::size_t sp = target->find(' ');
    if (sp == std::string::npos) {
      *target = Typo(*target, rng);
    } else {
      *target = Typo(target->substr(0, sp), rng) + target->substr(sp);
    }
  }
  // Tests over the words (all word-local, so a part passes iff one of its words does).
  auto any_word = [&](std::uint8_t flag, auto&& test) {
    if (spelled) {
      for (const std::string* s : {&n.family, &n.middle, &n.given}) {
        if (test(*s)) return true;
      }
      return false;
    }
    return ((family->flags | given->flags | (middle[0] ? middle[0]->flags : 0) |
             (middle[1] ? middle[1]->flags : 0)) &
            flag) != 0;
  };
  // The placement check is the costliest eligibility test when spelled out: skip it when
  // the draw says the kind would not apply anyway and eligibility is not being tracked.
  const bool tone_draw = hit(ErrorKind::kNameToneNew);
  const bool tone_new =
      consider(ErrorKind::kNameToneNew, !ascii && !telex && (tone_draw || track_eligible_) &&
                                            any_word(Word::kToneChanges, [](const std::string& s) {
                                              return ToneStyle(s, true) != s;
                                            }));
  // Ð and NFD are Unicode phenomena: a legacy-encoded record cannot carry them.
  const bool unicode_ok = !ascii && !telex && encoding < 0;
  const bool eth = consider(
      ErrorKind::kNameEth,
      unicode_ok && any_word(Word::kDstroke, [](const std::string& s) { return HasDstroke(s); }));
  const bool caps = consider(ErrorKind::kNameCaps, true);
  const bool nfd = consider(
      ErrorKind::kNameNfd,
      unicode_ok && any_word(Word::kNonAscii, [](const std::string& s) { return !IsAscii(s); }));
  // The name is written "family middle given" (the usual order); spans locate the parts.
  std::uint16_t fb, fe, mb, me, gb, ge;
  if (spelled || telex || eth || nfd || encoding >= 0) {
    spell();
    auto name_text = [&](std::string& s) {
      if (s.empty()) return;
      if (tone_new) s = ToneStyle(s, true);
      if (telex) s = TelexResidue(s);
      if (ascii) s = DropDiacritics(s);
      if (caps) s = UpperVi(s);
      if (eth) s = EthForDstroke(s);
      if (nfd) s = DecomposeVi(s);
      if (encoding >= 0) s = LegacyMojibake(s, static_cast<LegacyEncoding>(encoding));
    };
    name_text(n.family);
    name_text(n.middle);
    name_text(n.given);
    fb = pos();
    text += n.family;
    fe = mb = me = pos();
    if (!n.middle.empty()) {
      text.push_back(' ');
      mb = pos();
      text += n.middle;
      me = pos();
    }
    text.push_back(' ');
    gb = pos();
    text += n.given;
    ge = pos();
  } else {
    const int form = (ascii ? 4 : tone_new ? 2 : 0) + (caps ? 1 : 0);
    fb = pos();
    text += Form(*family, form);
    fe = mb = me = pos();
    if (middle[0]) {
      text.push_back(' ');
      mb = pos();
      text += Form(*middle[0], form);
      if (middle[1]) {
        text.push_back(' ');
        text += Form(*middle[1], form);
      }
      me = pos();
    }
    text.push_back(' ');
    gb = pos();
    text += Form(*given, form);
    ge = pos();
  }

  // Column numbers of the two layouts.
  const int kDob = 3, kSex = 4;
  const int kStreet = is_b ? 5 : 5, kPhone = is_b ? 9 : 6, kCccd = is_b ? 10 : 7, kCmnd = 8,
            kBhyt = is_b ? 11 : 9;
  auto open = [&](int f) { rec.begin[f] = pos(); };
  auto close = [&](int f) { rec.end[f] = pos(); };

  // ---- Birth date.
  open(kDob);
  {
    const int base_style = is_b ? 1 : 0;
    if (!consider(ErrorKind::kMissDob, true)) {
      int y = p.birth_year, m = p.birth_month, d = p.birth_day;
      if (consider(ErrorKind::kDobYearOnly, true)) {
        AppendDigits(text, static_cast<std::uint64_t>(y), 0);
      } else {
        if (consider(ErrorKind::kDobSwap, d <= 12 && d != m)) std::swap(d, m);
        if (consider(ErrorKind::kDobTypo, true)) {
          switch (rng.Below(3)) {
            case 0:  // a neighbouring day
              d = d <= 3 ? d + 1 + static_cast<int>(rng.Below(9))
                         : d - 1 - static_cast<int>(rng.Below(3));
              break;
            case 1:
              m = m == 12 ? 11 : m + 1;
              break;
            default:
              y += rng.Chance(0.5) ? 1 : -1;
              break;
          }
        }
        int style = base_style;
        if (consider(ErrorKind::kDobFormat, true)) {
          style = static_cast<int>(rng.Below(kDobStyles - 1));
          if (style >= base_style) ++style;
        }
        AppendDob(text, y, m, d, style);
      }
    }
  }
  close(kDob);

  // ---- Sex.
  open(kSex);
  if (!consider(ErrorKind::kMissSex, true)) {
    static constexpr std::string_view kCodes[][2] = {{"Nam", "Nữ"}, {"1", "2"},    {"M", "F"},
                                                     {"nam", "nu"}, {"NAM", "NỮ"}, {"Nam", "Nu"}};
    int style = is_b ? 1 : 0;
    if (consider(ErrorKind::kSexFormat, true)) {
      int s = static_cast<int>(rng.Below(std::size(kCodes) - 1));
      if (s >= style) ++s;
      style = s;
    }
    text += kCodes[style][p.sex];
  }
  close(kSex);

  // ---- Address: street, ward, district, province, joined by ", " (file A's one column
  // is the whole run; file B's four columns are the parts).
  std::uint16_t ab[4], ae[4];
  ab[0] = ae[0] = pos();
  for (int i = 1; i < 4; ++i) ab[i] = ae[i] = ab[0];
  if (!consider(ErrorKind::kMissAddress, true)) {
    if (consider(ErrorKind::kAddrMoved, true)) {
      // Another home: usually in the same province, sometimes anywhere.
      const int code = places_[p.commune].province;
      const auto [lo, hi] = province_range_[code];
      std::uint32_t c =
          rng.Chance(0.6) ? lo + rng.Below(hi - lo) : ref_.commune_weights.Sample(rng);
      if (c == p.commune) c = ref_.commune_weights.Sample(rng);
      p.commune = static_cast<std::uint16_t>(c);
      p.street = static_cast<std::uint16_t>(rng.Below(StreetNames().size()));
      p.house = static_cast<std::uint16_t>(1 + rng.Below(300));
      p.alley = rng.Chance(0.3) ? static_cast<std::uint16_t>(1 + rng.Below(100)) : 0;
      p.house_letter = 0;
      const bool rural = places_[c].rural;
      p.flags = static_cast<std::uint8_t>(rural ? (p.flags | Person::kRural)
                                                : (p.flags & ~Person::kRural));
      if (rural) p.street = static_cast<std::uint16_t>(rng.Below(HamletNames().size()));
    }
    const Place& c = places_[p.commune];
    Rng street_rng(StreamSeed(seed_, kRecordStream, p.household, 0xADD0 + p.commune));
    AppendStreet(text, p, c.province, street_rng);
    ae[0] = pos();
    std::string_view units[3];
    int rules[3] = {kRuleNone, kRuleNone, kRuleNone};
    const int use[3] = {0, 1, 2}, use_2025[3] = {3, -1, 4};
    const int* pick = consider(ErrorKind::kAddr2025, c.len[3] != 0) ? use_2025 : use;
    for (int i = 0; i < 3; ++i) {
      if (pick[i] < 0) continue;
      units[i] = Unit(c, pick[i]);
      rules[i] = c.rule[pick[i]];
    }
    const bool abbrev = consider(ErrorKind::kAddrAbbrev, true);
    constexpr std::string_view kSo = "Số ";
    if (abbrev && std::string_view(text).substr(ab[0]).starts_with(kSo)) {
      text.erase(ab[0], kSo.size());
      ae[0] = pos();
    }
    const bool addr_ascii = consider(ErrorKind::kAddrAscii, true);
    const bool fix = addr_ascii || encoding >= 0;
    // All address rewrites are character-local, so pieces can be rewritten one by one.
    std::string ascii_piece;  // both rewrites: no diacritics first, then the encoding
    auto put = [&](std::string_view piece) {
      if (!fix) {
        text += piece;
      } else if (encoding < 0) {
        AppendDropDiacritics(piece, text);
      } else {
        if (addr_ascii) {
          ascii_piece.clear();
          AppendDropDiacritics(piece, ascii_piece);
          piece = ascii_piece;
        }
        AppendLegacyMojibake(piece, static_cast<LegacyEncoding>(encoding), text);
      }
    };
    if (fix) {
      const std::string street(std::string_view(text).substr(ab[0]));
      text.resize(ab[0]);
      put(street);
      ae[0] = pos();
    }
    for (int i = 0; i < 3; ++i) {
      if (units[i].empty()) {
        ab[i + 1] = ae[i + 1] = pos();
        continue;
      }
      text += ", "sv;
      ab[i + 1] = pos();
      if (abbrev)
        PutAbbrevUnit(units[i], rules[i], rng, put);
      else
        put(units[i]);
      ae[i + 1] = pos();
    }
  }
  // Commas: the separators, and the one in a rural street part ("Số 5, Thôn Đông").
  const bool street_comma =
      std::string_view(text).substr(ab[0], ae[0] - ab[0]).find(',') != std::string_view::npos;
  if (is_b) {
    for (int i = 0; i < 4; ++i) {
      rec.begin[kStreet + i] = ab[i];
      rec.end[kStreet + i] = ae[i];
    }
    if (street_comma) rec.has_comma |= 1u << kStreet;
  } else {
    rec.begin[kStreet] = ab[0];
    rec.end[kStreet] = std::max({ae[0], ae[1], ae[2], ae[3]});
    if (street_comma || rec.end[kStreet] != ae[0]) rec.has_comma |= 1u << kStreet;
  }

  // ---- Phone.
  Small phone;
  if (p.phone != 0 && !consider(ErrorKind::kMissPhone, true)) {
    phone.d[0] = '0';
    PutDigits(phone.d + 1, p.phone, 9);
    phone.n = 10;
    const std::string& old = old_prefix_[(phone.d[1] - '0') * 10 + (phone.d[2] - '0')];
    if (consider(ErrorKind::kPhoneOldPrefix, !old.empty())) {
      // The old prefix replaces the first three characters: "0162" + 7 digits.
      std::memmove(phone.d + old.size(), phone.d + 3, 7);
      std::memcpy(phone.d, old.data(), old.size());
      phone.n = static_cast<std::uint8_t>(old.size() + 7);
    }
    if (consider(ErrorKind::kPhoneTypo, true)) DigitTypo(phone, rng, 3);
  }
  open(kPhone);
  if (!phone.empty()) {
    if (consider(ErrorKind::kPhoneFormat, true))
      AppendPhoneFormat(text, phone.view(), rng);
    else
      text += phone.view();
  }
  close(kPhone);

  // ---- Identifiers.
  Small cccd, cmnd, bhyt;
  if (p.cccd_serial != Person::kNoCccd) {
    const std::string id = PersonCccd(p);
    std::memcpy(cccd.d, id.data(), id.size());
    cccd.n = static_cast<std::uint8_t>(id.size());
  }
  if (consider(ErrorKind::kMissCccd, !cccd.empty())) cccd.n = 0;
  if (p.cmnd) {
    PutDigits(cmnd.d, p.cmnd, 9);
    cmnd.n = 9;
  }
  if (consider(ErrorKind::kMissCmnd, !is_b && !cmnd.empty())) cmnd.n = 0;
  if (is_b) cmnd.n = 0;
  if (p.bhxh != 0 && !consider(ErrorKind::kMissBhyt, true)) {
    int group = p.bhyt_group, level = p.bhyt_level;
    if (consider(ErrorKind::kBhytGroup, true)) {
      // Another group the person could plausibly be in (the card was re-issued when the
      // situation changed): indices into BhytGroups() with their usual level.
      static constexpr std::pair<int, int> kChild[] = {{0, 1}, {1, 4}, {5, 4}, {6, 1}};
      static constexpr std::pair<int, int> kAdult[] = {{3, 4}, {4, 4}, {5, 4},
                                                       {6, 1}, {2, 4}, {9, 3}};
      static constexpr std::pair<int, int> kOld[] = {{7, 2}, {5, 4}, {6, 1}, {9, 3}};
      const std::span<const std::pair<int, int>> options =
          age < 18   ? std::span<const std::pair<int, int>>(kChild)
          : age < 60 ? std::span<const std::pair<int, int>>(kAdult)
                     : std::span<const std::pair<int, int>>(kOld);
      std::size_t at = rng.Below(static_cast<std::uint32_t>(options.size()));
      if (options[at].first == group) at = (at + 1) % options.size();
      const std::pair<int, int> pick = options[at];
      group = pick.first;
      level = pick.second;
    }
    // Group (2 letters), level (1 digit), province (2 digits), BHXH number (10 digits).
    const std::string_view g = BhytGroups()[group];
    std::memcpy(bhyt.d, g.data(), 2);
    bhyt.d[2] = static_cast<char>('0' + level);
    PutDigits(bhyt.d + 3, p.bhxh / 100'000'000ULL, 2);
    PutDigits(bhyt.d + 5, p.bhxh, 10);
    bhyt.n = 15;
  }
  const bool any_id = !cccd.empty() || !cmnd.empty() || !bhyt.empty();
  if (consider(ErrorKind::kIdTypo, any_id)) {
    Small* ids[3] = {&cccd, &cmnd, &bhyt};
    Small* t = ids[rng.Below(3)];
    while (t->empty()) t = ids[rng.Below(3)];
    DigitTypo(*t, rng, t == &bhyt ? 5 : 0);
  }
  open(kCccd);
  text += cccd.view();
  close(kCccd);
  if (!is_b) {
    open(kCmnd);
    text += cmnd.view();
    close(kCmnd);
  }
  open(kBhyt);
  text += bhyt.view();
  close(kBhyt);

  // Field bounds are 16-bit; a record is a few hundred bytes (the rejoined name below
  // adds at most one name).
  if (text.size() > 0x7FFF) throw std::logic_error("synthetic record too long");

  // ---- Layout.
  if (!is_b) {
    rec.count = static_cast<std::uint8_t>(SynthHeader(SynthFile::kA).size());
    if (!order) {
      rec.begin[2] = fb;
      rec.end[2] = ge;
    } else {
      // Given name first: the parts rejoined after the rest of the record.
      const std::uint16_t parts[3][2] = {{fb, fe}, {mb, me}, {gb, ge}};
      const int seq[2][3] = {{2, 1, 0}, {1, 2, 0}};
      const int* which = rng.Chance(0.5) ? seq[0] : seq[1];
      text.reserve(text.size() + (ge - fb) + 2);
      rec.begin[2] = pos();
      for (int k = 0; k < 3; ++k) {
        const auto [b, e] = parts[which[k]];
        if (b == e) continue;
        if (pos() != rec.begin[2]) text.push_back(' ');
        text.append(text.data() + b, e - b);  // within capacity: no reallocation
      }
      rec.end[2] = pos();
    }
    // Sources: TCMR mostly for children, BHXH, else a provincial or central hospital;
    // link file A holds hospital records only (file B is the insurance side).
    const int home = places_[person_ref.commune].province;
    const int region = SynthReference::Region(home);
    const double s = rng.Uniform();
    // Central hospitals by region, adults then children.
    static constexpr std::string_view kCentral[3][2][2] = {
        {{"BV Bach Mai", "BV Viet Duc"}, {"BV Nhi Trung uong", "BV Bach Mai"}},
        {{"BV Trung uong Hue", "BV Da Nang"}, {"BV Trung uong Hue", "BV Phu san - Nhi Da Nang"}},
        {{"BV Cho Ray", "BV Nhan dan Gia Dinh"}, {"BV Nhi Dong 1", "BV Nhi Dong 2"}}};
    open(1);
    if (!link_ && age < 16 && s < 0.45) {
      text += "TCMR"sv;
    } else if (!link_ && s < 0.75 && s >= 0.45) {
      text += "BHXH"sv;
    } else if (rng.Chance(0.3)) {
      text += kCentral[region][age < 16 ? 1 : 0][rng.Below(2)];
    } else {
      text += provincial_hospital_[home];
    }
    close(1);
  } else {
    rec.count = static_cast<std::uint8_t>(SynthHeader(SynthFile::kB).size());
    if (!order) {
      rec.begin[1] = fb;
      rec.end[1] = mb != me ? me : fe;
      rec.begin[2] = gb;
      rec.end[2] = ge;
    } else {  // a Western form: first name "Văn An", last name "Nguyễn"
      rec.begin[1] = mb != me ? mb : gb;
      rec.end[1] = ge;
      rec.begin[2] = fb;
      rec.end[2] = fe;
    }
  }
}

}  // namespace vnlink::vi
