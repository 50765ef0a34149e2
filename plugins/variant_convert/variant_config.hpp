// The plugin's settings, read from its [plugins.variant_convert] table (see README.md).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "gongwen/plugin.hpp"

namespace variant_convert {

struct VariantConfig {
    std::string target = "zh-Hans";  // zh-Hans, zh-Hant, zh-TW, zh-HK or none
    std::filesystem::path opencc_data_dir = "/usr/share/opencc";
    std::optional<std::filesystem::path> opencc_config;    // none with target "none"
    std::optional<std::filesystem::path> user_dictionary;  // none: OpenCC alone
    double mixed_threshold = 0.9;

    // Throws gongwen::ConfigError naming the key for a value that cannot work.
    static VariantConfig read(const gongwen::PluginSetup& setup);
};

}  // namespace variant_convert
