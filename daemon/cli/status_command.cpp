#include <boost/json.hpp>
#include <iomanip>
#include <iostream>

#include "cli/commands.hpp"
#include "config/daemon_config.hpp"
#include "ledger/ledger.hpp"
#include "store/database.hpp"

namespace gongwen {

int status_command(const StatusOptions& options) {
    DaemonConfig config;
    try {
        config = load_config(find_config(options.config));
    } catch (const ConfigFileError& e) {
        std::cerr << "gongwen: " << e.what() << "\n";
        return 2;
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
        auto q = db.prepare(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM metrics), "
            "(SELECT count(*) FROM runs), (SELECT max(started) FROM runs)");
        q.step();
        const std::int64_t documents = q.int64(0), metrics = q.int64(1), runs = q.int64(2);
        const std::string last_run = q.is_null(3) ? "never" : q.text(3);

        if (options.format == "json") {
            boost::json::array fails;
            for (const auto& f : failures)
                fails.push_back({{"path", f.path}, {"error", f.error}, {"when", f.when}});
            boost::json::object o{{"database", config.database.string()},
                                  {"files",
                                   {{"queued", c.queued},
                                    {"processing", c.processing},
                                    {"done", c.done},
                                    {"failed", c.failed}}},
                                  {"documents", documents},
                                  {"metrics", metrics},
                                  {"runs", runs},
                                  {"last_run", last_run},
                                  {"recent_failures", std::move(fails)}};
            std::cout << boost::json::serialize(o) << "\n";
            return 0;
        }
        std::cout << "database    " << config.database.string() << "\n"
                  << "files       " << c.done << " done, " << c.failed << " failed, " << c.queued
                  << " queued, " << c.processing << " processing\n"
                  << "documents   " << documents << " (" << metrics << " metrics)\n"
                  << "runs        " << runs << ", last at " << last_run << "\n";
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
