#include "worker/heap_retention.hpp"

#include <malloc.h>

#include <algorithm>

namespace gongwen {

std::string retain_freed_heap(std::size_t bytes) {
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer has its own allocator, which ignores mallopt.
    (void)bytes;
    return {};
#else
    // glibc refuses an mmap threshold above HEAP_MAX_SIZE / 2, 32 MiB on 64-bit systems.
    constexpr std::size_t max_mmap_threshold = std::size_t(32) << 20;
    const int trim = int(std::min<std::size_t>(bytes, std::size_t(1) << 30));
    const int mmap = int(std::min(bytes, max_mmap_threshold));
    if (::mallopt(M_TRIM_THRESHOLD, trim) != 1) return "mallopt(M_TRIM_THRESHOLD) refused";
    if (::mallopt(M_MMAP_THRESHOLD, mmap) != 1) return "mallopt(M_MMAP_THRESHOLD) refused";
    return {};
#endif
}

}  // namespace gongwen
