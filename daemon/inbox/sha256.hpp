#pragma once

#include <string>
#include <string_view>

namespace gongwen {

// Lower-case hex SHA-256 of `data`: the identity of a document's content.
std::string sha256_hex(std::string_view data);

}  // namespace gongwen
