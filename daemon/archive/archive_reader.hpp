// Reading the members of an archive that is already in memory, one at a time, without ever
// writing to disk, and without letting a hostile archive hurt anything but itself.
//
// Formats (recognised by signature, see archive_format.hpp): zip, tar (plain or compressed with
// gzip, bzip2, xz or zstd), 7z, RAR and RAR 5. A bare compressed stream that holds no tar
// (`report.txt.gz`) is read as a one-member archive whose member is named after the file
// without its compression suffix: `report.txt.gz!/report.txt`; the limits below apply to it
// as to any member, which is what stops a gzip bomb.
//
// Members that are themselves archives are opened in turn (down to ArchiveLimits::max_depth)
// instead of being delivered; their members' paths are joined with "!/":
// `outer.zip!/dir/inner.tar.gz!/member.txt`.
//
// What is skipped, and reported as an ArchiveProblem, without harming the other members:
//   - names with a ".." component, absolute names (`/x`, `C:\x`);
//   - symbolic and hard links (never followed), device files, FIFOs, sockets;
//   - encrypted members (there is no password to give);
//   - a member over max_member_size (by its declared size, or as soon as its data passes the
//     limit: it is never held or inflated further);
//   - a zip member whose compression ratio passes max_ratio (the classic zip bomb: stopped
//     after about ratio_applies_above bytes);
//   - a nested archive deeper than max_depth;
//   - a member whose data is damaged (CRC error, truncated): a partial report would pass for a
//     whole one, so it is not delivered.
// Directories are skipped silently.
//
// What stops reading early (ArchiveReadSummary::complete becomes false), keeping every member
// delivered before that point:
//   - a damaged or truncated archive: the members before the damage have been delivered, the
//     member cut by it is reported, the rest cannot be reached;
//   - an archive that expands to more than max_ratio times its own size (any format: in tar.gz,
//     7z or RAR, members share one compressed stream, so the ratio of one member says nothing);
//   - a member that passes a ratio limit in an archive where the next member can only be
//     reached by decompressing the rest of that one (compressed tar, 7z, RAR, zip without a
//     central directory): a bomb is never inflated to its end. A member that is merely too big
//     is decompressed and discarded instead, so that the members after it survive, within
//     max_total_size;
//   - max_members or max_total_size reached: these count over the whole tree, nested archives
//     included, and stop every level.
//
// Memory: one member's bytes per nesting level (each at most max_member_size), plus
// libarchive's buffers. Thread-safe: calls share nothing. libarchive converts some names
// (7z, RAR, zip with the UTF-8 flag) through the thread's locale, so the reading thread
// switches itself to C.UTF-8 while it reads; the callback runs in the caller's locale.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen {

// Safe defaults for a daemon that opens whatever lands in its inbox. The lead maps them to
// config keys; every limit is inclusive (a member of exactly max_member_size bytes is read).
struct ArchiveLimits {
    // Archives inside archives are opened down to this many levels below the file itself
    // (`outer.zip!/a.zip` is level 1). 0: nested archives are reported, not opened.
    int max_depth = 3;
    // Entries of every kind (files, directories, links, skipped ones), counted over the archive
    // and every archive inside it.
    std::uint64_t max_members = 10'000;
    // Uncompressed bytes of one member.
    std::uint64_t max_member_size = std::uint64_t{128} << 20;
    // Uncompressed bytes decompressed in all, at every level: a nested archive counts once as a
    // member and again through its own members; data decompressed only to be skipped counts.
    std::uint64_t max_total_size = std::uint64_t{1} << 30;
    // Uncompressed bytes per compressed byte, for each zip member and for each archive as a
    // whole. Text compresses 3 to 10 times; a zip bomb of zeros, about 1000 times. 0 disables.
    double max_ratio = 200;
    // The ratio limit applies only once more than this many bytes have come out: small files
    // that compress extremely well are harmless.
    std::uint64_t ratio_applies_above = std::uint64_t{1} << 20;
};

// One member, handed to the callback. The views are valid only during the call.
struct ArchiveMember {
    std::string_view path;        // inside the outer archive: "dir/inner.tar.gz!/member.txt"
    std::string_view provenance;  // "outer.zip!/dir/inner.tar.gz!/member.txt"
    std::string_view bytes;
    int depth = 0;           // 0 for a member of the outer archive, 1 one level down, ...
    std::int64_t mtime = 0;  // seconds since the epoch; 0 when the archive does not say
};

struct ArchiveProblem {
    // Path inside the outer archive, as in ArchiveMember::path, of the member (or nested
    // archive) concerned; empty for the outer archive itself.
    std::string member;
    std::string reason;
};

// "outer.zip!/dir/x.txt: <reason>", or "outer.zip: <reason>" for the archive as a whole.
std::string describe(const ArchiveProblem& problem, std::string_view archive_name);

struct ArchiveReadSummary {
    std::uint64_t members = 0;             // delivered to the callback
    std::uint64_t entries = 0;             // entries seen, at every level
    std::uint64_t uncompressed_bytes = 0;  // decompressed, at every level (see max_total_size)
    // False when some archive in the tree could not be read to its end (not an archive,
    // damage, a limit that stops reading); the problems say which and why.
    bool complete = true;
    std::vector<ArchiveProblem> problems;
};

using ArchiveMemberSink = std::function<void(const ArchiveMember&)>;

// Reads the archive in `bytes`; `name` is the file's display name, used as the first part of
// each provenance and in messages. Bytes that are not an archive (sniff_archive) give one
// problem and no members. An exception thrown by `sink` stops the reading and propagates.
ArchiveReadSummary read_archive(std::string_view bytes, std::string_view name,
                                const ArchiveLimits& limits, const ArchiveMemberSink& sink);

}  // namespace gongwen
