// Misbehaves on request, to test that a bad plugin costs one document and never the service.
// The document's bytes decide: CRASH segfaults, HANG loops forever, HOG asks for 2 TiB,
// ABORT aborts, THROW throws, SLOW sleeps a second and a half; anything else passes.
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <new>
#include <stdexcept>
#include <thread>
#include <vector>

#include "gongwen/plugin.hpp"

namespace {

class Misbehaving : public gongwen::Plugin {
  public:
    explicit Misbehaving(gongwen::PluginSetup&) {}

    void process(gongwen::Document& doc) override {
        const std::string& b = doc.bytes;
        if (b.find("CRASH") != std::string::npos) {
            // What a stray pointer ends in, without undefined behaviour that UBSan would stop
            // first (a null store exits with status 1 in the sanitizer build).
            std::raise(SIGSEGV);
        }
        if (b.find("HANG") != std::string::npos) {
            volatile unsigned long spin = 0;
            for (;;) spin = spin + 1;  // volatile: the loop is not optimised away
        }
        if (b.find("HOG") != std::string::npos) {
            // Beyond any RLIMIT_AS (and beyond what ASan will hand out): std::bad_alloc.
            std::vector<char> hog(std::size_t{1} << 41);
            doc.attributes["hog"] = std::to_string(hog.size());
        }
        if (b.find("ABORT") != std::string::npos) std::abort();
        if (b.find("THROW") != std::string::npos)
            throw std::runtime_error("this document asked to fail");
        if (b.find("SLOW") != std::string::npos)
            std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        doc.attributes["misbehaving"] = "behaved";
    }
};

}  // namespace

GONGWEN_PLUGIN(Misbehaving, "misbehaving", "1.0.0", "Crashes, hangs or hogs memory on request")
