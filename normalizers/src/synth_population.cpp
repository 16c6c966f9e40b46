#include "normalizers/synth_population.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include "internal/embedded_csv.h"

namespace vnlink::vi {
namespace {

// Approximate population of each pre-2025 province in millions (2019 census, rounded):
// the weight of its communes when homes and birth provinces are drawn. Documented in
// man/vnlink-synth.1 as approximate.
constexpr std::pair<int, double> kProvincePopulation[] = {
    {1, 8.05},  {2, 0.85},  {4, 0.53},  {6, 0.31},  {8, 0.78},  {10, 0.73}, {11, 0.60}, {12, 0.46},
    {14, 1.25}, {15, 0.82}, {17, 0.85}, {19, 1.29}, {20, 0.78}, {22, 1.32}, {24, 1.80}, {25, 1.46},
    {26, 1.15}, {27, 1.37}, {30, 1.89}, {31, 2.03}, {33, 1.25}, {34, 1.86}, {35, 0.85}, {36, 1.78},
    {37, 0.98}, {38, 3.64}, {40, 3.33}, {42, 1.29}, {44, 0.90}, {45, 0.63}, {46, 1.13}, {48, 1.13},
    {49, 1.50}, {51, 1.23}, {52, 1.49}, {54, 0.96}, {56, 1.23}, {58, 0.59}, {60, 1.23}, {62, 0.54},
    {64, 1.51}, {66, 1.87}, {67, 0.62}, {68, 1.30}, {70, 0.99}, {72, 1.17}, {74, 2.43}, {75, 3.10},
    {77, 1.15}, {79, 8.99}, {80, 1.69}, {82, 1.76}, {83, 1.29}, {84, 1.01}, {86, 1.02}, {87, 1.60},
    {89, 1.91}, {91, 1.72}, {92, 1.24}, {93, 0.73}, {94, 1.20}, {95, 0.91}, {96, 1.19}};

// Share of the population by age band 0-4, 5-9, ..., 90-95 (2019 census pyramid, rounded).
constexpr double kAgeBands[] = {7.9, 8.3, 7.6, 6.8, 7.0, 8.0, 8.3, 7.9, 7.3, 6.6,
                                6.0, 5.3, 4.3, 3.2, 2.0, 1.4, 1.0, 0.6, 0.4};

// Share of the combined Hoàng/Huỳnh and Vũ/Võ entries written Huỳnh / Võ, by region.
constexpr double kSouthernFormShare[3][2] = {{0.05, 0.05}, {0.35, 0.50}, {0.60, 0.65}};

// Mobile prefixes in use since the 2018 renumbering (Viettel, MobiFone, VinaPhone,
// Vietnamobile, Gmobile), weighted roughly by subscribers through repetition.
constexpr std::string_view kMobilePrefixes[] = {
    "086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039", "096",
    "097", "098", "089", "090", "093", "070", "076", "077", "078", "079", "090", "088", "091",
    "094", "081", "082", "083", "084", "085", "091", "092", "056", "058", "099", "059"};

// Old 9-digit CMND prefixes by pre-2025 province (Vietnamese Wikipedia, "Chứng minh nhân
// dân"; approximate): the police of the province where the person applied.
constexpr std::pair<int, int> kCmndPrefix[] = {
    {1, 1},   {79, 2},  {31, 3},  {11, 4},  {12, 4},  {14, 5},  {10, 6},  {15, 6},  {2, 7},
    {8, 7},   {20, 8},  {4, 8},   {19, 9},  {6, 9},   {22, 10}, {24, 12}, {27, 12}, {25, 13},
    {26, 13}, {17, 11}, {30, 14}, {33, 14}, {34, 15}, {36, 16}, {35, 16}, {37, 16}, {38, 17},
    {40, 18}, {42, 18}, {44, 19}, {45, 19}, {46, 19}, {48, 20}, {49, 20}, {51, 21}, {62, 21},
    {52, 21}, {54, 22}, {56, 22}, {58, 26}, {60, 26}, {64, 23}, {66, 24}, {67, 24}, {68, 25},
    {75, 27}, {77, 27}, {74, 28}, {70, 28}, {72, 29}, {80, 30}, {82, 31}, {83, 32}, {86, 33},
    {84, 33}, {87, 34}, {89, 35}, {92, 36}, {93, 36}, {94, 36}, {91, 37}, {96, 38}, {95, 38}};

std::string FixEth(std::string s) {
  // U+00D0 -> U+0110, U+00F0 -> U+0111 (the duyet lists mix them).
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) == 0xC3 && i + 1 < s.size() &&
        (static_cast<unsigned char>(s[i + 1]) == 0x90 ||
         static_cast<unsigned char>(s[i + 1]) == 0xB0)) {
      out += static_cast<unsigned char>(s[i + 1]) == 0x90 ? "\xC4\x90" : "\xC4\x91";
      ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

int SampleAge(Rng& rng, int min_age) {
  static const WeightedIndex bands(std::vector<double>(std::begin(kAgeBands), std::end(kAgeBands)));
  for (;;) {
    const int band = static_cast<int>(bands.Sample(rng));
    const int age = band * 5 + static_cast<int>(rng.Below(band == 18 ? 6 : 5));
    if (age >= min_age) return age;
  }
}

}  // namespace

WeightedIndex::WeightedIndex(const std::vector<double>& weights) {
  cumulative_.reserve(weights.size());
  double sum = 0;
  for (double w : weights) cumulative_.push_back(sum += w);
  const std::size_t buckets = 2 * weights.size() + 1;
  bucket_scale_ = static_cast<double>(buckets) / sum;
  guide_.resize(buckets);
  for (std::size_t b = 0; b < buckets; ++b) {
    const double start = static_cast<double>(b) / bucket_scale_;
    guide_[b] = static_cast<std::uint32_t>(
        std::upper_bound(cumulative_.begin(), cumulative_.end(), start) - cumulative_.begin());
  }
}

std::uint32_t WeightedIndex::Sample(Rng& rng) const {
  const double x = rng.Uniform() * cumulative_.back();
  // Start at the guide of x's bucket and walk to the first cumulative weight above x, in
  // either direction: rounding may put x one bucket off, and the walk corrects it, so the
  // result is exactly upper_bound(x).
  const std::size_t n = cumulative_.size();
  std::size_t b = static_cast<std::size_t>(x * bucket_scale_);
  if (b >= guide_.size()) b = guide_.size() - 1;
  std::size_t i = guide_[b];
  while (i > 0 && cumulative_[i - 1] > x) --i;
  while (i < n && cumulative_[i] <= x) ++i;
  return static_cast<std::uint32_t>(std::min(i, n - 1));
}

int SynthReference::Region(int code) { return code <= 37 ? 0 : code <= 68 ? 1 : 2; }

const SynthReference& SynthReference::Get() {
  static const SynthReference ref;
  return ref;
}

SynthReference::SynthReference() {
  // Family names: the published shares, then the UIT sample's other surnames sharing
  // what is left in proportion to their counts.
  const auto fam = internal::LoadEmbeddedCsv("names_family.csv");
  const std::size_t fname = fam.Column("family_name"), fshare = fam.Column("share_pct"),
                    fgroup = fam.Column("variant_group");
  std::vector<double> base;
  std::vector<int> variant;  // 0 none, 1 northern form of a pair, 2 southern form; pair id
  std::vector<int> pair_id;
  double listed = 0;
  std::map<std::string, int> seen_group;
  for (const auto& row : fam.rows) {
    family_names.push_back(row[fname]);
    const double share = std::stod(row[fshare]);
    base.push_back(share);
    if (row[fgroup].empty()) {
      variant.push_back(0);
      pair_id.push_back(-1);
      listed += share;
    } else {
      const int id = row[fgroup].rfind("Hoàng", 0) == 0 ? 0 : 1;
      const bool first = seen_group.emplace(row[fgroup], 1).second;
      variant.push_back(first ? 1 : 2);
      pair_id.push_back(id);
      if (first) listed += share;
    }
  }
  const auto uit = internal::LoadEmbeddedCsv("names_token_freq_uit.csv");
  const std::size_t upart = uit.Column("part"), utoken = uit.Column("token"),
                    ucount = uit.Column("count");
  std::vector<std::pair<std::string, double>> tail;
  double tail_total = 0;
  std::unordered_map<std::string, double> given_count;
  for (const auto& row : uit.rows) {
    if (row[upart] == "given") given_count[row[utoken]] += std::stod(row[ucount]);
    if (row[upart] != "family") continue;
    if (std::find(family_names.begin(), family_names.end(), row[utoken]) != family_names.end())
      continue;
    // Only proper-cased single syllables (the sample has junk like lower-case words).
    const unsigned char c0 = static_cast<unsigned char>(row[utoken][0]);
    if (row[utoken].find(' ') != std::string::npos || (c0 >= 'a' && c0 <= 'z')) continue;
    tail.emplace_back(row[utoken], std::stod(row[ucount]));
    tail_total += tail.back().second;
  }
  const double rest = std::max(0.0, 100.0 - listed);
  for (const auto& [name, count] : tail) {
    family_names.push_back(name);
    base.push_back(rest * count / tail_total);
    variant.push_back(0);
    pair_id.push_back(-1);
  }
  for (int region = 0; region < 3; ++region) {
    std::vector<double> w(base.size());
    for (std::size_t i = 0; i < base.size(); ++i) {
      if (variant[i] == 0) {
        w[i] = base[i];
      } else {
        const double south = kSouthernFormShare[region][pair_id[i]];
        w[i] = base[i] * (variant[i] == 2 ? south : 1 - south);
      }
    }
    (region == 0 ? family_north : region == 1 ? family_central : family_south) = WeightedIndex(w);
  }

  // Given names: "middle given" entries, skewed by how often the given syllable occurs.
  const char* files[2] = {"names_given_male.txt", "names_given_female.txt"};
  for (int sex = 0; sex < 2; ++sex) {
    std::vector<double> w;
    for (std::string line : internal::LoadEmbeddedLines(files[sex])) {
      line = FixEth(std::move(line));
      const std::size_t sp = line.rfind(' ');
      if (sp == std::string::npos) continue;
      GivenEntry e{line.substr(0, sp), line.substr(sp + 1)};
      const auto it = given_count.find(e.given);
      w.push_back(1.0 + (it == given_count.end() ? 0.0 : it->second));
      given[sex].push_back(std::move(e));
    }
    given_weights[sex] = WeightedIndex(w);
  }

  // Communes, weighted by province population; wards (urban) twice a commune's weight.
  const auto units = internal::LoadEmbeddedCsv("admin_units_pre2025.csv");
  const std::size_t pc = units.Column("province_code"), pn = units.Column("province_name"),
                    pf = units.Column("province_full_name"), pt = units.Column("province_type"),
                    dn = units.Column("district_name"), df = units.Column("district_full_name"),
                    dt = units.Column("district_type"), wc = units.Column("ward_code"),
                    wn = units.Column("ward_name"), wf = units.Column("ward_full_name"),
                    wt = units.Column("ward_type");
  province_weight.assign(100, 0.0);
  for (const auto& [code, pop] : kProvincePopulation) province_weight[code] = pop;
  province_first_commune.assign(100, std::numeric_limits<std::uint32_t>::max());
  std::vector<double> units_in(100, 0.0);
  for (const auto& row : units.rows) {
    if (row[wc].empty()) continue;  // island districts without communes
    Commune c{row[pc], row[pn], row[pf], row[pt], row[dn], row[df], row[dt],
              row[wc], row[wn], row[wf], row[wt], "",      "",      0};
    const int code = std::stoi(c.province_code);
    c.province = code;
    c.is_ward = c.ward_type == "Phường";
    c.is_town = c.ward_type == "Thị trấn";
    if (province_weight[code] == 0.0)
      throw std::logic_error("no population weight for province " + c.province_code);
    units_in[code] += c.ward_type == "Phường" ? 2.0 : 1.0;
    province_first_commune[code] =
        std::min<std::uint32_t>(province_first_commune[code], communes.size());
    communes.push_back(std::move(c));
  }
  std::vector<double> cw;
  cw.reserve(communes.size());
  for (const auto& c : communes) {
    const int code = std::stoi(c.province_code);
    cw.push_back(province_weight[code] * (c.ward_type == "Phường" ? 2.0 : 1.0) / units_in[code]);
  }
  commune_weights = WeightedIndex(cw);
  std::vector<double> bw;
  for (const auto& [code, pop] : kProvincePopulation) {
    birth_province_codes.push_back(static_cast<std::uint8_t>(code));
    bw.push_back(pop);
  }
  birth_province = WeightedIndex(bw);

  // The 2025 crosswalk: the new commune and province of each old commune, from a row whose
  // new province agrees with the 2025 gazetteer (one known-wrong row fails this check).
  const auto units25 = internal::LoadEmbeddedCsv("admin_units_2025.csv");
  std::unordered_map<std::string, std::pair<std::string, std::string>> new_units;
  {
    const std::size_t c = units25.Column("ward_code"), f = units25.Column("ward_full_name"),
                      p = units25.Column("province_full_name"),
                      pcode = units25.Column("province_code");
    for (const auto& row : units25.rows) new_units[row[c]] = {row[f], row[pcode] + "|" + row[p]};
  }
  const auto cross = internal::LoadEmbeddedCsv("admin_crosswalk_2025.csv");
  const std::size_t oc = cross.Column("old_ward_code"), nc = cross.Column("new_ward_code_checked"),
                    np = cross.Column("new_province_code"), mt = cross.Column("merge_type");
  std::unordered_map<std::string, std::size_t> by_code;
  for (std::size_t i = 0; i < communes.size(); ++i) by_code[communes[i].ward_code] = i;
  for (const auto& row : cross.rows) {
    const auto ci = by_code.find(row[oc]);
    const auto nu = new_units.find(row[nc]);
    if (ci == by_code.end() || nu == new_units.end()) continue;
    if (nu->second.second.substr(0, 2) != row[np]) continue;
    Commune& c = communes[ci->second];
    // Prefer a 'full' row; otherwise the first candidate of a split commune.
    if (!c.ward_full_2025.empty() && row[mt] != "full") continue;
    c.ward_full_2025 = nu->second.first;
    c.province_full_2025 = nu->second.second.substr(3);
  }

  for (auto p : kMobilePrefixes) mobile_prefixes.emplace_back(p);
  const auto pref = internal::LoadEmbeddedCsv("phone_mobile_prefix_2018.csv");
  for (const auto& row : pref.rows)
    old_prefix.emplace_back(row[pref.Column("new_prefix")], row[pref.Column("old_prefix")]);
}

const std::vector<std::string_view>& BhytGroups() {
  // Beneficiary groups used here: child under 6, pupil, student, enterprise employee,
  // civil servant, household, poor household, retiree, army.
  static const std::vector<std::string_view> kGroups = {"TE", "HS", "SV", "DN", "HC",
                                                        "GD", "HN", "HT", "QN", "CN"};
  return kGroups;
}

const std::vector<std::string_view>& StreetNames() {
  // Street names found in most Vietnamese cities (national heroes, events, places).
  static const std::vector<std::string_view> kStreets = {"Lê Lợi",
                                                         "Trần Hưng Đạo",
                                                         "Nguyễn Trãi",
                                                         "Hai Bà Trưng",
                                                         "Lý Thường Kiệt",
                                                         "Quang Trung",
                                                         "Nguyễn Huệ",
                                                         "Lê Duẩn",
                                                         "Điện Biên Phủ",
                                                         "Hùng Vương",
                                                         "Trần Phú",
                                                         "Phan Chu Trinh",
                                                         "Phan Bội Châu",
                                                         "Nguyễn Du",
                                                         "Lê Lai",
                                                         "Ngô Quyền",
                                                         "Lý Thái Tổ",
                                                         "Nguyễn Văn Cừ",
                                                         "Võ Thị Sáu",
                                                         "Nguyễn Thị Minh Khai",
                                                         "Cách Mạng Tháng Tám",
                                                         "Ba Tháng Hai",
                                                         "Lê Hồng Phong",
                                                         "Trường Chinh",
                                                         "Nguyễn Chí Thanh",
                                                         "Hoàng Văn Thụ",
                                                         "Tôn Đức Thắng",
                                                         "Phạm Văn Đồng",
                                                         "Võ Văn Kiệt",
                                                         "Nguyễn Đình Chiểu",
                                                         "Lê Văn Sỹ",
                                                         "Nguyễn Văn Linh",
                                                         "Pasteur",
                                                         "Bạch Đằng",
                                                         "Hoàng Diệu",
                                                         "Chu Văn An",
                                                         "Trần Quốc Toản",
                                                         "Nguyễn Thái Học",
                                                         "Lạc Long Quân",
                                                         "Âu Cơ",
                                                         "Kim Mã",
                                                         "Giải Phóng",
                                                         "Láng Hạ",
                                                         "Xã Đàn",
                                                         "Cầu Giấy",
                                                         "Tây Sơn",
                                                         "Bà Triệu",
                                                         "Lê Thánh Tôn",
                                                         "Yersinia",
                                                         "Nam Kỳ Khởi Nghĩa",
                                                         "Phan Đình Phùng",
                                                         "Nguyễn Văn Trỗi",
                                                         "Hoàng Hoa Thám",
                                                         "Đinh Tiên Hoàng",
                                                         "Lý Tự Trọng",
                                                         "Trần Nhân Tông",
                                                         "Mạc Đĩnh Chi",
                                                         "Nguyễn Khuyến",
                                                         "Tô Hiến Thành",
                                                         "Huỳnh Thúc Kháng",
                                                         "Phạm Ngũ Lão",
                                                         "Trần Khát Chân",
                                                         "Lê Thanh Nghị",
                                                         "Hòa Bình",
                                                         "Độc Lập",
                                                         "Thống Nhất",
                                                         "Quốc lộ 1A",
                                                         "Tỉnh lộ 10",
                                                         "Nguyễn Tất Thành",
                                                         "Lê Hoàn"};
  return kStreets;
}

const std::vector<std::string_view>& HamletNames() {
  static const std::vector<std::string_view> kHamlets = {
      "1",          "2",         "3",           "4",         "5",        "6",
      "7",          "8",         "9",           "10",        "Đông",     "Tây",
      "Nam",        "Bắc",       "Trung",       "Thượng",    "Hạ",       "Tân Hòa",
      "An Phú",     "Phú Lợi",   "Hòa Bình",    "Tân Lập",   "Đồng Tâm", "Thống Nhất",
      "Quyết Tiến", "Bình An",   "Phước Thạnh", "Tân Thành", "Mỹ Lộc",   "Long Hưng",
      "Đông Hòa",   "Yên Thịnh", "Văn Phú",     "Cầu",       "Chợ",      "Đình"};
  return kHamlets;
}

NameParts PersonName(const SynthReference& ref, const Person& p) {
  const GivenEntry& e = ref.given[p.sex][p.given];
  NameParts n;
  n.family = ref.family_names[p.family];
  n.given = e.given;
  const char* mark = p.sex == 0 ? "Văn" : "Thị";
  switch (p.middle) {
    case MiddleKind::kGenderMark:
      n.middle = mark;
      break;
    case MiddleKind::kDecorative:
      n.middle = e.middle;
      break;
    case MiddleKind::kGenderDecorative:
      n.middle = std::string(mark) + " " + e.middle;
      break;
    case MiddleKind::kMotherSurname:
      // Parents of the same surname do not repeat it: the entry's middle alone.
      n.middle = p.mother_family == p.family ? e.middle
                                             : ref.family_names[p.mother_family] + " " + e.middle;
      break;
    case MiddleKind::kNone:
      break;
  }
  return n;
}

std::string PersonCccd(const Person& p) {
  if (p.cccd_serial == Person::kNoCccd) return "";
  const int century = p.birth_year >= 2000 ? 2 : 0;
  char buf[12];
  auto put = [&](int at, std::uint32_t v, int width) {
    for (int k = width - 1; k >= 0; --k, v /= 10) buf[at + k] = static_cast<char>('0' + v % 10);
  };
  put(0, p.birth_province, 3);
  put(3, static_cast<std::uint32_t>(century + p.sex), 1);
  put(4, p.birth_year % 100u, 2);
  put(6, p.cccd_serial % 1'000'000u, 6);
  return std::string(buf, 12);
}

namespace {

constexpr std::uint64_t kHouseholdSizeStream = 1, kHouseholdStream = 2, kNamesakeStream = 3,
                        kCopiesStream = 4;

// Household sizes (Vietnam averages about 3.5 people).
int HouseholdSize(std::uint64_t seed, std::uint64_t h) {
  static constexpr double kCum[] = {0.12, 0.32, 0.54, 0.80, 0.92, 1.0};
  Rng rng(StreamSeed(seed, kHouseholdSizeStream, h));
  const double u = rng.Uniform();
  int s = 0;
  while (u >= kCum[s]) ++s;
  return s + 1;
}

int BirthProvince(const SynthReference& ref, Rng& rng, int home, double stay) {
  if (rng.Chance(stay)) return home;
  return ref.birth_province_codes[ref.birth_province.Sample(rng)];
}

void SetBirthDate(Rng& rng, Person& p, int age) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  p.birth_year = static_cast<std::uint16_t>(kReferenceYear - age);
  p.birth_month = static_cast<std::uint8_t>(rng.Between(1, 12));
  int days = kDays[p.birth_month - 1];
  const int y = p.birth_year;
  if (p.birth_month == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) days = 29;
  p.birth_day = static_cast<std::uint8_t>(rng.Between(1, days));
}

MiddleKind SampleMiddle(Rng& rng, int age, int sex) {
  const double u = rng.Uniform();
  const double mark = age >= 50 ? 0.60 : age >= 25 ? 0.40 : 0.15;
  const double two = sex == 1 ? 0.14 : 0.06;
  if (u < mark) return MiddleKind::kGenderMark;
  if (u < mark + two) return MiddleKind::kGenderDecorative;
  if (u < mark + two + 0.04) return MiddleKind::kMotherSurname;
  if (u < mark + two + 0.06) return MiddleKind::kNone;
  return MiddleKind::kDecorative;
}

std::uint32_t SamplePhone(const SynthReference& ref, Rng& rng) {
  const std::string& prefix = ref.mobile_prefixes[rng.Below(ref.mobile_prefixes.size())];
  // 9 digits after the 0: the two prefix digits then 7 random digits.
  const int two = (prefix[1] - '0') * 10 + (prefix[2] - '0');
  return static_cast<std::uint32_t>(two * 10'000'000 + static_cast<int>(rng.Below(10'000'000)));
}

void SetIds(const SynthReference& ref, Rng& rng, Person& p, int age, int home) {
  (void)ref;
  const bool cccd = age >= 14 ? rng.Chance(0.97) : rng.Chance(0.35);
  p.cccd_serial = cccd ? rng.Below(1'000'000) : Person::kNoCccd;
  if (age >= 25 && rng.Chance(0.5)) {
    int prefix = 1;
    for (const auto& [code, pre] : kCmndPrefix) {
      if (code == home) prefix = pre;
    }
    p.cmnd = static_cast<std::uint32_t>(prefix * 10'000'000 + rng.Below(10'000'000));
  }
  if (rng.Chance(0.92)) {
    p.bhxh = static_cast<std::uint64_t>(home) * 100'000'000ULL + rng.Below(100'000'000);
    int g, level = 4;
    if (age < 6) {
      g = 0;
      level = 1;
    } else if (age < 18)
      g = 1;
    else if (age < 23)
      g = rng.Chance(0.6) ? 2 : 5;
    else if (age < 60) {
      const double u = rng.Uniform();
      g = u < 0.40 ? 3 : u < 0.50 ? 4 : u < 0.80 ? 5 : u < 0.90 ? 6 : u < 0.93 ? 8 : 9;
      if (g == 6 || g == 8) level = 1;
      if (g == 9) level = 3;
    } else {
      const double u = rng.Uniform();
      g = u < 0.45 ? 7 : u < 0.85 ? 5 : 6;
      level = g == 7 ? 2 : g == 6 ? 1 : 4;
    }
    p.bhyt_group = static_cast<std::uint8_t>(g);
    p.bhyt_level = static_cast<std::uint8_t>(level);
  }
}

std::uint16_t SimilarGiven(const SynthReference& ref, Rng& rng, int sex, std::uint16_t given) {
  const auto& list = ref.given[sex];
  const char first = list[given].given[0];
  std::uint16_t pick = given;
  for (int tries = 0; tries < 40; ++tries) {
    const auto g = static_cast<std::uint16_t>(ref.given_weights[sex].Sample(rng));
    if (list[g].given == list[given].given) continue;
    pick = g;
    if (list[g].given[0] == first) break;
  }
  return pick;
}

// Fills the members of household `h` into out[0..size).
void BuildHousehold(const SynthReference& ref, std::uint64_t seed, std::uint64_t h, Person* out,
                    int size) {
  Rng rng(StreamSeed(seed, kHouseholdStream, h));
  const std::uint32_t commune = ref.commune_weights.Sample(rng);
  const Commune& c = ref.communes[commune];
  const int home = c.province;
  const int region = SynthReference::Region(home);
  const WeightedIndex& fam = region == 0   ? ref.family_north
                             : region == 1 ? ref.family_central
                                           : ref.family_south;
  // Address shared by the household.
  Person addr;
  addr.commune = static_cast<std::uint16_t>(commune);
  if (c.is_ward || (c.is_town && rng.Chance(0.5))) {
    addr.street = static_cast<std::uint16_t>(rng.Below(StreetNames().size()));
    addr.house = static_cast<std::uint16_t>(1 + rng.Below(rng.Chance(0.7) ? 200 : 900));
    if (rng.Chance(0.35)) addr.alley = static_cast<std::uint16_t>(1 + rng.Below(150));
    if (rng.Chance(0.08)) addr.house_letter = static_cast<std::uint8_t>('A' + rng.Below(3));
  } else {
    addr.flags = Person::kRural;
    addr.street = static_cast<std::uint16_t>(rng.Below(HamletNames().size()));
    if (rng.Chance(0.3)) addr.house = static_cast<std::uint16_t>(1 + rng.Below(120));
  }
  const std::uint32_t home_phone = SamplePhone(ref, rng);

  // Head and spouse, then children (or grandchildren) and sometimes a grandparent.
  const int head_age = SampleAge(rng, 20);
  const int head_sex = rng.Chance(0.7) ? 0 : 1;
  int father_family = static_cast<int>(fam.Sample(rng));
  int mother_family = static_cast<int>(fam.Sample(rng));
  int parent_age = head_age;
  int last_child_age = -1;
  for (int i = 0; i < size; ++i) {
    Person& p = out[i];
    p = addr;
    p.household = static_cast<std::uint32_t>(h);
    int age;
    if (i == 0) {
      p.sex = static_cast<std::uint8_t>(head_sex);
      age = head_age;
      p.family = static_cast<std::uint16_t>(head_sex == 0 ? father_family : mother_family);
      p.mother_family = static_cast<std::uint16_t>(fam.Sample(rng));
    } else if (i == 1 && rng.Chance(0.85)) {
      p.sex = static_cast<std::uint8_t>(1 - head_sex);
      age = std::clamp(head_age + rng.Between(-6, 6), 18, 95);
      p.family = static_cast<std::uint16_t>(p.sex == 0 ? father_family : mother_family);
      p.mother_family = static_cast<std::uint16_t>(fam.Sample(rng));
      parent_age = std::min(head_age, age);
    } else if (i == 5 && head_age <= 65) {
      p.sex = static_cast<std::uint8_t>(rng.Below(2));
      age = std::min(95, head_age + rng.Between(22, 32));
      p.family = static_cast<std::uint16_t>(fam.Sample(rng));
      p.mother_family = static_cast<std::uint16_t>(fam.Sample(rng));
    } else {
      p.sex = static_cast<std::uint8_t>(rng.Below(2));
      // Children: the eldest born when the younger parent was 20-35, the others 2-6
      // years apart (younger while possible, otherwise older).
      if (last_child_age < 0) {
        age = parent_age - rng.Between(20, 35);
        // A young couple: the eldest is younger than that gap makes them, but born (not
        // all piled up at age 0, which made the newborns' year three times too large).
        if (age < 0) {
          age = static_cast<int>(
              rng.Below(static_cast<std::uint32_t>(std::max(0, parent_age - 18) + 1)));
        }
      } else {
        age = last_child_age - rng.Between(2, 6);
        if (age < 0) age = last_child_age + rng.Between(2, 6);
        // No room between the parents and the eldest: a younger sibling of the parents.
        if (age > parent_age - 16) age = std::max(0, parent_age - rng.Between(1, 8));
      }
      last_child_age = age;
      p.family = static_cast<std::uint16_t>(father_family);
      p.mother_family = static_cast<std::uint16_t>(mother_family);
    }
    p.given = static_cast<std::uint16_t>(ref.given_weights[p.sex].Sample(rng));
    p.middle = SampleMiddle(rng, age, p.sex);
    SetBirthDate(rng, p, age);
    p.birth_province = static_cast<std::uint8_t>(
        BirthProvince(ref, rng, home, i == 0 || i == 1 || i == 5 ? 0.7 : 0.92));
    p.phone = age < 16           ? home_phone
              : i == 0           ? home_phone
              : rng.Chance(0.88) ? SamplePhone(ref, rng)
                                 : home_phone;
    if (age >= 70 && rng.Chance(0.4)) p.phone = home_phone;
    // Twins: a child born the same day, same middle name, a similar given name.
    const bool twin = (i == 3 || i == 4) && out[i - 1].birth_year + 18 > kReferenceYear &&
                      rng.Chance(0.04) && !(out[i - 1].flags & Person::kTwin);
    if (twin) {
      const Person& sib = out[i - 1];
      p.birth_year = sib.birth_year;
      p.birth_month = sib.birth_month;
      p.birth_day = sib.birth_day;
      p.birth_province = sib.birth_province;
      p.middle = sib.middle;
      if (p.sex != sib.sex && p.middle == MiddleKind::kGenderMark) {
        p.middle = MiddleKind::kDecorative;
      }
      p.given = p.sex == sib.sex ? SimilarGiven(ref, rng, p.sex, sib.given) : p.given;
      age = kReferenceYear - p.birth_year;
    }
    SetIds(ref, rng, p, age, home);
    if (twin) {
      Person& sib = out[i - 1];
      if (p.cccd_serial != Person::kNoCccd && sib.cccd_serial != Person::kNoCccd)
        p.cccd_serial = (sib.cccd_serial + 1 + rng.Below(30)) % 1'000'000;
      p.flags |= Person::kTwin;
      sib.flags |= Person::kTwin;
    }
  }
}

int SampleCopies(Rng& rng, const PopulationOptions& o) {
  int c = 1;
  while (c < o.max_copies && rng.Chance(o.repeat_prob)) ++c;
  return c;
}

}  // namespace

Population BuildPopulation(const SynthReference& ref, std::uint64_t n, std::uint64_t seed,
                           const PopulationOptions& options) {
  // Household sizes first (cheap, sequential), so each household knows its first person.
  std::vector<std::uint64_t> starts;
  std::uint64_t total = 0;
  for (std::uint64_t h = 0; total < n; ++h) {
    starts.push_back(total);
    total += HouseholdSize(seed, h);
  }
  Population pop;
  pop.people.resize(n);
  const std::uint64_t households = starts.size();
  tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, households, 256),
                    [&](const tbb::blocked_range<std::uint64_t>& r) {
                      Person buf[6];
                      for (std::uint64_t h = r.begin(); h != r.end(); ++h) {
                        const int size = HouseholdSize(seed, h);
                        BuildHousehold(ref, seed, h, buf, size);
                        for (int i = 0; i < size && starts[h] + i < n; ++i)
                          pop.people[starts[h] + i] = buf[i];
                      }
                    });
  // Namesakes: about 1% of adults carry the full name of an earlier, unrelated person
  // born the same year (a different day). Sources are never namesakes themselves, so
  // this pass reads only people it does not write.
  auto is_namesake = [&](std::uint64_t i) {
    return i >= 64 && Rng(StreamSeed(seed, kNamesakeStream, i)).Chance(0.01);
  };
  tbb::parallel_for(
      tbb::blocked_range<std::uint64_t>(0, n, 4096),
      [&](const tbb::blocked_range<std::uint64_t>& r) {
        for (std::uint64_t i = r.begin(); i != r.end(); ++i) {
          if (!is_namesake(i)) continue;
          Rng rng(StreamSeed(seed, kNamesakeStream, i, 1));
          Person& p = pop.people[i];
          if (p.flags & Person::kTwin) continue;
          // An earlier person of the same surname and sex born within a
          // year; p takes their middle and given name and birth year.
          // The candidates do not depend on the checks, so they are drawn
          // first and prefetched ahead of the scan (each is a cache miss in
          // a large population).
          constexpr int kTries = 256, kAhead = 16;
          std::uint32_t cand[kTries];
          for (int t = 0; t < kTries; ++t)
            cand[t] = rng.Below(static_cast<std::uint32_t>(std::min<std::uint64_t>(i, 0xFFFFFFFF)));
          for (int t = 0; t < kAhead; ++t) __builtin_prefetch(&pop.people[cand[t]]);
          for (int tries = 0; tries < kTries; ++tries) {
            if (tries + kAhead < kTries) __builtin_prefetch(&pop.people[cand[tries + kAhead]]);
            const std::uint64_t src = cand[tries];
            const Person& s = pop.people[src];
            if (is_namesake(src) || s.household == p.household || (s.flags & Person::kTwin) ||
                s.family != p.family || s.sex != p.sex || s.birth_year + 1 < p.birth_year ||
                p.birth_year + 1 < s.birth_year)
              continue;
            p.mother_family = s.mother_family;
            p.given = s.given;
            p.middle = s.middle;
            p.birth_year = s.birth_year;
            if (p.birth_month == s.birth_month && p.birth_day == s.birth_day)
              p.birth_day = static_cast<std::uint8_t>(p.birth_day % 28 + 1);
            p.flags |= Person::kNamesake;
            break;
          }
        }
      });
  // Records per person and file.
  for (std::uint64_t i = 0; i < n; ++i) {
    Rng rng(StreamSeed(seed, kCopiesStream, i));
    Person& p = pop.people[i];
    if (!options.link) {
      p.copies_a = static_cast<std::uint8_t>(SampleCopies(rng, options));
      p.copies_b = 0;
    } else {
      const double u = rng.Uniform();
      const bool both = u < options.overlap;
      const bool in_a = both || u < options.overlap + (1 - options.overlap) / 2;
      const bool in_b = both || !in_a;
      auto copies = [&] { return options.duplicates_within ? SampleCopies(rng, options) : 1; };
      p.copies_a = static_cast<std::uint8_t>(in_a ? copies() : 0);
      p.copies_b = static_cast<std::uint8_t>(in_b ? copies() : 0);
    }
    pop.records_a += p.copies_a;
    pop.records_b += p.copies_b;
  }
  return pop;
}

}  // namespace vnlink::vi
