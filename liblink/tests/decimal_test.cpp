#include "liblink/decimal.h"

#include <gtest/gtest.h>

#include <limits>

namespace vnlink {
namespace {

TEST(ParseDecimal, AcceptsWhatMatchWrites) {
  EXPECT_EQ(ParseDecimal("12.5"), 12.5);
  EXPECT_EQ(ParseDecimal("-3"), -3.0);
  EXPECT_EQ(ParseDecimal("1e-7"), 1e-7);
  EXPECT_EQ(ParseDecimal("0.999999"), 0.999999);
  EXPECT_EQ(ParseDecimal("-inf"), -std::numeric_limits<double>::infinity());
}

TEST(ParseDecimal, RejectsAnythingElse) {
  EXPECT_FALSE(ParseDecimal(""));
  EXPECT_FALSE(ParseDecimal("nan"));
  EXPECT_FALSE(ParseDecimal("3,25"));
  EXPECT_FALSE(ParseDecimal(" 3"));
  EXPECT_FALSE(ParseDecimal("3 "));
  EXPECT_FALSE(ParseDecimal("+3"));
  EXPECT_FALSE(ParseDecimal("abc"));
}

}  // namespace
}  // namespace vnlink
