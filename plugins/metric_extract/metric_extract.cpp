// metric_extract: every figure of a report's body as a Metric — value and unit, qualifier,
// kind, subject, period, scope, modality and, for changes, direction and basis. The rules are
// data (data/*.tsv, docs/metrics.md); this file maps the Document's blocks and sections onto
// paragraphs with their context and hands them to the scanner and the context reader.
#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "char_class.hpp"
#include "figure_context.hpp"
#include "figure_scanner.hpp"
#include "gongwen/plugin.hpp"
#include "gongwen/utf8.hpp"
#include "numeral.hpp"
#include "rules.hpp"

namespace {

using namespace metric_extract;
namespace fs = std::filesystem;

Rules load_rules(gongwen::PluginSetup& setup) {
    const fs::path dir = setup.config.get_path("rules_dir", setup.data_dir);
    const std::string extra = setup.config.get_string("extra_rules_dir", "");
    std::optional<fs::path> extra_dir;
    if (!extra.empty()) extra_dir = setup.config.get_path("extra_rules_dir", {});
    return Rules::load(dir, extra_dir);
}

ScanOptions scan_options(gongwen::PluginSetup& setup) {
    ScanOptions o;
    o.max_quote = std::size_t(setup.config.get_int("max_quote_length", 60, 0, 10000));
    o.bare_numbers = setup.config.get_bool("bare_numbers", true);
    return o;
}

struct Paragraph {
    std::size_t begin = 0;
    std::size_t end = 0;
    int section = -1;
};

// The trimmed text of a heading or line without its trailing punctuation.
std::u32string heading_text(std::u32string_view s) {
    std::size_t a = 0, b = s.size();
    while (a < b && is_space(s[a])) ++a;
    while (b > a && (is_space(s[b - 1]) || is_clause_end(s[b - 1]))) --b;
    return std::u32string(s.substr(a, b - a));
}

// 一、 二、 … 十二、 at the start of a line: a chapter of the report's own outline.
std::optional<std::size_t> chapter_marker_end(std::u32string_view line) {
    std::size_t k = 0;
    while (k < line.size() && is_space(line[k])) ++k;
    const std::size_t digits = k;
    while (k < line.size() && is_chinese_numeral(line[k])) ++k;
    if (k == digits || k - digits > 3 || k >= line.size()) return std::nullopt;
    if (line[k] != U'、' && line[k] != U'，' && line[k] != U'.') return std::nullopt;
    return k + 1;
}

class MetricExtract : public gongwen::Plugin {
  public:
    explicit MetricExtract(gongwen::PluginSetup& setup)
        : rules_(load_rules(setup)), scanner_(rules_, scan_options(setup)), context_(rules_) {
        for (const auto& k : setup.config.get_strings("block_kinds", {"body", "heading"}))
            block_kinds_.insert(k);
    }

    void process(gongwen::Document& doc) override {
        doc.metrics.clear();
        if (doc.text.empty()) return;
        const std::u32string text = gongwen::utf8::decode(doc.text);
        const std::vector<Paragraph> paragraphs = paragraphs_of(doc, text);

        const std::vector<std::u32string> head = head_lines(doc, text);
        std::string doc_period = doc.period;
        if (doc_period.empty()) doc_period = period_from_head(text);
        const int year = doc_period.size() >= 4 &&
                                 std::all_of(doc_period.begin(), doc_period.begin() + 4, ::isdigit)
                             ? std::stoi(doc_period.substr(0, 4))
                             : 0;
        bool doc_plan = doc.report_kind == "plan";
        std::string scope;
        for (const auto& line : head) {
            if (doc.report_kind.empty() && rules_.plan_titles.find_first(line, 0, line.size()))
                doc_plan = true;
            if (scope.empty())
                if (auto s = rules_.scopes.find_first(line, 0, line.size()))
                    scope = rules_.scopes.value(*s);
        }

        // Plan sections and their periods, from section_split's outline when there is one.
        std::vector<char> section_plan(doc.sections.size(), 0);
        std::vector<std::string> section_period(doc.sections.size());
        {
            std::vector<int> stack;  // open ancestors
            for (std::size_t i = 0; i < doc.sections.size(); ++i) {
                const auto& s = doc.sections[i];
                while (!stack.empty() && doc.sections[stack.back()].level >= s.level)
                    stack.pop_back();
                const std::u32string h = heading_text(gongwen::utf8::decode(s.heading));
                section_plan[i] = is_plan_heading(h);
                section_period[i] = last_period(rules_, h, 0, h.size(), year);
                if (!stack.empty()) {
                    section_plan[i] |= section_plan[stack.back()];
                    if (section_period[i].empty()) section_period[i] = section_period[stack.back()];
                }
                stack.push_back(int(i));
            }
        }

        // Without an outline, the chapters (一、…) the text itself marks stand in for it.
        const bool own_outline = doc.sections.empty();
        bool chapter_plan = false;
        std::string chapter_period;

        for (const Paragraph& p : paragraphs) {
            ParagraphContext ctx;
            ctx.begin = p.begin;
            ctx.end = p.end;
            ctx.section = p.section;
            ctx.year = year;
            ctx.scope = scope;
            ctx.period = doc_period;
            ctx.plan = doc_plan;
            const std::u32string_view line(text.data() + p.begin, p.end - p.begin);
            if (own_outline) {
                if (auto k = chapter_marker_end(line)) {
                    std::size_t stop = *k;
                    while (stop < line.size() && !is_sentence_end(line[stop])) ++stop;
                    const std::u32string h = heading_text(line.substr(*k, stop - *k));
                    chapter_plan = is_plan_heading(h);
                    chapter_period = last_period(rules_, h, 0, h.size(), year);
                }
                ctx.plan = ctx.plan || chapter_plan;
                if (!chapter_period.empty()) ctx.period = chapter_period;
            } else if (p.section >= 0 && std::size_t(p.section) < doc.sections.size()) {
                ctx.plan = ctx.plan || section_plan[p.section];
                if (!section_period[p.section].empty()) ctx.period = section_period[p.section];
            }
            // 全年, 今年 in a section about 2023 mean 2023, whatever year the report was written.
            if (ctx.period.size() >= 4 &&
                std::all_of(ctx.period.begin(), ctx.period.begin() + 4, ::isdigit))
                ctx.year = std::stoi(ctx.period.substr(0, 4));
            const std::vector<Figure> figures = scanner_.scan(text, p.begin, p.end, masked_);
            context_.read(text, ctx, figures, masked_, doc.metrics);
        }
    }

  private:
    bool is_plan_heading(const std::u32string& h) const {
        if (h.empty()) return false;
        if (auto m = rules_.plan_heading_end.longest_ending_at(h, h.size(), 0)) return true;
        std::size_t a = 0;
        // 2022年工作打算 / 下一步工作计划: skip a leading year.
        while (a < h.size() && (is_digit(h[a]) || h[a] == U'年')) ++a;
        return rules_.plan_heading_start.longest_at(h, a, h.size()).has_value();
    }

    std::vector<Paragraph> paragraphs_of(gongwen::Document& doc, const std::u32string& text) {
        std::vector<Paragraph> out;
        auto add_lines = [&](std::size_t begin, std::size_t end, int section) {
            std::size_t start = begin;
            for (std::size_t k = begin; k <= end; ++k)
                if (k == end || text[k] == U'\n') {
                    if (k > start) out.push_back({start, k, section});
                    start = k + 1;
                }
        };
        if (doc.blocks.empty()) {
            add_lines(0, text.size(), -1);
            return out;
        }
        std::size_t bad = 0;
        for (const auto& b : doc.blocks) {
            if (!block_kinds_.count(b.kind)) continue;
            if (b.start > b.end || b.end > text.size()) {
                ++bad;
                continue;
            }
            add_lines(b.start, b.end, b.section);
        }
        if (bad)
            doc.diagnose("metric_extract", gongwen::Severity::warning,
                         std::to_string(bad) +
                             " block(s) lie outside the text and were not read for metrics");
        return out;
    }

    // The title and the first short lines: where a report names its scope and kind.
    static std::vector<std::u32string> head_lines(const gongwen::Document& doc,
                                                  const std::u32string& text) {
        std::vector<std::u32string> lines;
        if (!doc.title.empty()) lines.push_back(gongwen::utf8::decode(doc.title));
        std::size_t start = 0, seen = 0;
        for (std::size_t k = 0; k <= text.size() && seen < 6; ++k) {
            if (k < text.size() && text[k] != U'\n') continue;
            const std::u32string line =
                heading_text(std::u32string_view(text).substr(start, k - start));
            start = k + 1;
            if (line.empty()) continue;
            ++seen;
            // Chapter headings (二、下半年工作计划) are outline, not the title.
            if (line.size() <= 60 && line.find(U'。') == std::u32string::npos &&
                !chapter_marker_end(line))
                lines.push_back(line);
        }
        return lines;
    }

    // The first year the text names near its start (2021年, 2021年上半年).
    std::string period_from_head(const std::u32string& text) const {
        const std::size_t limit = std::min<std::size_t>(text.size(), 400);
        for (std::size_t k = 0; k + 4 < limit; ++k) {
            if (!is_digit(text[k]) || (k > 0 && is_digit(text[k - 1]))) continue;
            if (!(is_digit(text[k + 1]) && is_digit(text[k + 2]) && is_digit(text[k + 3]) &&
                  text[k + 4] == U'年'))
                continue;
            // 今天是 2024年11月24日: a full date in the page furniture is not the period.
            if (k + 5 < text.size() && is_digit(text[k + 5])) continue;
            std::string p = last_period(rules_, text, k, std::min(text.size(), k + 9), 0);
            if (!p.empty()) return p;
        }
        return "";
    }

    Rules rules_;
    FigureScanner scanner_;
    FigureContext context_;
    std::set<std::string> block_kinds_;
    std::vector<bool> masked_;  // scratch, reused between paragraphs
};

}  // namespace

GONGWEN_PLUGIN(MetricExtract, "metric_extract", "1.0.0",
               "Extracts every figure (value, unit, subject, period, modality) from report text")
