#include "normalizers/vi_name.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "normalizers/synth_text.h"
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
  // Split on anything but letters; apostrophes only inside a syllable; malformed (here
  // overlong) UTF-8 is read as its code points.
  EXPECT_EQ(FamilyClass("Tôn-Thất"), "ton that");
  EXPECT_EQ(FamilyClass(" 'Huỳnh'  Võ×Lí "), "hoang vu ly");
  EXPECT_EQ(FamilyClass("H'Hen"), "h'hen");
  EXPECT_EQ(FamilyClass("Vo\xC0\x80Huynh"), "vu hoang");
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

void ExpectSame(const ParsedName& a, const ParsedName& b, std::string_view what) {
  EXPECT_EQ(a.full, b.full) << what;
  EXPECT_EQ(a.family, b.family) << what;
  EXPECT_EQ(a.middle, b.middle) << what;
  EXPECT_EQ(a.given, b.given) << what;
  EXPECT_EQ(a.name_exact, b.name_exact) << what;
  EXPECT_EQ(a.name_notone, b.name_notone) << what;
  EXPECT_EQ(a.name_fold, b.name_fold) << what;
  EXPECT_EQ(a.family_key, b.family_key) << what;
  EXPECT_EQ(a.middle_key, b.middle_key) << what;
  EXPECT_EQ(a.given_key, b.given_key) << what;
  EXPECT_EQ(a.family_class, b.family_class) << what;
  EXPECT_EQ(a.middle_van, b.middle_van) << what;
  EXPECT_EQ(a.middle_thi, b.middle_thi) << what;
  EXPECT_EQ(a.flags, b.flags) << what;
  EXPECT_EQ(a.repair_flags, b.repair_flags) << what;
}

// Names in every shape the parser handles: compound surnames, given-name-first orders,
// titles and "con bà", Telex residue, every legacy encoding (whole field and one word),
// NFD, eth, caps, no diacritics, new tone placement, noise, odd spacing.
std::vector<std::string> TrickyNames() {
  std::vector<std::string> out = {
      "", "  ", "123", "Lê  An", " Lê An ", "Nguyễn-Văn.An 2", "'An' Lê", "H'Hen Niê",
      "H\u2019Hen Niê", "Nguyễn Hélène", "Nguyễn Thị Quỳnh", "Trần Tịh Mỹ Anh", "BĂši Văn Lâm",
      "Nguyễn Bắc ToĂ n", "VÄƒn Äá»©c", "NguyêÞn Vãn An", "Nguy\u00ADn Văn An", "Tr¥n Th¸ Thüy",
      "Nguyeenx Vawn An", "DDuwcs", "Hoaf", "Lò Văn Hoàng", "Ông Ích Khiêm", "Lê\u200BAn",
      // Words fixed one by one (NFD, Ð/ð) beside other words.
      "\u00D0ào Nguye\u0302\u0303n", "\u00D0o\u0300an Văn An", "Nguye\u0302\u0303n V\u00F0n",
      "\u00D0ào NguyÔn", "Nguye\u0302\u0303n NguyÔn Hµ", "\u00D0ào Tr\u00A5n", "\u00D0ào  An",
      "\u00D0ào\u00A0An", "\u00D0", "\u00F0\u00F0", "\u00D0\u00E0o1 An", "\u00D0ào H\u2019Hen",
      "Nguye\u0302\u0303nx", "Nguyeenx \u00D0u\u031Bc", "Q\u0303uang Anh", "\u0301An Lê",
      "An \u0301", "Lê Tha\u0300nh\u200B Nam", "NGUYE\u0302\u0303N VA\u0306N \u00D0U\u031B\u0301C",
      // Mojibake suspects whose field settles without repair (an undecodable word beside
      // them), and whose field does not.
      "NguyÔn Tịh", "Tịh NguyÔn V¨n", "NguyÔn Văn", "A.B.C.NguyÔn Tịh", "X.Y.Z.Tịh An"};
  for (const char* base : {"Nguyễn Văn An",
                           "Tôn Thất Thuyết",
                           "Tôn Nữ Thị Hà",
                           "Âu Dương Phong",
                           "Nguyễn Phúc Vĩnh Lộc",
                           "Nguyễn Phúc An",
                           "Hoàng Phủ Ngọc Tường",
                           "Công Tằng Tôn Nữ Thị Bích",
                           "An Văn Nguyễn",
                           "Văn An Nguyễn",
                           "An Nguyễn Văn",
                           "Minh Thị Trần",
                           "Con bà Nguyễn Thị Lan",
                           "CB Trần Văn Nam",
                           "Ông Nguyễn Văn Ba",
                           "BS. Lê Văn Hưu",
                           "Đặng Thị Thuỷ Hoà",
                           "Huỳnh Đức Phước",
                           "Võ Thị Quý",
                           "Lan"}) {
    std::string b = base;
    out.push_back(b);
    for (LegacyEncoding e :
         {LegacyEncoding::kTcvn3, LegacyEncoding::kVni, LegacyEncoding::kUtf8Twice}) {
      out.push_back(LegacyMojibake(b, e));
      out.push_back("Lê " + LegacyMojibake(b.substr(b.rfind(' ') + 1), e));
    }
    for (std::string v : {UpperVi(b), DropDiacritics(b), UpperVi(DropDiacritics(b)), DecomposeVi(b),
                          TelexResidue(b), ToneStyle(b, true), EthForDstroke(b)}) {
      out.push_back(std::move(v));
    }
  }
  return out;
}

// The cached parser agrees with ParseName (every field the full way), cold and warm, and
// with caches so small they are emptied all the time.
TEST(ViName, NameParserAgreesWithParseName) {
  std::vector<std::string> names = TrickyNames();
  for (std::size_t capacity : {NameParser::kDefaultCapacity, std::size_t{3}}) {
    NameParser parser(capacity);
    for (int round = 0; round < 2; ++round) {
      for (const std::string& s : names) {
        ExpectSame(parser.Parse({.full = s}), ParseName({.full = s}), s);
        // The same syllables as parts: family / middle / given, and họ lót + tên.
        std::size_t first = s.find(' '), last = s.rfind(' ');
        if (first == std::string::npos || first == last) continue;
        NameInput parts{.family = std::string_view(s).substr(0, first),
                        .middle = std::string_view(s).substr(first + 1, last - first - 1),
                        .given = std::string_view(s).substr(last + 1)};
        ExpectSame(parser.Parse(parts), ParseName(parts), "parts: " + s);
        NameInput holot{.given = std::string_view(s).substr(last + 1),
                        .holot = std::string_view(s).substr(0, last)};
        ExpectSame(parser.Parse(holot), ParseName(holot), "holot: " + s);
      }
    }
  }
}

// The whole-name memo gives the parse of its own input, hit or miss, full name or parts
// (a parts input must not hit the entry of a full name with the same text).
TEST(ViName, ParseSharedAgreesWithParse) {
  std::vector<std::string> names = TrickyNames();
  for (std::size_t capacity : {NameParser::kDefaultCapacity, std::size_t{0}}) {
    NameParser parser(capacity);
    for (int round = 0; round < 3; ++round) {
      for (const std::string& s : names) {
        ExpectSame(*parser.ParseShared({.full = s}), ParseName({.full = s}), s);
        NameInput given{.given = s};
        ExpectSame(*parser.ParseShared(given), ParseName(given), "given: " + s);
      }
    }
  }
}

// Past kMemoSlots distinct names the memo replaces entries and reuses their results for new
// ones: a reused result must be indistinguishable from a new one, and a result the caller
// still holds is never reused.
TEST(ViName, ParseSharedReusesReplacedResultsCleanly) {
  std::vector<std::string> tricky = TrickyNames();
  NameParser parser;
  std::shared_ptr<const ParsedName> held = parser.ParseShared({.full = "Tôn Nữ Thị Hà"});
  ParsedName held_copy = *held;
  std::size_t n = 3 * NameParser::kMemoSlots;
  for (std::size_t i = 0; i < n; ++i) {
    // Tricky names (flags, compounds, mojibake) between plain ones, each made distinct.
    const std::string& base = tricky[i % tricky.size()];
    std::string s = i % 2 == 0 ? base + " " + std::to_string(i)
                               : "Nguyễn Văn " + std::string(1, static_cast<char>('A' + i % 26)) +
                                     std::to_string(i);
    ExpectSame(*parser.ParseShared({.full = s}), ParseName({.full = s}), s);
  }
  ExpectSame(*held, held_copy, "held");
}

// The results the cached way must reproduce (a few fixed expectations, so a change that
// broke both ways alike would still show).
TEST(ViName, NameParserKnownResults) {
  NameParser parser;
  for (int round = 0; round < 2; ++round) {
    ParsedName a = parser.Parse({.full = "TÔN THẤT THUYẾT"});
    EXPECT_EQ(a.full, "Tôn Thất Thuyết");
    EXPECT_EQ(a.family_class, "ton that");
    EXPECT_EQ(a.flags, kNameCompoundFamily);
    ParsedName b = parser.Parse({.full = "An Văn Nguyễn"});
    EXPECT_EQ(b.full, "Nguyễn Văn An");
    EXPECT_EQ(b.flags, kNameReordered);
    ParsedName c = parser.Parse({.full = "Nguyeenx Thij Hoaf"});
    EXPECT_EQ(c.full, "Nguyễn Thị Hòa");
    EXPECT_TRUE(c.flags & kNameTelex);
    ParsedName d = parser.Parse({.full = LegacyMojibake("Hoàng Văn Đức", LegacyEncoding::kTcvn3)});
    EXPECT_EQ(d.full, "Hoàng Văn Đức");
    EXPECT_EQ(d.repair_flags, kRepairTcvn3);
    ParsedName e = parser.Parse({.full = "Thuỷ Hoà"});
    EXPECT_EQ(e.name_exact, "thủy hòa");
    EXPECT_TRUE(e.flags & kNameToneMoved);
    // Words fixed one by one: Ð/ð, and decomposed letters.
    ParsedName f = parser.Parse({.full = "\u00D0ào V\u0103n \u00F0\u1EE9c"});
    EXPECT_EQ(f.full, "Đào Văn Đức");
    EXPECT_EQ(f.repair_flags, kRepairEth);
    ParsedName g = parser.Parse({.full = "Nguye\u0302\u0303n Văn An"});
    EXPECT_EQ(g.full, "Nguyễn Văn An");
    EXPECT_EQ(g.repair_flags, kRepairNfc);
    ParsedName h = parser.Parse({.full = "\u00D0ào Nguye\u0302\u0303n"});  // both at once
    EXPECT_EQ(h.full, "Đào Nguyễn");
    EXPECT_EQ(h.repair_flags, kRepairEth | kRepairNfc);
  }
}

// Long syllables and long names (beyond the fixed-width copies and the inline token array
// of the joins) come out joined as they are.
TEST(ViName, LongNamesJoinWhole) {
  NameParser parser;
  std::string long_word(30, 'x');
  ParsedName a = parser.Parse({.full = "Lê " + long_word + " An"});
  EXPECT_EQ(a.full, "Lê X" + long_word.substr(1) + " An");
  EXPECT_EQ(a.name_fold, "le " + long_word + " an");
  EXPECT_EQ(a.middle_key, long_word);
  std::string many = "Nguyễn", many_full = "Nguyễn", many_notone = "nguyên";
  for (int i = 0; i < 40; ++i) {
    many += i % 2 ? " Bình" : " AN";
    many_full += i % 2 ? " Bình" : " An";
    many_notone += i % 2 ? " binh" : " an";
  }
  ParsedName b = parser.Parse({.full = many});
  EXPECT_EQ(b.full, many_full);
  EXPECT_EQ(b.name_notone, many_notone);
  EXPECT_EQ(b.family, "Nguyễn");
  EXPECT_EQ(b.given, "Bình");
  EXPECT_EQ(b.middle.size(), many_full.size() - std::string("Nguyễn  Bình").size());
}

TEST(ViName, FlagNames) {
  EXPECT_EQ(NameFlagNames(kNameReordered | kNameTelex),
            (std::vector<std::string_view>{"name_reordered", "name_telex"}));
}

}  // namespace
}  // namespace vnlink::vi
