#include "archive/archive_format.hpp"

#include <cstddef>
#include <cstdint>

namespace gongwen {
namespace {

bool starts_with(std::string_view bytes, std::string_view magic) {
    return bytes.substr(0, magic.size()) == magic;
}

// "BZh" is three printable letters, so a text file could start with them; the block-size digit
// and the block or end-of-stream magic behind it make a false match practically impossible.
bool is_bzip2(std::string_view b) {
    using namespace std::string_view_literals;
    if (b.size() < 10 || !starts_with(b, "BZh") || b[3] < '1' || b[3] > '9') return false;
    const std::string_view block = b.substr(4, 6);
    return block == "\x31\x41\x59\x26\x53\x59"sv || block == "\x17\x72\x45\x38\x50\x90"sv;
}

// POSIX ("ustar\0" "00") and GNU ("ustar  \0") headers both carry "ustar" at offset 257; the
// checksum makes sure the 512 bytes really are a tar header and not text that happens to
// contain the word. Pre-POSIX (v7) tar has no magic and is not recognised.
bool is_tar(std::string_view b) {
    constexpr std::size_t header_size = 512;
    if (b.size() < header_size || b.substr(257, 5) != "ustar") return false;
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < header_size; ++i) {
        const bool in_checksum_field = i >= 148 && i < 156;
        sum += in_checksum_field ? ' ' : static_cast<unsigned char>(b[i]);
    }
    std::uint32_t stored = 0;
    bool digits = false;
    for (std::size_t i = 148; i < 156; ++i) {
        const char c = b[i];
        if (c >= '0' && c <= '7') {
            stored = stored * 8 + static_cast<std::uint32_t>(c - '0');
            digits = true;
        } else if (digits || (c != ' ' && c != '\0')) {
            break;
        }
    }
    return digits && stored == sum;
}

}  // namespace

std::optional<ArchiveFormat> sniff_archive(std::string_view b) {
    using namespace std::string_view_literals;
    // Local file header, or the end-of-central-directory record of an empty zip.
    if (starts_with(b, "PK\x03\x04"sv) || starts_with(b, "PK\x05\x06"sv)) return ArchiveFormat::zip;
    // A split-archive marker directly followed by the first local header.
    if (starts_with(b, "PK\x07\x08PK\x03\x04"sv)) return ArchiveFormat::zip;
    if (starts_with(b, "7z\xBC\xAF\x27\x1C"sv)) return ArchiveFormat::seven_zip;
    if (starts_with(b, "Rar!\x1A\x07\x01\x00"sv)) return ArchiveFormat::rar5;
    if (starts_with(b, "Rar!\x1A\x07\x00"sv)) return ArchiveFormat::rar;
    // gzip's only defined compression method is 8 (deflate).
    if (starts_with(b, "\x1F\x8B\x08"sv)) return ArchiveFormat::gzip;
    if (starts_with(b,
                    "\xFD"
                    "7zXZ\x00"sv))
        return ArchiveFormat::xz;
    if (starts_with(b, "\x28\xB5\x2F\xFD"sv)) return ArchiveFormat::zstd;
    if (is_bzip2(b)) return ArchiveFormat::bzip2;
    if (is_tar(b)) return ArchiveFormat::tar;
    return std::nullopt;
}

std::string_view archive_format_name(ArchiveFormat format) {
    switch (format) {
        case ArchiveFormat::zip:
            return "zip";
        case ArchiveFormat::tar:
            return "tar";
        case ArchiveFormat::gzip:
            return "gzip";
        case ArchiveFormat::bzip2:
            return "bzip2";
        case ArchiveFormat::xz:
            return "xz";
        case ArchiveFormat::zstd:
            return "zstd";
        case ArchiveFormat::seven_zip:
            return "7z";
        case ArchiveFormat::rar:
            return "RAR";
        case ArchiveFormat::rar5:
            return "RAR 5";
    }
    return "archive";
}

}  // namespace gongwen
