// Archives built at test time, for the archive reader's tests and the daemon's: zip, tar, 7z
// and the compressed tars with libarchive's writer, RAR (which no free tool writes) byte by
// byte from the published format.
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::test {

struct Entry {
    Entry(std::string path_bytes, std::string contents = "", mode_t entry_type = AE_IFREG,
          std::string target = "")
        : path(std::move(path_bytes)),
          data(std::move(contents)),
          type(entry_type),
          link(std::move(target)) {}

    std::string path;  // the name bytes as the archive stores them
    std::string data;
    mode_t type = AE_IFREG;
    std::string link;          // symlink or hard link target
    std::uint64_t filler = 0;  // before `data`: this many `filler_byte`s, streamed
    char filler_byte = '\0';
};

Entry file(std::string path, std::string data);
Entry filled(std::string path, std::uint64_t size, char byte);

struct Layout {
    Layout(int archive_format = ARCHIVE_FORMAT_ZIP, int compression = ARCHIVE_FILTER_NONE,
           std::string writer_options = "")
        : format(archive_format), filter(compression), options(std::move(writer_options)) {}

    int format = ARCHIVE_FORMAT_ZIP;
    int filter = ARCHIVE_FILTER_NONE;
    std::string options;             // archive_write_set_options syntax
    const char* locale = "C.UTF-8";  // the writer converts names through it
    std::string passphrase;
};

std::string write_archive(const Layout& layout, const std::vector<Entry>& entries);
std::string zip(const std::vector<Entry>& entries);
std::string tar(const std::vector<Entry>& entries, int filter = ARCHIVE_FILTER_NONE);
std::string seven_zip(const std::vector<Entry>& entries, const std::string& compression = "lzma2");
// One file compressed without a tar around it, as `gzip report.txt` makes.
std::string compressed_file(const std::string& data, int filter);

std::uint32_t crc32(std::string_view bytes);
void put_le(std::string& out, std::uint64_t value, int bytes);
// RAR 4 block: HEAD_CRC (low 16 bits of the CRC32 of the rest of the header) + the rest.
std::string rar4_block(const std::string& rest_without_crc);
std::string rar4_end_block();
std::string rar4_stored(const std::vector<Entry>& entries);
void put_vint(std::string& out, std::uint64_t value);
// RAR 5 header: CRC32 of (size vint + body), the size vint, the body (type, flags, fields).
std::string rar5_header(const std::string& body);
std::string rar5_stored(const std::vector<Entry>& entries);

}  // namespace gongwen::test
