#include "inbox/file_document.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "inbox/sha256.hpp"

namespace gongwen {

Document document_from_file(const std::filesystem::path& file) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))
        throw FileReadError(file.string() + ": is a directory");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw FileReadError(file.string() + ": cannot open: " + std::strerror(errno));
    Document doc;
    doc.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) throw FileReadError(file.string() + ": read error: " + std::strerror(errno));
    doc.source.path = file.string();
    doc.source.bytes = doc.bytes.size();
    doc.source.sha256 = sha256_hex(doc.bytes);
    return doc;
}

}  // namespace gongwen
