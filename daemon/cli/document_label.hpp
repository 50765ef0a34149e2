// The name a document goes by in command output: its title, or where it came from when the
// chain found no title.
#pragma once

#include <optional>
#include <string>

namespace gongwen {

std::string document_label(const std::string& title, const std::string& source_path,
                           const std::optional<std::string>& member = std::nullopt);

}  // namespace gongwen
