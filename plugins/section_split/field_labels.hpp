// Title-block fields: "来源:广东省司法厅  发布时间:2022-03-21" with labels from data/fields.txt.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "char_fold.hpp"

namespace section_split {

struct Field {
    std::string role;                            // issuer, published, editor, author, views, other
    std::size_t value_start = 0, value_end = 0;  // in the parsed line; empty values are kept
};

class FieldLabels {
  public:
    void load(const std::filesystem::path& file, const CharFold& fold);
    // The fields of a line that starts with a label and ':' (after spaces and an opening
    // bracket); empty when it does not.
    std::vector<Field> parse(std::u32string_view folded) const;
    std::size_t size() const { return labels_.size(); }

  private:
    struct Label {
        std::u32string text;
        std::string role;
    };
    // Length of the label at s[i] followed by ':' (spaces allowed inside and before the
    // colon, which sites put in), including the colon; 0 when none.
    std::size_t match(std::u32string_view s, std::size_t i, const Label*& which) const;
    std::vector<Label> labels_;  // longest first, so 文章来源 wins over 来源
};

}  // namespace section_split
