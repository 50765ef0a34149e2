// What each line of a scraped report is: page furniture, the title block, the closing
// signature, an outline heading, or body text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "heading_marker.hpp"
#include "line_table.hpp"
#include "rule_book.hpp"

namespace section_split {

enum class LineKind { blank, body, heading, title, field, boilerplate };

struct LineRole {
    LineKind kind = LineKind::body;
    std::string reason;  // boilerplate: navigation …; field: title_block, signature, page_info
    std::optional<Marker> marker;     // numbered headings
    bool continues_headline = false;  // second line of a headline set on two lines
};

class PageLayout {
  public:
    PageLayout(const LineTable& lines, const RuleBook& rules);

    const std::vector<LineRole>& roles() const { return roles_; }
    std::optional<std::size_t> title_line() const { return title_line_; }
    const std::string& published() const { return published_; }  // title block, YYYY-MM-DD
    const std::string& issuer() const { return issuer_; }        // title block
    const std::string& signature_date() const { return signature_date_; }
    const std::string& signature_issuer() const { return signature_issuer_; }

    // Is this (folded) line prose: a sentence rather than a title, label or headline?
    static bool prose(std::u32string_view folded);
    static bool has_sentence_end(std::u32string_view folded);

  private:
    std::string pattern_reason(std::size_t i) const;
    bool apply_fields(std::size_t i, const char* reason);
    std::size_t parse_head();
    std::size_t parse_tail(std::size_t head_end);
    bool take_signature(std::size_t& i, std::size_t head_end);
    bool take_attachment_list(std::size_t& i, std::size_t head_end);
    void classify_core(std::size_t begin, std::size_t end);
    bool issuer_like(std::size_t i) const;

    const LineTable& lines_;
    const RuleBook& rules_;
    std::vector<LineRole> roles_;
    std::vector<std::string> pattern_;  // boilerplate reason from the pattern files, per line
    std::optional<std::size_t> title_line_;
    std::string published_, issuer_, signature_date_, signature_issuer_;
};

}  // namespace section_split
