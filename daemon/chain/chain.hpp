// The configured chain: which plugin libraries run, in what order, with which config.
// Loaded once and shared, read-only, by every ChainRunner.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "chain/plugin_library.hpp"
#include "gongwen/config_table.hpp"

namespace gongwen {

struct ChainLink {
    std::string name;
    std::shared_ptr<PluginLibrary> library;
    ConfigTable config;
    std::filesystem::path data_dir;
};

struct ChainSpec {
    std::vector<std::string> plugins;  // names (looked up in plugin_dirs) or paths to .so files
    std::vector<std::filesystem::path> plugin_dirs;
    std::map<std::string, ConfigTable> tables;
    std::filesystem::path config_file;  // for error messages
    std::filesystem::path output_dir;
};

class Chain {
  public:
    // Throws PluginLoadError naming the file (or the folders searched).
    static Chain load(const ChainSpec& spec);

    const std::vector<ChainLink>& links() const { return links_; }
    const std::filesystem::path& config_file() const { return config_file_; }
    const std::filesystem::path& output_dir() const { return output_dir_; }
    // "encoding_fix@0.1.0,json@0.1.0": what ran, for the run log.
    std::string signature() const;

  private:
    std::vector<ChainLink> links_;
    std::filesystem::path config_file_;
    std::filesystem::path output_dir_;
};

// <dir of the running executable>/../lib/gongwen/plugins: right for the build tree and for
// an installed gongwen alike.
std::vector<std::filesystem::path> default_plugin_dirs();

}  // namespace gongwen
