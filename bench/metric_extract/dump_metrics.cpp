// Prints what the real metric_extract plugin, run by the real chain runner, finds in each file:
// one JSON document per line, which the comparison driver (compare_recognizers.mjs) scores
// against the hand-checked lists. By default the files are read as UTF-8 text (what
// encoding_fix hands on for UTF-8 input) and only metric_extract runs, so that the figures do
// not depend on the other plugins; --chain a,b,c runs that chain on the raw bytes instead.
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "chain_harness.hpp"
#include "gongwen/json.hpp"
#include "gongwen/utf8.hpp"
#include "test_paths.hpp"

int main(int argc, char** argv) {
    std::vector<std::string> chain = {"metric_extract"};
    bool preset_text = true;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--chain" && i + 1 < argc) {
            chain.clear();
            preset_text = false;
            std::stringstream list(argv[++i]);
            for (std::string name; std::getline(list, name, ',');) chain.push_back(name);
        } else if (arg == "--help" || arg == "-h") {
            std::cout << "usage: dump_metrics [--chain a,b,c] FILE...\n";
            return 0;
        } else {
            files.push_back(arg);
        }
    }
    if (files.empty()) {
        std::cerr << "dump_metrics: no files given (usage: dump_metrics [--chain a,b,c] FILE...)\n";
        return 2;
    }
    try {
        gongwen::test::ChainHarness harness(chain);
        for (const auto& f : files) {
            gongwen::Document doc =
                gongwen::test::document_from_bytes(gongwen::test::read_file(f), f);
            if (preset_text) {
                std::string_view text = doc.bytes;
                if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
                if (!gongwen::utf8::valid(text)) {
                    std::cerr << "dump_metrics: " << f
                              << " is not UTF-8 (use --chain encoding_fix,metric_extract)\n";
                    return 1;
                }
                doc.text.assign(text);
            }
            if (auto failure = harness.try_run(doc)) {
                std::cerr << "dump_metrics: " << f << ": plugin " << failure->plugin
                          << " failed: " << failure->message << "\n";
                return 1;
            }
            doc.original_text.clear();
            std::cout << gongwen::to_json(doc) << "\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "dump_metrics: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
