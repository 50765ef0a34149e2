// Settings that cannot work stop the plugin with a message naming the key; text that is not
// UTF-8 fails the document, not the process; instances side by side.
#include <gtest/gtest.h>

#include <thread>

#include "opencc_reference.hpp"
#include "variant_chain.hpp"

using namespace variant_convert::test;

namespace {

std::string start_error(const std::string& settings) {
    try {
        VariantChain chain(settings);
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(Config, RejectsValuesThatCannotWorkNamingTheKey) {
    const std::string target = start_error("target = \"zh-CN\"");
    EXPECT_NE(target.find("plugins.variant_convert.target"), std::string::npos) << target;
    EXPECT_NE(target.find("zh-Hans"), std::string::npos) << target;

    const std::string threshold = start_error("mixed_threshold = 0.3");
    EXPECT_NE(threshold.find("mixed_threshold"), std::string::npos) << threshold;

    const std::string config = start_error("opencc_config = \"no_such_config\"");
    EXPECT_NE(config.find("no_such_config.json"), std::string::npos) << config;
    EXPECT_NE(config.find("not found"), std::string::npos) << config;

    const std::string pointless = start_error("target = \"none\"\nopencc_config = \"t2s\"");
    EXPECT_NE(pointless.find("opencc_config"), std::string::npos) << pointless;
    EXPECT_NE(pointless.find("no effect"), std::string::npos) << pointless;

    const std::string unknown = start_error("targte = \"zh-Hant\"");
    EXPECT_NE(unknown.find("targte"), std::string::npos) << unknown;
}

TEST(Config, OpenccConfigByNameOrFile) {
    // tw2sp: Taiwan phrases back to mainland ones (軟體 -> 软件), which t2s leaves as 软体.
    const std::string text = "安裝軟體與隨身碟";
    const std::string by_name = VariantChain("opencc_config = \"tw2sp\"").run(text).text;
    EXPECT_EQ(by_name, opencc_convert("tw2sp", text));
    EXPECT_NE(by_name, opencc_convert("t2s", text));
    EXPECT_EQ(VariantChain("opencc_config = \"/usr/share/opencc/tw2sp.json\"").run(text).text,
              by_name);
}

TEST(Config, TextThatIsNotUtf8FailsTheDocumentWithAReason) {
    gongwen::test::ChainHarness chain({"variant_convert"});
    gongwen::Document doc = gongwen::test::document_from_bytes("");
    doc.original_text = "\xB9\xA4\xD7\xF7\xD7\xDC\xBD\xE1";  // GBK bytes, never decoded
    doc.text = doc.original_text;
    const auto failure = chain.try_run(doc);
    ASSERT_TRUE(failure);
    EXPECT_EQ(failure->plugin, "variant_convert");
    EXPECT_NE(failure->message.find("not valid UTF-8 (byte 0)"), std::string::npos)
        << failure->message;
    EXPECT_EQ(doc.original_text, "\xB9\xA4\xD7\xF7\xD7\xDC\xBD\xE1");
}

TEST(Config, MalformedSequencesInsideTextToConvertFailCleanly) {
    // Cut off at the end, a stray continuation byte, an overlong slash, a surrogate: right
    // after characters that start a conversion, so the converter looks ahead into them.
    gongwen::test::ChainHarness chain({"variant_convert"});
    for (const std::string bad :
         {"\xE5\xB9", "\x80", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80"}) {
        gongwen::Document doc = gongwen::test::document_from_bytes("");
        doc.original_text = doc.text = "工作總結" + bad + "發展";
        const auto failure = chain.try_run(doc);
        ASSERT_TRUE(failure);
        EXPECT_NE(failure->message.find("not valid UTF-8 (byte 12)"), std::string::npos)
            << failure->message;
    }
}

TEST(Config, NulCharactersDoNotCutTheText) {
    // libopencc stops at the first NUL; the plugin converts what follows it as well.
    const std::string text = std::string("發展\0頭髮", 13);
    const gongwen::Document doc = VariantChain().run(text);
    EXPECT_EQ(doc.text, std::string("发展\0头发", 13));
}

TEST(Config, TextLeftEmptyByAnEarlierStageIsTakenFromOriginalText) {
    gongwen::test::ChainHarness chain({"variant_convert"});
    gongwen::Document doc = gongwen::test::document_from_bytes("");
    doc.original_text = "工作總結";
    ASSERT_FALSE(chain.try_run(doc));
    EXPECT_EQ(doc.text, "工作总结");
    EXPECT_EQ(doc.original_text, "工作總結");
}

TEST(Config, InstancesInSeveralWorkersConvertAlike) {
    // One instance per worker thread, as the daemon runs them; the dictionaries are shared.
    const std::string text = read_fixture("traditional_summary.txt");
    const std::string expected = opencc_convert("t2s", text);
    std::vector<std::string> results(4);
    std::vector<std::thread> workers;
    for (std::size_t w = 0; w < results.size(); ++w)
        workers.emplace_back([&, w] {
            VariantChain chain;
            for (int i = 0; i < 20; ++i) results[w] = chain.run(text).text;
        });
    for (auto& worker : workers) worker.join();
    for (const auto& result : results) EXPECT_TRUE(result == expected);
}
