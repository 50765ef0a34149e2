// Arbitrary text as gongwen.toml: a bad file must give a ConfigFileError (file, line and
// reason), never a crash or any other exception.
#include <cstddef>
#include <cstdint>
#include <string>

#include "config/daemon_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)gongwen::parse_config(std::string(reinterpret_cast<const char*>(data), size),
                                    "fuzz.toml");
    } catch (const gongwen::ConfigFileError&) {
    }
    return 0;
}
