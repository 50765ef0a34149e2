// The database commands (search, metrics, show, query, export, reprocess) as users run them:
// the real gongwen binary on a real SQLite file, filled through DocumentStore with documents
// whose sections and metrics are known, so that every answer can be checked exactly.
#include <gtest/gtest.h>

#include <array>
#include <boost/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "daemon_process.hpp"
#include "gongwen/utf8.hpp"
#include "inbox/sha256.hpp"
#include "store/database.hpp"
#include "store/document_store.hpp"
#include "test_paths.hpp"

using namespace gongwen;
namespace fs = std::filesystem;

namespace {

Metric metric(const std::string& text, double value, const std::string& unit,
              const std::string& subject, const std::string& scope, int section,
              const std::string& period = "") {
    Metric m;
    m.text = text;
    m.value = value;
    m.unit = unit;
    m.kind = unit == "%" ? "percent" : "count";
    m.subject = subject;
    m.scope = scope;
    m.section = section;
    m.period = period;
    return m;
}

// A report as the chain would leave it: text, one section per "一、" line, metrics given.
Document report(const std::string& name, const std::string& title, const std::string& period,
                const std::string& text, std::vector<Metric> metrics) {
    Document d;
    d.bytes = text;
    d.source = {"/reports/" + name, std::nullopt, sha256_hex(text), text.size()};
    d.original_text = text;
    d.text = text;
    d.title = title;
    d.period = period;
    const std::u32string t = utf8::decode(text);
    for (std::size_t pos = 0; pos < t.size();) {
        const std::size_t eol = std::min(t.find(U'\n', pos), t.size());
        if (eol - pos > 2 && t[pos + 1] == U'、') {
            if (!d.sections.empty()) d.sections.back().end = pos - 1;
            d.sections.push_back({1, utf8::encode(t.substr(pos, 2)),
                                  utf8::encode(t.substr(pos + 2, eol - pos - 2)), pos, eol});
        }
        pos = eol + 1;
    }
    if (!d.sections.empty()) d.sections.back().end = t.size();
    d.metrics = std::move(metrics);
    return d;
}

class StoreCommands : public ::testing::Test {
  protected:
    void SetUp() override {
        Database db(daemon_.database());
        DocumentStore store(db);
        a_ = store.save(report("a.txt", "甲区2021年法治政府建设年度报告", "2021",
                               "甲区2021年法治政府建设年度报告\n"
                               "一、法律援助\n全区办理法律援助案件742件，同比增长33.21%。\n"
                               "二、行政复议\n收到行政复议申请39件。\n",
                               {metric("742件", 742, "件", "法律援助案件", "全区", 0),
                                metric("33.21%", 33.21, "%", "法律援助案件增长率", "全区", 0),
                                metric("39件", 39, "件", "行政复议申请", "", 1)}),
                        "test");
        b_ = store.save(report("b.txt", "乙市2021年司法行政工作总结", "2021",
                               "乙市2021年司法行政工作总结\n"
                               "一、公共法律服务\n全市办理法律援助案件1.2万件，开展普法活动。\n",
                               {metric("1.2万件", 12000, "件", "法律援助案件", "全市", 0)}),
                        "test");
        c_ = store.save(report("c.txt", "", "2020",
                               "丙省2020年工作要点\n一、總體要求\n辦理法律援助案件約2萬宗。\n",
                               {metric("約2萬宗", 20000, "宗", "法律援助案件", "全省", 0, "2020")}),
                        "test");
    }

    test::CommandResult gongwen(std::vector<std::string> args) {
        args.insert(args.begin(), {test::gongwen_binary().string()});
        args.insert(args.begin() + 2, {"--config", daemon_.config_file().string()});
        return test::run_command(args);
    }
    boost::json::value json_of(std::vector<std::string> args) {
        const auto r = gongwen(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return boost::json::parse(r.out);
    }

    test::DaemonProcess daemon_;  // only for its config and paths: never started here
    std::int64_t a_ = 0, b_ = 0, c_ = 0;
};

std::set<std::int64_t> document_ids(const boost::json::value& search) {
    std::set<std::int64_t> ids;
    for (const auto& d : search.at("documents").as_array()) ids.insert(d.at("id").as_int64());
    return ids;
}

}  // namespace

TEST_F(StoreCommands, MetricsAnswersASubjectAcrossDocumentsAndScripts) {
    const auto rows = json_of({"metrics", "--subject", "法律援助案件", "--format", "json"});
    std::multiset<std::pair<std::int64_t, double>> got;
    for (const auto& r : rows.as_array())
        got.emplace(r.at("document").as_int64(), r.at("value").to_number<double>());
    // Contained, not equal: the growth rate's subject contains the words too. Document c
    // writes its subject in Traditional script in the text, but its metric subject is
    // Simplified; either way it is found.
    EXPECT_EQ(got, (std::multiset<std::pair<std::int64_t, double>>{
                       {a_, 742}, {a_, 33.21}, {b_, 12000}, {c_, 20000}}));

    const auto exact = json_of(
        {"metrics", "--subject", "法律援助案件", "--exact", "--unit", "件", "--format", "json"});
    ASSERT_EQ(exact.as_array().size(), 2u);
    for (const auto& r : exact.as_array()) EXPECT_EQ(r.at("unit").as_string(), "件");

    // Period: the metric's own, else the document's.
    const auto y2020 = json_of({"metrics", "--period", "2020", "--format", "json"});
    ASSERT_EQ(y2020.as_array().size(), 1u);
    EXPECT_EQ(y2020.as_array()[0].at("document").as_int64(), c_);
    EXPECT_EQ(y2020.as_array()[0].at("period").as_string(), "2020");
    const auto scope = json_of({"metrics", "--scope", "全市", "--format", "json"});
    ASSERT_EQ(scope.as_array().size(), 1u);
    EXPECT_DOUBLE_EQ(scope.as_array()[0].at("value").to_number<double>(), 12000);
    // A Traditional-script filter matches the Simplified subject.
    EXPECT_EQ(json_of({"metrics", "--subject", "行政復議", "--format", "json"}).as_array().size(),
              1u);
    EXPECT_TRUE(json_of({"metrics", "--subject", "不存在", "--format", "json"}).as_array().empty());
}

TEST_F(StoreCommands, MetricsPrintsAnAlignedTableAndCsv) {
    const auto table = gongwen({"metrics", "--subject", "法律援助"});
    ASSERT_EQ(table.exit_code, 0) << table.err;
    EXPECT_NE(table.out.find("甲区2021年法治政府建设…"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("c.txt"), std::string::npos) << "untitled: named by its file";
    EXPECT_NE(table.out.find("4 metrics."), std::string::npos) << table.out;

    const auto csv = gongwen({"metrics", "--subject", "行政复议", "--format", "csv"});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_EQ(csv.out.rfind("document,title,idx,subject,value,", 0), 0u) << csv.out;
    EXPECT_NE(csv.out.find(",行政复议申请,39,,件,2021,"), std::string::npos) << csv.out;
}

TEST_F(StoreCommands, SearchFindsTheDocumentsContainingATermInEitherScript) {
    EXPECT_EQ(document_ids(json_of({"search", "法律援助", "--format", "json", "--limit", "0"})),
              (std::set<std::int64_t>{a_, b_, c_}));
    EXPECT_EQ(document_ids(json_of({"search", "法律援助案件", "--format", "json"})),
              (std::set<std::int64_t>{a_, b_, c_}));
    EXPECT_EQ(document_ids(json_of({"search", "總體要求", "--format", "json"})),
              (std::set<std::int64_t>{c_}));
    EXPECT_EQ(document_ids(json_of({"search", "总体要求", "--format", "json"})),
              (std::set<std::int64_t>{c_}));
    EXPECT_EQ(document_ids(json_of({"search", "普法", "--format", "json"})),
              (std::set<std::int64_t>{b_}));

    const auto r = json_of({"search", "行政复议", "--format", "json"});
    ASSERT_EQ(r.at("documents").as_array().size(), 1u);
    const auto& hit = r.at("documents").as_array()[0];
    EXPECT_EQ(hit.at("title").as_string(), "甲区2021年法治政府建设年度报告");
    const auto& section = hit.at("sections").as_array()[0];
    EXPECT_EQ(section.at("section").as_int64(), 1);
    EXPECT_EQ(section.at("heading").as_string(), "二、行政复议");
    EXPECT_EQ(section.at("marks").as_array().size(), 2u);

    const auto table = gongwen({"search", "行政复议"});
    EXPECT_NE(table.out.find("【行政复议】"), std::string::npos) << "marked when not a terminal";
    EXPECT_NE(table.out.find("1 document (1 section) match."), std::string::npos) << table.out;
    const auto none = gongwen({"search", "企业合规"});
    EXPECT_EQ(none.exit_code, 0);
    EXPECT_NE(none.out.find("No document matches"), std::string::npos);
    const auto empty = gongwen({"search", "  "});
    EXPECT_EQ(empty.exit_code, 2);
    EXPECT_NE(empty.err.find("nothing to search for"), std::string::npos) << empty.err;
}

TEST_F(StoreCommands, ShowFindsADocumentByIdShaPrefixOrPath) {
    Database db(daemon_.database(), Database::Mode::read_only);
    auto st = db.prepare("SELECT sha256 FROM documents WHERE id = ?");
    st.bind(1, a_);
    ASSERT_TRUE(st.step());
    const std::string sha = st.text(0);
    for (const std::string& ref :
         {std::to_string(a_), sha.substr(0, 8), std::string("/reports/a.txt")}) {
        const auto r = gongwen({"show", ref});
        ASSERT_EQ(r.exit_code, 0) << ref << ": " << r.err;
        EXPECT_NE(r.out.find("甲区2021年法治政府建设年度报告"), std::string::npos);
        EXPECT_NE(r.out.find("Outline (2 sections)"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("  二、行政复议"), std::string::npos);
        EXPECT_NE(r.out.find("Metrics (3)"), std::string::npos);
        EXPECT_NE(r.out.find("33.21"), std::string::npos);
    }
    const auto json = json_of({"show", std::to_string(b_), "--format", "json"});
    EXPECT_EQ(json.at("title").as_string(), "乙市2021年司法行政工作总结");
    EXPECT_EQ(json.at("metrics").as_array().size(), 1u);

    const auto missing = gongwen({"show", "999"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("no document \"999\""), std::string::npos) << missing.err;
}

TEST_F(StoreCommands, QueryIsReadOnlyAndPrintsTableCsvOrJson) {
    const auto n = json_of(
        {"query", "SELECT count(*) AS n, sum(value) AS total FROM metrics", "--format", "json"});
    EXPECT_EQ(n.as_array()[0].at("n").as_int64(), 5);
    const auto csv =
        gongwen({"query", "SELECT id, title FROM documents ORDER BY id", "--format", "csv"});
    EXPECT_EQ(csv.out.rfind("id,title\r\n1,甲区2021年法治政府建设年度报告\r\n", 0), 0u) << csv.out;
    const auto table = gongwen({"query", "SELECT id, title FROM documents ORDER BY id"});
    EXPECT_NE(table.out.find("(3 rows)"), std::string::npos) << table.out;

    for (const char* write : {"DELETE FROM documents", "UPDATE metrics SET value = 0",
                              "CREATE TABLE x (y)", "PRAGMA user_version = 7"}) {
        const auto r = gongwen({"query", write});
        EXPECT_EQ(r.exit_code, 2) << write;
        EXPECT_NE(r.err.find("read-only"), std::string::npos) << write << ": " << r.err;
    }
    const auto two = gongwen({"query", "SELECT 1; DELETE FROM documents"});
    EXPECT_EQ(two.exit_code, 2);
    EXPECT_NE(two.err.find("one statement"), std::string::npos) << two.err;
    const auto bad = gongwen({"query", "SELEC 1"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("syntax error"), std::string::npos) << bad.err;
    EXPECT_EQ(json_of({"query", "SELECT count(*) AS n FROM documents", "--format", "json"})
                  .as_array()[0]
                  .at("n")
                  .as_int64(),
              3);
}

TEST_F(StoreCommands, ExportWritesEveryDocumentThroughTheNamedExporter) {
    test::TempDir out;
    const auto r = gongwen({"export", "--format", "json", "--out", (out / "json").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Exported 3 of 3 documents"), std::string::npos) << r.out;
    // Not a terminal: plain progress lines, ending with the total.
    EXPECT_NE(r.err.find("export json: 3/3 done in"), std::string::npos) << r.err;
    Database db(daemon_.database(), Database::Mode::read_only);
    auto st = db.prepare("SELECT sha256, title FROM documents");
    while (st.step()) {
        const fs::path file = out / "json" / (st.text(0) + ".json");
        ASSERT_TRUE(fs::exists(file)) << file;
        const auto v = boost::json::parse(test::read_file(file));
        EXPECT_EQ(v.at("source").at("sha256").as_string(), st.text(0));
    }
    const auto unknown =
        gongwen({"export", "--format", "no_such_exporter", "--out", (out / "x").string()});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.err.find("no_such_exporter"), std::string::npos) << unknown.err;
}

TEST_F(StoreCommands, ReprocessReplacesTheRowsFromTheStoredBytesWithoutDuplicates) {
    auto counts = [&] {
        Database db(daemon_.database(), Database::Mode::read_only);
        auto st = db.prepare(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM runs), "
            "(SELECT count(*) FROM documents d WHERE "
            " json_array_length(d.json, '$.sections') = "
            "   (SELECT count(*) FROM sections s WHERE s.document_id = d.id) AND "
            " json_array_length(d.json, '$.metrics') = "
            "   (SELECT count(*) FROM metrics m WHERE m.document_id = d.id) AND "
            " (SELECT count(*) FROM section_bodies b WHERE b.document_id = d.id) > 0)");
        st.step();
        return std::array<std::int64_t, 3>{st.int64(0), st.int64(1), st.int64(2)};
    };
    ASSERT_EQ(counts()[0], 3);

    const auto one = gongwen({"reprocess", std::to_string(a_)});
    ASSERT_EQ(one.exit_code, 0) << one.err;
    EXPECT_NE(one.out.find("Reprocessed 1 of 1 document"), std::string::npos) << one.out;
    const auto all = gongwen({"reprocess", "--all", "--jobs", "2"});
    ASSERT_EQ(all.exit_code, 0) << all.err;
    EXPECT_NE(all.err.find("reprocess: 3/3 done in"), std::string::npos) << all.err;
    // Once the rows come from the chain, reprocessing again must leave every table as it was.
    const auto rows = [&] {
        Database db(daemon_.database(), Database::Mode::read_only);
        std::vector<std::int64_t> n;
        for (const char* table :
             {"documents", "sections", "metrics", "diagnostics", "section_bodies", "files"}) {
            auto st = db.prepare(std::string("SELECT count(*) FROM ") + table);
            st.step();
            n.push_back(st.int64(0));
        }
        return n;
    };
    const auto before_again = rows();
    const auto again = gongwen({"reprocess", "--all"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(rows(), before_again) << "a second reprocess adds or drops rows";
    EXPECT_GT(before_again[4], 0);

    const auto c = counts();
    EXPECT_EQ(c[0], 3) << "same documents, none added";
    EXPECT_EQ(c[1], 7) << "a run recorded for each document reprocessed";
    EXPECT_EQ(c[2], 3) << "every document whole: its rows match its JSON";
    // The rows now come from the real chain run on the stored bytes, not from the test.
    Database db(daemon_.database(), Database::Mode::read_only);
    auto st = db.prepare("SELECT chain FROM documents WHERE id = ?");
    st.bind(1, a_);
    ASSERT_TRUE(st.step());
    EXPECT_NE(st.text(0).find("encoding_fix@"), std::string::npos) << st.text(0);
    auto runs = db.prepare("SELECT count(*) FROM runs WHERE file_id IS NULL AND outcome = 'done'");
    runs.step();
    EXPECT_EQ(runs.int64(0), 7);
    // Still found by what they say.
    EXPECT_EQ(document_ids(json_of({"search", "法律援助", "--format", "json"})),
              (std::set<std::int64_t>{a_, b_, c_}));

    const auto usage = gongwen({"reprocess"});
    EXPECT_EQ(usage.exit_code, 2);
    EXPECT_NE(usage.err.find("--all"), std::string::npos) << usage.err;
}

TEST(StoreCommandsWithoutDatabase, SayThatTheDaemonHasNotRunYet) {
    test::DaemonProcess d;
    for (const std::vector<std::string>& args : {std::vector<std::string>{"search", "行政复议"},
                                                 {"metrics"},
                                                 {"show", "1"},
                                                 {"query", "SELECT 1"}}) {
        std::vector<std::string> argv = {test::gongwen_binary().string(), args[0], "--config",
                                         d.config_file().string()};
        argv.insert(argv.end(), args.begin() + 1, args.end());
        const auto r = test::run_command(argv);
        EXPECT_EQ(r.exit_code, 1) << args[0];
        EXPECT_NE(r.err.find("no database yet"), std::string::npos) << args[0] << ": " << r.err;
    }
}
