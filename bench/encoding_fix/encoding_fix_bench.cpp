// encoding_fix against its peers: uchardet (what most tools use to guess an encoding) and ICU's
// CharsetDetector, on the same bytes. Two questions: how fast is the whole plugin (detect,
// decode, repair, clean) compared with detection alone or decoding alone, and how often does
// each detector name the right encoding for short snippets, where guessing is hardest.
// Input: the sample corpus (or, without it, the encoding_fix fixtures). Command and results:
// docs/performance/encoding_fix.md.
#include <benchmark/benchmark.h>
#include <uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cstring>
#include <iostream>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "chain_harness.hpp"
#include "decimal_rate.hpp"
#include "gongwen/utf8.hpp"
#include "source_texts.hpp"
#include "test_paths.hpp"
#include "worker/heap_retention.hpp"

using namespace gongwen;

namespace {

std::string convert(const char* to, const char* from, const std::string& in) {
    UErrorCode error = U_ZERO_ERROR;
    std::string out(in.size() * 4 + 16, '\0');
    UConverter* target = ucnv_open(to, &error);
    UConverter* source = ucnv_open(from, &error);
    // Stop at characters the target lacks: a snippet with them is not a fair Big5 test.
    UConverterFromUCallback old_action = nullptr;
    const void* old_context = nullptr;
    ucnv_setFromUCallBack(target, UCNV_FROM_U_CALLBACK_STOP, nullptr, &old_action, &old_context,
                          &error);
    char* t = out.data();
    const char* s = in.data();
    ucnv_convertEx(target, source, &t, out.data() + out.size(), &s, in.data() + in.size(), nullptr,
                   nullptr, nullptr, nullptr, true, true, &error);
    ucnv_close(target);
    ucnv_close(source);
    if (U_FAILURE(error)) return "";
    out.resize(std::size_t(t - out.data()));
    return out;
}

// UTF-8 texts: the fixture reports and the corpus when present, each also in Traditional
// script (OpenCC), as the tests use them (source_texts.hpp): Big5 needs the Traditional ones.
const std::vector<std::string>& texts() {
    static const std::vector<std::string> all = [] {
        std::vector<std::string> out;
        for (const auto& t : encoding_fix::testing::source_texts(test::corpus_dir().has_value()))
            out.push_back(t.utf8);
        return out;
    }();
    return all;
}

// Whole documents in each encoding (Big5 only where every character has a Big5 form).
const std::map<std::string, std::vector<std::string>>& documents() {
    static const std::map<std::string, std::vector<std::string>> all = [] {
        std::map<std::string, std::vector<std::string>> out;
        for (const std::string& t : texts())
            for (const char* cs : {"UTF-8", "GB18030", "Big5", "UTF-16LE"})
                if (std::string b = convert(cs, "UTF-8", t); !b.empty()) out[cs].push_back(b);
        return out;
    }();
    return all;
}

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
    std::string name = m ? ucsdet_getName(m, &error) : "";
    ucsdet_close(d);
    return name;
}

std::string normalise(std::string name) {
    std::transform(name.begin(), name.end(), name.begin(), ::toupper);
    if (name == "GB2312" || name == "GBK" || name == "GB18030") return "GB18030";
    if (name == "BIG5" || name == "BIG5-HKSCS") return "BIG5";
    if (name == "ASCII") return "UTF-8";
    return name;
}

test::ChainHarness& plugin() {
    static test::ChainHarness h({"encoding_fix"});
    return h;
}

// Calls `run` on a document for each of `inputs` as the inbox makes them (bytes, SHA-256),
// made while the clock is stopped: that is the watcher's work, not the plugin's. A worker
// takes one document after another, so they are made sixteen at a time (and freed with the
// clock running, as the plugin's memory goes back to the heap), not all at once.
template <typename Run>
void for_each_document(benchmark::State& state, const std::vector<const std::string*>& inputs,
                       Run run) {
    constexpr std::size_t batch = 16;
    for (std::size_t first = 0; first < inputs.size(); first += batch) {
        state.PauseTiming();
        std::vector<Document> docs;
        docs.reserve(batch);
        for (std::size_t i = first; i < std::min(inputs.size(), first + batch); ++i)
            docs.push_back(test::document_from_bytes(*inputs[i]));
        state.ResumeTiming();
        for (Document& doc : docs) run(doc);
    }
}

// encoding_fix through the chain on `doc` (`clean`: it must repair nothing); returns the
// number of repairs.
std::size_t run_plugin(benchmark::State& state, Document& doc, bool clean) {
    if (plugin().try_run(doc)) state.SkipWithError("encoding_fix failed");
    if (clean && !doc.encoding.repairs.empty()) state.SkipWithError("repaired clean text");
    benchmark::DoNotOptimize(doc.text.data());
    return doc.encoding.repairs.size();
}

// One run of peer `tool` on `d`: 1 uchardet, 2 ICU's detector, 3 ICU converting `from` → `to`
// (the encoding known).
void run_peer(int tool, const std::string& d, const char* from, const char* to) {
    if (tool == 1) {
        benchmark::DoNotOptimize(uchardet_guess(d));
    } else if (tool == 2) {
        benchmark::DoNotOptimize(icu_guess(d));
    } else {
        benchmark::DoNotOptimize(convert(to, from, d));
    }
}

// `tool` 0 is encoding_fix, the others as run_peer.
void run_tool(benchmark::State& state, int tool, const std::vector<const std::string*>& inputs,
              const char* from, const char* to, bool clean) {
    if (tool == 0) {
        for_each_document(state, inputs, [&](Document& doc) { run_plugin(state, doc, clean); });
    } else {
        for (const std::string* d : inputs) run_peer(tool, *d, from, to);
    }
}

std::vector<const std::string*> pointers(const std::vector<std::string>& all) {
    std::vector<const std::string*> out;
    for (const std::string& s : all) out.push_back(&s);
    return out;
}

// What `inputs` add up to, `iterations` times, for set_bytes_processed.
int64_t bytes_in(const std::vector<const std::string*>& inputs, benchmark::IterationCount n) {
    std::size_t bytes = 0;
    for (const std::string* d : inputs) bytes += d->size();
    return int64_t(bytes) * int64_t(n);
}

void whole_documents(benchmark::State& state, const std::string& encoding, int tool) {
    const auto inputs = pointers(documents().at(encoding));
    for (auto _ : state) run_tool(state, tool, inputs, encoding.c_str(), "UTF-8", false);
    bench::set_bytes_processed(state, bytes_in(inputs, state.iterations()));
}

// Clean UTF-8: the invented fixture reports, clean by construction. `quiet`: only the three
// reports in which no line shows a sign of damage, so that every line takes the pass-through
// path; else all four, where one line in 136 (糾紛 twice, 鄰: Traditional characters the
// frequency table ranks rare) is flagged by the scan and cleared by the exact rule (糾紛 is a
// word). `whole`: the reports repeated into one 4 MB document, where the chain's per-document
// cost cannot hide the plugin's (but every run writes 8 MB of freshly mapped memory, and the
// page faults cost as much as the scan); else each report a document of its own, as reports
// arrive (2–3 kB each), repeated to 4 MB in all.
std::vector<std::string> clean_utf8(bool quiet, bool whole) {
    const std::vector<std::string> reports = encoding_fix::testing::fixture_reports(quiet);
    std::vector<std::string> out(whole ? 1 : 0);
    for (std::size_t bytes = 0; bytes < (4u << 20);)
        for (const std::string& r : reports) {
            if (whole)
                out[0] += r;
            else
                out.push_back(r);
            bytes += r.size();
        }
    return out;
}

void passthrough(benchmark::State& state, bool quiet, bool whole, int tool) {
    static std::map<std::pair<bool, bool>, std::vector<std::string>> texts;
    auto& text = texts[{quiet, whole}];
    if (text.empty()) text = clean_utf8(quiet, whole);
    const auto inputs = pointers(text);
    for (auto _ : state) run_tool(state, tool, inputs, "UTF-8", "UTF-16LE", true);
    bench::set_bytes_processed(state, bytes_in(inputs, state.iterations()));
}

// Damaged text, as reports arrive after a wrong decode upstream, saved as UTF-8: whole documents
// whose UTF-8 bytes were read as GBK (鍏ㄧ渷), and clean documents with one paragraph of GBK read
// as Windows-1252 (È«Ê¡) in the middle.
const std::map<std::string, std::vector<std::string>>& damaged_documents() {
    static const std::map<std::string, std::vector<std::string>> all = [] {
        std::map<std::string, std::vector<std::string>> out;
        for (const std::string& t : texts()) {
            // ICU's GB18030 decoder stands in for the upstream software.
            UErrorCode error = U_ZERO_ERROR;
            std::string whole(t.size() * 3 + 16, '\0');
            const int32_t n = ucnv_convert("UTF-8", "GB18030", whole.data(), int32_t(whole.size()),
                                           t.data(), int32_t(t.size()), &error);
            if (U_SUCCESS(error)) out["utf8-as-gbk-document"].push_back(whole.substr(0, n));
            // The longest line is the paragraph that gets damaged.
            std::size_t best = 0, best_len = 0;
            for (std::size_t at = 0; at < t.size();) {
                std::size_t end = t.find('\n', at);
                if (end == std::string::npos) end = t.size();
                if (end - at > best_len) best = at, best_len = end - at;
                at = end + 1;
            }
            const std::string gbk = convert("windows-936-2000", "UTF-8", t.substr(best, best_len));
            if (gbk.empty()) continue;
            const std::string shown = convert("UTF-8", "windows-1252", gbk);
            if (!shown.empty())
                out["gbk-as-latin1-paragraph"].push_back(t.substr(0, best) + shown +
                                                         t.substr(best + best_len));
        }
        return out;
    }();
    return all;
}

void damaged(benchmark::State& state, const std::string& damage, int tool) {
    const auto inputs = pointers(damaged_documents().at(damage));
    std::size_t repairs = 0;
    for (auto _ : state) {
        repairs = 0;
        if (tool == 0) {
            for_each_document(state, inputs,
                              [&](Document& doc) { repairs += run_plugin(state, doc, false); });
        } else {
            for (const std::string* d : inputs) run_peer(tool, *d, "", "");
        }
    }
    bench::set_bytes_processed(state, bytes_in(inputs, state.iterations()));
    if (tool == 0) state.counters["repairs"] = double(repairs);
}

// Snippets of `chars` characters cut from every text at fixed steps, in GB18030, Big5 and
// UTF-8; counts how often each detector names the encoding they are in.
void snippet_accuracy(benchmark::State& state, int tool) {
    const std::size_t chars = std::size_t(state.range(0));
    std::vector<std::pair<std::string, std::string>> cases;  // bytes, expected
    for (const std::string& t : texts()) {
        const std::u32string u = utf8::decode(t);
        for (std::size_t at = 0; at + chars < u.size(); at += 97) {
            const std::string s = utf8::encode(u.substr(at, chars));
            if (std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; })) continue;
            for (const char* cs : {"UTF-8", "GB18030", "Big5"})
                if (std::string b = convert(cs, "UTF-8", s); !b.empty())
                    cases.emplace_back(b, normalise(cs));
        }
    }
    std::size_t right = 0, total = 0;
    for (auto _ : state) {
        right = total = 0;
        for (const auto& [bytes, want] : cases) {
            std::string got;
            if (tool == 0) {
                Document doc = test::document_from_bytes(bytes);
                if (!plugin().try_run(doc)) got = normalise(doc.encoding.detected);
            } else if (tool == 1) {
                got = normalise(uchardet_guess(bytes));
            } else {
                got = normalise(icu_guess(bytes));
            }
            right += got == want;
            ++total;
        }
    }
    state.counters["accuracy"] = total ? double(right) / double(total) : 0.0;
    state.counters["snippets"] = double(total);
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    // The plugin runs in a worker process, which keeps the heap it frees
    // (worker/heap_retention.hpp); --heap=glibc measures it with glibc's own policy instead, as
    // the chain runs with isolation = "none".
    const bool glibc_heap = argc > 1 && std::strcmp(argv[1], "--heap=glibc") == 0;
    if (argc > 1 + int(glibc_heap)) {
        std::cerr << "usage: " << argv[0] << " [benchmark flags] [--heap=glibc]\n";
        return 2;
    }
    if (!glibc_heap) {
        if (const std::string error = retain_freed_heap(worker_retained_heap); !error.empty()) {
            std::cerr << error << "\n";
            return 1;
        }
    }
    benchmark::AddCustomContext(
        "heap", glibc_heap ? "glibc's policy" : "as worker processes keep it (64 MiB)");
    const char* tools[] = {"encoding_fix", "uchardet", "icu_detect", "icu_decode_only"};
    for (const auto& [encoding, docs] : documents())
        for (int tool = 0; tool < 4; ++tool)
            benchmark::RegisterBenchmark(("Documents/" + encoding + "/" + tools[tool]).c_str(),
                                         [encoding = encoding, tool](benchmark::State& s) {
                                             whole_documents(s, encoding, tool);
                                         })
                ->Unit(benchmark::kMicrosecond);
    for (const auto& [name, quiet, whole] :
         {std::tuple{"quiet-UTF-8", true, true}, std::tuple{"fixtures-UTF-8", false, true},
          std::tuple{"quiet-UTF-8-reports", true, false}})
        for (int tool = 0; tool < 4; ++tool)
            benchmark::RegisterBenchmark((std::string("Passthrough/") + name + "/" +
                                          (tool == 3 ? "icu_to_utf16" : tools[tool]))
                                             .c_str(),
                                         [quiet = quiet, whole = whole, tool](benchmark::State& s) {
                                             passthrough(s, quiet, whole, tool);
                                         })
                ->Unit(benchmark::kMillisecond);
    // Detection (and, for encoding_fix, repair) on damaged text: uchardet and ICU only detect;
    // neither repairs anything.
    for (const auto& [damage, docs] : damaged_documents())
        for (int tool = 0; tool < 3; ++tool)
            benchmark::RegisterBenchmark(
                ("Damaged/" + damage + "/" + tools[tool]).c_str(),
                [damage = damage, tool](benchmark::State& s) { damaged(s, damage, tool); })
                ->Unit(benchmark::kMicrosecond);
    for (int tool = 0; tool < 3; ++tool)
        benchmark::RegisterBenchmark((std::string("SnippetAccuracy/") + tools[tool]).c_str(),
                                     [tool](benchmark::State& s) { snippet_accuracy(s, tool); })
            ->Arg(4)
            ->Arg(8)
            ->Arg(16)
            ->Arg(64)
            ->Iterations(1)
            ->Unit(benchmark::kMillisecond);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
