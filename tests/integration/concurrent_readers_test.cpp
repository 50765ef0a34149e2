// Readers beside a writing daemon: `gongwen search` and `gongwen query` in loops while the
// daemon stores documents (and then while `gongwen reprocess --all` replaces them). No reader
// may fail, and none may ever see part of a document: every document visible in a snapshot
// has all its sections, metrics, diagnostics and full-text rows, and a search finds exactly
// the documents visible.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <mutex>
#include <thread>

#include "daemon_process.hpp"
#include "test_paths.hpp"

using namespace gongwen;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// Every document carries this term, in a line of its body: a search for it finds every
// visible document.
const std::string marker = "并发读取检查标记";

// In one statement, hence one snapshot: per visible document, whether its rows are whole.
const std::string census_sql = R"sql(
SELECT d.id,
       json_array_length(d.json, '$.sections') =
           (SELECT count(*) FROM sections s WHERE s.document_id = d.id)
       AND json_array_length(d.json, '$.metrics') =
           (SELECT count(*) FROM metrics m WHERE m.document_id = d.id)
       AND json_array_length(d.json, '$.diagnostics') =
           (SELECT count(*) FROM diagnostics g WHERE g.document_id = d.id)
       AND (SELECT count(*) FROM section_bodies b WHERE b.document_id = d.id) > 0 AS whole,
       (SELECT count(*) FROM section_bodies_fts
        WHERE rowid IN (SELECT id FROM section_bodies b WHERE b.document_id = d.id)) =
       (SELECT count(*) FROM section_bodies b WHERE b.document_id = d.id) AS indexed
FROM documents d)sql";

std::vector<std::string> sources() {
    std::vector<std::string> out;
    for (const auto& f : test::corpus_files()) out.push_back(test::read_file(f));
    out.push_back(
        test::read_file(test::source_dir() / "examples" / "reports" / "sample_summary.txt"));
    return out;
}

struct Observations {
    std::atomic<int> searches{0};
    std::atomic<int> censuses{0};
    std::atomic<int> partial_views{0};  // searches that saw some but not all documents
    std::atomic<int> failures{0};
    std::mutex mutex;
    std::vector<std::string> problems;
    void problem(const std::string& p) {
        ++failures;
        std::lock_guard lock(mutex);
        if (problems.size() < 20) problems.push_back(p);
    }
};

test::CommandResult run_gongwen(const test::DaemonProcess& d, std::vector<std::string> args) {
    args.insert(args.begin(), test::gongwen_binary().string());
    args.insert(args.begin() + 2, {"--config", d.config_file().string()});
    return test::run_command(args);
}

// One reader loop until `stop`: searches, checking that counts never go down (documents are
// only added or replaced) and never exceed `total`.
void search_loop(const test::DaemonProcess& d, std::int64_t total, const std::atomic<bool>& stop,
                 Observations& o) {
    std::int64_t last = 0;
    while (!stop) {
        const auto r = run_gongwen(d, {"search", marker, "--format", "json", "--limit", "0"});
        ++o.searches;
        if (r.exit_code != 0) {
            // Before the daemon created the file there is nothing to read yet.
            if (r.err.find("no database yet") == std::string::npos &&
                r.err.find("older than this gongwen") == std::string::npos)
                o.problem("search failed: " + r.err);
            continue;
        }
        const auto v = boost::json::parse(r.out);
        const std::int64_t n = v.at("total_documents").as_int64();
        if (n < last)
            o.problem("search saw " + std::to_string(n) + " after " + std::to_string(last));
        if (n > total) o.problem("search saw more documents than were dropped");
        if (n > 0 && n < total) ++o.partial_views;
        last = n;
        for (const auto& doc : v.at("documents").as_array())
            if (doc.at("sections").as_array().empty())
                o.problem("a hit without its section: document " +
                          std::to_string(doc.at("id").as_int64()));
    }
}

void census_loop(const test::DaemonProcess& d, const std::atomic<bool>& stop, Observations& o) {
    while (!stop) {
        const auto r = run_gongwen(d, {"query", census_sql, "--format", "json"});
        ++o.censuses;
        if (r.exit_code != 0) {
            if (r.err.find("no database yet") == std::string::npos &&
                r.err.find("no such table") == std::string::npos)
                o.problem("query failed: " + r.err);
            continue;
        }
        const auto rows = boost::json::parse(r.out);
        for (const auto& row : rows.as_array()) {
            const auto id = row.at("id").as_int64();
            if (row.at("whole").as_int64() != 1)
                o.problem("document " + std::to_string(id) + " seen without all its rows");
            if (row.at("indexed").as_int64() != 1)
                o.problem("document " + std::to_string(id) + " seen without its index rows");
        }
    }
}

}  // namespace

TEST(ConcurrentReaders, NeverFailAndNeverSeeAPartialDocument) {
    test::DaemonProcess d;
    fs::create_directories(d.inbox());
    // Distinct documents made from the reports (the corpus when present, and the sample), each
    // with a numbered line and the marker, dropped while the readers run.
    const auto texts = sources();
    const std::int64_t total = 60;
    d.start();

    Observations o;
    std::atomic<bool> stop{false};
    std::vector<std::thread> readers;
    readers.emplace_back([&] { search_loop(d, total, stop, o); });
    readers.emplace_back([&] { census_loop(d, stop, o); });

    for (std::int64_t i = 0; i < total; ++i) {
        std::string body = texts[static_cast<std::size_t>(i) % texts.size()];
        const std::size_t middle = body.find('\n', body.size() / 2);
        body.insert(middle == std::string::npos ? body.size() : middle,
                    "第" + std::to_string(i) + "份" + marker + "。");
        const fs::path staging = d.root() / ("staging" + std::to_string(i) + ".txt");
        test::write_file(staging, body);
        fs::rename(staging, d.inbox() / ("report" + std::to_string(i) + ".txt"));
        if (i % 10 == 9) std::this_thread::sleep_for(200ms);  // let the readers catch it mid-way
    }
    const bool all_done = test::wait_until(
        [&] {
            return test::sql_count(
                       d.database(),
                       "SELECT count(*) FROM files WHERE state IN ('done', 'failed')") == total;
        },
        120s);

    // Then every document replaced, one transaction each, while the readers go on.
    const int searches_before = o.searches;
    const auto reprocess = run_gongwen(d, {"reprocess", "--all"});
    while (o.searches < searches_before + 2) std::this_thread::sleep_for(50ms);
    stop = true;
    for (auto& t : readers) t.join();
    ASSERT_TRUE(all_done) << d.log();
    EXPECT_EQ(d.stop(), 0);

    EXPECT_EQ(reprocess.exit_code, 0) << reprocess.err;
    EXPECT_EQ(test::sql_count(d.database(), "SELECT count(*) FROM documents"), total);
    EXPECT_EQ(o.failures, 0) << [&] {
        std::string s;
        for (const auto& p : o.problems) s += p + "\n";
        return s;
    }();
    EXPECT_GT(o.searches, 5);
    EXPECT_GT(o.censuses, 5);
    // The readers did read while documents were arriving, not only before or after.
    EXPECT_GT(o.partial_views, 0) << o.searches << " searches, none mid-way";
    // The last word: the search finds them all.
    const auto r = run_gongwen(d, {"search", marker, "--format", "json", "--limit", "0"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(boost::json::parse(r.out).at("total_documents").as_int64(), total);
}
