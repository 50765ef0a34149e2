#include "variant_config.hpp"

#include <map>

namespace variant_convert {
namespace {

// The OpenCC configuration that writes each target from any Chinese text.
const std::map<std::string, std::string>& default_opencc_configs() {
    static const std::map<std::string, std::string> configs = {
        {"zh-Hans", "t2s"}, {"zh-Hant", "s2t"}, {"zh-TW", "s2twp"}, {"zh-HK", "s2hk"}};
    return configs;
}

}  // namespace

VariantConfig VariantConfig::read(const gongwen::PluginSetup& setup) {
    const gongwen::ConfigTable& table = setup.config;
    VariantConfig config;
    config.target =
        table.get_choice("target", config.target, {"zh-Hans", "zh-Hant", "zh-TW", "zh-HK", "none"});
    config.opencc_data_dir = table.get_path("opencc_data_dir", config.opencc_data_dir);
    config.mixed_threshold = table.get_double("mixed_threshold", config.mixed_threshold);
    if (!(config.mixed_threshold > 0.5 && config.mixed_threshold <= 1.0))
        throw gongwen::ConfigError("mixed_threshold",
                                   table.full_key("mixed_threshold") +
                                       ": must be above 0.5 and at most 1 (the share of a "
                                       "document's deciding characters that makes its script)");

    const bool converts = config.target != "none";
    for (const char* key : {"opencc_config", "user_dictionary"})
        if (!converts && table.contains(key)) {
            table.get_string(key, "");  // read, so that the host does not also call it unknown
            throw gongwen::ConfigError(key, table.full_key(key) +
                                                ": has no effect with target = \"none\" "
                                                "(nothing is converted); remove one of the two");
        }
    if (!converts) return config;

    // A bare name ("tw2sp") is one of OpenCC's configurations; anything else is a file.
    const std::string name =
        table.get_string("opencc_config", default_opencc_configs().at(config.target));
    if (name.empty())
        throw gongwen::ConfigError("opencc_config",
                                   table.full_key("opencc_config") + ": must not be empty");
    const std::filesystem::path as_path(name);
    if (as_path.has_parent_path() || as_path.has_extension())
        config.opencc_config = table.get_path("opencc_config", as_path);
    else
        config.opencc_config = config.opencc_data_dir / (name + ".json");

    // By default the (commented, empty) file shipped in the plugin's data folder, when there;
    // a file named in the config must exist; "" turns the user dictionary off.
    if (!table.contains("user_dictionary")) {
        const std::filesystem::path shipped = setup.data_dir / "user_phrases.txt";
        std::error_code ec;
        if (std::filesystem::is_regular_file(shipped, ec)) config.user_dictionary = shipped;
    } else if (!table.get_string("user_dictionary", "").empty()) {
        config.user_dictionary = table.get_path("user_dictionary", {});
    }
    return config;
}

}  // namespace variant_convert
