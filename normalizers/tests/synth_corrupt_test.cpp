#include "normalizers/synth_corrupt.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "liblink/error.h"

namespace vnlink::vi {
namespace {

TEST(SynthCorrupt, NamesAreUniqueAndDescribed) {
  std::set<std::string_view> names;
  for (int i = 0; i < kErrorKindCount; ++i) {
    const auto k = static_cast<ErrorKind>(i);
    EXPECT_TRUE(names.insert(ErrorKindName(k)).second) << ErrorKindName(k);
    EXPECT_FALSE(ErrorKindDescription(k).empty());
  }
}

TEST(SynthCorrupt, DefaultsAreProbabilities) {
  const ErrorRates r = DefaultErrorRates();
  for (double x : r) {
    EXPECT_GE(x, 0.0);
    EXPECT_LE(x, 1.0);
  }
  EXPECT_DOUBLE_EQ(r[static_cast<int>(ErrorKind::kNameTypo)], 0.03);
  // The three encodings share one draw, so they must fit in [0, 1] together.
  EXPECT_LE(r[0] + r[1] + r[2], 1.0);
  for (double x : CleanErrorRates()) EXPECT_EQ(x, 0.0);
}

TEST(SynthCorrupt, SpecSetsNamedKinds) {
  ErrorRates r = DefaultErrorRates();
  ApplyErrorRateSpec("name_typo=0.5,dob_swap=0,,miss_dob=1", r);
  EXPECT_DOUBLE_EQ(r[static_cast<int>(ErrorKind::kNameTypo)], 0.5);
  EXPECT_DOUBLE_EQ(r[static_cast<int>(ErrorKind::kDobSwap)], 0.0);
  EXPECT_DOUBLE_EQ(r[static_cast<int>(ErrorKind::kMissDob)], 1.0);
  ApplyErrorRateSpec("all=0.2", r);
  for (double x : r) EXPECT_DOUBLE_EQ(x, 0.2);
}

TEST(SynthCorrupt, SpecRejectsBadItems) {
  ErrorRates r = DefaultErrorRates();
  EXPECT_THROW(ApplyErrorRateSpec("typo=0.1", r), UsageError);
  EXPECT_THROW(ApplyErrorRateSpec("name_typo=1.5", r), UsageError);
  EXPECT_THROW(ApplyErrorRateSpec("name_typo", r), UsageError);
  EXPECT_THROW(ApplyErrorRateSpec("name_typo=abc", r), UsageError);
  try {
    ApplyErrorRateSpec("nme_typo=0.1", r);
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "unknown error kind 'nme_typo'");
  }
}

TEST(SynthCorrupt, Scale) {
  ErrorRates r = DefaultErrorRates();
  ScaleErrorRates(2.0, r);
  EXPECT_DOUBLE_EQ(r[static_cast<int>(ErrorKind::kNameTypo)], 0.06);
  EXPECT_DOUBLE_EQ(r[static_cast<int>(ErrorKind::kMissCmnd)], 0.8);
  ScaleErrorRates(10.0, r);
  EXPECT_DOUBLE_EQ(r[static_cast<int>(ErrorKind::kMissCmnd)], 1.0);
  EXPECT_THROW(ScaleErrorRates(-1, r), UsageError);
}

}  // namespace
}  // namespace vnlink::vi
