#include "normalizers/normalize_record.h"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <tuple>

#include "liblink/byte_scan.h"
#include "liblink/error.h"
#include "normalizers/phone.h"
#include "normalizers/sex.h"
#include "normalizers/text_repair.h"
#include "normalizers/vi_address.h"
#include "normalizers/vi_text.h"
#include "normalizers/vn_id.h"

namespace vnlink::vi {
namespace {

constexpr std::array<std::string_view, kRoleCount> kRoleNames = {
    "unique_id", "source", "full_name",   "family_name", "middle_name", "given_name",  "holot",
    "dob",       "sex",    "address",     "street",      "hamlet",      "commune",     "district",
    "province",  "phone",  "national_id", "cccd",        "cmnd",        "insurance_id"};

// Column-name key: ASCII fold, lower case, letters and digits only ("Họ tên" -> "hoten").
std::string ColumnKey(std::string_view name) {
  std::string out;
  for (char c : SearchKey(name)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

struct Alias {
  const char* key;
  Role role;
};

// Recognised column names (as ColumnKey gives them), most specific first.
constexpr Alias kAliases[] = {
    {"uniqueid", Role::kUniqueId},
    {"mahoso", Role::kUniqueId},
    {"id", Role::kUniqueId},
    {"recordid", Role::kUniqueId},
    {"mabn", Role::kUniqueId},
    {"mabenhnhan", Role::kUniqueId},
    {"patientid", Role::kUniqueId},
    {"mayte", Role::kUniqueId},
    {"mahs", Role::kUniqueId},
    {"sourcedataset", Role::kSource},
    {"nguon", Role::kSource},
    {"source", Role::kSource},
    {"nguondulieu", Role::kSource},
    {"dataset", Role::kSource},
    {"hoten", Role::kFullName},
    {"hovaten", Role::kFullName},
    {"hotendaydu", Role::kFullName},
    {"fullname", Role::kFullName},
    {"hotenbenhnhan", Role::kFullName},
    {"tenbenhnhan", Role::kFullName},
    {"hotenbn", Role::kFullName},
    {"patientname", Role::kFullName},
    {"name", Role::kFullName},
    {"familyname", Role::kFamilyName},
    {"lastname", Role::kFamilyName},
    {"surname", Role::kFamilyName},
    {"tendem", Role::kMiddleName},
    {"middlename", Role::kMiddleName},
    {"dem", Role::kMiddleName},
    {"ten", Role::kGivenName},
    {"givenname", Role::kGivenName},
    {"firstname", Role::kGivenName},
    {"holot", Role::kHoLot},
    {"hodem", Role::kHoLot},
    {"ho", Role::kHoLot},
    {"hovatendem", Role::kHoLot},
    {"holotbn", Role::kHoLot},
    {"ngaysinh", Role::kDob},
    {"dob", Role::kDob},
    {"ngaythangnamsinh", Role::kDob},
    {"dateofbirth", Role::kDob},
    {"birthdate", Role::kDob},
    {"birthday", Role::kDob},
    {"sinhngay", Role::kDob},
    {"namsinh", Role::kDob},
    {"gioitinh", Role::kSex},
    {"sex", Role::kSex},
    {"gender", Role::kSex},
    {"phai", Role::kSex},
    {"diachi", Role::kAddress},
    {"address", Role::kAddress},
    {"diachithuongtru", Role::kAddress},
    {"diachilienhe", Role::kAddress},
    {"noicutru", Role::kAddress},
    {"thuongtru", Role::kAddress},
    {"noio", Role::kAddress},
    {"sonhaduong", Role::kStreet},
    {"sonha", Role::kStreet},
    {"duong", Role::kStreet},
    {"street", Role::kStreet},
    {"sonhatenduong", Role::kStreet},
    {"thonxom", Role::kHamlet},
    {"thon", Role::kHamlet},
    {"ap", Role::kHamlet},
    {"thonap", Role::kHamlet},
    {"khupho", Role::kHamlet},
    {"hamlet", Role::kHamlet},
    {"thonto", Role::kHamlet},
    {"xaphuong", Role::kCommune},
    {"phuongxa", Role::kCommune},
    {"xa", Role::kCommune},
    {"phuong", Role::kCommune},
    {"ward", Role::kCommune},
    {"commune", Role::kCommune},
    {"quanhuyen", Role::kDistrict},
    {"huyen", Role::kDistrict},
    {"quan", Role::kDistrict},
    {"district", Role::kDistrict},
    {"tinhtp", Role::kProvince},
    {"tinhthanh", Role::kProvince},
    {"tinhthanhpho", Role::kProvince},
    {"tinh", Role::kProvince},
    {"province", Role::kProvince},
    {"city", Role::kProvince},
    {"sdt", Role::kPhone},
    {"sodienthoai", Role::kPhone},
    {"dienthoai", Role::kPhone},
    {"phone", Role::kPhone},
    {"mobile", Role::kPhone},
    {"didong", Role::kPhone},
    {"sodt", Role::kPhone},
    {"dt", Role::kPhone},
    {"tel", Role::kPhone},
    {"phonenumber", Role::kPhone},
    {"telephone", Role::kPhone},
    {"nationalid", Role::kNationalId},
    {"cccdcmnd", Role::kNationalId},
    {"socccdcmnd", Role::kNationalId},
    {"cmndcccd", Role::kNationalId},
    {"socmndcccd", Role::kNationalId},
    {"sogiayto", Role::kNationalId},
    {"cccd", Role::kCccd},
    {"socccd", Role::kCccd},
    {"cancuoccongdan", Role::kCccd},
    {"socancuoc", Role::kCccd},
    {"cancuoc", Role::kCccd},
    {"cmnd", Role::kCmnd},
    {"socmnd", Role::kCmnd},
    {"chungminhnhandan", Role::kCmnd},
    {"insuranceid", Role::kInsurance},
    {"bhyt", Role::kInsurance},
    {"mathebhyt", Role::kInsurance},
    {"mabhyt", Role::kInsurance},
    {"sothebhyt", Role::kInsurance},
    {"thebhyt", Role::kInsurance},
    {"bhxh", Role::kInsurance},
    {"sobhxh", Role::kInsurance},
    {"masobhxh", Role::kInsurance},
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view RoleName(Role role) { return kRoleNames.at(static_cast<std::size_t>(role)); }

std::optional<Role> ParseRole(std::string_view name) {
  for (std::size_t i = 0; i < kRoleCount; ++i) {
    if (kRoleNames[i] == name) return static_cast<Role>(i);
  }
  std::string key = ColumnKey(name);
  for (const Alias& a : kAliases) {
    if (key == a.key) return a.role;
  }
  return std::nullopt;
}

ColumnMapping AutoMap(const std::vector<std::string>& header) {
  ColumnMapping m;
  for (const Alias& a : kAliases) {
    if (m[a.role]) continue;
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (ColumnKey(header[i]) != a.key) continue;
      bool taken = std::any_of(m.column.begin(), m.column.end(),
                               [&](const auto& c) { return c && *c == i; });
      if (taken) continue;
      m[a.role] = i;
      break;
    }
  }
  // A lone "Tên" column holds the whole name.
  if (m[Role::kGivenName] && !m[Role::kFullName] && !m[Role::kFamilyName] && !m[Role::kHoLot] &&
      !m[Role::kMiddleName]) {
    m[Role::kFullName] = m[Role::kGivenName];
    m[Role::kGivenName].reset();
  }
  // With separate parts, a full-name column would win; parts are more precise.
  return m;
}

std::vector<std::pair<std::string, std::string>> ParseMappingSpec(std::string_view spec,
                                                                  char separator) {
  std::vector<std::pair<std::string, std::string>> pairs;
  while (!spec.empty()) {
    std::size_t end = spec.find(separator);
    std::string_view item = spec.substr(0, end);
    spec = end == std::string_view::npos ? std::string_view() : spec.substr(end + 1);
    if (std::size_t hash = item.find('#'); separator == '\n' && hash != std::string_view::npos) {
      item = item.substr(0, hash);
    }
    item = Trim(item);
    if (item.empty()) continue;
    std::size_t eq = item.find('=');
    if (eq == std::string_view::npos || Trim(item.substr(0, eq)).empty() ||
        Trim(item.substr(eq + 1)).empty()) {
      throw UsageError("bad mapping entry '" + std::string(item) + "' (expected role=column)");
    }
    pairs.emplace_back(std::string(Trim(item.substr(0, eq))),
                       std::string(Trim(item.substr(eq + 1))));
  }
  return pairs;
}

ColumnMapping ApplyMapping(ColumnMapping base,
                           const std::vector<std::pair<std::string, std::string>>& pairs,
                           const std::vector<std::string>& header, const std::string& file) {
  for (const auto& [role_name, column] : pairs) {
    std::optional<Role> role;
    for (std::size_t i = 0; i < kRoleCount; ++i) {
      if (kRoleNames[i] == role_name) role = static_cast<Role>(i);
    }
    if (!role && (role_name == "insurance" || role_name == "bhyt")) role = Role::kInsurance;
    if (!role && role_name == "id") role = Role::kUniqueId;
    if (!role) throw UsageError("unknown role '" + role_name + "' in mapping");
    auto it = std::find(header.begin(), header.end(), column);
    if (it == header.end()) {
      throw DataError(file, 0, "missing column '" + column + "' (mapped to " + role_name + ")");
    }
    std::size_t index = static_cast<std::size_t>(it - header.begin());
    for (auto& c : base.column) {
      if (c && *c == index) c.reset();  // a column has one role
    }
    base[*role] = index;
  }
  return base;
}

std::string DescribeMapping(const ColumnMapping& m, const std::vector<std::string>& header) {
  std::string out;
  for (std::size_t i = 0; i < kRoleCount; ++i) {
    if (!m.column[i]) continue;
    if (!out.empty()) out += ", ";
    out += std::string(kRoleNames[i]) + "=" + header.at(*m.column[i]);
  }
  return out.empty() ? "(no column recognised)" : out;
}

const std::vector<std::string>& CanonicalHeader() {
  static const std::vector<std::string> header = {"unique_id",
                                                  "source_dataset",
                                                  "full_name",
                                                  "family_name",
                                                  "middle_name",
                                                  "given_name",
                                                  "name_exact",
                                                  "name_notone",
                                                  "name_fold",
                                                  "family_key",
                                                  "middle_key",
                                                  "given_key",
                                                  "family_class",
                                                  "sex",
                                                  "dob",
                                                  "phone",
                                                  "cccd",
                                                  "cmnd",
                                                  "bhxh",
                                                  "bhyt_card",
                                                  "house_number",
                                                  "alley",
                                                  "street",
                                                  "street_key",
                                                  "hamlet",
                                                  "commune_code",
                                                  "district_code",
                                                  "province_code",
                                                  "commune_code_2025",
                                                  "province_code_2025",
                                                  "address_rest",
                                                  "flags"};
  return header;
}

std::size_t RecordNormalizer::ViewHash::operator()(std::string_view s) const {
  return static_cast<std::size_t>(XXH3_64bits(s.data(), s.size()));
}

RecordNormalizer::RecordNormalizer(ColumnMapping mapping, std::string source, int reference_year)
    : mapping_(mapping), source_(std::move(source)), reference_year_(reference_year) {}

void RecordNormalizer::Load(const std::vector<std::string_view>& fields) {
  for (std::size_t r = 0; r < kRoleCount; ++r) {
    const auto& c = mapping_[static_cast<Role>(r)];
    in_[r] = c && *c < fields.size() ? Trim(fields[*c]) : std::string_view();
  }
}

// "name_text_tcvn3", "address_text_vni", ...: static, so records can point at them.
std::string_view PrefixedRepairFlag(std::string_view prefix, std::string_view flag) {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string, std::string>();
    for (std::string_view p : {"name_", "address_"}) {
      for (std::string_view f : RepairFlagNames(~0u)) {
        std::string k = std::string(p) + std::string(f);
        t->emplace(k, k);
      }
    }
    return t;
  }();
  return table->at(std::string(prefix) + std::string(flag));
}

void AddressColumns::Assign(const std::array<const std::string*, kCount>& columns) {
  std::size_t size = kCount - 1;
  for (const std::string* c : columns) size += c->size();
  tsv.clear();
  tsv.reserve(size);
  for (std::size_t i = 0; i < kCount; ++i) {
    if (i > 0) tsv.push_back('\t');
    std::string_view value = *columns[i];
    std::size_t begin = tsv.size();
    tsv.append(value);
    // Parsed from repaired text, a value holds no such byte in practice: check 16 at a time.
    for (std::size_t k = FindAnyOf3(value, '\t', '\n', '\r'); k < value.size(); ++k) {
      char& c = tsv[begin + k];
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    }
    ends[i] = static_cast<std::uint32_t>(tsv.size());
  }
}

void CanonicalRecord::Clear() {
  for (std::string& s : fields) s.clear();
  name.reset();
  address.reset();
  flags.clear();
  reject.clear();
}

CanonicalRecord RecordNormalizer::Normalize(const std::vector<std::string_view>& fields) {
  CanonicalRecord rec;
  Normalize(fields, rec);
  return rec;
}

void RecordNormalizer::Normalize(const std::vector<std::string_view>& fields,
                                 CanonicalRecord& rec) {
  rec.Clear();
  Load(fields);
  // The address memo's key, and its slots loading while the name and the other fields are
  // parsed.
  key_.clear();
  for (Role r : {Role::kAddress, Role::kStreet, Role::kHamlet, Role::kCommune, Role::kDistrict,
                 Role::kProvince}) {
    key_.append(In(r));
    key_.push_back('\x1F');
  }
  address_hash_ = addresses_.Prefetch(key_);
  auto& f = rec.fields;

  f[kColUniqueId].assign(In(Role::kUniqueId));
  if (!source_.empty()) {
    f[kColSource] = source_;
  } else {
    // A file holds a few dozen sources at most, often interleaved: remember them all (up
    // to a bound).
    std::string_view raw = In(Role::kSource);
    auto hit = sources_.find(raw);
    if (hit == sources_.end()) {
      if (sources_.size() == kSourceSlots) sources_.clear();
      hit = sources_.emplace(std::string(raw), RepairText(raw).text).first;
    }
    f[kColSource] = hit->second;
  }

  // The name is looked up after the other fields, so that its memo slots, prefetched now,
  // have arrived; its flags still come first.
  NameInput in{In(Role::kFullName), In(Role::kFamilyName), In(Role::kMiddleName),
               In(Role::kGivenName), In(Role::kHoLot)};
  std::uint64_t name_hash = name_parser_.Prefetch(in);

  NormalizeFields(rec);

  std::size_t field_flags = rec.flags.size();
  rec.name = name_parser_.ParseShared(in, name_hash);
  const ParsedName& name = *rec.name;
  for (std::string_view n : RepairFlagNames(name.repair_flags)) {
    rec.flags.push_back(PrefixedRepairFlag("name_", n));
  }
  for (std::string_view n : NameFlagNames(name.flags)) rec.flags.push_back(n);
  std::rotate(rec.flags.begin(), rec.flags.begin() + static_cast<std::ptrdiff_t>(field_flags),
              rec.flags.end());

  if ((f[kColSex] == "M" && name.middle_thi && !name.middle_van) ||
      (f[kColSex] == "F" && name.middle_van && !name.middle_thi)) {
    rec.flags.push_back("sex_name_conflict");
  }

  std::string& joined = f[kColFlags];
  for (std::string_view s : rec.flags) {
    if (!joined.empty()) joined.push_back(';');
    joined += s;
  }

  if (f[kColUniqueId].empty()) {
    rec.reject = "missing id";
  } else {
    bool usable = false;
    for (Col c : {kColDob, kColPhone, kColCccd, kColCmnd, kColBhxh, kColBhytCard, kColAlley,
                  kColStreet, kColCommuneCode, kColProvinceCode, kColCommuneCode2025,
                  kColProvinceCode2025, kColAddressRest}) {
      usable |= !rec.Get(c).empty();
    }
    usable |= !name.full.empty();
    if (!usable) rec.reject = "no usable field";
  }
}

// The address columns of the record's address fields: repaired, then parsed against the
// gazetteers (a memo miss).
std::shared_ptr<const AddressColumns> RecordNormalizer::ParseAddressFields() {
  std::uint32_t repairs = 0;
  auto repaired = [&](Role r) {
    RepairedText t = address_repairer_.Repair(In(r));
    repairs |= t.flags;
    return t.text;
  };
  AddressResult& parsed = parsed_address_;
  std::string_view text = address_repairer_.RepairView(In(Role::kAddress), repairs);
  if (!text.empty()) {
    address_parser_.Parse(text, parsed);
  } else {
    std::string line = repaired(Role::kStreet);
    std::string hamlet = repaired(Role::kHamlet);
    if (!hamlet.empty()) line += line.empty() ? hamlet : ", " + hamlet;
    std::string commune = repaired(Role::kCommune);
    std::string district = repaired(Role::kDistrict);
    std::string province = repaired(Role::kProvince);
    address_parser_.Parse(AddressParts{line, commune, district, province}, parsed);
  }
  // The columns the memo replaced last, reused: their buffers are kept.
  std::shared_ptr<AddressColumns> a = addresses_.Recycle();
  if (a) {
    a->flags.clear();  // Assign sets the rest
  } else {
    a = std::make_shared<AddressColumns>();
  }
  const std::array<const std::string*, AddressColumns::kCount> columns = {
      &parsed.house_number,       &parsed.alley,         &parsed.street,
      &parsed.street_key,         &parsed.hamlet,        &parsed.commune_code,
      &parsed.district_code,      &parsed.province_code, &parsed.commune_code_2025,
      &parsed.province_code_2025, &parsed.rest};
  a->Assign(columns);
  for (std::string_view n : RepairFlagNames(repairs)) {
    a->flags.push_back(PrefixedRepairFlag("address_", n));
  }
  a->flags.insert(a->flags.end(), parsed.flags.begin(), parsed.flags.end());
  return a;
}

void RecordNormalizer::NormalizeFields(CanonicalRecord& rec) {
  auto& f = rec.fields;
  auto add = [&](const std::vector<std::string_view>& names) {
    rec.flags.insert(rec.flags.end(), names.begin(), names.end());
  };
  SexResult sex = NormalizeSex(In(Role::kSex));
  f[kColSex].assign(sex.sex);
  add(sex.flags);
  std::string_view raw_dob = In(Role::kDob);
  // Not memoized: the common numeric shapes parse without allocating, faster than a look-up.
  const DateResult dob = ParseDate(raw_dob, {.reference_year = reference_year_});
  f[kColDob] = dob.iso;
  add(dob.flags);
  PhoneResult phone = NormalizePhone(In(Role::kPhone));
  f[kColPhone] = phone.number;
  add(phone.flags);
  auto id = [&](Role role, IdColumn column) {
    std::string_view raw = In(role);
    if (raw.empty()) return;
    NationalIdResult r =
        NormalizeNationalId(raw, {.sex = sex.sex, .birth_year = dob.year, .column = column});
    add(r.flags);
    // Two columns giving different numbers of one kind: keep the first, flag it.
    for (auto [col, value, name] : {std::tuple{kColCccd, &r.cccd, "cccd_multiple"},
                                    std::tuple{kColCmnd, &r.cmnd, "cmnd_multiple"}}) {
      if (value->empty()) continue;
      if (f[col].empty())
        f[col] = *value;
      else if (f[col] != *value)
        rec.flags.emplace_back(name);
    }
  };
  id(Role::kCccd, IdColumn::kCccd);
  id(Role::kCmnd, IdColumn::kCmnd);
  id(Role::kNationalId, IdColumn::kAny);
  BhytResult card = NormalizeBhyt(In(Role::kInsurance));
  f[kColBhytCard] = card.card;
  f[kColBhxh] = card.bhxh;
  add(card.flags);

  // Address: one free-text column, else the parts; repaired, then parsed against the
  // gazetteers. Memoized (Normalize prefetched the slots): addresses repeat heavily.
  rec.address = addresses_.FindOrInsert(key_, address_hash_, [&] { return ParseAddressFields(); });
  rec.flags.insert(rec.flags.end(), rec.address->flags.begin(), rec.address->flags.end());
}

}  // namespace vnlink::vi
