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
//     for (const auto& r : recs) Write(r.fields, r.id, r.person_id);
//   }

#ifndef NORMALIZERS_SYNTH_H_
#define NORMALIZERS_SYNTH_H_

#include <array>
#include <cstdint>
#include <string>
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
  std::vector<std::string> fields;  // in SynthHeader order; fields[0] is the record id
  std::string person_id;            // "P00000042"
  std::uint32_t person = 0;         // index into Population::people
  ErrorMask applied = 0;            // kinds applied to this record
  ErrorMask eligible = 0;           // kinds that could have been applied
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
  // Record `copy` of person `person` in `file`, without its id (fields[0] empty).
  [[nodiscard]] SynthRecord GenerateRecord(std::uint32_t person, SynthFile file, int copy) const;

 private:
  void GenerateRecordInto(std::uint32_t person, SynthFile file, int copy, SynthRecord& rec) const;

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
  bool track_eligible_ = true;
};

// "P" + the person index, zero-padded to 8 digits.
[[nodiscard]] std::string PersonId(std::uint32_t person);

}  // namespace vnlink::vi

#endif  // NORMALIZERS_SYNTH_H_
