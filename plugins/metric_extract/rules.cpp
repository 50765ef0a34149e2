#include "rules.hpp"

#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "gongwen/utf8.hpp"

namespace metric_extract {
namespace fs = std::filesystem;

namespace {

// One non-comment line of a rule file: the phrase, its plain fields and its key=value options.
struct RuleLine {
    std::u32string phrase;
    bool exception = false;  // written as -phrase
    std::vector<std::string> fields;
    std::vector<std::pair<std::string, std::string>> options;
    std::string where;  // "file:line" for messages
};

[[noreturn]] void fail(const std::string& where, const std::string& why) {
    throw std::runtime_error("metric_extract rules: " + where + ": " + why);
}

std::vector<RuleLine> read_rule_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) fail(file.string(), "cannot open the rule file");
    std::vector<RuleLine> lines;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        const std::string where = file.string() + ":" + std::to_string(number);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
        if (!gongwen::utf8::valid(line)) fail(where, "not valid UTF-8");
        std::istringstream words(line);
        std::string word;
        RuleLine rule;
        rule.where = where;
        bool first = true;
        while (words >> word) {
            if (first && word[0] == '#') break;
            if (first) {
                if (word.size() > 1 && word[0] == '-') {
                    rule.exception = true;
                    word.erase(0, 1);
                }
                rule.phrase = gongwen::utf8::decode(word);
                first = false;
            } else if (auto eq = word.find('='); eq != std::string::npos) {
                rule.options.emplace_back(word.substr(0, eq), word.substr(eq + 1));
            } else {
                rule.fields.push_back(word);
            }
        }
        if (!first) lines.push_back(std::move(rule));
    }
    return lines;
}

const std::string& field(const RuleLine& r, std::size_t i, const char* what) {
    if (i >= r.fields.size()) fail(r.where, std::string("missing ") + what);
    return r.fields[i];
}

std::string option(const RuleLine& r, const std::string& key, const std::string& fallback) {
    for (const auto& [k, v] : r.options)
        if (k == key) return v;
    return fallback;
}

void check_options(const RuleLine& r, std::initializer_list<const char*> known) {
    for (const auto& [k, v] : r.options) {
        bool ok = false;
        for (const char* name : known) ok = ok || k == name;
        if (!ok) fail(r.where, "unknown option '" + k + "'");
    }
}

double number_option(const RuleLine& r, const std::string& key, double fallback) {
    const std::string text = option(r, key, "");
    if (text.empty()) return fallback;
    try {
        std::size_t used = 0;
        double v = std::stod(text, &used);
        if (used == text.size()) return v;
    } catch (const std::exception&) {
    }
    fail(r.where, key + "=" + text + " is not a number");
}

template <class Enum>
Enum choice(const RuleLine& r, std::size_t i, const char* what,
            std::initializer_list<std::pair<const char*, Enum>> choices) {
    const std::string& f = field(r, i, what);
    std::string names;
    for (const auto& [name, value] : choices) {
        if (f == name) return value;
        names += names.empty() ? name : std::string(", ") + name;
    }
    fail(r.where, "'" + f + "' is not a " + what + " (one of: " + names + ")");
}

std::string phrase_utf8(const RuleLine& r) {
    return gongwen::utf8::encode(r.phrase);
}

using Reader = std::function<void(Rules&, const RuleLine&)>;

void read_units(Rules& rules, const RuleLine& r) {
    check_options(r, {"unit", "scale", "not_before"});
    UnitRule u;
    u.kind = choice<std::string>(r, 0, "unit kind",
                                 {{"count", "count"},
                                  {"money", "money"},
                                  {"percent", "percent"},
                                  {"points", "points"},
                                  {"multiple", "multiple"},
                                  {"score", "score"},
                                  {"duration", "duration"},
                                  {"other", "other"},
                                  {"none", "none"}});
    u.unit = option(r, "unit", phrase_utf8(r));
    u.scale = number_option(r, "scale", 1.0);
    u.not_before = gongwen::utf8::decode(option(r, "not_before", ""));
    rules.units.add(r.phrase, std::move(u));
}

void read_qualifiers(Rules& rules, const RuleLine& r) {
    check_options(r, {"as"});
    QualifierRule q;
    q.position = choice<QualifierPosition>(r, 0, "position",
                                           {{"prefix", QualifierPosition::prefix},
                                            {"infix", QualifierPosition::infix},
                                            {"suffix", QualifierPosition::suffix}});
    q.as = option(r, "as", phrase_utf8(r));
    auto& table = q.position == QualifierPosition::prefix  ? rules.prefix_qualifiers
                  : q.position == QualifierPosition::infix ? rules.infix_qualifiers
                                                           : rules.suffix_qualifiers;
    table.add(r.phrase, std::move(q));
}

void read_plan_words(Rules& rules, const RuleLine& r) {
    check_options(r, {});
    if (r.exception)
        rules.plan_words.add_exception(r.phrase);
    else
        rules.plan_words.add(r.phrase, 0);
}

void read_plan_headings(Rules& rules, const RuleLine& r) {
    check_options(r, {});
    auto where = choice<PlanHeadingWhere>(r, 0, "place",
                                          {{"start", PlanHeadingWhere::start},
                                           {"end", PlanHeadingWhere::end},
                                           {"title", PlanHeadingWhere::title}});
    auto& table = where == PlanHeadingWhere::start ? rules.plan_heading_start
                  : where == PlanHeadingWhere::end ? rules.plan_heading_end
                                                   : rules.plan_titles;
    table.add(r.phrase, where);
}

void read_scopes(Rules& rules, const RuleLine& r) {
    check_options(r, {"as"});
    rules.scopes.add(r.phrase, option(r, "as", phrase_utf8(r)));
}

void read_directions(Rules& rules, const RuleLine& r) {
    check_options(r, {});
    rules.directions.add(r.phrase, choice<DirectionKind>(r, 0, "direction",
                                                         {{"up", DirectionKind::up},
                                                          {"down", DirectionKind::down},
                                                          {"level", DirectionKind::level},
                                                          {"filler", DirectionKind::filler}}));
}

void read_bases(Rules& rules, const RuleLine& r) {
    check_options(r, {});
    rules.bases.add(r.phrase,
                    choice<BasisKind>(r, 0, "basis kind",
                                      {{"fixed", BasisKind::fixed}, {"lead", BasisKind::lead}}));
}

void read_ranks(Rules& rules, const RuleLine& r) {
    check_options(r, {"value", "unit"});
    if (r.exception) {
        rules.rank_standings.add_exception(r.phrase);
        rules.rank_prefixes.add_exception(r.phrase);
        return;
    }
    RankRule rank;
    rank.kind = choice<RankKind>(r, 0, "rank kind",
                                 {{"prefix", RankKind::prefix}, {"standing", RankKind::standing}});
    rank.value = number_option(r, "value", 0);
    rank.unit = option(r, "unit", "");
    if (rank.kind == RankKind::standing && rank.value <= 0)
        fail(r.where, "a standing needs value=N (N > 0)");
    (rank.kind == RankKind::prefix ? rules.rank_prefixes : rules.rank_standings)
        .add(r.phrase, std::move(rank));
}

void read_exclusions(Rules& rules, const RuleLine& r) {
    check_options(r, {});
    auto kind = choice<ExclusionKind>(r, 0, "exclusion kind",
                                      {{"term", ExclusionKind::term},
                                       {"name_suffix", ExclusionKind::name_suffix},
                                       {"identifier_prefix", ExclusionKind::identifier_prefix},
                                       {"identifier_suffix", ExclusionKind::identifier_suffix},
                                       {"hotline", ExclusionKind::hotline},
                                       {"after", ExclusionKind::after}});
    switch (kind) {
        case ExclusionKind::term:
            rules.terms.add(r.phrase, 0);
            break;
        case ExclusionKind::name_suffix:
            rules.name_suffixes.add(r.phrase, 0);
            break;
        case ExclusionKind::identifier_prefix:
            rules.identifier_prefixes.add(r.phrase, 0);
            break;
        case ExclusionKind::identifier_suffix:
            rules.identifier_suffixes.add(r.phrase, 0);
            break;
        case ExclusionKind::hotline:
            rules.hotlines.add(r.phrase, 0);
            break;
        case ExclusionKind::after:
            rules.after_words.add(r.phrase, 0);
            break;
    }
}

void read_subject_words(Rules& rules, const RuleLine& r) {
    check_options(r, {});
    auto kind = choice<SubjectWordKind>(
        r, 0, "subject word kind",
        {{"verb", subject_verb}, {"link", subject_link}, {"time", subject_time}});
    unsigned flags = kind;
    if (auto m = rules.subject_words.longest_at(r.phrase, 0, r.phrase.size());
        m && m->end == r.phrase.size())
        flags |= rules.subject_words.value(*m);
    rules.subject_words.add(r.phrase, flags);
}

void read_periods(Rules& rules, const RuleLine& r) {
    check_options(r, {});
    const std::string& p = field(r, 0, "period");
    static const char* known[] = {"year", "year-1", "year+1", "H1", "H2", "Q1", "Q2", "Q3", "Q4"};
    bool ok = false;
    for (const char* k : known) ok = ok || p == k;
    if (!ok) fail(r.where, "'" + p + "' is not a period (year, year-1, year+1, H1, H2, Q1..Q4)");
    rules.periods.add(r.phrase, p);
}

const std::vector<std::pair<const char*, Reader>>& rule_files() {
    static const std::vector<std::pair<const char*, Reader>> files = {
        {"units.tsv", read_units},           {"qualifiers.tsv", read_qualifiers},
        {"plan_words.txt", read_plan_words}, {"plan_headings.tsv", read_plan_headings},
        {"scopes.tsv", read_scopes},         {"directions.tsv", read_directions},
        {"bases.tsv", read_bases},           {"ranks.tsv", read_ranks},
        {"exclusions.tsv", read_exclusions}, {"subject_words.tsv", read_subject_words},
        {"periods.tsv", read_periods},
    };
    return files;
}

}  // namespace

Rules Rules::load(const fs::path& dir, const std::optional<fs::path>& extra_dir) {
    if (!fs::is_directory(dir))
        throw std::runtime_error(
            "metric_extract rules: " + dir.string() +
            " is not a folder (set rules_dir to the folder of the rule files)");
    if (extra_dir && !fs::is_directory(*extra_dir))
        throw std::runtime_error("metric_extract rules: extra_rules_dir " + extra_dir->string() +
                                 " is not a folder");
    Rules rules;
    for (const auto& [name, reader] : rule_files()) {
        for (const RuleLine& line : read_rule_file(dir / name)) reader(rules, line);
        if (extra_dir && fs::exists(*extra_dir / name))
            for (const RuleLine& line : read_rule_file(*extra_dir / name)) reader(rules, line);
    }
    if (rules.units.empty())
        throw std::runtime_error("metric_extract rules: " + (dir / "units.tsv").string() +
                                 " lists no units");
    return rules;
}

}  // namespace metric_extract
