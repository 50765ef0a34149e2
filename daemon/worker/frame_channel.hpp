// Length-prefixed frames over a Unix stream socket, for the daemon ⇄ worker protocol.
// Every operation has a deadline: a worker that stops answering cannot block the daemon.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>

namespace gongwen {

enum class FrameStatus { ok, closed, timed_out, too_large };

class FrameChannel {
  public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::uint32_t max_frame = 1u << 30;

    // Takes ownership of a connected AF_UNIX stream socket.
    explicit FrameChannel(int fd);
    ~FrameChannel();
    FrameChannel(const FrameChannel&) = delete;
    FrameChannel& operator=(const FrameChannel&) = delete;

    FrameStatus write(const std::string& payload, Clock::time_point deadline);
    FrameStatus read(std::string& payload, Clock::time_point deadline);
    void close();

  private:
    // Runs the pending operation until it completes or the deadline passes; on timeout the
    // operation is cancelled and drained, so no handler outlives the call.
    bool complete_by(bool& done, Clock::time_point deadline);

    boost::asio::io_context io_;
    boost::asio::local::stream_protocol::socket socket_;
};

}  // namespace gongwen
