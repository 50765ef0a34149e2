#include "cli/document_label.hpp"

#include <filesystem>

namespace gongwen {

std::string document_label(const std::string& title, const std::string& source_path,
                           const std::optional<std::string>& member) {
    if (!title.empty()) return title;
    std::string name = std::filesystem::path(source_path).filename().string();
    if (member) name += ":" + *member;
    return name;
}

}  // namespace gongwen
