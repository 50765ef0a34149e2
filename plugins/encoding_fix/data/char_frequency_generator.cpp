// Writes char_frequency.tsv: an estimate of how often each Han character occurs in running
// Chinese text, derived from the CJK word dictionary that ICU ships for word segmentation
// (brkitr/cjdict). The dictionary is a trie of ~300k words, each with a cost that is a scaled
// negative log frequency, so the estimate needs no corpus: a word's share is exp(-cost / k),
// and a character's share is the sum over the words that contain it. `k` is fitted from the
// dictionary itself (Zipf: the cost of the r-th most frequent word grows like k * ln r).
//
// With --word-pairs it writes word_pairs.tsv instead: every two Han characters that stand next
// to each other inside a dictionary word, where at least one of them is rare (its log share at
// least rare_margin below that of typical text, as the plugin reckons it).
//
// Build and run (see plugins/encoding_fix/README.md):
//   ninja -C build encoding_fix_char_frequency_generator
//   build/plugins/encoding_fix/encoding_fix_char_frequency_generator >
//       plugins/encoding_fix/data/char_frequency.tsv
//   build/plugins/encoding_fix/encoding_fix_char_frequency_generator --word-pairs >
//       plugins/encoding_fix/data/word_pairs.tsv
#include <unicode/ucharstrie.h>
#include <unicode/udata.h>
#include <unicode/uscript.h>
#include <unicode/uversion.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

struct Word {
    std::u32string text;
    int cost = 0;
};

// The ideograph blocks, as CharFrequency::is_han has them (々 and 〇 are Han to ICU but sit
// among the CJK symbols, which the plugin treats as punctuation).
bool is_han(UChar32 c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

bool is_kana(UChar32 c) {
    UErrorCode ec = U_ZERO_ERROR;
    const UScriptCode s = uscript_getScript(c, &ec);
    return s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA;
}

std::vector<Word> read_dictionary() {
    UErrorCode ec = U_ZERO_ERROR;
    char package[32];
    std::snprintf(package, sizeof package, "icudt%d%c-brkitr", U_ICU_VERSION_MAJOR_NUM,
                  U_IS_BIG_ENDIAN ? 'b' : 'l');
    UDataMemory* data = udata_open(package, "dict", "cjdict", &ec);
    if (U_FAILURE(ec)) {
        std::fprintf(stderr, "cannot open ICU's cjdict: %s\n", u_errorName(ec));
        std::exit(1);
    }
    // Layout from ICU's dictionarydata.h: int32 indexes, [0] = byte offset of the trie,
    // [4] = trie type (1 = UChars trie, | 8 = has values).
    const auto* indexes = static_cast<const int32_t*>(udata_getMemory(data));
    if ((indexes[4] & 7) != 1 || (indexes[4] & 8) == 0) {
        std::fprintf(stderr, "unexpected cjdict trie type %d\n", indexes[4]);
        std::exit(1);
    }
    const auto* trie_data =
        reinterpret_cast<const char16_t*>(reinterpret_cast<const char*>(indexes) + indexes[0]);
    icu::UCharsTrie trie(trie_data);
    icu::UCharsTrie::Iterator it(trie, 0, ec);
    std::vector<Word> words;
    while (it.next(ec)) {
        Word w;
        const icu::UnicodeString& s = it.getString();
        for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1))
            w.text += char32_t(s.char32At(i));
        w.cost = it.getValue();
        words.push_back(std::move(w));
    }
    udata_close(data);
    return words;
}

// Least-squares slope of cost against ln(rank) over the well-populated middle of the ranking.
double fit_cost_scale(std::vector<int> costs) {
    std::sort(costs.begin(), costs.end());
    double sx = 0, sy = 0, sxx = 0, sxy = 0, n = 0;
    for (std::size_t r = 100; r <= 10000 && r <= costs.size(); ++r) {
        const double x = std::log(double(r)), y = costs[r - 1];
        sx += x, sy += y, sxx += x * x, sxy += x * y, n += 1;
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

std::string utf8(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6)), out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12)), out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18)), out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F)), out += char(0x80 | (c & 0x3F));
    }
    return out;
}

// The mean log share of ordinary text, as CharFrequency computes it from the table: shares
// floored at the 5th percentile less one, weighted by themselves.
double typical_log_share(const std::vector<std::pair<char32_t, double>>& log_shares) {
    std::vector<double> sorted;
    for (const auto& [c, v] : log_shares) sorted.push_back(v);
    std::sort(sorted.begin(), sorted.end());
    const double floor = sorted[sorted.size() / 20] - 1.0;
    double total = 0.0, weighted = 0.0;
    for (double v : sorted) {
        v = std::max(v, floor);
        total += std::exp(v);
        weighted += std::exp(v) * v;
    }
    return weighted / total;
}

// A nat below CharFrequency::odd_margin (4), so that the pairs still cover the odd characters
// if that margin or the table moves a little.
constexpr double rare_margin = 3.0;

void print_word_pairs(const std::vector<Word>& words,
                      const std::vector<std::pair<char32_t, double>>& log_shares) {
    const double typical = typical_log_share(log_shares);
    std::map<char32_t, double> log_share(log_shares.begin(), log_shares.end());
    const auto rare = [&](char32_t c) {
        const auto it = log_share.find(c);
        return it == log_share.end() || it->second < typical - rare_margin;
    };
    std::set<std::pair<char32_t, char32_t>> pairs;
    for (const Word& w : words)
        for (std::size_t i = 0; i + 1 < w.text.size(); ++i) {
            const char32_t a = w.text[i], b = w.text[i + 1];
            if (is_han(UChar32(a)) && is_han(UChar32(b)) && (rare(a) || rare(b)))
                pairs.insert({a, b});
        }
    std::printf(
        "# Word pairs for encoding_fix. Generated by char_frequency_generator.cpp --word-pairs\n"
        "# from ICU %s's CJK word dictionary (brkitr/cjdict), words without kana: every two Han\n"
        "# characters next to each other in a word, where at least one of them has a log share\n"
        "# more than %.1f below typical text (%.3f). A rare character that forms such a pair with\n"
        "# its neighbour is part of a word, not a sign of damage. Column: the two characters.\n"
        "# Do not edit by hand; add pairs you need at the end if you must.\n",
        U_ICU_VERSION, rare_margin, typical);
    for (const auto& [a, b] : pairs) std::printf("%s%s\n", utf8(a).c_str(), utf8(b).c_str());
}

}  // namespace

int main(int argc, char** argv) {
    const bool word_pairs = argc > 1 && std::string(argv[1]) == "--word-pairs";
    std::vector<Word> words = read_dictionary();
    std::vector<int> costs;
    for (const Word& w : words) costs.push_back(w.cost);
    const double k = fit_cost_scale(costs);

    // Words with kana are Japanese; their kanji would skew the estimate towards Japanese use.
    words.erase(std::remove_if(words.begin(), words.end(),
                               [](const Word& w) {
                                   return std::any_of(w.text.begin(), w.text.end(),
                                                      [](char32_t c) { return is_kana(c); });
                               }),
                words.end());
    std::map<char32_t, double> share;
    std::size_t used = 0;
    for (const Word& w : words) {
        const double weight = std::exp(-w.cost / k);
        bool any = false;
        for (char32_t c : w.text)
            if (is_han(UChar32(c))) share[c] += weight, any = true;
        used += any;
    }
    double total = 0;
    for (const auto& [c, s] : share) total += s;

    std::vector<std::pair<char32_t, double>> rows(share.begin(), share.end());
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    for (auto& [c, s] : rows) s = std::log(s / total);
    if (word_pairs) {
        print_word_pairs(words, rows);
        return 0;
    }
    std::printf(
        "# Han character frequencies for encoding_fix. Generated by char_frequency_generator.cpp\n"
        "# from ICU %s's CJK word dictionary (brkitr/cjdict): %zu words without kana, word share\n"
        "# exp(-cost / %.3f) (scale fitted by Zipf's law), character share = sum over the words\n"
        "# that contain it. Columns: character, natural log of its share of Han characters.\n"
        "# Do not edit by hand; add lines for characters it lacks if you must.\n",
        U_ICU_VERSION, used, k);
    for (const auto& [c, v] : rows) std::printf("%s\t%.3f\n", utf8(c).c_str(), v);
    return 0;
}
