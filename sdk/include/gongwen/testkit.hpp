// A test kit for plugin authors: load a plugin .so, create it with a config filled in code, run
// it on a Document and look at the result, without the daemon.
//
//   gongwen::testkit::LoadedPlugin plugin("build/plugins/my_plugin.so");
//   gongwen::ConfigTable config("plugins.my_plugin", {});
//   config.set("attribute", std::string("tags"));
//   auto instance = plugin.create(config);
//   gongwen::Document doc = gongwen::testkit::make_document("一、总体情况\n...");
//   auto result = instance.run(doc);
//   EXPECT_TRUE(result.ok()) << result.failure.value_or("");
//
// It applies the daemon's rules: the ABI version check when loading, the data folder
// <folder of the .so>/<name>/, a config key the plugin never read is an error, and a plugin
// that throws fails the document with its message recorded as an error diagnostic. It does not
// run other plugins: fill in what the earlier stages of your chain would have set (docs/sdk.md,
// "Testing a plugin").
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "gongwen/config_table.hpp"
#include "gongwen/document.hpp"
#include "gongwen/plugin.hpp"

namespace gongwen::testkit {

// The plugin cannot be used: no such file, not a plugin, another ABI version, or it refused its
// config. The message names the file or the config key, as the daemon's would.
class PluginError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// What one run gave. The document itself is changed in place.
struct RunResult {
    std::optional<std::string> failure;  // the message of what the plugin threw, if it threw
    std::int64_t micros = 0;
    bool ok() const { return !failure; }
};

class PluginInstance;

// One plugin library, loaded and checked. Copies share the loaded library.
class LoadedPlugin {
  public:
    explicit LoadedPlugin(const std::filesystem::path& file);

    const PluginDescriptor& descriptor() const;
    const std::filesystem::path& file() const;
    std::filesystem::path default_data_dir() const;

    // Calls the plugin's factory with `config` (its [plugins.<name>] table), `output_dir` (the
    // [output] dir, where exporters write) and `data_dir` (empty: default_data_dir(), as in the
    // daemon). Throws PluginError when the plugin throws from its constructor (a ConfigError
    // names the key) or leaves a config key unread.
    PluginInstance create(ConfigTable config = {}, std::filesystem::path output_dir = {},
                          std::filesystem::path data_dir = {}) const;

    struct Library;  // the dlopen handle; opaque so that this header needs no Boost.DLL

  private:
    std::shared_ptr<const Library> library_;
};

// One plugin instance, used by one thread at a time, like an instance in one chain runner.
class PluginInstance {
  public:
    PluginInstance(PluginInstance&&) noexcept;
    PluginInstance& operator=(PluginInstance&&) noexcept;
    ~PluginInstance();  // calls finish() if the test did not

    // Runs the plugin's process() on `doc` and appends a ChainStep; when it throws, the
    // failure is also added to the diagnostics as an error, as the daemon records it.
    RunResult run(Document& doc);
    // Calls the plugin's finish() once; what it throws propagates (the daemon would log it).
    void finish();

    Plugin& plugin() { return *plugin_; }
    const std::string& name() const { return name_; }

  private:
    friend class LoadedPlugin;
    PluginInstance(std::shared_ptr<const LoadedPlugin::Library> library,
                   std::unique_ptr<Plugin> plugin, std::string name, std::string version);

    std::shared_ptr<const LoadedPlugin::Library> library_;  // first: outlives the instance
    std::unique_ptr<Plugin> plugin_;
    std::string name_;
    std::string version_;
    bool finished_ = false;
};

// A Document as the decoding stages leave a clean UTF-8 report: `bytes`, `original_text` and
// `text` hold `text`, `source.path` is `path`, the encoding is UTF-8. sha256 stays empty: set
// it when your plugin needs one.
Document make_document(std::string text, std::string path = "test.txt");

}  // namespace gongwen::testkit
