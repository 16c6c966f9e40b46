#include "liblink/union_find.h"

#include <utility>

namespace vnlink {

UnionFind::UnionFind(std::size_t n) { Resize(n); }

void UnionFind::Resize(std::size_t n) {
  const std::size_t old = parent_.size();
  parent_.resize(n);
  size_.resize(n, 1);
  for (std::size_t i = old; i < n; ++i) parent_[i] = static_cast<std::uint32_t>(i);
}

std::uint32_t UnionFind::Find(std::uint32_t x) {
  std::uint32_t root = x;
  while (parent_[root] != root) root = parent_[root];
  while (parent_[x] != root) x = std::exchange(parent_[x], root);
  return root;
}

bool UnionFind::Union(std::uint32_t a, std::uint32_t b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return false;
  if (size_[a] < size_[b]) std::swap(a, b);
  parent_[b] = a;
  size_[a] += size_[b];
  return true;
}

}  // namespace vnlink
