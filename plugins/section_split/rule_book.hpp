// Everything the rules read: the plugin's config and its data files (data/ plus the user's
// extra_data_dir), loaded once per plugin instance.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "char_fold.hpp"
#include "field_labels.hpp"
#include "pattern_set.hpp"

namespace gongwen {
class ConfigTable;
}

namespace section_split {

struct Settings {
    std::size_t max_boilerplate_chars = 80;
    std::size_t max_title_chars = 80;
    std::size_t max_headline_chars = 40;
    std::size_t max_caption_chars = 60;
    int spam_threshold = 3;
    bool unnumbered_headlines = true;
    bool numbering_diagnostics = true;
    bool fold_traditional = true;
    std::filesystem::path extra_data_dir;

    // Reads [plugins.section_split]; throws gongwen::ConfigError for bad values.
    static Settings from_config(const gongwen::ConfigTable& config);
};

struct KindWord {
    std::u32string word;
    std::string kind;
};

struct PeriodWord {
    std::u32string word;
    std::string suffix;
};

class RuleBook {
  public:
    // Throws std::runtime_error naming the file and line of anything it cannot use.
    RuleBook(const std::filesystem::path& data_dir, Settings settings);

    Settings settings;
    const CharFold& fold;
    PatternSet navigation, widget, footer, caption, spam;
    FieldLabels fields;
    std::vector<KindWord> title_kinds, body_kinds;
    std::vector<PeriodWord> periods;
    std::vector<std::u32string> issuer_suffixes;
    std::u32string item_cues;
};

}  // namespace section_split
