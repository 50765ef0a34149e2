#include "inbox/inbox_watcher.hpp"

#include <fnmatch.h>
#include <spdlog/spdlog.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace gongwen {
namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t dir_mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY |
                                   IN_MOVED_FROM | IN_DELETE | IN_DELETE_SELF | IN_ONLYDIR;

struct Stat {
    bool regular = false;
    bool directory = false;
    FileStamp stamp;
};

std::optional<Stat> stat_path(const fs::path& p) {
    struct stat st {};
    // lstat: a symlink in the inbox is not followed out of it.
    if (::lstat(p.c_str(), &st) != 0) return std::nullopt;
    return Stat{S_ISREG(st.st_mode), S_ISDIR(st.st_mode),
                FileStamp{static_cast<std::uint64_t>(st.st_size),
                          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 +
                              st.st_mtim.tv_nsec}};
}

bool inside(const fs::path& path, const fs::path& dir) {
    auto rel = path.lexically_relative(dir);
    return !rel.empty() && *rel.begin() != "..";
}

}  // namespace

InboxWatcher::InboxWatcher(boost::asio::io_context& io, std::vector<InboxConfig> inboxes,
                           std::chrono::milliseconds settle, std::chrono::milliseconds stable,
                           InboxEvents events)
    : io_(io),
      inboxes_(std::move(inboxes)),
      settle_(settle),
      stable_(stable),
      events_(std::move(events)),
      buffer_(64 * 1024),
      sweep_timer_(io),
      poll_snapshots_(inboxes_.size()) {}

InboxWatcher::~InboxWatcher() {
    stop();
}

void InboxWatcher::start() {
    bool any_inotify = false;
    for (const auto& inbox : inboxes_) any_inotify |= inbox.mode == WatchMode::inotify;
    if (any_inotify) {
        fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "inotify_init1");
        stream_ = std::make_unique<boost::asio::posix::stream_descriptor>(io_, fd_);
    }
    for (std::size_t i = 0; i < inboxes_.size(); ++i) {
        fs::create_directories(inboxes_[i].path);
        if (inboxes_[i].mode == WatchMode::inotify) {
            // Watch before scanning: a file arriving during the scan is then seen by one or
            // the other (or both, which the settle map and the ledger absorb).
            add_tree(inboxes_[i].path, i);
        } else {
            poll_timers_.push_back(std::make_unique<boost::asio::steady_timer>(io_));
            poll(i);
        }
    }
    if (stream_) read_events();
}

void InboxWatcher::stop() {
    if (stopped_) return;
    stopped_ = true;
    sweep_timer_.cancel();
    for (auto& t : poll_timers_) t->cancel();
    pending_.clear();
    if (stream_) {
        boost::system::error_code ec;
        stream_->close(ec);  // closes fd_ too
        stream_.reset();
    }
    fd_ = -1;
}

bool InboxWatcher::skipped(const fs::path& path, std::size_t inbox) const {
    const InboxConfig& cfg = inboxes_[inbox];
    const std::string name = path.filename().string();
    for (const auto& glob : cfg.ignore)
        if (::fnmatch(glob.c_str(), name.c_str(), FNM_PERIOD) == 0) return true;
    // Processed and failed files may be moved below the inbox: never take them again.
    return path == cfg.done_dir || path == cfg.failed_dir || inside(path, cfg.done_dir) ||
           inside(path, cfg.failed_dir);
}

void InboxWatcher::add_tree(const fs::path& dir, std::size_t inbox) {
    const int wd = ::inotify_add_watch(fd_, dir.c_str(), dir_mask);
    if (wd < 0) {
        spdlog::error("inbox {}: cannot watch: {}", dir.string(), std::strerror(errno));
        return;
    }
    dirs_[wd] = WatchedDir{dir, inbox};
    scan(dir, inbox, true);
}

void InboxWatcher::scan(const fs::path& dir, std::size_t inbox, bool watch) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        if (skipped(p, inbox)) continue;
        const auto st = stat_path(p);
        if (!st) continue;
        if (st->directory) {
            if (!inboxes_[inbox].recursive) continue;
            if (watch)
                add_tree(p, inbox);
            else
                scan(p, inbox, false);
        } else if (st->regular) {
            if (!watch) {
                // Poll mode: only new or changed files need another look.
                auto& snapshot = poll_snapshots_[inbox];
                auto [pos, inserted] = snapshot.try_emplace(p.string(), st->stamp);
                if (!inserted && pos->second == st->stamp) continue;  // settling, or taken
                pos->second = st->stamp;
            }
            consider(p, inbox, Arrival::scanned);
        }
    }
    if (ec) spdlog::warn("inbox {}: cannot list: {}", dir.string(), ec.message());
}

void InboxWatcher::poll(std::size_t inbox) {
    if (stopped_) return;
    scan(inboxes_[inbox].path, inbox, false);
    // Forget files that went away, so the snapshot stays the size of the inbox.
    auto& snapshot = poll_snapshots_[inbox];
    for (auto it = snapshot.begin(); it != snapshot.end();)
        it = fs::exists(it->first) ? std::next(it) : snapshot.erase(it);
    std::size_t timer = 0;
    for (std::size_t i = 0; i < inbox; ++i) timer += inboxes_[i].mode == WatchMode::poll;
    auto& t = *poll_timers_.at(timer);
    t.expires_after(std::chrono::milliseconds(inboxes_[inbox].poll_interval_ms));
    t.async_wait([this, inbox](boost::system::error_code ec) {
        if (!ec) poll(inbox);
    });
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
                std::string name =
                    ev.len ? std::string(name_ptr, ::strnlen(name_ptr, ev.len)) : std::string();
                handle_event(ev.wd, ev.mask, name);
                off += sizeof(inotify_event) + ev.len;
            }
            read_events();
        });
}

void InboxWatcher::handle_event(int wd, std::uint32_t mask, const std::string& name) {
    if (mask & IN_Q_OVERFLOW) {
        spdlog::warn("inotify queue overflowed; rescanning the inboxes");
        for (const auto& [w, dir] : dirs_) ::inotify_rm_watch(fd_, w);
        dirs_.clear();
        for (std::size_t i = 0; i < inboxes_.size(); ++i)
            if (inboxes_[i].mode == WatchMode::inotify) add_tree(inboxes_[i].path, i);
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
    const fs::path path = dir.path / name;
    if (skipped(path, dir.inbox)) return;

    if (mask & IN_ISDIR) {
        if ((mask & (IN_CREATE | IN_MOVED_TO)) && inboxes_[dir.inbox].recursive)
            add_tree(path, dir.inbox);
        return;
    }
    if (mask & IN_MOVED_TO) {
        consider(path, dir.inbox, Arrival::moved_in);
    } else if (mask & IN_CLOSE_WRITE) {
        consider(path, dir.inbox, Arrival::closed);
    } else if (mask & IN_CREATE) {
        if (const auto st = stat_path(path); st && st->regular && events_.seen)
            events_.seen({path, st->stamp, dir.inbox});
    } else if (mask & IN_MODIFY) {
        // Still being written: push the deadline out; the close will follow.
        push_back_deadline(path.string());
    } else if (mask & (IN_MOVED_FROM | IN_DELETE)) {
        if (pending_.erase(path.string()) && events_.gone) events_.gone(path);
    }
}

void InboxWatcher::consider(const fs::path& file, std::size_t inbox, Arrival arrival) {
    const auto st = stat_path(file);
    if (!st || !st->regular) return;
    const std::string key = file.string();
    const bool fresh = !pending_.count(key);
    Pending& p = pending_[key];
    p.stamp = st->stamp;
    p.inbox = inbox;
    // A close is better evidence than a scan: once one was seen, the short wait applies.
    p.quiet = arrival != Arrival::scanned ? settle_ : (fresh ? stable_ : p.quiet);
    const auto now = std::chrono::steady_clock::now();
    // A rename is atomic: whoever moved the file in had finished it, so there is nothing to
    // wait for (writing elsewhere and then `mv` is what careful crawlers do; it should also be
    // the fastest way in).
    p.due = arrival == Arrival::moved_in ? now : now + p.quiet;
    if (fresh && events_.seen) events_.seen({file, st->stamp, inbox});
    if (arrival == Arrival::moved_in)
        sweep();
    else
        schedule_sweep();
}

void InboxWatcher::push_back_deadline(const std::string& key) {
    if (auto it = pending_.find(key); it != pending_.end())
        it->second.due = std::chrono::steady_clock::now() + it->second.quiet;
}

// One timer for all settling files, however many there are.
void InboxWatcher::schedule_sweep() {
    if (sweep_armed_ || stopped_) return;
    sweep_armed_ = true;
    const auto tick = std::clamp(std::min(settle_, stable_) / 4, std::chrono::milliseconds(2),
                                 std::chrono::milliseconds(250));
    sweep_timer_.expires_after(tick);
    sweep_timer_.async_wait([this](boost::system::error_code ec) {
        sweep_armed_ = false;
        if (!ec && !stopped_) sweep();
    });
}

void InboxWatcher::sweep() {
    const auto now = std::chrono::steady_clock::now();
    std::vector<WatchedFile> ready;
    for (auto it = pending_.begin(); it != pending_.end();) {
        Pending& p = it->second;
        if (p.due > now) {
            ++it;
            continue;
        }
        const auto st = stat_path(it->first);
        if (!st || !st->regular) {
            const fs::path gone = it->first;
            it = pending_.erase(it);
            if (events_.gone) events_.gone(gone);
            continue;
        }
        if (!(st->stamp == p.stamp)) {
            p.stamp = st->stamp;
            p.due = now + p.quiet;
            ++it;
            continue;
        }
        ready.push_back({it->first, p.stamp, p.inbox});
        it = pending_.erase(it);
    }
    for (const auto& f : ready) events_.ready(f);
    if (!pending_.empty()) schedule_sweep();
}

}  // namespace gongwen
