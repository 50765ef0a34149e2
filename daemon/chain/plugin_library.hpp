// One plugin shared library, loaded and checked: it exports a descriptor built for our ABI.
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>

#include <boost/dll/shared_library.hpp>

#include "gongwen/plugin.hpp"

namespace gongwen {

// A plugin that cannot be used: missing, not a plugin, wrong ABI, or refused its config.
// The message always names the file.
class PluginLoadError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class PluginLibrary {
  public:
    static std::shared_ptr<PluginLibrary> open(const std::filesystem::path& file);

    const PluginDescriptor& descriptor() const { return *descriptor_; }
    const std::filesystem::path& file() const { return file_; }

  private:
    PluginLibrary(boost::dll::shared_library lib, const PluginDescriptor* d,
                  std::filesystem::path file)
        : lib_(std::move(lib)), descriptor_(d), file_(std::move(file)) {}

    boost::dll::shared_library lib_;
    const PluginDescriptor* descriptor_;
    std::filesystem::path file_;
};

}  // namespace gongwen
