// Arbitrary bytes as an archive dropped into the inbox: every format libarchive reads, nested,
// under the default limits. Damage and hostile names must become problems, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "archive/archive_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gongwen::ArchiveLimits limits;
    // Small enough that a bomb among the inputs costs milliseconds, not the fuzzer's memory.
    limits.max_member_size = 1 << 20;
    limits.max_total_size = 4 << 20;
    (void)gongwen::read_archive(std::string_view(reinterpret_cast<const char*>(data), size),
                                "fuzz.bin", limits, [](const gongwen::ArchiveMember&) {});
    return 0;
}
