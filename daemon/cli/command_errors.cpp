#include "cli/command_errors.hpp"

#include <iostream>

#include "chain/plugin_library.hpp"
#include "config/daemon_config.hpp"
#include "store/search_query.hpp"

namespace gongwen {

int report_errors(const std::function<int()>& command) {
    try {
        return command();
    } catch (const std::exception& e) {
        std::cerr << "gongwen: " << e.what() << "\n";
        // Nothing was done when the config, the arguments or the plugins were wrong.
        const bool usage =
            dynamic_cast<const ConfigFileError*>(&e) || dynamic_cast<const UsageError*>(&e) ||
            dynamic_cast<const SearchQueryError*>(&e) || dynamic_cast<const PluginLoadError*>(&e);
        return usage ? 2 : 1;
    }
}

}  // namespace gongwen
