#include "store/full_text_search.hpp"

#include <algorithm>
#include <map>

#include "gongwen/utf8.hpp"

namespace gongwen {

namespace {

std::string fts_phrase(const std::string& s) {
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

bool has_ascii_letter(const std::string& s) {
    return std::any_of(s.begin(), s.end(),
                       [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); });
}

std::string like_pattern(const std::string& s) {
    std::string out = "%";
    for (char c : s) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

// The SQL condition for a term the index cannot answer: instr() is a plain byte search, the
// fastest a scan can do; LIKE is used only where ASCII case must be ignored, as the index does.
struct ScanCondition {
    std::string sql;
    std::vector<std::string> args;
};

ScanCondition scan_condition(const SearchTerm& t) {
    if (has_ascii_letter(t.folded))
        return {"coalesce(b.folded, b.body) LIKE ? ESCAPE '\\'", {like_pattern(t.folded)}};
    return {"instr(coalesce(b.folded, b.body), ?) > 0", {t.folded}};
}

struct BodyScore {
    std::int64_t body_id;
    double score;  // lower is better (bm25's sign)
};

struct DocumentTally {
    double best = 0;
    std::int64_t matched = 0;
    std::vector<BodyScore> top;
};

}  // namespace

SearchResults search(Database& db, const std::vector<SearchTerm>& terms,
                     const SearchLimits& limits) {
    SearchResults results;
    std::string match;
    std::vector<std::string> args;
    std::string filter;
    std::string occurrences;  // ranking for a scan: how often the terms occur
    std::vector<std::string> occurrence_args;
    for (const SearchTerm& t : terms) {
        if (t.indexed()) {
            match += (match.empty() ? "" : " AND ") + fts_phrase(t.folded);
            continue;
        }
        ScanCondition c = scan_condition(t);
        filter += " AND " + c.sql;
        args.insert(args.end(), c.args.begin(), c.args.end());
        occurrences += (occurrences.empty() ? "" : " + ") +
                       std::string(
                           "(length(coalesce(b.folded, b.body)) - "
                           "length(replace(coalesce(b.folded, b.body), ?, ''))) / ") +
                       std::to_string(std::max<std::size_t>(1, utf8::length(t.folded)));
        occurrence_args.push_back(t.folded);
    }
    if (terms.empty()) return results;

    std::string sql;
    std::vector<std::string> binds;
    if (!match.empty()) {
        sql =
            "SELECT b.id, b.document_id, bm25(section_bodies_fts) FROM section_bodies_fts "
            "JOIN section_bodies b ON b.id = section_bodies_fts.rowid "
            "WHERE section_bodies_fts MATCH ?" +
            filter;
        binds.push_back(match);
        binds.insert(binds.end(), args.begin(), args.end());
    } else {
        // length() counts characters; what replace() removed, divided by the spelling's
        // length, is how often it occurs.
        results.used_index = false;
        sql = "SELECT b.id, b.document_id, -(" + occurrences + ") FROM section_bodies b WHERE 1" +
              filter;
        binds = occurrence_args;
        binds.insert(binds.end(), args.begin(), args.end());
    }

    // One snapshot for all the reads below: the daemon may replace a document meanwhile.
    Snapshot snapshot(db);
    std::map<std::int64_t, DocumentTally> tally;
    auto st = db.prepare(sql);
    for (std::size_t i = 0; i < binds.size(); ++i) st.bind(static_cast<int>(i + 1), binds[i]);
    while (st.step()) {
        const BodyScore hit{st.int64(0), st.real(2)};
        DocumentTally& d = tally[st.int64(1)];
        if (d.matched == 0 || hit.score < d.best) d.best = hit.score;
        ++d.matched;
        ++results.total_sections;
        d.top.push_back(hit);
        // Keep only the best few per document: a common term may hit thousands of bodies.
        if (d.top.size() > 2 * limits.sections_per_document + 8) {
            std::sort(d.top.begin(), d.top.end(),
                      [](const BodyScore& a, const BodyScore& b) { return a.score < b.score; });
            d.top.resize(limits.sections_per_document);
        }
    }
    results.total_documents = static_cast<std::int64_t>(tally.size());

    std::vector<std::pair<std::int64_t, DocumentTally*>> ranked;
    for (auto& [id, t] : tally) ranked.emplace_back(id, &t);
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.second->best < b.second->best; });
    if (limits.limit > 0 && ranked.size() > limits.limit) ranked.resize(limits.limit);

    std::vector<std::string> needles;
    for (const SearchTerm& t : terms) needles.push_back(t.folded);
    auto meta = db.prepare(
        "SELECT sha256, coalesce(title, ''), source_path, member FROM documents WHERE id = ?");
    auto body = db.prepare(
        "SELECT section, heading, body, coalesce(folded, body) FROM section_bodies WHERE id = ?");
    for (auto& [id, t] : ranked) {
        DocumentHit hit;
        hit.document_id = id;
        hit.score = -t->best;
        hit.sections_matched = t->matched;
        meta.bind(1, id);
        if (meta.step()) {
            hit.sha256 = meta.text(0);
            hit.title = meta.text(1);
            hit.source_path = meta.text(2);
            hit.member = meta.optional_text(3);
        }
        meta.reset();
        std::sort(t->top.begin(), t->top.end(),
                  [](const BodyScore& a, const BodyScore& b) { return a.score < b.score; });
        if (t->top.size() > limits.sections_per_document)
            t->top.resize(limits.sections_per_document);
        for (const BodyScore& b : t->top) {
            body.bind(1, b.body_id);
            if (body.step()) {
                SectionHit s;
                if (!body.is_null(0)) s.section = static_cast<int>(body.int64(0));
                s.heading = body.text(1);
                s.snippet = make_snippet(body.text(2), body.text(3), needles, limits.snippet_before,
                                         limits.snippet_after);
                hit.sections.push_back(std::move(s));
            }
            body.reset();
        }
        results.documents.push_back(std::move(hit));
    }
    return results;
}

}  // namespace gongwen
