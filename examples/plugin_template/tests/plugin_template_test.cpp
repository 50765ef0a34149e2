// Unit tests of the template plugin through the SDK test kit: the real .so, loaded and checked
// as the daemon does, without the daemon.
#include <gtest/gtest.h>

#include "gongwen/testkit.hpp"

namespace tk = gongwen::testkit;

namespace {

gongwen::ConfigTable config() {
    return gongwen::ConfigTable("plugins.plugin_template", {});
}

}  // namespace

TEST(PluginTemplate, DeclaresItselfForThisSdk) {
    tk::LoadedPlugin plugin(PLUGIN_FILE);
    EXPECT_STREQ(plugin.descriptor().name, "plugin_template");
    EXPECT_EQ(plugin.descriptor().abi_version, GONGWEN_SDK_ABI_VERSION);
}

TEST(PluginTemplate, CountsCodePointsNotBytes) {
    auto instance = tk::LoadedPlugin(PLUGIN_FILE).create();
    auto doc = tk::make_document("一、全年办理法律援助案件1.2万件。");  // 18 code points
    const auto result = instance.run(doc);
    ASSERT_TRUE(result.ok()) << *result.failure;
    EXPECT_EQ(doc.attributes.at("chars"), "18");
    ASSERT_EQ(doc.chain.size(), 1u);
    EXPECT_EQ(doc.chain[0].plugin, "plugin_template");
}

TEST(PluginTemplate, WarnsAboutShortTextBelowTheConfiguredMinimum) {
    auto cfg = config();
    cfg.set("min_chars", std::int64_t{20});
    cfg.set("attribute", std::string("length"));
    auto instance = tk::LoadedPlugin(PLUGIN_FILE).create(cfg);
    auto doc = tk::make_document("工作要点");
    ASSERT_TRUE(instance.run(doc).ok());
    EXPECT_EQ(doc.attributes.at("length"), "4");
    ASSERT_EQ(doc.diagnostics.size(), 1u);
    EXPECT_EQ(doc.diagnostics[0].severity, gongwen::Severity::warning);
    EXPECT_EQ(doc.diagnostics[0].message, "only 4 characters of text");
}

TEST(PluginTemplate, FailsADocumentWithoutText) {
    auto instance = tk::LoadedPlugin(PLUGIN_FILE).create();
    gongwen::Document doc;
    const auto result = instance.run(doc);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.failure->find("no text"), std::string::npos);
    ASSERT_EQ(doc.diagnostics.size(), 1u);
    EXPECT_EQ(doc.diagnostics[0].severity, gongwen::Severity::error);
    EXPECT_EQ(doc.diagnostics[0].plugin, "plugin_template");
}

TEST(PluginTemplate, RefusesBadConfigNamingTheKey) {
    tk::LoadedPlugin plugin(PLUGIN_FILE);
    auto wrong_type = config();
    wrong_type.set("min_chars", std::string("fifty"));
    try {
        plugin.create(wrong_type);
        FAIL() << "accepted a string for min_chars";
    } catch (const tk::PluginError& e) {
        EXPECT_NE(std::string(e.what()).find("plugins.plugin_template.min_chars"),
                  std::string::npos)
            << e.what();
    }
    auto typo = config();
    typo.set("min_char", std::int64_t{3});
    EXPECT_THROW(plugin.create(typo), tk::PluginError);
}
