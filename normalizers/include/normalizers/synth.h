// File: normalizers/synth.h
//
// Record generation for `vnlink synth`: raw patient records with known identities, in the
// column layouts real sources export, damaged by the error model of synth_corrupt.h.
// Records are produced in chunks of kChunkPeople people; a chunk's records depend only on
// (seed, chunk), are shuffled within the chunk and numbered from the chunk's offset, so
// chunks can be generated in parallel and written in order with identical bytes at any
// thread count, and nothing but the population is held in memory.
//
//   const auto& ref = vnlink::vi::SynthReference::Get();
//   auto pop = vnlink::vi::BuildPopulation(ref, 1000, 42);
//   vnlink::vi::SynthGenerator gen(ref, pop, 42, vnlink::vi::DefaultErrorRates(), false);
//   std::vector<vnlink::vi::SynthRecord> recs;
//   for (std::size_t c = 0; c < gen.chunk_count(); ++c) {
//     gen.GenerateChunk(c, vnlink::vi::SynthFile::kA, recs);
//     for (const auto& r : recs) Write(r.field(0), r.field(2), vnlink::vi::PersonId(r.person));
//   }
//
// Speed: a record is written straight into one reused byte buffer (SynthRecord::text);
// names come from per-word tables precomputed in each common spelling (registered, new
// tone placement, no diacritics, each in capitals), so the usual record costs a few
// hash draws and copies; the rarer damage (typos, Telex, NFD, Ð, legacy encodings) is
// computed per record.

#ifndef NORMALIZERS_SYNTH_H_
#define NORMALIZERS_SYNTH_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "normalizers/synth_corrupt.h"
#include "normalizers/synth_population.h"

namespace vnlink::vi {

// File A: the hospital layout (dedupe mode writes only this one). File B: the insurance
// export layout of link mode.
enum class SynthFile { kA = 0, kB = 1 };

// Column names: A = ma_ho_so, nguon, ho_ten, ngay_sinh, gioi_tinh, dia_chi, so_dien_thoai,
// so_cccd, so_cmnd, ma_the_bhyt; B = id, ho_dem, ten, ngay_sinh, gioi_tinh, so_nha_duong,
// xa_phuong, quan_huyen, tinh_tp, dien_thoai, cccd, ma_bhyt.
[[nodiscard]] const std::vector<std::string>& SynthHeader(SynthFile file);

struct SynthRecord {
  static constexpr std::size_t kMaxFields = 12;

  // Field i in SynthHeader order; field(0) is the record id ("" before the chunk numbers
  // it). Views into this record: valid until it is regenerated.
  [[nodiscard]] std::string_view field(std::size_t i) const {
    if (i == 0) return {id.data(), id_size};
    return std::string_view(text).substr(begin[i], end[i] - begin[i]);
  }
  [[nodiscard]] std::size_t field_count() const { return count; }
  // The fields as strings (for tests and tools that keep them).
  [[nodiscard]] std::vector<std::string> Fields() const;

  std::uint32_t person = 0;  // index into Population::people; PersonId(person) is its id
  ErrorMask applied = 0;     // kinds applied to this record
  ErrorMask eligible = 0;    // kinds that could have been applied

  // The fields (bit i for field i) that contain a comma: the only byte that forces CSV
  // quoting which the generator can write (the separators of an address). Quotes, CR and
  // LF never occur: the reference tables are checked for them on load.
  std::uint16_t has_comma = 0;

  // Storage. Fields 1.. are byte ranges [begin, end) of `text`, written in the order the
  // generator draws them (not column order; bytes between them belong to no field). The
  // id lives apart because it is assigned after the chunk is shuffled.
  std::string text;
  std::array<std::uint16_t, kMaxFields> begin{}, end{};
  std::array<char, 16> id{};
  std::uint8_t id_size = 0, count = 0;
};

class SynthGenerator {
 public:
  static constexpr std::uint32_t kChunkPeople = 512;

  // `pop` and `ref` must outlive the generator. `link`: ids are "A..."/"B..." per file,
  // else "R...". Record ids are unique across files.
  SynthGenerator(const SynthReference& ref, const Population& pop, std::uint64_t seed,
                 const ErrorRates& rates, bool link);

  // With false, SynthRecord::eligible may omit kinds that were not applied (it skips
  // costly checks); the applied mask and the records are the same either way.
  void set_track_eligible(bool track) { track_eligible_ = track; }

  std::size_t chunk_count() const { return offsets_.size(); }
  // Replaces `out` with the records of chunk `chunk` for `file`, in output order. Reusing
  // one vector across calls reuses its buffers.
  void GenerateChunk(std::size_t chunk, SynthFile file, std::vector<SynthRecord>& out) const;
  // The same records one at a time, in output order: `visit(const SynthRecord&)` is called
  // with `scratch` refilled (id included) for each. Holds a single record, so a writer can
  // format each while its bytes are still in cache. `plan` is working space, reused.
  template <typename Visit>
  void VisitChunk(std::size_t chunk, SynthFile file, SynthRecord& scratch,
                  std::vector<std::uint64_t>& plan, Visit&& visit) const {
    PlanChunk(chunk, file, plan);
    std::uint64_t number = file == SynthFile::kA ? offsets_[chunk].a : offsets_[chunk].b;
    for (std::size_t j = 0; j < plan.size(); ++j) {
      // Each person's commune is a random row of places_ and of place_text_: fetch them a
      // few records ahead (in two steps, as the text's address is in the row).
      if (j + 8 < plan.size()) __builtin_prefetch(&places_[pop_.people[plan[j + 8] >> 8].commune]);
      if (j + 4 < plan.size()) {
        const Place& ahead = places_[pop_.people[plan[j + 4] >> 8].commune];
        __builtin_prefetch(place_text_.data() + ahead.off[0]);
      }
      GenerateRecordInto(static_cast<std::uint32_t>(plan[j] >> 8), file,
                         static_cast<int>(plan[j] & 0xFF), scratch);
      SetId(file, ++number, scratch);
      visit(static_cast<const SynthRecord&>(scratch));
    }
  }
  // Record `copy` of person `person` in `file`, without its id (field(0) empty).
  [[nodiscard]] SynthRecord GenerateRecord(std::uint32_t person, SynthFile file, int copy) const;

 private:
  void GenerateRecordInto(std::uint32_t person, SynthFile file, int copy, SynthRecord& rec) const;
  // The chunk's records in output order, as person << 8 | copy: generation order (people
  // ascending, copies ascending) shuffled with the chunk's own stream.
  void PlanChunk(std::size_t chunk, SynthFile file, std::vector<std::uint64_t>& plan) const;
  void SetId(SynthFile file, std::uint64_t number, SynthRecord& rec) const;

  // The tables below are compact and contiguous because every record reads a random
  // surname, given-name entry and commune: with std::string members those reads were
  // cache misses that dominated the cost of a record.

  // A name word (surname, middle, given) in its common spellings: form k is
  // word_text_[off + start_k, + len[k]) with forms back to back, indexed
  // [style * 2 + caps], style 0 registered, 1 new tone placement, 2 no diacritics.
  struct Word {
    std::uint32_t off = 0;
    std::array<std::uint8_t, 6> len{};
    std::uint8_t flags = 0;  // kToneChanges, kDstroke, kNonAscii
    static constexpr std::uint8_t kToneChanges = 1, kDstroke = 2, kNonAscii = 4;
  };
  std::uint16_t AddWord(std::string_view registered, std::vector<std::string>& seen);
  std::string_view Form(const Word& w, int form) const;

  // A commune's unit names (ward, district, province; ward and province on the 2025 map)
  // as ranges of place_text_, shared strings stored once.
  struct Place {
    std::array<std::uint32_t, 5> off{};
    std::array<std::uint8_t, 5> len{};
    std::array<std::int8_t, 5> rule{};  // how each name is abbreviated (synth.cpp)
    std::uint8_t province = 0;          // pre-2025 code
    bool rural = false;                 // a Xã (ward_type), for the homes of people who moved
  };
  std::string_view Unit(const Place& p, int unit) const {
    return std::string_view(place_text_).substr(p.off[unit], p.len[unit]);
  }

  struct Offsets {
    std::uint64_t a = 0, b = 0;
  };
  const SynthReference& ref_;
  const Population& pop_;
  std::uint64_t seed_;
  ErrorRates rates_;
  std::array<std::uint64_t, kErrorKindCount> thresholds_{};  // rate scaled to 2^64
  bool link_;
  std::vector<Offsets> offsets_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> province_range_;  // by code
  int id_width_;
  std::vector<int> variant_of_;          // family index -> its Hoàng/Huỳnh, Vũ/Võ partner
  std::vector<std::string> old_prefix_;  // "0" + 2 digits as a number -> 11-digit prefix
  std::vector<std::string> provincial_hospital_;  // by province code: "BV Da khoa Nghe An"
  std::vector<Word> words_;
  std::string word_text_;
  std::vector<std::uint16_t> family_words_;  // word of each SynthReference::family_names
  std::vector<std::uint16_t> entry_middle_[2], entry_given_[2];  // by GivenEntry, per sex
  std::uint16_t mark_[2] = {0, 0};                               // Văn, Thị
  std::vector<Place> places_;                                    // by commune index
  std::string place_text_;
  bool track_eligible_ = true;
};

// "P" + the person index, zero-padded to 8 digits.
[[nodiscard]] std::string PersonId(std::uint32_t person);

}  // namespace vnlink::vi

#endif  // NORMALIZERS_SYNTH_H_
