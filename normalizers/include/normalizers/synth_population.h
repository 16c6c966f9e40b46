// File: normalizers/synth_population.h
//
// The synthetic population behind `vnlink synth`: people with Vietnamese names, birth
// dates, birth provinces, homes in real communes of the pre-2025 gazetteer, phones, CCCD,
// old CMND and BHYT numbers, grouped in households (family members share address, phone and
// surname), with twins and namesakes as deliberate hard negatives. Only the people are held
// in memory (about 56 bytes each); records are generated from them on the fly (synth.h).
//
//   const auto& ref = vnlink::vi::SynthReference::Get();
//   vnlink::vi::Population pop = vnlink::vi::BuildPopulation(ref, 10000, /*seed=*/42);
//   vnlink::vi::NameParts n = vnlink::vi::PersonName(ref, pop.people[0]);
//
// Everything is a pure function of (seed, index): households are built in parallel chunks
// with counter-based random numbers, so the result does not depend on the thread count.

#ifndef NORMALIZERS_SYNTH_POPULATION_H_
#define NORMALIZERS_SYNTH_POPULATION_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vnlink::vi {

// splitmix64 finaliser: a strong 64-bit mix used to derive independent streams.
[[nodiscard]] constexpr std::uint64_t Mix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}
// A seed for stream `stream` of item `index` under the user's `seed`.
[[nodiscard]] constexpr std::uint64_t StreamSeed(std::uint64_t seed, std::uint64_t stream,
                                                 std::uint64_t index, std::uint64_t sub = 0) {
  return Mix64(Mix64(Mix64(seed ^ Mix64(stream)) ^ index) ^ sub);
}

// splitmix64 generator: small, fast, and seeded per item so work can be split freely.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    state_ += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Uniform integer in [0, n); n > 0.
  std::uint32_t Below(std::uint32_t n) {
    return static_cast<std::uint32_t>(((Next() >> 32) * n) >> 32);
  }
  // Uniform integer in [lo, hi].
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(hi - lo + 1)); }
  bool Chance(double p) { return Uniform() < p; }

 private:
  std::uint64_t state_;
};

// A discrete distribution over indices, by cumulative weights. Sampling is the inverse
// CDF (the first index whose cumulative weight exceeds u * total), found through a guide
// table of equal-width buckets in O(1) expected steps: the same index a binary search
// gives, without its cache misses on the 10,000-commune table.
class WeightedIndex {
 public:
  WeightedIndex() = default;
  // Weights must be non-negative with a positive sum.
  explicit WeightedIndex(const std::vector<double>& weights);
  // An index drawn with probability proportional to its weight (one Rng draw).
  std::uint32_t Sample(Rng& rng) const;
  std::size_t size() const { return cumulative_.size(); }

 private:
  std::vector<double> cumulative_;
  std::vector<std::uint32_t> guide_;  // bucket b -> first index with cumulative > b's start
  double bucket_scale_ = 0;           // buckets per unit of weight
};

// One commune-level unit of the pre-2025 gazetteer (admin_units_pre2025.csv).
struct Commune {
  std::string province_code, province_name, province_full, province_type;
  std::string district_name, district_full, district_type;
  std::string ward_code, ward_name, ward_full, ward_type;
  // Where the crosswalk puts it on the 1 July 2025 map; empty when it has no usable row.
  std::string ward_full_2025, province_full_2025;
  int province = 0;  // province_code as a number
  // ward_type as flags, next to `province`: the household builder reads them for every
  // household, and string compares on a random row were a cache miss each.
  bool is_ward = false;  // Phường
  bool is_town = false;  // Thị trấn
};

// A given-name entry of names_given_*.txt: the decorative middle and the given name.
struct GivenEntry {
  std::string middle;  // "Anh" in "Anh Dũng"; may be two syllables
  std::string given;   // "Dũng"
};

// The reference tables, loaded once from the embedded data (immutable, thread-safe).
class SynthReference {
 public:
  // The process-wide instance, built on first use (thread-safe).
  static const SynthReference& Get();

  std::vector<std::string> family_names;  // Nguyễn, Trần, ... then the UIT tail
  WeightedIndex family_north, family_central, family_south;
  std::vector<GivenEntry> given[2];  // [0] male, [1] female; Ð fixed on load
  WeightedIndex given_weights[2];    // skewed by the UIT given-name counts
  std::vector<Commune> communes;
  std::vector<std::uint32_t> province_first_commune;  // by numeric code, or UINT32_MAX
  WeightedIndex commune_weights;        // population-weighted (see synth_population.cpp)
  std::vector<double> province_weight;  // by numeric pre-2025 code, 0 = none
  WeightedIndex birth_province;         // numeric codes, population-weighted
  std::vector<std::uint8_t> birth_province_codes;
  std::vector<std::string> mobile_prefixes;                     // current 3-digit prefixes, "091"
  std::vector<std::pair<std::string, std::string>> old_prefix;  // new "032" -> old "0162"

  // The region of a pre-2025 province code: 0 north, 1 central, 2 south.
  static int Region(int province_code);

 private:
  SynthReference();
};

// Middle-name shapes (see PersonName).
enum class MiddleKind : std::uint8_t {
  kGenderMark,        // Văn/Thị + given: Nguyễn Văn Hùng
  kDecorative,        // the entry's middle: Nguyễn Anh Dũng
  kGenderDecorative,  // two syllables: Nguyễn Thị Bích Thủy
  kMotherSurname,     // mother's surname + entry middle: Trần Lê Quốc Toàn
  kNone,              // family + given only: Nguyễn Trãi
};

// One person, compact: names and places are indices into SynthReference.
struct Person {
  std::uint32_t household = 0;
  std::uint16_t family = 0;         // SynthReference::family_names
  std::uint16_t mother_family = 0;  // for kMotherSurname
  std::uint16_t given = 0;          // SynthReference::given[sex]
  MiddleKind middle = MiddleKind::kDecorative;
  std::uint8_t sex = 0;  // 0 male, 1 female
  std::uint16_t birth_year = 0;
  std::uint8_t birth_month = 0, birth_day = 0;
  std::uint8_t birth_province = 0;              // pre-2025 GSO code
  std::uint8_t bhyt_group = 0, bhyt_level = 0;  // index into BhytGroups(); level 1-5
  std::uint8_t flags = 0;                       // kTwin, kNamesake, kRural (hamlet address)
  std::uint16_t commune = 0;                    // SynthReference::communes
  std::uint16_t street = 0;                     // street or hamlet index
  std::uint16_t house = 0;                      // house number, 0 = none (rural)
  std::uint16_t alley = 0;                      // alley number, 0 = none
  std::uint8_t house_letter = 0;                // 'A', 'B' or 0
  std::uint8_t copies_a = 0, copies_b = 0;      // records in file A (dedupe: the only file) / B
  std::uint32_t phone = 0;                      // the 9 digits after the leading 0; 0 = none
  std::uint32_t cccd_serial = 0;                // last 6 digits; kNoCccd when none
  std::uint32_t cmnd = 0;                       // 9-digit old id; 0 = none
  std::uint64_t bhxh = 0;                       // 10-digit social-insurance number; 0 = none

  static constexpr std::uint32_t kNoCccd = 0xFFFFFFFF;
  static constexpr std::uint8_t kTwin = 1, kNamesake = 2, kRural = 4;
};

struct NameParts {
  std::string family, middle, given;  // middle may be empty or two syllables
};
// The person's name in its registered spelling (NFC, old-style tone placement as in the
// source lists).
[[nodiscard]] NameParts PersonName(const SynthReference& ref, const Person& p);
// The 12-digit CCCD ("" when none): birth province, century/sex digit, year, serial.
[[nodiscard]] std::string PersonCccd(const Person& p);
// BHYT beneficiary group codes ("TE", "HS", ...), indexed by Person::bhyt_group.
[[nodiscard]] const std::vector<std::string_view>& BhytGroups();
// Street names (urban) and hamlet names (rural) used for Person::street.
[[nodiscard]] const std::vector<std::string_view>& StreetNames();
[[nodiscard]] const std::vector<std::string_view>& HamletNames();

// How people are spread over the output files.
struct PopulationOptions {
  int max_copies = 5;              // records per person and file: 1..max_copies
  double repeat_prob = 0.45;       // P(another record) — truncated geometric, skewed to 1
  bool link = false;               // two files A and B
  double overlap = 0.5;            // link: share of people in both files
  bool duplicates_within = false;  // link: may a person appear twice in one file?
};

struct Population {
  std::vector<Person> people;
  std::uint64_t records_a = 0, records_b = 0;
};

// Builds `n` people for `seed`. Uses oneTBB for large n; output independent of threads.
[[nodiscard]] Population BuildPopulation(const SynthReference& ref, std::uint64_t n,
                                         std::uint64_t seed, const PopulationOptions& options = {});

// The reference year for ages and CCCD/CMND issue (records describe 2025).
inline constexpr int kReferenceYear = 2025;

}  // namespace vnlink::vi

#endif  // NORMALIZERS_SYNTH_POPULATION_H_
