#include "store/metric_query.hpp"

#include <boost/json.hpp>
#include <variant>

#include "store/script_fold.hpp"

namespace gongwen {

namespace {

using Arg = std::variant<std::string, std::int64_t>;

// `column` (subject, scope or unit of metrics) matching `wanted`. The distinct values come
// from the column's index and are compared folded here, so the filter is script-blind; the
// rows are then fetched through the index by the values that matched.
void add_text_filter(Database& db, std::string& where, std::vector<Arg>& args,
                     const std::string& column, const std::string& wanted, bool contains,
                     const ScriptFold* fold) {
    const std::string want = fold ? fold->fold(wanted) : wanted;
    boost::json::array values;
    auto st =
        db.prepare("SELECT DISTINCT " + column + " FROM metrics WHERE " + column + " IS NOT NULL");
    while (st.step()) {
        std::string v = st.text(0);
        const std::string f = fold ? fold->fold(v) : v;
        if (contains ? f.find(want) != std::string::npos : f == want)
            values.emplace_back(boost::json::string(v));
    }
    // As one JSON array: there may be more values than SQLite takes parameters.
    where += " AND m." + column + " IN (SELECT value FROM json_each(?))";
    args.emplace_back(boost::json::serialize(values));
}

void add_equal_filter(std::string& where, std::vector<Arg>& args, const std::string& column,
                      const std::string& value) {
    where += " AND m." + column + " = ?";
    args.emplace_back(value);
}

}  // namespace

std::vector<MetricRow> find_metrics(Database& db, const MetricFilter& f, const ScriptFold* fold) {
    // One snapshot: the values matched below must be those of the rows then read.
    Snapshot snapshot(db);
    std::string where;
    std::vector<Arg> args;
    if (f.subject) add_text_filter(db, where, args, "subject", *f.subject, !f.exact, fold);
    if (f.scope) add_text_filter(db, where, args, "scope", *f.scope, !f.exact, fold);
    if (f.unit) add_text_filter(db, where, args, "unit", *f.unit, false, fold);
    if (f.kind) add_equal_filter(where, args, "kind", *f.kind);
    if (f.modality) add_equal_filter(where, args, "modality", *f.modality);
    if (f.period) {
        where += " AND coalesce(m.period, d.period) = ?";
        args.emplace_back(*f.period);
    }
    if (f.document_id) {
        where += " AND m.document_id = ?";
        args.emplace_back(*f.document_id);
    }
    std::string sql = R"sql(
        SELECT m.document_id, coalesce(d.title, ''), d.source_path, m.idx, m.text, m.value,
               m.value_max, m.unit, m.approx, m.qualifier, m.kind, m.subject, m.modality,
               m.section, coalesce(s.marker || s.heading, ''), coalesce(m.period, d.period),
               m.scope, m.direction, m.basis
        FROM metrics m
        JOIN documents d ON d.id = m.document_id
        LEFT JOIN sections s ON s.document_id = m.document_id AND s.idx = m.section
        WHERE 1)sql" + where +
                      " ORDER BY m.subject, coalesce(m.period, d.period), m.document_id, m.idx";
    if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit);

    auto st = db.prepare(sql);
    for (std::size_t i = 0; i < args.size(); ++i)
        std::visit([&](const auto& v) { st.bind(static_cast<int>(i + 1), v); }, args[i]);
    std::vector<MetricRow> rows;
    while (st.step()) {
        MetricRow r;
        r.document_id = st.int64(0);
        r.title = st.text(1);
        r.source_path = st.text(2);
        r.idx = st.int64(3);
        r.text = st.text(4);
        r.value = st.real(5);
        if (!st.is_null(6)) r.value_max = st.real(6);
        r.unit = st.text(7);
        r.approx = st.int64(8) != 0;
        r.qualifier = st.optional_text(9);
        r.kind = st.text(10);
        r.subject = st.optional_text(11);
        r.modality = st.text(12);
        if (!st.is_null(13)) r.section = st.int64(13);
        r.section_heading = st.text(14);
        r.period = st.optional_text(15);
        r.scope = st.optional_text(16);
        r.direction = st.optional_text(17);
        r.basis = st.optional_text(18);
        rows.push_back(std::move(r));
    }
    return rows;
}

}  // namespace gongwen
