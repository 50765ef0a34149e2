#include "markdown_digest.hpp"

#include <filesystem>

#include "markdown_text.hpp"

namespace gongwen::markdown {

namespace {

std::string replaced(std::string text, const std::string& placeholder, const std::string& with) {
    if (auto at = text.find(placeholder); at != std::string::npos)
        text.replace(at, placeholder.size(), with);
    return text;
}

std::string section_title(const Section& s) {
    std::string t = s.marker;
    // "1." and "(1)" read better with a space before the heading; "一、" and "（一）" do not.
    if (!t.empty() && static_cast<unsigned char>(t.back()) < 0x80) t.push_back(' ');
    return t + s.heading;
}

bool valid_section(const Document& doc, int index) {
    return index >= 0 && static_cast<std::size_t>(index) < doc.sections.size();
}

std::string confidence_text(double c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", c);
    return buf;
}

class Digest {
  public:
    Digest(const Document& doc, const LabelSet& labels) : doc_(doc), l_(labels) {}

    void title() {
        if (!doc_.title.empty()) {
            out_ += "# " + escaped(doc_.title) + "\n\n";
            return;
        }
        const std::string file = std::filesystem::path(doc_.source.path).filename().string();
        out_ +=
            "# " + escaped(l_["untitled"]) + (file.empty() ? "" : " — " + escaped(file)) + "\n\n";
    }

    void metadata() {
        out_ += "| " + escaped(l_["field"]) + " | " + escaped(l_["value"]) + " |\n|---|---|\n";
        if (doc_.published) row(l_["published"], escaped(*doc_.published));
        if (!doc_.issuer.empty()) row(l_["issuer"], escaped(doc_.issuer));
        if (!doc_.period.empty()) row(l_["period"], escaped(doc_.period));
        if (!doc_.report_kind.empty())
            row(l_["report_kind"],
                escaped(l_.get_or("report_kind." + doc_.report_kind, doc_.report_kind)));
        if (!doc_.encoding.detected.empty()) row(l_["encoding"], escaped(encoding()));
        if (!doc_.script.detected.empty()) {
            std::string s = l_.get_or("script." + doc_.script.detected, doc_.script.detected);
            if (!doc_.script.converted_to.empty()) s += " → " + doc_.script.converted_to;
            row(l_["script"], escaped(s));
        }
        std::string source = doc_.source.path;
        if (doc_.source.member) source += " → " + *doc_.source.member;
        if (!source.empty()) row(l_["source"], escaped(source));
        if (!doc_.source.sha256.empty()) row("SHA-256", "`" + doc_.source.sha256 + "`");
        out_ += "\n";
    }

    void outline() {
        out_ += "## " + escaped(l_["outline"]) + "\n\n";
        if (doc_.sections.empty()) {
            out_ += escaped(l_["no_outline"], Position::block_start) + "\n\n";
            return;
        }
        // Depth follows the chain of open parents, so a jump from level 1 to level 3 nests one
        // step (deeper indentation would turn into a code block).
        std::vector<int> open_levels;
        for (std::size_t i = 0; i < doc_.sections.size(); ++i) {
            const Section& s = doc_.sections[i];
            while (!open_levels.empty() && open_levels.back() >= s.level) open_levels.pop_back();
            out_ += std::string(open_levels.size() * 2, ' ') + "- " +
                    escaped(section_title(s), Position::block_start) + "\n";
            open_levels.push_back(s.level);
        }
        out_ += "\n";
    }

    void metrics() {
        out_ += "## " + escaped(l_["metrics"]) + "\n\n";
        if (doc_.metrics.empty()) {
            out_ += escaped(l_["no_metrics"], Position::block_start) + "\n\n";
            return;
        }
        std::vector<std::size_t> unsectioned;
        std::vector<std::vector<std::size_t>> by_section(doc_.sections.size());
        for (std::size_t i = 0; i < doc_.metrics.size(); ++i) {
            const int s = doc_.metrics[i].section;
            (valid_section(doc_, s) ? by_section[static_cast<std::size_t>(s)] : unsectioned)
                .push_back(i);
        }
        if (!unsectioned.empty()) {
            out_ += "### " + escaped(l_["no_section"]) + "\n\n";
            table(unsectioned);
        }
        for (std::size_t i = 0; i < doc_.sections.size(); ++i) {
            if (!subtree_has_metrics(i, by_section)) continue;
            const int depth = std::min(doc_.sections[i].level, 4) + 2;
            out_ += std::string(static_cast<std::size_t>(depth), '#') + " " +
                    escaped(section_title(doc_.sections[i])) + "\n\n";
            if (!by_section[i].empty()) table(by_section[i]);
        }
    }

    void diagnostics() {
        std::string lines;
        for (const auto& d : doc_.diagnostics) {
            if (d.severity == Severity::info) continue;
            lines += "- **" + std::string(to_string(d.severity)) + "** (" + escaped(d.plugin) +
                     "): " + escaped(d.message) + "\n";
        }
        if (lines.empty()) return;
        out_ += "## " + escaped(l_["diagnostics"]) + "\n\n" + lines + "\n";
    }

    std::string take() {
        while (out_.size() > 1 && out_[out_.size() - 1] == '\n' && out_[out_.size() - 2] == '\n')
            out_.pop_back();
        return std::move(out_);
    }

  private:
    void row(const std::string& label, const std::string& value) {
        out_ += "| " + escaped(label) + " | " + value + " |\n";
    }

    std::string encoding() const {
        const EncodingInfo& e = doc_.encoding;
        std::string s =
            e.detected + " (" + l_["confidence"] + " " + confidence_text(e.confidence) + ")";
        if (!e.repairs.empty())
            s += ", " + replaced(l_["repairs"], "{n}", std::to_string(e.repairs.size()));
        if (e.lossy) s += ", " + replaced(l_["lossy"], "{n}", std::to_string(e.lossy));
        return s;
    }

    // Whether section `i` or one of the sections nested under it has metrics: a parent
    // heading is kept for context when only its subsections have figures.
    bool subtree_has_metrics(std::size_t i,
                             const std::vector<std::vector<std::size_t>>& by_section) const {
        if (!by_section[i].empty()) return true;
        for (std::size_t j = i + 1;
             j < doc_.sections.size() && doc_.sections[j].level > doc_.sections[i].level; ++j)
            if (!by_section[j].empty()) return true;
        return false;
    }

    void table(const std::vector<std::size_t>& indices) {
        out_ += "| " + escaped(l_["subject"]) + " | " + escaped(l_["metric_value"]) + " | " +
                escaped(l_["metric_kind"]) + " | " + escaped(l_["period"]) + " | " +
                escaped(l_["scope"]) + " | " + escaped(l_["change"]) + " | " +
                escaped(l_["modality"]) + " | " + escaped(l_["surface"]) + " |\n";
        out_ += "|---|--:|---|---|---|---|---|---|\n";
        for (std::size_t i : indices) {
            const Metric& m = doc_.metrics[i];
            std::string value = (m.approx ? "≈" : "") + readable_number(m.value);
            if (m.value_max) value += "–" + readable_number(*m.value_max);
            value += m.unit;
            std::string change = m.direction == "up" ? "↑" : m.direction == "down" ? "↓" : "";
            if (!m.basis.empty()) change += (change.empty() ? "" : " ") + m.basis;
            out_ += "| " + escaped(m.subject) + " | " + escaped(value) + " | " +
                    escaped(l_.get_or("metric_kind." + m.kind, m.kind)) + " | " +
                    escaped(m.period) + " | " + escaped(m.scope) + " | " + escaped(change) + " | " +
                    escaped(l_.get_or("modality." + m.modality, m.modality)) + " | " +
                    escaped(m.text) + " |\n";
        }
        out_ += "\n";
    }

    const Document& doc_;
    const LabelSet& l_;
    std::string out_;
};

}  // namespace

const std::vector<std::string>& digest_label_keys() {
    static const std::vector<std::string> keys = {
        "untitled",    "field",        "value",       "published", "issuer",     "period",
        "report_kind", "encoding",     "confidence",  "repairs",   "lossy",      "script",
        "source",      "outline",      "no_outline",  "metrics",   "no_metrics", "no_section",
        "subject",     "metric_value", "metric_kind", "scope",     "change",     "modality",
        "surface",     "diagnostics"};
    return keys;
}

std::string digest(const Document& doc, const LabelSet& labels, const DigestOptions& options) {
    Digest d(doc, labels);
    d.title();
    d.metadata();
    d.outline();
    d.metrics();
    if (options.diagnostics) d.diagnostics();
    return d.take();
}

}  // namespace gongwen::markdown
