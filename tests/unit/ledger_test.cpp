#include <gtest/gtest.h>

#include "ledger/ledger.hpp"
#include "store/document_store.hpp"
#include "test_paths.hpp"

using namespace gongwen;

TEST(Ledger, RecordsAFileOnceAndHandsItOutOnce) {
    test::TempDir dir;
    Database db(dir / "g.db");
    Ledger ledger(db);
    EXPECT_EQ(ledger.record("/in/a.txt", 10, 1000).outcome, Recorded::queued);
    // The same file again, while it waits.
    EXPECT_EQ(ledger.record("/in/a.txt", 10, 1000).outcome, Recorded::already_queued);
    // Rewritten: a new version.
    EXPECT_EQ(ledger.record("/in/a.txt", 12, 2000).outcome, Recorded::queued);
    EXPECT_EQ(ledger.record("/in/b.txt", 5, 1000).outcome, Recorded::queued);

    auto first = ledger.claim_next();
    ASSERT_TRUE(first);
    EXPECT_EQ(first->path, "/in/a.txt");
    EXPECT_EQ(first->size, 10u);
    EXPECT_EQ(first->attempts, 1);
    auto second = ledger.claim_next();
    auto third = ledger.claim_next();
    ASSERT_TRUE(second && third);
    EXPECT_EQ(third->path, "/in/b.txt");
    EXPECT_FALSE(ledger.claim_next());

    const LedgerCounts c = ledger.counts();
    EXPECT_EQ(c.processing, 3);
    EXPECT_EQ(c.queued, 0);
}

TEST(Ledger, InterruptedWorkIsQueuedAgain) {
    test::TempDir dir;
    {
        Database db(dir / "g.db");
        Ledger ledger(db);
        ledger.record("/in/a.txt", 1, 1);
        ledger.record("/in/b.txt", 1, 1);
        ASSERT_TRUE(ledger.claim_next());
        ASSERT_TRUE(ledger.claim_next());
        DocumentStore store(db);
        Document d;
        d.source.sha256 = "s";
        ledger.mark_done(1, "s", store.save(d, "c"));
    }  // "crash" with b still processing
    {
        Database db(dir / "g.db");
        EXPECT_EQ(Ledger(db).record("/in/a.txt", 1, 1).outcome, Recorded::already_done);
    }
    Database db(dir / "g.db");
    Ledger ledger(db);
    EXPECT_EQ(ledger.requeue_interrupted(), 1);
    auto again = ledger.claim_next();
    ASSERT_TRUE(again);
    EXPECT_EQ(again->path, "/in/b.txt");
    EXPECT_EQ(again->attempts, 2);
    EXPECT_FALSE(ledger.claim_next());  // a is done and stays done
}

TEST(Ledger, FailuresKeepTheirReason) {
    test::TempDir dir;
    Database db(dir / "g.db");
    Ledger ledger(db);
    ledger.record("/in/bad.txt", 1, 1);
    auto e = ledger.claim_next();
    ASSERT_TRUE(e);
    ledger.mark_failed(e->id, "", "not valid UTF-8");
    const auto failures = ledger.recent_failures(5);
    ASSERT_EQ(failures.size(), 1u);
    EXPECT_EQ(failures[0].path, "/in/bad.txt");
    EXPECT_EQ(failures[0].error, "not valid UTF-8");
    EXPECT_EQ(ledger.counts().failed, 1);
}

TEST(Ledger, SeenFilesBecomeQueuedOrAreForgotten) {
    test::TempDir dir;
    Database db(dir / "g.db");
    Ledger ledger(db);
    ledger.note_seen("/in/slow.txt", 10, 1);  // still being written
    ledger.note_seen("/in/slow.txt", 20, 2);  // grew
    ledger.note_seen("/in/gone.txt", 5, 1);
    EXPECT_EQ(ledger.counts().seen, 2);
    EXPECT_FALSE(ledger.claim_next());  // nothing seen is handed out before it is complete

    const auto r = ledger.record("/in/slow.txt", 30, 3);  // complete at last
    EXPECT_EQ(r.outcome, Recorded::queued);
    ledger.forget_seen("/in/gone.txt");
    const LedgerCounts c = ledger.counts();
    EXPECT_EQ(c.seen, 0);
    EXPECT_EQ(c.queued, 1);
    auto e = ledger.claim_next();
    ASSERT_TRUE(e);
    EXPECT_EQ(e->id, r.file_id);  // the seen row itself moved on, no second row
    EXPECT_EQ(e->size, 30u);

    ledger.note_seen("/in/left.txt", 1, 1);
    EXPECT_EQ(ledger.clear_seen(), 1);  // start-up: the scan will notice it again
}

TEST(Ledger, RetryableFailuresGoBackToTheQueueWithTheirReason) {
    test::TempDir dir;
    Database db(dir / "g.db");
    Ledger ledger(db);
    ledger.record("/in/a.txt", 1, 1);
    auto first = ledger.claim_next();
    ASSERT_TRUE(first);
    ledger.requeue(first->id, "worker crashed: signal 11");
    EXPECT_EQ(ledger.error_of(first->id), "worker crashed: signal 11");
    auto second = ledger.claim_next();
    ASSERT_TRUE(second);
    EXPECT_EQ(second->attempts, 2);
}

TEST(Ledger, MembersAndMovesAreRecorded) {
    test::TempDir dir;
    Database db(dir / "g.db");
    Ledger ledger(db);
    const auto r = ledger.record("/in/a.zip", 1, 1);
    ledger.record_member(r.file_id, {"x/1.txt", std::nullopt, "skipped", "path traversal"});
    ledger.record_member(r.file_id, {"x/1.txt", std::nullopt, "failed", "not text"});  // replaces
    ledger.set_moved_to(r.file_id, "/in/done/a.zip");
    auto st = db.prepare("SELECT count(*), max(outcome) FROM members");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.int64(0), 1);
    EXPECT_EQ(st.text(1), "failed");
    auto moved = db.prepare("SELECT moved_to FROM files");
    ASSERT_TRUE(moved.step());
    EXPECT_EQ(moved.text(0), "/in/done/a.zip");
    EXPECT_EQ(ledger.finished_within(60), 0);
}
