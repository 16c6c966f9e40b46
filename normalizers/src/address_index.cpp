// Builds the gazetteer index of vi_address.h from the embedded tables.

#include "internal/address_index.h"

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>

#include "internal/embedded_csv.h"
#include "internal/fast_fold.h"
#include "liblink/embedded.h"

namespace vnlink::vi::internal {

namespace {

// What NameKey does with a byte of folded text.
enum class KeyByte : std::uint8_t { kSeparator, kDropped, kLetter, kDigit };

constexpr auto kKeyBytes = [] {
  std::array<KeyByte, 256> t{};
  for (int c = 0x80; c < 0x100; ++c) t[c] = KeyByte::kDropped;
  t['\''] = t['`'] = KeyByte::kDropped;  // M'Drắk = MDrắk = M’Drắk
  for (int c = 'a'; c <= 'z'; ++c) t[c] = KeyByte::kLetter;
  for (int c = '0'; c <= '9'; ++c) t[c] = KeyByte::kDigit;
  return t;
}();

}  // namespace

void NameKey(std::string_view folded, std::string& out) {
  out.resize(folded.size());  // a key is never longer than its text
  char* o = out.data();
  std::size_t n = 0;
  bool space = false, digits_only = true;
  for (char ch : folded) {
    const KeyByte kind = kKeyBytes[static_cast<unsigned char>(ch)];
    if (kind == KeyByte::kDropped) continue;
    if (kind == KeyByte::kSeparator) {
      space = n != 0;
      continue;
    }
    if (space) {
      o[n++] = ' ';
      digits_only = false;
    }
    space = false;
    o[n++] = ch;
    digits_only = digits_only && kind == KeyByte::kDigit;
  }
  out.resize(n);
  if (n != 0 && digits_only) {
    std::size_t nz = out.find_first_not_of('0');
    if (nz == std::string::npos) {
      out.assign(1, '0');
    } else {
      out.erase(0, nz);
    }
  }
}

std::string NameKey(std::string_view folded) {
  std::string out;
  NameKey(folded, out);
  return out;
}

bool WithinOneEdit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return true;
  if (a.size() == b.size()) return a.substr(i + 1) == b.substr(i + 1);
  return a.substr(i) == b.substr(i + 1);
}

std::string Scoped(std::string_view parent_code, std::string_view key) {
  std::string s;
  s.reserve(parent_code.size() + 1 + key.size());
  s.append(parent_code);
  s.push_back('|');
  s.append(key);
  return s;
}

}  // namespace vnlink::vi::internal

namespace vnlink::vi {
namespace {

using internal::CsvTable;
using internal::Index;
using internal::Scoped;
using internal::Unit;

std::string Key(std::string_view name) { return internal::NameKey(internal::FastFoldText(name)); }

void Add(Index& index, const std::string& key, std::uint32_t i) {
  if (key.empty()) return;
  auto& v = index[key];
  if (std::find(v.begin(), v.end(), i) == v.end()) v.push_back(i);
}

}  // namespace

Gazetteer::Impl::Impl() {
  std::map<std::string, std::uint32_t> old_prov, old_dist, old_ward, new_prov, new_ward;
  {
    CsvTable t = internal::LoadEmbeddedCsv("admin_units_pre2025.csv");
    std::size_t pc = t.Column("province_code"), pn = t.Column("province_name"),
                pf = t.Column("province_full_name"), pt = t.Column("province_type"),
                pe = t.Column("province_name_en"), dc = t.Column("district_code"),
                dn = t.Column("district_name"), df = t.Column("district_full_name"),
                dt = t.Column("district_type"), de = t.Column("district_name_en"),
                wc = t.Column("ward_code"), wn = t.Column("ward_name"),
                wf = t.Column("ward_full_name"), wt = t.Column("ward_type");
    old_wards.reserve(t.rows.size());
    for (Index* index : {&old_ward_by_key, &old_ward_in_district, &old_ward_in_province})
      index->reserve(t.rows.size());
    for (const auto& r : t.rows) {
      auto [pi, pnew] =
          old_prov.try_emplace(r[pc], static_cast<std::uint32_t>(old_provinces.size()));
      if (pnew) {
        old_provinces.push_back({r[pc], r[pn], r[pf], r[pt], Key(r[pn]), 0, pi->second});
        Add(old_province_by_key, Key(r[pn]), pi->second);
        Add(old_province_by_key, Key(r[pe]), pi->second);
        districts_of_old_province.emplace_back();
        wards_of_old_province.emplace_back();
      }
      auto [di, dnew] =
          old_dist.try_emplace(r[dc], static_cast<std::uint32_t>(old_districts.size()));
      if (dnew) {
        old_districts.push_back({r[dc], r[dn], r[df], r[dt], Key(r[dn]), pi->second, pi->second});
        districts_of_old_province[pi->second].push_back(di->second);
        for (const std::string& k : {Key(r[dn]), Key(r[de])}) {
          Add(old_district_by_key, k, di->second);
          Add(old_district_in_province, Scoped(r[pc], k), di->second);
        }
        wards_of_old_district.emplace_back();
      }
      if (r[wc].empty()) continue;  // island district without communes
      auto wi = static_cast<std::uint32_t>(old_wards.size());
      old_ward.emplace(r[wc], wi);
      std::string k = Key(r[wn]);
      old_wards.push_back({r[wc], r[wn], r[wf], r[wt], k, di->second, pi->second});
      wards_of_old_district[di->second].push_back(wi);
      wards_of_old_province[pi->second].push_back(wi);
      Add(old_ward_by_key, k, wi);
      Add(old_ward_in_district, Scoped(r[dc], k), wi);
      Add(old_ward_in_province, Scoped(r[pc], k), wi);
    }
  }
  for (const char* file : {"admin_units_2025.csv", "admin_units_2026.csv"}) {
    CsvTable t = internal::LoadEmbeddedCsv(file);
    std::size_t pc = t.Column("province_code"), pn = t.Column("province_name"),
                pf = t.Column("province_full_name"), pt = t.Column("province_type"),
                pe = t.Column("province_name_en"), wc = t.Column("ward_code"),
                wn = t.Column("ward_name"), wf = t.Column("ward_full_name"),
                wt = t.Column("ward_type");
    bool first = std::string_view(file) == "admin_units_2025.csv";
    std::uint32_t last_province = ~0u;
    std::string last_name, last_name_en;
    for (const auto& r : t.rows) {
      auto [pi, pnew] =
          new_prov.try_emplace(r[pc], static_cast<std::uint32_t>(new_provinces.size()));
      if (pnew) {
        if (!first) throw std::runtime_error("admin_units_2026.csv has a new province code");
        new_provinces.push_back({r[pc], r[pn], r[pf], r[pt], Key(r[pn]), 0, pi->second});
        wards_of_new_province.emplace_back();
      }
      // Rows come by province: the same names again would add nothing.
      if (pi->second != last_province || r[pn] != last_name || r[pe] != last_name_en) {
        Add(new_province_by_key, Key(r[pn]), pi->second);  // 2026 names become aliases
        Add(new_province_by_key, Key(r[pe]), pi->second);
        last_province = pi->second;
        last_name = r[pn];
        last_name_en = r[pe];
      }
      auto [wi, wnew] = new_ward.try_emplace(r[wc], static_cast<std::uint32_t>(new_wards.size()));
      std::string k = Key(r[wn]);
      if (wnew) {
        if (!first) throw std::runtime_error("admin_units_2026.csv has a new commune code");
        new_wards.push_back({r[wc], r[wn], r[wf], r[wt], k, pi->second, pi->second});
        wards_of_new_province[pi->second].push_back(wi->second);
      }
      Add(new_ward_by_key, k, wi->second);
      Add(new_ward_in_province, Scoped(r[pc], k), wi->second);
    }
  }
  old_province_to_new.assign(old_provinces.size(), 0);
  {
    CsvTable t = internal::LoadEmbeddedCsv("province_merge_2025.csv");
    std::size_t oc = t.Column("old_province_code"), nc = t.Column("new_province_code");
    for (const auto& r : t.rows) old_province_to_new.at(old_prov.at(r[oc])) = new_prov.at(r[nc]);
  }
  old_ward_links.assign(old_wards.size(), {});
  new_ward_origins.assign(new_wards.size(), {});
  {
    CsvTable t = internal::LoadEmbeddedCsv("admin_crosswalk_2025.csv");
    std::size_t ow = t.Column("old_ward_code"), np = t.Column("new_province_code"),
                nw = t.Column("new_ward_code_checked"), mt = t.Column("merge_type"),
                nn = t.Column("n_new_units");
    std::vector<std::vector<std::int32_t>> feeds(new_wards.size());  // old wards per new ward
    std::vector<std::uint8_t> whole(new_wards.size(), 1);
    for (const auto& r : t.rows) {
      auto oit = old_ward.find(r[ow]);
      auto nit = new_ward.find(r[nw]);
      if (oit == old_ward.end() || nit == new_ward.end()) continue;
      internal::OldWardLink& link = old_ward_links[oit->second];
      bool consistent = new_provinces[new_wards[nit->second].province].code == r[np];
      bool full = r[mt] == "full" && r[nn] == "1";
      if (!consistent) {
        link.state = internal::CrosswalkState::kConflict;
        link.new_ward = -1;
      } else if (link.state == internal::CrosswalkState::kMissing && full) {
        link.state = internal::CrosswalkState::kFull;
        link.new_ward = static_cast<std::int32_t>(nit->second);
      } else if (link.state != internal::CrosswalkState::kConflict) {
        link.state = internal::CrosswalkState::kPartial;
        link.new_ward = -1;
      }
      if (!consistent) continue;
      feeds[nit->second].push_back(static_cast<std::int32_t>(oit->second));
      if (!full) whole[nit->second] = 0;
    }
    for (std::size_t n = 0; n < new_wards.size(); ++n) {
      const auto& f = feeds[n];
      if (f.empty()) continue;
      internal::NewWardOrigin& o = new_ward_origins[n];
      const Unit& first = old_wards[f[0]];
      bool same_district = std::all_of(
          f.begin(), f.end(), [&](std::int32_t w) { return old_wards[w].parent == first.parent; });
      bool same_province = std::all_of(f.begin(), f.end(), [&](std::int32_t w) {
        return old_wards[w].province == first.province;
      });
      if (same_province) o.old_province = static_cast<std::int32_t>(first.province);
      if (same_district) o.old_district = static_cast<std::int32_t>(first.parent);
      if (f.size() == 1 && whole[n]) o.old_ward = f[0];
    }
  }
  {
    CsvTable t = internal::LoadEmbeddedCsv("province_aliases.csv");
    std::size_t al = t.Column("alias"), nc = t.Column("province_code_2025"),
                op = t.Column("pre2025_province"), note = t.Column("note");
    for (const auto& r : t.rows) {
      std::int32_t new_i = -2, old_i = -2;  // -2 = ambiguous: never resolved
      bool ambiguous = r[nc].empty() || r[note].find("ambiguous (") != std::string::npos;
      if (!ambiguous) {
        new_i = static_cast<std::int32_t>(new_prov.at(r[nc]));
        old_i = -1;
        auto hit = old_province_by_key.find(Key(r[op]));
        for (const Unit& p : old_provinces) {
          if (r[op].rfind(p.full_name, 0) == 0) old_i = static_cast<std::int32_t>(p.province);
        }
        if (old_i < 0 && hit != old_province_by_key.end() && hit->second.size() == 1) {
          old_i = static_cast<std::int32_t>(hit->second[0]);
        }
        if (old_i < 0 && r[op].find("Hà Nội") != std::string::npos)
          old_i = static_cast<std::int32_t>(old_prov.at("01"));
      }
      std::string alias = r[al];
      std::size_t start = 0;
      while (start <= alias.size()) {
        std::size_t bar = alias.find('|', start);
        std::string one =
            alias.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
        province_alias[Key(one)] = {old_i, new_i};
        if (bar == std::string::npos) break;
        start = bar + 1;
      }
    }
    // Spellings named in the notes of province_aliases.csv and NOTES.md section 2.2.
    auto copy = [&](std::string_view from, std::initializer_list<std::string_view> to) {
      auto it = province_alias.find(std::string(from));
      if (it == province_alias.end()) throw std::runtime_error("province alias table changed");
      for (std::string_view k : to) province_alias[std::string(k)] = it->second;
    };
    copy("tphcm", {"tp hcm", "hcm city", "ho chi minh city", "tp ho chi minh", "thanh pho hcm"});
    copy("sai gon", {"saigon", "tp sai gon"});
    copy("hn", {"hanoi", "tp hn", "tphn"});
    copy("hue", {"thua thien hue", "tt hue", "tth", "thua thien"});
    copy("brvt", {"br vt", "ba ria vung tau", "ba ria vt"});
  }
}

}  // namespace vnlink::vi
