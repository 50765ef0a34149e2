#include "csv_table.hpp"

#include <charconv>
#include <cmath>

#include "gongwen/utf8.hpp"

namespace gongwen::csv {

namespace {

std::string well_formed(std::string_view s) {
    if (utf8::valid(s)) return std::string(s);
    std::string out;
    out.reserve(s.size());
    for (std::size_t pos = 0; pos < s.size();) utf8::append(out, utf8::next(s, pos));
    return out;
}

bool looks_like_formula(std::string_view s) {
    if (s.empty()) return false;
    switch (s.front()) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r':
            return true;
        default:
            return false;
    }
}

}  // namespace

void Table::separate() {
    if (row_started_) out_.push_back(dialect_.delimiter);
    row_started_ = true;
}

void Table::raw(std::string_view cell) {
    separate();
    out_.append(cell);
}

Table& Table::text(std::string_view value) {
    std::string cell = well_formed(value);
    if (dialect_.guard_formulas && looks_like_formula(cell)) cell.insert(0, 1, '\'');
    separate();
    if (cell.find_first_of(std::string{dialect_.delimiter, '"', '\r', '\n'}) == std::string::npos) {
        out_.append(cell);
        return *this;
    }
    out_.push_back('"');
    for (char c : cell) {
        if (c == '"') out_.push_back('"');
        out_.push_back(c);
    }
    out_.push_back('"');
    return *this;
}

Table& Table::number(std::optional<double> value) {
    if (!value || !std::isfinite(*value)) return empty();
    char buf[400];  // fixed notation of a double needs at most 327
    auto r = std::to_chars(buf, buf + sizeof buf, *value, std::chars_format::fixed);
    if (r.ec != std::errc{}) r = std::to_chars(buf, buf + sizeof buf, *value);
    raw(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
    return *this;
}

Table& Table::integer(long long value) {
    raw(std::to_string(value));
    return *this;
}

Table& Table::boolean(bool value) {
    raw(value ? "true" : "false");
    return *this;
}

Table& Table::empty() {
    separate();
    return *this;
}

void Table::end_row() {
    out_.append(dialect_.line_end);
    row_started_ = false;
}

}  // namespace gongwen::csv
