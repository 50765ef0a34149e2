#include "ledger/ledger.hpp"

namespace gongwen {

namespace {

constexpr const char* now_sql = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

std::optional<std::string> nonempty(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

std::string sql(const std::string& before, const std::string& after) {
    return before + now_sql + after;
}

}  // namespace

void Ledger::note_seen(const std::filesystem::path& path, std::uint64_t size,
                       std::int64_t mtime_ns) {
    Transaction tx(db_);
    auto exact = db_.prepare("SELECT 1 FROM files WHERE path = ? AND size = ? AND mtime_ns = ?");
    exact.bind_all(path.string(), size, mtime_ns);
    if (exact.step()) return;  // already known in this very state: nothing new to note
    auto update = db_.prepare(sql("UPDATE files SET size = ?, mtime_ns = ?, updated = ",
                                  " WHERE path = ? AND state = 'seen'"));
    update.bind_all(size, mtime_ns, path.string()).run();
    if (db_.changes() == 0)
        db_.prepare("INSERT INTO files (path, size, mtime_ns, state) VALUES (?, ?, ?, 'seen')")
            .bind_all(path.string(), size, mtime_ns)
            .run();
    tx.commit();
}

void Ledger::forget_seen(const std::filesystem::path& path) {
    db_.prepare("DELETE FROM files WHERE path = ? AND state = 'seen'").bind(1, path.string()).run();
}

int Ledger::clear_seen() {
    db_.prepare("DELETE FROM files WHERE state = 'seen'").run();
    return db_.changes();
}

RecordResult Ledger::record(const std::filesystem::path& path, std::uint64_t size,
                            std::int64_t mtime_ns) {
    Transaction tx(db_);
    auto exact =
        db_.prepare("SELECT id, state FROM files WHERE path = ? AND size = ? AND mtime_ns = ?");
    exact.bind_all(path.string(), size, mtime_ns);
    if (exact.step()) {
        const std::int64_t id = exact.int64(0);
        const std::string state = exact.text(1);
        if (state == "seen") {
            db_.prepare(sql("UPDATE files SET state = 'queued', updated = ", " WHERE id = ?"))
                .bind(1, id)
                .run();
            tx.commit();
            return {Recorded::queued, id};
        }
        tx.commit();
        if (state == "done") return {Recorded::already_done, id};
        if (state == "failed") return {Recorded::already_failed, id};
        return {Recorded::already_queued, id};
    }
    auto promote =
        db_.prepare(sql("UPDATE files SET size = ?, mtime_ns = ?, state = 'queued', updated = ",
                        " WHERE path = ? AND state = 'seen' RETURNING id"));
    promote.bind_all(size, mtime_ns, path.string());
    std::int64_t id;
    if (promote.step()) {
        id = promote.int64(0);
        promote.reset();
    } else {
        db_.prepare("INSERT INTO files (path, size, mtime_ns, state) VALUES (?, ?, ?, 'queued')")
            .bind_all(path.string(), size, mtime_ns)
            .run();
        id = db_.last_insert_id();
    }
    tx.commit();
    return {Recorded::queued, id};
}

std::optional<FileEntry> Ledger::claim_next() {
    auto st = db_.prepare(
        sql("UPDATE files SET state = 'processing', attempts = attempts + 1, updated = ",
            " WHERE id = (SELECT id FROM files WHERE state = 'queued' ORDER BY id LIMIT 1) "
            "RETURNING id, path, size, mtime_ns, attempts"));
    if (!st.step()) return std::nullopt;
    FileEntry e;
    e.id = st.int64(0);
    e.path = st.text(1);
    e.size = static_cast<std::uint64_t>(st.int64(2));
    e.mtime_ns = st.int64(3);
    e.attempts = static_cast<int>(st.int64(4));
    return e;
}

int Ledger::requeue_interrupted() {
    db_.prepare(sql("UPDATE files SET state = 'queued', updated = ", " WHERE state = 'processing'"))
        .run();
    return db_.changes();
}

void Ledger::mark_done(std::int64_t file_id, const std::string& sha256,
                       std::optional<std::int64_t> document_id, const std::string& note) {
    db_.prepare(sql("UPDATE files SET state = 'done', error = ?, sha256 = ?, document_id = ?, "
                    "updated = ",
                    " WHERE id = ?"))
        .bind_all(nonempty(note), sha256, document_id, file_id)
        .run();
}

void Ledger::mark_failed(std::int64_t file_id, const std::string& sha256,
                         const std::string& error) {
    db_.prepare(sql("UPDATE files SET state = 'failed', sha256 = ?, error = ?, updated = ",
                    " WHERE id = ?"))
        .bind_all(nonempty(sha256), error, file_id)
        .run();
}

void Ledger::requeue(std::int64_t file_id, const std::string& error) {
    db_.prepare(sql("UPDATE files SET state = 'queued', error = ?, updated = ", " WHERE id = ?"))
        .bind_all(error, file_id)
        .run();
}

void Ledger::record_member(std::int64_t file_id, const MemberOutcome& m) {
    db_.prepare(
           "INSERT INTO members (file_id, member, document_id, outcome, error) "
           "VALUES (?, ?, ?, ?, ?) ON CONFLICT (file_id, member) DO UPDATE SET "
           "document_id = excluded.document_id, outcome = excluded.outcome, error = excluded.error")
        .bind_all(file_id, m.member, m.document_id, m.outcome, nonempty(m.error))
        .run();
}

void Ledger::set_moved_to(std::int64_t file_id, const std::filesystem::path& to) {
    db_.prepare("UPDATE files SET moved_to = ? WHERE id = ?").bind_all(to.string(), file_id).run();
}

std::optional<std::string> Ledger::error_of(std::int64_t file_id) {
    auto st = db_.prepare("SELECT error FROM files WHERE id = ?");
    st.bind(1, file_id);
    if (!st.step()) return std::nullopt;
    return st.optional_text(0);
}

LedgerCounts Ledger::counts() {
    LedgerCounts c;
    auto st = db_.prepare("SELECT state, count(*) FROM files GROUP BY state");
    while (st.step()) {
        const std::string state = st.text(0);
        const std::int64_t n = st.int64(1);
        if (state == "seen")
            c.seen = n;
        else if (state == "queued")
            c.queued = n;
        else if (state == "processing")
            c.processing = n;
        else if (state == "done")
            c.done = n;
        else if (state == "failed")
            c.failed = n;
    }
    return c;
}

std::vector<FailedFile> Ledger::recent_failures(int limit) {
    std::vector<FailedFile> out;
    auto st = db_.prepare(
        "SELECT path, coalesce(error, ''), updated FROM files WHERE state = 'failed' "
        "ORDER BY updated DESC, id DESC LIMIT ?");
    st.bind(1, limit);
    while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2)});
    return out;
}

std::int64_t Ledger::finished_within(int seconds) {
    auto st = db_.prepare(
        "SELECT count(*) FROM files WHERE state IN ('done', 'failed') AND updated >= "
        "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)");
    st.bind(1, "-" + std::to_string(seconds) + " seconds");
    st.step();
    return st.int64(0);
}

}  // namespace gongwen
