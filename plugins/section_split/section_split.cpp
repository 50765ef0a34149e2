// section_split: marks the page furniture of a scraped report, reads its title block and
// closing signature, and recovers its outline. See README.md.
#include <algorithm>

#include "date_text.hpp"
#include "enumerated_items.hpp"
#include "gongwen/plugin.hpp"
#include "gongwen/utf8.hpp"
#include "line_table.hpp"
#include "outline.hpp"
#include "page_layout.hpp"
#include "report_facts.hpp"
#include "rule_book.hpp"

namespace section_split {

namespace {

const char* kind_name(LineKind kind) {
    switch (kind) {
        case LineKind::blank:
            return "blank";
        case LineKind::body:
            return "body";
        case LineKind::heading:
            return "heading";
        case LineKind::title:
            return "title";
        case LineKind::field:
            return "field";
        case LineKind::boilerplate:
            return "boilerplate";
    }
    return "body";
}

bool trailing_punctuation(char32_t c) {
    return std::u32string_view(U"。!?;:,，、").find(c) != std::u32string_view::npos;
}

class SectionSplit : public gongwen::Plugin {
  public:
    explicit SectionSplit(gongwen::PluginSetup& setup)
        : rules_(setup.data_dir, Settings::from_config(setup.config)) {}

    void process(gongwen::Document& doc) override {
        doc.blocks.clear();
        doc.sections.clear();
        const LineTable lines(doc.text, rules_.fold);
        const PageLayout layout(lines, rules_);
        std::vector<HeadingLine> headings;
        std::vector<std::size_t> heading_block;  // per heading line: its block
        std::vector<std::size_t> content_end;    // per block: end of its last non-space character

        auto add_block = [&](LineKind kind, const std::string& reason, std::size_t start,
                             std::size_t end) {
            gongwen::Block block;
            block.kind = kind_name(kind);
            block.reason = reason;
            block.start = start;
            block.end = end;
            doc.blocks.push_back(std::move(block));
            std::size_t e = end;
            while (e > start && lines.folded(e - 1, e)[0] == ' ') --e;
            content_end.push_back(e);
        };
        auto add_items = [&](std::size_t start, std::size_t end) {
            for (const ItemSpan& item : find_items(lines.folded(start, end), rules_.item_cues))
                doc.blocks.back().items.push_back(
                    {lines.utf8(start + item.start, start + item.marker_end), start + item.start,
                     start + item.end});
        };

        for (std::size_t i = 0; i < lines.size(); ++i) {
            const Line& line = lines[i];
            const LineRole& role = layout.roles()[i];
            if (role.kind == LineKind::body) {
                add_block(role.kind, "", line.start, line.end);
                add_items(line.cs, line.ce);
                continue;
            }
            if (role.kind != LineKind::heading) {
                add_block(role.kind, role.reason, line.start, line.end);
                continue;
            }
            HeadingLine h;
            h.line = i;
            h.start = line.cs;
            h.continuation = role.continues_headline;
            std::size_t text_start = line.cs, text_end = line.ce, split = line.ce;
            if (role.marker) {
                h.style = role.marker->style;
                h.number = role.marker->number;
                h.marker = lines.utf8(line.cs, line.cs + role.marker->length);
                text_start = line.cs + role.marker->skip;
                // A numbered paragraph opens with its heading: up to the first full stop, or
                // to an 一是 enumeration that follows without one.
                const std::u32string_view rest = lines.folded(text_start, line.ce);
                const std::size_t stop = rest.find_first_of(U"。!?;");
                const auto items = find_items(rest, rules_.item_cues);
                std::size_t cut = stop == std::u32string_view::npos ? rest.size() : stop;
                if (!items.empty() && items.front().start < cut && items.front().start > 0)
                    cut = items.front().start, split = text_start + cut;
                else if (stop != std::u32string_view::npos)
                    split = text_start + stop + 1;
                text_end = text_start + cut;
            } else {
                h.style = MarkerStyle::unnumbered;
            }
            while (text_end > text_start &&
                   (trailing_punctuation(lines.folded(text_end - 1, text_end)[0]) ||
                    lines.folded(text_end - 1, text_end)[0] == ' '))
                --text_end;
            h.heading = lines.utf8(text_start, text_end);
            headings.push_back(h);
            heading_block.push_back(doc.blocks.size());
            std::size_t body = split;
            while (body < line.ce && lines.folded(body, body + 1)[0] == ' ') ++body;
            if (body < line.ce) {
                add_block(LineKind::heading, "", line.start, split);
                add_block(LineKind::body, "", split, line.end);
                add_items(body, line.ce);
            } else {
                add_block(LineKind::heading, "", line.start, line.end);
            }
        }

        Outline outline = build_outline(headings, rules_.settings.numbering_diagnostics);
        doc.sections = std::move(outline.sections);
        assign_sections(doc, heading_block, outline.section_of, content_end);
        for (std::string& fault : outline.faults)
            doc.diagnose("section_split", gongwen::Severity::warning, std::move(fault));
        report_backwards_years(doc, lines);
        fill_metadata(doc, lines, layout);
    }

  private:
    // Positional: a block belongs to the innermost section open where it stands. Sections end
    // at their last body or heading character, their subsections' included.
    static void assign_sections(gongwen::Document& doc,
                                const std::vector<std::size_t>& heading_block,
                                const std::vector<int>& section_of,
                                const std::vector<std::size_t>& content_end) {
        std::vector<int> parent(doc.sections.size(), -1);
        for (std::size_t k = 0; k < doc.sections.size(); ++k)
            for (std::size_t j = k; j-- > 0;)
                if (doc.sections[j].level < doc.sections[k].level) {
                    parent[k] = static_cast<int>(j);
                    break;
                }
        int current = -1;
        std::size_t next_heading = 0;
        for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
            gongwen::Block& block = doc.blocks[b];
            if (next_heading < heading_block.size() && heading_block[next_heading] == b)
                current = section_of[next_heading++];
            block.section = current;
            if (current < 0 || (block.kind != "body" && block.kind != "heading")) continue;
            for (int s = current; s >= 0; s = parent[s])
                doc.sections[s].end = std::max(doc.sections[s].end, content_end[b]);
        }
    }

    static void report_backwards_years(gongwen::Document& doc, const LineTable& lines) {
        for (const gongwen::Block& block : doc.blocks) {
            if (block.kind != "body" && block.kind != "heading" && block.kind != "title") continue;
            for (const YearRange& r : find_year_ranges(lines.folded(block.start, block.end))) {
                if (r.to >= r.from) continue;
                const std::size_t line = lines.line_at(block.start) + 1;
                doc.diagnose("section_split", gongwen::Severity::warning,
                             "backwards year range \"" +
                                 lines.utf8(block.start + r.start, block.start + r.end) +
                                 "\" (line " + std::to_string(line) + "): " +
                                 std::to_string(r.from) + " is after " + std::to_string(r.to));
            }
        }
    }

    void fill_metadata(gongwen::Document& doc, const LineTable& lines,
                       const PageLayout& layout) const {
        std::u32string_view title;
        if (auto t = layout.title_line()) {
            doc.title = lines.utf8(lines[*t].cs, lines[*t].ce);
            title = lines.folded(lines[*t]);
        }
        if (!layout.published().empty())
            doc.published = layout.published();
        else if (!layout.signature_date().empty())
            doc.published = layout.signature_date();
        if (!layout.signature_issuer().empty())
            doc.issuer = layout.signature_issuer();
        else if (!layout.issuer().empty())
            doc.issuer = layout.issuer();

        std::u32string_view first_paragraph;
        for (const gongwen::Block& b : doc.blocks)
            if (b.kind == "body") {
                first_paragraph = lines.folded(b.start, b.end);
                break;
            }
        std::vector<std::u32string> top;
        for (const gongwen::Section& s : doc.sections)
            if (s.level == 1) top.push_back(rules_.fold.key(gongwen::utf8::decode(s.heading)));
        if (std::string period = report_period(title, first_paragraph, rules_); !period.empty())
            doc.period = period;
        if (std::string kind = report_kind(title, first_paragraph, top, rules_); !kind.empty())
            doc.report_kind = kind;
    }

    RuleBook rules_;
};

}  // namespace

}  // namespace section_split

GONGWEN_PLUGIN(section_split::SectionSplit, "section_split", "1.0.0",
               "Marks page furniture, reads the title block and recovers the outline")
