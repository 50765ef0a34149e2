// Detection accuracy of encoding_fix next to uchardet and ICU's CharsetDetector on the sample set
// of plugins/encoding_fix/tests/detection_samples.hpp (titles of 15-30 bytes, sentences of
// 40-80 bytes, paragraphs, documents; UTF-8, GB18030, Big5, UTF-16LE/BE without a byte order
// mark). Prints, per length and tool, the share of samples whose encoding family each names
// right (and, for encoding_fix, the exact encoding). With --write-samples FILE it also writes
// the samples (length, encoding, hex bytes per line) for accuracy_python_peers.py, which scores
// chardet and charset-normalizer on the same samples. Command and results:
// docs/performance/encoding_fix.md.
#include <uchardet.h>
#include <unicode/ucsdet.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <string>

#include "chain_harness.hpp"
#include "detection_samples.hpp"
#include "test_paths.hpp"

using namespace gongwen;
using namespace gongwen::encoding_fix::testing;

namespace {

std::string uchardet_guess(const std::string& bytes) {
    uchardet_t u = uchardet_new();
    uchardet_handle_data(u, bytes.data(), bytes.size());
    uchardet_data_end(u);
    std::string name = uchardet_get_charset(u);
    uchardet_delete(u);
    return name;
}

std::string icu_guess(const std::string& bytes) {
    UErrorCode error = U_ZERO_ERROR;
    UCharsetDetector* d = ucsdet_open(&error);
    ucsdet_setText(d, bytes.data(), int32_t(bytes.size()), &error);
    const UCharsetMatch* m = ucsdet_detect(d, &error);
    std::string name = m && U_SUCCESS(error) ? ucsdet_getName(m, &error) : "";
    ucsdet_close(d);
    return name;
}

struct Score {
    std::size_t right = 0, exact = 0, total = 0;
};

std::string percent(std::size_t n, std::size_t of) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%6.2f%%", of ? 100.0 * double(n) / double(of) : 0.0);
    return buf;
}

std::string hex(const std::string& bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::string samples_file;
    for (int i = 1; i < argc; ++i)
        if (!std::strcmp(argv[i], "--write-samples") && i + 1 < argc)
            samples_file = argv[++i];
        else {
            std::cerr << "usage: " << argv[0] << " [--write-samples FILE]\n";
            return 2;
        }
    const bool corpus = test::corpus_dir().has_value();
    const std::vector<DetectionSample> samples = detection_samples(corpus);
    std::cout << "samples: " << samples.size() << " from the fixture reports"
              << (corpus ? " and the corpus" : " (no corpus found)") << "\n";
    if (!samples_file.empty()) {
        std::ofstream out(samples_file);
        for (const DetectionSample& s : samples)
            out << int(s.length) << '\t' << s.encoding << '\t' << hex(s.bytes) << '\n';
    }

    test::ChainHarness chain({"encoding_fix"});
    const char* tools[] = {"encoding_fix", "uchardet", "icu"};
    std::map<Length, std::map<std::string, std::map<std::string, Score>>> scores;
    for (const DetectionSample& s : samples) {
        for (const char* tool : tools) {
            std::string got;
            if (!std::strcmp(tool, "encoding_fix")) {
                Document doc = test::document_from_bytes(s.bytes);
                if (!chain.try_run(doc)) got = doc.encoding.detected;
            } else if (!std::strcmp(tool, "uchardet")) {
                got = uchardet_guess(s.bytes);
            } else {
                got = icu_guess(s.bytes);
            }
            for (const std::string& enc : {s.encoding, std::string("all")}) {
                Score& score = scores[s.length][tool][enc];
                ++score.total;
                score.right += encoding_family(got) == encoding_family(s.encoding);
                score.exact += got == s.encoding;
            }
        }
    }
    std::cout << "encoding family named right (encoding_fix: exact encoding in brackets)\n";
    for (const auto& [length, by_tool] : scores) {
        std::cout << length_name(length) << "\n";
        for (const auto& [tool, by_encoding] : by_tool) {
            std::printf("  %-13s", tool.c_str());
            for (const std::string& enc : sample_encodings()) {
                const auto it = by_encoding.find(enc);
                if (it == by_encoding.end()) continue;
                std::printf(" %s %s", enc.c_str(),
                            percent(it->second.right, it->second.total).c_str());
            }
            const Score& all = by_encoding.at("all");
            std::printf("  all %s", percent(all.right, all.total).c_str());
            if (tool == "encoding_fix") std::printf(" (%s)", percent(all.exact, all.total).c_str());
            std::printf("  n=%zu\n", all.total);
        }
    }
    return 0;
}
