#include <spdlog/spdlog.h>

#include <iostream>

#include "chain/chain.hpp"
#include "chain/chain_runner.hpp"
#include "cli/command_errors.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/read_only_database.hpp"
#include "config/daemon_config.hpp"
#include "store/database.hpp"
#include "store/document_store.hpp"

namespace gongwen {

int export_command(const ExportOptions& options) {
    return report_errors([&] {
        const DaemonConfig config = load_config(find_config(options.config));
        setup_logging(config.log_level == "info" ? "warn" : config.log_level);
        if (options.out.empty()) throw UsageError("export: --out DIR is required");
        const std::filesystem::path out = std::filesystem::absolute(options.out);
        std::filesystem::create_directories(out);

        // The exporter's own [plugins.<format>] table applies, except that --out wins over
        // its `dir`.
        auto tables = config.plugin_tables;
        if (auto t = tables.find(options.format); t != tables.end() && t->second.contains("dir"))
            t->second.set("dir", out.string(), t->second.line_of("dir"));
        const Chain chain =
            Chain::load({{options.format}, config.plugin_dirs, tables, config.file, out});
        ChainRunner runner(chain);

        const auto database = open_read_only(config);
        Database& db = *database;
        std::vector<std::int64_t> ids;
        auto st = db.prepare("SELECT id FROM documents ORDER BY id");
        while (st.step()) ids.push_back(st.int64(0));

        DocumentStore store(db);
        Progress progress("export " + options.format, ids.size(), std::cerr);
        std::size_t failed = 0;
        for (const std::int64_t id : ids) {
            auto doc = store.load(id);
            if (!doc) {
                progress.advance();  // removed since the list was read: nothing to export
                continue;
            }
            if (auto failure = runner.run(*doc)) {
                ++failed;
                progress.note("gongwen: document " + std::to_string(id) + " (" + doc->source.path +
                              "): " + failure->plugin + ": " + failure->message);
                progress.advance(true);
                continue;
            }
            progress.advance();
        }
        progress.finish();
        std::cout << "Exported " << ids.size() - failed << " of " << ids.size() << " document"
                  << (ids.size() == 1 ? "" : "s") << " with " << chain.signature() << " to "
                  << out.string() << "\n";
        return failed ? 1 : 0;
    });
}

}  // namespace gongwen
