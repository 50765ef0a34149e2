#include "inbox/disposal.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "gongwen/atomic_file.hpp"

namespace gongwen {
namespace fs = std::filesystem;

namespace {

bool below(const fs::path& path, const fs::path& dir) {
    const auto rel = path.lexically_relative(dir);
    return !rel.empty() && *rel.begin() != "..";
}

[[noreturn]] void fail(const fs::path& file, const std::string& what, int err) {
    throw std::runtime_error(file.string() + ": " + what + ": " + std::strerror(err));
}

// rename(2) that refuses to replace an existing file, so two finished files with the same
// name cannot overwrite each other.
bool rename_no_replace(const fs::path& from, const fs::path& to, int& err) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0)
        return true;
    err = errno;
    return false;
}

}  // namespace

const InboxConfig* inbox_of(const fs::path& file, const std::vector<InboxConfig>& inboxes) {
    const InboxConfig* best = nullptr;
    for (const auto& inbox : inboxes)
        if (below(file, inbox.path) &&
            (!best || inbox.path.string().size() > best->path.string().size()))
            best = &inbox;
    return best;
}

fs::path free_name(const fs::path& target) {
    if (!fs::exists(target)) return target;
    const fs::path stem = target.stem();
    const fs::path ext = target.extension();
    for (int i = 1;; ++i) {
        fs::path candidate =
            target.parent_path() / (stem.string() + "." + std::to_string(i) + ext.string());
        if (!fs::exists(candidate)) return candidate;
    }
}

fs::path move_below(const fs::path& file, const fs::path& inbox_root, const fs::path& dir) {
    const fs::path rel =
        below(file, inbox_root) ? file.lexically_relative(inbox_root) : file.filename();
    fs::path target = dir / rel;
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) throw std::runtime_error(target.parent_path().string() + ": " + ec.message());
    for (int tries = 0; tries < 1000; ++tries) {
        target = free_name(target);
        int err = 0;
        if (rename_no_replace(file, target, err)) return target;
        if (err == EEXIST) continue;  // taken between the check and the rename: next name
        if (err != EXDEV) fail(file, "cannot move to " + target.string(), err);
        // Another filesystem: copy (never overwriting), then remove the original.
        fs::copy_file(file, target, fs::copy_options::none, ec);
        if (ec == std::errc::file_exists) continue;
        if (ec)
            throw std::runtime_error(file.string() + ": cannot copy to " + target.string() + ": " +
                                     ec.message());
        fs::remove(file, ec);
        return target;
    }
    throw std::runtime_error(file.string() + ": no free name in " + target.parent_path().string());
}

std::optional<fs::path> dispose_done(const fs::path& file, const InboxConfig& inbox) {
    switch (inbox.on_done) {
        case OnDone::leave:
            return std::nullopt;
        case OnDone::move:
            return move_below(file, inbox.path, inbox.done_dir);
        case OnDone::remove:
            if (::unlink(file.c_str()) != 0 && errno != ENOENT) fail(file, "cannot delete", errno);
            return std::nullopt;
    }
    return std::nullopt;
}

std::optional<fs::path> dispose_failed(const fs::path& file, const InboxConfig& inbox,
                                       const std::string& error_json) {
    if (inbox.on_failed == OnFailed::leave) return std::nullopt;
    const fs::path moved = move_below(file, inbox.path, inbox.failed_dir);
    write_file_atomically(moved.string() + ".error.json", error_json);
    return moved;
}

}  // namespace gongwen
