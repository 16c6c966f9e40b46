#include "normalizers/vi_name.h"

#include <gtest/gtest.h>

#include "normalizers/text_repair.h"

namespace vnlink::vi {
namespace {

ParsedName Full(std::string_view s) { return ParseName({.full = s}); }

void ExpectParts(const ParsedName& n, const char* family, const char* middle, const char* given) {
  EXPECT_EQ(n.family, family) << n.full;
  EXPECT_EQ(n.middle, middle) << n.full;
  EXPECT_EQ(n.given, given) << n.full;
}

TEST(ViName, StandardOrderAndKeys) {
  ParsedName n = Full("nguyễn văn an");
  ExpectParts(n, "Nguyễn", "Văn", "An");
  EXPECT_EQ(n.full, "Nguyễn Văn An");
  EXPECT_EQ(n.name_exact, "nguyễn văn an");
  EXPECT_EQ(n.name_notone, "nguyên văn an");
  EXPECT_EQ(n.name_fold, "nguyen van an");
  EXPECT_EQ(n.family_key, "nguyen");
  EXPECT_EQ(n.middle_key, "van");
  EXPECT_EQ(n.given_key, "an");
  EXPECT_EQ(n.family_class, "nguyen");
  EXPECT_TRUE(n.middle_van);
  EXPECT_FALSE(n.middle_thi);
  EXPECT_EQ(n.flags, 0u);
}

TEST(ViName, AllCapsAndNoDiacritics) {
  ParsedName caps = Full("TRẦN THỊ THU HÀ");
  ExpectParts(caps, "Trần", "Thị Thu", "Hà");
  EXPECT_EQ(caps.middle_key, "thi thu");
  EXPECT_TRUE(caps.middle_thi);
  ParsedName plain = Full("NGUYEN VAN AN");
  ExpectParts(plain, "Nguyen", "Van", "An");
  EXPECT_EQ(plain.name_fold, "nguyen van an");
  EXPECT_EQ(plain.flags, kNameNoDiacritics);
}

TEST(ViName, GivenNameFirstIsReordered) {
  for (const char* s : {"AN NGUYEN VAN", "An Văn Nguyễn", "Van An Nguyen"}) {
    ParsedName n = Full(s);
    EXPECT_EQ(n.family_key, "nguyen") << s;
    EXPECT_EQ(n.middle_key, "van") << s;
    EXPECT_EQ(n.given_key, "an") << s;
    EXPECT_TRUE(n.flags & kNameReordered) << s;
  }
  ParsedName m = Full("Minh Thị Trần");
  EXPECT_EQ(m.full, "Trần Thị Minh");
  // A given name that is also a surname stays where the standard order puts it.
  ParsedName h = Full("Lê Văn Hoàng");
  ExpectParts(h, "Lê", "Văn", "Hoàng");
  EXPECT_FALSE(h.flags & kNameReordered);
  // An ethnic surname missing from the lists does not trigger a reordering.
  ParsedName lo = Full("Lò Văn Hoàng");
  ExpectParts(lo, "Lò", "Văn", "Hoàng");
  EXPECT_TRUE(lo.flags & kNameUnknownFamily);
}

TEST(ViName, CompoundSurnames) {
  ParsedName a = Full("Tôn Thất Thuyết");
  ExpectParts(a, "Tôn Thất", "", "Thuyết");
  EXPECT_EQ(a.family_key, "ton that");
  EXPECT_TRUE(a.flags & kNameCompoundFamily);
  ExpectParts(Full("Âu Dương Phong"), "Âu Dương", "", "Phong");
  ExpectParts(Full("Hoàng Phủ Ngọc Tường"), "Hoàng Phủ", "Ngọc", "Tường");
  ExpectParts(Full("Tôn Nữ Thị Ninh"), "Tôn Nữ", "Thị", "Ninh");
  ExpectParts(Full("Nguyễn Phúc Bửu Lộc"), "Nguyễn Phúc", "Bửu", "Lộc");
  // A commoner with middle name Phúc.
  ExpectParts(Full("Nguyễn Phúc An"), "Nguyễn", "Phúc", "An");
  // Hoàng + middle Phú is not Hoàng Phủ.
  ExpectParts(Full("Hoàng Phú Ngọc"), "Hoàng", "Phú", "Ngọc");
  EXPECT_EQ(Full("Nguyễn Phước Vĩnh Lộc").family_class, "nguyen phuc");
}

TEST(ViName, SurnameClasses) {
  EXPECT_EQ(FamilyClass("Huỳnh"), "hoang");
  EXPECT_EQ(FamilyClass("Hoàng"), "hoang");
  EXPECT_EQ(FamilyClass("Võ"), "vu");
  EXPECT_EQ(FamilyClass("VU"), "vu");
  EXPECT_EQ(FamilyClass("Lí"), "ly");
  EXPECT_EQ(FamilyClass("Sái"), "thai");
  EXPECT_EQ(FamilyClass("Nguyễn"), "nguyen");
  EXPECT_EQ(FamilyClass("Chử"), "chu");  // Chử is its own surname, not Chu/Châu
  EXPECT_EQ(Full("Huỳnh Thị Mai").family_class, Full("Hoàng Thị Mai").family_class);
}

TEST(ViName, TelexResidue) {
  EXPECT_EQ(DecodeTelexName("Nguyeenx"), "Nguyễn");
  EXPECT_EQ(DecodeTelexName("Hoaf"), "Hòa");
  EXPECT_EQ(DecodeTelexName("DDuwcs"), "Đức");
  EXPECT_EQ(DecodeTelexName("TRUWOWNGF"), "TRƯỜNG");
  EXPECT_EQ(DecodeTelexName("Nguyen"), "");  // valid already
  EXPECT_EQ(DecodeTelexName("Johns"), "");   // decodes to nothing known
  ParsedName n = Full("Nguyeenx Thij Hoaf");
  EXPECT_EQ(n.full, "Nguyễn Thị Hòa");
  EXPECT_TRUE(n.flags & kNameTelex);
}

TEST(ViName, ToneStylesCompareEqual) {
  ParsedName a = Full("Lê Thị Hoà");
  ParsedName b = Full("Lê Thị Hòa");
  EXPECT_EQ(a.name_exact, b.name_exact);
  EXPECT_EQ(a.full, "Lê Thị Hòa");
  EXPECT_TRUE(a.flags & kNameToneMoved);
  EXPECT_FALSE(b.flags & kNameToneMoved);
  EXPECT_EQ(Full("Trần Thanh Thuý").given, "Thúy");
}

TEST(ViName, RepairsEncodingsAndNoise) {
  ParsedName t = Full("NguyÔn V¨n §øc");
  EXPECT_EQ(t.full, "Nguyễn Văn Đức");
  EXPECT_EQ(t.repair_flags, kRepairTcvn3);
  EXPECT_EQ(Full("Nguyá»…n Thá»‹ Lan").full, "Nguyễn Thị Lan");
  EXPECT_EQ(Full("Ðặng Ðức Anh").family, "Đặng");
  ParsedName noisy = Full("Phạm Văn Bình (2)");
  EXPECT_EQ(noisy.full, "Phạm Văn Bình");
  EXPECT_TRUE(noisy.flags & kNameNoise);
  ParsedName dot = Full("Nguyễn.Văn.Tèo");
  EXPECT_EQ(dot.full, "Nguyễn Văn Tèo");
}

TEST(ViName, PartsAndHoLotTen) {
  ParsedName p = ParseName({.family = "NGUYỄN", .middle = "THỊ MINH", .given = "KHAI"});
  ExpectParts(p, "Nguyễn", "Thị Minh", "Khai");
  EXPECT_EQ(p.full, "Nguyễn Thị Minh Khai");
  ParsedName h = ParseName({.given = "Tuấn", .holot = "Trương Văn"});
  ExpectParts(h, "Trương", "Văn", "Tuấn");
  ParsedName c = ParseName({.given = "Thuyết", .holot = "Tôn Thất"});
  ExpectParts(c, "Tôn Thất", "", "Thuyết");
  ParsedName g = ParseName({.given = "Lan"});
  EXPECT_EQ(g.full, "Lan");
  EXPECT_TRUE(g.flags & kNameSingleToken);
}

TEST(ViName, SpecialShapes) {
  ParsedName child = Full("Con bà Nguyễn Thị Hoa");
  EXPECT_EQ(child.full, "Nguyễn Thị Hoa");
  EXPECT_TRUE(child.flags & kNameChildOf);
  ParsedName cb = Full("CB Trần Thị Mai");
  EXPECT_EQ(cb.full, "Trần Thị Mai");
  EXPECT_TRUE(cb.flags & kNameChildOf);
  ParsedName title = Full("Ông Lê Văn Tám");
  EXPECT_EQ(title.full, "Lê Văn Tám");
  EXPECT_TRUE(title.flags & kNameTitle);
  // Bà is no title when only one name follows... nor a surname.
  EXPECT_EQ(Full("Nguyễn").family, "Nguyễn");
  EXPECT_EQ(Full("Nguyễn").flags, kNameSingleToken);
  EXPECT_EQ(Full("  ").full, "");
  EXPECT_EQ(Full("123").full, "");
  ParsedName ede = Full("H’Hen Niê");
  EXPECT_EQ(ede.full, "H'Hen Niê");
  EXPECT_TRUE(ede.flags & kNameInvalidSyllable);  // Niê is Ê Đê, not a Vietnamese syllable
  EXPECT_FALSE(cb.flags & kNameInvalidSyllable);
  EXPECT_TRUE(Full("Nguyễn Hélène").flags & kNameInvalidSyllable);
  // Names that carry no diacritics by nature are not "written without diacritics".
  EXPECT_FALSE(Full("Lan").flags & kNameNoDiacritics);
  EXPECT_FALSE(Full("Lê Văn An").flags & kNameNoDiacritics);
  EXPECT_TRUE(Full("Le Van An").flags & kNameNoDiacritics);
}

TEST(ViName, FlagNames) {
  EXPECT_EQ(NameFlagNames(kNameReordered | kNameTelex),
            (std::vector<std::string_view>{"name_reordered", "name_telex"}));
}

}  // namespace
}  // namespace vnlink::vi
