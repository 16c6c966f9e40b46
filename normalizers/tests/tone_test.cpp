#include "normalizers/tone.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "liblink/embedded.h"
#include "normalizers/vi_syllable.h"
#include "normalizers/vi_text.h"

namespace vnlink::vi {
namespace {

TEST(Tone, OldStyleForOpenOaOeUy) {
  EXPECT_EQ(CanonicalTones("hoà"), "hòa");
  EXPECT_EQ(CanonicalTones("hòa"), "hòa");
  EXPECT_EQ(CanonicalTones("thuý"), "thúy");
  EXPECT_EQ(CanonicalTones("khoẻ"), "khỏe");
  EXPECT_EQ(CanonicalTones("tuỳ"), "tùy");
  EXPECT_EQ(CanonicalTones("uỷ ban"), "ủy ban");
  EXPECT_EQ(CanonicalTones("Xã Hoà Bình, Thuỷ Nguyên"), "Xã Hòa Bình, Thủy Nguyên");
  EXPECT_EQ(CanonicalTones("HOÀ THUỶ"), "HÒA THỦY");
}

TEST(Tone, QuAndGiAreConsonants) {
  EXPECT_EQ(CanonicalTones("qúy"), "quý");
  EXPECT_EQ(CanonicalTones("quý"), "quý");
  EXPECT_EQ(CanonicalTones("qủa"), "quả");
  EXPECT_EQ(CanonicalTones("gía"), "giá");
  EXPECT_EQ(CanonicalTones("gìn"), "gìn");
  EXPECT_EQ(CanonicalTones("gĩưa"), "giữa");    // the tone was typed on the i of gi
  EXPECT_EQ(CanonicalTones("gìưàa"), "gìưàa");  // two tones: not a syllable, untouched
}

TEST(Tone, FinalConsonantAndMarkedVowelsWin) {
  EXPECT_EQ(CanonicalTones("hóan"), "hoán");
  EXPECT_EQ(CanonicalTones("thúyết"), "thúyết");  // two tones: left alone
  EXPECT_EQ(CanonicalTones("thùyên"), "thuyền");
  EXPECT_EQ(CanonicalTones("ngừơi"), "người");
  EXPECT_EQ(CanonicalTones("xòai"), "xoài");
  EXPECT_EQ(CanonicalTones("khúây"), "khuấy");
  EXPECT_EQ(CanonicalTones("bìa lụa lửa"), "bìa lụa lửa");
  EXPECT_EQ(CanonicalTones("Nguyễn Thị Thủy"), "Nguyễn Thị Thủy");
  EXPECT_EQ(CanonicalTones("ASCII only"), "ASCII only");
  EXPECT_EQ(CanonicalTones("Hélène"), "Hélène");
}

std::vector<std::string_view> Split(std::string_view line) {
  std::vector<std::string_view> f;
  for (;;) {
    std::size_t c = line.find(',');
    f.push_back(line.substr(0, c));
    if (c == std::string_view::npos) return f;
    line = line.substr(c + 1);
  }
}

std::map<std::string, std::string> WardNames(std::string_view csv) {
  std::map<std::string, std::string> out;
  bool header = true;
  while (!csv.empty()) {
    std::size_t nl = csv.find('\n');
    std::string_view line = csv.substr(0, nl);
    csv = nl == std::string_view::npos ? std::string_view() : csv.substr(nl + 1);
    if (header || line.empty()) {
      header = false;
      continue;
    }
    auto f = Split(line);
    out[std::string(f.at(5))] = std::string(f.at(7));  // ward_code -> ward_full_name
  }
  return out;
}

// The sequence of tones, one per letter position, ignoring where in the syllable it sits.
std::vector<int> TonesPerWord(const std::string& s) {
  std::vector<int> tones;
  int current = 0;
  for (char32_t c : ToU32(s)) {
    if (c == U' ') {
      tones.push_back(current);
      current = 0;
      continue;
    }
    LetterParts p = SplitLetter(c);
    if (p.base != 0 && p.tone != Tone::kNone) current = static_cast<int>(p.tone);
  }
  tones.push_back(current);
  return tones;
}

TEST(Tone, CommuneNamesRenamedBetween2025And2026CompareEqual) {
  auto y2025 = WardNames(EmbeddedFile("admin_units_2025.csv"));
  auto y2026 = WardNames(EmbeddedFile("admin_units_2026.csv"));
  int placement_pairs = 0;
  int other_pairs = 0;
  for (const auto& [code, a] : y2025) {
    auto it = y2026.find(code);
    if (it == y2026.end() || it->second == a) continue;
    const std::string& b = it->second;
    bool placement_only = StripTones(a) == StripTones(b) && TonesPerWord(a) == TonesPerWord(b);
    if (placement_only) {
      ++placement_pairs;
      EXPECT_EQ(CanonicalTones(a), CanonicalTones(b)) << a << " / " << b;
      EXPECT_EQ(CanonicalTones(a), a) << "2025 list uses the old style: " << a;
    } else {
      ++other_pairs;
      EXPECT_NE(CanonicalTones(a), CanonicalTones(b)) << a << " / " << b;
    }
  }
  EXPECT_EQ(placement_pairs, 190);
  EXPECT_GT(other_pairs, 0);
}

}  // namespace
}  // namespace vnlink::vi
