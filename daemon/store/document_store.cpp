#include "store/document_store.hpp"

#include <chrono>
#include <ctime>

#include "gongwen/json.hpp"
#include "store/search_index.hpp"

namespace gongwen {

std::string utc_now_iso8601() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms));
    return buf;
}

namespace {
std::optional<std::string> nonempty(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}
std::optional<std::int64_t> index_or_null(int i) {
    return i < 0 ? std::nullopt : std::optional<std::int64_t>(i);
}
}  // namespace

std::optional<std::int64_t> DocumentStore::find_by_sha256(const std::string& sha256) {
    auto st = db_.prepare("SELECT id FROM documents WHERE sha256 = ?");
    st.bind(1, sha256);
    if (st.step()) return st.int64(0);
    return std::nullopt;
}

std::int64_t DocumentStore::save(const Document& doc, const std::string& chain) {
    // The texts have columns of their own; keeping them out of `json` stores them once.
    Document meta = doc;
    meta.original_text.clear();
    meta.text.clear();
    meta.bytes.clear();
    const std::string json = to_json(meta);

    auto upsert = db_.prepare(R"sql(
        INSERT INTO documents (sha256, source_path, member, bytes, encoding, encoding_confidence,
                               script, converted_to, title, published, issuer, period, report_kind,
                               raw, original_text, text, json, chain)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (sha256) DO UPDATE SET
            source_path = excluded.source_path, member = excluded.member, bytes = excluded.bytes,
            encoding = excluded.encoding, encoding_confidence = excluded.encoding_confidence,
            script = excluded.script, converted_to = excluded.converted_to,
            title = excluded.title, published = excluded.published, issuer = excluded.issuer,
            period = excluded.period, report_kind = excluded.report_kind, raw = excluded.raw,
            original_text = excluded.original_text, text = excluded.text, json = excluded.json,
            chain = excluded.chain, updated = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        RETURNING id)sql");
    upsert.bind_all(doc.source.sha256, doc.source.path, doc.source.member, doc.source.bytes,
                    nonempty(doc.encoding.detected), doc.encoding.confidence,
                    nonempty(doc.script.detected), nonempty(doc.script.converted_to),
                    nonempty(doc.title), doc.published, nonempty(doc.issuer), nonempty(doc.period),
                    nonempty(doc.report_kind), Blob{doc.bytes}, doc.original_text, doc.text, json,
                    chain);
    if (!upsert.step()) throw DatabaseError("saving document " + doc.source.sha256 + ": no id");
    const std::int64_t id = upsert.int64(0);
    upsert.reset();

    for (const char* table : {"sections", "metrics", "diagnostics"}) {
        auto del = db_.prepare(std::string("DELETE FROM ") + table + " WHERE document_id = ?");
        del.bind(1, id).run();
    }

    auto sec = db_.prepare(
        "INSERT INTO sections (document_id, idx, level, marker, heading, start, \"end\") "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < doc.sections.size(); ++i) {
        const Section& s = doc.sections[i];
        sec.bind_all(id, static_cast<std::int64_t>(i), s.level, s.marker, s.heading,
                     static_cast<std::int64_t>(s.start), static_cast<std::int64_t>(s.end))
            .run();
        sec.reset();
    }

    auto met = db_.prepare(
        "INSERT INTO metrics (document_id, idx, text, value, value_max, unit, approx, qualifier, "
        "kind, subject, modality, section, start, \"end\", period, scope, direction, basis) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < doc.metrics.size(); ++i) {
        const Metric& m = doc.metrics[i];
        met.bind_all(id, static_cast<std::int64_t>(i), m.text, m.value, m.value_max, m.unit,
                     m.approx, nonempty(m.qualifier), m.kind, nonempty(m.subject), m.modality,
                     index_or_null(m.section), static_cast<std::int64_t>(m.start),
                     static_cast<std::int64_t>(m.end), nonempty(m.period), nonempty(m.scope),
                     nonempty(m.direction), nonempty(m.basis))
            .run();
        met.reset();
    }

    auto diag = db_.prepare(
        "INSERT INTO diagnostics (document_id, idx, plugin, severity, message) "
        "VALUES (?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < doc.diagnostics.size(); ++i) {
        const Diagnostic& g = doc.diagnostics[i];
        diag.bind_all(id, static_cast<std::int64_t>(i), g.plugin, to_string(g.severity), g.message)
            .run();
        diag.reset();
    }
    SearchIndex(db_).replace(id, doc);
    return id;
}

std::optional<Document> DocumentStore::load(std::int64_t id) {
    auto st = db_.prepare("SELECT json, original_text, text, raw FROM documents WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    Document doc = document_from_json(st.text(0));
    doc.original_text = st.text(1);
    doc.text = st.text(2);
    doc.bytes = st.blob(3);
    return doc;
}

void DocumentStore::record_run(const RunRecord& run) {
    auto st = db_.prepare(
        "INSERT INTO runs (file_id, document_id, member, chain, started, micros, outcome, "
        "failed_plugin, error, plugin_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind_all(run.file_id, run.document_id, nonempty(run.member), run.chain, run.started,
                run.micros, run.outcome, nonempty(run.failed_plugin), nonempty(run.error),
                nonempty(run.plugin_micros))
        .run();
}

}  // namespace gongwen
