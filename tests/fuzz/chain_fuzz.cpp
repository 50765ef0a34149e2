// Arbitrary bytes through the four processing plugins as the daemon runs them: a plugin may
// refuse the input (a ChainFailure is an answer), but must not crash, hang or corrupt memory.
#include <cstddef>
#include <cstdint>
#include <string>

#include "chain_harness.hpp"

namespace {

gongwen::test::ChainHarness& chain() {
    static gongwen::test::ChainHarness harness(
        {"encoding_fix", "variant_convert", "section_split", "metric_extract"});
    return harness;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    gongwen::Document doc = gongwen::test::document_from_bytes(
        std::string(reinterpret_cast<const char*>(data), size), "fuzz.txt");
    (void)chain().try_run(doc);
    return 0;
}
