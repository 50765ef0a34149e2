#include "binary_signatures.hpp"

#include <cctype>

#include "tsv_table.hpp"

namespace gongwen::encoding_fix {

namespace {

std::optional<std::string> parse_hex(const std::string& hex) {
    std::string out;
    std::string digits;
    for (char c : hex)
        if (!std::isspace(static_cast<unsigned char>(c))) digits += c;
    if (digits.empty() || digits.size() % 2) return std::nullopt;
    for (std::size_t i = 0; i < digits.size(); i += 2) {
        if (!std::isxdigit(static_cast<unsigned char>(digits[i])) ||
            !std::isxdigit(static_cast<unsigned char>(digits[i + 1])))
            return std::nullopt;
        out += char(std::stoi(digits.substr(i, 2), nullptr, 16));
    }
    return out;
}

}  // namespace

BinarySignatures::BinarySignatures(const std::filesystem::path& file) {
    for (const TsvRow& row : read_tsv(file, 3)) {
        Signature s;
        try {
            std::size_t used = 0;
            s.offset = std::stoul(row.fields[0], &used);
            if (used != row.fields[0].size()) throw std::invalid_argument("");
        } catch (const std::exception&) {
            throw tsv_error(file, row.line, "offset '" + row.fields[0] + "' is not a number");
        }
        const auto magic = parse_hex(row.fields[1]);
        if (!magic) throw tsv_error(file, row.line, "'" + row.fields[1] + "' is not hex bytes");
        s.magic = *magic;
        s.name = row.fields[2];
        if (s.name.empty()) throw tsv_error(file, row.line, "the format has no name");
        signatures_.push_back(std::move(s));
    }
}

std::optional<std::string> BinarySignatures::match(std::string_view bytes) const {
    // Every document is checked against every signature: the first byte is compared in line,
    // and only the rare match of it costs a comparison of the rest.
    for (const Signature& s : signatures_)
        if (bytes.size() >= s.offset + s.magic.size() && bytes[s.offset] == s.magic[0] &&
            bytes.substr(s.offset, s.magic.size()) == s.magic)
            return s.name;
    return std::nullopt;
}

}  // namespace gongwen::encoding_fix
