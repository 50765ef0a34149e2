// Rows of typed cells, printed as an aligned table for people (CJK-aware widths) or as CSV or
// JSON for programs. Every command with tabular output goes through here, so the machine
// formats are the same everywhere.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace gongwen {

using Cell = std::variant<std::monostate, std::int64_t, double, std::string>;

enum class Align { automatic, left, right };

struct Column {
    std::string name;
    std::size_t max_width = 0;  // columns of the terminal; 0: unlimited. Table format only.
    // Automatic: right for numbers, left for text (the column's first non-null cell decides).
    Align align = Align::automatic;
};

class Table {
  public:
    explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}
    // A row has one cell per column; missing cells are null, extra ones an error.
    void add_row(std::vector<Cell> row);

    const std::vector<Column>& columns() const { return columns_; }
    const std::vector<std::vector<Cell>>& rows() const { return rows_; }
    bool empty() const { return rows_.empty(); }

  private:
    std::vector<Column> columns_;
    std::vector<std::vector<Cell>> rows_;
};

// A cell for a value that may be missing: null when it is.
template <typename T>
Cell cell_or_null(const std::optional<T>& v) {
    Cell c;
    if (v) {
        if constexpr (std::is_integral_v<T>)
            c.emplace<std::int64_t>(static_cast<std::int64_t>(*v));
        else
            c.emplace<T>(*v);
    }
    return c;
}

// Null prints as nothing. With a `line_width`, the last column is cut so that lines fit it
// (but keeps at least 12 columns).
void print_aligned(std::ostream& out, const Table& table, std::size_t line_width = 0);
// RFC 4180: a header row, fields quoted where needed, CRLF line ends.
void print_csv(std::ostream& out, const Table& table);
// An array of objects keyed by column name, numbers as JSON numbers, null as null.
void print_json(std::ostream& out, const Table& table);
// `format`: table (fitted to the terminal when stdout is one), csv or json.
void print_table(std::ostream& out, const Table& table, const std::string& format);

// A number as a person reads it: no exponent, no trailing zeros (236000, 12.83).
std::string format_number(double value);
std::string cell_text(const Cell& cell);

}  // namespace gongwen
