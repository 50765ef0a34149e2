// Runs text through the real variant_convert.so with the real chain runner, as the daemon does
// after encoding_fix: `original_text` and `text` both hold the decoded text.
#pragma once

#include <filesystem>
#include <string>

#include "chain_harness.hpp"
#include "gongwen/document.hpp"
#include "gongwen/utf8.hpp"
#include "test_paths.hpp"

namespace variant_convert::test {

class VariantChain {
  public:
    // `settings`: TOML lines for [plugins.variant_convert], e.g. "target = \"zh-Hant\"".
    explicit VariantChain(const std::string& settings = "")
        : chain_({"variant_convert"}, "[plugins.variant_convert]\n" + settings + "\n") {}

    gongwen::Document run(const std::string& text) {
        gongwen::Document doc = gongwen::test::document_from_bytes(text);
        doc.original_text = text;
        doc.text = text;
        if (auto failure = chain_.try_run(doc)) ADD_FAILURE() << failure->message;
        return doc;
    }

  private:
    gongwen::test::ChainHarness chain_;
};

inline std::filesystem::path fixture(const std::string& name) {
    return gongwen::test::data_dir() / "variant_convert" / name;
}

inline std::string read_fixture(const std::string& name) {
    return gongwen::test::read_file(fixture(name));
}

inline std::string utf8_of(char32_t cp) {
    std::string out;
    gongwen::utf8::append(out, cp);
    return out;
}

// The OpenCC configuration the plugin uses for each target.
inline std::string opencc_config_of(const std::string& target) {
    if (target == "zh-Hant") return "s2t";
    if (target == "zh-TW") return "s2twp";
    if (target == "zh-HK") return "s2hk";
    return "t2s";
}

}  // namespace variant_convert::test
