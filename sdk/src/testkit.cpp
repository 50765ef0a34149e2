#include "gongwen/testkit.hpp"

#include <boost/dll/shared_library.hpp>
#include <chrono>

#include "gongwen/abi.hpp"
#include "gongwen/utf8.hpp"

namespace gongwen::testkit {
namespace fs = std::filesystem;

struct LoadedPlugin::Library {
    boost::dll::shared_library handle;
    const PluginDescriptor* descriptor = nullptr;
    fs::path file;
};

LoadedPlugin::LoadedPlugin(const fs::path& file) {
    const std::string where = "plugin " + file.string();
    if (!fs::is_regular_file(file)) throw PluginError(where + ": no such file");
    auto lib = std::make_shared<Library>();
    lib->file = file;
    boost::dll::fs::error_code ec;
    // The daemon's flags: an unresolved symbol fails here, not in the middle of a test.
    lib->handle.load(file, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
    if (ec) throw PluginError(where + ": cannot load: " + ec.message());
    if (!lib->handle.has("gongwen_plugin"))
        throw PluginError(where + ": not a gongwen plugin (no GONGWEN_PLUGIN declaration)");
    const auto& d = lib->handle.get_alias<const PluginDescriptor>("gongwen_plugin");
    if (d.abi_version != GONGWEN_SDK_ABI_VERSION)
        throw PluginError(where + ": built for SDK ABI version " + std::to_string(d.abi_version) +
                          ", this test kit is ABI " + std::to_string(GONGWEN_SDK_ABI_VERSION) +
                          "; rebuild the plugin against this SDK");
    if (!d.name || !*d.name || !d.version || !d.create)
        throw PluginError(where + ": descriptor has no name, version or factory");
    lib->descriptor = &d;
    library_ = std::move(lib);
}

const PluginDescriptor& LoadedPlugin::descriptor() const {
    return *library_->descriptor;
}

const fs::path& LoadedPlugin::file() const {
    return library_->file;
}

fs::path LoadedPlugin::default_data_dir() const {
    return library_->file.parent_path() / library_->descriptor->name;
}

PluginInstance LoadedPlugin::create(ConfigTable config, fs::path output_dir,
                                    fs::path data_dir) const {
    const PluginDescriptor& d = descriptor();
    PluginSetup setup{d.name, config, data_dir.empty() ? default_data_dir() : std::move(data_dir),
                      std::move(output_dir)};
    std::unique_ptr<Plugin> plugin;
    try {
        plugin = d.create(setup);
    } catch (const ConfigError& e) {
        throw PluginError(std::string("plugin ") + d.name + ": config: " + e.what());
    } catch (const std::exception& e) {
        throw PluginError(std::string("plugin ") + d.name + ": cannot start: " + e.what());
    }
    if (!plugin) throw PluginError(std::string("plugin ") + d.name + ": factory returned nothing");
    for (const auto& key : config.unused_keys())
        throw PluginError(std::string("plugin ") + d.name + ": config: " + config.full_key(key) +
                          ": unknown key (never read)");
    return PluginInstance(library_, std::move(plugin), d.name, d.version);
}

PluginInstance::PluginInstance(std::shared_ptr<const LoadedPlugin::Library> library,
                               std::unique_ptr<Plugin> plugin, std::string name,
                               std::string version)
    : library_(std::move(library)),
      plugin_(std::move(plugin)),
      name_(std::move(name)),
      version_(std::move(version)) {}

PluginInstance::PluginInstance(PluginInstance&&) noexcept = default;
PluginInstance& PluginInstance::operator=(PluginInstance&&) noexcept = default;

PluginInstance::~PluginInstance() {
    if (!plugin_) return;  // moved from
    try {
        finish();
    } catch (...) {
        // A destructor must not throw; a test that cares calls finish() itself.
    }
    plugin_.reset();  // before library_ releases the code it runs
}

RunResult PluginInstance::run(Document& doc) {
    RunResult result;
    const auto t0 = std::chrono::steady_clock::now();
    try {
        plugin_->process(doc);
    } catch (const std::exception& e) {
        result.failure = e.what();
    } catch (...) {
        result.failure = "unknown exception";
    }
    result.micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    doc.chain.push_back({name_, version_, result.micros});
    if (result.failure) doc.diagnose(name_, Severity::error, *result.failure);
    return result;
}

void PluginInstance::finish() {
    if (finished_) return;
    finished_ = true;
    plugin_->finish();
}

Document make_document(std::string text, std::string path) {
    if (!utf8::valid(text))
        throw std::invalid_argument(
            "make_document: text is not valid UTF-8 (for raw input, set Document::bytes)");
    Document doc;
    doc.source.path = std::move(path);
    doc.source.bytes = text.size();
    doc.bytes = text;
    doc.encoding.detected = "UTF-8";
    doc.encoding.confidence = 1.0;
    doc.original_text = text;
    doc.text = std::move(text);
    return doc;
}

}  // namespace gongwen::testkit
