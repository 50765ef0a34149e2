// Talks to systemd when run as a Type=notify service (NOTIFY_SOCKET set): READY once the
// inboxes are watched, STATUS with the queue and rate, WATCHDOG pings from the event loop
// (so a stuck loop stops them and systemd restarts the service), RELOADING and STOPPING.
// Without NOTIFY_SOCKET every call is a no-op.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace gongwen {

class SystemdNotifier {
  public:
    using Status = std::function<std::string()>;

    SystemdNotifier(boost::asio::io_context& io, Status status);
    void ready();
    void reloading();
    void stopping();
    void status(const std::string& text);

  private:
    void tick();

    boost::asio::steady_timer timer_;
    Status status_;
    std::chrono::microseconds watchdog_{0};
    bool active_ = false;
};

}  // namespace gongwen
