#include "normalizers/vi_address.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace vnlink::vi {
namespace {

AddressResult P(std::string_view s) { return Gazetteer::Shared().Parse(s); }

TEST(ParseAddress, HanoiStreetAddressOnTheOldMap) {
  AddressResult a = P("43 Nguyễn Chí Thanh, P. Ngọc Khánh, Q. Ba Đình, Tp. Hà Nội");
  EXPECT_EQ(a.house_number, "43");
  EXPECT_EQ(a.street, "Nguyễn Chí Thanh");
  EXPECT_EQ(a.street_key, "nguyen chi thanh");
  EXPECT_EQ(a.commune_code, "00025");
  EXPECT_EQ(a.commune_name, "Phường Ngọc Khánh");
  EXPECT_EQ(a.district_code, "001");
  EXPECT_EQ(a.province_code, "01");
  EXPECT_EQ(a.map, AddressMap::kPre2025);
  // Ngọc Khánh was split over three 2025 wards: no commune code, province still known.
  EXPECT_EQ(a.commune_code_2025, "");
  EXPECT_EQ(a.province_code_2025, "01");
  EXPECT_TRUE(a.HasFlag(kCrosswalkPartial));
  EXPECT_EQ(a.rest, "");
}

TEST(ParseAddress, SaigonSlashNumberAndNumberedUnits) {
  AddressResult a = P("14/12 Kỳ Đồng, P.9, Q.3, TPHCM");
  EXPECT_EQ(a.house_number, "14/12");
  EXPECT_EQ(a.street, "Kỳ Đồng");
  EXPECT_EQ(a.commune_code, "27142");  // Phường 9
  EXPECT_EQ(a.district_code, "770");   // Quận 3
  EXPECT_EQ(a.province_code, "79");
  EXPECT_EQ(a.commune_code_2025, "27142");  // went whole into Phường Nhiêu Lộc
  EXPECT_EQ(a.commune_name_2025, "Phường Nhiêu Lộc");
  EXPECT_EQ(a.province_code_2025, "79");
  EXPECT_TRUE(a.flags.empty());
  for (const char* s :
       {"14/12 Kỳ Đồng, Phường 09, Quận 03, TP.HCM", "14/12 Kỳ Đồng, F9, Q3, Sài Gòn",
        "14/12 Ky Dong, P9, Q.03, Ho Chi Minh", "14/12 Kỳ Đồng P.9 Q.3 TP Hồ Chí Minh",
        "14/12 Kỳ Đồng, Phường 9, Quận 3, Thành phố Hồ Chí Minh, Việt Nam"}) {
    AddressResult b = P(s);
    EXPECT_EQ(b.commune_code, "27142") << s;
    EXPECT_EQ(b.district_code, "770") << s;
    EXPECT_EQ(b.house_number, "14/12") << s;
    EXPECT_EQ(b.street_key, "ky dong") << s;
  }
}

TEST(ParseAddress, HamletAndProvincialCity) {
  AddressResult a = P("Thôn 3, xã Ea Tu, TP Buôn Ma Thuột, Đắk Lắk");
  EXPECT_EQ(a.hamlet, "Thôn 3");
  EXPECT_EQ(a.commune_code, "24163");
  EXPECT_EQ(a.district_code, "643");
  EXPECT_EQ(a.province_code, "66");
  EXPECT_EQ(a.commune_code_2025, "24163");  // now Phường Tân An
  EXPECT_EQ(a.commune_name_2025, "Phường Tân An");
  EXPECT_EQ(P("KP3, P. Tân Phong, TP. Biên Hòa, Đồng Nai").hamlet, "Khu phố 3");
  EXPECT_EQ(P("Tổ 05, Phường Quang Trung, Thành phố Thái Nguyên, Thái Nguyên").hamlet, "Tổ 5");
  EXPECT_EQ(P("Ấp Tân Hòa, Xã Tân Phú, Huyện Châu Thành, Tỉnh An Giang").hamlet, "Ấp Tân Hòa");
}

TEST(ParseAddress, AlleyAndStreetWords) {
  AddressResult a = P("Số 5 ngõ 12 phố Huế, Hai Bà Trưng, HN");
  EXPECT_EQ(a.house_number, "5");
  EXPECT_EQ(a.alley, "Ngõ 12");
  EXPECT_EQ(a.street, "Huế");
  EXPECT_EQ(a.district_code, "007");
  EXPECT_EQ(a.province_code, "01");
  EXPECT_EQ(a.commune_code, "");
  AddressResult b = P("Số 7 ngách 3 ngõ 68 Cầu Giấy, Quan Hoa, Cầu Giấy, Hà Nội");
  EXPECT_EQ(b.house_number, "7");
  EXPECT_EQ(b.alley, "Ngách 3 Ngõ 68");
  EXPECT_EQ(b.street, "Cầu Giấy");  // the street after the alley
  AddressResult hem = P("Hẻm 5/12 Nguyễn Trãi, Phường 2, Quận 5, TPHCM");
  EXPECT_EQ(hem.alley, "Hẻm 5/12");
  EXPECT_EQ(hem.street, "Nguyễn Trãi");
  AddressResult kiet = P("Kiệt 12 Lê Lợi, Phường Vĩnh Ninh, TP. Huế");
  EXPECT_EQ(kiet.alley, "Kiệt 12");
  EXPECT_EQ(kiet.street, "Lê Lợi");
  AddressResult hn = P("Số 14/12 Ngõ 56 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM");
  EXPECT_EQ(hn.house_number, "14/12");
  EXPECT_EQ(hn.alley, "Ngõ 56");
  EXPECT_EQ(hn.street, "Lê Lợi");
  EXPECT_EQ(hn.rest, "");
  AddressResult c = P("Hẻm 45 Đường Lê Văn Sỹ, Phường 13, Quận 3, TP.HCM");
  EXPECT_EQ(c.alley, "Hẻm 45");
  EXPECT_EQ(c.street, "Lê Văn Sỹ");
  EXPECT_EQ(P("12A Đường 3 Tháng 2, Phường 12, Quận 10, TPHCM").street, "3 Tháng 2");
  EXPECT_EQ(P("12A Đường 3 Tháng 2, Phường 12, Quận 10, TPHCM").house_number, "12A");
  EXPECT_EQ(P("150 bis Lê Lợi, P.3, Q.3, TPHCM").house_number, "150 Bis");
  EXPECT_EQ(P("25 Ngô Quyền, Hoàn Kiếm, Hà Nội").street, "Ngô Quyền");  // Ngô is not Ngõ here
  EXPECT_EQ(P("12 Tô Hiến Thành, Phường 13, Quận 10, TPHCM").street, "Tô Hiến Thành");
  AddressResult ql = P("Km 12 Quốc lộ 1A, Xã Tân Phú, Huyện Châu Thành, Tỉnh An Giang");
  EXPECT_EQ(ql.street, "Quốc lộ 1A");
  EXPECT_EQ(ql.rest, "Km 12");
}

TEST(ParseAddress, PostReformAddresses) {
  AddressResult a = P("Phường Ba Đình, Thành phố Hà Nội");
  EXPECT_EQ(a.map, AddressMap::k2025);
  EXPECT_EQ(a.commune_code_2025, "00004");
  EXPECT_EQ(a.province_code_2025, "01");
  EXPECT_EQ(a.province_code, "01");
  EXPECT_EQ(a.district_code, "");  // made of communes of Ba Đình, Hoàn Kiếm and Tây Hồ
  AddressResult b = P("số 10 đường Trần Phú, phường Thủ Dầu Một, TP Hồ Chí Minh");
  EXPECT_EQ(b.commune_code_2025, "25747");
  EXPECT_EQ(b.province_code_2025, "79");
  EXPECT_EQ(b.province_code, "74");  // the old communes were all in Bình Dương
  // Ngọc Hà is an old ward (split three ways) and a new ward: read as the new one, flagged.
  AddressResult nh = P("Phường Ngọc Hà, Hà Nội");
  EXPECT_EQ(nh.commune_code_2025, "00008");
  EXPECT_EQ(nh.commune_code, "");
  EXPECT_TRUE(nh.HasFlag(kAddressMapAssumed));
  AddressResult bt = P("Phường Bến Thành, TP.HCM");  // old Bến Thành went whole into new one
  EXPECT_EQ(bt.commune_code_2025, "26743");
  EXPECT_FALSE(bt.HasFlag(kAddressMapAssumed));
  // The old province name with a new ward: the ward is looked up in the merged province.
  EXPECT_EQ(P("phường Thủ Dầu Một, Bình Dương").commune_code_2025, "25747");
  // 2026 spelling (Phó Bảng -> Phố Bảng) is an alias of the same 2025 code.
  EXPECT_EQ(P("Xã Phố Bảng, Tuyên Quang").commune_code_2025, "00745");
  EXPECT_EQ(P("Xã Phó Bảng, Tỉnh Tuyên Quang").commune_code_2025, "00745");
}

TEST(ParseAddress, AllCapsAndNoDiacritics) {
  AddressResult a = P("43 NGUYỄN CHÍ THANH, P. NGỌC KHÁNH, Q. BA ĐÌNH, HÀ NỘI");
  EXPECT_EQ(a.commune_code, "00025");
  EXPECT_EQ(a.street, "Nguyễn Chí Thanh");
  EXPECT_EQ(P("Số 43 Nguyễn Chí Thanh, Ngọc Khánh, Ba Đình, Hà Nội").street, "Nguyễn Chí Thanh");
  AddressResult b = P("43 nguyen chi thanh, p ngoc khanh, q ba dinh, ha noi");
  EXPECT_EQ(b.commune_code, "00025");
  EXPECT_EQ(b.street_key, "nguyen chi thanh");
  EXPECT_EQ(P("43 Nguyễn Chí Thanh P. Ngọc Khánh Q. Ba Đình Hà Nội").commune_code, "00025");
  EXPECT_EQ(P("Xóm 2 xã Nghi Long huyện Nghi Lộc tỉnh Nghệ An").district_code, "429");
}

TEST(ParseAddress, TyposAtEditDistanceOne) {
  AddressResult a = P("P. Ngọc Khánhh, Q. Ba Đình, Hà Nội");
  EXPECT_EQ(a.commune_code, "00025");
  EXPECT_TRUE(a.HasFlag(kAddressTypo));
  EXPECT_EQ(P("Quận Hai Ba Trung, Ha Nọi").district_code, "007");
  AddressResult b = P("Xã Ea Tu, TP Buôn Ma Thuột, Đắk Lắk");  // exact beats Ea Tul nearby
  EXPECT_EQ(b.commune_code, "24163");
  EXPECT_FALSE(b.HasFlag(kAddressTypo));
  // "Bắc Bình" is a district (Bình Thuận), one letter away from the province Bắc Ninh.
  AddressResult bb = P("Xã Hải Ninh, Bắc Bình");
  EXPECT_EQ(bb.district_code, "596");
  EXPECT_EQ(bb.province_code, "60");
  EXPECT_FALSE(bb.HasFlag(kAddressTypo));
  AddressResult c = P("Xã Ea Tux, Huyện Cư M'gar, Đắk Lắk");  // 5 letters: too short for typos
  EXPECT_EQ(c.commune_code, "");
  EXPECT_EQ(c.district_code, "648");
  EXPECT_EQ(P("Huyện Cư Mgar, Đắk Lắk").district_code, "648");  // apostrophe optional
}

TEST(ParseAddress, AmbiguityIsNotResolved) {
  AddressResult a = P("Phường Tân Phong");  // one in each of many provinces
  EXPECT_EQ(a.commune_code, "");
  EXPECT_EQ(a.commune_code_2025, "");
  EXPECT_TRUE(a.HasFlag(kAddressAmbiguous));
  EXPECT_EQ(a.rest, "Phường Tân Phong");
  AddressResult dn = P("12 Lê Duẩn, ĐN");  // Đà Nẵng or Đồng Nai
  EXPECT_EQ(dn.province_code, "");
  EXPECT_EQ(dn.province_code_2025, "");
  EXPECT_EQ(dn.rest, "ĐN");
  EXPECT_TRUE(dn.HasFlag(kAddressAmbiguous));
  AddressResult unique = P("Phường Bến Thành");  // unique nationwide (old and new)
  EXPECT_EQ(unique.commune_code_2025, "26743");
}

// Tiền Giang has a Thị xã Cai Lậy (817) and a Huyện Cai Lậy (820); Xã Tân Phú (28459)
// lies in the Thị xã (the province has a second Tân Phú, 28693, in Tân Phú Đông). The
// commune decides between the two districts of one name; without one, the written type.
TEST(ParseAddress, DistrictsOfOneNameAreSettledByTheCommune) {
  for (std::string_view text :
       {"Xã Tân Phú, Huyện Cai Lậy, Tiền Giang", "Xã Tân Phú, Cai Lậy, Tiền Giang",
        "Tân Phú, TX Cai Lậy, Tiền Giang"}) {
    AddressResult a = P(text);
    EXPECT_EQ(a.commune_code, "28459") << text;
    EXPECT_EQ(a.district_code, "817") << text;
    EXPECT_FALSE(a.HasFlag(kAddressAmbiguous)) << text;
    EXPECT_EQ(a.rest, "") << text;
  }
  EXPECT_EQ(P("Phường 1, Cai Lậy, Tiền Giang").commune_code, "28435");
  EXPECT_EQ(P("Huyện Cai Lậy, Tiền Giang").district_code, "820");
  EXPECT_EQ(P("Thị xã Cai Lậy, Tiền Giang").district_code, "817");
  AddressResult bare = P("Cai Lậy, Tiền Giang");  // no commune, no type: not guessed
  EXPECT_EQ(bare.district_code, "");
  EXPECT_EQ(bare.province_code, "82");
  EXPECT_EQ(bare.rest, "Cai Lậy");
  EXPECT_TRUE(bare.HasFlag(kAddressAmbiguous));
  // Without a district: two old Tân Phú in the province, so the 2025 reading (one).
  AddressResult t = P("Xã Tân Phú, Tiền Giang");
  EXPECT_EQ(t.commune_code, "");
  EXPECT_EQ(t.commune_code_2025, "28468");
}

// Huế is a province-level city since 2025 (Tỉnh Thừa Thiên Huế before); the district-level
// Thành phố Huế is no unit of the pre-2025 map any more (now Thuận Hóa and Phú Xuân).
TEST(ParseAddress, HueIsTheProvince) {
  for (std::string_view text : {"TP. Huế", "Tp.Huế", "TP HUE", "5 Lê Lợi, TP. Huế"}) {
    AddressResult a = P(text);
    EXPECT_EQ(a.province_code, "46") << text;
    EXPECT_EQ(a.province_code_2025, "46") << text;
    EXPECT_EQ(a.rest, "") << text;
  }
  AddressResult a = P("Phú Hội, TP. Huế, Thừa Thiên Huế");
  EXPECT_EQ(a.commune_code, "19786");
  EXPECT_EQ(a.rest, "");
  EXPECT_FALSE(a.HasFlag(kAddressUnresolved));
  AddressResult b = P("TP Huế, Thừa Thiên Huế");
  EXPECT_EQ(b.province_code, "46");
  EXPECT_EQ(b.rest, "");
  AddressResult c = ParseAddress(AddressParts{"", "Phú Hội", "TP. Huế", ""});
  EXPECT_EQ(c.commune_code, "19786");
  EXPECT_EQ(P("12 Lê Lợi, TP. Huế, Đà Nẵng").rest, "TP. Huế");  // another province: kept
}

// "Lang" without marks is Láng as often as Làng: no hamlet word unless before a number.
TEST(ParseAddress, LangWithoutMarksIsNoHamlet) {
  for (std::string_view text : {"Lang Ha, Dong Da, Ha Noi", "P. Lang Ha, Q. Dong Da, HN",
                                "LANG HA, DONG DA, HA NOI", "Láng Hạ, Đống Đa, Hà Nội"}) {
    AddressResult a = P(text);
    EXPECT_EQ(a.commune_code, "00199") << text;
    EXPECT_EQ(a.hamlet, "") << text;
  }
  AddressResult street = P("so 5 Lang Ha, Ha Noi");
  EXPECT_EQ(street.house_number, "5");
  EXPECT_EQ(street.street, "Lang Ha");
  EXPECT_EQ(street.hamlet, "");
  EXPECT_EQ(P("Làng Vân, Xã Vân Hà, Huyện Việt Yên, Bắc Giang").hamlet, "Làng Vân");
  EXPECT_EQ(P("Lang 3, Xã Tân Phú, Huyện Cai Lậy, Tiền Giang").hamlet, "Làng 3");
  EXPECT_EQ(P("Lang Ha Dong Da Ha Noi").hamlet, "");  // one segment: kept as text
}

TEST(ParseAddress, CrosswalkCaveats) {
  AddressResult wrong = P("Xã Tân Phú, Huyện Châu Thành, Tỉnh An Giang");
  EXPECT_EQ(wrong.commune_code, "30622");
  EXPECT_EQ(wrong.commune_code_2025, "");  // the known-wrong row points into Đồng Tháp
  EXPECT_EQ(wrong.province_code_2025, "91");
  EXPECT_TRUE(wrong.HasFlag(kCrosswalkConflict));
  AddressResult whole = P("Phường Láng Thượng, Quận Đống Đa, Hà Nội");
  EXPECT_EQ(whole.commune_code_2025, "00199");
  EXPECT_FALSE(whole.HasFlag(kCrosswalkPartial));
}

TEST(ParseAddress, UnitWordsInNamesAndProvinceAliases) {
  AddressResult a = P("Phố Huế, Hai Bà Trưng, Hà Nội");  // ward named Phố Huế
  EXPECT_EQ(a.commune_code, "00262");
  AddressResult b = P("Phố Xã Đàn, Đống Đa, HN");  // street named Xã Đàn, not a commune
  EXPECT_EQ(b.street, "Xã Đàn");
  EXPECT_EQ(b.district_code, "006");
  AddressResult c = P("1029 Láng, Láng Thượng, Đống Đa, Hà Nội");
  EXPECT_EQ(c.street, "Láng");
  EXPECT_EQ(c.commune_code, "00187");
  EXPECT_EQ(P("Buôn Ma Thuột, Đắk Lắk").district_code, "643");
  EXPECT_EQ(P("Bà Rịa - Vũng Tàu").province_code, "77");
  EXPECT_EQ(P("Bà Rịa - Vũng Tàu").province_code_2025, "79");
  EXPECT_EQ(P("TT. Phú Mỹ, BRVT").province_code_2025, "79");
  EXPECT_EQ(P("Quận 3, Sài Gòn").district_code, "770");
  EXPECT_EQ(P("Hải Phòng").province_code, "31");
  EXPECT_EQ(P("Tỉnh Hà Tây").province_code, "01");
  EXPECT_EQ(P("Thừa Thiên Huế").province_code_2025, "46");
  EXPECT_EQ(P("Tỉnh Bình Dương").province_code_2025, "79");
  EXPECT_EQ(P("Tỉnh Bắc Giang").province_code_2025, "24");  // code 24 now means Bắc Ninh
}

TEST(ParseAddress, MoreRealWorldShapes) {
  AddressResult a = P("Số 12, Ngõ 34, Đường Láng, Phường Láng Thượng, Quận Đống Đa, Hà Nội");
  EXPECT_EQ(a.house_number, "12");
  EXPECT_EQ(a.alley, "Ngõ 34");
  EXPECT_EQ(a.street, "Láng");
  EXPECT_EQ(a.commune_code, "00187");
  AddressResult tx = P("Thị xã Sơn Tây, Hà Nội");  // "xã" inside "Thị xã" does not split
  EXPECT_EQ(tx.district_code, "269");
  EXPECT_EQ(tx.rest, "");
  AddressResult st = P("Khóm 3, Phường 2, TP Sóc Trăng, Sóc Trăng");  // Sóc is also a hamlet word
  EXPECT_EQ(st.hamlet, "Khóm 3");
  EXPECT_EQ(st.commune_code, "31510");
  EXPECT_EQ(st.district_code, "941");
  EXPECT_EQ(st.province_code, "94");
  EXPECT_EQ(st.province_code_2025, "92");
  EXPECT_EQ(st.rest, "");
  AddressResult caps = P("SỐ 8 NGÕ 5 PHỐ HUẾ, PHƯỜNG PHỐ HUẾ, QUẬN HAI BÀ TRƯNG, HÀ NỘI");
  EXPECT_EQ(caps.street, "Huế");
  EXPECT_EQ(caps.commune_code, "00262");
  EXPECT_EQ(P("P. Bình Thọ, TP. Thủ Đức, TP.HCM").district_code, "769");
  EXPECT_EQ(P("Phường Linh Trung, Thủ Đức").commune_code, "26800");
  EXPECT_EQ(P("Ward 5, District 3, HCMC").commune_code, "27151");
  EXPECT_EQ(P("P.Ngọc Khánh,Q.Ba Đình,HN").commune_code, "00025");
  EXPECT_EQ(P("43 Nguyễn Chí Thanh - Ngọc Khánh - Ba Đình - Hà Nội").commune_code, "00025");
  EXPECT_EQ(P("Xa Hoa Phu, Hoa Vang, Da Nang").commune_code, "20317");
  EXPECT_EQ(P("Xã Hoà Phú, Huyện Hoà Vang, TP Đà Nẵng").commune_code, "20317");  // new-style tone
  EXPECT_EQ(P("123/4/5 Nguyễn Trãi, Phường 2, Quận 5, TP.HCM").house_number, "123/4/5");
  EXPECT_EQ(P("Huyện Côn Đảo, Bà Rịa - Vũng Tàu").district_code, "755");  // no communes
  AddressResult pq = P("Đặc khu Phú Quốc, An Giang");
  EXPECT_EQ(pq.commune_code_2025, "31078");
  EXPECT_EQ(pq.map, AddressMap::k2025);
  EXPECT_EQ(P("Tổ dân phố số 3, Phường Yên Nghĩa, Quận Hà Đông").hamlet, "Tổ dân phố 3");
  EXPECT_EQ(P("Tổ số 05, Phường Yên Nghĩa, Quận Hà Đông").hamlet, "Tổ 5");
  EXPECT_EQ(P("Ngõ số 12 Phố Huế, Hai Bà Trưng, Hà Nội").alley, "Ngõ 12");
  AddressResult ql = P("QL1A, ấp Bình Hòa, xã Bình Chánh, huyện Bình Chánh, TPHCM");
  EXPECT_EQ(ql.street, "Quốc lộ 1A");
  EXPECT_EQ(ql.street_key, "quoc lo 1a");
  EXPECT_EQ(ql.hamlet, "Ấp Bình Hòa");
  EXPECT_EQ(ql.commune_code, "27637");
  AddressResult q2 = P("Phường Thảo Điền, Quận 2, TP.HCM");  // Quận 2 joined Thủ Đức in 2021
  EXPECT_EQ(q2.commune_code, "27088");
  EXPECT_EQ(q2.district_code, "769");
  EXPECT_EQ(q2.rest, "Quận 2");
  EXPECT_TRUE(q2.HasFlag(kAddressUnresolved));
  // Mê Linh left Vĩnh Phúc in 2008: an older address is not forced onto the map.
  AddressResult ml = P("Huyện Mê Linh, Vĩnh Phúc");
  EXPECT_EQ(ml.district_code, "");
  EXPECT_EQ(ml.province_code, "26");
  EXPECT_TRUE(ml.HasFlag(kAddressUnresolved));
}

TEST(ParseAddress, UnresolvedTextIsKept) {
  AddressResult a = P("Lô B2 chung cư Hoàng Anh, P. Tân Hưng, Q.7, TPHCM");
  EXPECT_EQ(a.district_code, "778");
  EXPECT_EQ(a.commune_code, "27475");
  EXPECT_EQ(a.rest, "Lô B2 chung cư Hoàng Anh");
  AddressResult none = P("xyz, abc");
  EXPECT_EQ(none.rest, "xyz, abc");
  EXPECT_TRUE(none.HasFlag(kAddressUnresolved));
  AddressResult b = P("xyz, P. Không Có, Q.3, TPHCM");
  EXPECT_EQ(b.district_code, "770");
  EXPECT_TRUE(b.HasFlag(kAddressUnresolved));
  EXPECT_EQ(b.rest, "xyz, P. Không Có");
  AddressResult tabs = P("Lô\tB2  chung cư, P.\tTân Hưng, Q.7, TPHCM");
  EXPECT_EQ(tabs.rest, "Lô B2 chung cư");  // never a tab in the output
  EXPECT_EQ(tabs.commune_code, "27475");
  EXPECT_TRUE(P("").flags.empty());
  EXPECT_EQ(P(" , ").rest, "");
}

TEST(ParseAddress, SeparateColumns) {
  AddressResult a = ParseAddress(AddressParts{"14/12 Kỳ Đồng", "9", "3", "Hồ Chí Minh"});
  EXPECT_EQ(a.house_number, "14/12");
  EXPECT_EQ(a.commune_code, "27142");
  EXPECT_EQ(a.district_code, "770");
  AddressResult b =
      ParseAddress(AddressParts{"Thôn 3", "Xã Ea Tu", "Thành phố Buôn Ma Thuột", "Tỉnh Đắk Lắk"});
  EXPECT_EQ(b.commune_code, "24163");
  EXPECT_EQ(b.hamlet, "Thôn 3");
  AddressResult c = ParseAddress(AddressParts{"", "Phường Ba Đình", "", "Thành phố Hà Nội"});
  EXPECT_EQ(c.commune_code_2025, "00004");
  AddressResult d = ParseAddress(AddressParts{"Số 5 Phố Huế", "", "Quận Hai Bà Trưng", "Hà Nội"});
  EXPECT_EQ(d.street, "Huế");  // a street column is never read as a unit
  EXPECT_EQ(d.commune_code, "");
  EXPECT_EQ(d.district_code, "007");
  AddressResult e = ParseAddress(AddressParts{"Phố Huế", "", "Hai Bà Trưng", "Hà Nội"});
  EXPECT_EQ(e.street, "Huế");  // not Phường Phố Huế: it came from the street column
  EXPECT_EQ(e.commune_code, "");
  AddressResult f = ParseAddress(AddressParts{"", "P. 09", "Q. 03", "TPHCM"});
  EXPECT_EQ(f.commune_code, "27142");
}

TEST(Gazetteer, SharedInstanceIsThreadSafe) {
  const char* kInput = "14/12 Kỳ Đồng, P.9, Q.3, TPHCM";
  std::vector<std::string> codes(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) codes[t] = ParseAddress(kInput).commune_code;
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& c : codes) EXPECT_EQ(c, "27142");
}

}  // namespace
}  // namespace vnlink::vi

namespace vnlink::vi {
namespace {

// Odd input must not crash, and whatever lands in `rest` is text of the input.
TEST(ParseAddress, OddInputIsHandled) {
  const char* kOdd[] = {",,,",
                        " - - ",
                        "-",
                        ".",
                        "P.",
                        "Q",
                        "Số",
                        "Ngõ",
                        "Phường",
                        "Tỉnh",
                        "TP.",
                        "12/",
                        "/12",
                        "Việt Nam",
                        "VN",
                        "a,b,c,d,e,f,g,h",
                        "Hà Nội, Hà Nội, Hà Nội",
                        "Quận 1, Quận 1",
                        "P.P.P.",
                        "\xE2\x80\x99",
                        "M\xE2\x80\x99"
                        "Drắk",
                        "Nguye\xCC\x82\xCC\x83n Tra\xCC\x83i, Q.5",
                        "12 bis bis",
                        "Thôn",
                        "Tổ",
                        "0912345678",
                        "\t\n",
                        "Số 5 Ngõ 12 Ngách 3 Hẻm 4 Kiệt 5"};
  for (const char* s : kOdd) {
    AddressResult a = P(s);
    std::string_view in(s);
    std::size_t pos = 0;
    while (pos < a.rest.size()) {  // each ", "-separated part of rest occurs in the input
      std::size_t comma = a.rest.find(", ", pos);
      std::string part =
          a.rest.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      EXPECT_NE(in.find(part), std::string_view::npos) << s << " rest part '" << part << "'";
      if (comma == std::string::npos) break;
      pos = comma + 2;
    }
  }
  EXPECT_EQ(P("Hà Nội, Hà Nội, Hà Nội").province_code, "01");
  EXPECT_EQ(P("Nguye\xCC\x82\xCC\x83n Tra\xCC\x83i, Q.5, TPHCM").district_code,
            "774");  // NFD input
}

}  // namespace
}  // namespace vnlink::vi

#include "liblink/embedded.h"

namespace vnlink::vi {
namespace {

// Every unit-word abbreviation listed in normalizers/data/address_terms.csv is understood.
TEST(ParseAddress, EveryAbbreviationOfTheTermsTable) {
  std::string_view csv = EmbeddedFile("address_terms.csv");
  std::size_t checked = 0;
  std::size_t pos = csv.find('\n') + 1;
  while (pos < csv.size()) {
    std::size_t end = csv.find('\n', pos);
    std::string_view line = csv.substr(pos, end - pos);
    pos = end == std::string_view::npos ? csv.size() : end + 1;
    std::size_t c1 = line.find(','), c2 = line.find(',', c1 + 1), c3 = line.find(',', c2 + 1);
    std::string_view level = line.substr(c1 + 1, c2 - c1 - 1);
    std::string_view abbrevs = line.substr(c2 + 1, c3 - c2 - 1);
    while (!abbrevs.empty()) {
      std::size_t bar = abbrevs.find('|');
      std::string abbr(abbrevs.substr(0, bar));
      abbrevs = bar == std::string_view::npos ? std::string_view() : abbrevs.substr(bar + 1);
      // Not unit words of their own: "Q.0 (zero-padded numbers)" is a note, "K (verify...)"
      // is unsourced, "QL.1A" is a road name. Bare "T" and "Đ" (without their full stop)
      // are block letters as often as unit words (Khu D, Lô T): only "T." and "Đ." count.
      if (abbr.find(' ') != std::string::npos || abbr == "QL.1A" || abbr == "Đ" || abbr == "T")
        continue;
      if (level == "commune") {
        EXPECT_EQ(ParseAddress(abbr + " Ngọc Khánh, Q. Ba Đình, Hà Nội").commune_code, "00025")
            << abbr;
      } else if (level == "district") {
        EXPECT_EQ(ParseAddress("P. Ngọc Khánh, " + abbr + " Ba Đình, Hà Nội").district_code, "001")
            << abbr;
      } else if (level == "province") {
        EXPECT_EQ(ParseAddress("Q. Ba Đình, " + abbr + " Hà Nội").province_code, "01") << abbr;
      } else if (level == "sub-commune") {
        EXPECT_NE(ParseAddress(abbr + " 5, P. Ngọc Khánh, Q. Ba Đình, Hà Nội").hamlet, "") << abbr;
      } else if (level == "place") {
        EXPECT_NE(ParseAddress(abbr + " Mỹ Đình, Q. Ba Đình, Hà Nội").hamlet, "") << abbr;
      } else if (level == "house number") {
        EXPECT_EQ(ParseAddress(abbr + " 43 Nguyễn Chí Thanh, Q. Ba Đình, Hà Nội").house_number,
                  "43")
            << abbr;
      } else if (level == "street") {
        EXPECT_EQ(ParseAddress("43 " + abbr + " Nguyễn Chí Thanh, Q. Ba Đình, Hà Nội").street_key,
                  "nguyen chi thanh")
            << abbr;
      } else if (level == "road") {
        std::string key = ParseAddress(abbr + " 1A, Q. Ba Đình, Hà Nội").street_key;
        EXPECT_TRUE(key == "quoc lo 1a" || key == "tinh lo 1a") << abbr << " -> " << key;
      } else {
        continue;
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 30u);
}

}  // namespace
}  // namespace vnlink::vi
