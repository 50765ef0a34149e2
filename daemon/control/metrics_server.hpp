// The opt-in Prometheus endpoint: plain HTTP (Boost.Beast) on a local address, GET /metrics.
#pragma once

#include <functional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace gongwen {

class MetricsServer {
  public:
    using Render = std::function<std::string()>;

    // `listen` is "host:port", e.g. "127.0.0.1:9464". Throws std::runtime_error when it
    // cannot be parsed or bound.
    MetricsServer(boost::asio::io_context& io, const std::string& listen, Render render);
    unsigned short port() const { return acceptor_.local_endpoint().port(); }

  private:
    void accept();

    Render render_;
    boost::asio::ip::tcp::acceptor acceptor_;
};

}  // namespace gongwen
