// The database as the reading commands open it: read-only (they never write, whatever the
// SQL), and refused with a way out when it is missing or from another gongwen version.
#pragma once

#include <memory>

#include "config/daemon_config.hpp"
#include "store/database.hpp"

namespace gongwen {

std::unique_ptr<Database> open_read_only(const DaemonConfig& config);

}  // namespace gongwen
