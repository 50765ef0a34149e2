// The daemon's control socket: a Unix socket on which a client writes one request line
// ("status") and reads one JSON reply. `gongwen status` uses it to show the live daemon.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>

namespace gongwen {

class ControlServer {
  public:
    using Handler = std::function<std::string(const std::string& request)>;

    // Listens at `path` (a stale socket left by a crash is replaced; a live one is an error).
    ControlServer(boost::asio::io_context& io, std::filesystem::path path, Handler handler);
    ~ControlServer();

  private:
    void accept();

    std::filesystem::path path_;
    Handler handler_;
    boost::asio::local::stream_protocol::acceptor acceptor_;
};

// Asks a running daemon; returns its reply, or nothing when no daemon listens at `path`.
std::optional<std::string> ask_daemon(const std::filesystem::path& path,
                                      const std::string& request);

}  // namespace gongwen
