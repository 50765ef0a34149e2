#include "varied_corpus.hpp"

#include <array>
#include <stdexcept>

#include "chain_harness.hpp"
#include "gongwen/utf8.hpp"
#include "inbox/sha256.hpp"
#include "test_paths.hpp"

namespace gongwen::bench {

namespace {

// Terms of equal length that a variant swaps for one another, so each occurs in a different
// share of the documents.
const std::array<std::u32string, 6> swapped_terms = {U"行政复议", U"法律援助", U"人民调解",
                                                     U"社区矫正", U"公共法律", U"法治宣传"};

std::u32string vary_text(std::u32string t, std::size_t i) {
    const std::size_t shift = i % 9 + 1;
    for (char32_t& c : t)
        if (c >= U'0' && c <= U'9') c = U'0' + (c - U'0' + shift) % 10;
    const std::size_t turn = i % swapped_terms.size();
    if (turn == 0) return t;
    // Replace all terms in one pass, so that a swap is not swapped again.
    for (std::size_t pos = 0; pos + 4 <= t.size();) {
        bool swapped = false;
        for (std::size_t k = 0; k < swapped_terms.size(); ++k)
            if (t.compare(pos, 4, swapped_terms[k]) == 0) {
                t.replace(pos, 4, swapped_terms[(k + turn) % swapped_terms.size()]);
                pos += 4;
                swapped = true;
                break;
            }
        if (!swapped) ++pos;
    }
    return t;
}

std::string vary(const std::string& s, std::size_t i) {
    return utf8::encode(vary_text(utf8::decode(s), i));
}

}  // namespace

std::vector<Document> chained_reports() {
    std::vector<std::filesystem::path> files = test::corpus_files();
    if (files.empty())
        files.push_back(test::source_dir() / "examples" / "reports" / "sample_summary.txt");
    test::ChainHarness chain(
        {"encoding_fix", "variant_convert", "section_split", "metric_extract"});
    std::vector<Document> out;
    for (const auto& f : files) {
        Document d = test::document_from_bytes(test::read_file(f), f.string());
        if (auto failure = chain.try_run(d))
            throw std::runtime_error(f.string() + ": " + failure->plugin + ": " + failure->message);
        out.push_back(std::move(d));
    }
    return out;
}

Document varied(const Document& base, std::size_t i) {
    Document d = base;
    d.text = vary(base.text, i);
    d.original_text = vary(base.original_text, i);
    d.title = vary(base.title, i);
    for (auto& s : d.sections) s.heading = vary(s.heading, i);
    for (auto& m : d.metrics) {
        m.text = vary(m.text, i);
        m.subject = vary(m.subject, i);
        m.value *= 1.0 + static_cast<double>(i % 13) / 10.0;
    }
    d.bytes = base.bytes + "\n<!-- variant " + std::to_string(i) + " -->\n";
    d.source.path = "/bench/inbox/report" + std::to_string(i) + ".txt";
    d.source.bytes = d.bytes.size();
    d.source.sha256 = sha256_hex(d.bytes);
    return d;
}

}  // namespace gongwen::bench
