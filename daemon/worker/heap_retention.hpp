// How a worker process keeps the memory it frees. glibc gives a freed block of more than
// 128 kB (and the free top of the heap past 128 kB) back to the kernel at once, so every
// multi-megabyte document makes the next one fault its buffers in again, page by page: on the
// virtual machines gongwen runs on, those faults cost more than reading the text
// (docs/performance/encoding_fix.md). A worker runs one document at a time on one thread, so
// what it keeps is bounded by one document's peak.
#pragma once

#include <cstddef>
#include <string>

namespace gongwen {

// Up to `bytes` of freed heap stays mapped for the next document, and blocks below that size
// come from the heap rather than from mmap (glibc caps this at 32 MiB). Returns an error
// message when the allocator refuses, empty on success.
std::string retain_freed_heap(std::size_t bytes);

// What worker processes keep.
inline constexpr std::size_t worker_retained_heap = std::size_t(64) << 20;

}  // namespace gongwen
