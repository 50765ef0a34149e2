// The full-text index over section bodies: what a body is, that it follows the document in the
// same transaction, and that a search finds exactly the documents that contain its terms.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "gongwen/utf8.hpp"
#include "index_segments.hpp"
#include "store/database.hpp"
#include "store/document_store.hpp"
#include "store/full_text_search.hpp"
#include "store/index_upkeep.hpp"
#include "store/script_fold.hpp"
#include "store/search_index.hpp"
#include "store/search_query.hpp"
#include "store/section_bodies.hpp"
#include "store/snippet.hpp"
#include "test_paths.hpp"

using namespace gongwen;

namespace {

// Sections and blocks laid on `text` by line: a line "一、…" opens a level-1 section, "（一）…"
// a level-2 one; a line starting with "【导航】" is boilerplate. Offsets are computed, as a
// section splitter would, so the test documents stay readable.
Document outlined(const std::string& sha, const std::string& text) {
    Document d;
    d.source = {"/in/" + sha + ".txt", std::nullopt, sha, text.size()};
    d.bytes = text;
    d.original_text = text;
    d.text = text;
    const std::u32string t = utf8::decode(text);
    std::size_t line_start = 0;
    std::vector<int> open;  // indices of sections still open, by level
    auto close_to = [&](int level, std::size_t at) {
        while (!open.empty() && d.sections[static_cast<std::size_t>(open.back())].level >= level) {
            d.sections[static_cast<std::size_t>(open.back())].end = at;
            open.pop_back();
        }
    };
    for (std::size_t i = 0; i <= t.size(); ++i) {
        if (i < t.size() && t[i] != U'\n') continue;
        const std::u32string line = t.substr(line_start, i - line_start);
        Block b{"body", "", line_start, i, -1, {}};
        int level = 0;
        if (line.rfind(U"【导航】", 0) == 0) {
            b.kind = "boilerplate";
            b.reason = "navigation";
        } else if (line.size() > 2 && line[1] == U'、') {
            level = 1;
        } else if (line.rfind(U"（", 0) == 0) {
            level = 2;
        }
        if (level) {
            close_to(level, line_start > 0 ? line_start - 1 : 0);
            const std::size_t marker_len = level == 1 ? 2 : 3;
            d.sections.push_back({level, utf8::encode(line.substr(0, marker_len)),
                                  utf8::encode(line.substr(marker_len)), line_start, i});
            open.push_back(static_cast<int>(d.sections.size() - 1));
            b.kind = "heading";
        }
        if (!open.empty()) b.section = open.back();
        d.blocks.push_back(b);
        line_start = i + 1;
    }
    close_to(1, t.size());
    return d;
}

const std::string report =
    "某区司法局2021年工作总结\n"
    "【导航】首页 行政复议 联系我们\n"
    "今年以来，全区扎实推进各项工作。\n"
    "一、行政复议工作\n"
    "全年办理行政复议案件39件。\n"
    "（一）复议体制改革\n"
    "深入推进体制改革。\n"
    "（二）应诉工作\n"
    "落实负责人出庭应诉制度。\n"
    "二、普法宣传\n"
    "开展全民普法活动12场。\n"
    "附件：无\n";

std::set<std::int64_t> ids_of(const SearchResults& r) {
    std::set<std::int64_t> ids;
    for (const auto& d : r.documents) ids.insert(d.document_id);
    return ids;
}

SearchResults find(Database& db, const std::string& query,
                   const ScriptFold* fold = &ScriptFold::shared()) {
    SearchLimits all;
    all.limit = 0;
    return search(db, parse_search_query(query, fold), all);
}

std::int64_t count(Database& db, const std::string& sql) {
    auto st = db.prepare(sql);
    st.step();
    return st.int64(0);
}

}  // namespace

TEST(SectionBodies, EachSectionHoldsItsOwnTextAndBoilerplateIsLeftOut) {
    const Document d = outlined("a", report);
    ASSERT_EQ(d.sections.size(), 4u);
    const auto bodies = section_bodies(d);
    ASSERT_EQ(bodies.size(), 5u);  // outside sections + 4 sections

    EXPECT_EQ(bodies[0].section, -1);
    EXPECT_EQ(bodies[0].heading, "");
    EXPECT_NE(bodies[0].body.find("某区司法局2021年工作总结"), std::string::npos);
    EXPECT_NE(bodies[0].body.find("今年以来"), std::string::npos);
    EXPECT_EQ(bodies[0].body.find("首页"), std::string::npos) << "navigation is boilerplate";

    // A parent holds its heading and its own text, not its subsections'.
    EXPECT_EQ(bodies[1].section, 0);
    EXPECT_EQ(bodies[1].heading, "一、行政复议工作");
    EXPECT_NE(bodies[1].body.find("39件"), std::string::npos);
    EXPECT_EQ(bodies[1].body.find("体制改革"), std::string::npos);
    EXPECT_EQ(bodies[2].heading, "（一）复议体制改革");
    EXPECT_NE(bodies[2].body.find("深入推进体制改革"), std::string::npos);

    // Every character of the text is in exactly one body, except the boilerplate.
    std::size_t total = 0;
    for (const auto& b : bodies)
        for (std::size_t p = 0; p < b.body.size();) total += utf8::next(b.body, p) != U'\n';
    std::size_t expected = 0;
    const std::u32string t = utf8::decode(report);
    const std::size_t nav = utf8::length("【导航】首页 行政复议 联系我们");
    expected = static_cast<std::size_t>(
                   std::count_if(t.begin(), t.end(), [](char32_t c) { return c != U'\n'; })) -
               nav;
    EXPECT_EQ(total, expected);
}

TEST(SectionBodies, WithoutOutlineTheWholeTextIsOneBody) {
    Document d;
    d.text = "第一行\n第二行\n";
    const auto bodies = section_bodies(d);
    ASSERT_EQ(bodies.size(), 1u);
    EXPECT_EQ(bodies[0].body, d.text);
}

TEST(SectionBodies, OffsetsBeyondTheTextAreClampedNotTrusted) {
    Document d;
    d.text = "短文本";
    d.sections = {{1, "一、", "x", 1, 999}, {2, "", "y", 500, 400}};
    d.blocks = {{"boilerplate", "footer", 2, 1000, -1, {}}};
    const auto bodies = section_bodies(d);
    ASSERT_EQ(bodies.size(), 2u);
    EXPECT_EQ(bodies[0].body, "短");
    EXPECT_EQ(bodies[1].body, "文");
}

TEST(SearchIndex, SavingADocumentIndexesItAndSavingAgainReplacesTheRows) {
    test::TempDir dir;
    Database db(dir / "g.db");
    DocumentStore store(db);
    const auto id = store.save(outlined("a", report), "c");
    EXPECT_EQ(count(db, "SELECT count(*) FROM section_bodies"), 5);
    EXPECT_EQ(ids_of(find(db, "行政复议")), std::set<std::int64_t>{id});

    Document changed = outlined("a", "一、新的标题\n只谈法律援助。\n");
    EXPECT_EQ(store.save(changed, "c"), id);
    EXPECT_EQ(count(db, "SELECT count(*) FROM section_bodies"), 1);
    EXPECT_TRUE(find(db, "行政复议").documents.empty()) << "old index rows must go";
    EXPECT_EQ(ids_of(find(db, "法律援助")), std::set<std::int64_t>{id});
    // The FTS index itself agrees with its content table.
    db.exec("INSERT INTO section_bodies_fts (section_bodies_fts) VALUES ('integrity-check')");
}

TEST(SearchIndex, AnUncommittedSaveLeavesNoIndexRows) {
    test::TempDir dir;
    Database writer(dir / "g.db");
    Database reader(dir / "g.db", Database::Mode::read_only);
    DocumentStore store(writer);
    {
        Transaction tx(writer);
        store.save(outlined("a", report), "c");
        EXPECT_TRUE(find(reader, "行政复议").documents.empty());
    }
    EXPECT_TRUE(find(writer, "行政复议").documents.empty());
    EXPECT_EQ(count(writer, "SELECT count(*) FROM section_bodies"), 0);
}

TEST(SearchIndex, DeletingADocumentDeletesItsIndexRows) {
    test::TempDir dir;
    Database db(dir / "g.db");
    DocumentStore store(db);
    const auto id = store.save(outlined("a", report), "c");
    db.exec("DELETE FROM documents WHERE id = " + std::to_string(id));
    EXPECT_EQ(count(db, "SELECT count(*) FROM section_bodies"), 0);
    EXPECT_TRUE(find(db, "行政复议").documents.empty());
    db.exec("INSERT INTO section_bodies_fts (section_bodies_fts) VALUES ('integrity-check')");
}

TEST(SearchIndex, MigratingAnOlderDatabaseIndexesTheDocumentsAlreadyStored) {
    test::TempDir dir;
    std::int64_t id = 0;
    {
        Database db(dir / "g.db");
        id = DocumentStore(db).save(outlined("a", report), "c");
        // Back to how schema version 1 left it: documents, but no search index.
        db.exec(
            "DROP TABLE section_bodies_fts; DROP TABLE section_bodies; DROP INDEX runs_document; "
            "DROP INDEX metrics_kind; PRAGMA user_version = 1");
    }
    Database db(dir / "g.db");
    EXPECT_EQ(count(db, "SELECT count(*) FROM section_bodies"), 5);
    EXPECT_EQ(ids_of(find(db, "普法活动")), std::set<std::int64_t>{id});
}

TEST(IndexUpkeep, StoringLeavesSegmentsThatUpkeepMergesInBoundedSteps) {
    test::TempDir dir;
    Database db(dir / "g.db");
    EXPECT_EQ(count(db, "SELECT v FROM section_bodies_fts_config WHERE k = 'automerge'"), 0);
    DocumentStore store(db);
    std::set<std::int64_t> ids;
    for (int i = 0; i < 12; ++i)  // fewer than crisismerge (16): FTS5 merges none by itself
        ids.insert(store.save(outlined("d" + std::to_string(i), report), "c"));
    const std::int64_t stored = test::index_segments(db);
    EXPECT_GE(stored, 12) << "each commit writes its own segment and merges nothing";

    IndexUpkeep upkeep(db);
    int steps = 1;
    while (upkeep.step()) ASSERT_LT(++steps, 1000) << "upkeep must come to an end";
    EXPECT_GT(steps, 1) << "12 segments are worth merging";
    EXPECT_LT(test::index_segments(db), stored / 2);
    EXPECT_FALSE(upkeep.step()) << "nothing left to merge";
    EXPECT_EQ(ids_of(find(db, "行政复议")), ids);
    EXPECT_EQ(ids_of(find(db, "普法活动")), ids);
    db.exec("INSERT INTO section_bodies_fts (section_bodies_fts) VALUES ('integrity-check')");
}

TEST(FullTextSearch, FindsExactlyTheDocumentsContainingATermOfAnyLength) {
    test::TempDir dir;
    Database db(dir / "g.db");
    DocumentStore store(db);
    const auto a = store.save(outlined("a", report), "c");
    const auto b =
        store.save(outlined("b", "一、工作概况\n开展普法宣传，办理法律援助案件。\n"), "c");
    const auto c = store.save(outlined("c", "一、其他\n普通的工作。法\n律\n"), "c");

    EXPECT_EQ(ids_of(find(db, "行政复议")), (std::set<std::int64_t>{a}));
    EXPECT_EQ(ids_of(find(db, "法律援助")), (std::set<std::int64_t>{b}));
    // Two characters: below what a trigram can index, answered by the scan.
    const auto pufa = find(db, "普法");
    EXPECT_FALSE(pufa.used_index);
    EXPECT_EQ(ids_of(pufa), (std::set<std::int64_t>{a, b}));
    EXPECT_EQ(ids_of(find(db, "工作")), (std::set<std::int64_t>{a, b, c}));
    // No match across a line break, nor into boilerplate.
    EXPECT_TRUE(find(db, "法律").documents.size() == 1);
    EXPECT_TRUE(find(db, "联系我们").documents.empty());
    // Every term in the same section body: both are in a's section 一 only.
    EXPECT_EQ(ids_of(find(db, "行政复议 39件")), (std::set<std::int64_t>{a}));
    EXPECT_TRUE(find(db, "行政复议 法律援助").documents.empty());
    // A long term and a short one together: the index, then a filter.
    EXPECT_EQ(ids_of(find(db, "法律援助 普法")), (std::set<std::int64_t>{b}));
}

TEST(FullTextSearch, RanksAndLimitsAndSaysWhereTheHitIs) {
    test::TempDir dir;
    Database db(dir / "g.db");
    DocumentStore store(db);
    store.save(outlined("a", "一、甲\n律师。\n"), "c");
    const auto many = store.save(outlined("b", "一、乙\n律师律师律师，律师事务所。\n"), "c");
    SearchLimits one;
    one.limit = 1;
    const auto r = search(db, parse_search_query("律师", nullptr), one);
    EXPECT_EQ(r.total_documents, 2);
    ASSERT_EQ(r.documents.size(), 1u);
    EXPECT_EQ(r.documents[0].document_id, many);
    ASSERT_EQ(r.documents[0].sections.size(), 1u);
    EXPECT_EQ(r.documents[0].sections[0].section, 0);
    EXPECT_EQ(r.documents[0].sections[0].heading, "一、乙");
    EXPECT_EQ(r.documents[0].sections[0].snippet.marks.size(), 4u);
}

TEST(FullTextSearch, AQueryInEitherScriptFindsTextInEitherScript) {
    test::TempDir dir;
    Database db(dir / "g.db");
    DocumentStore store(db);
    const auto hans = store.save(outlined("a", "一、甲\n办理行政复议案件。\n"), "c");
    const auto hant = store.save(outlined("b", "一、乙\n辦理行政復議案件。\n"), "c");
    // OpenCC's Traditional for 复议 is 複議; Hong Kong and Macau reports write 復議.
    const auto other = store.save(outlined("c", "一、丙\n行政複議申請\n"), "c");
    const auto none = store.save(outlined("d", "一、丁\n行政诉讼\n"), "c");
    ASSERT_TRUE(ScriptFold::shared().warning().empty()) << ScriptFold::shared().warning();
    const std::set<std::int64_t> all = {hans, hant, other};
    EXPECT_EQ(ids_of(find(db, "行政复议")), all);
    EXPECT_EQ(ids_of(find(db, "行政復議")), all);
    EXPECT_EQ(ids_of(find(db, "行政複議")), all);
    EXPECT_EQ(ids_of(find(db, "復議")), all) << "the scan compares folded text too";
    // It is the folding of the query that does it: unfolded, a Traditional query misses.
    EXPECT_TRUE(find(db, "行政復議", nullptr).documents.empty());
    (void)none;
    // The snippet shows the text as stored, with the hit marked in it.
    const auto r = find(db, "行政复议");
    for (const auto& d : r.documents) {
        ASSERT_EQ(d.sections.size(), 1u);
        const Snippet& s = d.sections[0].snippet;
        ASSERT_EQ(s.marks.size(), 1u) << s.text;
        if (d.document_id == hant) {
            EXPECT_EQ(s.highlighted("[", "]"), "一、乙 辦理[行政復議]案件。");
        }
    }
}

TEST(FullTextSearch, CharactersSpecialToSqlOrFtsAreSearchedLiterally) {
    test::TempDir dir;
    Database db(dir / "g.db");
    DocumentStore store(db);
    const auto id = store.save(outlined("a", "一、甲\n完成率100%，\"NEAR\" AND OR 50_x。\n"), "c");
    EXPECT_EQ(ids_of(find(db, "0%")), (std::set<std::int64_t>{id}));
    EXPECT_TRUE(find(db, "1%0").documents.empty());
    EXPECT_EQ(ids_of(find(db, "AND OR")), (std::set<std::int64_t>{id}));
    EXPECT_EQ(ids_of(find(db, "_x")), (std::set<std::int64_t>{id}));
    EXPECT_TRUE(find(db, "5%x").documents.empty());
    EXPECT_EQ(ids_of(find(db, "near")), (std::set<std::int64_t>{id})) << "ASCII case ignored";
    EXPECT_EQ(ids_of(find(db, "ne")), (std::set<std::int64_t>{id})) << "also in the scan";
}

TEST(SearchQuery, SplitsOnSpacesKeepsQuotedTermsAndRefusesEmptyOnes) {
    const auto t = parse_search_query("行政复议　\"法律 援助\"  普法", nullptr);
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(t[0].typed, "行政复议");
    EXPECT_EQ(t[1].typed, "法律 援助");
    EXPECT_EQ(t[2].typed, "普法");
    EXPECT_TRUE(t[0].indexed());
    EXPECT_FALSE(t[2].indexed());
    EXPECT_THROW(parse_search_query("  ", nullptr), SearchQueryError);
    EXPECT_THROW(parse_search_query("\"  \"", nullptr), SearchQueryError);
    EXPECT_THROW(parse_search_query("\"open", nullptr), SearchQueryError);
    EXPECT_THROW(parse_search_query("\xff\xfe", nullptr), SearchQueryError);
    const auto folded = parse_search_query("行政復議", &ScriptFold::shared());
    EXPECT_EQ(folded[0].typed, "行政復議");
    EXPECT_EQ(folded[0].folded, "行政复议");
}

TEST(ScriptFold, FoldsTraditionalVariantsAndFullWidthFormsOneForOne) {
    const ScriptFold& f = ScriptFold::shared();
    ASSERT_TRUE(f.warning().empty()) << f.warning();
    EXPECT_EQ(f.fold("辦理行政復議案件"), "办理行政复议案件");
    EXPECT_EQ(f.fold("行政複議"), "行政复议");
    EXPECT_EQ(f.fold("２０２１年ＧＤＰ"), "2021年GDP");
    EXPECT_EQ(f.fold("办理行政复议 abc"), "办理行政复议 abc");
    const std::string mixed = "澳門特別行政區衞生局，裡面";
    EXPECT_EQ(utf8::length(f.fold(mixed)), utf8::length(mixed));
}

TEST(ScriptFold, WithoutItsTablesFoldsOnlyFullWidthFormsAndSaysWhy) {
    const ScriptFold f("/nonexistent/opencc");
    EXPECT_NE(f.warning().find("HKVariantsRev"), std::string::npos) << f.warning();
    EXPECT_EQ(f.fold("行政復議１"), "行政復議1");
}

TEST(Snippet, CutsAroundTheFirstHitAndMarksEveryOccurrence) {
    const std::string body =
        "前文前文前文前文前文\n办理行政复议案件，行政复议决定。\n后文后文后文后文后文";
    const Snippet s = make_snippet(body, body, {"行政复议"}, 3, 14);
    EXPECT_EQ(s.text, "…办理行政复议案件，行政复议决定。 后文后…");
    ASSERT_EQ(s.marks.size(), 2u);
    EXPECT_EQ(s.highlighted("[", "]"), "…办理[行政复议]案件，[行政复议]决定。 后文后…");
    // The longest spelling wins where two start together; ASCII case is ignored.
    const Snippet t = make_snippet("查看GDP总量", "查看GDP总量", {"gdp", "GDP总量"});
    EXPECT_EQ(t.highlighted("<", ">"), "查看<GDP总量>");
    // No hit: the start of the body, unmarked.
    EXPECT_EQ(make_snippet("abcdef", "abcdef", {"x"}, 2, 3).text, "abc…");
    // Matched in the folded text, cut from the stored one.
    EXPECT_EQ(make_snippet("辦理行政復議", "办理行政复议", {"行政复议"}).highlighted("<", ">"),
              "辦理<行政復議>");
}
