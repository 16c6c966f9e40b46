// Internal-only: the data behind vi::Gazetteer (normalizers/vi_address.h). Units are
// stored in vectors; look-ups go through hash maps from a folded name key (NameKey) to
// unit indices, globally and within the parent unit.

#ifndef NORMALIZERS_INTERNAL_ADDRESS_INDEX_H_
#define NORMALIZERS_INTERNAL_ADDRESS_INDEX_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "normalizers/vi_address.h"

namespace vnlink::vi::internal {

// The comparison key of a unit name: lower-case ASCII fold, apostrophes removed, every
// other non-alphanumeric byte a single space, trimmed; an all-digit key loses leading
// zeros ("05" -> "5"). Input must already be folded (FastFoldText).
std::string NameKey(std::string_view folded);
// Same into `out` (its buffer reused).
void NameKey(std::string_view folded, std::string& out);

// Edit distance between a and b is exactly 0 or 1 (one insertion, deletion or substitution).
bool WithinOneEdit(std::string_view a, std::string_view b);

using Index = std::unordered_map<std::string, std::vector<std::uint32_t>>;

// The key of a name within its parent unit ("01|ba dinh"): the scoped indexes are built
// and searched with it.
std::string Scoped(std::string_view parent_code, std::string_view key);

struct Unit {
  std::string code, name, full_name, type;
  std::string key;           // NameKey(name)
  std::uint32_t parent = 0;  // district (old ward), province (old district, new ward)
  std::uint32_t province = 0;
};

// Memo of the administrative pass of the parser (vi_address.cpp), owned by an AddressParser.
class TailCache;
// Reusable buffers of one parse (vi_address.cpp), owned by an AddressParser.
struct AddressScratch;

enum class CrosswalkState : std::uint8_t { kMissing, kFull, kPartial, kConflict };

struct OldWardLink {
  CrosswalkState state = CrosswalkState::kMissing;
  std::int32_t new_ward = -1;  // index into new_wards when state == kFull
};

struct NewWardOrigin {
  // Old units that fed this new commune, when they agree (-1 when mixed or none).
  std::int32_t old_ward = -1;  // set only when exactly one old commune went in whole
  std::int32_t old_district = -1;
  std::int32_t old_province = -1;
};

}  // namespace vnlink::vi::internal

namespace vnlink::vi {

struct Gazetteer::Impl {
  std::vector<internal::Unit> old_provinces, old_districts, old_wards;
  std::vector<internal::Unit> new_provinces, new_wards;
  std::vector<std::uint32_t> old_province_to_new;  // via province_merge_2025.csv
  std::vector<internal::OldWardLink> old_ward_links;
  std::vector<internal::NewWardOrigin> new_ward_origins;
  // Children for scoped typo search.
  std::vector<std::vector<std::uint32_t>> districts_of_old_province, wards_of_old_district,
      wards_of_old_province, wards_of_new_province;

  internal::Index old_province_by_key, new_province_by_key;
  // Aliases: key -> (old province index or -1, new province index or -1); ambiguous -> both -2.
  std::unordered_map<std::string, std::pair<std::int32_t, std::int32_t>> province_alias;
  internal::Index old_district_by_key;                    // key
  internal::Index old_district_in_province;               // province code + '|' + key
  internal::Index old_ward_by_key, old_ward_in_district;  // key; district code + '|' + key
  internal::Index old_ward_in_province;                   // province code + '|' + key
  internal::Index new_ward_by_key, new_ward_in_province;  // key; province code + '|' + key

  Impl();
  // `cache` may be null; with one, results are the same (it only saves work). So may
  // `scratch`; with one, the parse reuses its buffers.
  AddressResult Parse(std::string_view text, internal::TailCache* cache = nullptr,
                      internal::AddressScratch* scratch = nullptr) const;
  AddressResult Parse(const AddressParts& parts, internal::TailCache* cache = nullptr,
                      internal::AddressScratch* scratch = nullptr) const;
  // The same into `out`, which is reset first: its strings keep their buffers.
  void Parse(std::string_view text, internal::TailCache* cache, internal::AddressScratch* scratch,
             AddressResult& out) const;
  void Parse(const AddressParts& parts, internal::TailCache* cache,
             internal::AddressScratch* scratch, AddressResult& out) const;
};

}  // namespace vnlink::vi

#endif  // NORMALIZERS_INTERNAL_ADDRESS_INDEX_H_
