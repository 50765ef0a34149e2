#include "archive/archive_reader.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <optional>

#include "archive/archive_format.hpp"
#include "archive/member_path.hpp"

namespace gongwen {
namespace {

constexpr std::string_view nesting_separator = "!/";

std::string format_size(std::uint64_t bytes) {
    static constexpr std::array<std::string_view, 4> units = {"bytes", "KiB", "MiB", "GiB"};
    std::size_t unit = 0;
    std::uint64_t whole = bytes;
    while (unit + 1 < units.size() && whole >= 1024 && whole % 1024 == 0) {
        whole /= 1024;
        ++unit;
    }
    return std::to_string(whole) + " " + std::string(units[unit]);
}

std::string format_ratio(double ratio) {
    std::array<char, 32> buf{};
    std::snprintf(buf.data(), buf.size(), "%g", ratio);
    return buf.data();
}

std::string error_text(archive* a) {
    const char* text = archive_error_string(a);
    return text != nullptr && *text != '\0' ? text : "no detail from libarchive";
}

struct ArchiveFree {
    void operator()(archive* a) const { archive_read_free(a); }
};
using ArchiveHandle = std::unique_ptr<archive, ArchiveFree>;

// Only the reader the signature names is enabled: nothing else gets to bid on hostile bytes,
// and none of libarchive's filters that run external programs (lrzip, lzop, grzip, ...) can be
// reached.
void enable_reader(archive* a, ArchiveFormat format) {
    switch (format) {
        case ArchiveFormat::zip:
            archive_read_support_format_zip(a);
            return;
        case ArchiveFormat::tar:
            archive_read_support_format_tar(a);
            return;
        case ArchiveFormat::seven_zip:
            archive_read_support_format_7zip(a);
            return;
        case ArchiveFormat::rar:
            archive_read_support_format_rar(a);
            return;
        case ArchiveFormat::rar5:
            archive_read_support_format_rar5(a);
            return;
        case ArchiveFormat::gzip:
            archive_read_support_filter_gzip(a);
            break;
        case ArchiveFormat::bzip2:
            archive_read_support_filter_bzip2(a);
            break;
        case ArchiveFormat::xz:
            archive_read_support_filter_xz(a);
            break;
        case ArchiveFormat::zstd:
            archive_read_support_filter_zstd(a);
            break;
    }
    // A compressed stream holds a tar, or else one file ("raw", which bids last).
    archive_read_support_format_tar(a);
    archive_read_support_format_raw(a);
}

bool is_compressed_stream(ArchiveFormat format) {
    return format == ArchiveFormat::gzip || format == ArchiveFormat::bzip2 ||
           format == ArchiveFormat::xz || format == ArchiveFormat::zstd;
}

// The member of a bare compressed stream is the file itself without its compression suffix.
std::string raw_member_name(std::string_view archive_path) {
    const std::size_t slash = archive_path.rfind('/');
    std::string base(slash == std::string_view::npos ? archive_path
                                                     : archive_path.substr(slash + 1));
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> suffixes = {{
        {".tgz", ".tar"},
        {".tbz2", ".tar"},
        {".tbz", ".tar"},
        {".txz", ".tar"},
        {".tzst", ".tar"},
        {".gz", ""},
        {".bz2", ""},
        {".xz", ""},
        {".zst", ""},
        {".zstd", ""},
    }};
    for (const auto& [suffix, replacement] : suffixes) {
        if (base.size() > suffix.size() && base.ends_with(suffix)) {
            base.resize(base.size() - suffix.size());
            base += replacement;
            break;
        }
    }
    return base;
}

std::string_view special_file_kind(mode_t type) {
    switch (type) {
        case AE_IFCHR:
            return "character device";
        case AE_IFBLK:
            return "block device";
        case AE_IFIFO:
            return "FIFO";
        case AE_IFSOCK:
            return "socket";
        default:
            return "special file";
    }
}

locale_t utf8_locale() {
    static const locale_t locale = newlocale(LC_ALL_MASK, "C.UTF-8", locale_t{});
    return locale;
}

// Switches the calling thread's locale for the lifetime of the object; a null locale changes
// nothing.
class ThreadLocale {
  public:
    explicit ThreadLocale(locale_t locale)
        : previous_(locale != locale_t{} ? uselocale(locale) : locale_t{}) {}
    ~ThreadLocale() {
        if (previous_ != locale_t{}) uselocale(previous_);
    }
    ThreadLocale(const ThreadLocale&) = delete;
    ThreadLocale& operator=(const ThreadLocale&) = delete;
    locale_t previous() const { return previous_; }

  private:
    locale_t previous_;
};

// How reading an entry ended.
enum class DataEnd {
    whole,         // read completely (and delivered, or opened as a nested archive)
    refused,       // reported; the next entry can be read
    stop_archive,  // reported; this archive cannot be read further
    stop_tree      // reported; a limit over the whole tree was reached
};

// One call of read_archive: the limits, the counters over the whole tree, the problems.
class TreeReader {
  public:
    TreeReader(std::string_view name, const ArchiveLimits& limits, const ArchiveMemberSink& sink,
               locale_t caller_locale)
        : name_(name), limits_(limits), sink_(sink), caller_locale_(caller_locale) {}

    ArchiveReadSummary& summary() { return summary_; }

    // Reads one archive of the tree. `where` is its path inside the outer archive ("" for the
    // outer one).
    void read(std::string_view bytes, ArchiveFormat format, const std::string& where, int depth) {
        ArchiveHandle handle(archive_read_new());
        archive* a = handle.get();
        if (a == nullptr) throw std::bad_alloc();
        enable_reader(a, format);
        const std::string what = std::string(archive_format_name(format)) + " archive";
        if (archive_read_open_memory(a, bytes.data(), bytes.size()) != ARCHIVE_OK) {
            stop(where, "not a readable " + what + " (" + error_text(a) + ")");
            return;
        }
        // Without a working decompressor, the "raw" reader would take the compressed bytes
        // themselves as the member.
        if (is_compressed_stream(format) && archive_filter_count(a) < 2) {
            stop(where, "not a readable " + what + " (the stream does not decompress)");
            return;
        }
        const std::string prefix = where.empty() ? "" : where + std::string(nesting_separator);
        current_ = ArchiveState{bytes.size(), 0, format == ArchiveFormat::zip};
        std::uint64_t entries_here = 0;
        for (;;) {
            archive_entry* entry = nullptr;
            const int r = archive_read_next_header(a, &entry);
            if (r == ARCHIVE_EOF) {
                if (entries_here == 0)
                    refuse(where, "no members: the " + what +
                                      " is empty, or holds nothing libarchive can read");
                return;
            }
            if (r < ARCHIVE_WARN) {
                // FAILED would allow another try, but after a bad header libarchive has no
                // reliable place to resume in any of these formats.
                stop(where, entries_here == 0
                                ? "damaged " + what + " (" + error_text(a) + "): no member read"
                                : "damaged or truncated " + what + " after " +
                                      std::to_string(entries_here) + " entries (" + error_text(a) +
                                      "); the members before the damage were kept");
                return;
            }
            ++entries_here;
            if (++summary_.entries > limits_.max_members) {
                summary_.problems.push_back(
                    {where, "more than " + std::to_string(limits_.max_members) +
                                " entries (max_members); the rest were not read"});
                summary_.complete = false;
                stopped_ = true;
                return;
            }
            const DataEnd end = read_entry(a, entry, where, prefix, depth);
            if (end == DataEnd::stop_archive || end == DataEnd::stop_tree || stopped_) {
                summary_.complete = false;
                return;
            }
        }
    }

  private:
    struct ArchiveState {
        std::uint64_t compressed_size = 0;
        std::uint64_t produced = 0;  // uncompressed bytes that came out of this archive so far
        bool members_compressed_alone = false;  // zip: a member's ratio means something
    };

    void stop(const std::string& where, std::string reason) {
        summary_.problems.push_back({where, std::move(reason)});
        summary_.complete = false;
    }

    void refuse(const std::string& member, std::string reason) {
        summary_.problems.push_back({member, std::move(reason)});
    }

    // Libarchive skips an unread member by itself when the next entry is directly reachable;
    // otherwise skipping means decompressing, which must go through our limits.
    static bool skipping_is_free(archive* a, archive_entry* entry) {
        if (archive_filter_count(a) > 1) return false;  // a gzip/bzip2/xz/zstd stream
        const int base = archive_format(a) & ARCHIVE_FORMAT_BASE_MASK;
        if (base == ARCHIVE_FORMAT_TAR) return true;
        // Without a central directory (truncated zip) the sizes may be unknown until the data
        // has been inflated.
        return base == ARCHIVE_FORMAT_ZIP && declared_size(entry).has_value();
    }

    DataEnd skip(archive* a, archive_entry* entry, const std::string& member) {
        if (skipping_is_free(a, entry)) return DataEnd::refused;
        const DataEnd end = read_data(a, member, nullptr, false);
        return end == DataEnd::whole ? DataEnd::refused : end;
    }

    // Some readers leave the size unknown (zip without a central directory, raw streams) or
    // take a negative one from damaged headers.
    static std::optional<std::uint64_t> declared_size(archive_entry* entry) {
        if (!archive_entry_size_is_set(entry) || archive_entry_size(entry) < 0) return std::nullopt;
        return static_cast<std::uint64_t>(archive_entry_size(entry));
    }

    static std::optional<std::string> raw_name(archive_entry* entry) {
        if (const char* name = archive_entry_pathname(entry)) return std::string(name);
        if (const char* name = archive_entry_pathname_utf8(entry)) return std::string(name);
        return std::nullopt;
    }

    DataEnd read_entry(archive* a, archive_entry* entry, const std::string& where,
                       const std::string& prefix, int depth) {
        const bool raw_stream = archive_format(a) == ARCHIVE_FORMAT_RAW;
        std::optional<std::string> raw =
            raw_stream ? raw_member_name(where.empty() ? name_ : where) : raw_name(entry);
        if (!raw) {
            refuse(prefix + "?",
                   "member name cannot be decoded (" + error_text(a) + "): member skipped");
            return skip(a, entry, prefix + "?");
        }
        const std::string name = decode_member_name(*raw);
        const mode_t type = archive_entry_filetype(entry);
        if (type == AE_IFDIR) return skip(a, entry, prefix + name);

        const CheckedMemberPath checked = check_member_path(name);
        if (!checked.refusal.empty()) {
            refuse(prefix + name, checked.refusal);
            return skip(a, entry, prefix + name);
        }
        const std::string path = prefix + checked.path;
        if (checked.path.empty()) {
            refuse(prefix + name, "member without a name: skipped");
            return skip(a, entry, path);
        }
        if (const char* target = archive_entry_hardlink(entry)) {
            refuse(path, "hard link to \"" + decode_member_name(target) +
                             "\": links are not followed; member skipped");
            return skip(a, entry, path);
        }
        if (type == AE_IFLNK) {
            const char* target = archive_entry_symlink(entry);
            refuse(path, "symbolic link to \"" + decode_member_name(target ? target : "") +
                             "\": links are not followed; member skipped");
            return skip(a, entry, path);
        }
        if (type != AE_IFREG) {
            refuse(path, std::string(special_file_kind(type)) + ": member skipped");
            return skip(a, entry, path);
        }
        if (archive_entry_is_data_encrypted(entry)) {
            refuse(path, "encrypted, and gongwen has no password: member skipped");
            return skip(a, entry, path);
        }
        const std::optional<std::uint64_t> declared = declared_size(entry);
        if (declared && *declared > limits_.max_member_size) {
            refuse(path, "declares " + std::to_string(*declared) +
                             " bytes, more than the per-member limit of " +
                             format_size(limits_.max_member_size) +
                             " (max_member_size): member skipped");
            return skip(a, entry, path);
        }

        std::string bytes;
        // A lying header must not make us allocate: reserve no more than a typical report.
        if (declared) bytes.reserve(std::min<std::uint64_t>(*declared, 16u << 20));
        const DataEnd end = read_data(a, path, &bytes, skipping_is_free(a, entry));
        if (end != DataEnd::whole) return end;
        const std::int64_t mtime =
            archive_entry_mtime_is_set(entry) ? archive_entry_mtime(entry) : 0;
        return deliver(path, bytes, depth, mtime);
    }

    DataEnd deliver(const std::string& path, const std::string& bytes, int depth,
                    std::int64_t mtime) {
        if (const auto nested = sniff_archive(bytes)) {
            if (depth + 1 > limits_.max_depth) {
                refuse(path, std::string(archive_format_name(*nested)) +
                                 " archive at nesting level " + std::to_string(depth + 1) +
                                 ", deeper than max_depth (" + std::to_string(limits_.max_depth) +
                                 "): not opened");
                return DataEnd::refused;
            }
            const ArchiveState outer = current_;
            read(bytes, *nested, path, depth + 1);
            current_ = outer;
            return stopped_ ? DataEnd::stop_tree : DataEnd::whole;
        }
        const std::string provenance = name_ + std::string(nesting_separator) + path;
        ++summary_.members;
        const ThreadLocale callers(caller_locale_);
        sink_(ArchiveMember{path, provenance, bytes, depth, mtime});
        return DataEnd::whole;
    }

    // Reads the current entry's data into `keep`, or only through the limits when `keep` is
    // null. `free_skip`: when this member is refused, the next entry needs no decompression.
    DataEnd read_data(archive* a, const std::string& member, std::string* keep, bool free_skip) {
        const bool draining = keep == nullptr;
        std::uint64_t produced = 0;
        const la_int64_t compressed_start = archive_filter_bytes(a, -1);
        for (;;) {
            const void* block = nullptr;
            std::size_t size = 0;
            la_int64_t offset = 0;
            const int r = archive_read_data_block(a, &block, &size, &offset);
            if (r == ARCHIVE_EOF)
                return draining || keep != nullptr ? DataEnd::whole : DataEnd::refused;
            if (r != ARCHIVE_OK) {
                const std::string reason = "damaged data (" + error_text(a) + ")";
                // A warning comes at the end of the data (a CRC mismatch): the next entry is
                // where it should be. After a failure it is reachable only if skipping is free.
                if (keep != nullptr && (r == ARCHIVE_WARN || (r == ARCHIVE_FAILED && free_skip))) {
                    refuse(member, reason + ": member not delivered");
                    return DataEnd::refused;
                }
                stop(member, reason + ": " + (keep != nullptr ? "member not delivered, and " : "") +
                                 "the rest of the archive cannot be reached");
                return DataEnd::stop_archive;
            }
            // Sparse entries (tar) leave holes: the gap reads as zeros.
            const std::uint64_t gap = offset > 0 && static_cast<std::uint64_t>(offset) > produced
                                          ? static_cast<std::uint64_t>(offset) - produced
                                          : 0;
            const std::uint64_t more = gap + size;
            produced += more;
            current_.produced += more;
            summary_.uncompressed_bytes += more;

            if (summary_.uncompressed_bytes > limits_.max_total_size) {
                stop(member, "more than " + format_size(limits_.max_total_size) +
                                 " decompressed in all (max_total_size): reading stopped here");
                stopped_ = true;
                return DataEnd::stop_tree;
            }
            if (over_ratio(current_.produced, current_.compressed_size)) {
                stop(member, "the archive expands to more than " + format_ratio(limits_.max_ratio) +
                                 " times its size (max_ratio), a decompression bomb: "
                                 "reading stopped here");
                return DataEnd::stop_archive;
            }
            if (keep == nullptr) continue;
            const la_int64_t compressed = archive_filter_bytes(a, -1) - compressed_start;
            if (current_.members_compressed_alone &&
                over_ratio(produced,
                           static_cast<std::uint64_t>(std::max<la_int64_t>(compressed, 0)))) {
                if (!free_skip) {
                    stop(member, "compression ratio over " + format_ratio(limits_.max_ratio) +
                                     " (max_ratio), a zip bomb: not read further, and the rest "
                                     "of the archive lies behind it");
                    return DataEnd::stop_archive;
                }
                refuse(member, "compression ratio over " + format_ratio(limits_.max_ratio) +
                                   " (max_ratio), a zip bomb: not read further; member skipped");
                return DataEnd::refused;
            }
            if (produced > limits_.max_member_size) {
                refuse(member, "larger than the per-member limit of " +
                                   format_size(limits_.max_member_size) +
                                   " (max_member_size): not read further; member skipped");
                if (free_skip) return DataEnd::refused;
                keep = nullptr;  // the rest is decompressed only to reach the next member
                continue;
            }
            keep->append(gap, '\0');
            keep->append(static_cast<const char*>(block), size);
        }
    }

    bool over_ratio(std::uint64_t produced, std::uint64_t compressed) const {
        if (limits_.max_ratio <= 0 || produced <= limits_.ratio_applies_above) return false;
        return static_cast<double>(produced) >
               limits_.max_ratio * static_cast<double>(std::max<std::uint64_t>(compressed, 1));
    }

    std::string name_;
    const ArchiveLimits& limits_;
    const ArchiveMemberSink& sink_;
    locale_t caller_locale_;
    ArchiveReadSummary summary_;
    ArchiveState current_;
    bool stopped_ = false;  // a limit over the whole tree was reached
};

}  // namespace

std::string describe(const ArchiveProblem& problem, std::string_view archive_name) {
    std::string text(archive_name);
    if (!problem.member.empty()) {
        text += nesting_separator;
        text += problem.member;
    }
    text += ": ";
    text += problem.reason;
    return text;
}

ArchiveReadSummary read_archive(std::string_view bytes, std::string_view name,
                                const ArchiveLimits& limits, const ArchiveMemberSink& sink) {
    const auto format = sniff_archive(bytes);
    if (!format) {
        ArchiveReadSummary summary;
        summary.complete = false;
        summary.problems.push_back(
            {"", "not an archive: no zip, tar, 7z, RAR, gzip, bzip2, xz or zstd signature"});
        return summary;
    }
    const ThreadLocale utf8(utf8_locale());
    TreeReader reader(name, limits, sink, utf8.previous());
    reader.read(bytes, *format, "", 0);
    return std::move(reader.summary());
}

}  // namespace gongwen
