// Where ICU's Hant-Hans / Hans-Hant transliterators and OpenCC (t2s / s2t, what
// variant_convert uses) write different text, on the reports of bench_inputs and on the named
// traps. Prints Markdown for docs/variant-conversion.md.
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <vector>

#include "bench_inputs.hpp"
#include "gongwen/utf8.hpp"

using namespace variant_convert::bench;

namespace {

std::string icu_transliterate(const std::string& id, const std::string& text) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, status));
    if (U_FAILURE(status)) throw std::runtime_error(id + ": " + u_errorName(status));
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    t->transliterate(u);
    std::string out;
    u.toUTF8String(out);
    return out;
}

std::string utf8_of(char32_t cp) {
    std::string out;
    gongwen::utf8::append(out, cp);
    return out;
}

struct Difference {
    std::size_t count = 0;
    std::string example;  // a few characters of context
};

// Characters where `a` and `b` (same length in code points) differ, grouped by
// (source, a, b); returns the number of differing positions, or npos for unequal lengths.
std::size_t differences(const std::string& source, const std::string& a, const std::string& b,
                        std::map<std::string, Difference>& by_pair) {
    const std::u32string s = gongwen::utf8::decode(source), x = gongwen::utf8::decode(a),
                         y = gongwen::utf8::decode(b);
    if (x.size() != y.size() || x.size() != s.size()) return std::string::npos;
    std::size_t n = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (x[i] == y[i]) continue;
        ++n;
        Difference& d = by_pair[utf8_of(s[i]) + " | " + utf8_of(x[i]) + " | " + utf8_of(y[i])];
        if (d.count++ == 0) {
            const std::size_t from = i >= 3 ? i - 3 : 0;
            d.example = gongwen::utf8::encode(s.substr(from, 7));
        }
    }
    return n;
}

void print_pairs(const std::map<std::string, Difference>& by_pair, const std::string& header) {
    std::vector<std::pair<std::string, Difference>> sorted(by_pair.begin(), by_pair.end());
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& l, const auto& r) { return l.second.count > r.second.count; });
    const auto columns = std::count(header.begin(), header.end(), '|') + 3;
    std::cout << "\n| " << header << " | times | e.g. in |\n|";
    for (long i = 0; i < columns; ++i) std::cout << "---|";
    std::cout << "\n";
    for (std::size_t i = 0; i < sorted.size() && i < 25; ++i) {
        std::string example = sorted[i].second.example;
        std::replace(example.begin(), example.end(), '\n', ' ');
        std::cout << "| " << sorted[i].first << " | " << sorted[i].second.count << " | " << example
                  << " |\n";
    }
}

std::size_t han_characters(const std::string& text) {
    std::size_t n = 0;
    for (char32_t cp : gongwen::utf8::decode(text)) n += (cp >= 0x3400 && cp <= 0x9FFF);
    return n;
}

}  // namespace

int main() {
    std::cout << "## Named traps\n\n| input | OpenCC | ICU |\n|---|---|---|\n";
    for (const std::string word : {"乾隆", "諮詢", "參加", "乾燥", "頭髮", "發展", "皇后", "後來",
                                   "麵條", "瞭解", "著名", "顯著"})
        std::cout << "| " << word << " (Hant→Hans) | " << opencc_convert("t2s", word) << " | "
                  << icu_transliterate("Hant-Hans", word) << " |\n";
    for (const std::string word : {"乾隆", "咨询", "参加", "人参", "干燥", "头发", "发展", "皇后",
                                   "后来", "面条", "了解", "里面"})
        std::cout << "| " << word << " (Hans→Hant) | " << opencc_convert("s2t", word) << " | "
                  << icu_transliterate("Hans-Hant", word) << " |\n";

    std::cout << "\n## Traditional reports to Simplified: OpenCC t2s against ICU Hant-Hans\n";
    std::map<std::string, Difference> to_hans;
    for (const auto& report : traditional_reports()) {
        const std::string ours = opencc_convert("t2s", report.traditional);
        const std::string theirs = icu_transliterate("Hant-Hans", report.traditional);
        const std::size_t n = differences(report.traditional, ours, theirs, to_hans);
        std::cout << "\n- " << report.name << ": " << han_characters(report.traditional)
                  << " Han characters, " << n << " written differently\n";
    }
    print_pairs(to_hans, "original | OpenCC | ICU");

    std::cout << "\n## Simplified reports, Traditional and back\n\n"
              << "| report | Han characters | OpenCC s2t → t2s differs | OpenCC s2t → ICU "
                 "Hant-Hans differs | ICU Hans-Hant → Hant-Hans differs |\n|---|---|---|---|---|\n";
    std::map<std::string, Difference> back_icu, round_icu;
    for (const auto& report : simplified_reports()) {
        std::map<std::string, Difference> ignored;
        const std::size_t opencc_round =
            differences(report.simplified, report.simplified,
                        opencc_convert("t2s", report.traditional), ignored);
        const std::size_t icu_back =
            differences(report.simplified, report.simplified,
                        icu_transliterate("Hant-Hans", report.traditional), back_icu);
        const std::size_t icu_round = differences(
            report.simplified, report.simplified,
            icu_transliterate("Hant-Hans", icu_transliterate("Hans-Hant", report.simplified)),
            round_icu);
        std::cout << "| " << report.name << " | " << han_characters(report.simplified) << " | "
                  << opencc_round << " | " << icu_back << " | " << icu_round << " |\n";
    }
    print_pairs(back_icu, "original | original | after OpenCC s2t, ICU Hant-Hans");
    print_pairs(round_icu, "original | original | after ICU Hans-Hant, ICU Hant-Hans");
    return 0;
}
