#include "chain/chain.hpp"

#include <boost/dll/runtime_symbol_info.hpp>

namespace gongwen {
namespace fs = std::filesystem;

namespace {

bool names_a_file(const std::string& entry) {
    return entry.find('/') != std::string::npos || fs::path(entry).extension() == ".so";
}

fs::path locate(const std::string& name, const std::vector<fs::path>& dirs) {
    std::string searched;
    for (const auto& dir : dirs) {
        fs::path candidate = dir / (name + ".so");
        if (fs::is_regular_file(candidate)) return candidate;
        searched += (searched.empty() ? "" : ", ") + dir.string();
    }
    throw PluginLoadError("plugin " + name + ": no " + name + ".so in " +
                          (searched.empty() ? std::string("(no plugin folders)") : searched) +
                          " (set chain.plugin_dirs)");
}

}  // namespace

std::vector<fs::path> default_plugin_dirs() {
    const fs::path exe_dir = boost::dll::program_location().parent_path();
    return {exe_dir.parent_path() / "lib" / "gongwen" / "plugins"};
}

Chain Chain::load(const ChainSpec& spec) {
    Chain chain;
    chain.config_file_ = spec.config_file;
    chain.output_dir_ = spec.output_dir;
    const auto dirs = spec.plugin_dirs.empty() ? default_plugin_dirs() : spec.plugin_dirs;
    for (const auto& entry : spec.plugins) {
        const bool by_path = names_a_file(entry);
        const fs::path file = by_path ? fs::path(entry) : locate(entry, dirs);
        auto library = PluginLibrary::open(file);
        const std::string declared = library->descriptor().name;
        if (!by_path && declared != entry)
            throw PluginLoadError("plugin " + file.string() + ": declares itself \"" + declared +
                                  "\", but the chain asks for \"" + entry + "\"");
        for (const auto& link : chain.links_)
            if (link.name == declared)
                throw PluginLoadError("plugin " + declared + " appears twice in the chain");
        auto table = spec.tables.count(declared) ? spec.tables.at(declared)
                                                 : ConfigTable("plugins." + declared, {});
        chain.links_.push_back(
            {declared, std::move(library), std::move(table), file.parent_path() / declared});
    }
    return chain;
}

std::string Chain::signature() const {
    std::string out;
    for (const auto& link : links_)
        out += (out.empty() ? "" : ",") + link.name + "@" + link.library->descriptor().version;
    return out;
}

}  // namespace gongwen
