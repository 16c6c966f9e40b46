#include "liblink/id_interner.h"

#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <stdexcept>

namespace vnlink {
namespace {

constexpr std::size_t kBlockBytes = 1 << 20;
constexpr std::size_t kInitialSlots = 1 << 10;

std::uint64_t Hash(std::string_view id) { return XXH3_64bits(id.data(), id.size()); }

std::uint32_t StoredLength(const char* stored) {
  std::uint32_t length;
  std::memcpy(&length, stored, sizeof length);
  return length;
}

}  // namespace

IdInterner::IdInterner() : slots_(kInitialSlots) {}

std::size_t IdInterner::Probe(std::string_view id, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.stored == nullptr) return i;
    if (slot.tag == tag && StoredLength(slot.stored) == id.size() &&
        (id.empty() ||
         std::memcmp(slot.stored + sizeof(std::uint32_t), id.data(), id.size()) == 0)) {
      return i;
    }
  }
}

const char* IdInterner::Store(std::string_view id) {
  if (id.size() > 0xffffffffu - sizeof(std::uint32_t)) throw std::length_error("id too long");
  // Ids live in large blocks that never move, so the views in names_ stay valid.
  const std::size_t need = sizeof(std::uint32_t) + id.size();
  if (need > block_size_ - block_used_) {
    block_size_ = std::max(kBlockBytes, need);
    blocks_.push_back(std::make_unique<char[]>(block_size_));
    block_used_ = 0;
  }
  char* at = blocks_.back().get() + block_used_;
  const auto length = static_cast<std::uint32_t>(id.size());
  std::memcpy(at, &length, sizeof length);
  if (!id.empty()) std::memcpy(at + sizeof length, id.data(), id.size());
  block_used_ += need;
  return at;
}

void IdInterner::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.stored == nullptr) continue;
    const std::uint64_t hash = Hash(names_[slot.handle]);
    std::size_t i = hash & mask;
    while (slots_[i].stored != nullptr) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

std::uint32_t IdInterner::Intern(std::string_view id) {
  const std::uint64_t hash = Hash(id);
  const std::size_t i = Probe(id, hash);
  if (slots_[i].stored != nullptr) return slots_[i].handle;
  if (names_.size() >= 0xfffffffeu) throw std::length_error("more than 2^32 - 2 distinct ids");
  const auto handle = static_cast<std::uint32_t>(names_.size());
  const char* stored = Store(id);
  names_.emplace_back(stored + sizeof(std::uint32_t), id.size());
  slots_[i] = {stored, handle, static_cast<std::uint32_t>(hash >> 32)};
  // Load factor at most 1/2 keeps linear probing short.
  if (names_.size() * 2 > slots_.size()) Grow();
  return handle;
}

std::optional<std::uint32_t> IdInterner::Find(std::string_view id) const {
  const std::size_t i = Probe(id, Hash(id));
  if (slots_[i].stored == nullptr) return std::nullopt;
  return slots_[i].handle;
}

std::vector<std::uint32_t> IdInterner::SortedByName() const {
  std::vector<std::uint32_t> order(names_.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [this](std::uint32_t a, std::uint32_t b) { return names_[a] < names_[b]; });
  return order;
}

std::vector<std::uint32_t> IdInterner::Ranks() const {
  const std::vector<std::uint32_t> order = SortedByName();
  std::vector<std::uint32_t> rank(order.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  return rank;
}

}  // namespace vnlink
