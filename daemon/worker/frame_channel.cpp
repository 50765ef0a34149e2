#include "worker/frame_channel.hpp"

#include <array>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

namespace gongwen {

FrameChannel::FrameChannel(int fd) : socket_(io_) {
    socket_.assign(boost::asio::local::stream_protocol(), fd);
}

FrameChannel::~FrameChannel() {
    close();
}

void FrameChannel::close() {
    boost::system::error_code ec;
    socket_.close(ec);
}

bool FrameChannel::complete_by(bool& done, Clock::time_point deadline) {
    io_.restart();
    io_.run_until(deadline);
    if (done) return true;
    boost::system::error_code ec;
    socket_.cancel(ec);
    io_.restart();
    io_.run();  // lets the cancelled handler run before its captures go out of scope
    return false;
}

FrameStatus FrameChannel::write(const std::string& payload, Clock::time_point deadline) {
    if (payload.size() > max_frame) return FrameStatus::too_large;
    const auto n = static_cast<std::uint32_t>(payload.size());
    const std::array<unsigned char, 4> header = {
        static_cast<unsigned char>(n), static_cast<unsigned char>(n >> 8),
        static_cast<unsigned char>(n >> 16), static_cast<unsigned char>(n >> 24)};
    const std::array<boost::asio::const_buffer, 2> buffers = {boost::asio::buffer(header),
                                                              boost::asio::buffer(payload)};
    bool done = false;
    boost::system::error_code result;
    boost::asio::async_write(socket_, buffers, [&](boost::system::error_code ec, std::size_t) {
        result = ec;
        done = true;
    });
    if (!complete_by(done, deadline)) return FrameStatus::timed_out;
    return result ? FrameStatus::closed : FrameStatus::ok;
}

FrameStatus FrameChannel::read(std::string& payload, Clock::time_point deadline) {
    std::array<unsigned char, 4> header{};
    bool done = false;
    boost::system::error_code result;
    boost::asio::async_read(socket_, boost::asio::buffer(header),
                            [&](boost::system::error_code ec, std::size_t) {
                                result = ec;
                                done = true;
                            });
    if (!complete_by(done, deadline)) return FrameStatus::timed_out;
    if (result) return FrameStatus::closed;
    const std::uint32_t n = header[0] | (header[1] << 8) | (header[2] << 16) |
                            (static_cast<std::uint32_t>(header[3]) << 24);
    if (n > max_frame) return FrameStatus::too_large;
    payload.assign(n, '\0');
    done = false;
    boost::asio::async_read(socket_, boost::asio::buffer(payload),
                            [&](boost::system::error_code ec, std::size_t) {
                                result = ec;
                                done = true;
                            });
    if (!complete_by(done, deadline)) return FrameStatus::timed_out;
    return result ? FrameStatus::closed : FrameStatus::ok;
}

}  // namespace gongwen
