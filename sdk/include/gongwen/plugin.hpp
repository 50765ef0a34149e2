// Writing a gongwen plugin: derive from gongwen::Plugin and declare it with GONGWEN_PLUGIN.
//
//   class Tagger : public gongwen::Plugin {
//   public:
//       explicit Tagger(gongwen::PluginSetup& setup) : words_(setup.config.get_strings(...)) {}
//       void process(gongwen::Document& doc) override { ... }
//   };
//   GONGWEN_PLUGIN(Tagger, "tagger", "1.0.0", "Tags documents by keyword")
//
// Lifecycle: the host loads the shared library once, checks its ABI version, then calls the
// factory once per chain runner. A plugin instance is only ever used by one thread at a time;
// different instances may run concurrently, so shared mutable state needs its own locking.
// `process` signals a failed document by throwing; non-fatal findings go to diagnostics.
// See docs/sdk.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include <boost/config.hpp>
#include <boost/dll/alias.hpp>

#include "gongwen/abi.hpp"
#include "gongwen/config_table.hpp"
#include "gongwen/document.hpp"

namespace gongwen {

// What the host gives a plugin when it creates it.
struct PluginSetup {
    std::string name;                  // the plugin's name in the chain
    ConfigTable& config;               // its [plugins.<name>] table
    std::filesystem::path data_dir;    // its data files: <plugin_dir>/<name>/
    std::filesystem::path output_dir;  // the configured output folder (for exporters)
};

class Plugin {
  public:
    virtual ~Plugin() = default;
    // Transform the document in place. Throw to fail the document (the message is recorded).
    virtual void process(Document& doc) = 0;
    // Called once when the host stops using the instance (e.g. to write a corpus index).
    virtual void finish() {}
};

using PluginFactory = std::unique_ptr<Plugin> (*)(PluginSetup& setup);

// Exported by every plugin under the symbol name "gongwen_plugin". `abi_version` must stay
// the first member in every ABI version: the host reads it before trusting anything else.
struct PluginDescriptor {
    std::uint32_t abi_version;
    const char* name;
    const char* version;
    const char* description;
    PluginFactory create;
};

}  // namespace gongwen

#define GONGWEN_PLUGIN(Class, Name, Version, Description)                                   \
    namespace gongwen_plugin_export {                                                       \
    static std::unique_ptr<::gongwen::Plugin> create(::gongwen::PluginSetup& setup) {       \
        return std::make_unique<Class>(setup);                                              \
    }                                                                                       \
    extern const ::gongwen::PluginDescriptor descriptor;                                    \
    const ::gongwen::PluginDescriptor descriptor = {GONGWEN_SDK_ABI_VERSION, Name, Version, \
                                                    Description, &create};                  \
    }                                                                                       \
    BOOST_DLL_ALIAS(gongwen_plugin_export::descriptor, gongwen_plugin)
