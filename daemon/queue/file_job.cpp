#include "queue/file_job.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <chrono>

#include "archive/archive_format.hpp"
#include "archive/archive_reader.hpp"
#include "control/journal_sink.hpp"
#include "inbox/disposal.hpp"
#include "inbox/file_document.hpp"
#include "inbox/sha256.hpp"

namespace gongwen {

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t micros_since(Clock::time_point t0) {
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count();
}

std::string plugin_micros_json(const Document& doc) {
    boost::json::object o;
    for (const auto& step : doc.chain) o[step.plugin] = step.micros;
    return boost::json::serialize(o);
}

std::string describe(const std::optional<std::string>& member, const FileEntry& entry) {
    return member ? entry.path.string() + "!/" + *member : entry.path.string();
}

// Runs the documents of one file and keeps the tally.
class FileRun {
  public:
    FileRun(const FileEntry& entry, Worker& w, ContentClaims* claims)
        : entry_(entry), w_(w), claims_(claims) {}

    // Processes one document. Returns false when the file must stop here (retry later).
    // `sha256` of the bytes when already known.
    bool document(std::optional<std::string> member, std::string bytes, std::string sha256 = {}) {
        const auto t0 = Clock::now();
        Document doc;
        doc.source.path = entry_.path.string();
        doc.source.member = member;
        doc.source.bytes = bytes.size();
        doc.source.sha256 = sha256.empty() ? sha256_hex(bytes) : std::move(sha256);
        doc.bytes = std::move(bytes);

        RunRecord run;
        run.file_id = entry_.id;
        run.member = member.value_or("");
        run.chain = w_.chain_signature;
        run.started = utc_now_iso8601();
        MemberOutcome outcome{member.value_or(""), std::nullopt, "", ""};

        std::optional<ContentClaims::Claim> claim;
        if (claims_) claim.emplace(*claims_, doc.source.sha256);
        if (auto existing = w_.store.find_by_sha256(doc.source.sha256)) {
            run.document_id = outcome.document_id = *existing;
            run.outcome = outcome.outcome = "duplicate";
            run.micros = micros_since(t0);
            commit(run, outcome, nullptr);
            last_document_ = *existing;
            ++duplicates_;
            spdlog::info("{}: same content as document {}, linked", describe(member, entry_),
                         *existing);
            return true;
        }

        const ChainResult result = w_.executor->run(doc);
        steps_.insert(steps_.end(), doc.chain.begin(), doc.chain.end());
        run.plugin_micros = plugin_micros_json(doc);
        run.micros = micros_since(t0);
        if (result.failure && result.retryable) {
            retry_reason_ = "in " + result.failure->plugin + ": " + result.failure->message;
            return false;
        }
        if (result.failure) {
            run.outcome = outcome.outcome = "failed";
            run.failed_plugin = result.failure->plugin;
            run.error = outcome.error = result.failure->message;
            commit(run, outcome, nullptr);
            ++failed_;
            if (first_error_.empty())
                first_error_ = (member ? *member + ": " : std::string()) + "failed in " +
                               result.failure->plugin + ": " + result.failure->message;
            if (member)  // a plain file's failure is logged once, for the file
                spdlog::error("{}: failed in {}: {}", describe(member, entry_),
                              result.failure->plugin, result.failure->message);
            return true;
        }
        run.outcome = outcome.outcome = "done";
        const auto stored_from = Clock::now();
        commit(run, outcome, &doc);
        ++done_;
        spdlog::info("{}: done as document {} ({} sections, {} metrics, chain {} ms, store {} ms)",
                     describe(member, entry_), last_document_, doc.sections.size(),
                     doc.metrics.size(), run.micros / 1000, micros_since(stored_from) / 1000);
        return true;
    }

    // A member the archive reader refused (bomb, traversal …): recorded, not processed.
    void skipped(const std::string& member, const std::string& reason) {
        w_.ledger.record_member(entry_.id, {member, std::nullopt, "skipped", reason});
        ++skipped_;
        if (first_error_.empty()) first_error_ = (member.empty() ? "" : member + ": ") + reason;
        spdlog::warn("{}: skipped {}: {}", entry_.path.string(), member, reason);
    }

    std::vector<ChainStep>& steps() { return steps_; }
    int done() const { return done_; }
    int duplicates() const { return duplicates_; }
    int failed() const { return failed_ + skipped_; }
    const std::string& retry_reason() const { return retry_reason_; }
    const std::string& first_error() const { return first_error_; }
    std::optional<std::int64_t> last_document() const {
        return last_document_ ? std::optional<std::int64_t>(last_document_) : std::nullopt;
    }

  private:
    void commit(RunRecord& run, MemberOutcome& outcome, const Document* doc) {
        Transaction tx(w_.db);
        if (doc) {
            last_document_ = w_.store.save(*doc, w_.chain_signature);
            run.document_id = outcome.document_id = last_document_;
        }
        w_.store.record_run(run);
        w_.ledger.record_member(entry_.id, outcome);
        tx.commit();
    }

    const FileEntry& entry_;
    Worker& w_;
    ContentClaims* claims_;
    int done_ = 0, duplicates_ = 0, failed_ = 0, skipped_ = 0;
    std::int64_t last_document_ = 0;
    std::string retry_reason_, first_error_;
    std::vector<ChainStep> steps_;
};

void fail_file(const FileEntry& entry, Worker& w, const JobSettings& s, const std::string& sha,
               const std::string& error) {
    {
        Transaction tx(w.db);
        w.ledger.mark_failed(entry.id, sha, error);
        tx.commit();
    }
    spdlog::error("{}: failed: {}", entry.path.string(), error);
    dispose_finished(entry, true, error_report_json(entry, sha, error), s.inboxes, w.ledger);
}

}  // namespace

std::string error_report_json(const FileEntry& entry, const std::string& sha256,
                              const std::string& error) {
    boost::json::object o{
        {"file", entry.path.string()},
        {"error", error},
        {"attempts", entry.attempts},
        {"sha256", sha256.empty() ? boost::json::value(nullptr) : boost::json::value(sha256)},
        {"failed_at", utc_now_iso8601()}};
    return boost::json::serialize(o) + "\n";
}

void dispose_finished(const FileEntry& entry, bool failed, const std::string& error_json,
                      const std::vector<InboxConfig>& inboxes, Ledger& ledger) {
    const InboxConfig* inbox = inbox_of(entry.path, inboxes);
    if (!inbox) return;  // not below an inbox any more (config changed): leave it be
    try {
        const auto moved = failed ? dispose_failed(entry.path, *inbox, error_json)
                                  : dispose_done(entry.path, *inbox);
        if (moved) {
            ledger.set_moved_to(entry.id, *moved);
            spdlog::info("{}: moved to {}", entry.path.string(), moved->string());
        }
    } catch (const std::exception& e) {
        // The result is stored; only the tidying failed. Say so and leave the file where it is.
        spdlog::error("{}: {}", entry.path.string(), e.what());
    }
}

JobReport run_file_job(const FileEntry& entry, Worker& w, const JobSettings& s) {
    const LogFileScope log_scope(entry.path);
    std::vector<ChainStep> steps;
    auto report = [&](JobOutcome outcome) { return JobReport{outcome, std::move(steps)}; };
    try {
        std::string bytes, sha;
        try {
            Document file = document_from_file(entry.path);
            bytes = std::move(file.bytes);
            sha = std::move(file.source.sha256);
        } catch (const FileReadError& e) {
            fail_file(entry, w, s, "", e.what());
            return report(JobOutcome::failed);
        }

        FileRun run(entry, w, s.claims);
        bool finished = true;
        if (sniff_archive(bytes)) {
            // Each member is a document of its own; the archive is never written to disk.
            struct StopReading {};
            try {
                const ArchiveReadSummary summary =
                    read_archive(bytes, entry.path.filename().string(), s.archive_limits,
                                 [&](const ArchiveMember& m) {
                                     if (!run.document(std::string(m.path), std::string(m.bytes)))
                                         throw StopReading{};
                                 });
                for (const auto& problem : summary.problems)
                    run.skipped(problem.member, problem.reason);
            } catch (const StopReading&) {
                finished = false;
            }
        } else {
            finished = run.document(std::nullopt, std::move(bytes), sha);
        }
        steps = std::move(run.steps());

        if (!finished) {
            if (entry.attempts < s.max_attempts) {
                w.ledger.requeue(entry.id, run.retry_reason());
                spdlog::warn("{}: attempt {} of {} failed {}; queued again", entry.path.string(),
                             entry.attempts, s.max_attempts, run.retry_reason());
                return report(JobOutcome::retry);
            }
            fail_file(entry, w, s, sha,
                      "gave up after " + std::to_string(entry.attempts) +
                          " attempts: " + run.retry_reason());
            return report(JobOutcome::failed);
        }
        if (run.done() + run.duplicates() == 0) {
            fail_file(entry, w, s, sha,
                      run.first_error().empty() ? "no documents in file" : run.first_error());
            return report(JobOutcome::failed);
        }
        std::string note;
        if (run.failed())
            note = std::to_string(run.failed()) +
                   " member(s) not processed; first: " + run.first_error();
        {
            Transaction tx(w.db);
            w.ledger.mark_done(entry.id, sha, run.last_document(), note);
            tx.commit();
        }
        dispose_finished(entry, false, "", s.inboxes, w.ledger);
        return report(run.done() ? JobOutcome::done : JobOutcome::duplicate);
    } catch (const std::exception& e) {
        // The store itself failed (disk full, database locked for too long). Record the
        // failure if the database still takes writes; if not, the entry stays "processing"
        // and the next start queues it again.
        spdlog::error("{}: could not record the result: {}", entry.path.string(), e.what());
        try {
            const std::string error = std::string("store error: ") + e.what();
            if (entry.attempts < s.max_attempts) {
                w.ledger.requeue(entry.id, error);
                return report(JobOutcome::retry);
            }
            w.ledger.mark_failed(entry.id, "", error);
        } catch (...) {
        }
        return report(JobOutcome::failed);
    }
}

}  // namespace gongwen
