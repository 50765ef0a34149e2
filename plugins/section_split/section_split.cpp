// section_split, minimal stage (to be replaced by issue #5): splits the text into lines and
// takes the first non-empty line as the title; no outline yet.
#include "gongwen/plugin.hpp"
#include "gongwen/utf8.hpp"

namespace {

class SectionSplit : public gongwen::Plugin {
  public:
    explicit SectionSplit(gongwen::PluginSetup&) {}
    void process(gongwen::Document& doc) override {
        std::size_t cp = 0;
        std::size_t line_start = 0;
        std::string line;
        auto flush = [&] {
            const bool blank = line.find_first_not_of(" \t\r") == std::string::npos;
            doc.blocks.push_back({blank ? "blank" : "body", "", line_start, cp, -1, {}});
            if (!blank && doc.title.empty()) doc.title = line;
            line.clear();
        };
        for (std::size_t pos = 0; pos < doc.text.size();) {
            const std::size_t begin = pos;
            const char32_t c = gongwen::utf8::next(doc.text, pos);
            if (c == '\n') {
                flush();
                line_start = cp + 1;
            } else {
                line.append(doc.text, begin, pos - begin);
            }
            ++cp;
        }
        if (!line.empty()) flush();
    }
};

}  // namespace

GONGWEN_PLUGIN(SectionSplit, "section_split", "0.1.0", "Splits lines (minimal)")
