// Declares itself for an SDK ABI version no host has: the host must refuse to load it.
#include "gongwen/plugin.hpp"

namespace {
class WrongAbi : public gongwen::Plugin {
  public:
    explicit WrongAbi(gongwen::PluginSetup&) {}
    void process(gongwen::Document&) override {}
};
std::unique_ptr<gongwen::Plugin> create(gongwen::PluginSetup& s) {
    return std::make_unique<WrongAbi>(s);
}
}  // namespace

namespace wrong_abi_export {
extern const gongwen::PluginDescriptor descriptor;
const gongwen::PluginDescriptor descriptor = {GONGWEN_SDK_ABI_VERSION + 41, "wrong_abi", "1.0.0",
                                              "built for another ABI", &create};
}  // namespace wrong_abi_export
BOOST_DLL_ALIAS(wrong_abi_export::descriptor, gongwen_plugin)
