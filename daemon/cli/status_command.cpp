#include <boost/json.hpp>
#include <iomanip>
#include <iostream>

#include "cli/commands.hpp"
#include "config/daemon_config.hpp"
#include "control/control_server.hpp"
#include "ledger/ledger.hpp"
#include "store/database.hpp"

namespace gongwen {

namespace json = boost::json;

namespace {

void print_live(const json::object& live) {
    std::cout << "\ndaemon      running, pid " << live.at("pid").as_int64() << ", up "
              << live.at("uptime_s").to_number<std::int64_t>() << " s, "
              << live.at("state").as_string().c_str() << "\n"
              << "chain       " << live.at("chain").as_string().c_str() << "\n"
              << "rate        " << std::fixed << std::setprecision(0)
              << live.at("rate_per_minute").to_number<double>() << " files/min over the last "
              << "minute; " << live.at("settling").to_number<std::int64_t>()
              << " file(s) still being written\n";
    std::cout << "workers:\n";
    for (const auto& v : live.at("workers").as_array()) {
        const auto& w = v.as_object();
        std::cout << "  pid " << std::setw(7) << w.at("pid").as_int64() << "  ";
        if (w.at("busy").as_bool())
            std::cout << "busy   " << w.at("plugin").as_string().c_str() << " on "
                      << w.at("document").as_string().c_str();
        else
            std::cout << "idle";
        if (const auto r = w.at("restarts").to_number<std::int64_t>())
            std::cout << "  (" << r << " restarts)";
        std::cout << "\n";
    }
}

}  // namespace

int status_command(const StatusOptions& options) {
    DaemonConfig config;
    try {
        config = load_config(find_config(options.config));
    } catch (const ConfigFileError& e) {
        std::cerr << "gongwen: " << e.what() << "\n";
        return 2;
    }
    std::optional<json::object> live;
    if (!config.control_socket.empty())
        if (auto reply = ask_daemon(config.control_socket, "status")) {
            json::error_code ec;
            auto v = json::parse(*reply, ec);
            if (!ec && v.is_object()) live = v.as_object();
        }
    if (!std::filesystem::exists(config.database)) {
        std::cout << "No database at " << config.database.string()
                  << " yet: the daemon has not run with this config.\n";
        return 0;
    }
    try {
        Database db(config.database, Database::Mode::read_only);
        Ledger ledger(db);
        const LedgerCounts c = ledger.counts();
        const auto failures = ledger.recent_failures(options.failures);
        const std::int64_t last_minute = ledger.finished_within(60);
        const std::int64_t last_hour = ledger.finished_within(3600);
        auto q = db.prepare(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM metrics), "
            "(SELECT count(*) FROM runs), (SELECT max(started) FROM runs)");
        q.step();
        const std::int64_t documents = q.int64(0), metrics = q.int64(1), runs = q.int64(2);
        const std::string last_run = q.is_null(3) ? "never" : q.text(3);

        if (options.format == "json") {
            json::array fails;
            for (const auto& f : failures)
                fails.push_back({{"path", f.path}, {"error", f.error}, {"when", f.when}});
            json::object o{{"database", config.database.string()},
                           {"files",
                            {{"seen", c.seen},
                             {"queued", c.queued},
                             {"processing", c.processing},
                             {"done", c.done},
                             {"failed", c.failed}}},
                           {"backlog", c.queued + c.processing},
                           {"finished_last_minute", last_minute},
                           {"finished_last_hour", last_hour},
                           {"documents", documents},
                           {"metrics", metrics},
                           {"runs", runs},
                           {"last_run", last_run},
                           {"recent_failures", std::move(fails)},
                           {"daemon", live ? json::value(*live) : json::value(nullptr)}};
            std::cout << json::serialize(o) << "\n";
            return 0;
        }
        std::cout << "database    " << config.database.string() << "\n"
                  << "files       " << c.done << " done, " << c.failed << " failed, " << c.queued
                  << " queued, " << c.processing << " processing, " << c.seen << " being written\n"
                  << "backlog     " << c.queued + c.processing << "; finished " << last_minute
                  << " in the last minute, " << last_hour << " in the last hour\n"
                  << "documents   " << documents << " (" << metrics << " metrics)\n"
                  << "runs        " << runs << ", last at " << last_run << "\n";
        if (live)
            print_live(*live);
        else
            std::cout << "\ndaemon      not running (nothing answers on "
                      << config.control_socket.string() << ")\n";
        if (!failures.empty()) {
            std::cout << "\nrecent failures:\n";
            for (const auto& f : failures)
                std::cout << "  " << f.when << "  " << f.path << "\n      " << f.error << "\n";
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "gongwen: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace gongwen
