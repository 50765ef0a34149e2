#include "figure_chart.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "gongwen/utf8.hpp"
#include "highlighted_text.hpp"
#include "html_text.hpp"

namespace gongwen::html {

namespace {

// Geometry of one chart row, in SVG user units (the SVG scales down on narrow screens).
constexpr int width = 720;
constexpr int label_right = 210;  // labels end here, right-aligned
constexpr int bar_left = 220;
constexpr int bar_span = 380;  // the longest bar
constexpr int row_height = 28;
constexpr int bar_height = 18;
constexpr std::size_t label_chars = 14;  // longer subjects are cut, the tooltip has them whole

struct Group {
    std::string kind;
    std::string unit;
    std::vector<std::size_t> metrics;
};

std::string shortened(const std::string& s) {
    if (utf8::length(s) <= label_chars) return s;
    const utf8::Index index(s);
    return std::string(index.slice(s, 0, label_chars - 1)) + "…";
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

}  // namespace

std::string figure_chart(const Document& doc, const LabelSet& labels, const ChartOptions& options) {
    std::map<std::pair<std::string, std::string>, Group> by_unit;
    for (std::size_t i = 0; i < doc.metrics.size(); ++i) {
        const Metric& m = doc.metrics[i];
        const bool charted =
            std::find(options.kinds.begin(), options.kinds.end(), m.kind) != options.kinds.end();
        if (!charted || !std::isfinite(m.value) || m.value <= 0) continue;
        if (m.modality != "actual" && !options.plans) continue;
        Group& g = by_unit[{m.kind, m.unit}];
        g.kind = m.kind;
        g.unit = m.unit;
        g.metrics.push_back(i);
    }
    std::vector<Group> groups;
    for (auto& [key, g] : by_unit) groups.push_back(std::move(g));
    auto kind_rank = [&](const std::string& kind) {
        return std::find(options.kinds.begin(), options.kinds.end(), kind) - options.kinds.begin();
    };
    std::stable_sort(groups.begin(), groups.end(), [&](const Group& a, const Group& b) {
        if (a.metrics.size() != b.metrics.size()) return a.metrics.size() > b.metrics.size();
        return kind_rank(a.kind) < kind_rank(b.kind);
    });
    if (groups.size() > static_cast<std::size_t>(options.groups))
        groups.resize(static_cast<std::size_t>(options.groups));

    std::string out;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        auto& ids = groups[g].metrics;
        std::stable_sort(ids.begin(), ids.end(), [&](std::size_t a, std::size_t b) {
            return doc.metrics[a].value > doc.metrics[b].value;
        });
        if (ids.size() > static_cast<std::size_t>(options.bars))
            ids.resize(static_cast<std::size_t>(options.bars));
        const double largest = doc.metrics[ids.front()].value;
        const int height = static_cast<int>(ids.size()) * row_height + 8;

        std::string caption = labels.get_or("metric_kind." + groups[g].kind, groups[g].kind);
        if (!groups[g].unit.empty())
            caption += labels["unit_open"] + groups[g].unit + labels["unit_close"];
        out += "<figure class=\"chart\"><figcaption>" + escaped(caption) + "</figcaption>\n";
        out += "<svg class=\"bars\" role=\"img\" viewBox=\"0 0 " + std::to_string(width) + " " +
               std::to_string(height) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
               std::to_string(height) + "\" aria-label=\"" + escaped(caption) + "\">\n";
        for (std::size_t r = 0; r < ids.size(); ++r) {
            const Metric& m = doc.metrics[ids[r]];
            const int y = 4 + static_cast<int>(r) * row_height;
            // Tiny values still get a visible sliver.
            const double w = std::max(2.0, bar_span * m.value / largest);
            const std::string label = m.subject.empty() ? m.text : m.subject;
            out += "<a href=\"#m" + std::to_string(ids[r]) + "\"><title>" +
                   escaped(metric_summary(m, labels)) + "</title>";
            out += "<text class=\"label\" x=\"" + std::to_string(label_right) + "\" y=\"" +
                   std::to_string(y + 14) + "\" text-anchor=\"end\">" + escaped(shortened(label)) +
                   "</text>";
            out += "<rect class=\"bar bar-g" + std::to_string(g) +
                   (m.modality == "actual" ? "" : " bar-plan") + "\" x=\"" +
                   std::to_string(bar_left) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
                   number(w) + "\" height=\"" + std::to_string(bar_height) + "\"/>";
            out += "<text class=\"value\" x=\"" + number(bar_left + w + 6) + "\" y=\"" +
                   std::to_string(y + 14) + "\">" + escaped(m.text) + "</text></a>\n";
        }
        out += "</svg></figure>\n";
    }
    return out;
}

}  // namespace gongwen::html
