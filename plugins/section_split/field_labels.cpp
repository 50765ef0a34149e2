#include "field_labels.hpp"

#include <algorithm>
#include <stdexcept>

#include "gongwen/utf8.hpp"
#include "pattern_set.hpp"

namespace section_split {

void FieldLabels::load(const std::filesystem::path& file, const CharFold& fold) {
    static const std::vector<std::string> roles = {"issuer", "published", "editor",
                                                   "author", "views",     "other"};
    for (const DataLine& line : read_data_lines(file)) {
        const std::size_t space = line.text.find_first_of(" \t");
        const std::string role = space == std::string::npos
                                     ? ""
                                     : line.text.substr(line.text.find_first_not_of(" \t", space));
        if (std::find(roles.begin(), roles.end(), role) == roles.end())
            throw std::runtime_error(file.string() + ":" + std::to_string(line.number) +
                                     ": expected a label and one of the roles issuer, "
                                     "published, editor, author, views, other");
        labels_.push_back({fold.key(gongwen::utf8::decode(line.text.substr(0, space))), role});
    }
    std::stable_sort(labels_.begin(), labels_.end(),
                     [](const Label& a, const Label& b) { return a.text.size() > b.text.size(); });
}

std::size_t FieldLabels::match(std::u32string_view s, std::size_t i, const Label*& which) const {
    for (const Label& label : labels_) {
        std::size_t p = i, k = 0;
        while (k < label.text.size() && p < s.size()) {
            if (s[p] == ' ' && k > 0) {
                ++p;
                continue;
            }
            if (s[p] != label.text[k]) break;
            ++p, ++k;
        }
        if (k < label.text.size()) continue;
        while (p < s.size() && s[p] == ' ') ++p;
        if (p < s.size() && s[p] == ':') {
            which = &label;
            return p + 1 - i;
        }
    }
    return 0;
}

std::vector<Field> FieldLabels::parse(std::u32string_view s) const {
    std::vector<Field> fields;
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == U'【' || s[i] == '[')) ++i;
    const Label* label = nullptr;
    std::size_t n = match(s, i, label);
    if (!n) return fields;
    auto is_value_end = [](char32_t c) {
        return c == ' ' || c == U'】' || c == ']' || c == '|' || c == ';' || c == ',' ||
               c == U'，' || c == U'；';
    };
    while (n) {
        Field field{label->role, i + n, i + n};
        std::size_t p = i + n;
        const Label* next_label = nullptr;
        std::size_t next = 0;
        while (p < s.size()) {
            if ((next = match(s, p, next_label))) break;
            ++p;
        }
        std::size_t a = field.value_start, b = p;
        while (a < b && s[a] == ' ') ++a;
        while (b > a && is_value_end(s[b - 1])) --b;
        field.value_start = a;
        field.value_end = b;
        fields.push_back(field);
        i = p;
        n = next;
        label = next_label;
    }
    return fields;
}

}  // namespace section_split
