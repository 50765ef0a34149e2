// Watches the inbox folders and reports each file once it is complete.
//
// inotify mode (through Asio): a file counts as complete once it was closed after writing or
// moved in, and its size and mtime then stayed the same for `settle` (short: the close already
// says the writer is done; the wait absorbs writers that reopen at once). New subfolders are
// watched and scanned as they appear. A file found by a scan instead (at start-up, after an
// event overflow, and in poll mode, for network filesystems where inotify is silent) has no
// close to go by: it is taken once its size and mtime were unchanged for `stable`.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "config/daemon_config.hpp"

namespace gongwen {

struct FileStamp {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    bool operator==(const FileStamp&) const = default;
};

struct WatchedFile {
    std::filesystem::path path;
    FileStamp stamp;
    std::size_t inbox = 0;  // index into the configured inboxes
};

struct InboxEvents {
    std::function<void(const WatchedFile&)> seen;            // noticed; may still be written
    std::function<void(const WatchedFile&)> ready;           // complete: take it
    std::function<void(const std::filesystem::path&)> gone;  // vanished before it was ready
};

class InboxWatcher {
  public:
    InboxWatcher(boost::asio::io_context& io, std::vector<InboxConfig> inboxes,
                 std::chrono::milliseconds settle, std::chrono::milliseconds stable,
                 InboxEvents events);
    ~InboxWatcher();

    // Creates missing inbox folders, starts watching, and considers every file already there.
    void start();
    void stop();
    std::size_t watched_folders() const { return dirs_.size(); }
    std::size_t settling() const { return pending_.size(); }

  private:
    struct WatchedDir {
        std::filesystem::path path;
        std::size_t inbox;
    };
    struct Pending {
        FileStamp stamp;
        std::size_t inbox = 0;
        std::chrono::milliseconds quiet{0};  // settle_ or stable_
        std::chrono::steady_clock::time_point due;
    };

    void add_tree(const std::filesystem::path& dir, std::size_t inbox);
    void scan(const std::filesystem::path& dir, std::size_t inbox, bool watch);
    void read_events();
    void handle_event(int wd, std::uint32_t mask, const std::string& name);
    // How a file came to notice: each is different evidence that its writer is done.
    enum class Arrival { scanned, closed, moved_in };
    void consider(const std::filesystem::path& file, std::size_t inbox, Arrival arrival);
    void push_back_deadline(const std::string& key);
    void schedule_sweep();
    void sweep();
    void poll(std::size_t inbox);
    bool skipped(const std::filesystem::path& path, std::size_t inbox) const;

    boost::asio::io_context& io_;
    std::vector<InboxConfig> inboxes_;
    std::chrono::milliseconds settle_;
    std::chrono::milliseconds stable_;
    InboxEvents events_;
    int fd_ = -1;
    std::unique_ptr<boost::asio::posix::stream_descriptor> stream_;
    std::vector<char> buffer_;
    std::unordered_map<int, WatchedDir> dirs_;
    std::unordered_map<std::string, Pending> pending_;
    boost::asio::steady_timer sweep_timer_;
    bool sweep_armed_ = false;
    std::vector<std::unique_ptr<boost::asio::steady_timer>> poll_timers_;
    // Poll mode: the stamp of every file at the last scan, to notice new and changed files.
    std::vector<std::unordered_map<std::string, FileStamp>> poll_snapshots_;
    bool stopped_ = false;
};

}  // namespace gongwen
