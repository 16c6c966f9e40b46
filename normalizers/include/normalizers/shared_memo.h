// File: normalizers/shared_memo.h
//
// A bounded memo of shared, immutable values by string key, for the per-thread caches of
// normalization (whole names, whole raw addresses): a flat array of slots, two per hash,
// where a new key replaces the slot of its pair used least recently. A look-up touches one
// pair of adjacent slots and, on a hash match, the key; nothing is allocated but the key and
// value of a new entry, and nothing is freed in bulk. Memory is bounded by the slot count.
// A memo never changes an answer: it only returns what its caller stored under the key.
//
//   vnlink::vi::SharedMemo<AddressColumns> memo(1 << 12);
//   return memo.FindOrInsert(key, [&] { return Parse(key); });  // a shared_ptr<const V>
//
// A caller can prefetch a key's slots before other work (Prefetch), and reuse the value the
// last insertion replaced when nobody else holds it (Recycle). Not thread-safe: one per
// thread.

#ifndef NORMALIZERS_SHARED_MEMO_H_
#define NORMALIZERS_SHARED_MEMO_H_

#include <xxhash.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vnlink::vi {

template <typename V>
class SharedMemo {
 public:
  // `slots`: a power of two >= 2, or 0 to memoize nothing (Find always misses).
  explicit SharedMemo(std::size_t slots) : slot_count_(slots) {}

  // The value stored under `key`, or null.
  [[nodiscard]] const std::shared_ptr<const V>* Find(std::string_view key) {
    if (slots_.empty()) return nullptr;
    std::uint64_t hash = Hash(key);
    Slot* hit = Lookup(Pair(hash), hash, key);
    return hit != nullptr ? &hit->value : nullptr;
  }

  // The value stored under `key`; on a miss, stores and returns `make()` (a
  // std::shared_ptr<const V>). One hash and one probe for both.
  template <typename Make>
  const std::shared_ptr<const V>& FindOrInsert(std::string_view key, Make&& make) {
    return FindOrInsert(key, Hash(key), std::forward<Make>(make));
  }
  // Starts loading the slots of `key` and returns its hash, for a FindOrInsert later: a
  // caller with other work to do meanwhile need not wait for the table.
  std::uint64_t Prefetch(std::string_view key) {
    std::uint64_t hash = Hash(key);
    if (!slots_.empty()) __builtin_prefetch(Pair(hash));
    return hash;
  }
  // FindOrInsert with the hash Prefetch returned for `key`.
  template <typename Make>
  const std::shared_ptr<const V>& FindOrInsert(std::string_view key, std::uint64_t hash,
                                               Make&& make) {
    if (slot_count_ == 0) return last_ = make();
    if (slots_.empty()) slots_.resize(slot_count_);
    Slot* pair = Pair(hash);
    if (Slot* hit = Lookup(pair, hash, key)) return hit->value;
    std::shared_ptr<const V> value = make();
    return Fill(pair, hash, key, std::move(value));
  }

  // The value the last insertion replaced, for reuse, when nothing else holds it: values
  // keep their buffers, so a memo that replaces an entry per miss need not free and
  // allocate them again. Null otherwise. Only for values made non-const (make_shared<V>).
  [[nodiscard]] std::shared_ptr<V> Recycle() {
    if (!replaced_ || replaced_.use_count() != 1) {
      replaced_.reset();
      return nullptr;
    }
    return std::const_pointer_cast<V>(std::move(replaced_));
  }

  // Stores `value` under `key` (absent: call after a Find miss) and returns it.
  const std::shared_ptr<const V>& Insert(std::string_view key, std::shared_ptr<const V> value) {
    if (slot_count_ == 0) return last_ = std::move(value);
    if (slots_.empty()) slots_.resize(slot_count_);
    std::uint64_t hash = Hash(key);
    return Fill(Pair(hash), hash, key, std::move(value));
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::string key;
    std::shared_ptr<const V> value;
    bool recent = false;  // the slot of its pair hit or filled last
  };
  // The slot of `pair` holding `key` (made the recent one), or null.
  Slot* Lookup(Slot* pair, std::uint64_t hash, std::string_view key) {
    for (int k = 0; k < 2; ++k) {
      if (pair[k].value && pair[k].hash == hash && pair[k].key == key) {
        pair[k].recent = true;
        pair[1 - k].recent = false;
        return &pair[k];
      }
    }
    return nullptr;
  }
  // Replaces the least recently used slot of `pair`.
  const std::shared_ptr<const V>& Fill(Slot* pair, std::uint64_t hash, std::string_view key,
                                       std::shared_ptr<const V> value) {
    int k = pair[0].recent ? 1 : 0;
    pair[k].hash = hash;
    pair[k].key.assign(key);
    replaced_ = std::exchange(pair[k].value, std::move(value));
    pair[k].recent = true;
    pair[1 - k].recent = false;
    return pair[k].value;
  }
  static std::uint64_t Hash(std::string_view key) { return XXH3_64bits(key.data(), key.size()); }
  // The first slot of the key's pair: the high bits pick it, an even index.
  Slot* Pair(std::uint64_t hash) { return &slots_[(hash >> 17) & (slot_count_ - 2)]; }

  std::size_t slot_count_;
  std::vector<Slot> slots_;            // slot_count_ slots once something is stored
  std::shared_ptr<const V> last_;      // what Insert returns when nothing is memoized
  std::shared_ptr<const V> replaced_;  // the value the last insertion replaced (Recycle)
};

}  // namespace vnlink::vi

#endif  // NORMALIZERS_SHARED_MEMO_H_
