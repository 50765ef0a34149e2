#include "highlighted_text.hpp"

#include <algorithm>

#include "gongwen/utf8.hpp"
#include "html_text.hpp"

namespace gongwen::html {

namespace {

struct Span {
    std::size_t start = 0;
    std::size_t end = 0;
};

// Overlapping metrics, highlighted as one.
struct Cluster : Span {
    std::vector<std::size_t> metrics;  // in order of start
};

std::vector<Cluster> clusters_of(const Document& doc, std::size_t length,
                                 std::vector<std::size_t>& misplaced) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < doc.metrics.size(); ++i) {
        const Metric& m = doc.metrics[i];
        if (m.start < m.end && m.end <= length)
            order.push_back(i);
        else
            misplaced.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return doc.metrics[a].start < doc.metrics[b].start;
    });
    std::vector<Cluster> clusters;
    for (std::size_t i : order) {
        const Metric& m = doc.metrics[i];
        if (clusters.empty() || m.start >= clusters.back().end)
            clusters.push_back({{m.start, m.end}, {}});
        clusters.back().end = std::max(clusters.back().end, m.end);
        clusters.back().metrics.push_back(i);
    }
    return clusters;
}

// Blocks that fit the text, in order, without overlaps: a bad block is dropped rather than
// allowed to break the nesting of the markup.
std::vector<std::size_t> usable_blocks(const Document& doc, std::size_t length) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i)
        if (doc.blocks[i].start < doc.blocks[i].end && doc.blocks[i].end <= length)
            order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return doc.blocks[a].start < doc.blocks[b].start;
    });
    std::vector<std::size_t> kept;
    for (std::size_t i : order)
        if (kept.empty() || doc.blocks[i].start >= doc.blocks[kept.back()].end) kept.push_back(i);
    return kept;
}

// A CSS class name from a kind that comes from a plugin: letters, digits and '-' only.
std::string class_token(const std::string& kind) {
    std::string t;
    for (char c : kind) t.push_back((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '-');
    return t;
}

}  // namespace

std::string metric_summary(const Metric& m, const LabelSet& labels) {
    std::string s = m.subject.empty() ? "" : m.subject + " · ";
    s += m.text;
    if (!m.kind.empty()) s += " · " + labels.get_or("metric_kind." + m.kind, m.kind);
    if (!m.period.empty()) s += " · " + m.period;
    if (!m.scope.empty()) s += " · " + m.scope;
    if (m.direction == "up") s += " · ↑";
    if (m.direction == "down") s += " · ↓";
    if (!m.basis.empty()) s += " " + m.basis;
    if (m.modality != "actual") s += " · " + labels.get_or("modality." + m.modality, m.modality);
    return s;
}

HighlightedText highlighted_text(const Document& doc, const LabelSet& labels) {
    HighlightedText result;
    const utf8::Index index(doc.text);
    const std::size_t length = index.code_points();
    const std::vector<Cluster> clusters = clusters_of(doc, length, result.misplaced);
    const std::vector<std::size_t> blocks = usable_blocks(doc, length);

    // Every offset where something opens or closes; between two of them nothing changes.
    std::vector<std::size_t> cuts = {0, length};
    for (const auto& c : clusters) cuts.insert(cuts.end(), {c.start, c.end});
    for (std::size_t b : blocks) cuts.insert(cuts.end(), {doc.blocks[b].start, doc.blocks[b].end});
    std::vector<std::pair<std::size_t, std::size_t>> anchors;  // offset, section
    for (std::size_t s = 0; s < doc.sections.size(); ++s) {
        anchors.emplace_back(std::min(doc.sections[s].start, length), s);
        cuts.push_back(anchors.back().first);
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    std::stable_sort(anchors.begin(), anchors.end());

    std::string& out = result.html;
    out.reserve(doc.text.size() * 11 / 10 + 64 * (clusters.size() + blocks.size()));
    std::size_t next_cluster = 0, next_block = 0, next_anchor = 0;
    const Cluster* open_cluster = nullptr;
    std::size_t open_block = SIZE_MAX;
    for (std::size_t k = 0; k < cuts.size(); ++k) {
        const std::size_t at = cuts[k];
        while (next_cluster < clusters.size() && clusters[next_cluster].end <= at) ++next_cluster;
        while (next_block < blocks.size() && doc.blocks[blocks[next_block]].end <= at) ++next_block;
        const Cluster* cluster =
            next_cluster < clusters.size() && clusters[next_cluster].start <= at
                ? &clusters[next_cluster]
                : nullptr;
        const std::size_t block =
            next_block < blocks.size() && doc.blocks[blocks[next_block]].start <= at
                ? blocks[next_block]
                : SIZE_MAX;
        const bool anchor_here = next_anchor < anchors.size() && anchors[next_anchor].first == at;

        // Tags nest block > mark: whatever changes here closes the mark, and reopens it when
        // the same highlight goes on (a metric spanning a line break, or a section start).
        if (open_cluster && (open_cluster != cluster || block != open_block || anchor_here)) {
            out += "</mark>";
            open_cluster = nullptr;
        }
        if (block != open_block) {
            if (open_block != SIZE_MAX) out += "</span>";
            if (block != SIZE_MAX)
                out += "<span class=\"b-" + class_token(doc.blocks[block].kind) + "\">";
            open_block = block;
        }
        for (; anchor_here && next_anchor < anchors.size() && anchors[next_anchor].first == at;
             ++next_anchor)
            out += "<span class=\"anchor\" id=\"s" + std::to_string(anchors[next_anchor].second) +
                   "\"></span>";
        if (cluster && !open_cluster && at < length) {
            const bool first_piece = cluster->start == at;
            const Metric& lead = doc.metrics[cluster->metrics.front()];
            std::string title;
            for (std::size_t i : cluster->metrics)
                title += (title.empty() ? "" : "\n") + metric_summary(doc.metrics[i], labels);
            out += "<mark class=\"m m-" + class_token(lead.modality) +
                   (first_piece ? "\" id=\"m" + std::to_string(cluster->metrics.front()) : "") +
                   "\" title=\"" + escaped(title) + "\">";
            if (first_piece)
                for (std::size_t j = 1; j < cluster->metrics.size(); ++j)
                    out += "<span id=\"m" + std::to_string(cluster->metrics[j]) + "\"></span>";
            open_cluster = cluster;
        }
        if (k + 1 < cuts.size()) append_escaped(out, index.slice(doc.text, at, cuts[k + 1]));
    }
    if (open_cluster) out += "</mark>";
    if (open_block != SIZE_MAX) out += "</span>";
    return result;
}

}  // namespace gongwen::html
