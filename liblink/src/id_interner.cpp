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

}  // namespace

IdInterner::IdInterner() : slots_(kInitialSlots, 0) {}

std::size_t IdInterner::Probe(std::string_view id, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  const std::uint64_t tag = hash >> 32;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const std::uint64_t slot = slots_[i];
    if (slot == 0) return i;
    if ((slot >> 32) == tag && names_[(slot & 0xffffffffu) - 1] == id) return i;
  }
}

std::string_view IdInterner::Store(std::string_view id) {
  // Ids live in large blocks that never move, so the views in names_ stay valid.
  if (id.size() > block_size_ - block_used_) {
    block_size_ = std::max(kBlockBytes, id.size());
    blocks_.push_back(std::make_unique<char[]>(block_size_));
    block_used_ = 0;
  }
  char* at = blocks_.back().get() + block_used_;
  if (!id.empty()) std::memcpy(at, id.data(), id.size());
  block_used_ += id.size();
  return {at, id.size()};
}

void IdInterner::Grow() {
  std::vector<std::uint64_t> old(slots_.size() * 2, 0);
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (std::uint32_t h = 0; h < names_.size(); ++h) {
    const std::uint64_t hash = Hash(names_[h]);
    std::size_t i = hash & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = ((hash >> 32) << 32) | (std::uint64_t{h} + 1);
  }
}

std::uint32_t IdInterner::Intern(std::string_view id) {
  const std::uint64_t hash = Hash(id);
  std::size_t i = Probe(id, hash);
  if (slots_[i] != 0) return static_cast<std::uint32_t>((slots_[i] & 0xffffffffu) - 1);
  if (names_.size() >= 0xfffffffeu) throw std::length_error("more than 2^32 - 2 distinct ids");
  const auto handle = static_cast<std::uint32_t>(names_.size());
  names_.push_back(Store(id));
  slots_[i] = ((hash >> 32) << 32) | (std::uint64_t{handle} + 1);
  // Load factor at most 1/2 keeps linear probing short.
  if (names_.size() * 2 > slots_.size()) Grow();
  return handle;
}

std::optional<std::uint32_t> IdInterner::Find(std::string_view id) const {
  const std::size_t i = Probe(id, Hash(id));
  if (slots_[i] == 0) return std::nullopt;
  return static_cast<std::uint32_t>((slots_[i] & 0xffffffffu) - 1);
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
