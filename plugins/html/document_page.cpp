#include "document_page.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>

#include "highlighted_text.hpp"
#include "html_text.hpp"

namespace gongwen::html {

namespace {

std::string replaced(std::string text, const std::string& placeholder, const std::string& with) {
    if (auto at = text.find(placeholder); at != std::string::npos)
        text.replace(at, placeholder.size(), with);
    return text;
}

std::string plain_number(double v) {
    if (!std::isfinite(v)) return "";
    char buf[400];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    if (r.ec != std::errc{}) r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::string text_language(const Document& doc) {
    if (!doc.script.converted_to.empty()) return doc.script.converted_to;
    if (doc.script.detected == "Hans") return "zh-Hans";
    if (doc.script.detected == "Hant") return "zh-Hant";
    return "zh";
}

std::string section_title(const Section& s) {
    std::string t = s.marker;
    if (!t.empty() && static_cast<unsigned char>(t.back()) < 0x80) t.push_back(' ');
    return t + s.heading;
}

class PageWriter {
  public:
    PageWriter(const Document& doc, const LabelSet& labels) : doc_(doc), l_(labels) {}

    void header(bool link_index) {
        out_ += "<header>\n";
        if (link_index)
            out_ += "<nav class=\"crumbs\"><a href=\"index.html\">" + escaped(l_["back_to_index"]) +
                    "</a></nav>\n";
        out_ += "<h1>" + escaped(display_title(doc_, l_)) + "</h1>\n<dl class=\"meta\">\n";
        if (doc_.published) item(l_["published"], *doc_.published);
        if (!doc_.issuer.empty()) item(l_["issuer"], doc_.issuer);
        if (!doc_.period.empty()) item(l_["period"], doc_.period);
        if (!doc_.report_kind.empty())
            item(l_["report_kind"], l_.get_or("report_kind." + doc_.report_kind, doc_.report_kind));
        if (!doc_.encoding.detected.empty()) item(l_["encoding"], encoding());
        if (!doc_.script.detected.empty()) {
            std::string s = l_.get_or("script." + doc_.script.detected, doc_.script.detected);
            if (!doc_.script.converted_to.empty()) s += " → " + doc_.script.converted_to;
            item(l_["script"], s);
        }
        std::string source = doc_.source.path;
        if (doc_.source.member) source += " → " + *doc_.source.member;
        if (!source.empty()) item(l_["source"], source);
        out_ += "</dl>\n</header>\n";
    }

    void chart(const ChartOptions& options) {
        const std::string figures = options.groups > 0 ? figure_chart(doc_, l_, options) : "";
        if (figures.empty()) return;
        out_ += "<section id=\"chart\" class=\"charts\">\n<h2>" + escaped(l_["chart"]) + "</h2>\n" +
                figures + "</section>\n";
    }

    void outline() {
        out_ += "<nav id=\"outline\" class=\"outline\">\n<h2>" + escaped(l_["outline"]) + "</h2>\n";
        if (doc_.sections.empty()) {
            out_ += "<p class=\"none\">" + escaped(l_["no_outline"]) + "</p>\n</nav>\n";
            return;
        }
        // Depth follows the chain of open parents, so skipped levels nest one step at a time.
        std::vector<int> open_levels;
        std::size_t depth = 0;
        out_ += "<ol>";
        for (std::size_t i = 0; i < doc_.sections.size(); ++i) {
            const Section& s = doc_.sections[i];
            while (!open_levels.empty() && open_levels.back() >= s.level) open_levels.pop_back();
            const std::size_t d = open_levels.size();
            open_levels.push_back(s.level);
            if (i > 0) {
                if (d > depth) {
                    out_ += "<ol>";
                } else {
                    out_ += "</li>";
                    for (; depth > d; --depth) out_ += "</ol></li>";
                }
            }
            depth = d;
            out_ += "\n<li><a href=\"#s" + std::to_string(i) + "\">" + escaped(section_title(s)) +
                    "</a>";
        }
        out_ += "</li>";
        for (; depth > 0; --depth) out_ += "</ol></li>";
        out_ += "</ol>\n</nav>\n";
    }

    void text(const HighlightedText& text) {
        out_ += "<article id=\"text\">\n<h2>" + escaped(l_["text"]) + "</h2>\n";
        if (!doc_.metrics.empty())
            out_ += "<p class=\"legend\"><mark class=\"m m-actual\">" +
                    escaped(l_["legend_actual"]) + "</mark> <mark class=\"m m-plan\">" +
                    escaped(l_["legend_plan"]) + "</mark></p>\n";
        out_ += "<div class=\"text\" lang=\"" + escaped(text_language(doc_)) + "\">" + text.html +
                "</div>\n</article>\n";
    }

    void metric_table(const std::vector<std::size_t>& misplaced) {
        out_ += "<section id=\"metrics\">\n<h2>" + escaped(l_["metrics"]) + "</h2>\n";
        if (doc_.metrics.empty()) {
            out_ += "<p class=\"none\">" + escaped(l_["no_metrics"]) + "</p>\n</section>\n";
            return;
        }
        out_ += "<table class=\"metrics\">\n<thead><tr><th>#</th>";
        for (const char* key : {"subject", "surface", "metric_value", "metric_kind", "period",
                                "scope", "change", "modality", "section"})
            out_ += "<th>" + escaped(l_[key]) + "</th>";
        out_ += "</tr></thead>\n<tbody>\n";
        for (std::size_t i = 0; i < doc_.metrics.size(); ++i) {
            const Metric& m = doc_.metrics[i];
            const bool placed = std::find(misplaced.begin(), misplaced.end(), i) == misplaced.end();
            const std::string n = std::to_string(i + 1);
            out_ += "<tr><td class=\"num\">" +
                    (placed ? "<a href=\"#m" + std::to_string(i) + "\">" + n + "</a>" : n) +
                    "</td>";
            std::string value = plain_number(m.value);
            if (m.value_max) value += "–" + plain_number(*m.value_max);
            std::string change = m.direction == "up" ? "↑" : m.direction == "down" ? "↓" : "";
            if (!m.basis.empty()) change += (change.empty() ? "" : " ") + m.basis;
            const bool in_section =
                m.section >= 0 && static_cast<std::size_t>(m.section) < doc_.sections.size();
            for (const std::string& cell :
                 {m.subject, m.text, (m.approx ? "≈" : "") + value + m.unit,
                  l_.get_or("metric_kind." + m.kind, m.kind), m.period, m.scope, change,
                  l_.get_or("modality." + m.modality, m.modality),
                  in_section ? section_title(doc_.sections[static_cast<std::size_t>(m.section)])
                             : std::string()})
                out_ += "<td>" + escaped(cell) + "</td>";
            out_ += "</tr>\n";
        }
        out_ += "</tbody>\n</table>\n</section>\n";
    }

    void diagnostics(const std::vector<std::size_t>& misplaced) {
        std::string items;
        for (const auto& d : doc_.diagnostics) {
            if (d.severity == Severity::info) continue;
            items += "<li class=\"" + std::string(to_string(d.severity)) + "\"><b>" +
                     to_string(d.severity) + "</b> (" + escaped(d.plugin) +
                     "): " + escaped(d.message) + "</li>\n";
        }
        if (!misplaced.empty()) {
            std::string which;
            for (std::size_t i : misplaced)
                which += (which.empty() ? "" : ", ") + ("#" + std::to_string(i + 1)) + " " +
                         doc_.metrics[i].text;
            items += "<li class=\"warning\">" +
                     escaped(replaced(l_["misplaced"], "{n}", std::to_string(misplaced.size())) +
                             ": " + which) +
                     "</li>\n";
        }
        if (items.empty()) return;
        out_ += "<section id=\"diagnostics\">\n<h2>" + escaped(l_["diagnostics"]) +
                "</h2>\n<ul>\n" + items + "</ul>\n</section>\n";
    }

    void footer() {
        out_ += "<footer>SHA-256 <code>" + escaped(doc_.source.sha256) + "</code> · " +
                escaped(l_["generated_by"]) + "</footer>\n";
    }

    std::string& out() { return out_; }

  private:
    void item(const std::string& label, const std::string& value) {
        out_ += "<dt>" + escaped(label) + "</dt><dd>" + escaped(value) + "</dd>\n";
    }

    std::string encoding() const {
        const EncodingInfo& e = doc_.encoding;
        char confidence[16];
        std::snprintf(confidence, sizeof confidence, "%.2f", e.confidence);
        std::string s = e.detected + " (" + l_["confidence"] + " " + confidence + ")";
        if (!e.repairs.empty())
            s += ", " + replaced(l_["repairs"], "{n}", std::to_string(e.repairs.size()));
        if (e.lossy) s += ", " + replaced(l_["lossy"], "{n}", std::to_string(e.lossy));
        return s;
    }

    const Document& doc_;
    const LabelSet& l_;
    std::string out_;
};

}  // namespace

const std::vector<std::string>& page_label_keys() {
    static const std::vector<std::string> keys = {"lang",
                                                  "untitled",
                                                  "back_to_index",
                                                  "published",
                                                  "issuer",
                                                  "period",
                                                  "report_kind",
                                                  "encoding",
                                                  "confidence",
                                                  "repairs",
                                                  "lossy",
                                                  "script",
                                                  "source",
                                                  "chart",
                                                  "unit_open",
                                                  "unit_close",
                                                  "outline",
                                                  "no_outline",
                                                  "text",
                                                  "legend_actual",
                                                  "legend_plan",
                                                  "metrics",
                                                  "no_metrics",
                                                  "subject",
                                                  "surface",
                                                  "metric_value",
                                                  "metric_kind",
                                                  "scope",
                                                  "change",
                                                  "modality",
                                                  "section",
                                                  "diagnostics",
                                                  "misplaced",
                                                  "generated_by",
                                                  "index_title",
                                                  "documents",
                                                  "title",
                                                  "metric_count",
                                                  "section_count",
                                                  "no_documents",
                                                  "skipped_manifests"};
    return keys;
}

std::string display_title(const Document& doc, const LabelSet& labels) {
    if (!doc.title.empty()) return doc.title;
    const std::string file = std::filesystem::path(doc.source.path).filename().string();
    return labels["untitled"] + (file.empty() ? "" : " — " + file);
}

std::string page_head(const std::string& title, const LabelSet& labels,
                      const std::string& stylesheet) {
    return "<!DOCTYPE html>\n<html lang=\"" + escaped(labels["lang"]) +
           "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
           std::string(content_security_policy) +
           "\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"generator\" content=\"gongwen html exporter\">\n<title>" +
           escaped(title) + "</title>\n<style>\n" + stylesheet + "</style>\n</head>\n<body>\n";
}

Page document_page(const Document& doc, const LabelSet& labels, const PageOptions& options) {
    const HighlightedText text = highlighted_text(doc, labels);
    PageWriter w(doc, labels);
    w.out() = page_head(display_title(doc, labels), labels, options.stylesheet);
    w.header(options.link_index);
    w.out() += "<main>\n";
    w.chart(options.chart);
    // Without sections the outline column would stand empty beside the text.
    w.out() +=
        doc.sections.empty() ? "<div class=\"reading solo\">\n" : "<div class=\"reading\">\n";
    w.outline();
    w.text(text);
    w.out() += "</div>\n";
    w.metric_table(text.misplaced);
    w.diagnostics(text.misplaced);
    w.out() += "</main>\n";
    w.footer();
    w.out() += "</body>\n</html>\n";
    return {std::move(w.out()), text.misplaced};
}

}  // namespace gongwen::html
