#include "control/systemd_notifier.hpp"

#include <systemd/sd-daemon.h>

#include <unistd.h>

#include <cstdlib>

namespace gongwen {

SystemdNotifier::SystemdNotifier(boost::asio::io_context& io, Status status)
    : timer_(io), status_(std::move(status)) {
    active_ = std::getenv("NOTIFY_SOCKET") != nullptr;
    std::uint64_t usec = 0;
    if (active_ && sd_watchdog_enabled(0, &usec) > 0) watchdog_ = std::chrono::microseconds(usec);
}

void SystemdNotifier::ready() {
    if (!active_) return;
    sd_notifyf(0, "READY=1\nMAINPID=%lu\nSTATUS=%s", static_cast<unsigned long>(getpid()),
               status_().c_str());
    tick();
}

void SystemdNotifier::reloading() {
    if (active_) sd_notify(0, "RELOADING=1");
}

void SystemdNotifier::stopping() {
    if (!active_) return;
    sd_notify(0, "STOPPING=1");
    timer_.cancel();
}

void SystemdNotifier::status(const std::string& text) {
    if (active_) sd_notifyf(0, "STATUS=%s", text.c_str());
}

// Pings at half the watchdog interval (or every 5 s just for STATUS), from the event loop.
void SystemdNotifier::tick() {
    const auto interval = watchdog_.count() > 0
                              ? std::chrono::duration_cast<std::chrono::milliseconds>(watchdog_ / 2)
                              : std::chrono::milliseconds(5000);
    timer_.expires_after(interval);
    timer_.async_wait([this](boost::system::error_code ec) {
        if (ec) return;
        const std::string s = status_();
        if (watchdog_.count() > 0)
            sd_notifyf(0, "WATCHDOG=1\nSTATUS=%s", s.c_str());
        else
            sd_notifyf(0, "STATUS=%s", s.c_str());
        tick();
    });
}

}  // namespace gongwen
