#include "cli/read_only_database.hpp"

#include "store/schema.hpp"

namespace gongwen {

std::unique_ptr<Database> open_read_only(const DaemonConfig& config) {
    auto db = std::make_unique<Database>(config.database, Database::Mode::read_only);
    require_current_schema(*db);
    return db;
}

}  // namespace gongwen
