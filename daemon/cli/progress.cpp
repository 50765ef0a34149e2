#include "cli/progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>

namespace gongwen {

namespace {

std::string duration_text(double seconds) {
    char buf[32];
    const auto s = static_cast<long>(seconds + 0.5);
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

int terminal_columns() {
    winsize ws{};
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 80;
}

}  // namespace

Progress::Progress(std::string label, std::size_t total, std::ostream& out, Style style)
    : label_(std::move(label)),
      total_(total),
      out_(out),
      bar_(style == Style::bar || (style == Style::automatic && isatty(STDERR_FILENO))) {}

Progress::~Progress() {
    finish();
}

void Progress::advance(bool failed) {
    std::lock_guard lock(mutex_);
    ++done_;
    if (failed) ++failed_;
    if (bar_) {
        const auto now = std::chrono::steady_clock::now();
        if (now - last_draw_ >= std::chrono::milliseconds(100) || done_ == total_) {
            last_draw_ = now;
            draw_bar(false);
        }
        return;
    }
    if (total_ == 0) return;
    const std::size_t percent = done_ * 100 / total_;
    if (percent >= next_line_percent_ && done_ < total_) {
        out_ << label_ << ": " << done_ << "/" << total_ << " (" << percent << "%)"
             << (failed_ ? ", " + std::to_string(failed_) + " failed" : "") << "\n"
             << std::flush;
        next_line_percent_ = percent / 10 * 10 + 10;
    }
}

void Progress::note(const std::string& message) {
    std::lock_guard lock(mutex_);
    if (bar_) out_ << "\r\x1b[K";
    out_ << message << "\n";
    if (bar_ && !finished_) draw_bar(false);
    out_ << std::flush;
}

void Progress::draw_bar(bool final) {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0;
    const double shown = final || rate <= 0 ? elapsed : static_cast<double>(total_ - done_) / rate;
    char buf[96];
    std::snprintf(buf, sizeof buf, " %zu/%zu %3zu%%  %.1f/s  %s %s", done_, total_,
                  total_ ? done_ * 100 / total_ : 100, rate, final ? "took" : "left",
                  duration_text(shown).c_str());
    std::string stats = buf;
    if (failed_) stats += ", " + std::to_string(failed_) + " failed";
    const int room = terminal_columns() - static_cast<int>(label_.size() + 3 + stats.size());
    const std::size_t cells = room > 10 ? static_cast<std::size_t>(std::min(room, 40)) : 10;
    const std::size_t filled = total_ ? cells * done_ / total_ : cells;
    std::string bar;
    for (std::size_t i = 0; i < cells; ++i) bar += i < filled ? "█" : "░";
    out_ << "\r\x1b[K" << label_ << " " << bar << stats << (final ? "\n" : "") << std::flush;
}

void Progress::finish() {
    std::lock_guard lock(mutex_);
    if (finished_) return;
    finished_ = true;
    if (bar_) {
        draw_bar(true);
        return;
    }
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    out_ << label_ << ": " << done_ << "/" << total_ << " done in " << duration_text(elapsed)
         << (failed_ ? ", " + std::to_string(failed_) + " failed" : "") << "\n"
         << std::flush;
}

}  // namespace gongwen
