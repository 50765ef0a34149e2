#include "ledger/ledger.hpp"

namespace gongwen {

namespace {
constexpr const char* now_sql = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
std::optional<std::string> nonempty(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}
}  // namespace

bool Ledger::record(const std::filesystem::path& path, std::uint64_t size, std::int64_t mtime_ns) {
    auto st = db_.prepare(
        "INSERT INTO files (path, size, mtime_ns, state) VALUES (?, ?, ?, 'queued') "
        "ON CONFLICT (path, size, mtime_ns) DO NOTHING");
    st.bind_all(path.string(), size, mtime_ns).run();
    return db_.changes() > 0;
}

std::optional<FileEntry> Ledger::claim_next() {
    auto st = db_.prepare(
        std::string("UPDATE files SET state = 'processing', attempts = attempts + 1, updated = ") +
        now_sql +
        " WHERE id = (SELECT id FROM files WHERE state = 'queued' ORDER BY id LIMIT 1) "
        "RETURNING id, path, size, mtime_ns, attempts");
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
    db_.prepare(std::string("UPDATE files SET state = 'queued', updated = ") + now_sql +
                " WHERE state = 'processing'")
        .run();
    return db_.changes();
}

void Ledger::mark_done(std::int64_t file_id, const std::string& sha256, std::int64_t document_id) {
    db_.prepare(std::string("UPDATE files SET state = 'done', error = NULL, sha256 = ?, "
                            "document_id = ?, updated = ") +
                now_sql + " WHERE id = ?")
        .bind_all(sha256, document_id, file_id)
        .run();
}

void Ledger::mark_failed(std::int64_t file_id, const std::string& sha256,
                         const std::string& error) {
    db_.prepare(
           std::string("UPDATE files SET state = 'failed', sha256 = ?, error = ?, updated = ") +
           now_sql + " WHERE id = ?")
        .bind_all(nonempty(sha256), error, file_id)
        .run();
}

LedgerCounts Ledger::counts() {
    LedgerCounts c;
    auto st = db_.prepare("SELECT state, count(*) FROM files GROUP BY state");
    while (st.step()) {
        const std::string state = st.text(0);
        const std::int64_t n = st.int64(1);
        if (state == "queued" || state == "seen")
            c.queued += n;
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

}  // namespace gongwen
