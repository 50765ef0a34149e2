#include "inbox/inbox_watcher.hpp"

#include <fnmatch.h>
#include <spdlog/spdlog.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace gongwen {
namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t dir_mask =
    IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_DELETE_SELF | IN_ONLYDIR;

struct FileStat {
    bool regular = false;
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
};

std::optional<FileStat> stat_file(const fs::path& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return std::nullopt;
    return FileStat{
        S_ISREG(st.st_mode), static_cast<std::uint64_t>(st.st_size),
        static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

}  // namespace

InboxWatcher::InboxWatcher(boost::asio::io_context& io, std::vector<InboxConfig> inboxes,
                           std::chrono::milliseconds settle, Callback on_ready)
    : io_(io),
      inboxes_(std::move(inboxes)),
      settle_(settle),
      on_ready_(std::move(on_ready)),
      buffer_(64 * 1024) {}

InboxWatcher::~InboxWatcher() {
    stop();
}

void InboxWatcher::start() {
    fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "inotify_init1");
    stream_ = std::make_unique<boost::asio::posix::stream_descriptor>(io_, fd_);
    // Watch before scanning: a file arriving during the scan is then seen by one or the other
    // (or both, which the settle map and the ledger absorb).
    for (std::size_t i = 0; i < inboxes_.size(); ++i) {
        fs::create_directories(inboxes_[i].path);
        add_tree(inboxes_[i].path, i);
    }
    read_events();
}

void InboxWatcher::stop() {
    if (stopped_) return;
    stopped_ = true;
    for (auto& [key, p] : pending_) p.timer->cancel();
    pending_.clear();
    if (stream_) {
        boost::system::error_code ec;
        stream_->close(ec);  // closes fd_ too
        stream_.reset();
    }
    fd_ = -1;
}

bool InboxWatcher::ignored(const std::string& name, std::size_t inbox) const {
    for (const auto& glob : inboxes_[inbox].ignore)
        if (::fnmatch(glob.c_str(), name.c_str(), FNM_PERIOD) == 0) return true;
    return false;
}

void InboxWatcher::add_tree(const fs::path& dir, std::size_t inbox) {
    const int wd = ::inotify_add_watch(fd_, dir.c_str(), dir_mask);
    if (wd < 0) {
        spdlog::error("inbox {}: cannot watch: {}", dir.string(), std::strerror(errno));
        return;
    }
    dirs_[wd] = WatchedDir{dir, inbox};
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (ignored(name, inbox)) continue;
        std::error_code tec;
        if (it->is_directory(tec)) {
            if (inboxes_[inbox].recursive) add_tree(it->path(), inbox);
        } else if (it->is_regular_file(tec)) {
            consider(it->path(), inbox);
        }
    }
    if (ec) spdlog::warn("inbox {}: cannot list: {}", dir.string(), ec.message());
}

void InboxWatcher::read_events() {
    stream_->async_read_some(
        boost::asio::buffer(buffer_), [this](boost::system::error_code ec, std::size_t n) {
            if (ec == boost::asio::error::operation_aborted || stopped_) return;
            if (ec) {
                spdlog::error("inotify read failed: {}", ec.message());
                return;
            }
            for (std::size_t off = 0; off + sizeof(inotify_event) <= n;) {
                inotify_event ev;
                std::memcpy(&ev, buffer_.data() + off, sizeof ev);
                const char* name_ptr = buffer_.data() + off + sizeof(inotify_event);
                std::string name = ev.len ? std::string(name_ptr, ::strnlen(name_ptr, ev.len)) : "";
                handle_event(ev.wd, ev.mask, name);
                off += sizeof(inotify_event) + ev.len;
            }
            read_events();
        });
}

void InboxWatcher::handle_event(int wd, std::uint32_t mask, const std::string& name) {
    if (mask & IN_Q_OVERFLOW) {
        spdlog::warn("inotify queue overflowed; rescanning the inboxes");
        rescan();
        return;
    }
    auto it = dirs_.find(wd);
    if (it == dirs_.end()) return;
    if (mask & IN_IGNORED) {
        dirs_.erase(it);
        return;
    }
    if (mask & IN_DELETE_SELF || name.empty()) return;
    const WatchedDir dir = it->second;  // copy: add_tree may rehash dirs_
    if (ignored(name, dir.inbox)) return;
    const fs::path path = dir.path / name;

    if (mask & IN_ISDIR) {
        if ((mask & (IN_CREATE | IN_MOVED_TO)) && inboxes_[dir.inbox].recursive)
            add_tree(path, dir.inbox);
        return;
    }
    if (mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
        consider(path, dir.inbox);
    } else if (mask & IN_MODIFY) {
        // Still being written: push the settle deadline out, the close will follow.
        if (auto p = pending_.find(path.string()); p != pending_.end()) arm(p->first);
    }
}

void InboxWatcher::consider(const fs::path& file, std::size_t inbox) {
    const auto st = stat_file(file);
    if (!st || !st->regular) return;
    const std::string key = file.string();
    auto [it, inserted] = pending_.try_emplace(key);
    Pending& p = it->second;
    if (inserted) p.timer = std::make_unique<boost::asio::steady_timer>(io_);
    p.size = st->size;
    p.mtime_ns = st->mtime_ns;
    p.inbox = inbox;
    arm(key);
}

void InboxWatcher::arm(const std::string& key) {
    Pending& p = pending_.at(key);
    p.timer->expires_after(settle_);
    p.timer->async_wait([this, key](boost::system::error_code ec) {
        if (!ec && !stopped_) settled(key);
    });
}

void InboxWatcher::settled(const std::string& key) {
    auto it = pending_.find(key);
    if (it == pending_.end()) return;
    const auto st = stat_file(key);
    if (!st || !st->regular) {
        pending_.erase(it);  // gone before it settled (renamed away, deleted)
        return;
    }
    if (st->size != it->second.size || st->mtime_ns != it->second.mtime_ns) {
        it->second.size = st->size;
        it->second.mtime_ns = st->mtime_ns;
        arm(key);
        return;
    }
    ReadyFile ready{key, st->size, st->mtime_ns};
    pending_.erase(it);
    on_ready_(ready);
}

void InboxWatcher::rescan() {
    for (const auto& [wd, dir] : dirs_) ::inotify_rm_watch(fd_, wd);
    dirs_.clear();
    for (std::size_t i = 0; i < inboxes_.size(); ++i) add_tree(inboxes_[i].path, i);
}

}  // namespace gongwen
