#include "normalizers/synth_population.h"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>

namespace vnlink::vi {
namespace {

const Population& Pop20k() {
  static const Population pop = BuildPopulation(SynthReference::Get(), 20000, 7);
  return pop;
}

TEST(SynthPopulation, ReferenceTablesLoad) {
  const auto& ref = SynthReference::Get();
  EXPECT_EQ(ref.communes.size(), 10035u);  // every commune of the pre-2025 map
  EXPECT_EQ(ref.family_names[0], "Nguyễn");
  EXPECT_GT(ref.family_names.size(), 100u);  // the UIT tail
  for (int sex = 0; sex < 2; ++sex) {
    EXPECT_GT(ref.given[sex].size(), 1200u);
    for (const auto& e : ref.given[sex]) {
      EXPECT_EQ(e.given.find("\xC3\x90"), std::string::npos) << e.given;  // no U+00D0
      EXPECT_EQ(e.middle.find("\xC3\x90"), std::string::npos) << e.middle;
    }
  }
  // Most communes have a place on the 2025 map through the crosswalk.
  int mapped = 0;
  for (const auto& c : ref.communes) mapped += !c.ward_full_2025.empty();
  EXPECT_GT(mapped, 9900);
}

TEST(SynthPopulation, FamilyNamesFollowPublishedShares) {
  const auto& ref = SynthReference::Get();
  std::map<std::string, int> count;
  for (const auto& p : Pop20k().people) ++count[ref.family_names[p.family]];
  const double n = 20000;
  EXPECT_NEAR(count["Nguyễn"] / n, 0.384, 0.025);
  EXPECT_NEAR(count["Trần"] / n, 0.11, 0.015);
  EXPECT_NEAR(count["Lê"] / n, 0.095, 0.015);
  EXPECT_NEAR((count["Hoàng"] + count["Huỳnh"]) / n, 0.051, 0.01);
  EXPECT_GT(count["Huỳnh"], 0);
  EXPECT_GT(count["Hoàng"], 0);
}

TEST(SynthPopulation, AgesFollowAPyramid) {
  int under15 = 0, over60 = 0;
  for (const auto& p : Pop20k().people) {
    const int age = kReferenceYear - p.birth_year;
    ASSERT_GE(age, 0);
    ASSERT_LE(age, 95);
    under15 += age < 15;
    over60 += age >= 60;
    ASSERT_GE(p.birth_month, 1);
    ASSERT_LE(p.birth_month, 12);
    ASSERT_GE(p.birth_day, 1);
    ASSERT_LE(p.birth_day, 31);
  }
  EXPECT_GT(under15, 20000 * 0.15);
  EXPECT_LT(under15, 20000 * 0.35);
  EXPECT_GT(over60, 20000 * 0.06);
  EXPECT_LT(over60, 20000 * 0.25);
}

TEST(SynthPopulation, CccdAgreesWithBirthProvinceSexAndYear) {
  int with = 0, children_without = 0;
  for (const auto& p : Pop20k().people) {
    const std::string id = PersonCccd(p);
    if (id.empty()) {
      children_without += kReferenceYear - p.birth_year < 14;
      continue;
    }
    ++with;
    ASSERT_EQ(id.size(), 12u);
    EXPECT_EQ(std::stoi(id.substr(0, 3)), p.birth_province);
    const int g = id[3] - '0';
    EXPECT_EQ(g % 2, p.sex);
    EXPECT_EQ(g / 2, p.birth_year >= 2000 ? 1 : 0);
    EXPECT_EQ(std::stoi(id.substr(4, 2)), p.birth_year % 100);
  }
  EXPECT_GT(with, 20000 * 0.6);
  EXPECT_GT(children_without, 0);
}

TEST(SynthPopulation, HouseholdsShareAddressAndHardNegativesExist) {
  const auto& ref = SynthReference::Get();
  const auto& people = Pop20k().people;
  int twins = 0, namesakes = 0, shared_phone = 0;
  for (std::size_t i = 1; i < people.size(); ++i) {
    const Person& a = people[i - 1];
    const Person& b = people[i];
    if (a.household == b.household) {
      EXPECT_EQ(a.commune, b.commune);
      EXPECT_EQ(a.street, b.street);
      EXPECT_EQ(a.house, b.house);
      shared_phone += a.phone == b.phone;
    }
    if ((a.flags & Person::kTwin) && (b.flags & Person::kTwin) && a.household == b.household) {
      ++twins;
      EXPECT_EQ(a.birth_year, b.birth_year);
      EXPECT_EQ(a.birth_month, b.birth_month);
      EXPECT_EQ(a.birth_day, b.birth_day);
      EXPECT_EQ(a.family, b.family);
    }
  }
  std::map<std::tuple<std::string, std::string, std::string, int>, std::set<std::uint32_t>> names;
  for (const auto& p : people) {
    namesakes += (p.flags & Person::kNamesake) != 0;
    const NameParts n = PersonName(ref, p);
    names[{n.family, n.middle, n.given, p.birth_year}].insert(p.household);
  }
  int same_name_year_other_household = 0;
  for (const auto& [k, hh] : names) same_name_year_other_household += hh.size() > 1;
  EXPECT_GT(twins, 5);
  EXPECT_GT(namesakes, 50);
  EXPECT_GT(shared_phone, 1000);
  EXPECT_GT(same_name_year_other_household, 50);
}

TEST(SynthPopulation, CopiesAreSkewedAndBounded) {
  PopulationOptions o;
  o.max_copies = 4;
  o.repeat_prob = 0.5;
  const Population pop = BuildPopulation(SynthReference::Get(), 5000, 3, o);
  std::map<int, int> hist;
  for (const auto& p : pop.people) ++hist[p.copies_a];
  EXPECT_EQ(hist.begin()->first, 1);
  EXPECT_EQ(hist.rbegin()->first, 4);
  EXPECT_GT(hist[1], hist[2]);
  EXPECT_GT(hist[2], hist[3]);
  EXPECT_NEAR(hist[1] / 5000.0, 0.5, 0.03);
}

TEST(SynthPopulation, LinkOverlap) {
  PopulationOptions o;
  o.link = true;
  o.overlap = 0.3;
  const Population pop = BuildPopulation(SynthReference::Get(), 10000, 5, o);
  int both = 0, none = 0;
  for (const auto& p : pop.people) {
    EXPECT_LE(p.copies_a, 1);
    EXPECT_LE(p.copies_b, 1);
    both += p.copies_a && p.copies_b;
    none += !p.copies_a && !p.copies_b;
  }
  EXPECT_EQ(none, 0);
  EXPECT_NEAR(both / 10000.0, 0.3, 0.03);
}

// The guide table is only a faster search: every draw must give the index the plain
// inverse CDF (upper_bound on the cumulative weights) gives, or output bytes would depend
// on the implementation. Zero weights, tiny and huge weights stress the bucket edges.
TEST(SynthPopulation, WeightedIndexIsTheInverseCdf) {
  const auto& ref = SynthReference::Get();
  std::vector<std::vector<double>> cases = {
      {1.0}, {0.0, 1.0, 0.0}, {1e-9, 1.0, 1e-9, 0.0, 5.0}, {3.0, 3.0, 3.0, 3.0}};
  {
    std::vector<double> ramp;
    for (int i = 0; i < 1000; ++i) ramp.push_back(i % 7 == 0 ? 0.0 : std::pow(1.01, i));
    cases.push_back(ramp);
  }
  {
    std::vector<double> communes;  // the real commune weights' shape: many small, few big
    for (std::size_t i = 0; i < ref.communes.size(); ++i)
      communes.push_back(ref.province_weight[ref.communes[i].province] * (1 + i % 2));
    cases.push_back(communes);
  }
  for (const auto& weights : cases) {
    std::vector<double> cumulative;
    double sum = 0;
    for (double w : weights) cumulative.push_back(sum += w);
    const WeightedIndex index(weights);
    Rng fast(99), plain(99);
    for (int draw = 0; draw < 200000; ++draw) {
      const double x = plain.Uniform() * cumulative.back();
      const auto expect = static_cast<std::uint32_t>(std::min<std::ptrdiff_t>(
          std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin(),
          static_cast<std::ptrdiff_t>(cumulative.size()) - 1));
      ASSERT_EQ(index.Sample(fast), expect) << "draw " << draw << " of " << weights.size();
    }
  }
}

TEST(SynthPopulation, SameAtAnyThreadCount) {
  const auto& ref = SynthReference::Get();
  Population one, four;
  tbb::task_arena(1).execute([&] { one = BuildPopulation(ref, 30000, 11); });
  tbb::task_arena(4).execute([&] { four = BuildPopulation(ref, 30000, 11); });
  ASSERT_EQ(one.people.size(), four.people.size());
  for (std::size_t i = 0; i < one.people.size(); ++i) {
    const Person& a = one.people[i];
    const Person& b = four.people[i];
    ASSERT_TRUE(a.family == b.family && a.given == b.given && a.birth_year == b.birth_year &&
                a.birth_day == b.birth_day && a.commune == b.commune && a.phone == b.phone &&
                a.cccd_serial == b.cccd_serial && a.bhxh == b.bhxh && a.flags == b.flags &&
                a.copies_a == b.copies_a)
        << i;
  }
  const Population other = BuildPopulation(ref, 30000, 12);
  int differ = 0;
  for (std::size_t i = 0; i < 100; ++i) differ += other.people[i].phone != one.people[i].phone;
  EXPECT_GT(differ, 90);
}

}  // namespace
}  // namespace vnlink::vi
