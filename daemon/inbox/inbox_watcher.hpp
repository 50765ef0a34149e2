// Watches the inbox folders (inotify through Asio) and reports each file once it is complete:
// closed after writing or moved in, and then unchanged in size and mtime for the settle time.
// Files already present at start-up go through the same settle check.
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

struct ReadyFile {
    std::filesystem::path path;
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
};

class InboxWatcher {
  public:
    using Callback = std::function<void(const ReadyFile&)>;

    InboxWatcher(boost::asio::io_context& io, std::vector<InboxConfig> inboxes,
                 std::chrono::milliseconds settle, Callback on_ready);
    ~InboxWatcher();

    // Creates missing inbox folders, watches them, and considers every file already there.
    void start();
    void stop();
    std::size_t watched_folders() const { return dirs_.size(); }

  private:
    struct WatchedDir {
        std::filesystem::path path;
        std::size_t inbox;
    };
    struct Pending {
        std::unique_ptr<boost::asio::steady_timer> timer;
        std::uint64_t size = 0;
        std::int64_t mtime_ns = 0;
        std::size_t inbox = 0;
    };

    void add_tree(const std::filesystem::path& dir, std::size_t inbox);
    void read_events();
    void handle_event(int wd, std::uint32_t mask, const std::string& name);
    void consider(const std::filesystem::path& file, std::size_t inbox);
    void arm(const std::string& key);
    void settled(const std::string& key);
    bool ignored(const std::string& name, std::size_t inbox) const;
    void rescan();

    boost::asio::io_context& io_;
    std::vector<InboxConfig> inboxes_;
    std::chrono::milliseconds settle_;
    Callback on_ready_;
    int fd_ = -1;
    std::unique_ptr<boost::asio::posix::stream_descriptor> stream_;
    std::vector<char> buffer_;
    std::unordered_map<int, WatchedDir> dirs_;
    std::unordered_map<std::string, Pending> pending_;
    bool stopped_ = false;
};

}  // namespace gongwen
