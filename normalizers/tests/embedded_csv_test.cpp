// The span-at-a-time parser of the embedded tables agrees with the byte-at-a-time one, on
// tricky shapes and on every table the binary carries.
#include "../src/internal/embedded_csv.h"

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "liblink/embedded.h"

namespace vnlink::vi::internal {
namespace {

// Same table, or both throw.
void ExpectSame(std::string_view text) {
  auto parse = [&](auto parser) {
    try {
      return std::optional<CsvTable>(parser(text, "t"));
    } catch (const std::logic_error&) {
      return std::optional<CsvTable>();
    }
  };
  std::optional<CsvTable> fast = parse(ParseCsvTable);
  std::optional<CsvTable> slow = parse(ParseCsvTableScalar);
  ASSERT_EQ(fast.has_value(), slow.has_value()) << text;
  if (!fast) return;
  EXPECT_EQ(fast->header, slow->header) << text;
  EXPECT_EQ(fast->rows, slow->rows) << text;
}

TEST(EmbeddedCsv, ParsesQuotesBlankLinesAndCr) {
  CsvTable t = ParseCsvTable("a,b,c\r\n\n1,\"x, \"\"y\"\"\nz\",\r\n\"\",2,\"3\"\n,,\n4,5,6", "t");
  ASSERT_EQ(t.header, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[0], (std::vector<std::string>{"1", "x, \"y\"\nz", ""}));
  EXPECT_EQ(t.rows[1], (std::vector<std::string>{"", "2", "3"}));
  EXPECT_EQ(t.rows[2], (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(t.rows[3], (std::vector<std::string>{"4", "5", "6"}));
}

TEST(EmbeddedCsv, AgreesWithScalarOnTrickyShapes) {
  for (std::string_view text :
       {"", "\n\n", "a", "a\n", "a,b\n1,2", "a,b\r\n1,2\r\n", "a,b\n\"1\r\n2\",\"\"\"\"\n",
        "a,b\n\"unterminated,x\n", "a,b\n1\r,2\r\n", "h\n\r\n\"\"\n", "h1,h2\n,\n",
        "long header with spaces,and more text here\nvalue one is quite long indeed,2\n",
        "a\n\"q\"x\n", "a,b\n\"ragged\n"}) {
    ExpectSame(text);
  }
}

TEST(EmbeddedCsv, RaggedRowThrows) {
  EXPECT_THROW(ParseCsvTable("a,b\n1\n", "t"), std::logic_error);
  EXPECT_THROW(ParseCsvTableScalar("a,b\n1\n", "t"), std::logic_error);
}

TEST(EmbeddedCsv, AgreesWithScalarOnEveryEmbeddedTable) {
  for (const char* name :
       {"address_terms.csv", "admin_crosswalk_2025.csv", "admin_units_2025.csv",
        "admin_units_2026.csv", "admin_units_pre2025.csv", "legacy_cp1258.csv", "legacy_tcvn3.csv",
        "legacy_viscii.csv", "legacy_vni_windows.csv", "name_variant_pairs.csv", "names_family.csv",
        "names_token_freq_uit.csv", "phone_mobile_prefix_2018.csv", "province_aliases.csv",
        "province_merge_2025.csv"}) {
    SCOPED_TRACE(name);
    std::string_view text = EmbeddedFile(name);
    CsvTable fast = ParseCsvTable(text, name);
    CsvTable slow = ParseCsvTableScalar(text, name);
    EXPECT_FALSE(fast.rows.empty());
    EXPECT_EQ(fast.header, slow.header);
    EXPECT_TRUE(fast.rows == slow.rows);
  }
}

}  // namespace
}  // namespace vnlink::vi::internal
