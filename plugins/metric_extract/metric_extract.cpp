// metric_extract, minimal stage (to be replaced by issue #6): finds no metrics yet.
#include "gongwen/plugin.hpp"

namespace {

class MetricExtract : public gongwen::Plugin {
  public:
    explicit MetricExtract(gongwen::PluginSetup&) {}
    void process(gongwen::Document&) override {}
};

}  // namespace

GONGWEN_PLUGIN(MetricExtract, "metric_extract", "0.1.0", "Extracts nothing yet (minimal)")
