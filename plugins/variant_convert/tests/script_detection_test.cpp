// script.detected and script.share: which script a document is written in, by the characters
// only one of the scripts uses.
#include <gtest/gtest.h>

#include "variant_chain.hpp"

using namespace variant_convert::test;

TEST(ScriptDetection, SimplifiedTraditionalAndMixedFixtures) {
    VariantChain chain("target = \"none\"");
    const gongwen::Document hans = chain.run(read_fixture("simplified_plan.txt"));
    EXPECT_EQ(hans.script.detected, "Hans");
    EXPECT_DOUBLE_EQ(hans.script.share, 1.0);

    // The site's own converter left a few Simplified characters (关于, 并): still Traditional.
    const gongwen::Document hant = chain.run(read_fixture("traditional_summary.txt"));
    EXPECT_EQ(hant.script.detected, "Hant");
    EXPECT_GT(hant.script.share, 0.9);
    EXPECT_LT(hant.script.share, 1.0);

    const gongwen::Document mixed = chain.run(read_fixture("mixed_quotes.txt"));
    EXPECT_EQ(mixed.script.detected, "mixed");
    EXPECT_GT(mixed.script.share, 0.5);
    EXPECT_LT(mixed.script.share, 0.9);
    ASSERT_EQ(mixed.diagnostics.size(), 1u);
    EXPECT_EQ(mixed.diagnostics[0].plugin, "variant_convert");
    EXPECT_NE(mixed.diagnostics[0].message.find("mixed script"), std::string::npos);
}

TEST(ScriptDetection, CharactersBothScriptsWriteDoNotVote) {
    VariantChain chain("target = \"none\"");
    // 后, 干, 面, 于 are written in both scripts; 中文, 人民 are the same in both.
    const gongwen::Document doc = chain.run("皇后 干涉 方面 于是 中文 人民");
    EXPECT_EQ(doc.script.detected, "none");
    EXPECT_EQ(doc.script.share, 0.0);
}

TEST(ScriptDetection, MixedThresholdDecidesWhereMixedBegins) {
    const std::string text = read_fixture("mixed_quotes.txt");
    const gongwen::Document strict = VariantChain("target = \"none\"").run(text);
    ASSERT_EQ(strict.script.detected, "mixed");
    const gongwen::Document lenient =
        VariantChain("target = \"none\"\nmixed_threshold = 0.6").run(text);
    EXPECT_EQ(lenient.script.detected, "Hans");
    EXPECT_DOUBLE_EQ(lenient.script.share, strict.script.share);
}

TEST(ScriptDetection, TargetNoneDetectsButConvertsNothing) {
    const std::string text = read_fixture("traditional_summary.txt");
    const gongwen::Document doc = VariantChain("target = \"none\"").run(text);
    EXPECT_EQ(doc.script.detected, "Hant");
    EXPECT_EQ(doc.text, text);
    EXPECT_EQ(doc.script.converted_to, "");
    EXPECT_TRUE(doc.offset_map.empty());
}

TEST(ScriptDetection, CorpusReportsAreOneScriptEach) {
    GONGWEN_REQUIRE_CORPUS();
    VariantChain chain("target = \"none\"");
    for (const auto& file : gongwen::test::corpus_files()) {
        const gongwen::Document doc = chain.run(gongwen::test::read_file(file));
        EXPECT_TRUE(doc.script.detected == "Hans" || doc.script.detected == "Hant")
            << file << ": " << doc.script.detected << " " << doc.script.share;
        EXPECT_GT(doc.script.share, 0.95) << file;
    }
}
