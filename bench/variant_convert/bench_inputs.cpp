#include "bench_inputs.hpp"

#include <opencc/Config.hpp>
#include <opencc/Converter.hpp>

#include <map>

#include "chain_harness.hpp"
#include "test_paths.hpp"

namespace variant_convert::bench {

std::string opencc_convert(const std::string& config, const std::string& text) {
    static std::map<std::string, opencc::ConverterPtr> converters;
    auto& converter = converters[config];
    if (!converter) {
        opencc::Config loader;
        converter = loader.NewFromFile("/usr/share/opencc/" + config + ".json");
    }
    return converter->Convert(text);
}

namespace {

std::vector<std::filesystem::path> sources() {
    std::vector<std::filesystem::path> files = gongwen::test::corpus_files();
    files.push_back(gongwen::test::data_dir() / "variant_convert" / "simplified_plan.txt");
    files.push_back(gongwen::test::data_dir() / "variant_convert" / "traditional_summary.txt");
    return files;
}

// The plugin's own script detection.
std::string script_of(const std::string& text) {
    static gongwen::test::ChainHarness detect({"variant_convert"},
                                              "[plugins.variant_convert]\ntarget = \"none\"\n");
    gongwen::Document doc = gongwen::test::document_from_bytes(text);
    doc.original_text = doc.text = text;
    detect.try_run(doc);
    return doc.script.detected;
}

}  // namespace

std::vector<Report> simplified_reports() {
    std::vector<Report> out;
    for (const auto& file : sources()) {
        const std::string text = gongwen::test::read_file(file);
        // Only text that needs no change: what the passthrough figure is about.
        if (script_of(text) != "Hans" || opencc_convert("t2s", text) != text) continue;
        out.push_back({file.filename().string(), text, opencc_convert("s2t", text)});
    }
    return out;
}

std::vector<Report> traditional_reports() {
    std::vector<Report> out;
    for (const auto& file : sources()) {
        const std::string text = gongwen::test::read_file(file);
        if (script_of(text) != "Hant") continue;
        out.push_back({file.filename().string(), opencc_convert("t2s", text), text});
    }
    return out;
}

std::string repeated(const std::string& text, std::size_t bytes) {
    std::string out;
    if (text.empty()) return out;
    out.reserve(bytes + text.size());
    while (out.size() < bytes) out += text;
    return out;
}

}  // namespace variant_convert::bench
