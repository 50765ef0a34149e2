// Writing RFC 4180 CSV: a row at a time, each field quoted only when it has to be.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gongwen::csv {

struct Dialect {
    char delimiter = ',';
    std::string_view line_end = "\r\n";  // RFC 4180 says CRLF; "\n" on request
    // Spreadsheets run a cell that starts with = + - @ as a formula, and report text comes from
    // arbitrary web pages: when set, such text cells get a leading apostrophe.
    bool guard_formulas = false;
};

class Table {
  public:
    explicit Table(Dialect dialect) : dialect_(dialect) {}

    // A text cell. Malformed UTF-8 becomes U+FFFD so the file stays valid UTF-8.
    Table& text(std::string_view value);
    // A number, written without exponent and with the fewest digits that read back exactly;
    // an empty cell for none, NaN or infinity.
    Table& number(std::optional<double> value);
    Table& integer(long long value);
    Table& boolean(bool value);
    Table& empty();
    void end_row();

    const std::string& str() const { return out_; }
    std::string& str() { return out_; }

  private:
    void separate();
    void raw(std::string_view cell);

    Dialect dialect_;
    std::string out_;
    bool row_started_ = false;
};

}  // namespace gongwen::csv
