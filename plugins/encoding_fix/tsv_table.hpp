// The plugin's data files are tab-separated tables: one row a line, `#` starts a comment line,
// blank lines are skipped. Errors name the file and line so that users can fix their edits.
#pragma once

#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace gongwen::encoding_fix {

struct TsvRow {
    std::vector<std::string> fields;
    int line = 0;
};

// Reads every row of `file`; throws std::runtime_error naming the file when it cannot be read
// or when a row does not have `columns` fields.
std::vector<TsvRow> read_tsv(const std::filesystem::path& file, std::size_t columns);

// An error about one row, with "<file>:<line>: " in front.
std::runtime_error tsv_error(const std::filesystem::path& file, int line, const std::string& what);

}  // namespace gongwen::encoding_fix
