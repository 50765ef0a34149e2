#include "archive_builder.hpp"

#include <locale.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <boost/crc.hpp>
#include <stdexcept>

namespace gongwen::test {

namespace {

constexpr std::uint64_t MiB = 1 << 20;

// The writer's name conversion follows the thread's locale; the test pins it per archive.
class LocaleScope {
  public:
    explicit LocaleScope(const char* name)
        : locale_(newlocale(LC_ALL_MASK, name, locale_t{})), previous_(uselocale(locale_)) {
        if (locale_ == locale_t{}) throw std::runtime_error(std::string("no locale ") + name);
    }
    ~LocaleScope() {
        uselocale(previous_);
        freelocale(locale_);
    }

  private:
    locale_t locale_;
    locale_t previous_;
};

la_ssize_t append_to_string(archive*, void* out, const void* buf, size_t n) {
    static_cast<std::string*>(out)->append(static_cast<const char*>(buf), n);
    return static_cast<la_ssize_t>(n);
}

void check(archive* a, int r, const char* what) {
    if (r < ARCHIVE_WARN)
        throw std::runtime_error(std::string(what) + ": " + archive_error_string(a));
}

}  // namespace

Entry file(std::string path, std::string data) {
    return Entry(std::move(path), std::move(data));
}

Entry filled(std::string path, std::uint64_t size, char byte) {
    Entry e(std::move(path));
    e.filler = size;
    e.filler_byte = byte;
    return e;
}

std::string write_archive(const Layout& layout, const std::vector<Entry>& entries) {
    const LocaleScope locale(layout.locale);
    std::string out;
    archive* a = archive_write_new();
    check(a, archive_write_set_format(a, layout.format), "format");
    if (layout.filter != ARCHIVE_FILTER_NONE)
        check(a, archive_write_add_filter(a, layout.filter), "filter");
    if (!layout.options.empty())
        check(a, archive_write_set_options(a, layout.options.c_str()), "options");
    if (!layout.passphrase.empty())
        check(a, archive_write_set_passphrase(a, layout.passphrase.c_str()), "passphrase");
    // Without this the last block is padded with zeros, which zstd's reader rejects.
    archive_write_set_bytes_in_last_block(a, 1);
    check(a, archive_write_open(a, &out, nullptr, append_to_string, nullptr), "open");
    for (const Entry& e : entries) {
        archive_entry* entry = archive_entry_new();
        archive_entry_copy_pathname(entry, e.path.c_str());
        archive_entry_set_filetype(entry, e.type);
        archive_entry_set_perm(entry, e.type == AE_IFDIR ? 0755 : 0644);
        archive_entry_set_mtime(entry, 1'700'000'000, 0);
        if (e.type == AE_IFLNK) archive_entry_copy_symlink(entry, e.link.c_str());
        if (e.type == AE_IFCHR) archive_entry_set_rdev(entry, makedev(1, 3));
        if (e.type == AE_IFREG && !e.link.empty())
            archive_entry_copy_hardlink(entry, e.link.c_str());
        const bool has_data = e.type == AE_IFREG && e.link.empty();
        archive_entry_set_size(entry,
                               has_data ? static_cast<la_int64_t>(e.filler + e.data.size()) : 0);
        check(a, archive_write_header(a, entry), "header");
        if (has_data) {
            const std::string chunk(MiB, e.filler_byte);
            for (std::uint64_t left = e.filler; left > 0;) {
                const std::size_t n = std::min<std::uint64_t>(left, chunk.size());
                archive_write_data(a, chunk.data(), n);
                left -= n;
            }
            if (!e.data.empty()) archive_write_data(a, e.data.data(), e.data.size());
        }
        archive_entry_free(entry);
    }
    check(a, archive_write_close(a), "close");
    archive_write_free(a);
    return out;
}

std::string zip(const std::vector<Entry>& entries) {
    return write_archive({}, entries);
}

std::string tar(const std::vector<Entry>& entries, int filter) {
    return write_archive({ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, filter}, entries);
}

std::string seven_zip(const std::vector<Entry>& entries, const std::string& compression) {
    return write_archive(
        {ARCHIVE_FORMAT_7ZIP, ARCHIVE_FILTER_NONE, "7zip:compression=" + compression}, entries);
}

// One file compressed without a tar around it, as `gzip report.txt` makes.
std::string compressed_file(const std::string& data, int filter) {
    return write_archive({ARCHIVE_FORMAT_RAW, filter}, {file("data", data)});
}

// ---- RAR, from the published formats ----------------------------------------------------
// No free tool writes RAR, so these write the smallest valid archives by hand: members
// "stored" (method 0, no compression), every header and file CRC computed as the format
// says. RAR 4: RAR's technote.txt (RAR 2.9-4.x). RAR 5: rarlab.com/technote.htm.

std::uint32_t crc32(std::string_view bytes) {
    boost::crc_32_type crc;
    crc.process_bytes(bytes.data(), bytes.size());
    return crc.checksum();
}

void put_le(std::string& out, std::uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

// RAR 4 block: HEAD_CRC (low 16 bits of the CRC32 of the rest of the header) + the rest.
std::string rar4_block(const std::string& rest_without_crc) {
    std::string block;
    put_le(block, crc32(rest_without_crc) & 0xFFFF, 2);
    return block + rest_without_crc;
}

std::string rar4_end_block() {
    std::string end;
    put_le(end, 0x7B, 1);    // HEAD_TYPE: end of archive
    put_le(end, 0x4000, 2);  // HEAD_FLAGS
    put_le(end, 7, 2);       // HEAD_SIZE
    return rar4_block(end);
}

std::string rar4_stored(const std::vector<Entry>& entries) {
    std::string out("Rar!\x1A\x07\x00", 7);  // marker block
    std::string main;
    put_le(main, 0x73, 1);  // HEAD_TYPE: archive header
    put_le(main, 0, 2);     // HEAD_FLAGS
    put_le(main, 13, 2);    // HEAD_SIZE
    put_le(main, 0, 2);     // RESERVED1
    put_le(main, 0, 4);     // RESERVED2
    out += rar4_block(main);
    for (const Entry& e : entries) {
        std::string h;
        put_le(h, 0x74, 1);                // HEAD_TYPE: file header
        put_le(h, 0x8000, 2);              // HEAD_FLAGS: LONG_BLOCK (data follows)
        put_le(h, 32 + e.path.size(), 2);  // HEAD_SIZE
        put_le(h, e.data.size(), 4);       // PACK_SIZE
        put_le(h, e.data.size(), 4);       // UNP_SIZE
        put_le(h, 3, 1);                   // HOST_OS: Unix
        put_le(h, crc32(e.data), 4);       // FILE_CRC
        put_le(h, (44u << 25) | (1u << 21) | (15u << 16) | (10u << 11) | (30u << 5), 4);  // FTIME
        put_le(h, 20, 1);             // UNP_VER: 2.0
        put_le(h, 0x30, 1);           // METHOD: store
        put_le(h, e.path.size(), 2);  // NAME_SIZE
        put_le(h, 0100644, 4);        // ATTR
        h += e.path;  // no FHD_UNICODE flag: the bytes are the name, as old WinRAR wrote them
        out += rar4_block(h) + e.data;
    }
    return out + rar4_end_block();
}

void put_vint(std::string& out, std::uint64_t value) {
    do {
        const std::uint8_t low = value & 0x7F;
        value >>= 7;
        out += static_cast<char>(low | (value != 0 ? 0x80 : 0));
    } while (value != 0);
}

// RAR 5 header: CRC32 of (size vint + body), the size vint, the body (type, flags, fields).
std::string rar5_header(const std::string& body) {
    std::string sized;
    put_vint(sized, body.size());
    sized += body;
    std::string header;
    put_le(header, crc32(sized), 4);
    return header + sized;
}

std::string rar5_stored(const std::vector<Entry>& entries) {
    std::string out("Rar!\x1A\x07\x01\x00", 8);
    std::string main;
    put_vint(main, 1);  // header type: main archive header
    put_vint(main, 0);  // header flags
    put_vint(main, 0);  // archive flags
    out += rar5_header(main);
    for (const Entry& e : entries) {
        std::string f;
        put_vint(f, 2);                // header type: file header
        put_vint(f, 0x0002);           // header flags: data area present
        put_vint(f, e.data.size());    // data size
        put_vint(f, 0x0002 | 0x0004);  // file flags: mtime and data CRC32 present
        put_vint(f, e.data.size());    // unpacked size
        put_vint(f, 0100644);          // attributes (Unix mode)
        put_le(f, 1'700'000'000, 4);   // mtime
        put_le(f, crc32(e.data), 4);   // data CRC32
        put_vint(f, 0);                // compression: version 0, method 0 (store)
        put_vint(f, 1);                // host OS: Unix
        put_vint(f, e.path.size());
        f += e.path;
        out += rar5_header(f) + e.data;
    }
    std::string end;
    put_vint(end, 5);  // header type: end of archive
    put_vint(end, 0);  // header flags
    put_vint(end, 0);  // end of archive flags: last volume
    return out + rar5_header(end);
}

}  // namespace gongwen::test
