#include "normalizers/synth.h"

#include <gtest/gtest.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <cmath>
#include <map>
#include <set>
#include <string>

#include "normalizers/synth_text.h"

namespace vnlink::vi {
namespace {

std::vector<SynthRecord> All(const SynthGenerator& gen, SynthFile file) {
  std::vector<SynthRecord> all, chunk;
  for (std::size_t c = 0; c < gen.chunk_count(); ++c) {
    gen.GenerateChunk(c, file, chunk);
    for (auto& r : chunk) all.push_back(std::move(r));
  }
  return all;
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

int DigitCount(std::string_view s) {
  int n = 0;
  for (char c : s) n += c >= '0' && c <= '9';
  return n;
}

// Each kind is applied at its configured rate among the records where it can apply. With
// e eligible records the count is binomial; the tolerance is 4 standard deviations plus
// 0.01 (the rates are probabilities, so this can only fail if the model is wrong).
TEST(Synth, EachErrorKindAppearsAtItsRate) {
  const auto& ref = SynthReference::Get();
  const Population pop = BuildPopulation(ref, 6000, 2024);
  ErrorRates rates = DefaultErrorRates();
  // Raise the rare kinds so the test has power; keep the encodings' sum below 1.
  for (double& r : rates) r = std::max(r, 0.1);
  rates[static_cast<int>(ErrorKind::kEncTcvn3)] = 0.1;
  rates[static_cast<int>(ErrorKind::kEncVni)] = 0.1;
  rates[static_cast<int>(ErrorKind::kEncUtf8Twice)] = 0.1;
  const SynthGenerator gen(ref, pop, 2024, rates, false);
  const auto recs = All(gen, SynthFile::kA);
  ASSERT_GT(recs.size(), 9000u);
  for (int k = 0; k < kErrorKindCount; ++k) {
    const auto kind = static_cast<ErrorKind>(k);
    int eligible = 0, applied = 0;
    for (const auto& r : recs) {
      eligible += (r.eligible & Bit(kind)) != 0;
      applied += (r.applied & Bit(kind)) != 0;
      ASSERT_EQ(r.applied & ~r.eligible, 0u);
    }
    ASSERT_GT(eligible, 150) << ErrorKindName(kind);
    const double rate = rates[k];
    const double tol = 4 * std::sqrt(rate * (1 - rate) / eligible) + 0.01;
    EXPECT_NEAR(static_cast<double>(applied) / eligible, rate, tol) << ErrorKindName(kind);
  }
}

// The applied kinds are really visible in the fields.
TEST(Synth, AppliedErrorsShowInTheFields) {
  const auto& ref = SynthReference::Get();
  const Population pop = BuildPopulation(ref, 3000, 99);
  ErrorRates rates = DefaultErrorRates();
  for (double& r : rates) r = std::max(r, 0.15);
  const SynthGenerator gen(ref, pop, 99, rates, false);
  int checked = 0;
  for (const auto& r : All(gen, SynthFile::kA)) {
    auto has = [&](ErrorKind k) { return (r.applied & Bit(k)) != 0; };
    const bool enc =
        has(ErrorKind::kEncTcvn3) || has(ErrorKind::kEncVni) || has(ErrorKind::kEncUtf8Twice);
    if (has(ErrorKind::kNameAscii) && !enc) {
      EXPECT_TRUE(IsAscii(r.field(2))) << r.field(2);
    }
    if (has(ErrorKind::kNameCaps) && !enc && !has(ErrorKind::kNameNfd) &&
        !has(ErrorKind::kNameEth)) {
      EXPECT_EQ(UpperVi(r.field(2)), r.field(2));
    }
    if (has(ErrorKind::kEncUtf8Twice) && !has(ErrorKind::kNameAscii) &&
        !has(ErrorKind::kNameTelex) && !IsAscii(PersonName(ref, pop.people[r.person]).given)) {
      EXPECT_TRUE(
          r.field(2).find("Ã") != std::string::npos || r.field(2).find("á»") != std::string::npos ||
          r.field(2).find("áº") != std::string::npos || r.field(2).find("Ä") != std::string::npos ||
          r.field(2).find("Æ") != std::string::npos || r.field(2).find("Å") != std::string::npos)
          << r.field(2);
    }
    if (has(ErrorKind::kDobYearOnly)) {
      EXPECT_EQ(r.field(3).size(), 4u);
    }
    if (has(ErrorKind::kMissDob)) {
      EXPECT_EQ(r.field(3), "");
    }
    if (has(ErrorKind::kMissSex)) {
      EXPECT_EQ(r.field(4), "");
    }
    if (has(ErrorKind::kMissAddress)) {
      EXPECT_EQ(r.field(5), "");
    }
    if (has(ErrorKind::kMissPhone)) {
      EXPECT_EQ(r.field(6), "");
    }
    if (has(ErrorKind::kMissCccd)) {
      EXPECT_EQ(r.field(7), "");
    }
    if (has(ErrorKind::kPhoneOldPrefix)) {
      EXPECT_EQ(
          DigitCount(r.field(6)) - (r.field(6).find("84") == 0 || r.field(6).find("+84") == 0 ||
                                            r.field(6).find("(+84)") == 0
                                        ? 1
                                        : 0),
          11)
          << r.field(6);
    }
    if (has(ErrorKind::kAddr2025) && !has(ErrorKind::kMissAddress)) {
      const Commune& c = ref.communes[pop.people[r.person].commune];
      if (!has(ErrorKind::kAddrMoved) && !has(ErrorKind::kAddrAbbrev) &&
          !has(ErrorKind::kAddrAscii) && !enc) {
        EXPECT_NE(r.field(5).find(c.province_full_2025), std::string::npos) << r.field(5);
        EXPECT_EQ(r.field(5).find(c.district_full), std::string::npos) << r.field(5);
      }
    }
    if (has(ErrorKind::kBhytGroup) && !has(ErrorKind::kIdTypo) && !r.field(9).empty()) {
      const Person& p = pop.people[r.person];
      EXPECT_NE(r.field(9).substr(0, 2), BhytGroups()[p.bhyt_group]);
      std::string bhxh = std::to_string(p.bhxh);
      bhxh.insert(0, 10 - bhxh.size(), '0');
      EXPECT_EQ(r.field(9).substr(5), bhxh);
    }
    ++checked;
  }
  EXPECT_GT(checked, 4000);
}

// The CSV writer quotes exactly the fields marked has_comma, without looking: the mark must
// be right for every field, under every kind of damage, in both layouts.
TEST(Synth, CommaMarksAreExact) {
  const auto& ref = SynthReference::Get();
  PopulationOptions o;
  o.link = true;
  o.overlap = 0.6;
  o.duplicates_within = true;
  const Population pop = BuildPopulation(ref, 4000, 5, o);
  ErrorRates rates = DefaultErrorRates();
  for (double& r : rates) r = std::max(r, 0.3);
  rates[static_cast<int>(ErrorKind::kEncTcvn3)] = 0.2;
  rates[static_cast<int>(ErrorKind::kEncVni)] = 0.2;
  rates[static_cast<int>(ErrorKind::kEncUtf8Twice)] = 0.2;
  const SynthGenerator gen(ref, pop, 5, rates, true);
  int marked = 0;
  for (SynthFile file : {SynthFile::kA, SynthFile::kB}) {
    for (const auto& r : All(gen, file)) {
      for (std::size_t i = 0; i < r.field_count(); ++i) {
        const std::string_view f = r.field(i);
        ASSERT_EQ(f.find_first_of("\"\r\n"), std::string_view::npos) << f;
        const bool comma = f.find(',') != std::string_view::npos;
        ASSERT_EQ(comma, ((r.has_comma >> i) & 1) != 0) << "field " << i << ": " << f;
        marked += comma;
      }
    }
  }
  EXPECT_GT(marked, 3000);
}

TEST(Synth, TruthIsConsistentAndIdsUnique) {
  const auto& ref = SynthReference::Get();
  const Population pop = BuildPopulation(ref, 2500, 1);
  const SynthGenerator gen(ref, pop, 1, DefaultErrorRates(), false);
  const auto recs = All(gen, SynthFile::kA);
  EXPECT_EQ(recs.size(), pop.records_a);
  std::set<std::string> ids;
  std::map<std::uint32_t, int> per_person;
  for (const auto& r : recs) {
    EXPECT_TRUE(ids.insert(std::string(r.field(0))).second) << r.field(0);
    ++per_person[r.person];
    ASSERT_EQ(r.field_count(), SynthHeader(SynthFile::kA).size());
  }
  for (const auto& [person, n] : per_person) EXPECT_EQ(n, pop.people[person].copies_a);
  EXPECT_EQ(per_person.size(), pop.people.size());
}

// With --clean, every record of a person carries the same identity fields, and no two
// people share them all: the truth file is the only right answer.
TEST(Synth, CleanRecordsAgreeWithTheirPerson) {
  const auto& ref = SynthReference::Get();
  const Population pop = BuildPopulation(ref, 4000, 8);
  const SynthGenerator gen(ref, pop, 8, CleanErrorRates(), false);
  std::map<std::uint32_t, std::vector<std::string>> by_person;
  std::map<std::vector<std::string>, std::uint32_t> by_identity;
  for (const auto& r : All(gen, SynthFile::kA)) {
    const std::vector<std::string> all = r.Fields();
    std::vector<std::string> identity(all.begin() + 2, all.end());
    const auto [it, fresh] = by_person.emplace(r.person, identity);
    if (!fresh) {
      EXPECT_EQ(it->second, identity);
    }
    const auto [jt, fresh2] = by_identity.emplace(identity, r.person);
    if (!fresh2) {
      EXPECT_EQ(jt->second, r.person) << r.field(2);
    }
    // The CCCD agrees with the written date of birth and sex.
    const std::string_view cccd = r.field(7);
    if (!cccd.empty()) {
      EXPECT_EQ(cccd.substr(4, 2), r.field(3).substr(8, 2));
      EXPECT_EQ((cccd[3] - '0') % 2 == 1, r.field(4) == "Nữ");
    }
    const NameParts n = PersonName(ref, pop.people[r.person]);
    EXPECT_EQ(r.field(2).rfind(n.family, 0), 0u);
  }
}

TEST(Synth, SameBytesAtAnyThreadCount) {
  const auto& ref = SynthReference::Get();
  auto run = [&](int threads) {
    std::string bytes;
    tbb::task_arena(threads).execute([&] {
      const Population pop = BuildPopulation(ref, 5000, 77);
      const SynthGenerator gen(ref, pop, 77, DefaultErrorRates(), false);
      std::vector<std::vector<SynthRecord>> chunks(gen.chunk_count());
      tbb::parallel_for(std::size_t{0}, gen.chunk_count(),
                        [&](std::size_t c) { gen.GenerateChunk(c, SynthFile::kA, chunks[c]); });
      for (const auto& chunk : chunks) {
        for (const auto& r : chunk) {
          for (const auto& f : r.Fields()) bytes += f + '\t';
          bytes += PersonId(r.person) + '\n';
        }
      }
    });
    return bytes;
  };
  const std::string one = run(1);
  EXPECT_EQ(one, run(4));
  EXPECT_GT(one.size(), 100000u);
}

// A vector reused across chunks and layouts gives the same records as fresh ones.
TEST(Synth, ReusedBuffersGiveTheSameRecords) {
  const auto& ref = SynthReference::Get();
  PopulationOptions o;
  o.link = true;
  o.duplicates_within = true;
  const Population pop = BuildPopulation(ref, 3000, 21, o);
  const SynthGenerator gen(ref, pop, 21, DefaultErrorRates(), true);
  std::vector<SynthRecord> reused, fresh;
  for (SynthFile file : {SynthFile::kB, SynthFile::kA, SynthFile::kB}) {
    for (std::size_t c = 0; c < gen.chunk_count(); ++c) {
      gen.GenerateChunk(c, file, reused);
      fresh.clear();
      fresh.shrink_to_fit();
      gen.GenerateChunk(c, file, fresh);
      ASSERT_EQ(reused.size(), fresh.size());
      for (std::size_t i = 0; i < fresh.size(); ++i) {
        ASSERT_EQ(reused[i].Fields(), fresh[i].Fields());
        ASSERT_EQ(reused[i].applied, fresh[i].applied);
        ASSERT_EQ(reused[i].person, fresh[i].person);
      }
    }
  }
}

TEST(Synth, LinkFilesOverlapWithoutInternalDuplicates) {
  const auto& ref = SynthReference::Get();
  PopulationOptions o;
  o.link = true;
  o.overlap = 0.4;
  const Population pop = BuildPopulation(ref, 3000, 4, o);
  const SynthGenerator gen(ref, pop, 4, DefaultErrorRates(), true);
  const auto a = All(gen, SynthFile::kA);
  const auto b = All(gen, SynthFile::kB);
  std::set<std::uint32_t> in_a, in_b;
  std::set<std::string> ids;
  for (const auto& r : a) {
    EXPECT_TRUE(in_a.insert(r.person).second);
    EXPECT_TRUE(ids.insert(std::string(r.field(0))).second);
    EXPECT_NE(r.field(1), "BHXH");
  }
  for (const auto& r : b) {
    EXPECT_TRUE(in_b.insert(r.person).second);
    EXPECT_TRUE(ids.insert(std::string(r.field(0))).second);
    ASSERT_EQ(r.field_count(), SynthHeader(SynthFile::kB).size());
  }
  int both = 0;
  for (auto p : in_a) both += in_b.count(p);
  EXPECT_NEAR(both / 3000.0, 0.4, 0.04);
}

}  // namespace
}  // namespace vnlink::vi
