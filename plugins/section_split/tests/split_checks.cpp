#include "split_checks.hpp"

#include <algorithm>
#include <set>

#include "gongwen/utf8.hpp"

namespace section_split_test {

std::ostream& operator<<(std::ostream& out, const ExpectedSection& s) {
    return out << "{" << s.level << ", \"" << s.marker << "\", \"" << s.heading << "\"}";
}

gongwen::Document split_text(const std::string& text) {
    gongwen::test::ChainHarness chain({"section_split"});
    gongwen::Document doc = gongwen::test::document_from_bytes(text);
    doc.original_text = text;
    doc.text = text;
    if (auto failure = chain.try_run(doc)) ADD_FAILURE() << failure->message;
    return doc;
}

std::vector<ExpectedSection> outline_of(const gongwen::Document& doc) {
    std::vector<ExpectedSection> out;
    for (const auto& s : doc.sections) out.push_back({s.level, s.marker, s.heading});
    return out;
}

std::string slice(const gongwen::Document& doc, std::size_t start, std::size_t end) {
    const gongwen::utf8::Index index(doc.text);
    return std::string(index.slice(doc.text, start, end));
}

std::vector<const gongwen::Block*> blocks_containing(const gongwen::Document& doc,
                                                     const std::string& needle) {
    std::vector<const gongwen::Block*> out;
    const gongwen::utf8::Index index(doc.text);
    for (const auto& b : doc.blocks)
        if (index.slice(doc.text, b.start, b.end).find(needle) != std::string_view::npos)
            out.push_back(&b);
    return out;
}

void expect_block(const gongwen::Document& doc, const std::string& needle, const std::string& kind,
                  const std::string& reason) {
    const auto found = blocks_containing(doc, needle);
    ASSERT_EQ(found.size(), 1u) << "blocks holding \"" << needle << "\"";
    EXPECT_EQ(found[0]->kind, kind) << needle;
    EXPECT_EQ(found[0]->reason, reason) << needle;
}

void expect_well_formed(const gongwen::Document& doc) {
    static const std::set<std::string> kinds = {"body",  "heading",     "title",
                                                "field", "boilerplate", "blank"};
    static const std::set<std::string> boilerplate = {"navigation", "widget", "caption", "footer",
                                                      "spam"};
    static const std::set<std::string> field = {"title_block", "signature", "page_info"};
    const std::u32string text = gongwen::utf8::decode(doc.text);
    std::size_t at = 0;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        const auto& b = doc.blocks[i];
        SCOPED_TRACE("block " + std::to_string(i));
        ASSERT_TRUE(kinds.count(b.kind)) << b.kind;
        if (b.kind == "boilerplate")
            EXPECT_TRUE(boilerplate.count(b.reason)) << b.reason;
        else if (b.kind == "field")
            EXPECT_TRUE(field.count(b.reason)) << b.reason;
        else
            EXPECT_EQ(b.reason, "");
        // Blocks tile the text: each starts where the previous ended, or after its newline.
        if (b.start != at) {
            ASSERT_EQ(b.start, at + 1);
            ASSERT_EQ(text[at], U'\n');
        }
        ASSERT_LE(b.start, b.end);
        ASSERT_LE(b.end, text.size());
        for (std::size_t k = b.start; k < b.end; ++k) ASSERT_NE(text[k], U'\n');
        at = b.end;
        EXPECT_GE(b.section, -1);
        EXPECT_LT(b.section, static_cast<int>(doc.sections.size()));
        for (const auto& item : b.items) {
            EXPECT_GE(item.start, b.start);
            EXPECT_LE(item.end, b.end);
            EXPECT_LT(item.start, item.end);
            EXPECT_EQ(slice(doc, item.start, item.start + gongwen::utf8::length(item.marker)),
                      item.marker);
        }
        if (b.kind == "blank") {
            for (std::size_t k = b.start; k < b.end; ++k) {
                EXPECT_TRUE(text[k] == ' ' || text[k] == U'\u00a0' || text[k] == U'\u3000' ||
                            text[k] == '\t' || text[k] == '\r');
            }
        }
    }
    EXPECT_TRUE(at == text.size() || (at + 1 == text.size() && text[at] == U'\n'))
        << "blocks stop at " << at << " of " << text.size();
    for (std::size_t s = 0; s < doc.sections.size(); ++s) {
        const auto& sec = doc.sections[s];
        SCOPED_TRACE("section " + std::to_string(s) + " " + sec.heading);
        EXPECT_GE(sec.level, 1);
        EXPECT_LT(sec.start, sec.end);
        EXPECT_LE(sec.end, text.size());
        EXPECT_FALSE(sec.heading.empty());
        if (s > 0) {
            EXPECT_GT(sec.start, doc.sections[s - 1].start);
            EXPECT_LE(sec.level, doc.sections[s - 1].level + 1) << "levels grow one at a time";
        }
        // The heading stands at its start, marker first.
        EXPECT_EQ(slice(doc, sec.start, sec.start + gongwen::utf8::length(sec.marker)), sec.marker);
        const bool has_block =
            std::any_of(doc.blocks.begin(), doc.blocks.end(), [&](const auto& b) {
                return b.kind == "heading" && b.section == static_cast<int>(s) &&
                       b.start <= sec.start && sec.start < b.end;
            });
        EXPECT_TRUE(has_block);
    }
}

std::vector<std::string> warnings(const gongwen::Document& doc) {
    std::vector<std::string> out;
    for (const auto& d : doc.diagnostics)
        if (d.plugin == "section_split" && d.severity == gongwen::Severity::warning)
            out.push_back(d.message);
    return out;
}

}  // namespace section_split_test
