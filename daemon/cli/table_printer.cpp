#include "cli/table_printer.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "cli/display_width.hpp"

namespace gongwen {

void Table::add_row(std::vector<Cell> row) {
    if (row.size() > columns_.size())
        throw std::logic_error("table row has more cells than the table has columns");
    row.resize(columns_.size());
    rows_.push_back(std::move(row));
}

std::string format_number(double value) {
    if (std::isfinite(value) && std::fabs(value) < 1e15 && value == std::floor(value))
        return std::to_string(static_cast<std::int64_t>(value));
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
    std::string s(buf, res.ptr);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

std::string cell_text(const Cell& cell) {
    struct Visitor {
        std::string operator()(std::monostate) const { return {}; }
        std::string operator()(std::int64_t v) const { return std::to_string(v); }
        std::string operator()(double v) const { return format_number(v); }
        std::string operator()(const std::string& v) const { return v; }
    };
    return std::visit(Visitor{}, cell);
}

namespace {

bool is_number(const Cell& c) {
    return std::holds_alternative<std::int64_t>(c) || std::holds_alternative<double>(c);
}

// One line per cell: a line break inside a cell would break the table.
std::string one_line(std::string s) {
    for (char& c : s)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return s;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

void print_aligned(std::ostream& out, const Table& table, std::size_t line_width) {
    const auto& cols = table.columns();
    std::vector<std::vector<std::string>> text;
    std::vector<std::size_t> width(cols.size());
    for (std::size_t c = 0; c < cols.size(); ++c) width[c] = display_width(cols[c].name);
    for (const auto& row : table.rows()) {
        std::vector<std::string> line;
        for (std::size_t c = 0; c < cols.size(); ++c) {
            std::string s = one_line(cell_text(row[c]));
            if (cols[c].max_width > 0) s = fit_width(s, cols[c].max_width);
            width[c] = std::max(width[c], display_width(s));
            line.push_back(std::move(s));
        }
        text.push_back(std::move(line));
    }
    if (line_width > 0 && !cols.empty()) {
        std::size_t others = 0;
        for (std::size_t c = 0; c + 1 < cols.size(); ++c) others += width[c] + 2;
        const std::size_t room = line_width > others + 12 ? line_width - others : 12;
        if (width.back() > room) {
            width.back() = display_width(fit_width(cols.back().name, room));
            for (auto& line : text) {
                line.back() = fit_width(line.back(), room);
                width.back() = std::max(width.back(), display_width(line.back()));
            }
        }
    }
    std::vector<bool> right(cols.size(), false);
    for (std::size_t c = 0; c < cols.size(); ++c) {
        right[c] = cols[c].align == Align::right;
        if (cols[c].align != Align::automatic) continue;
        for (const auto& row : table.rows())
            if (!std::holds_alternative<std::monostate>(row[c])) {
                right[c] = is_number(row[c]);
                break;
            }
    }

    auto emit = [&](const std::vector<std::string>& cells) {
        std::string line;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::string pad(width[c] - display_width(cells[c]), ' ');
            const bool last = c + 1 == cells.size();
            if (right[c])
                line += pad + cells[c];
            else
                line += cells[c] + (last ? "" : pad);
            if (!last) line += "  ";
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << "\n";
    };
    std::vector<std::string> header;
    std::vector<std::string> rule;
    for (std::size_t c = 0; c < cols.size(); ++c) {
        header.push_back(cols[c].name);
        std::string r;
        for (std::size_t i = 0; i < width[c]; ++i) r += "─";
        rule.push_back(r);
    }
    emit(header);
    emit(rule);
    for (const auto& line : text) emit(line);
}

void print_csv(std::ostream& out, const Table& table) {
    const auto& cols = table.columns();
    for (std::size_t c = 0; c < cols.size(); ++c) out << (c ? "," : "") << csv_field(cols[c].name);
    out << "\r\n";
    for (const auto& row : table.rows()) {
        for (std::size_t c = 0; c < row.size(); ++c)
            out << (c ? "," : "") << csv_field(cell_text(row[c]));
        out << "\r\n";
    }
}

void print_json(std::ostream& out, const Table& table) {
    boost::json::array rows;
    const auto& cols = table.columns();
    for (const auto& row : table.rows()) {
        boost::json::object o;
        for (std::size_t c = 0; c < cols.size(); ++c) {
            boost::json::value& v = o[cols[c].name];
            if (const auto* i = std::get_if<std::int64_t>(&row[c]))
                v = *i;
            else if (const auto* d = std::get_if<double>(&row[c]); d && std::isfinite(*d))
                v = *d;
            else if (const auto* s = std::get_if<std::string>(&row[c]))
                v = *s;
        }
        rows.push_back(std::move(o));
    }
    out << boost::json::serialize(rows) << "\n";
}

void print_table(std::ostream& out, const Table& table, const std::string& format) {
    if (format == "csv")
        print_csv(out, table);
    else if (format == "json")
        print_json(out, table);
    else
        print_aligned(out, table, stdout_terminal_columns());
}

}  // namespace gongwen
