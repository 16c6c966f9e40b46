#include "normalizers/synth_text.h"

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "internal/embedded_csv.h"

namespace vnlink::vi {
namespace {

// The twelve Vietnamese vowel letters, each with its six tones (none, grave, acute, hook
// above, tilde, dot below), lower then upper case.
constexpr std::string_view kVowelRows[12][2] = {
    {"aàáảãạ", "AÀÁẢÃẠ"}, {"ăằắẳẵặ", "ĂẰẮẲẴẶ"}, {"âầấẩẫậ", "ÂẦẤẨẪẬ"}, {"eèéẻẽẹ", "EÈÉẺẼẸ"},
    {"êềếểễệ", "ÊỀẾỂỄỆ"}, {"iìíỉĩị", "IÌÍỈĨỊ"}, {"oòóỏõọ", "OÒÓỎÕỌ"}, {"ôồốổỗộ", "ÔỒỐỔỖỘ"},
    {"ơờớởỡợ", "ƠỜỚỞỠỢ"}, {"uùúủũụ", "UÙÚỦŨỤ"}, {"ưừứửữự", "ƯỪỨỬỮỰ"}, {"yỳýỷỹỵ", "YỲÝỶỸỴ"}};
constexpr char kVowelBase[12] = {'a', 'a', 'a', 'e', 'e', 'i', 'o', 'o', 'o', 'u', 'u', 'y'};
enum Quality : std::uint8_t { kPlain, kBreve, kCircumflex, kHorn };
constexpr Quality kVowelQuality[12] = {kPlain,      kBreve, kCircumflex, kPlain,
                                       kCircumflex, kPlain, kPlain,      kCircumflex,
                                       kHorn,       kPlain, kHorn,       kPlain};
constexpr char kToneKey[6] = {0, 'f', 's', 'r', 'x', 'j'};
constexpr char32_t kToneMark[6] = {0, 0x300, 0x301, 0x309, 0x303, 0x323};
constexpr int kDstroke = 12;  // row index used for đ/Đ

struct LetterInfo {
  std::int8_t row = -1;  // 0..11 vowel row, 12 = đ, -1 = not a Vietnamese letter
  std::uint8_t tone = 0;
  bool upper = false;
};

// Calls f(code point) for each UTF-8 character of `s`, without building a u32string (the
// char-local rewrites run on every damaged record).
template <typename F>
void ForEachCodePoint(std::string_view s, F&& f) {
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      f(static_cast<char32_t>(c));
      ++i;
      continue;
    }
    char32_t cp;
    int len;
    if ((c >> 5) == 0x6) {
      cp = c & 0x1F;
      len = 2;
    } else if ((c >> 4) == 0xE) {
      cp = c & 0x0F;
      len = 3;
    } else {
      cp = c & 0x07;
      len = 4;
    }
    for (int k = 1; k < len && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    f(cp);
    i += len;
  }
}

std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  ForEachCodePoint(s, [&](char32_t cp) { out.push_back(cp); });
  return out;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Immutable lookup tables, built once.
class Letters {
 public:
  static const Letters& Get() {
    static const Letters letters;
    return letters;
  }
  LetterInfo Info(char32_t cp) const {
    if (cp < kSpan) return info_[cp];
    return {};
  }
  char32_t Compose(int row, int tone, bool upper) const {
    if (row == kDstroke) return upper ? U'Đ' : U'đ';
    return compose_[row][tone][upper ? 1 : 0];
  }
  // Windows-1252 reading of a byte.
  static char32_t Cp1252(unsigned char b) {
    static constexpr char32_t k80[32] = {
        0x20AC, 0x81,   0x201A, 0x192,  0x201E, 0x2026, 0x2020, 0x2021, 0x2C6,  0x2030, 0x160,
        0x2039, 0x152,  0x8D,   0x17D,  0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x2DC,  0x2122, 0x161,  0x203A, 0x153,  0x9D,   0x17E,  0x178};
    if (b >= 0x80 && b < 0xA0) return k80[b - 0x80];
    return b;
  }
  const std::unordered_map<char32_t, std::string>& tcvn3() const { return tcvn3_; }
  const std::unordered_map<char32_t, std::string>& vni() const { return vni_; }

 private:
  static constexpr char32_t kSpan = 0x1F00;
  Letters() : info_(kSpan) {
    for (int row = 0; row < 12; ++row) {
      for (int up = 0; up < 2; ++up) {
        const std::u32string cps = DecodeUtf8(kVowelRows[row][up]);
        for (int tone = 0; tone < 6; ++tone) {
          compose_[row][tone][up] = cps[tone];
          info_[cps[tone]] = {static_cast<std::int8_t>(row), static_cast<std::uint8_t>(tone),
                              up == 1};
        }
      }
    }
    info_[U'đ'] = {kDstroke, 0, false};
    info_[U'Đ'] = {kDstroke, 0, true};
    LoadTables();
  }
  static char32_t ParseCodePoint(const std::string& s) {  // "U+1EA0"
    return static_cast<char32_t>(std::stoul(s.substr(2), nullptr, 16));
  }
  void LoadTables() {
    const auto tcvn = internal::LoadEmbeddedCsv("legacy_tcvn3.csv");
    const std::size_t byte = tcvn.Column("byte_hex"), uni = tcvn.Column("unicode"),
                      vn3 = tcvn.Column("in_tcvn3_vn3");
    for (const auto& row : tcvn.rows) {
      if (row[vn3] != "1" || row[uni].empty()) continue;
      tcvn3_[ParseCodePoint(row[uni])] =
          std::string(1, static_cast<char>(std::stoul(row[byte], nullptr, 16)));
    }
    const auto vni = internal::LoadEmbeddedCsv("legacy_vni_windows.csv");
    const std::size_t vuni = vni.Column("unicode"), vbytes = vni.Column("vni_bytes_hex");
    for (const auto& row : vni.rows) {
      std::string bytes;
      std::size_t pos = 0;
      while (pos < row[vbytes].size()) {
        std::size_t next = row[vbytes].find(' ', pos);
        if (next == std::string::npos) next = row[vbytes].size();
        bytes.push_back(
            static_cast<char>(std::stoul(row[vbytes].substr(pos, next - pos), nullptr, 16)));
        pos = next + 1;
      }
      vni_[ParseCodePoint(row[vuni])] = bytes;
    }
  }

  std::vector<LetterInfo> info_;
  char32_t compose_[12][6][2] = {};
  std::unordered_map<char32_t, std::string> tcvn3_;
  std::unordered_map<char32_t, std::string> vni_;
};

bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool IsLetter(const Letters& L, char32_t c) { return IsAsciiLetter(c) || L.Info(c).row >= 0; }

}  // namespace

std::string DropDiacritics(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  AppendDropDiacritics(s, out);
  return out;
}

void AppendDropDiacritics(std::string_view s, std::string& out) {
  const Letters& L = Letters::Get();
  ForEachCodePoint(s, [&](char32_t c) {
    const LetterInfo info = L.Info(c);
    if (info.row < 0) {
      AppendUtf8(out, c);
    } else {
      const char base = info.row == kDstroke ? 'd' : kVowelBase[info.row];
      out.push_back(info.upper ? static_cast<char>(base - 'a' + 'A') : base);
    }
  });
}

std::string UpperVi(std::string_view s) {
  const Letters& L = Letters::Get();
  std::string out;
  out.reserve(s.size());
  ForEachCodePoint(s, [&](char32_t c) {
    const LetterInfo info = L.Info(c);
    if (c >= 'a' && c <= 'z')
      c = c - 'a' + 'A';
    else if (info.row >= 0 && !info.upper)
      c = L.Compose(info.row, info.tone, true);
    AppendUtf8(out, c);
  });
  return out;
}

std::string DecomposeVi(std::string_view s) {
  const Letters& L = Letters::Get();
  std::string out;
  out.reserve(s.size() + 8);
  ForEachCodePoint(s, [&](char32_t c) {
    const LetterInfo info = L.Info(c);
    if (info.row < 0 || info.row == kDstroke) {
      AppendUtf8(out, c);
      return;
    }
    const char base = kVowelBase[info.row];
    out.push_back(info.upper ? static_cast<char>(base - 'a' + 'A') : base);
    // Canonical order by combining class: horn (216), dot below (220), then the
    // class-230 marks in their decomposition order (quality before tone).
    const Quality q = kVowelQuality[info.row];
    if (q == kHorn) AppendUtf8(out, 0x31B);
    if (info.tone == 5) AppendUtf8(out, 0x323);
    if (q == kCircumflex) AppendUtf8(out, 0x302);
    if (q == kBreve) AppendUtf8(out, 0x306);
    if (info.tone != 0 && info.tone != 5) AppendUtf8(out, kToneMark[info.tone]);
  });
  return out;
}

std::string TelexResidue(std::string_view s) {
  const Letters& L = Letters::Get();
  const std::u32string cps = DecodeUtf8(s);
  std::string out;
  out.reserve(s.size() + 8);
  int pending_tone = 0;
  bool pending_upper = false;
  auto flush_tone = [&] {
    if (pending_tone != 0) {
      const char k = kToneKey[pending_tone];
      out.push_back(pending_upper ? static_cast<char>(k - 'a' + 'A') : k);
    }
    pending_tone = 0;
  };
  for (char32_t c : cps) {
    const LetterInfo info = L.Info(c);
    if (!IsLetter(L, c)) {
      flush_tone();
      AppendUtf8(out, c);
      continue;
    }
    if (info.row < 0) {
      AppendUtf8(out, c);
      continue;
    }
    auto put = [&](char lower) {
      out.push_back(info.upper ? static_cast<char>(lower - 'a' + 'A') : lower);
    };
    if (info.row == kDstroke) {
      put('d');
      put('d');
      continue;
    }
    const char base = kVowelBase[info.row];
    put(base);
    switch (kVowelQuality[info.row]) {
      case kCircumflex:
        put(base);
        break;
      case kBreve:
      case kHorn:
        put('w');
        break;
      case kPlain:
        break;
    }
    if (info.tone != 0) {
      pending_tone = info.tone;
      pending_upper = info.upper;
    }
  }
  flush_tone();
  return out;
}

std::string ToneStyle(std::string_view s, bool new_style) {
  const Letters& L = Letters::Get();
  std::u32string cps = DecodeUtf8(s);
  std::size_t i = 0;
  while (i < cps.size()) {
    if (!IsLetter(L, cps[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < cps.size() && IsLetter(L, cps[end])) ++end;
    // One word [i, end). Skip the onset: consonants, and the u of qu / the i of gi.
    std::size_t v = i;
    auto is_vowel = [&](std::size_t k) {
      const LetterInfo info = L.Info(cps[k]);
      if (info.row >= 0) return info.row != kDstroke;
      const char32_t lc = cps[k] | 0x20;
      return lc == 'a' || lc == 'e' || lc == 'i' || lc == 'o' || lc == 'u' || lc == 'y';
    };
    auto base_of = [&](std::size_t k) -> char {
      const LetterInfo info = L.Info(cps[k]);
      if (info.row >= 0 && info.row != kDstroke) return kVowelBase[info.row];
      return static_cast<char>(cps[k] | 0x20);
    };
    auto plain = [&](std::size_t k) {
      const LetterInfo info = L.Info(cps[k]);
      return info.row < 0 || (info.row != kDstroke && kVowelQuality[info.row] == kPlain);
    };
    while (v < end && !is_vowel(v)) ++v;
    if (v > i && v + 1 < end) {
      const char prev = static_cast<char>(cps[v - 1] | 0x20);
      if ((prev == 'q' && base_of(v) == 'u') || (prev == 'g' && base_of(v) == 'i')) ++v;
    }
    std::size_t n = v;
    while (n < end && is_vowel(n)) ++n;
    if (n == end && n - v == 2 && plain(v) && plain(v + 1)) {
      const char a = base_of(v), b = base_of(v + 1);
      if ((a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y')) {
        const LetterInfo first = L.Info(cps[v]), second = L.Info(cps[v + 1]);
        const int tone = first.row >= 0 && first.tone ? first.tone
                         : second.row >= 0            ? second.tone
                                                      : 0;
        if (tone != 0) {
          auto set = [&](std::size_t k, int t) {
            const LetterInfo info = L.Info(cps[k]);
            const bool upper = info.row >= 0 ? info.upper : (cps[k] < 'a');
            int row = 0;
            for (int r = 0; r < 12; ++r) {
              if (kVowelBase[r] == base_of(k) && kVowelQuality[r] == kPlain) row = r;
            }
            cps[k] = L.Compose(row, t, upper);
          };
          set(v, new_style ? 0 : tone);
          set(v + 1, new_style ? tone : 0);
        }
      }
    }
    i = end;
  }
  std::string out;
  out.reserve(s.size());
  for (char32_t c : cps) AppendUtf8(out, c);
  return out;
}

std::string EthForDstroke(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  ForEachCodePoint(s, [&](char32_t c) {
    if (c == U'Đ')
      c = 0xD0;
    else if (c == U'đ')
      c = 0xF0;
    AppendUtf8(out, c);
  });
  return out;
}

bool HasDstroke(std::string_view s) {
  return s.find("\xC4\x90") != std::string_view::npos ||  // Đ U+0110
         s.find("\xC4\x91") != std::string_view::npos;    // đ U+0111
}

std::string LegacyMojibake(std::string_view s, LegacyEncoding encoding) {
  std::string out;
  out.reserve(s.size() * 2);
  AppendLegacyMojibake(s, encoding, out);
  return out;
}

void AppendLegacyMojibake(std::string_view s, LegacyEncoding encoding, std::string& out) {
  const Letters& L = Letters::Get();
  auto put = [&](unsigned char b) { AppendUtf8(out, Letters::Cp1252(b)); };
  if (encoding == LegacyEncoding::kUtf8Twice) {
    for (unsigned char b : s) put(b);
    return;
  }
  const auto& table = encoding == LegacyEncoding::kTcvn3 ? L.tcvn3() : L.vni();
  ForEachCodePoint(s, [&](char32_t c) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      return;
    }
    auto it = table.find(c);
    if (it == table.end()) {
      // TCVN3 (VN3) has no toned capitals: capital fonts reused the small letter's byte.
      const LetterInfo info = L.Info(c);
      if (info.row >= 0 && info.upper) it = table.find(L.Compose(info.row, info.tone, false));
    }
    if (it == table.end()) {
      put('?');
      return;
    }
    for (unsigned char b : it->second) put(b);
  });
}

}  // namespace vnlink::vi
