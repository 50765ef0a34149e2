#include "queue/file_job.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <chrono>

#include "inbox/file_document.hpp"

namespace gongwen {

namespace {

std::string plugin_micros_json(const Document& doc) {
    boost::json::object o;
    for (const auto& step : doc.chain) o[step.plugin] = step.micros;
    return boost::json::serialize(o);
}

void record_failure(const FileEntry& entry, Worker& w, RunRecord run, const std::string& sha256,
                    const std::string& plugin, const std::string& error) {
    run.outcome = "failed";
    run.failed_plugin = plugin;
    run.error = error;
    Transaction tx(w.db);
    w.store.record_run(run);
    w.ledger.mark_failed(entry.id, sha256, error);
    tx.commit();
    spdlog::error("{}: failed{}: {}", entry.path.string(), plugin.empty() ? "" : " in " + plugin,
                  error);
}

}  // namespace

JobOutcome run_file_job(const FileEntry& entry, Worker& w) {
    const auto t0 = std::chrono::steady_clock::now();
    RunRecord run;
    run.file_id = entry.id;
    run.chain = w.chain_signature;
    run.started = utc_now_iso8601();
    auto elapsed = [&] {
        return std::chrono::duration_cast<std::chrono::microseconds>(
                   std::chrono::steady_clock::now() - t0)
            .count();
    };

    try {
        Document doc;
        try {
            doc = document_from_file(entry.path);
        } catch (const FileReadError& e) {
            run.micros = elapsed();
            record_failure(entry, w, run, "", "", e.what());
            return JobOutcome::failed;
        }

        if (auto existing = w.store.find_by_sha256(doc.source.sha256)) {
            run.document_id = *existing;
            run.outcome = "duplicate";
            run.micros = elapsed();
            Transaction tx(w.db);
            w.store.record_run(run);
            w.ledger.mark_done(entry.id, doc.source.sha256, *existing);
            tx.commit();
            spdlog::info("{}: same content as document {}, linked", entry.path.string(), *existing);
            return JobOutcome::duplicate;
        }

        auto failure = w.runner.run(doc);
        run.plugin_micros = plugin_micros_json(doc);
        run.micros = elapsed();
        if (failure) {
            record_failure(entry, w, run, doc.source.sha256, failure->plugin, failure->message);
            return JobOutcome::failed;
        }

        Transaction tx(w.db);
        const std::int64_t id = w.store.save(doc, w.chain_signature);
        run.document_id = id;
        run.outcome = "done";
        w.store.record_run(run);
        w.ledger.mark_done(entry.id, doc.source.sha256, id);
        tx.commit();
        spdlog::info("{}: done as document {} ({} sections, {} metrics, {} ms)",
                     entry.path.string(), id, doc.sections.size(), doc.metrics.size(),
                     run.micros / 1000);
        return JobOutcome::done;
    } catch (const std::exception& e) {
        // The store itself failed (disk full, database locked for too long). Record the failure
        // if the database still takes writes; if not, the file stays "processing" in the
        // ledger and the next start queues it again.
        spdlog::error("{}: could not record the result: {}", entry.path.string(), e.what());
        try {
            record_failure(entry, w, run, "", "", std::string("store error: ") + e.what());
        } catch (...) {
        }
        return JobOutcome::failed;
    }
}

}  // namespace gongwen
