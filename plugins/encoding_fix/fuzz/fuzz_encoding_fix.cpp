// encoding_fix on arbitrary input through the real chain runner. The first byte picks how the
// rest reaches the plugin: as raw bytes (detection, decoding, not-text refusals), or read by
// ICU as GBK, Big5 or Windows-1252 and saved as UTF-8 — valid UTF-8 full of mojibake, so that
// the repairer, the realigner and the second, whole-document pass see what the bytes make.
// The plugin may refuse the input (a failure is an answer); it must not crash, hang or corrupt
// memory, and what it hands on must be valid UTF-8 with repairs that point at their text.
#include <unicode/ucnv.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "chain_harness.hpp"
#include "gongwen/utf8.hpp"

namespace {

gongwen::test::ChainHarness& chain() {
    static gongwen::test::ChainHarness harness({"encoding_fix"});
    return harness;
}

std::string shown_as(const char* charset, const std::string& bytes) {
    UErrorCode error = U_ZERO_ERROR;
    std::string out(bytes.size() * 3 + 16, '\0');
    const int32_t n = ucnv_convert("UTF-8", charset, out.data(), int32_t(out.size()), bytes.data(),
                                   int32_t(bytes.size()), &error);
    if (U_FAILURE(error)) return bytes;
    out.resize(std::size_t(n));
    return out;
}

void check(bool ok) {
    if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    static const char* const shown[] = {nullptr, "GB18030", "Big5", "windows-1252"};
    const char* charset = shown[data[0] % 4];
    gongwen::Document doc =
        gongwen::test::document_from_bytes(charset ? shown_as(charset, rest) : rest, "fuzz.txt");
    if (chain().try_run(doc)) return 0;
    check(gongwen::utf8::valid(doc.text));
    check(doc.text.find('\r') == std::string::npos);
    const gongwen::utf8::Index index(doc.original_text);
    for (const gongwen::Repair& r : doc.encoding.repairs) {
        check(r.start <= r.end && r.end <= index.code_points());
        check(index.slice(doc.original_text, r.start, r.end) == r.fixed);
    }
    return 0;
}
