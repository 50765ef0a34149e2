#include "control/control_server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <memory>
#include <optional>

namespace gongwen {

namespace local = boost::asio::local;

namespace {

constexpr std::size_t max_request = 4096;

class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(local::stream_protocol::socket socket, const ControlServer::Handler& handler)
        : socket_(std::move(socket)), handler_(handler), request_(max_request) {}

    void start() {
        boost::asio::async_read_until(
            socket_, request_, '\n',
            [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                if (ec) return;
                std::string line(boost::asio::buffers_begin(self->request_.data()),
                                 boost::asio::buffers_begin(self->request_.data()) + n - 1);
                self->reply_ = self->handler_(line) + "\n";
                boost::asio::async_write(self->socket_, boost::asio::buffer(self->reply_),
                                         [self](boost::system::error_code, std::size_t) {});
            });
    }

  private:
    local::stream_protocol::socket socket_;
    const ControlServer::Handler& handler_;
    boost::asio::streambuf request_;
    std::string reply_;
};

}  // namespace

ControlServer::ControlServer(boost::asio::io_context& io, std::filesystem::path path,
                             Handler handler)
    : path_(std::move(path)), handler_(std::move(handler)), acceptor_(io) {
    if (ask_daemon(path_, "ping"))
        throw std::runtime_error("control socket " + path_.string() +
                                 ": another gongwen is already running with it");
    std::error_code fec;
    std::filesystem::remove(path_, fec);  // stale, from a daemon that did not stop cleanly
    if (path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path());
    acceptor_.open(local::stream_protocol());
    acceptor_.bind(local::stream_protocol::endpoint(path_.string()));
    // Members of the service's group may ask for status whatever the umask.
    std::filesystem::permissions(
        path_,
        std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
            std::filesystem::perms::group_read | std::filesystem::perms::group_write,
        std::filesystem::perm_options::replace, fec);
    acceptor_.listen();
    accept();
}

ControlServer::~ControlServer() {
    boost::system::error_code ec;
    acceptor_.close(ec);
    std::error_code fec;
    std::filesystem::remove(path_, fec);
}

void ControlServer::accept() {
    acceptor_.async_accept([this](boost::system::error_code ec, local::stream_protocol::socket s) {
        if (ec == boost::asio::error::operation_aborted) return;
        if (!ec) std::make_shared<Session>(std::move(s), handler_)->start();
        accept();
    });
}

std::optional<std::string> ask_daemon(const std::filesystem::path& path,
                                      const std::string& request) {
    boost::asio::io_context io;
    local::stream_protocol::socket socket(io);
    boost::system::error_code ec;
    socket.connect(local::stream_protocol::endpoint(path.string()), ec);
    if (ec) return std::nullopt;
    boost::asio::write(socket, boost::asio::buffer(request + "\n"), ec);
    if (ec) return std::nullopt;
    boost::asio::streambuf reply;
    boost::asio::read_until(socket, reply, '\n', ec);
    if (ec && ec != boost::asio::error::eof) return std::nullopt;
    std::string out(boost::asio::buffers_begin(reply.data()),
                    boost::asio::buffers_end(reply.data()));
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

}  // namespace gongwen
