#include "chain/plugin_library.hpp"

#include <dlfcn.h>

#include <boost/dll/library_info.hpp>

namespace gongwen {

namespace {

// Boost.DLL reports every dlopen failure as "Bad file descriptor"; the dynamic loader's own
// message names what is wrong (an undefined symbol, a missing library, the wrong ELF class).
std::string loader_message(const std::filesystem::path& file,
                           const boost::dll::fs::error_code& ec) {
    ::dlerror();  // clear anything left over
    if (void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL)) {
        ::dlclose(handle);
        return ec.message();
    }
    const char* message = ::dlerror();
    return message ? std::string(message) : ec.message();
}

}  // namespace

std::shared_ptr<PluginLibrary> PluginLibrary::open(const std::filesystem::path& file) {
    const std::string where = "plugin " + file.string();
    if (!std::filesystem::is_regular_file(file)) throw PluginLoadError(where + ": no such file");

    boost::dll::shared_library lib;
    boost::dll::fs::error_code ec;
    // RTLD_NOW: an unresolved symbol is a load error here, not a crash in the middle of a run.
    lib.load(file, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
    if (ec) throw PluginLoadError(where + ": cannot load: " + loader_message(file, ec));
    if (!lib.has("gongwen_plugin"))
        throw PluginLoadError(where +
                              ": not a gongwen plugin (it exports no gongwen_plugin descriptor; "
                              "declare it with GONGWEN_PLUGIN)");

    const auto& d = lib.get_alias<const PluginDescriptor>("gongwen_plugin");
    if (d.abi_version != GONGWEN_SDK_ABI_VERSION)
        throw PluginLoadError(where + ": built for gongwen SDK ABI version " +
                              std::to_string(d.abi_version) + ", but this gongwen needs ABI " +
                              std::to_string(GONGWEN_SDK_ABI_VERSION) +
                              "; rebuild the plugin against the installed SDK");
    if (!d.name || !*d.name || !d.version || !d.create)
        throw PluginLoadError(where + ": descriptor has no name, version or factory");
    return std::shared_ptr<PluginLibrary>(new PluginLibrary(std::move(lib), &d, file));
}

}  // namespace gongwen
