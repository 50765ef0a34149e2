#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/database.hpp"
#include "store/document_store.hpp"
#include "store/schema.hpp"
#include "test_paths.hpp"

using namespace gongwen;

namespace {

Document doc_with(const std::string& sha, int metrics) {
    Document d;
    d.source = {"/in/a.txt", std::nullopt, sha, 10};
    d.bytes = std::string("\xB9\xA4\x00raw", 6);  // not UTF-8, with a NUL: kept as a BLOB
    d.original_text = "全省辦理案件";
    d.text = "全省办理案件";
    d.title = "标题";
    d.published = "2022-01-02";
    d.sections = {{1, "一、", "总体情况", 0, 6}};
    for (int i = 0; i < metrics; ++i) {
        Metric m;
        m.text = std::to_string(i) + "件";
        m.value = i;
        m.unit = "件";
        m.kind = "count";
        m.subject = "案件";
        m.section = 0;
        d.metrics.push_back(m);
    }
    d.diagnose("test", Severity::info, "hello");
    return d;
}

std::int64_t count(Database& db, const std::string& sql) {
    auto st = db.prepare(sql);
    st.step();
    return st.int64(0);
}

}  // namespace

TEST(Database, CreatesTheSchemaInWalMode) {
    test::TempDir dir;
    Database db(dir / "sub" / "g.db");
    auto mode = db.prepare("PRAGMA journal_mode");
    ASSERT_TRUE(mode.step());
    EXPECT_EQ(mode.text(0), "wal");
    EXPECT_EQ(count(db, "PRAGMA user_version"), schema_version());
    for (const char* t : {"files", "documents", "runs", "sections", "metrics", "diagnostics"})
        EXPECT_EQ(
            count(db, std::string("SELECT count(*) FROM sqlite_master WHERE name = '") + t + "'"),
            1)
            << t;
}

TEST(Database, ReopeningDoesNotMigrateAgain) {
    test::TempDir dir;
    { Database db(dir / "g.db"); }
    Database db(dir / "g.db");
    EXPECT_EQ(count(db, "PRAGMA user_version"), schema_version());
}

TEST(Database, RefusesADatabaseFromANewerGongwen) {
    test::TempDir dir;
    {
        Database db(dir / "g.db");
        db.exec("PRAGMA user_version = 999");
    }
    try {
        Database db(dir / "g.db");
        FAIL();
    } catch (const DatabaseError& e) {
        EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
    }
}

TEST(Database, ReadOnlyOpenOfAMissingFileIsAClearError) {
    test::TempDir dir;
    EXPECT_THROW(Database(dir / "none.db", Database::Mode::read_only), DatabaseError);
}

TEST(DocumentStore, SavesAndLoadsADocument) {
    test::TempDir dir;
    Database db(dir / "g.db");
    DocumentStore store(db);
    const Document d = doc_with("aa", 3);
    const auto id = store.save(d, "chain@1");
    EXPECT_EQ(store.find_by_sha256("aa"), id);
    EXPECT_FALSE(store.find_by_sha256("bb"));
    EXPECT_EQ(count(db, "SELECT count(*) FROM metrics WHERE document_id = " + std::to_string(id)),
              3);
    EXPECT_EQ(count(db, "SELECT count(*) FROM sections"), 1);
    EXPECT_EQ(count(db, "SELECT count(*) FROM diagnostics"), 1);

    const auto back = store.load(id);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->text, d.text);
    EXPECT_EQ(back->original_text, d.original_text);
    EXPECT_EQ(back->metrics.size(), 3u);
    EXPECT_EQ(back->published, "2022-01-02");
    EXPECT_EQ(back->bytes, d.bytes);  // what reprocessing starts from
    // The texts are stored once, in their columns, not again inside the JSON.
    auto st = db.prepare("SELECT instr(json, '全省') FROM documents");
    st.step();
    EXPECT_EQ(st.int64(0), 0);
}

TEST(DocumentStore, SavingTheSameContentAgainReplacesItsRows) {
    test::TempDir dir;
    Database db(dir / "g.db");
    DocumentStore store(db);
    const auto id1 = store.save(doc_with("aa", 5), "c");
    const auto id2 = store.save(doc_with("aa", 2), "c");
    EXPECT_EQ(id1, id2);
    EXPECT_EQ(count(db, "SELECT count(*) FROM documents"), 1);
    EXPECT_EQ(count(db, "SELECT count(*) FROM metrics"), 2);
}

TEST(DocumentStore, AnUncommittedTransactionLeavesNothingBehind) {
    test::TempDir dir;
    Database db(dir / "g.db");
    DocumentStore store(db);
    {
        Transaction tx(db);
        store.save(doc_with("aa", 4), "c");
    }  // no commit
    EXPECT_EQ(count(db, "SELECT count(*) FROM documents"), 0);
    EXPECT_EQ(count(db, "SELECT count(*) FROM metrics"), 0);
}

TEST(DocumentStore, ReadersNeverSeeHalfADocument) {
    test::TempDir dir;
    Database writer(dir / "g.db");
    Database reader(dir / "g.db", Database::Mode::read_only);
    DocumentStore store(writer);
    Transaction tx(writer);
    store.save(doc_with("aa", 4), "c");
    EXPECT_EQ(count(reader, "SELECT count(*) FROM metrics"), 0);
    tx.commit();
    EXPECT_EQ(count(reader, "SELECT count(*) FROM metrics"), 4);
}

TEST(DocumentStore, RecordsRuns) {
    test::TempDir dir;
    Database db(dir / "g.db");
    DocumentStore store(db);
    RunRecord run;
    run.chain = "encoding_fix@0.1.0";
    run.started = utc_now_iso8601();
    run.micros = 120;
    run.outcome = "failed";
    run.failed_plugin = "encoding_fix";
    run.error = "not UTF-8";
    store.record_run(run);
    auto st = db.prepare("SELECT outcome, failed_plugin, error, file_id FROM runs");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.text(0), "failed");
    EXPECT_EQ(st.text(1), "encoding_fix");
    EXPECT_EQ(st.text(2), "not UTF-8");
    EXPECT_TRUE(st.is_null(3));
}
