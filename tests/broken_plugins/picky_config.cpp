// Reads one typed setting, so that tests can check type errors and unknown keys.
#include "gongwen/plugin.hpp"

namespace {
class PickyConfig : public gongwen::Plugin {
  public:
    explicit PickyConfig(gongwen::PluginSetup& s)
        : limit_(s.config.get_int("limit", 10, 1, 100)),
          mode_(s.config.get_choice("mode", "fast", {"fast", "exact"})) {}
    void process(gongwen::Document& doc) override {
        doc.attributes["limit"] = std::to_string(limit_);
        doc.attributes["mode"] = mode_;
    }

  private:
    std::int64_t limit_;
    std::string mode_;
};
}  // namespace

GONGWEN_PLUGIN(PickyConfig, "picky_config", "1.0.0", "Has a typed config")
