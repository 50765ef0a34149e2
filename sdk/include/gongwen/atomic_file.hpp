// Writing output files so that readers never see half of one: exporters use this.
#pragma once

#include <filesystem>
#include <string_view>

namespace gongwen {

// Writes `content` to a temporary file beside `target`, flushes it to disk and renames it over
// `target`. Creates missing parent folders. Throws std::runtime_error naming the file and the
// reason; on failure `target` is untouched and no temporary file is left behind.
void write_file_atomically(const std::filesystem::path& target, std::string_view content);

}  // namespace gongwen
