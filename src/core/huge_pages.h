// Memory for large tables read at random (hash tables, string arenas): from
// 2 MiB-aligned allocations the kernel is asked to back with transparent huge
// pages, so a random access costs one TLB entry per 2 MiB instead of per 4 KiB
// (a page walk is dear, dearest inside a virtual machine). Small requests and
// kernels without THP get ordinary pages: only the speed differs.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <new>

namespace etguard {

inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20U;

// `bytes` of uninitialized memory; release with release_huge.
inline void* allocate_huge(std::size_t bytes) {
  if (bytes < kHugePageBytes) {
    void* memory = std::malloc(bytes);  // NOLINT(cppcoreguidelines-no-malloc)
    if (memory == nullptr) {
      throw std::bad_alloc();
    }
    return memory;
  }
  const std::size_t rounded = (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
  void* memory = std::aligned_alloc(kHugePageBytes, rounded);
  if (memory == nullptr) {
    throw std::bad_alloc();
  }
  ::madvise(memory, rounded, MADV_HUGEPAGE);  // a hint: without THP nothing changes
  return memory;
}

inline void release_huge(void* memory) {
  std::free(memory);  // NOLINT(cppcoreguidelines-no-malloc)
}

// A std::allocator for containers that grow large and are read at random.
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  explicit HugePageAllocator(const HugePageAllocator<U>& /*other*/) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(allocate_huge(n * sizeof(T))); }
  void deallocate(T* p, std::size_t /*n*/) noexcept { release_huge(p); }
  friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) { return true; }
};

}  // namespace etguard
