#include "control/metrics_server.hpp"

#include <spdlog/spdlog.h>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>

namespace gongwen {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

namespace {

tcp::endpoint parse_listen(const std::string& listen) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos)
        throw std::runtime_error("daemon.metrics_listen: \"" + listen + "\" is not host:port");
    std::string host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(host, ec);
    int port = 0;
    try {
        port = std::stoi(listen.substr(colon + 1));
    } catch (...) {
        port = -1;
    }
    if (ec || port < 0 || port > 65535)
        throw std::runtime_error("daemon.metrics_listen: \"" + listen +
                                 "\" is not an IP address and port");
    if (!address.is_loopback())
        spdlog::warn(
            "metrics endpoint on {}: not a loopback address, anyone on the network "
            "can read it",
            listen);
    return {address, static_cast<unsigned short>(port)};
}

class HttpSession : public std::enable_shared_from_this<HttpSession> {
  public:
    HttpSession(tcp::socket socket, const MetricsServer::Render& render)
        : stream_(std::move(socket)), render_(render) {}

    void start() {
        stream_.expires_after(std::chrono::seconds(10));
        http::async_read(stream_, buffer_, request_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             if (!ec) self->respond();
                         });
    }

  private:
    void respond() {
        response_.version(request_.version());
        response_.keep_alive(false);
        if (request_.method() == http::verb::get && request_.target() == "/metrics") {
            response_.result(http::status::ok);
            response_.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
            response_.body() = render_();
        } else {
            response_.result(http::status::not_found);
            response_.set(http::field::content_type, "text/plain");
            response_.body() = "gongwen serves only GET /metrics\n";
        }
        response_.prepare_payload();
        http::async_write(stream_, response_,
                          [self = shared_from_this()](beast::error_code, std::size_t) {
                              beast::error_code ignored;
                              self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
                          });
    }

    beast::tcp_stream stream_;
    const MetricsServer::Render& render_;
    beast::flat_buffer buffer_;
    http::request<http::string_body> request_;
    http::response<http::string_body> response_;
};

}  // namespace

MetricsServer::MetricsServer(boost::asio::io_context& io, const std::string& listen, Render render)
    : render_(std::move(render)), acceptor_(io) {
    const tcp::endpoint endpoint = parse_listen(listen);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    boost::system::error_code ec;
    acceptor_.bind(endpoint, ec);
    if (ec) throw std::runtime_error("metrics endpoint " + listen + ": " + ec.message());
    acceptor_.listen();
    accept();
}

void MetricsServer::accept() {
    acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
        if (ec == boost::asio::error::operation_aborted) return;
        if (!ec) std::make_shared<HttpSession>(std::move(socket), render_)->start();
        accept();
    });
}

}  // namespace gongwen
