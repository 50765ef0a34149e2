// keyword_tagger: an example third-party plugin, built against the SDK headers only.
// It counts how often each word of a word list occurs in the document's text and records the
// words found in the attribute "keywords" ("法律援助:12,行政复议:3").
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "gongwen/plugin.hpp"

namespace {

std::vector<std::string> read_words(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("keyword_tagger: cannot read word list " + file.string());
    std::vector<std::string> words;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty() && line[0] != '#') words.push_back(line);
    }
    return words;
}

class KeywordTagger : public gongwen::Plugin {
  public:
    explicit KeywordTagger(gongwen::PluginSetup& setup)
        : words_(read_words(setup.config.get_path("words", setup.data_dir / "keywords.txt"))),
          attribute_(setup.config.get_string("attribute", "keywords")) {}

    void process(gongwen::Document& doc) override {
        std::string found;
        for (const auto& w : words_) {
            std::size_t n = 0;
            for (auto pos = doc.text.find(w); pos != std::string::npos;
                 pos = doc.text.find(w, pos + w.size()))
                ++n;
            if (n) found += (found.empty() ? "" : ",") + w + ":" + std::to_string(n);
        }
        doc.attributes[attribute_] = found;
    }

  private:
    std::vector<std::string> words_;
    std::string attribute_;
};

}  // namespace

GONGWEN_PLUGIN(KeywordTagger, "keyword_tagger", "1.0.0", "Counts words from a word list")
