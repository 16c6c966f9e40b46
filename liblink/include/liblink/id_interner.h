// File: liblink/id_interner.h
//
// Dense integer handles for string identifiers (unique_id, person_id, cluster_id), so the
// clustering and evaluation code works on arrays indexed by record instead of string maps.
// Memory is the bytes of the distinct ids plus 52 to 84 bytes per id; nothing per lookup.
//
//   vnlink::IdInterner ids;
//   std::uint32_t a = ids.Intern("BV-0001");   // 0
//   std::uint32_t b = ids.Intern("BV-0002");   // 1
//   ids.Intern("BV-0001");                      // 0 again
//   ids.Name(b);                                // "BV-0002"
//
// Handles are given in first-seen order, so they depend on input order: code that must not
// depend on input order ranks ids with SortedByName() instead of comparing handles.

#ifndef LIBLINK_ID_INTERNER_H_
#define LIBLINK_ID_INTERNER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace vnlink {

class IdInterner {
 public:
  IdInterner();

  // The handle of `id`, adding it (with the next handle) when it is new. Throws
  // std::length_error past 2^32 - 1 distinct ids.
  std::uint32_t Intern(std::string_view id);
  // The handle of `id`, or nullopt when it was never interned.
  [[nodiscard]] std::optional<std::uint32_t> Find(std::string_view id) const;
  // The id of a handle; the view stays valid as long as the interner.
  [[nodiscard]] std::string_view Name(std::uint32_t handle) const { return names_[handle]; }
  // The number of distinct ids.
  [[nodiscard]] std::size_t size() const { return names_.size(); }

  // All handles ordered by the bytes of their ids (std::string_view comparison).
  [[nodiscard]] std::vector<std::uint32_t> SortedByName() const;
  // rank[handle] = position of the handle in SortedByName(): an input-order-free key.
  [[nodiscard]] std::vector<std::uint32_t> Ranks() const;

 private:
  // A slot points at the id's bytes, stored after their 4-byte length, so a lookup touches
  // two cache lines (slot, bytes): with millions of ids, lookups are memory-bound.
  struct Slot {
    const char* stored = nullptr;  // nullptr = empty
    std::uint32_t handle = 0;
    std::uint32_t tag = 0;  // upper 32 bits of the hash
  };
  std::size_t Probe(std::string_view id, std::uint64_t hash) const;
  void Grow();
  const char* Store(std::string_view id);

  std::vector<Slot> slots_;
  std::vector<std::string_view> names_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t block_used_ = 0;
  std::size_t block_size_ = 0;
};

}  // namespace vnlink

#endif  // LIBLINK_ID_INTERNER_H_
