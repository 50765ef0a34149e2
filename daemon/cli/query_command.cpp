#include <iostream>

#include "cli/command_errors.hpp"
#include "cli/commands.hpp"
#include "cli/table_printer.hpp"
#include "config/daemon_config.hpp"
#include "store/database.hpp"

namespace gongwen {

namespace {

std::string hex(const std::string& bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

Cell cell_of(const Statement& st, int col) {
    switch (st.type(col)) {
        case Statement::Type::integer:
            return st.int64(col);
        case Statement::Type::real:
            return st.real(col);
        case Statement::Type::text:
            return st.text(col);
        case Statement::Type::blob:
            return hex(st.blob(col));
        case Statement::Type::null:
            break;
    }
    return Cell();
}

}  // namespace

int query_command(const QueryOptions& options) {
    return report_errors([&] {
        const DaemonConfig config = load_config(find_config(options.config));
        // Read-only twice over: the connection cannot write, and a statement that would is
        // refused before it runs, with a message rather than SQLite's.
        Database db(config.database, Database::Mode::read_only);
        std::string_view rest;
        Statement st(db.handle(), options.sql, rest);
        if (st.empty()) throw UsageError("query: no SQL statement given");
        std::string_view after;
        if (!Statement(db.handle(), rest, after).empty())
            throw UsageError("query: one statement at a time (found more after the first ';')");
        if (!st.readonly())
            throw UsageError(
                "query: the database is read-only here; this statement would change it. Use "
                "SELECT (or WITH … SELECT, PRAGMA to read, EXPLAIN)");

        std::vector<std::vector<Cell>> rows;
        while (st.step()) {
            std::vector<Cell> row;
            for (int c = 0; c < st.columns(); ++c) row.push_back(cell_of(st, c));
            rows.push_back(std::move(row));
        }
        std::vector<Column> columns;
        for (int c = 0; c < st.columns(); ++c)
            columns.push_back({st.column_name(c), options.format == "table" ? 60u : 0u});
        Table table(columns);
        for (auto& row : rows) table.add_row(std::move(row));
        print_table(std::cout, table, options.format);
        if (options.format == "table")
            std::cout << "(" << rows.size() << " row" << (rows.size() == 1 ? "" : "s") << ")\n";
        return 0;
    });
}

}  // namespace gongwen
