// The daemon on the sample corpus, then the questions users ask of the database: which
// documents contain a term (in either script), what a metrics query answers for a subject,
// and that reprocessing everything leaves no duplicates. Every expectation is computed here
// from what the daemon stored (texts, blocks, metrics in documents.json), not written down.
#include <gtest/gtest.h>
#include <opencc/SimpleConverter.hpp>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "daemon_process.hpp"
#include "gongwen/utf8.hpp"
#include "store/database.hpp"
#include "test_paths.hpp"

using namespace gongwen;
namespace fs = std::filesystem;

namespace {

struct StoredDocument {
    std::int64_t id = 0;
    std::u32string searchable;  // text with boilerplate blocks blanked out, as search sees it
    boost::json::object json;
};

std::vector<StoredDocument> stored_documents(const fs::path& db_file) {
    Database db(db_file, Database::Mode::read_only);
    auto st = db.prepare("SELECT id, text, json FROM documents ORDER BY id");
    std::vector<StoredDocument> out;
    while (st.step()) {
        StoredDocument d;
        d.id = st.int64(0);
        d.searchable = utf8::decode(st.text(1));
        d.json = boost::json::parse(st.text(2)).as_object();
        for (const auto& b : d.json.at("blocks").as_array()) {
            if (b.at("kind").as_string() != "boilerplate") continue;
            const auto start = static_cast<std::size_t>(b.at("start").to_number<std::int64_t>());
            const auto end = static_cast<std::size_t>(b.at("end").to_number<std::int64_t>());
            for (std::size_t i = start; i < end && i < d.searchable.size(); ++i)
                d.searchable[i] = U'\n';
        }
        out.push_back(std::move(d));
    }
    return out;
}

// The term as written in each script, by OpenCC's own converters (phrase-aware, not the
// character folding the index uses).
std::vector<std::u32string> spellings(const std::string& term) {
    static const std::vector<std::shared_ptr<opencc::SimpleConverter>> converters = [] {
        std::vector<std::shared_ptr<opencc::SimpleConverter>> c;
        for (const char* cfg : {"s2t.json", "s2hk.json", "s2tw.json", "t2s.json"})
            c.push_back(std::make_shared<opencc::SimpleConverter>(cfg));
        return c;
    }();
    std::vector<std::u32string> out = {utf8::decode(term)};
    for (const auto& c : converters) out.push_back(utf8::decode(c->Convert(term)));
    return out;
}

std::set<std::int64_t> containing(const std::vector<StoredDocument>& docs,
                                  const std::string& term) {
    const auto forms = spellings(term);
    std::set<std::int64_t> ids;
    for (const auto& d : docs)
        for (const auto& f : forms)
            if (d.searchable.find(f) != std::u32string::npos) ids.insert(d.id);
    return ids;
}

bool ideograph(char32_t c) {
    return c >= 0x4E00 && c <= 0x9FFF;
}

// Terms taken from the stored texts themselves: runs of ideographs of several lengths from
// body blocks spread over each document, so the check does not depend on words chosen here.
std::vector<std::string> sampled_terms(const std::vector<StoredDocument>& docs) {
    std::vector<std::string> terms;
    for (const auto& d : docs) {
        const auto& blocks = d.json.at("blocks").as_array();
        std::vector<std::pair<std::size_t, std::size_t>> bodies;
        for (const auto& b : blocks)
            if (b.at("kind").as_string() == "body")
                bodies.emplace_back(b.at("start").to_number<std::int64_t>(),
                                    b.at("end").to_number<std::int64_t>());
        if (bodies.empty()) bodies.emplace_back(0, d.searchable.size());
        for (std::size_t k = 1; k <= 4; ++k) {
            const auto [start, end] = bodies[bodies.size() * k / 5];
            const std::size_t len = std::array<std::size_t, 4>{2, 3, 4, 6}[k - 1];
            for (std::size_t i = start + (end - start) / 2; i + len <= end; ++i) {
                const std::u32string cut = d.searchable.substr(i, len);
                if (std::all_of(cut.begin(), cut.end(), ideograph)) {
                    terms.push_back(utf8::encode(cut));
                    break;
                }
            }
        }
    }
    return terms;
}

test::CommandResult run_gongwen(const test::DaemonProcess& d, std::vector<std::string> args) {
    args.insert(args.begin(), test::gongwen_binary().string());
    args.insert(args.begin() + 2, {"--config", d.config_file().string()});
    return test::run_command(args);
}

std::set<std::int64_t> search_ids(const test::DaemonProcess& d, const std::string& term) {
    const auto r = run_gongwen(d, {"search", term, "--format", "json", "--limit", "0"});
    EXPECT_EQ(r.exit_code, 0) << term << ": " << r.err;
    std::set<std::int64_t> ids;
    if (r.exit_code != 0) return ids;
    const auto found = boost::json::parse(r.out);
    for (const auto& doc : found.at("documents").as_array()) ids.insert(doc.at("id").as_int64());
    return ids;
}

std::int64_t scalar(const fs::path& db_file, const std::string& sql) {
    Database db(db_file, Database::Mode::read_only);
    auto st = db.prepare(sql);
    st.step();
    return st.int64(0);
}

// The daemon, run once on the corpus and stopped, so the database no longer changes.
void process_corpus(test::DaemonProcess& d) {
    fs::create_directories(d.inbox());
    for (const auto& f : test::corpus_files()) fs::copy_file(f, d.inbox() / f.filename());
    d.start();
    const auto n = static_cast<std::int64_t>(test::corpus_files().size());
    ASSERT_TRUE(test::wait_until([&] {
        // -1 until the daemon has created and migrated the file.
        return test::sql_count(d.database(),
                               "SELECT count(*) FROM files WHERE state IN ('done', 'failed')") == n;
    })) << d.log();
    ASSERT_EQ(d.stop(), 0) << d.log();
    ASSERT_EQ(scalar(d.database(), "SELECT count(*) FROM documents"), n) << d.log();
}

const std::vector<std::string> domain_terms = {
    "行政复议", "行政復議", "法律援助", "普法",     "人民调解", "人民調解", "社区矫正",
    "律师",     "公证",     "企业合规", "扫黑除恶", "法治政府", "疫情",     "宪法"};

}  // namespace

TEST(CorpusAnswers, ASearchFindsExactlyTheDocumentsThatContainTheTermInEitherScript) {
    GONGWEN_REQUIRE_CORPUS();
    test::DaemonProcess d;
    process_corpus(d);
    if (HasFatalFailure()) return;
    const auto docs = stored_documents(d.database());

    std::vector<std::string> terms = domain_terms;
    const auto sampled = sampled_terms(docs);
    ASSERT_GE(sampled.size(), docs.size() * 2) << "too few terms sampled from the texts";
    terms.insert(terms.end(), sampled.begin(), sampled.end());
    std::size_t found_somewhere = 0;
    for (const auto& term : terms) {
        const auto expected = containing(docs, term);
        EXPECT_EQ(search_ids(d, term), expected) << "search " << term;
        found_somewhere += !expected.empty();
    }
    // The sampled terms come from the texts: each must be found at least in its own document.
    EXPECT_GE(found_somewhere, sampled.size());

    // Both scripts give one answer.
    EXPECT_EQ(search_ids(d, "行政复议"), search_ids(d, "行政復議"));
    EXPECT_EQ(search_ids(d, "人民调解"), search_ids(d, "人民調解"));
}

TEST(CorpusAnswers, AMetricsQueryReturnsTheStoredValuesForASubject) {
    GONGWEN_REQUIRE_CORPUS();
    test::DaemonProcess d;
    process_corpus(d);
    if (HasFatalFailure()) return;
    const auto docs = stored_documents(d.database());

    // The subject the extractor found most often, whatever its rules are.
    std::map<std::string, int> frequency;
    for (const auto& doc : docs)
        for (const auto& m : doc.json.at("metrics").as_array())
            if (m.at("subject").is_string()) ++frequency[std::string(m.at("subject").as_string())];
    if (frequency.empty()) {
        // An extractor that finds nothing must be answered with nothing.
        const auto r = run_gongwen(d, {"metrics", "--format", "json"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_TRUE(boost::json::parse(r.out).as_array().empty());
        GTEST_SKIP() << "metric_extract found no metric with a subject in the corpus";
    }
    const std::string subject =
        std::max_element(frequency.begin(), frequency.end(), [](const auto& a, const auto& b) {
            return a.second < b.second;
        })->first;

    using Row = std::tuple<std::int64_t, std::int64_t, double, std::string, std::string>;
    std::multiset<Row> expected;
    for (const auto& doc : docs) {
        const auto& metrics = doc.json.at("metrics").as_array();
        for (std::size_t i = 0; i < metrics.size(); ++i) {
            const auto& m = metrics[i];
            if (!m.at("subject").is_string() ||
                std::string(m.at("subject").as_string()).find(subject) == std::string::npos)
                continue;
            expected.emplace(
                doc.id, static_cast<std::int64_t>(i), m.at("value").to_number<double>(),
                std::string(m.at("unit").as_string()), std::string(m.at("text").as_string()));
        }
    }
    const auto r = run_gongwen(d, {"metrics", "--subject", subject, "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::multiset<Row> got;
    const auto rows = boost::json::parse(r.out);
    for (const auto& row : rows.as_array())
        got.emplace(row.at("document").as_int64(), row.at("idx").as_int64(),
                    row.at("value").to_number<double>(), std::string(row.at("unit").as_string()),
                    std::string(row.at("text").as_string()));
    EXPECT_EQ(got, expected) << "subject " << subject;
    EXPECT_FALSE(got.empty());

    // The table names the documents and shows every row.
    const auto table = run_gongwen(d, {"metrics", "--subject", subject});
    EXPECT_NE(table.out.find(std::to_string(expected.size()) + " metric"), std::string::npos)
        << table.out;
}

TEST(CorpusAnswers, ReprocessingEverythingLeavesNoDuplicates) {
    GONGWEN_REQUIRE_CORPUS();
    test::DaemonProcess d;
    process_corpus(d);
    if (HasFatalFailure()) return;
    auto census = [&] {
        Database db(d.database(), Database::Mode::read_only);
        auto st = db.prepare(R"sql(
            SELECT (SELECT count(*) FROM documents),
                   (SELECT count(DISTINCT sha256) FROM documents),
                   (SELECT count(*) FROM sections),
                   (SELECT count(*) FROM metrics),
                   (SELECT count(*) FROM diagnostics),
                   (SELECT count(*) FROM section_bodies),
                   (SELECT count(*) FROM documents d WHERE
                        json_array_length(d.json, '$.sections') <>
                            (SELECT count(*) FROM sections s WHERE s.document_id = d.id) OR
                        json_array_length(d.json, '$.metrics') <>
                            (SELECT count(*) FROM metrics m WHERE m.document_id = d.id)))sql");
        st.step();
        std::vector<std::int64_t> v;
        for (int i = 0; i < 7; ++i) v.push_back(st.int64(i));
        return v;
    };
    const auto before = census();
    const auto runs_before = scalar(d.database(), "SELECT count(*) FROM runs");
    std::map<std::string, std::set<std::int64_t>> answers;
    for (const auto& t : domain_terms) answers[t] = search_ids(d, t);

    for (int round = 0; round < 2; ++round) {
        const auto r = run_gongwen(d, {"reprocess", "--all"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const auto after = census();
    EXPECT_EQ(after, before);
    EXPECT_EQ(after[0], after[1]) << "one row per content";
    EXPECT_EQ(after[6], 0) << "every document's rows match its JSON";
    EXPECT_EQ(scalar(d.database(), "SELECT count(*) FROM runs"), runs_before + 2 * after[0]);
    for (const auto& t : domain_terms) EXPECT_EQ(search_ids(d, t), answers[t]) << t;
}
