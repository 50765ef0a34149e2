#include "store/section_bodies.hpp"

#include <algorithm>

#include "gongwen/utf8.hpp"

namespace gongwen {

namespace {

bool blank(const std::string& s) {
    return s.find_first_not_of(" \t\r\n\f\v") == std::string::npos;
}

}  // namespace

std::vector<SectionBody> section_bodies(const Document& doc) {
    const utf8::Index index(doc.text);
    const std::size_t n = index.code_points();

    // owner[i]: the innermost section holding code point i. Sections come in document order,
    // so a subsection is visited after its parent and overwrites it.
    std::vector<int> owner(n, -1);
    for (std::size_t s = 0; s < doc.sections.size(); ++s) {
        const std::size_t start = std::min(doc.sections[s].start, n);
        const std::size_t end = std::clamp(doc.sections[s].end, start, n);
        std::fill(owner.begin() + static_cast<std::ptrdiff_t>(start),
                  owner.begin() + static_cast<std::ptrdiff_t>(end), static_cast<int>(s));
    }
    std::vector<bool> excluded(n, false);
    for (const Block& b : doc.blocks) {
        if (b.kind != "boilerplate") continue;
        const std::size_t start = std::min(b.start, n);
        const std::size_t end = std::clamp(b.end, start, n);
        std::fill(excluded.begin() + static_cast<std::ptrdiff_t>(start),
                  excluded.begin() + static_cast<std::ptrdiff_t>(end), true);
    }

    // bodies[0] is the text outside every section, bodies[s + 1] that of section s. Runs are
    // maximal, so a second run of the same body always had something else between: a
    // subsection or an excluded block.
    std::vector<std::string> bodies(doc.sections.size() + 1);
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && excluded[j] == excluded[i] && owner[j] == owner[i]) ++j;
        if (!excluded[i]) {
            std::string& body = bodies[static_cast<std::size_t>(owner[i] + 1)];
            if (!body.empty() && body.back() != '\n') body += '\n';
            body += index.slice(doc.text, i, j);
        }
        i = j;
    }

    std::vector<SectionBody> out;
    for (std::size_t slot = 0; slot < bodies.size(); ++slot) {
        if (blank(bodies[slot])) continue;
        SectionBody b;
        b.section = static_cast<int>(slot) - 1;
        if (b.section >= 0) {
            const Section& s = doc.sections[static_cast<std::size_t>(b.section)];
            b.heading = s.marker + s.heading;
        }
        b.body = std::move(bodies[slot]);
        out.push_back(std::move(b));
    }
    return out;
}

}  // namespace gongwen
