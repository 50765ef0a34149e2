// File formats that are not text, recognised by their leading bytes (data/binary_signatures.tsv),
// so that a picture or an office file dropped into the inbox fails with a reason a person
// understands ("a PNG image") rather than "does not decode".
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongwen::encoding_fix {

class BinarySignatures {
  public:
    // Rows: offset, hex bytes, name. Throws naming the file and line on a malformed row.
    explicit BinarySignatures(const std::filesystem::path& file);

    // The name of the format `bytes` start with, if any.
    std::optional<std::string> match(std::string_view bytes) const;

  private:
    struct Signature {
        std::size_t offset = 0;
        std::string magic;
        std::string name;
    };
    std::vector<Signature> signatures_;
};

}  // namespace gongwen::encoding_fix
