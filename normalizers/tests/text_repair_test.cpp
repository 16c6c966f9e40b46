#include "normalizers/text_repair.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../src/internal/text_repair_full.h"
#include "normalizers/synth_text.h"

namespace vnlink::vi {
namespace {

struct Case {
  const char* input;
  const char* expected;
  std::uint32_t flags;
};

void ExpectRepairs(const Case& c) {
  RepairedText r = RepairText(c.input);
  EXPECT_EQ(r.text, c.expected) << c.input;
  EXPECT_EQ(r.flags, c.flags) << c.input;
}

TEST(TextRepair, DoubleEncodedUtf8) {
  ExpectRepairs({"Nguyá»…n VÄƒn An", "Nguyễn Văn An", kRepairDoubleUtf8});
  ExpectRepairs({"Tráº§n Thá»‹ Thá»§y", "Trần Thị Thủy", kRepairDoubleUtf8});
  // 0x90 is undefined in cp1252: it survives as the C1 control U+0090.
  ExpectRepairs({"HoÃ\u00A0ng VÄƒn Ä\u0090á»©c", "Hoàng Văn Đức", kRepairDoubleUtf8});
  // Through Windows-1258, with the no-break space kept or turned into a space.
  ExpectRepairs({"Nguyễn Bắc ToĂ\u00A0n", "Nguyễn Bắc Toàn", kRepairDoubleUtf8});
  ExpectRepairs({"ToĂ n", "Toàn", kRepairDoubleUtf8});
  // Encoded twice over.
  ExpectRepairs({"NguyÃ¡Â»â€¦n", "Nguyễn", kRepairDoubleUtf8});
}

TEST(TextRepair, Tcvn3) {
  ExpectRepairs({"NguyÔn", "Nguyễn", kRepairTcvn3});
  ExpectRepairs({"TrÇn ThÞ Thñy", "Trần Thị Thủy", kRepairTcvn3});
  ExpectRepairs({"Hoµng V¨n §øc", "Hoàng Văn Đức", kRepairTcvn3});
  // Capital fonts: the toned letters decode to lower case; the word is re-uppercased.
  ExpectRepairs({"NGUYÔN V¡N AN", "NGUYỄN VĂN AN", kRepairTcvn3});
  ExpectRepairs({"X· Hßa B×nh, HUYÖN CHî G¹O", "Xã Hòa Bình, HUYỆN CHỢ GẠO", kRepairTcvn3});
  ExpectRepairs({"§ÆNG", "ĐẶNG", kRepairTcvn3});
  // ư is byte 0xAD, the soft hyphen of cp1252.
  ExpectRepairs({"M\u00ADêng", "Mường", kRepairTcvn3});
}

TEST(TextRepair, Vni) {
  ExpectRepairs({"Nguyeãn", "Nguyễn", kRepairVni});
  ExpectRepairs({"Traàn Thò Thuûy", "Trần Thị Thủy", kRepairVni});
  ExpectRepairs({"Hoaøng Vaên Ñöùc", "Hoàng Văn Đức", kRepairVni});
  ExpectRepairs({"Phöôùc", "Phước", kRepairVni});
  ExpectRepairs({"Huyønh Thò Myõ", "Huỳnh Thị Mỹ", kRepairVni});
}

TEST(TextRepair, Cp1258AndViscii) {
  ExpectRepairs({"NguyêÞn", "Nguyễn", kRepairCp1258});
  ExpectRepairs({"TrâÌn Thiò ThuÒy", "Trần Thị Thủy", kRepairCp1258});
  ExpectRepairs({"Hoàng Vãn Ðýìc", "Hoàng Văn Đức", kRepairCp1258});
  ExpectRepairs({"Nguy\u00ADn", "Nguyễn", kRepairViscii});
  ExpectRepairs({"Tr¥n Th¸ Thüy", "Trần Thị Thủy", kRepairViscii});
}

TEST(TextRepair, GenuineTextIsNeverDecoded) {
  for (const char* s :
       {"Nguyễn Văn An", "Hélène Dupont", "François Müller", "Café Tùng", "Smith, John", "Thò Thuỷ",
        "Số 5 Lê Lợi, Phường Bến Nghé", "ĐẶNG THỊ ÁNH", "Ø", "Hoà Bình"}) {
    RepairedText r = RepairText(s);
    EXPECT_EQ(r.text, s) << s;
    EXPECT_EQ(r.flags & ~kRepairUnrepaired, 0u) << s;
  }
  EXPECT_EQ(RepairText("Hélène Dupont").flags, 0u);
}

TEST(TextRepair, UnicodeHygiene) {
  ExpectRepairs({"Nguye\u0302\u0303n", "Nguyễn", kRepairNfc});
  ExpectRepairs({"Ðức", "Đức", kRepairEth});
  ExpectRepairs({"ðoàn", "đoàn", kRepairEth});
  ExpectRepairs({"H\u2019Hen Niê", "H'Hen Niê", kRepairApostrophe});
  ExpectRepairs({"  Lê\u00A0 Thị\tAn  ", "Lê Thị An", kRepairSpace});
  ExpectRepairs({"Lê  An", "Lê An", kRepairSpace});
  ExpectRepairs({"  Lê An ", "Lê An", 0});
  ExpectRepairs({"Lê\u200BAn\x07", "LêAn", kRepairControl});
  ExpectRepairs({"plain", "plain", 0});
  ExpectRepairs({"", "", 0});
}

TEST(TextRepair, UndecodableMojibakeIsFlagged) {
  // Byte 0x90 dropped by the tool that mis-read the file: no decoding fits.
  RepairedText r = RepairText("VÄƒn Äá»©c");
  EXPECT_EQ(r.text, "VÄƒn Äá»©c");
  EXPECT_EQ(r.flags, kRepairUnrepaired);
}

// Fields in every shape the repair handles: clean Vietnamese, every legacy encoding, NFD,
// eth, odd spaces and apostrophes, typos that are no syllable, foreign names, addresses.
std::vector<std::string> TrickyFields() {
  std::vector<std::string> out = {
      "", " ", "plain", "Nguyễn Văn An", "Nguyễn Thị Quỳnh", "Trần Tịh Mỹ Anh", "Hoàgn Minh",
      "BĂši Văn Lâm", "Nguyễn Bắc ToĂ\u00A0n", "Nguyễn Bắc ToĂ n", "ToĂ n", "VÄƒn Äá»©c",
      "HoÃ\u00A0ng VÄƒn Ä\u0090á»©c", "NguyÃ¡Â»â€¦n", "NguyêÞn", "TrâÌn Thiò ThuÒy", "Nguy\u00ADn",
      "Tr¥n Th¸ Thüy", "M\u00ADêng", "X· Hßa B×nh, HUYÖN CHî G¹O", "§ÆNG", "Hélène Dupont",
      "François Müller", "Smith, John", "Ø", "a – b", "Ð ức", "H\u2019Hen Niê", "Lê  An", " Lê An",
      "Lê An ", "Lê\u200BAn", "Lê\tAn", "Số 5 Lê Lợi, Phường Bến Nghé",
      "Thôn 3, Xã Ea Kao, TP. Buôn Ma Thuột", "Ấp Quyết Tiến, Xã Hòa Long", "ĐẶNG THỊ ÁNH", "a`b",
      "x\x7Fy", "\xC3\xA0\xC3", "Nguyễnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn Văn", "Qúy Hoà Thuỷ",
      "Cộng hòa xã hội chủ nghĩa Việt Nam 123", "Nguyễ Mỹ Anh", "Đặặng Hồng", "LÊÊ THÚY MINH",
      "Ãn Quỳnh", "Quỳnh Ã", "Hoàgn Ãnh", "Trnầ Thị", "Ã n Quỳnh", "Ø Quỳnh", "Nguyễn Kitệ",
      "ToĂ n Quỳnh", "NguyÔn Quỳnh", "Nguyeãn Quỳnh", "Nguyá»…n Quỳnh",
      // Abbreviations: an ASCII piece that is no syllable keeps the word invalid.
      "X.Hòa Long", "Ấp 3, X.Hòa Long, H.Tiên Lãng", "P.Khánh Hội, Tp.HCM", "QBình Thuỷ",
      "TX.Phú Thọ", "Hà X.Hòa", "Ã X.Hòa", "ToĂ X.Hòa", "X.§øc", "§ X.Hòa", "X.Hoµ", "Hoµ.X",
      "Xã X.Hòa", "Á X.Hòa", "X.Hòa.TP", "X.Ã", "X.Ã n", "Tp.Hồ Chí Minh"};
  for (const char* base : {"Nguyễn Văn Đức", "Trần Thị Thủy", "Hoàng Văn Phước, Xã Hòa Long",
                           "X.Hòa Long, H.Tiên Lãng, Tp.Hải Phòng", "P.Tân Khánh, TX.Ngã Năm",
                           "Huỳnh Thị Mỹ", "ĐẶNG VĂN ẨN", "Tôn Thất Thuyết"}) {
    out.emplace_back(base);
    for (LegacyEncoding e :
         {LegacyEncoding::kTcvn3, LegacyEncoding::kVni, LegacyEncoding::kUtf8Twice}) {
      out.push_back(LegacyMojibake(base, e));
      // Mojibake in one word of a correct field.
      out.push_back(std::string("Lê ") + LegacyMojibake(base, e));
    }
    out.push_back(DecomposeVi(base));
    out.push_back(EthForDstroke(base));
    out.push_back(TelexResidue(base));
    out.push_back(DropDiacritics(base));
  }
  return out;
}

TEST(TextRepair, IdentityShortcutAgreesWithFullPath) {
  int identity = 0;
  for (const std::string& s : TrickyFields()) {
    RepairedText full = internal::RepairTextFull(s);
    RepairedText fast = RepairText(s);
    EXPECT_EQ(fast.text, full.text) << s;
    EXPECT_EQ(fast.flags, full.flags) << s;
    if (RepairIsIdentity(s)) {
      ++identity;
      EXPECT_EQ(full.text, s) << s;
      EXPECT_EQ(full.flags, 0u) << s;
    }
  }
  EXPECT_GT(identity, 10);  // the shortcut is taken for clean text
}

TEST(TextRepair, IdentityShortcutLeavesMojibakeToTheFullPath) {
  for (const char* s : {"NguyÔn", "Nguyeãn", "Nguyá»…n", "NguyêÞn", "Nguy\u00ADn", "ToĂ n",
                        "Trần Tịh Mỹ Anh", "VÄƒn Äá»©c", "Lê  An", "Ðức", "H\u2019Hen"}) {
    EXPECT_FALSE(RepairIsIdentity(s)) << s;
  }
  for (const char* s : {"Nguyễn Văn An", "Số 5, Lê Lợi", "ĐẶNG THỊ ÁNH", "plain", ""}) {
    EXPECT_TRUE(RepairIsIdentity(s)) << s;
  }
}

// A field settled from its words alone: clean words, and an invalid word that no decoding
// fits (ị has no Windows-1252 byte, and no Windows-1258 byte either).
TEST(TextRepair, RepairByWords) {
  auto settle = [](std::vector<std::string_view> words) {
    RepairByWords r;
    for (std::string_view w : words) r.Add(InspectRepairWord(w));
    return r.Flags();
  };
  EXPECT_EQ(settle({"Nguyễn", "Văn", "An"}), 0u);
  EXPECT_EQ(settle({"Nguyễn", "Trần", "Tịh"}), 0u);
  EXPECT_EQ(settle({"Ãn", "Tịh"}), kRepairUnrepaired);
  EXPECT_EQ(settle({"NguyÔn", "V¨n"}), std::nullopt);  // TCVN3: decodable
  EXPECT_EQ(settle({"Hoàgn"}), std::nullopt);          // every letter has a cp1252 byte
  EXPECT_EQ(settle({"Lê", ""}), std::nullopt);         // a run of spaces
  EXPECT_EQ(settle({"Ðức"}), std::nullopt);            // eth: the clean-up maps it
  // An ASCII piece that no decoding changes ("X" of "X.Hòa"), unless it opens the word
  // and the word before ends in a character a lost-0xA0 reading could join to it.
  EXPECT_EQ(settle({"X.Hòa", "Long"}), 0u);
  EXPECT_EQ(settle({"Ấp", "3,", "X.Hòa"}), 0u);
  EXPECT_EQ(settle({"Hà", "X.Hòa"}), std::nullopt);
  EXPECT_EQ(settle({"Hòa.TX"}), 0u);
  EXPECT_EQ(settle({"X.Hoµ"}), std::nullopt);  // µ reads back as a continuation byte
  EXPECT_TRUE(InspectRepairWord("Tịh").undecodable);
  EXPECT_FALSE(InspectRepairWord("NguyÔn").undecodable);
}

// The word cache must never change an answer: every tricky field, in two orders (words
// met first in another field), through a roomy cache, a two-slot one (constant eviction)
// and none, against RepairText.
TEST(TextRepair, TextRepairerAgreesWithRepairText) {
  std::vector<std::string> fields = TrickyFields();
  fields.push_back(std::string(50, 'a') + " Lê");  // a word too long for a slot
  fields.push_back("Lê " + std::string(47, 'x') + "ễ");
  // More words than the repairer looks ahead at once, with a decodable word late.
  std::string many;
  for (int i = 0; i < 30; ++i) many += "Thôn " + std::to_string(i) + ", ";
  fields.push_back(many + "Xã Hòa Long");
  fields.push_back(many + "X· Hßa Long");
  fields.push_back(many + "Xã  Hòa");
  TextRepairer clean;
  std::uint32_t clean_flags = 0;
  std::string_view field = "Thôn 3, Xã Ea Kao, TP. Buôn Ma Thuột";
  EXPECT_EQ(clean.RepairView(field, clean_flags).data(), field.data());  // no copy
  EXPECT_EQ(clean_flags, 0u);
  for (std::size_t slots : {std::size_t{4096}, std::size_t{2}, std::size_t{0}}) {
    TextRepairer repairer(slots);
    for (int pass = 0; pass < 2; ++pass) {
      for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string& s = pass == 0 ? fields[i] : fields[fields.size() - 1 - i];
        RepairedText want = RepairText(s);
        RepairedText got = repairer.Repair(s);
        EXPECT_EQ(got.text, want.text) << s << " slots " << slots;
        EXPECT_EQ(got.flags, want.flags) << s << " slots " << slots;
        std::uint32_t view_flags = kRepairSpace;  // added to, never cleared
        std::string_view view = repairer.RepairView(s, view_flags);
        EXPECT_EQ(view, want.text) << s << " slots " << slots;
        EXPECT_EQ(view_flags, want.flags | kRepairSpace) << s << " slots " << slots;
      }
    }
  }
}

TEST(TextRepair, FlagNames) {
  EXPECT_EQ(RepairFlagNames(kRepairTcvn3 | kRepairSpace),
            (std::vector<std::string_view>{"text_tcvn3", "text_space"}));
  EXPECT_TRUE(RepairFlagNames(0).empty());
}

}  // namespace
}  // namespace vnlink::vi
