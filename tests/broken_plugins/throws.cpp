// Fails every document whose text contains "FAIL", to test that only that document fails.
#include <stdexcept>

#include "gongwen/plugin.hpp"

namespace {
class Throws : public gongwen::Plugin {
  public:
    explicit Throws(gongwen::PluginSetup&) {}
    void process(gongwen::Document& doc) override {
        if (doc.bytes.find("FAIL") != std::string::npos)
            throw std::runtime_error("refusing a document that asks to fail");
        doc.attributes["throws"] = "passed";
    }
};
}  // namespace

GONGWEN_PLUGIN(Throws, "throws", "1.0.0", "Fails documents containing FAIL")
