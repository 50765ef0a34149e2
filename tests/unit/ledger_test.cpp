#include <gtest/gtest.h>

#include "ledger/ledger.hpp"
#include "store/document_store.hpp"
#include "test_paths.hpp"

using namespace gongwen;

TEST(Ledger, RecordsAFileOnceAndHandsItOutOnce) {
    test::TempDir dir;
    Database db(dir / "g.db");
    Ledger ledger(db);
    EXPECT_TRUE(ledger.record("/in/a.txt", 10, 1000));
    EXPECT_FALSE(ledger.record("/in/a.txt", 10, 1000));  // the same file again
    EXPECT_TRUE(ledger.record("/in/a.txt", 12, 2000));   // rewritten: a new version
    EXPECT_TRUE(ledger.record("/in/b.txt", 5, 1000));

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
