#include "tsv_table.hpp"

#include <fstream>

namespace gongwen::encoding_fix {

std::runtime_error tsv_error(const std::filesystem::path& file, int line, const std::string& what) {
    return std::runtime_error(file.string() + ":" + std::to_string(line) + ": " + what);
}

std::vector<TsvRow> read_tsv(const std::filesystem::path& file, std::size_t columns) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("encoding_fix: cannot read data file " + file.string());
    std::vector<TsvRow> rows;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        TsvRow row{{}, n};
        std::size_t from = 0;
        for (std::size_t tab; (tab = line.find('\t', from)) != std::string::npos; from = tab + 1)
            row.fields.push_back(line.substr(from, tab - from));
        row.fields.push_back(line.substr(from));
        if (row.fields.size() != columns)
            throw tsv_error(file, n,
                            "expected " + std::to_string(columns) +
                                " tab-separated fields, found " +
                                std::to_string(row.fields.size()));
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace gongwen::encoding_fix
