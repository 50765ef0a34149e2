#include "rule_book.hpp"

#include <algorithm>
#include <stdexcept>

#include "gongwen/config_table.hpp"
#include "gongwen/utf8.hpp"

namespace section_split {

namespace {

// The shipped file, then the user's file of the same name if there is one.
std::vector<std::filesystem::path> sources(const std::filesystem::path& data_dir,
                                           const std::filesystem::path& extra,
                                           const std::string& name) {
    std::vector<std::filesystem::path> out{data_dir / name};
    if (!extra.empty() && std::filesystem::exists(extra / name)) out.push_back(extra / name);
    return out;
}

std::pair<std::string, std::string> two_words(const DataLine& line,
                                              const std::filesystem::path& file) {
    const std::size_t space = line.text.find_first_of(" \t");
    if (space == std::string::npos)
        throw std::runtime_error(file.string() + ":" + std::to_string(line.number) +
                                 ": expected two words separated by a space");
    return {line.text.substr(0, space),
            line.text.substr(line.text.find_first_not_of(" \t", space))};
}

}  // namespace

Settings Settings::from_config(const gongwen::ConfigTable& config) {
    Settings s;
    s.max_boilerplate_chars =
        static_cast<std::size_t>(config.get_int("max_boilerplate_chars", 80, 10, 1000));
    s.max_title_chars = static_cast<std::size_t>(config.get_int("max_title_chars", 80, 10, 1000));
    s.max_headline_chars =
        static_cast<std::size_t>(config.get_int("max_headline_chars", 40, 4, 1000));
    s.max_caption_chars =
        static_cast<std::size_t>(config.get_int("max_caption_chars", 60, 4, 1000));
    s.spam_threshold = static_cast<int>(config.get_int("spam_threshold", 3, 1, 1000));
    s.unnumbered_headlines = config.get_bool("unnumbered_headlines", true);
    s.numbering_diagnostics = config.get_bool("numbering_diagnostics", true);
    s.fold_traditional = config.get_bool("fold_traditional", true);
    s.extra_data_dir = config.get_path("extra_data_dir", {});
    if (!s.extra_data_dir.empty() && !std::filesystem::is_directory(s.extra_data_dir))
        throw gongwen::ConfigError("extra_data_dir",
                                   "extra_data_dir: not a folder: " + s.extra_data_dir.string());
    return s;
}

RuleBook::RuleBook(const std::filesystem::path& data_dir, Settings s)
    : settings(std::move(s)),
      fold(settings.fold_traditional ? CharFold::with_script_folding()
                                     : CharFold::without_script_folding()) {
    const auto& extra = settings.extra_data_dir;
    for (const auto& f : sources(data_dir, extra, "navigation.txt"))
        navigation.load(f, fold, false);
    for (const auto& f : sources(data_dir, extra, "widget.txt")) widget.load(f, fold, false);
    for (const auto& f : sources(data_dir, extra, "footer.txt")) footer.load(f, fold, false);
    for (const auto& f : sources(data_dir, extra, "caption.txt")) caption.load(f, fold, false);
    for (const auto& f : sources(data_dir, extra, "spam.txt")) spam.load(f, fold, true);
    for (const auto& f : sources(data_dir, extra, "fields.txt")) fields.load(f, fold);

    static const std::vector<std::string> kinds = {"summary", "plan", "annual_report",
                                                   "highlights"};
    for (const auto& f : sources(data_dir, extra, "report_kinds.txt")) {
        std::vector<KindWord>* target = nullptr;
        for (const DataLine& line : read_data_lines(f)) {
            if (line.text == "[title]" || line.text == "[body]") {
                target = line.text == "[title]" ? &title_kinds : &body_kinds;
                continue;
            }
            const auto [kind, word] = two_words(line, f);
            if (!target || std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
                throw std::runtime_error(f.string() + ":" + std::to_string(line.number) +
                                         ": expected '<kind> <word>' under [title] or [body], "
                                         "kind one of summary, plan, annual_report, highlights");
            target->push_back({fold.key(gongwen::utf8::decode(word)), kind});
        }
    }
    for (const auto& f : sources(data_dir, extra, "periods.txt"))
        for (const DataLine& line : read_data_lines(f)) {
            const auto [word, suffix] = two_words(line, f);
            periods.push_back({fold.key(gongwen::utf8::decode(word)), suffix});
        }
    for (const auto& f : sources(data_dir, extra, "issuer_suffixes.txt"))
        for (const DataLine& line : read_data_lines(f))
            issuer_suffixes.push_back(fold.key(gongwen::utf8::decode(line.text)));
    for (const auto& f : sources(data_dir, extra, "item_cues.txt"))
        for (const DataLine& line : read_data_lines(f)) {
            const std::u32string cue = fold.key(gongwen::utf8::decode(line.text));
            if (cue.size() != 1)
                throw std::runtime_error(f.string() + ":" + std::to_string(line.number) +
                                         ": an item cue is one character");
            item_cues += cue;
        }
}

}  // namespace section_split
