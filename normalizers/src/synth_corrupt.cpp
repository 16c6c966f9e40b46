#include "normalizers/synth_corrupt.h"

#include <algorithm>
#include <charconv>
#include <string>

#include "liblink/error.h"

namespace vnlink::vi {
namespace {

struct KindInfo {
  std::string_view name;
  double rate;
  std::string_view description;
};

// Default rates: chosen so that a default file looks like a mix of hospital, insurance
// and registry exports; a typical record carries one or two errors.
constexpr KindInfo kKinds[kErrorKindCount] = {
    {"enc_tcvn3", 0.01, "whole record in TCVN3 (ABC) bytes read as Windows-1252"},
    {"enc_vni", 0.01, "whole record in VNI-Windows bytes read as Windows-1252"},
    {"enc_utf8x2", 0.01, "whole record UTF-8 read as Windows-1252 (double encoding)"},
    {"name_typo", 0.03, "one letter of the name substituted, dropped, doubled or swapped"},
    {"name_telex", 0.01, "Telex keystrokes left in the name (Nguyeenx)"},
    {"name_ascii", 0.08, "name without diacritics (Nguyen Van An)"},
    {"name_caps", 0.08, "name in capitals"},
    {"name_nfd", 0.03, "name in decomposed Unicode (NFD)"},
    {"name_tone_new", 0.30, "new tone placement (Hoà, Thuỷ) where the register has Hòa, Thủy"},
    {"name_eth", 0.10, "Icelandic Ð (U+00D0) for Đ"},
    {"name_order", 0.02, "given name first (An Văn Nguyễn, Văn An Nguyễn)"},
    {"name_no_middle", 0.05, "middle name left out"},
    {"name_variant", 0.15, "Hoàng written Huỳnh, Vũ written Võ, or back"},
    {"dob_format", 0.30, "birth date in another format (d/m/yy, yyyy-mm-dd, yyyymmdd, words)"},
    {"dob_swap", 0.02, "day and month swapped (day <= 12)"},
    {"dob_year_only", 0.03, "birth year only"},
    {"dob_typo", 0.02, "one wrong day, month or year digit"},
    {"sex_format", 0.25, "another sex code (1/2, M/F, nam/nu, NAM/NỮ)"},
    {"addr_abbrev", 0.35, "abbreviated unit words and aliases (P., Q., TP., TPHCM, HN)"},
    {"addr_2025", 0.15, "address on the 2025 map: new commune and province, no district"},
    {"addr_moved", 0.05, "a different home (the person moved)"},
    {"addr_ascii", 0.05, "address without diacritics"},
    {"phone_format", 0.25, "phone written +84, with spaces or dots"},
    {"phone_old_prefix", 0.10, "phone with its 11-digit pre-2018 prefix"},
    {"phone_typo", 0.02, "one phone digit wrong"},
    {"id_typo", 0.02, "one digit of CCCD, CMND or BHYT wrong, or two swapped"},
    {"bhyt_group", 0.10, "another BHYT group and level, same 10-digit BHXH number"},
    {"miss_phone", 0.15, "phone missing"},
    {"miss_cccd", 0.20, "CCCD missing"},
    {"miss_cmnd", 0.40, "old CMND missing"},
    {"miss_bhyt", 0.15, "BHYT card missing"},
    {"miss_address", 0.03, "address missing"},
    {"miss_sex", 0.02, "sex missing"},
    {"miss_dob", 0.005, "birth date missing"},
};

double ParseRate(std::string_view item, std::string_view value) {
  double rate = -1;
  const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), rate);
  if (ec != std::errc() || ptr != value.data() + value.size() || !(rate >= 0 && rate <= 1)) {
    throw UsageError("invalid error rate '" + std::string(item) +
                     "' (expected kind=rate with a rate in [0, 1])");
  }
  return rate;
}

}  // namespace

std::string_view ErrorKindName(ErrorKind kind) { return kKinds[static_cast<int>(kind)].name; }

std::string_view ErrorKindDescription(ErrorKind kind) {
  return kKinds[static_cast<int>(kind)].description;
}

ErrorRates DefaultErrorRates() {
  ErrorRates r{};
  for (int i = 0; i < kErrorKindCount; ++i) r[i] = kKinds[i].rate;
  return r;
}

ErrorRates CleanErrorRates() { return ErrorRates{}; }

void ApplyErrorRateSpec(std::string_view spec, ErrorRates& rates) {
  std::size_t pos = 0;
  while (pos <= spec.size()) {
    std::size_t end = spec.find(',', pos);
    if (end == std::string_view::npos) end = spec.size();
    const std::string_view item = spec.substr(pos, end - pos);
    pos = end + 1;
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      throw UsageError("invalid error rate '" + std::string(item) +
                       "' (expected kind=rate with a rate in [0, 1])");
    }
    const std::string_view name = item.substr(0, eq);
    const double rate = ParseRate(item, item.substr(eq + 1));
    if (name == "all") {
      rates.fill(rate);
      continue;
    }
    bool found = false;
    for (int i = 0; i < kErrorKindCount; ++i) {
      if (kKinds[i].name == name) {
        rates[i] = rate;
        found = true;
      }
    }
    if (!found) throw UsageError("unknown error kind '" + std::string(name) + "'");
  }
}

void ScaleErrorRates(double factor, ErrorRates& rates) {
  if (!(factor >= 0)) throw UsageError("invalid error scale '" + std::to_string(factor) + "'");
  for (double& r : rates) r = std::min(1.0, r * factor);
}

}  // namespace vnlink::vi
