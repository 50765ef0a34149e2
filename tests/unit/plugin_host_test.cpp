#include <gtest/gtest.h>

#include "chain/chain.hpp"
#include "chain/chain_runner.hpp"
#include "chain_harness.hpp"
#include "gongwen/json.hpp"
#include "test_paths.hpp"

using namespace gongwen;
namespace fs = std::filesystem;

namespace {

fs::path broken(const std::string& name) {
    return test::build_dir() / "tests" / "broken_plugins" / (name + ".so");
}
fs::path example(const std::string& name) {
    return test::build_dir() / "examples" / "plugins" / (name + ".so");
}

std::string load_error(const ChainSpec& spec) {
    try {
        Chain chain = Chain::load(spec);
        ChainRunner runner(chain);
    } catch (const PluginLoadError& e) {
        return e.what();
    }
    ADD_FAILURE() << "the chain loaded";
    return "";
}

}  // namespace

TEST(PluginLibrary, LoadsARealPluginAndReadsItsDescriptor) {
    auto lib = PluginLibrary::open(test::plugin_dir() / "json.so");
    EXPECT_STREQ(lib->descriptor().name, "json");
    EXPECT_EQ(lib->descriptor().abi_version, GONGWEN_SDK_ABI_VERSION);
    EXPECT_NE(lib->descriptor().create, nullptr);
}

TEST(PluginLibrary, RefusesAMismatchedAbiNamingTheFile) {
    try {
        PluginLibrary::open(broken("wrong_abi"));
        FAIL() << "loaded a plugin built for another ABI";
    } catch (const PluginLoadError& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find(broken("wrong_abi").string()), std::string::npos) << msg;
        EXPECT_NE(msg.find("ABI version " + std::to_string(GONGWEN_SDK_ABI_VERSION + 41)),
                  std::string::npos)
            << msg;
        EXPECT_NE(msg.find("rebuild"), std::string::npos) << msg;
    }
}

TEST(PluginLibrary, RefusesALibraryWithoutDescriptor) {
    try {
        PluginLibrary::open(broken("not_a_plugin"));
        FAIL();
    } catch (const PluginLoadError& e) {
        EXPECT_NE(std::string(e.what()).find("not a gongwen plugin"), std::string::npos);
    }
}

TEST(PluginLibrary, SaysWhichSymbolIsMissing) {
    try {
        PluginLibrary::open(broken("undefined_symbol"));
        FAIL();
    } catch (const PluginLoadError& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find(broken("undefined_symbol").string()), std::string::npos) << msg;
        EXPECT_NE(msg.find("gongwen_test_symbol_nobody_defines"), std::string::npos) << msg;
    }
}

TEST(PluginLibrary, RefusesAMissingOrGarbageFile) {
    test::TempDir dir;
    test::write_file(dir / "garbage.so", "this is not ELF");
    EXPECT_THROW(PluginLibrary::open(dir / "garbage.so"), PluginLoadError);
    EXPECT_THROW(PluginLibrary::open(dir / "absent.so"), PluginLoadError);
}

TEST(Chain, LooksPluginsUpByNameInOrder) {
    Chain chain =
        Chain::load({{"throws", "picky_config"}, {broken("x").parent_path()}, {}, {}, {}});
    ASSERT_EQ(chain.links().size(), 2u);
    EXPECT_EQ(chain.links()[0].name, "throws");
    EXPECT_EQ(chain.links()[1].name, "picky_config");
    EXPECT_EQ(chain.signature(), "throws@1.0.0,picky_config@1.0.0");
    EXPECT_EQ(chain.links()[0].data_dir, broken("x").parent_path() / "throws");
}

TEST(Chain, UnknownNameListsTheFoldersSearched) {
    const std::string msg = load_error({{"nope"}, {"/tmp/a", "/tmp/b"}, {}, {}, {}});
    EXPECT_NE(msg.find("nope.so"), std::string::npos) << msg;
    EXPECT_NE(msg.find("/tmp/a, /tmp/b"), std::string::npos) << msg;
}

TEST(Chain, ABadPluginStopsTheWholeChainFromLoading) {
    const std::string msg =
        load_error({{"json", broken("wrong_abi").string()}, {test::plugin_dir()}, {}, {}, {}});
    EXPECT_NE(msg.find("wrong_abi.so"), std::string::npos) << msg;
}

TEST(ChainRunner, PassesItsConfigToThePlugin) {
    test::ChainHarness chain({broken("picky_config").string()},
                             "[plugins.picky_config]\nlimit = 7\nmode = \"exact\"\n");
    const Document d = chain.run("x");
    EXPECT_EQ(d.attributes.at("limit"), "7");
    EXPECT_EQ(d.attributes.at("mode"), "exact");
}

TEST(ChainRunner, ConfigErrorsNameFileLineAndKey) {
    try {
        test::ChainHarness chain({broken("picky_config").string()},
                                 "[plugins.picky_config]\nmode = \"exact\"\nlimit = 1000\n");
        FAIL() << "accepted limit = 1000";
    } catch (const PluginLoadError& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find("plugins.toml:3"), std::string::npos) << msg;
        EXPECT_NE(msg.find("plugins.picky_config.limit"), std::string::npos) << msg;
    }
    try {
        test::ChainHarness chain({broken("picky_config").string()},
                                 "[plugins.picky_config]\nlimti = 5\n");
        FAIL() << "accepted an unknown key";
    } catch (const PluginLoadError& e) {
        EXPECT_NE(std::string(e.what()).find("limti: unknown key"), std::string::npos) << e.what();
    }
}

TEST(ChainRunner, AThrowingPluginFailsOnlyThatDocument) {
    test::ChainHarness chain({broken("throws").string(), broken("picky_config").string()});
    Document bad = test::document_from_bytes("please FAIL");
    auto failure = chain.try_run(bad);
    ASSERT_TRUE(failure);
    EXPECT_EQ(failure->plugin, "throws");
    EXPECT_NE(failure->message.find("asks to fail"), std::string::npos);
    ASSERT_EQ(bad.diagnostics.size(), 1u);
    EXPECT_EQ(bad.diagnostics[0].severity, Severity::error);
    EXPECT_EQ(bad.chain.size(), 1u);  // the chain stopped there

    const Document good = chain.run("fine");
    EXPECT_EQ(good.attributes.at("throws"), "passed");
    EXPECT_EQ(good.attributes.at("limit"), "10");
    ASSERT_EQ(good.chain.size(), 2u);
    EXPECT_EQ(good.chain[1].plugin, "picky_config");
    EXPECT_EQ(good.chain[1].version, "1.0.0");
}

TEST(ChainRunner, RunsTheExamplePluginBuiltAgainstTheSdkOnly) {
    test::ChainHarness chain({"encoding_fix", example("keyword_tagger").string()});
    const Document d = chain.run("全年办理法律援助案件,法律援助工作站;行政复议");
    EXPECT_EQ(d.attributes.at("keywords"), "法律援助:2,行政复议:1");
}

TEST(JsonExporter, WritesTheDocumentAtomicallyUnderItsSha) {
    test::TempDir out;
    test::ChainHarness chain({"encoding_fix", "json"}, "[plugins.json]\npretty = false\n",
                             out.path());
    const Document d = chain.run("二〇二一年工作总结");
    const fs::path file = out / (d.source.sha256 + ".json");
    ASSERT_TRUE(fs::exists(file));
    const std::string written = test::read_file(file);
    EXPECT_EQ(std::count(written.begin(), written.end(), '\n'), 1);  // pretty = false: one line
    EXPECT_EQ(document_from_json(written).text, "二〇二一年工作总结");
    for (const auto& e : fs::directory_iterator(out.path()))
        EXPECT_EQ(e.path(), file) << "left a temporary file behind";
}
