#include "normalizers/text_repair.h"

#include <gtest/gtest.h>

#include <string>

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

TEST(TextRepair, FlagNames) {
  EXPECT_EQ(RepairFlagNames(kRepairTcvn3 | kRepairSpace),
            (std::vector<std::string_view>{"text_tcvn3", "text_space"}));
  EXPECT_TRUE(RepairFlagNames(0).empty());
}

}  // namespace
}  // namespace vnlink::vi
