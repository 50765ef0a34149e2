// Recognising an archive by its first bytes, never by its name: a report called `x.zip` that is
// really text stays text, and a zip saved as `x.txt` is still opened.
#pragma once

#include <optional>
#include <string_view>

namespace gongwen {

enum class ArchiveFormat {
    zip,
    tar,        // uncompressed POSIX/GNU tar (has the "ustar" magic and a valid header checksum)
    gzip,       // a gzip stream: a .tar.gz, or one compressed file (read as a one-member archive)
    bzip2,      // likewise for bzip2
    xz,         // likewise for xz
    zstd,       // likewise for zstd
    seven_zip,  // 7z
    rar,        // RAR 1.5 to 4.x
    rar5,       // RAR 5.0 and later
};

// The archive or compressed-stream format whose signature `bytes` start with, if any. Text in
// any encoding, empty input and anything else without one of these signatures gives nullopt.
std::optional<ArchiveFormat> sniff_archive(std::string_view bytes);

// A short name for messages: "zip", "tar", "gzip", "7z", "RAR 5", ...
std::string_view archive_format_name(ArchiveFormat format);

}  // namespace gongwen
