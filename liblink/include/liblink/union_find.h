// File: liblink/union_find.h
//
// Disjoint sets over dense handles 0..n-1 (see id_interner.h), with union by size and
// path compression: near-constant time per operation, 8 bytes per element.
//
//   vnlink::UnionFind uf(4);
//   uf.Union(0, 1);
//   uf.Union(2, 3);
//   uf.Find(1) == uf.Find(0);   // true
//   uf.Size(3);                 // 2
//
// Which element becomes the root depends on the order of unions; callers that need an
// order-free name for a set (a cluster id) derive it from the members, not from Find().

#ifndef LIBLINK_UNION_FIND_H_
#define LIBLINK_UNION_FIND_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vnlink {

class UnionFind {
 public:
  explicit UnionFind(std::size_t n = 0);

  // Grows the structure to `n` elements; the new ones are singletons.
  void Resize(std::size_t n);
  // The representative of x's set; compresses the path it walked.
  std::uint32_t Find(std::uint32_t x);
  // Merges the sets of a and b (the larger root stays root). False when already one set.
  bool Union(std::uint32_t a, std::uint32_t b);
  // The number of elements in x's set.
  [[nodiscard]] std::uint32_t Size(std::uint32_t x) { return size_[Find(x)]; }
  // Makes x a singleton again. Only valid when every member of x's old set is reset too
  // (used to rebuild a component edge by edge).
  void Reset(std::uint32_t x) {
    parent_[x] = x;
    size_[x] = 1;
  }
  [[nodiscard]] std::size_t size() const { return parent_.size(); }

 private:
  std::vector<std::uint32_t> parent_;
  std::vector<std::uint32_t> size_;
};

}  // namespace vnlink

#endif  // LIBLINK_UNION_FIND_H_
