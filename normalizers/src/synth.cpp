#include "normalizers/synth.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>
#include <string_view>

#include "normalizers/synth_text.h"

namespace vnlink::vi {
namespace {

constexpr std::uint64_t kRecordStream = 11, kShuffleStream = 12;

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Join into an existing string, reusing its capacity.
void JoinInto(std::string& out, std::initializer_list<std::string_view> parts,
              std::string_view sep) {
  out.clear();
  for (std::string_view p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
}

std::string Join(std::initializer_list<std::string_view> parts, std::string_view sep) {
  std::string out;
  for (std::string_view p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::string Digits(std::uint64_t v, int width) {
  char buf[24];
  int i = 24;
  do {
    buf[--i] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0 && i > 0);
  while (24 - i < width && i > 0) buf[--i] = '0';
  return std::string(buf + i, buf + 24);
}

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

std::string DigitTypo(const std::string& digits, Rng& rng, std::size_t keep_prefix) {
  std::string out = digits;
  std::size_t first = 0;
  while (first < out.size() && !(out[first] >= '0' && out[first] <= '9')) ++first;
  first = std::max(first, keep_prefix);
  if (out.size() < first + 2) return out;
  const std::size_t i = first + rng.Below(static_cast<std::uint32_t>(out.size() - first - 1));
  if (rng.Chance(0.5) && out[i] != out[i + 1]) {
    std::swap(out[i], out[i + 1]);
  } else {
    out[i] = static_cast<char>('0' + (out[i] - '0' + 1 + rng.Below(9)) % 10);
  }
  return out;
}

// Unit names are views into the gazetteer until an error rewrites them (saves copies).
struct Address {
  std::string street;
  std::string_view ward, district, province;
  std::string own[3];
  void Rewrite(int i, std::string text) {
    own[i] = std::move(text);
    (i == 0 ? ward : i == 1 ? district : province) = own[i];
  }
};

bool IsSouthernStyle(int region) { return region == 2; }

std::string StreetPart(const Person& p, const Commune& c, Rng& rng) {
  const int region = SynthReference::Region(c.province);
  if (p.flags & Person::kRural) {
    const char* unit = region == 2 ? "Ấp" : (region == 0 && p.street % 3 == 0) ? "Xóm" : "Thôn";
    const std::string hamlet =
        std::string(unit) + " " + std::string(HamletNames()[p.street % HamletNames().size()]);
    return p.house ? "Số " + std::to_string(p.house) + ", " + hamlet : hamlet;
  }
  std::string house = std::to_string(p.house);
  if (p.house_letter) house.push_back(static_cast<char>(p.house_letter));
  const std::string street(StreetNames()[p.street % StreetNames().size()]);
  if (p.alley == 0) return (rng.Chance(0.3) ? "Số " : "") + house + " " + street;
  if (IsSouthernStyle(region)) {
    return rng.Chance(0.8) ? std::to_string(p.alley) + "/" + house + " " + street
                           : house + " Hẻm " + std::to_string(p.alley) + " " + street;
  }
  return (rng.Chance(0.5) ? "Số " : "") + house + " Ngõ " + std::to_string(p.alley) + " " + street;
}

std::string AbbrevUnit(const std::string& full, Rng& rng) {
  struct Rule {
    std::string_view word;
    std::string_view forms[3];
  };
  static constexpr Rule kRules[] = {{"Phường ", {"P. ", "P.", "F."}},
                                    {"Xã ", {"X. ", "xã ", "X."}},
                                    {"Thị trấn ", {"TT. ", "TT.", "tt "}},
                                    {"Quận ", {"Q. ", "Q.", "Q"}},
                                    {"Huyện ", {"H. ", "H.", "huyện "}},
                                    {"Thị xã ", {"TX. ", "TX.", "Tx "}},
                                    {"Thành phố ", {"TP. ", "Tp. ", "TP "}},
                                    {"Tỉnh ", {"", "T. ", "tỉnh "}},
                                    {"Đặc khu ", {"ĐK. ", "Đặc khu ", "đặc khu "}}};
  if (full == "Thành phố Hồ Chí Minh") {
    static constexpr std::string_view kHcm[] = {"TPHCM", "TP.HCM",  "Tp.HCM",         "TP HCM",
                                                "HCM",   "Sài Gòn", "TP. Hồ Chí Minh"};
    return std::string(kHcm[rng.Below(std::size(kHcm))]);
  }
  if (full == "Thành phố Hà Nội") {
    static constexpr std::string_view kHn[] = {"HN", "Hà Nội", "TP. Hà Nội", "Tp Hà Nội"};
    return std::string(kHn[rng.Below(std::size(kHn))]);
  }
  for (const Rule& r : kRules) {
    if (full.rfind(r.word, 0) != 0) continue;
    std::string rest = full.substr(r.word.size());
    std::string_view form = r.forms[rng.Below(3)];
    // Numbered units are written tight and sometimes with a leading zero: "P.05", "Q3".
    const bool numbered = !rest.empty() && rest[0] >= '0' && rest[0] <= '9';
    if (numbered) {
      if (form.back() == ' ' && rng.Chance(0.6)) form.remove_suffix(1);
      if (rest.size() == 1 && rng.Chance(0.3)) rest = "0" + rest;
    }
    return std::string(form) + rest;
  }
  return full;
}

// Picks a different date format than the layout's base one.
std::string FormatDob(int y, int m, int d, int style) {
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
  return std::string(buf, o);
}
constexpr int kDobStyles = 8;

std::string PhoneFormat(const std::string& national, Rng& rng) {
  // national: "0" + 9 or 10 digits.
  const std::string rest = national.substr(1);
  switch (rng.Below(6)) {
    case 0:
      return national.substr(0, 4) + " " + national.substr(4, 3) + " " + national.substr(7);
    case 1:
      return national.substr(0, 4) + "." + national.substr(4, 3) + "." + national.substr(7);
    case 2:
      return "+84" + rest;
    case 3:
      return "+84 " + rest.substr(0, 3) + " " + rest.substr(3, 3) + " " + rest.substr(6);
    case 4:
      return "84" + rest;
    default:
      return "(+84) " + rest;
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
  id += Digits(person, 8);
  return id;
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
}

void SynthGenerator::GenerateChunk(std::size_t chunk, SynthFile file,
                                   std::vector<SynthRecord>& out) const {
  // Records already in `out` are overwritten in place, so a caller that reuses the
  // vector reuses every field's buffer.
  std::size_t count = 0;
  const std::size_t start = chunk * kChunkPeople;
  const std::size_t end = std::min(pop_.people.size(), start + kChunkPeople);
  for (std::size_t i = start; i < end; ++i) {
    const Person& p = pop_.people[i];
    const int copies = file == SynthFile::kA ? p.copies_a : p.copies_b;
    for (int k = 0; k < copies; ++k) {
      if (count == out.size()) out.emplace_back();
      GenerateRecordInto(static_cast<std::uint32_t>(i), file, k, out[count++]);
    }
  }
  out.resize(count);
  Rng rng(StreamSeed(seed_, kShuffleStream, chunk, static_cast<std::uint64_t>(file)));
  for (std::size_t i = out.size(); i > 1; --i)
    std::swap(out[i - 1], out[rng.Below(static_cast<std::uint32_t>(i))]);
  std::uint64_t next = file == SynthFile::kA ? offsets_[chunk].a : offsets_[chunk].b;
  const char prefix = !link_ ? 'R' : file == SynthFile::kA ? 'A' : 'B';
  for (auto& r : out) {
    r.fields[0].assign(1, prefix);
    r.fields[0] += Digits(++next, id_width_);
  }
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
  rec.person_id = PersonId(person);
  rec.applied = 0;
  rec.eligible = 0;
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

  // ---- Name.
  NameParts n = PersonName(ref_, p);
  {
    const int partner = variant_of_[p.family];
    if (consider(ErrorKind::kNameVariant, partner >= 0)) n.family = ref_.family_names[partner];
  }
  if (consider(ErrorKind::kNameNoMiddle, !n.middle.empty())) n.middle.clear();
  const bool order = consider(ErrorKind::kNameOrder, true);
  const bool ascii = consider(ErrorKind::kNameAscii, true);
  const bool telex = consider(ErrorKind::kNameTelex, !ascii);
  if (consider(ErrorKind::kNameTypo, true)) {
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
  const std::string* parts[3] = {&n.family, &n.middle, &n.given};
  auto any_part = [&](auto&& test) {
    for (const std::string* s : parts) {
      if (test(*s)) return true;
    }
    return false;
  };
  // The placement check is the costliest eligibility test: skip it when the draw says
  // the kind would not apply anyway and eligibility is not being tracked.
  const bool tone_draw = hit(ErrorKind::kNameToneNew);
  const bool tone_new =
      consider(ErrorKind::kNameToneNew,
               !ascii && !telex && (tone_draw || track_eligible_) &&
                   any_part([](const std::string& s) { return ToneStyle(s, true) != s; }));
  // Ð and NFD are Unicode phenomena: a legacy-encoded record cannot carry them.
  const bool unicode_ok = !ascii && !telex && encoding < 0;
  const bool eth =
      consider(ErrorKind::kNameEth,
               unicode_ok && any_part([](const std::string& s) { return HasDstroke(s); }));
  const bool caps = consider(ErrorKind::kNameCaps, true);
  const bool nfd =
      consider(ErrorKind::kNameNfd,
               unicode_ok && any_part([](const std::string& s) { return !IsAscii(s); }));
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
  if (tone_new || telex || ascii || caps || eth || nfd || encoding >= 0) {
    name_text(n.family);
    name_text(n.middle);
    name_text(n.given);
  }

  // ---- Birth date.
  std::string dob;
  {
    const int base_style = is_b ? 1 : 0;
    if (!consider(ErrorKind::kMissDob, true)) {
      int y = p.birth_year, m = p.birth_month, d = p.birth_day;
      if (consider(ErrorKind::kDobYearOnly, true)) {
        dob = std::to_string(y);
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
        dob = FormatDob(y, m, d, style);
      }
    }
  }

  // ---- Sex.
  std::string sex;
  if (!consider(ErrorKind::kMissSex, true)) {
    static constexpr std::string_view kCodes[][2] = {{"Nam", "Nữ"}, {"1", "2"},    {"M", "F"},
                                                     {"nam", "nu"}, {"NAM", "NỮ"}, {"Nam", "Nu"}};
    int style = is_b ? 1 : 0;
    if (consider(ErrorKind::kSexFormat, true)) {
      int s = static_cast<int>(rng.Below(std::size(kCodes) - 1));
      if (s >= style) ++s;
      style = s;
    }
    sex = kCodes[style][p.sex];
  }

  // ---- Address.
  Address addr;
  if (!consider(ErrorKind::kMissAddress, true)) {
    if (consider(ErrorKind::kAddrMoved, true)) {
      // Another home: usually in the same province, sometimes anywhere.
      const int code = ref_.communes[p.commune].province;
      const auto [lo, hi] = province_range_[code];
      std::uint32_t c =
          rng.Chance(0.6) ? lo + rng.Below(hi - lo) : ref_.commune_weights.Sample(rng);
      if (c == p.commune) c = ref_.commune_weights.Sample(rng);
      p.commune = static_cast<std::uint16_t>(c);
      p.street = static_cast<std::uint16_t>(rng.Below(StreetNames().size()));
      p.house = static_cast<std::uint16_t>(1 + rng.Below(300));
      p.alley = rng.Chance(0.3) ? static_cast<std::uint16_t>(1 + rng.Below(100)) : 0;
      p.house_letter = 0;
      const bool rural = ref_.communes[c].ward_type == "Xã";
      p.flags = static_cast<std::uint8_t>(rural ? (p.flags | Person::kRural)
                                                : (p.flags & ~Person::kRural));
      if (rural) p.street = static_cast<std::uint16_t>(rng.Below(HamletNames().size()));
    }
    const Commune& c = ref_.communes[p.commune];
    Rng street_rng(StreamSeed(seed_, kRecordStream, p.household, 0xADD0 + p.commune));
    addr.street = StreetPart(p, c, street_rng);
    if (consider(ErrorKind::kAddr2025, !c.ward_full_2025.empty())) {
      addr.ward = c.ward_full_2025;
      addr.province = c.province_full_2025;
    } else {
      addr.ward = c.ward_full;
      addr.district = c.district_full;
      addr.province = c.province_full;
    }
    if (consider(ErrorKind::kAddrAbbrev, true)) {
      addr.Rewrite(0, AbbrevUnit(std::string(addr.ward), rng));
      addr.Rewrite(1, AbbrevUnit(std::string(addr.district), rng));
      addr.Rewrite(2, AbbrevUnit(std::string(addr.province), rng));
      if (addr.street.rfind("Số ", 0) == 0) addr.street.erase(0, std::string_view("Số ").size());
    }
    const bool addr_ascii = consider(ErrorKind::kAddrAscii, true);
    if (addr_ascii || encoding >= 0) {
      auto fix = [&](std::string_view text) {
        std::string t = addr_ascii ? DropDiacritics(text) : std::string(text);
        if (encoding >= 0) t = LegacyMojibake(t, static_cast<LegacyEncoding>(encoding));
        return t;
      };
      addr.street = fix(addr.street);
      addr.Rewrite(0, fix(addr.ward));
      addr.Rewrite(1, fix(addr.district));
      addr.Rewrite(2, fix(addr.province));
    }
  }

  // ---- Phone.
  std::string phone;
  if (p.phone != 0 && !consider(ErrorKind::kMissPhone, true)) {
    phone = "0" + Digits(p.phone, 9);
    const std::string& old = old_prefix_[(phone[1] - '0') * 10 + (phone[2] - '0')];
    if (consider(ErrorKind::kPhoneOldPrefix, !old.empty())) phone = old + phone.substr(3);
    if (consider(ErrorKind::kPhoneTypo, true)) phone = DigitTypo(phone, rng, 3);
    if (consider(ErrorKind::kPhoneFormat, true)) phone = PhoneFormat(phone, rng);
  }

  // ---- Identifiers.
  std::string cccd = PersonCccd(p);
  if (consider(ErrorKind::kMissCccd, !cccd.empty())) cccd.clear();
  std::string cmnd = p.cmnd ? Digits(p.cmnd, 9) : "";
  if (consider(ErrorKind::kMissCmnd, !is_b && !cmnd.empty())) cmnd.clear();
  if (is_b) cmnd.clear();
  std::string bhyt;
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
    bhyt = std::string(BhytGroups()[group]) + std::to_string(level) +
           Digits(p.bhxh / 100'000'000ULL, 2) + Digits(p.bhxh, 10);
  }
  const bool any_id = !cccd.empty() || !cmnd.empty() || !bhyt.empty();
  if (consider(ErrorKind::kIdTypo, any_id)) {
    std::string* ids[3] = {&cccd, &cmnd, &bhyt};
    std::string* t = ids[rng.Below(3)];
    while (t->empty()) t = ids[rng.Below(3)];
    *t = DigitTypo(*t, rng, t == &bhyt ? 5 : 0);
  }

  // ---- Layout.
  if (!is_b) {
    rec.fields.resize(SynthHeader(SynthFile::kA).size());
    rec.fields[0].clear();
    std::string& name = rec.fields[2];
    if (!order)
      JoinInto(name, {n.family, n.middle, n.given}, " ");
    else if (rng.Chance(0.5))
      JoinInto(name, {n.given, n.middle, n.family}, " ");
    else
      JoinInto(name, {n.middle, n.given, n.family}, " ");
    // Sources: TCMR mostly for children, BHXH, else a provincial or central hospital;
    // link file A holds hospital records only (file B is the insurance side).
    std::string& source = rec.fields[1];
    const int home = ref_.communes[person_ref.commune].province;
    const int region = SynthReference::Region(home);
    const double s = rng.Uniform();
    // Central hospitals by region, adults then children.
    static constexpr std::string_view kCentral[3][2][2] = {
        {{"BV Bach Mai", "BV Viet Duc"}, {"BV Nhi Trung uong", "BV Bach Mai"}},
        {{"BV Trung uong Hue", "BV Da Nang"}, {"BV Trung uong Hue", "BV Phu san - Nhi Da Nang"}},
        {{"BV Cho Ray", "BV Nhan dan Gia Dinh"}, {"BV Nhi Dong 1", "BV Nhi Dong 2"}}};
    if (!link_ && age < 16 && s < 0.45) {
      source.assign("TCMR");
    } else if (!link_ && s < 0.75 && s >= 0.45) {
      source.assign("BHXH");
    } else if (rng.Chance(0.3)) {
      source.assign(kCentral[region][age < 16 ? 1 : 0][rng.Below(2)]);
    } else {
      source.assign(provincial_hospital_[home]);
    }
    JoinInto(rec.fields[5], {addr.street, addr.ward, addr.district, addr.province}, ", ");
    rec.fields[3].swap(dob);
    rec.fields[4].swap(sex);
    rec.fields[6].swap(phone);
    rec.fields[7].swap(cccd);
    rec.fields[8].swap(cmnd);
    rec.fields[9].swap(bhyt);
  } else {
    std::string ho_dem = Join({n.family, n.middle}, " ");
    std::string ten = n.given;
    if (order) {  // a Western form: first name "Văn An", last name "Nguyễn"
      ho_dem = Join({n.middle, n.given}, " ");
      ten = n.family;
    }
    rec.fields.resize(SynthHeader(SynthFile::kB).size());
    rec.fields[0].clear();
    rec.fields[1].swap(ho_dem);
    rec.fields[2].swap(ten);
    rec.fields[3].swap(dob);
    rec.fields[4].swap(sex);
    rec.fields[5].swap(addr.street);
    rec.fields[6].assign(addr.ward);
    rec.fields[7].assign(addr.district);
    rec.fields[8].assign(addr.province);
    rec.fields[9].swap(phone);
    rec.fields[10].swap(cccd);
    rec.fields[11].swap(bhyt);
  }
}

}  // namespace vnlink::vi
