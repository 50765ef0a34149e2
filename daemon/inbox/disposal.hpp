// What happens to a file in the inbox once it is finished: left, moved to done/ or deleted;
// a failed one moved to failed/ with <name>.error.json beside it. Moves never overwrite.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/daemon_config.hpp"

namespace gongwen {

// The configured inbox that holds `file` (the deepest one), or nullptr.
const InboxConfig* inbox_of(const std::filesystem::path& file,
                            const std::vector<InboxConfig>& inboxes);

// `target`, or the first of `name.1.ext`, `name.2.ext` … that does not exist yet.
std::filesystem::path free_name(const std::filesystem::path& target);

// Moves `file` below `dir`, keeping its path relative to `inbox_root`, without overwriting.
// Works across filesystems. Returns the new path. Throws std::runtime_error naming the file.
std::filesystem::path move_below(const std::filesystem::path& file,
                                 const std::filesystem::path& inbox_root,
                                 const std::filesystem::path& dir);

// Applies on_done; returns the new path when the file was moved.
std::optional<std::filesystem::path> dispose_done(const std::filesystem::path& file,
                                                  const InboxConfig& inbox);
// Applies on_failed; `error_json` is written beside the moved file as <name>.error.json.
std::optional<std::filesystem::path> dispose_failed(const std::filesystem::path& file,
                                                    const InboxConfig& inbox,
                                                    const std::string& error_json);

}  // namespace gongwen
