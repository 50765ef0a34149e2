// The converted text: OpenCC's own output for the same configuration, the known traps of
// character-table conversion avoided, corpus reports surviving a round trip.
#include <gtest/gtest.h>

#include <random>

#include "gongwen/utf8.hpp"
#include "opencc_reference.hpp"
#include "variant_chain.hpp"

using namespace variant_convert::test;
using gongwen::test::corpus_files;
using gongwen::test::read_file;

namespace {

const std::vector<std::string> targets = {"zh-Hans", "zh-Hant", "zh-TW", "zh-HK"};
const std::vector<std::string> fixtures = {"traditional_summary.txt", "simplified_plan.txt",
                                           "mixed_quotes.txt", "taiwan_terms.txt"};

std::string target_setting(const std::string& target) {
    return "target = \"" + target + "\"";
}

// Checks, at every position of the converted text that maps back to a character `from` in
// the original, that it holds `to`; returns how many such positions there were.
std::size_t expect_mapped(const gongwen::Document& doc, char32_t from, char32_t to) {
    const std::u32string text = gongwen::utf8::decode(doc.text);
    const std::u32string original = gongwen::utf8::decode(doc.original_text);
    std::size_t seen = 0;
    for (std::size_t p = 0; p < text.size(); ++p) {
        const std::size_t q = gongwen::map_to_original(doc, p);
        if (q >= original.size() || original[q] != from) continue;
        ++seen;
        EXPECT_EQ(utf8_of(text[p]), utf8_of(to)) << "at " << p << " (original " << q << ")";
    }
    return seen;
}

}  // namespace

TEST(Conversion, SimplifiedCorpusReportsSurviveS2tAndBackExactly) {
    GONGWEN_REQUIRE_CORPUS();
    VariantChain detect("target = \"none\"");
    VariantChain to_hans;
    int simplified = 0;
    for (const auto& file : corpus_files()) {
        const std::string report = read_file(file);
        if (detect.run(report).script.detected != "Hans") continue;
        ++simplified;
        const std::string traditional = opencc_convert("s2t", report);
        ASSERT_NE(traditional, report) << file;
        const gongwen::Document doc = to_hans.run(traditional);
        EXPECT_EQ(doc.script.detected, "Hant") << file;
        EXPECT_EQ(doc.script.converted_to, "zh-Hans") << file;
        EXPECT_EQ(doc.original_text, traditional) << file << ": original_text was modified";
        EXPECT_TRUE(doc.text == report) << file << ": the round trip changed the report";
    }
    EXPECT_GE(simplified, 1) << "no Simplified report in the corpus";
}

TEST(Conversion, TraditionalCorpusReportAvoidsTheTraps) {
    GONGWEN_REQUIRE_CORPUS();
    VariantChain chain;
    int traditional = 0;
    for (const auto& file : corpus_files()) {
        const std::string report = read_file(file);
        const gongwen::Document doc = chain.run(report);
        if (doc.script.detected != "Hant") continue;
        ++traditional;
        EXPECT_TRUE(doc.text == opencc_convert("t2s", report)) << file;
        // 參 is 参 (参加), never 蔘 (ginseng); 咨/諮 stay 咨 (咨询), never 谘.
        const std::size_t can = expect_mapped(doc, U'參', U'参');
        const std::size_t consult =
            expect_mapped(doc, U'咨', U'咨') + expect_mapped(doc, U'諮', U'咨');
        EXPECT_GT(can + consult, 0u) << file << ": none of the trap characters occurs";
        EXPECT_EQ(doc.text.find("蔘"), std::string::npos) << file;
        EXPECT_EQ(doc.text.find("谘"), std::string::npos) << file;
        EXPECT_EQ(doc.text.find("干隆"), std::string::npos) << file;
    }
    EXPECT_GE(traditional, 1) << "no Traditional report in the corpus";
}

TEST(Conversion, TraditionalFixtureAvoidsTheTraps) {
    const gongwen::Document doc = VariantChain().run(read_fixture("traditional_summary.txt"));
    EXPECT_EQ(doc.script.detected, "Hant");
    // 乾隆 is a name: 乾 stays, where the weather word 乾燥 becomes 干燥.
    EXPECT_NE(doc.text.find("完成乾隆年间古桥"), std::string::npos);
    EXPECT_NE(doc.text.find("秋冬干燥天气"), std::string::npos);
    EXPECT_EQ(doc.text.find("干隆"), std::string::npos);
    // 參加 -> 参加, not 蔘加; 諮詢 -> 咨询, not 谘询.
    EXPECT_NE(doc.text.find("组织群众参加各类文化活动"), std::string::npos);
    EXPECT_EQ(doc.text.find("蔘"), std::string::npos);
    EXPECT_NE(doc.text.find("开通文化咨询热线"), std::string::npos);
    EXPECT_EQ(doc.text.find("谘"), std::string::npos);
    EXPECT_EQ(expect_mapped(doc, U'參', U'参'), 2u);
    EXPECT_EQ(expect_mapped(doc, U'諮', U'咨'), 2u);
}

TEST(Conversion, SameAsOpenccForEveryTargetOnFixturesAndCorpus) {
    std::vector<std::pair<std::string, std::string>> texts;  // name, text
    for (const auto& name : fixtures) texts.emplace_back(name, read_fixture(name));
    for (const auto& file : corpus_files()) texts.emplace_back(file.filename(), read_file(file));
    for (const auto& target : targets) {
        VariantChain chain(target_setting(target));
        for (const auto& [name, text] : texts) {
            const gongwen::Document doc = chain.run(text);
            EXPECT_TRUE(doc.text == opencc_convert(opencc_config_of(target), text))
                << name << " to " << target;
            EXPECT_EQ(doc.script.converted_to, target);
            EXPECT_EQ(doc.original_text, text);
        }
    }
}

TEST(Conversion, SameAsOpenccOnRandomTextsOfDictionaryWords) {
    // Words of both scripts, cut phrases, Latin, punctuation and characters beyond the BMP:
    // where the plugin's own matching could part from libopencc's, over many texts.
    for (const auto& target : targets) {
        const std::string config = opencc_config_of(target);
        VariantChain chain(target_setting(target));
        std::mt19937 rng(20240501);
        for (int i = 0; i < 150; ++i) {
            const std::string text = random_text(config, rng, 1 + rng() % 300);
            const gongwen::Document doc = chain.run(text);
            ASSERT_TRUE(doc.text == opencc_convert(config, text))
                << target << ", text " << i << ":\n"
                << text << "\nplugin:\n"
                << doc.text << "\nopencc:\n"
                << opencc_convert(config, text);
        }
    }
}

TEST(Conversion, MixedDocumentKeepsLatinAndTargetScriptAndConvertsTheQuote) {
    const std::string text = read_fixture("mixed_quotes.txt");
    const gongwen::Document doc = VariantChain().run(text);
    EXPECT_EQ(doc.script.detected, "mixed");
    EXPECT_NE(doc.text.find("“传承与创新：非物质文化遗产的当代价值”"), std::string::npos);
    EXPECT_NE(doc.text.find("https://www.example.org.hk/heritage"), std::string::npos);
    EXPECT_NE(doc.text.find("（Digital Heritage Project, DHP）"), std::string::npos);
    // The lines already in Simplified come through byte for byte.
    const std::string last_line = text.substr(text.rfind("\u3000\u3000下一步"));
    EXPECT_EQ(doc.text.substr(doc.text.size() - last_line.size()), last_line);
}

TEST(Conversion, QuotationMarksAndLatinTextAreNeverTouched) {
    // Naive converters swap “” and 「」; OpenCC's dictionaries hold no quotation marks, and
    // Latin text only inside a few Taiwan phrases (U盘 -> 隨身碟), which these texts lack.
    for (const auto& target : targets) {
        VariantChain chain(target_setting(target));
        for (const std::string name : {"mixed_quotes.txt", "traditional_summary.txt"}) {
            const std::string text = read_fixture(name);
            const gongwen::Document doc = chain.run(text);
            const std::u32string converted = gongwen::utf8::decode(doc.text);
            const std::u32string original = gongwen::utf8::decode(text);
            std::size_t kept = 0;
            for (std::size_t p = 0; p < converted.size(); ++p) {
                const std::size_t q = gongwen::map_to_original(doc, p);
                const char32_t c = original[q];
                if (c < 0x80 || c == U'“' || c == U'”' || c == U'「' || c == U'」' || c == U'《' ||
                    c == U'》') {
                    EXPECT_EQ(utf8_of(converted[p]), utf8_of(c)) << name << " to " << target;
                    ++kept;
                }
            }
            EXPECT_GT(kept, 50u) << name;
        }
    }
}

TEST(Conversion, SimplifiedTextNeedingNoChangeIsLeftAlone) {
    const std::string text = read_fixture("simplified_plan.txt");
    const gongwen::Document doc = VariantChain().run(text);
    EXPECT_EQ(doc.text, text);
    EXPECT_TRUE(doc.offset_map.empty());
    EXPECT_EQ(doc.script.detected, "Hans");
    EXPECT_EQ(doc.script.converted_to, "zh-Hans");
}

TEST(Conversion, EmptyTextAndTextWithoutHan) {
    VariantChain chain;
    const gongwen::Document empty = chain.run("");
    EXPECT_EQ(empty.text, "");
    EXPECT_EQ(empty.script.detected, "none");
    const gongwen::Document latin = chain.run("Annual report 2021\nRevenue: 12.5%\n");
    EXPECT_EQ(latin.text, "Annual report 2021\nRevenue: 12.5%\n");
    EXPECT_EQ(latin.script.detected, "none");
    EXPECT_EQ(latin.script.share, 0.0);
}
