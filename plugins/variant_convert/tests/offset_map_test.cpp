// The offset map: every position of the converted text leads back to its place in
// original_text.
#include <gtest/gtest.h>

#include "gongwen/utf8.hpp"
#include "opencc_reference.hpp"
#include "variant_chain.hpp"

using namespace variant_convert::test;

namespace {

// Sorted, contiguous, covering both texts, as Document::offset_map promises.
void expect_well_formed(const gongwen::Document& doc) {
    if (doc.offset_map.empty()) {
        EXPECT_EQ(doc.text, doc.original_text) << "an empty map but the text changed";
        return;
    }
    std::size_t text = 0, original = 0;
    for (const auto& segment : doc.offset_map) {
        EXPECT_EQ(segment.text_start, text);
        EXPECT_EQ(segment.original_start, original);
        EXPECT_GT(segment.text_len, 0u);
        text += segment.text_len;
        original += segment.original_len;
    }
    EXPECT_EQ(text, gongwen::utf8::length(doc.text));
    EXPECT_EQ(original, gongwen::utf8::length(doc.original_text));
}

// At every `step`-th position: where the map is one for one, the original character is the
// same or one that the OpenCC configuration writes as the converted one.
void expect_positions_map_back(const gongwen::Document& doc, const std::string& config,
                               std::size_t step) {
    const std::u32string text = gongwen::utf8::decode(doc.text);
    const std::u32string original = gongwen::utf8::decode(doc.original_text);
    std::size_t checked = 0;
    for (const auto& segment : doc.offset_map) {
        if (segment.text_len != segment.original_len) continue;
        for (std::size_t i = 0; i < segment.text_len; i += step) {
            const std::size_t p = segment.text_start + i;
            const std::size_t q = gongwen::map_to_original(doc, p);
            ASSERT_EQ(q, segment.original_start + i);
            ASSERT_LT(q, original.size());
            EXPECT_TRUE(opencc_may_write(config, original[q], text[p]))
                << "text " << p << " " << utf8_of(text[p]) << " <- original " << q << " "
                << utf8_of(original[q]);
            ++checked;
        }
    }
    EXPECT_GT(checked, 0u);
}

}  // namespace

TEST(OffsetMap, CorpusPositionsMapBackToTheCharacterTheyCameFrom) {
    GONGWEN_REQUIRE_CORPUS();
    VariantChain to_hans;
    VariantChain to_taiwan("target = \"zh-TW\"");
    for (const auto& file : gongwen::test::corpus_files()) {
        const std::string report = gongwen::test::read_file(file);
        const gongwen::Document hans = to_hans.run(report);
        expect_well_formed(hans);
        if (!hans.offset_map.empty()) expect_positions_map_back(hans, "t2s", 7);
        const gongwen::Document taiwan = to_taiwan.run(report);
        expect_well_formed(taiwan);
        expect_positions_map_back(taiwan, "s2twp", 7);
    }
}

TEST(OffsetMap, EveryPositionOfTheFixturesMapsBack) {
    for (const std::string name : {"traditional_summary.txt", "mixed_quotes.txt"}) {
        const gongwen::Document doc = VariantChain().run(read_fixture(name));
        ASSERT_FALSE(doc.offset_map.empty()) << name;
        expect_well_formed(doc);
        expect_positions_map_back(doc, "t2s", 1);
    }
}

TEST(OffsetMap, PhrasesOfAnotherLengthMapAsAWhole) {
    // s2twp writes U盘 as 隨身碟 and 字节 as 位元組: three characters for two.
    const std::string text = read_fixture("taiwan_terms.txt");
    const gongwen::Document doc = VariantChain("target = \"zh-TW\"").run(text);
    expect_well_formed(doc);
    const std::u32string converted = gongwen::utf8::decode(doc.text);
    const std::u32string original = gongwen::utf8::decode(text);
    const std::size_t stick = converted.find(U"隨身碟");
    const std::size_t u_pan = original.find(U"U盘");
    ASSERT_NE(stick, std::u32string::npos);
    ASSERT_NE(u_pan, std::u32string::npos);
    EXPECT_EQ(gongwen::map_to_original(doc, stick), u_pan);
    EXPECT_EQ(gongwen::map_to_original(doc, stick + 3), u_pan + 2);
    // Figures after both longer phrases still land on themselves.
    for (const std::u32string figure : {U"320套", U"512TB", U"2.3兆", U"10千兆"}) {
        const std::size_t at = converted.find(figure);
        ASSERT_NE(at, std::u32string::npos);
        EXPECT_EQ(gongwen::map_to_original(doc, at), original.find(figure));
    }
}

TEST(OffsetMap, EmptyWhenNothingChanged) {
    const gongwen::Document doc = VariantChain().run(read_fixture("simplified_plan.txt"));
    EXPECT_TRUE(doc.offset_map.empty());
    expect_well_formed(doc);
}

TEST(OffsetMap, AMapThatArrivesWithTheTextIsKeptUnderOurs) {
    // An earlier stage left text = 頭髮與U盤 taken from the middle of original_text.
    gongwen::test::ChainHarness chain({"variant_convert"},
                                      "[plugins.variant_convert]\ntarget = \"zh-Hans\"\n");
    gongwen::Document doc = gongwen::test::document_from_bytes("");
    doc.original_text = "[[頭髮與U盤]]";
    doc.text = "頭髮與U盤";
    doc.offset_map = {{0, 5, 2, 5}};
    ASSERT_FALSE(chain.try_run(doc));
    EXPECT_EQ(doc.text, "头发与U盘");
    EXPECT_EQ(doc.original_text, "[[頭髮與U盤]]");
    for (std::size_t p = 0; p < 5; ++p) EXPECT_EQ(gongwen::map_to_original(doc, p), p + 2);
}
