// File: normalizers/vi_address.h
//
// Free-text Vietnamese addresses parsed into house number, alley, street, hamlet and the
// administrative units, resolved against both the pre-2025 map (63 provinces / 696
// districts / 10,035 communes) and the map of 1 July 2025 (34 provinces / 3,321 communes,
// 2026 names accepted as aliases), with old codes carried to the new map through the
// official crosswalk.
//
//   const vnlink::vi::Gazetteer& g = vnlink::vi::Gazetteer::Shared();
//   vnlink::vi::AddressResult a = g.Parse("14/12 Kỳ Đồng, P.9, Q.3, TPHCM");
//   // a.house_number == "14/12", a.street == "Kỳ Đồng", a.street_key == "ky dong",
//   // a.commune_code == "27142" (Phường 9), a.district_code == "770" (Quận 3),
//   // a.province_code == "79", a.province_code_2025 == "79", a.map == AddressMap::kPre2025
//   auto b = g.Parse("Phường Ba Đình, Thành phố Hà Nội");   // post-reform address:
//   // b.commune_code_2025 == "00004", b.map == AddressMap::k2025, b.district_code == ""
//
// What is recognised. Segments are split at ',', ';', '|', new lines and a free-standing
// '-', and also before a unit word written inside a segment ("P. Ngọc Khánh Q. Ba Đình").
// Unit words and abbreviations (normalizers/data/address_terms.csv): Tỉnh; Thành phố /
// TP / Tp. / T.P (province- or district-level, decided by position and lookup); Quận / Q;
// Huyện / H; Thị xã / TX; Phường / P / F; Xã / X; Thị trấn / TT; Đặc khu; Thôn, Xóm, Ấp,
// Bản, Làng, Buôn, Plei, Sóc, Khóm, Đội, Tổ, Tổ dân phố / TDP, Khu phố / KP, Khu, Khu dân cư /
// KDC, KĐT, KCN; Số / Số nhà / SN; Ngõ, Ngách, Hẻm, Kiệt; Đường / Đ.; Phố; Quốc lộ / QL,
// Tỉnh lộ / TL. Numbered units lose leading zeros (Q.01 = Q1 = Quận 1; P.05 = F5).
// Province aliases from normalizers/data/province_aliases.csv (TPHCM, TP.HCM, HCM, Sài
// Gòn, SG, HN, HP, Huế, BRVT, Hà Tây, ...); "ĐN" and "BD" are ambiguous and not resolved.
//
// Resolution. Units are read from the right (province, district, commune) and matched
// accent-, case- and spacing-insensitively (vi::SearchKey rules), a commune within its
// district or province when those are known. A name at edit distance 1 from exactly one
// unit in scope is accepted when it has at least 6 letters (flag address_typo). Two
// candidates => not resolved, flag address_ambiguous. A district means a pre-2025 address;
// without one, a commune found on the 2025 map makes it a post-reform address.
// Old commune -> 2025 commune through admin_crosswalk_2025.csv only when the old commune
// went whole into one new commune; partial or split rows leave commune_code_2025 empty
// (flag crosswalk_partial) and a row whose target lies in another province (the known
// wrong row, old 30622) is refused (flag crosswalk_conflict). The 2025 province always
// follows from the old province through province_merge_2025.csv. For a post-reform
// commune the old codes are filled only where the crosswalk makes them certain (all the
// old communes it was made of lay in one district / province; one old commune taken whole).
//
// Below the commune: a leading number (or Số/SN + number) is the house number and the
// words after it, up to the next unit word, the street; Đường/Đ./Phố introduce a street
// and are dropped from it; Quốc lộ/Tỉnh lộ are kept ("Quốc lộ 1A"). Alley and hamlet words
// need a number after them when they are also common words (Ngõ/Ngô, Tổ/Tô, Đội). A
// segment that is neither (a bare "Nguyễn Chí Thanh", "Chung cư Sunrise") is not
// classified. Text that is not resolved is kept in `rest`, never dropped, never invented.
//
// Cost: the Gazetteer is built once (about 0.3 s) and is immutable and thread-safe; a
// Parse() costs about 2 us of CPU (scripts/bench/fields.sh): hash look-ups on folded keys;
// ICU is used only to proper-case an ALL CAPS street or hamlet. On a stream of addresses an
// AddressParser (one per thread) skips the unit look-ups of administrative tails it has
// already resolved (scripts/bench/address_path.sh).

#ifndef NORMALIZERS_VI_ADDRESS_H_
#define NORMALIZERS_VI_ADDRESS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vnlink::vi {

// An administrative part was written but could not be resolved (its text is in rest), or
// no unit at all was resolved from a non-empty address.
inline constexpr std::string_view kAddressUnresolved = "address_unresolved";
// A part matched several units in scope and was left unresolved.
inline constexpr std::string_view kAddressAmbiguous = "address_ambiguous";
// A unit was accepted at edit distance 1.
inline constexpr std::string_view kAddressTypo = "address_typo";
// No district was written and the commune name exists on both maps with different 2025
// outcomes: it was read as a 2025 commune (the post-reform reading).
inline constexpr std::string_view kAddressMapAssumed = "address_map_assumed";
// The old commune was split or partly merged: no single 2025 commune.
inline constexpr std::string_view kCrosswalkPartial = "crosswalk_partial";
// The crosswalk row points into another province (known-wrong row): refused.
inline constexpr std::string_view kCrosswalkConflict = "crosswalk_conflict";
// The old commune has no crosswalk row.
inline constexpr std::string_view kCrosswalkMissing = "crosswalk_missing";

// Which map the resolved units come from.
enum class AddressMap { kUnknown, kPre2025, k2025 };

struct AddressResult {
  std::string house_number;  // "14/12", "12A", "150 Bis", "5"
  std::string alley;       // "Ngõ 12", "Hẻm 45", "Ngõ 12 Ngách 3" (as written, words expanded)
  std::string street;      // display form without the Đường/Phố word: "Nguyễn Chí Thanh"
  std::string street_key;  // folded street: "nguyen chi thanh"
  std::string hamlet;      // "Thôn 3", "Khu phố 2", "Tổ dân phố 5", "Ấp Tân Hòa"
  // Pre-2025 GSO codes (5, 3, 2 digits) and official full names, when resolvable.
  std::string commune_code, district_code, province_code;
  std::string commune_name, district_name, province_name;
  // Codes and names on the 1 July 2025 map.
  std::string commune_code_2025, province_code_2025;
  std::string commune_name_2025, province_name_2025;
  AddressMap map = AddressMap::kUnknown;
  std::string rest;  // unresolved text, original spelling, parts joined with ", "
  std::vector<std::string_view> flags;
  [[nodiscard]] bool HasFlag(std::string_view f) const;
};

// The address split over several columns (insurance exports: so_nha_duong, xa_phuong,
// quan_huyen, tinh_tp). Any part may be empty; unit words inside them are optional.
struct AddressParts {
  std::string_view street_line;  // house number, alley, street, hamlet
  std::string_view commune;
  std::string_view district;
  std::string_view province;
};

namespace internal {
class TailCache;
struct AddressScratch;
}  // namespace internal

// The gazetteer index. Construct once; all const members are thread-safe.
class Gazetteer {
 public:
  // Builds the index from the embedded tables (admin_units_pre2025.csv,
  // admin_units_2025.csv, admin_units_2026.csv, admin_crosswalk_2025.csv,
  // province_merge_2025.csv, province_aliases.csv).
  Gazetteer();
  ~Gazetteer();
  Gazetteer(const Gazetteer&) = delete;
  Gazetteer& operator=(const Gazetteer&) = delete;

  // A process-wide instance, built on first use (thread-safe).
  static const Gazetteer& Shared();

  // Parses one free-text address. Empty input gives an empty result without flags.
  [[nodiscard]] AddressResult Parse(std::string_view text) const;
  // Parses an address given as separate columns; each column is read at its own level.
  [[nodiscard]] AddressResult Parse(const AddressParts& parts) const;

  // The index itself; defined in normalizers/src/internal/address_index.h (not public API).
  struct Impl;

 private:
  friend class AddressParser;
  std::unique_ptr<Impl> impl_;
};

// Parses a stream of addresses with the results of Gazetteer::Parse, at a fraction of the
// cost: the resolution of the administrative units is memoized per tail of segments
// ("Xã Hòa Long, Huyện Lai Vung, Tỉnh Đồng Tháp" recurs under thousands of house numbers,
// hamlets and streets), keyed on everything it depends on, in a bounded cache of
// `tail_capacity` entries of a few hundred bytes, allocated on first use. Not
// thread-safe: one per thread.
class AddressParser {
 public:
  static constexpr std::size_t kTailCacheCapacity = std::size_t{1} << 15;

  // `tail_capacity`: entries of the cache (rounded up to a power of two, at least 4).
  explicit AddressParser(const Gazetteer& gazetteer = Gazetteer::Shared(),
                         std::size_t tail_capacity = kTailCacheCapacity);
  ~AddressParser();
  AddressParser(AddressParser&&) noexcept;
  AddressParser& operator=(AddressParser&&) = delete;

  [[nodiscard]] AddressResult Parse(std::string_view text);
  [[nodiscard]] AddressResult Parse(const AddressParts& parts);
  // The same into `out`, which is reset first: a caller that keeps one result for every
  // parse reuses its strings' buffers.
  void Parse(std::string_view text, AddressResult& out);
  void Parse(const AddressParts& parts, AddressResult& out);

 private:
  const Gazetteer::Impl* g_;
  std::unique_ptr<internal::TailCache> cache_;
  std::unique_ptr<internal::AddressScratch> scratch_;  // buffers reused from parse to parse
};

// Shorthands on Gazetteer::Shared().
[[nodiscard]] AddressResult ParseAddress(std::string_view text);
[[nodiscard]] AddressResult ParseAddress(const AddressParts& parts);

}  // namespace vnlink::vi

#endif  // NORMALIZERS_VI_ADDRESS_H_
