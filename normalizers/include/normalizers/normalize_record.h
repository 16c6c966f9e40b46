// File: normalizers/normalize_record.h
//
// One raw record -> one canonical record (the canonical records TSV of DESIGN.md): column
// roles (which raw column holds the id, the name, the date of birth ...), automatic
// recognition of Vietnamese and English column names, and RecordNormalizer, which repairs
// and parses every field, collects the flags and decides whether the row is rejected.
//
//   vnlink::vi::ColumnMapping m = vnlink::vi::AutoMap(reader->header());
//   vnlink::vi::RecordNormalizer norm(m);            // one per thread: it memoizes
//   vnlink::vi::CanonicalRecord rec = norm.Normalize(row.fields);
//   if (rec.reject.empty()) writer.WriteRow(rec.fields);
//
// Pure: no I/O. A bad value in a sound row is flagged and its field left empty; only a
// missing id or a row with no usable field is rejected (duplicate ids are the caller's:
// they need the whole stream).

#ifndef NORMALIZERS_NORMALIZE_RECORD_H_
#define NORMALIZERS_NORMALIZE_RECORD_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "normalizers/date.h"
#include "normalizers/shared_memo.h"
#include "normalizers/text_repair.h"
#include "normalizers/vi_address.h"
#include "normalizers/vi_name.h"

namespace vnlink::vi {

// What a raw column holds.
enum class Role : std::uint8_t {
  kUniqueId,
  kSource,
  kFullName,
  kFamilyName,
  kMiddleName,
  kGivenName,
  kHoLot,
  kDob,
  kSex,
  kAddress,
  kStreet,
  kHamlet,
  kCommune,
  kDistrict,
  kProvince,
  kPhone,
  kNationalId,
  kCccd,
  kCmnd,
  kInsurance,
  kCount
};
inline constexpr std::size_t kRoleCount = static_cast<std::size_t>(Role::kCount);

// The role names used by --map and mapping files: unique_id, source, full_name,
// family_name, middle_name, given_name, holot, dob, sex, address, street, hamlet, commune,
// district, province, phone, national_id, cccd, cmnd, insurance_id.
[[nodiscard]] std::string_view RoleName(Role role);
// The role of a name (aliases accepted: id, name, bhyt, bhxh, ho_dem ...); nullopt if none.
[[nodiscard]] std::optional<Role> ParseRole(std::string_view name);

// Column index per role (nullopt = not mapped).
struct ColumnMapping {
  std::array<std::optional<std::size_t>, kRoleCount> column;
  std::optional<std::size_t>& operator[](Role r) { return column[static_cast<std::size_t>(r)]; }
  const std::optional<std::size_t>& operator[](Role r) const {
    return column[static_cast<std::size_t>(r)];
  }
};

// Recognises common Vietnamese and English column names, case-, accent- and
// separator-insensitively ("Họ tên", "HO_TEN", "hoten", "ho_va_ten", "ngay_sinh", "dob",
// "so_dien_thoai", "ma_the_bhyt" ...). A lone "ten"/"name" column without family or holot
// columns is taken as the full name. The first column that fits a role wins.
[[nodiscard]] ColumnMapping AutoMap(const std::vector<std::string>& header);

// Parses "role=column,role=column" (the --map option) or the lines of a mapping file
// (role=column per line, '#' comments, blank lines) into pairs. Throws UsageError naming
// the bad entry.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> ParseMappingSpec(
    std::string_view spec, char separator);
// Applies explicit pairs over `base` (usually AutoMap's result or an empty mapping).
// Throws UsageError for an unknown role and DataError(file, 0, ...) for a column that is
// not in the header.
[[nodiscard]] ColumnMapping ApplyMapping(
    ColumnMapping base, const std::vector<std::pair<std::string, std::string>>& pairs,
    const std::vector<std::string>& header, const std::string& file);
// "unique_id=ma_ho_so, full_name=ho_ten, ..." in role order, for the stderr report.
[[nodiscard]] std::string DescribeMapping(const ColumnMapping& m,
                                          const std::vector<std::string>& header);

// The columns of the canonical records TSV, in order.
[[nodiscard]] const std::vector<std::string>& CanonicalHeader();

enum Col : std::size_t {
  kColUniqueId,
  kColSource,
  kColFullName,
  kColFamilyName,
  kColMiddleName,
  kColGivenName,
  kColNameExact,
  kColNameNotone,
  kColNameFold,
  kColFamilyKey,
  kColMiddleKey,
  kColGivenKey,
  kColFamilyClass,
  kColSex,
  kColDob,
  kColPhone,
  kColCccd,
  kColCmnd,
  kColBhxh,
  kColBhytCard,
  kColHouseNumber,
  kColAlley,
  kColStreet,
  kColStreetKey,
  kColHamlet,
  kColCommuneCode,
  kColDistrictCode,
  kColProvinceCode,
  kColCommuneCode2025,
  kColProvinceCode2025,
  kColAddressRest,
  kColFlags,
  kColCount
};

// The address columns house_number .. address_rest of one raw address, and its flags.
// Stored compactly and ready to write: the eleven columns joined by tabs, each with tab, CR
// and LF made spaces (the TSV contract, as the writer would), so that a row takes the block
// in one copy and a memo of thousands stays small. RecordNormalizer reuses the values its
// memo replaces: a member added here must be reset in ParseAddressFields.
struct AddressColumns {
  static constexpr std::size_t kCount = kColAddressRest - kColHouseNumber + 1;
  std::string tsv;                           // the columns, tab-separated
  std::array<std::uint32_t, kCount> ends{};  // end offset of each column in tsv
  std::vector<std::string_view> flags;       // static names

  // Builds the block from the columns' values, in column order.
  void Assign(const std::array<const std::string*, kCount>& columns);
  [[nodiscard]] std::string_view Column(std::size_t i) const {
    std::uint32_t begin = i == 0 ? 0 : ends[i - 1] + 1;
    return std::string_view(tsv).substr(begin, ends[i] - begin);
  }
};

struct CanonicalRecord {
  // Every column but the eleven name columns (full_name .. family_class), which come from
  // `name`, and the address columns (house_number .. address_rest), which come from
  // `address`; fields[kColFlags] is the ';'-joined flags. Read columns with Get().
  std::array<std::string, kColCount> fields;
  std::shared_ptr<const ParsedName> name;         // shared with the memo: no copies
  std::shared_ptr<const AddressColumns> address;  // likewise
  std::vector<std::string_view> flags;            // flag names (static storage), in order
  std::string reject;                             // non-empty: reject with this reason

  // The value of any canonical column.
  [[nodiscard]] std::string_view Get(Col c) const;
  // Columns house_number .. address_rest as TSV (AddressColumns::tsv; tabs alone when
  // there is no address).
  [[nodiscard]] std::string_view AddressBlock() const {
    return address ? std::string_view(address->tsv) : std::string_view("\t\t\t\t\t\t\t\t\t\t");
  }
  // Empties every column, flag and reason, keeping the strings' capacity for reuse.
  void Clear();
};

// Inline: the writer asks for every column of every row.
inline std::string_view CanonicalRecord::Get(Col c) const {
  if (c >= kColHouseNumber && c <= kColAddressRest) {
    return address ? address->Column(c - kColHouseNumber) : std::string_view();
  }
  if (c < kColFullName || c > kColFamilyClass) return fields[c];
  if (!name) return {};
  switch (c) {
    case kColFullName:
      return name->full;
    case kColFamilyName:
      return name->family;
    case kColMiddleName:
      return name->middle;
    case kColGivenName:
      return name->given;
    case kColNameExact:
      return name->name_exact;
    case kColNameNotone:
      return name->name_notone;
    case kColNameFold:
      return name->name_fold;
    case kColFamilyKey:
      return name->family_key;
    case kColMiddleKey:
      return name->middle_key;
    case kColGivenKey:
      return name->given_key;
    default:
      return name->family_class;
  }
}

// Normalizes records under one mapping. Not thread-safe: use one per thread (it memoizes
// names and addresses; results never depend on the cache).
class RecordNormalizer {
 public:
  // `source` non-empty overrides the source column (--source). `reference_year` is the
  // year the data was extracted: pivot of two-digit years, limit of birth dates (0 = none).
  RecordNormalizer(ColumnMapping mapping, std::string source, int reference_year);

  [[nodiscard]] CanonicalRecord Normalize(const std::vector<std::string_view>& fields);
  // The same into `rec`, which is cleared first: a caller that reuses one record per thread
  // allocates nothing for the columns that fit their strings' capacity.
  void Normalize(const std::vector<std::string_view>& fields, CanonicalRecord& rec);

 private:
  // The mapped fields of the record, trimmed, by role (empty when unmapped or absent).
  void Load(const std::vector<std::string_view>& fields);
  std::string_view In(Role r) const { return in_[static_cast<std::size_t>(r)]; }
  // Date, sex, phone, ids and address: the field parsers of date.h, sex.h, phone.h,
  // vn_id.h and vi_address.h.
  void NormalizeFields(CanonicalRecord& rec);
  std::shared_ptr<const AddressColumns> ParseAddressFields();  // a memo miss

  ColumnMapping mapping_;
  std::array<std::string_view, kRoleCount> in_;  // Load()
  std::string source_;
  int reference_year_;
  struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const;  // XXH3: faster than std::hash
  };
  // Per thread. Small on purpose: a miss costs little once the tail and word caches are
  // warm, and a table that fits the L2 cache beat 16 times the slots (more hits, but a
  // cache and TLB miss per look-up) by about 6% of the CPU time.
  static constexpr std::size_t kAddressSlots = std::size_t{1} << 12;
  std::uint64_t address_hash_ = 0;  // of key_, from addresses_.Prefetch
  std::string key_;                 // reused buffer for memo keys
  NameParser name_parser_;          // memoizes whole names, words and syllables
  SharedMemo<AddressColumns> addresses_{kAddressSlots};
  AddressParser address_parser_;   // for the misses: memoizes administrative tails
  AddressResult parsed_address_;   // reused by every miss (its strings keep their buffers)
  TextRepairer address_repairer_;  // for the misses: remembers the words of addresses
  static constexpr std::size_t kSourceSlots = 1024;
  std::unordered_map<std::string, std::string, ViewHash, std::equal_to<>> sources_;  // repaired
};

}  // namespace vnlink::vi

#endif  // NORMALIZERS_NORMALIZE_RECORD_H_
