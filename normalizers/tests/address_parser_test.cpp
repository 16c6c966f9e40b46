// AddressParser memoizes the administrative pass per tail of segments: its answers must
// be those of the uncached Gazetteer::Parse on every input, whatever came before.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "normalizers/vi_address.h"

namespace vnlink::vi {
namespace {

void ExpectSame(const AddressResult& want, const AddressResult& got, std::string_view input) {
  SCOPED_TRACE(std::string(input));
  EXPECT_EQ(got.house_number, want.house_number);
  EXPECT_EQ(got.alley, want.alley);
  EXPECT_EQ(got.street, want.street);
  EXPECT_EQ(got.street_key, want.street_key);
  EXPECT_EQ(got.hamlet, want.hamlet);
  EXPECT_EQ(got.commune_code, want.commune_code);
  EXPECT_EQ(got.district_code, want.district_code);
  EXPECT_EQ(got.province_code, want.province_code);
  EXPECT_EQ(got.commune_name, want.commune_name);
  EXPECT_EQ(got.district_name, want.district_name);
  EXPECT_EQ(got.province_name, want.province_name);
  EXPECT_EQ(got.commune_code_2025, want.commune_code_2025);
  EXPECT_EQ(got.province_code_2025, want.province_code_2025);
  EXPECT_EQ(got.commune_name_2025, want.commune_name_2025);
  EXPECT_EQ(got.province_name_2025, want.province_name_2025);
  EXPECT_EQ(got.map, want.map);
  EXPECT_EQ(got.rest, want.rest);
  EXPECT_EQ(got.flags, want.flags);
}

// The addresses of vi_address_test.cpp: every rule of the parser.
const std::vector<std::string> kAddresses = {
    " , ",
    "",
    "1029 Láng, Láng Thượng, Đống Đa, Hà Nội",
    "12 Lê Duẩn, ĐN",
    "12 Lê Lợi, TP. Huế, Đà Nẵng",
    "12 Tô Hiến Thành, Phường 13, Quận 10, TPHCM",
    "123/4/5 Nguyễn Trãi, Phường 2, Quận 5, TP.HCM",
    "12A Đường 3 Tháng 2, Phường 12, Quận 10, TPHCM",
    "14/12 Kỳ Đồng, P.9, Q.3, TPHCM",
    "150 bis Lê Lợi, P.3, Q.3, TPHCM",
    "25 Ngô Quyền, Hoàn Kiếm, Hà Nội",
    "43 NGUYỄN CHÍ THANH, P. NGỌC KHÁNH, Q. BA ĐÌNH, HÀ NỘI",
    "43 Nguyễn Chí Thanh - Ngọc Khánh - Ba Đình - Hà Nội",
    "43 Nguyễn Chí Thanh P. Ngọc Khánh Q. Ba Đình Hà Nội",
    "43 Nguyễn Chí Thanh, P. Ngọc Khánh, Q. Ba Đình, Tp. Hà Nội",
    "43 nguyen chi thanh, p ngoc khanh, q ba dinh, ha noi",
    "Buôn Ma Thuột, Đắk Lắk",
    "Bà Rịa - Vũng Tàu",
    "Cai Lậy, Tiền Giang",
    "Huyện Cai Lậy, Tiền Giang",
    "Huyện Côn Đảo, Bà Rịa - Vũng Tàu",
    "Huyện Cư Mgar, Đắk Lắk",
    "Huyện Mê Linh, Vĩnh Phúc",
    "Hà Nội, Hà Nội, Hà Nội",
    "Hải Phòng",
    "Hẻm 45 Đường Lê Văn Sỹ, Phường 13, Quận 3, TP.HCM",
    "Hẻm 5/12 Nguyễn Trãi, Phường 2, Quận 5, TPHCM",
    "KP3, P. Tân Phong, TP. Biên Hòa, Đồng Nai",
    "Khóm 3, Phường 2, TP Sóc Trăng, Sóc Trăng",
    "Kiệt 12 Lê Lợi, Phường Vĩnh Ninh, TP. Huế",
    "Km 12 Quốc lộ 1A, Xã Tân Phú, Huyện Châu Thành, Tỉnh An Giang",
    "Lang 3, Xã Tân Phú, Huyện Cai Lậy, Tiền Giang",
    "Lang Ha Dong Da Ha Noi",
    "Làng Vân, Xã Vân Hà, Huyện Việt Yên, Bắc Giang",
    "Lô B2 chung cư Hoàng Anh, P. Tân Hưng, Q.7, TPHCM",
    "Lô\tB2  chung cư, P.\tTân Hưng, Q.7, TPHCM",
    "Nguye\xCC\x82\xCC\x83n Tra\xCC\x83i, Q.5, TPHCM",
    "Ngõ số 12 Phố Huế, Hai Bà Trưng, Hà Nội",
    "P. Bình Thọ, TP. Thủ Đức, TP.HCM",
    "P. Ngọc Khánhh, Q. Ba Đình, Hà Nội",
    "P.Ngọc Khánh,Q.Ba Đình,HN",
    "Phú Hội, TP. Huế, Thừa Thiên Huế",
    "Phường 1, Cai Lậy, Tiền Giang",
    "Phường Ba Đình, Thành phố Hà Nội",
    "Phường Bến Thành",
    "Phường Bến Thành, TP.HCM",
    "Phường Linh Trung, Thủ Đức",
    "Phường Láng Thượng, Quận Đống Đa, Hà Nội",
    "Phường Ngọc Hà, Hà Nội",
    "Phường Thảo Điền, Quận 2, TP.HCM",
    "Phường Tân Phong",
    "Phố Huế, Hai Bà Trưng, Hà Nội",
    "Phố Xã Đàn, Đống Đa, HN",
    "QL1A, ấp Bình Hòa, xã Bình Chánh, huyện Bình Chánh, TPHCM",
    "Quận 3, Sài Gòn",
    "Quận Hai Ba Trung, Ha Nọi",
    "SỐ 8 NGÕ 5 PHỐ HUẾ, PHƯỜNG PHỐ HUẾ, QUẬN HAI BÀ TRƯNG, HÀ NỘI",
    "Số 12, Ngõ 34, Đường Láng, Phường Láng Thượng, Quận Đống Đa, Hà Nội",
    "Số 14/12 Ngõ 56 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM",
    "Số 43 Nguyễn Chí Thanh, Ngọc Khánh, Ba Đình, Hà Nội",
    "Số 5 ngõ 12 phố Huế, Hai Bà Trưng, HN",
    "Số 7 ngách 3 ngõ 68 Cầu Giấy, Quan Hoa, Cầu Giấy, Hà Nội",
    "TP Huế, Thừa Thiên Huế",
    "TT. Phú Mỹ, BRVT",
    "Thôn 3, xã Ea Tu, TP Buôn Ma Thuột, Đắk Lắk",
    "Thị xã Cai Lậy, Tiền Giang",
    "Thị xã Sơn Tây, Hà Nội",
    "Thừa Thiên Huế",
    "Tỉnh Bình Dương",
    "Tỉnh Bắc Giang",
    "Tỉnh Hà Tây",
    "Tổ 05, Phường Quang Trung, Thành phố Thái Nguyên, Thái Nguyên",
    "Tổ dân phố số 3, Phường Yên Nghĩa, Quận Hà Đông",
    "Tổ số 05, Phường Yên Nghĩa, Quận Hà Đông",
    "Ward 5, District 3, HCMC",
    "Xa Hoa Phu, Hoa Vang, Da Nang",
    "Xã Ea Tu, TP Buôn Ma Thuột, Đắk Lắk",
    "Xã Ea Tux, Huyện Cư M'gar, Đắk Lắk",
    "Xã Hoà Phú, Huyện Hoà Vang, TP Đà Nẵng",
    "Xã Hải Ninh, Bắc Bình",
    "Xã Phó Bảng, Tỉnh Tuyên Quang",
    "Xã Phố Bảng, Tuyên Quang",
    "Xã Tân Phú, Huyện Châu Thành, Tỉnh An Giang",
    "Xã Tân Phú, Tiền Giang",
    "Xóm 2 xã Nghi Long huyện Nghi Lộc tỉnh Nghệ An",
    "phường Thủ Dầu Một, Bình Dương",
    "so 5 Lang Ha, Ha Noi",
    "số 10 đường Trần Phú, phường Thủ Dầu Một, TP Hồ Chí Minh",
    "xyz, P. Không Có, Q.3, TPHCM",
    "xyz, abc",
    "Đặc khu Phú Quốc, An Giang",
    "Ấp Tân Hòa, Xã Tân Phú, Huyện Châu Thành, Tỉnh An Giang"};

// Street-level heads, some spelled like units: a street named after a province or a
// district, a hamlet named like a commune, a dangling dash that joins the next segment.
const std::vector<std::string> kHeads = {
    "12 Lê Lợi",        "Số 5",          "Thôn 3",   "Ấp Tân Hòa",   "Nguyễn Chí Thanh",
    "Hà Nội",           "Phố Huế",       "Láng Hạ",  "Cai Lậy",      "Tân Phú",
    "Ba Đình",          "Bà Rịa",        "Vũng Tàu", "Hai Bà Trưng", "Xã Tân Phú",
    "Huyện Châu Thành", "Tỉnh An Giang", "TP Huế",   "ĐN",           "Làng Vân",
    "Lang 3",           "Quận 3",        "P.9",      "Viet Nam",     "Số 12, Ngõ 34"};

// Every suffix of every address after a comma or a dash, with and without a head.
std::vector<std::string> Inputs() {
  std::vector<std::string> tails;
  for (const std::string& a : kAddresses) {
    tails.push_back(a);
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i] == ',' || a[i] == '-') tails.push_back(a.substr(i + 1));
    }
  }
  std::vector<std::string> out = tails;
  for (const std::string& h : kHeads) {
    for (const std::string& t : tails) {
      for (std::string_view sep : {", ", " - ", " ", " -, "})
        out.push_back(h + std::string(sep) + t);
    }
  }
  return out;
}

TEST(AddressParser, AgreesWithTheUncachedParseInAnyOrder) {
  const Gazetteer& g = Gazetteer::Shared();
  std::vector<std::string> inputs = Inputs();
  std::vector<AddressResult> want;
  want.reserve(inputs.size());
  for (const std::string& s : inputs) want.push_back(g.Parse(s));
  // A large cache, then a tiny one whose generations turn over all the time; each sees
  // the inputs forward, backward, and forward again (most tails are then hits). Backward,
  // every parse goes into one reused result, which must carry nothing over.
  for (std::size_t capacity : {std::size_t{1} << 14, std::size_t{3}}) {
    AddressParser parser(g, capacity);
    AddressResult reused;
    for (int round = 0; round < 3; ++round) {
      for (std::size_t k = 0; k < inputs.size(); ++k) {
        std::size_t i = round == 1 ? inputs.size() - 1 - k : k;
        if (round == 1) {
          parser.Parse(inputs[i], reused);
          ExpectSame(want[i], reused, inputs[i]);
        } else {
          ExpectSame(want[i], parser.Parse(inputs[i]), inputs[i]);
        }
        if (::testing::Test::HasFailure()) return;
      }
    }
  }
}

// The parser keeps its buffers (folded text, tokens, segments, keyword memo, keys) from
// one parse to the next: a parse after a longer or stranger one must be that of a fresh
// parser. Inputs: many segments, words one byte longer than a keyword word ("districts"),
// the longest keyword, glued units, NUL and invalid bytes, a lone separator.
TEST(AddressParser, ReusedBuffersLeaveNoTrace) {
  const Gazetteer& g = Gazetteer::Shared();
  const std::vector<std::string> inputs = {
      "Số 12 Ngõ 34 Ngách 5 Đường Láng, Tổ dân phố số 3, Phường Láng Thượng, Quận Đống Đa, "
      "Thành phố trực thuộc trung ương Hà Nội, Việt Nam",
      "P9",
      "12 Street 5, District 5, Ho Chi Minh City",
      "12 Streets 5, Districts 5, Ho Chi Minh City",
      "KP3 F5 Q10 TPHCM",
      "Q.1",
      std::string("12 L\xC3\xAA L\xE1\xBB\xA3i\0, P.3, Q.3, TPHCM", 30),
      "\xE1\xBA Hu\xE1\xBA\xBF, \xC3",
      ",",
      "Thôn Phú Mỹ - Xã Hòa Long - Huyện Lai Vung - Tỉnh Đồng Tháp",
      "tổ 5 khu phố 2 phường 9 quận 3 tp hồ chí minh",
  };
  AddressParser parser(g);
  for (int round = 0; round < 2; ++round) {
    for (const std::string& s : inputs) {
      AddressParser fresh(g);
      ExpectSame(fresh.Parse(s), parser.Parse(s), s);
      ExpectSame(g.Parse(s), parser.Parse(s), s);
    }
  }
  // Keyword words are whole words: "District 5" is Quận 5, "Districts 5" is no unit word.
  EXPECT_EQ(parser.Parse("District 5, Ho Chi Minh").district_code, "774");
  EXPECT_EQ(parser.Parse("Districts 5, Ho Chi Minh").district_code, "");
}

TEST(AddressParser, AgreesWithTheUncachedParseOnColumns) {
  const Gazetteer& g = Gazetteer::Shared();
  const std::vector<AddressParts> parts = {
      {"14/12 Kỳ Đồng", "9", "3", "Hồ Chí Minh"},
      {"Thôn 3", "Xã Ea Tu", "Thành phố Buôn Ma Thuột", "Tỉnh Đắk Lắk"},
      {"", "Phường Ba Đình", "", "Thành phố Hà Nội"},
      {"Số 5 Phố Huế", "", "Quận Hai Bà Trưng", "Hà Nội"},
      {"Phố Huế", "", "Hai Bà Trưng", "Hà Nội"},
      {"", "P. 09", "Q. 03", "TPHCM"},
      {"", "Phú Hội", "TP. Huế", ""},
      {"Hà Nội", "", "Hai Bà Trưng", "Hà Nội"},
      {"Tân Phú", "Tân Phú", "Cai Lậy", "Tiền Giang"},
      {"12 Lê Lợi", "Phường 1", "Cai Lậy", "Tiền Giang"},
      {"Cai Lậy", "", "", "Tiền Giang"},
      {"Bà Rịa", "", "", "Vũng Tàu"},
      // A street column is street level whatever it says: its text alone, parsed as a
      // free-text address first, must not lend it that parse.
      {"Hà Nội", "", "", ""},
      {"Hà Nội", "", "", "Hà Nội"},
      {"Phường 1, Cai Lậy", "", "", "Tiền Giang"},
      {"Tân Phú, Cai Lậy, Tiền Giang", "", "", ""},
  };
  // Each text alone first, on a fresh cache: the columns must not reuse what it left.
  for (const AddressParts& p : parts) {
    AddressParser fresh(g);
    for (std::string_view text : {p.street_line, p.commune, p.district, p.province}) {
      ExpectSame(g.Parse(text), fresh.Parse(text), text);
    }
    std::string label = std::string(p.street_line) + "|" + std::string(p.province);
    ExpectSame(g.Parse(p), fresh.Parse(p), label);
  }
  // Into one reused result, after a long free-text parse each time.
  AddressParser reusing(g);
  AddressResult reused;
  for (const AddressParts& p : parts) {
    reusing.Parse(kAddresses.front(), reused);
    reusing.Parse(p, reused);
    ExpectSame(g.Parse(p), reused, std::string(p.street_line) + "|" + std::string(p.province));
  }
  // Nothing to parse after a flagged parse: an empty result.
  for (std::string_view empty : {",", " ", ""}) {
    reusing.Parse("Xã Không Có, Tỉnh Không Có", reused);
    ASSERT_FALSE(reused.flags.empty());
    reusing.Parse(empty, reused);
    ExpectSame(g.Parse(empty), reused, empty);
    reusing.Parse("Xã Không Có, Tỉnh Không Có", reused);
    reusing.Parse(AddressParts{empty, "", "", ""}, reused);
    ExpectSame(AddressResult{}, reused, empty);
  }
  AddressParser parser(g, 64);
  for (int round = 0; round < 3; ++round) {
    for (const AddressParts& p : parts) {
      std::string label = std::string(p.street_line) + "|" + std::string(p.commune) + "|" +
                          std::string(p.district) + "|" + std::string(p.province);
      // The same text in one column shares tails with the columns: no mix-up, in either
      // order.
      std::string joined = std::string(p.street_line) + ", " + std::string(p.commune) + ", " +
                           std::string(p.district) + ", " + std::string(p.province);
      std::string line(p.street_line);
      if (round == 1) {
        ExpectSame(g.Parse(line), parser.Parse(line), line);
        ExpectSame(g.Parse(joined), parser.Parse(joined), joined);
      }
      ExpectSame(g.Parse(p), parser.Parse(p), label);
      if (round != 1) {
        ExpectSame(g.Parse(joined), parser.Parse(joined), joined);
        ExpectSame(g.Parse(line), parser.Parse(line), line);
      }
    }
  }
}

TEST(AddressParser, EmptyAndSeparatorOnlyInputs) {
  AddressParser parser;
  for (std::string_view s : {"", " ", ",", " - ", ",,;|", "-", "Việt Nam", "VN, VN"}) {
    ExpectSame(Gazetteer::Shared().Parse(s), parser.Parse(s), s);
    ExpectSame(Gazetteer::Shared().Parse(s), parser.Parse(s), s);
  }
}

}  // namespace
}  // namespace vnlink::vi
