#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <iostream>
#include <thread>

#include "chain/chain.hpp"
#include "chain/chain_runner.hpp"
#include "cli/command_errors.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "config/daemon_config.hpp"
#include "store/database.hpp"
#include "store/document_lookup.hpp"
#include "store/document_store.hpp"

namespace gongwen {

namespace {

struct Reprocessing {
    const DaemonConfig& config;
    const Chain& chain;
    const std::string signature;
    const std::vector<std::int64_t>& ids;
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> failed{0};
    Progress& progress;
};

// One document: the chain again on its stored raw bytes, then its rows replaced in one
// transaction (DocumentStore::save keys on the SHA-256, so the id stays and nothing is
// duplicated). A failure leaves the stored rows as they were and is recorded as a run.
bool reprocess_one(std::int64_t id, Reprocessing& job, DocumentStore& store, Database& db,
                   ChainRunner& runner) {
    const auto stored = store.load(id);
    if (!stored) return true;  // removed meanwhile: nothing to redo
    Document doc;
    doc.source = stored->source;
    doc.bytes = stored->bytes;

    RunRecord run;
    run.document_id = id;
    run.chain = job.signature;
    run.started = utc_now_iso8601();
    const auto t0 = std::chrono::steady_clock::now();
    const auto failure = runner.run(doc);
    run.micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    boost::json::object micros;
    for (const auto& step : doc.chain) micros[step.plugin] = step.micros;
    run.plugin_micros = boost::json::serialize(micros);

    Transaction tx(db);
    if (failure) {
        run.outcome = "failed";
        run.failed_plugin = failure->plugin;
        run.error = failure->message;
        store.record_run(run);
        tx.commit();
        job.progress.note("gongwen: document " + std::to_string(id) + " (" + doc.source.path +
                          "): failed in " + failure->plugin + ": " + failure->message +
                          "; its stored rows are kept");
        return false;
    }
    run.document_id = store.save(doc, job.signature);
    run.outcome = "done";
    store.record_run(run);
    tx.commit();
    return true;
}

void work(Reprocessing& job) {
    Database db(job.config.database);
    DocumentStore store(db);
    ChainRunner runner(job.chain);
    for (std::size_t i = job.next++; i < job.ids.size(); i = job.next++) {
        bool ok = false;
        try {
            ok = reprocess_one(job.ids[i], job, store, db, runner);
        } catch (const std::exception& e) {
            job.progress.note("gongwen: document " + std::to_string(job.ids[i]) + ": " + e.what());
        }
        if (!ok) ++job.failed;
        job.progress.advance(!ok);
    }
}

}  // namespace

int reprocess_command(const ReprocessOptions& options) {
    return report_errors([&] {
        const DaemonConfig config = load_config(find_config(options.config));
        setup_logging(config.log_level == "info" ? "warn" : config.log_level);
        if (options.all == !options.documents.empty())
            throw UsageError("reprocess: name the documents to reprocess, or --all");
        if (config.chain.empty())
            throw ConfigFileError(config.file.string() + ": chain.plugins is empty");

        Database db(config.database);  // read-write: this also brings the schema up to date
        std::vector<std::int64_t> ids;
        if (options.all) {
            auto st = db.prepare("SELECT id FROM documents ORDER BY id");
            while (st.step()) ids.push_back(st.int64(0));
        } else {
            for (const auto& ref : options.documents) ids.push_back(find_document(db, ref));
            std::sort(ids.begin(), ids.end());
            ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        }

        const Chain chain = Chain::load({config.chain, config.plugin_dirs, config.plugin_tables,
                                         config.file, config.output_dir});
        {
            ChainRunner probe(chain);  // a plugin refusing its config stops us before any work
        }
        std::size_t jobs = options.jobs > 0 ? static_cast<std::size_t>(options.jobs)
                                            : static_cast<std::size_t>(std::max(1, config.workers));
        jobs = std::max<std::size_t>(1, std::min(jobs, ids.size()));

        Progress progress("reprocess", ids.size(), std::cerr);
        Reprocessing job{config, chain, chain.signature(), ids, {}, {}, progress};
        {
            std::vector<std::jthread> threads;
            for (std::size_t t = 0; t < jobs; ++t) threads.emplace_back([&job] { work(job); });
        }
        progress.finish();
        const std::size_t failed = job.failed;
        std::cout << "Reprocessed " << ids.size() - failed << " of " << ids.size() << " document"
                  << (ids.size() == 1 ? "" : "s") << " with " << job.signature << "\n";
        return failed ? 1 : 0;
    });
}

}  // namespace gongwen
