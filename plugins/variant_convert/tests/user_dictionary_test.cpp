// The user's phrase dictionary: applied on top of OpenCC, and it wins.
#include <gtest/gtest.h>

#include "gongwen/utf8.hpp"
#include "opencc_reference.hpp"
#include "variant_chain.hpp"

using namespace variant_convert::test;

namespace {

std::string dictionary_setting(const std::filesystem::path& file) {
    return "user_dictionary = \"" + file.string() + "\"";
}

}  // namespace

TEST(UserDictionary, EntriesWinOverOpencc) {
    VariantChain chain(dictionary_setting(fixture("user_phrases.tsv")));
    // OpenCC writes 資訊 as 资讯 and 臺北 as 台北; the user wants 信息 and to keep 臺北.
    const std::string text = "推動資訊公開，赴臺北交流。";
    ASSERT_EQ(opencc_convert("t2s", text), "推动资讯公开，赴台北交流。");
    const gongwen::Document doc = chain.run(text);
    EXPECT_EQ(doc.text, "推动信息公开，赴臺北交流。");
}

TEST(UserDictionary, EntryWinsOverAnOpenccPhraseThatStartsEarlier) {
    // OpenCC's longest match from the left takes 反覆思維 as one phrase; the user's 思維方式
    // starts inside it and still wins, OpenCC converting what is left (反覆 -> 反复).
    gongwen::test::TempDir dir;
    gongwen::test::write_file(dir / "terms.tsv", "思維方式\t思维模式\n");
    VariantChain chain(dictionary_setting(dir / "terms.tsv"));
    EXPECT_EQ(opencc_convert("t2s", "反覆思維方式"), "反复思维方式");
    EXPECT_EQ(chain.run("反覆思維方式").text, "反复思维模式");
}

TEST(UserDictionary, LongerReplacementKeepsTheOffsetMapRight) {
    VariantChain chain(dictionary_setting(fixture("user_phrases.tsv")));
    const std::string text = read_fixture("traditional_summary.txt");
    const gongwen::Document doc = chain.run(text);
    const std::u32string converted = gongwen::utf8::decode(doc.text);
    const std::u32string original = gongwen::utf8::decode(text);
    const std::size_t at = converted.find(U"云上博物馆（数字）");
    ASSERT_NE(at, std::u32string::npos);
    EXPECT_EQ(gongwen::map_to_original(doc, at), original.find(U"雲上博物館"));
    const std::size_t after = converted.find(U"APP,访问量");
    ASSERT_NE(after, std::u32string::npos);
    EXPECT_EQ(gongwen::map_to_original(doc, after), original.find(U"APP,訪問量"));
}

TEST(UserDictionary, WithoutEntriesTheOutputIsOpenccs) {
    gongwen::test::TempDir dir;
    gongwen::test::write_file(dir / "empty.tsv", "# nothing yet\n\n");
    VariantChain chain(dictionary_setting(dir / "empty.tsv"));
    const std::string text = read_fixture("traditional_summary.txt");
    EXPECT_TRUE(chain.run(text).text == opencc_convert("t2s", text));
}

TEST(UserDictionary, ABadLineStopsThePluginNamingFileAndLine) {
    gongwen::test::TempDir dir;
    const auto file = dir / "bad.tsv";
    for (const auto& [content, reason] : std::vector<std::pair<std::string, std::string>>{
             {"資訊\t信息\n臺北 臺北\n", "no tab"},
             {"資訊\t信息\n\t空\n", "empty `from`"},
             {"資訊\t信息\n資訊\t资讯\n", "already defined on line 1"},
             {"資訊\t信息\n甲\t乙\t丙\n", "more than one tab"},
             {"資訊\t信息\n\xff\xfe\t乙\n", "not valid UTF-8"}}) {
        gongwen::test::write_file(file, content);
        try {
            VariantChain chain(dictionary_setting(file));
            ADD_FAILURE() << "the plugin started with a bad dictionary: " << reason;
        } catch (const std::exception& e) {
            const std::string message = e.what();
            EXPECT_NE(message.find(file.string() + ":2"), std::string::npos) << message;
            EXPECT_NE(message.find(reason), std::string::npos) << message;
        }
    }
}

TEST(UserDictionary, AMissingFileIsAnError) {
    try {
        VariantChain chain("user_dictionary = \"/nonexistent/terms.tsv\"");
        ADD_FAILURE() << "the plugin started without its dictionary";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/terms.tsv"), std::string::npos)
            << e.what();
    }
}
