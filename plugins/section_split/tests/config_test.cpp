// section_split's config keys and data files, through the real config loader and chain.
#include <gtest/gtest.h>

#include "chain/plugin_library.hpp"
#include "chain_harness.hpp"
#include "split_checks.hpp"
#include "test_paths.hpp"

using namespace section_split_test;
using gongwen::test::ChainHarness;

namespace {

const std::string report =
    "2022年工作总结\n\n一、主要工作\n\n全年办理案件120件。\n\n点击这里领取大奖\n\n"
    "三、下步打算\n\n继续努力。\n\n统筹推进\n\n深化改革，加强管理，取得明显成效。\n";

std::string load_error(const std::string& toml) {
    try {
        ChainHarness chain({"section_split"}, toml);
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(SectionSplitConfig, DefaultsReportTheSkippedChapter) {
    ChainHarness chain({"encoding_fix", "section_split"});
    const auto doc = chain.run(report);
    EXPECT_EQ(warnings(doc).size(), 1u);
    expect_block(doc, "点击这里领取大奖", "body");
    expect_block(doc, "统筹推进", "heading");
}

TEST(SectionSplitConfig, ExtraDataDirExtendsThePatterns) {
    gongwen::test::TempDir dir;
    gongwen::test::write_file(dir / "spam.txt", "# local additions\n领取大奖 3\n");
    ChainHarness chain(
        {"encoding_fix", "section_split"},
        "[plugins.section_split]\nextra_data_dir = \"" + dir.path().string() + "\"\n");
    const auto doc = chain.run(report);
    expect_block(doc, "点击这里领取大奖", "boilerplate", "spam");
}

TEST(SectionSplitConfig, SwitchesTurnRulesOff) {
    ChainHarness chain({"encoding_fix", "section_split"},
                       "[plugins.section_split]\nnumbering_diagnostics = false\n"
                       "unnumbered_headlines = false\n");
    const auto doc = chain.run(report);
    EXPECT_TRUE(warnings(doc).empty());
    expect_block(doc, "统筹推进", "body");
}

TEST(SectionSplitConfig, WithoutScriptFoldingTraditionalLabelsAreNotRead) {
    const std::string text = "某縣工作總結\n\n來源：某縣司法局\n\n正文一段，內容。\n";
    ChainHarness folded({"encoding_fix", "section_split"});
    EXPECT_EQ(folded.run(text).issuer, "某縣司法局");
    ChainHarness plain({"encoding_fix", "section_split"},
                       "[plugins.section_split]\nfold_traditional = false\n");
    EXPECT_EQ(plain.run(text).issuer, "");
}

TEST(SectionSplitConfig, BadSettingsAndDataFilesAreNamed) {
    EXPECT_NE(
        load_error("[plugins.section_split]\nmax_headline_chars = 0\n").find("max_headline_chars"),
        std::string::npos);
    EXPECT_NE(load_error("[plugins.section_split]\nno_such_key = 1\n").find("no_such_key"),
              std::string::npos);
    EXPECT_NE(load_error("[plugins.section_split]\nextra_data_dir = \"/nonexistent/dir\"\n")
                  .find("not a folder"),
              std::string::npos);
    gongwen::test::TempDir dir;
    gongwen::test::write_file(dir / "navigation.txt", "ok\nre:([unclosed\n");
    const std::string error =
        load_error("[plugins.section_split]\nextra_data_dir = \"" + dir.path().string() + "\"\n");
    EXPECT_NE(error.find("navigation.txt:2"), std::string::npos) << error;
    EXPECT_NE(error.find("regular expression"), std::string::npos) << error;
    gongwen::test::write_file(dir / "navigation.txt", "ok\n");
    gongwen::test::write_file(dir / "spam.txt", "no weight here\n");
    const std::string spam =
        load_error("[plugins.section_split]\nextra_data_dir = \"" + dir.path().string() + "\"\n");
    EXPECT_NE(spam.find("spam.txt:1"), std::string::npos) << spam;
}
