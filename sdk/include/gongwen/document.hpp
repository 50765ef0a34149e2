// The Document: what flows through the plugin chain, from raw bytes to sections and metrics.
//
// Field names mirror the JSON output documented in docs/output-format.md. Every offset
// (`start`, `end`) is a Unicode code point offset into `text`, end exclusive, unless a
// field says otherwise. Changing this struct changes the SDK ABI (see abi.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gongwen {

struct Source {
    std::string path;                   // file on disk (the archive, for archive members)
    std::optional<std::string> member;  // member name inside the archive, or none
    std::string sha256;                 // of `Document::bytes`, lower-case hex
    std::uint64_t bytes = 0;            // size of `Document::bytes`
};

// One repaired span of mis-decoded text. Offsets are into `original_text`.
struct Repair {
    std::string kind;  // damage class, e.g. "utf8-as-gbk"
    std::size_t start = 0;
    std::size_t end = 0;
    std::string original;  // the damaged text as it arrived
    std::string fixed;     // what replaced it
};

struct EncodingInfo {
    std::string detected;     // e.g. "UTF-8", "GB18030", "Big5", "UTF-16LE"; empty until decoded
    double confidence = 0.0;  // 0..1
    bool bom = false;         // the input started with a byte order mark
    std::vector<Repair> repairs;
    std::size_t lossy = 0;  // characters lost upstream (U+FFFD, 锟斤拷, '?'), counted not invented
};

struct ScriptInfo {
    std::string detected;      // "Hans", "Hant", "mixed", "none"; empty until detected
    double share = 0.0;        // share of script-deciding characters that voted for `detected`
    std::string converted_to;  // e.g. "zh-Hans"; empty when not converted
};

// Maps a span of `text` to the span of `original_text` it came from. Segments are sorted,
// contiguous and cover `text`; an empty map means `text` and `original_text` align 1:1.
struct OffsetSegment {
    std::size_t text_start = 0;
    std::size_t text_len = 0;
    std::size_t original_start = 0;
    std::size_t original_len = 0;
};

// An enumerated item inside a paragraph (一是…, 二是…).
struct Item {
    std::string marker;
    std::size_t start = 0;
    std::size_t end = 0;
};

// A line or paragraph of `text` and what it is. Nothing is deleted from `text`: boilerplate
// is kept and only marked, so that later stages can skip it.
struct Block {
    std::string kind;    // "body", "heading", "title", "field", "boilerplate", "blank"
    std::string reason;  // for boilerplate: "navigation", "widget", "caption", "footer", "spam"
    std::size_t start = 0;
    std::size_t end = 0;
    int section = -1;  // index into Document::sections of the section it belongs to, or -1
    std::vector<Item> items;
};

struct Section {
    int level = 1;
    std::string marker;     // as written: "一、", "（一）", "1.", "" for unnumbered headlines
    std::string heading;    // heading text without the marker
    std::size_t start = 0;  // heading start
    std::size_t end = 0;    // end of the section's last body character
};

struct Metric {
    std::string text;  // surface string
    double value = 0.0;
    std::optional<double> value_max;  // upper bound of a range (3至5个)
    std::string unit;
    bool approx = false;
    std::string qualifier;  // 余, 多, 近, 约 …
    std::string kind;       // count, money, percent, points, multiple, rank, score, duration, other
    std::string subject;
    std::string modality = "actual";  // "actual" or "plan"
    int section = -1;                 // index into Document::sections, or -1
    std::size_t start = 0;
    std::size_t end = 0;
    std::string period;     // e.g. "2021", "2021H1"
    std::string scope;      // 全省, 全市 …
    std::string direction;  // "up", "down" or empty
    std::string basis;      // 同比, 环比, 比去年 …
};

enum class Severity { info, warning, error };

struct Diagnostic {
    std::string plugin;
    Severity severity = Severity::info;
    std::string message;
};

struct ChainStep {
    std::string plugin;
    std::string version;
    std::int64_t micros = 0;
};

struct Document {
    Source source;
    std::string bytes;  // raw input, exactly as read; not part of the JSON output

    EncodingInfo encoding;
    ScriptInfo script;
    std::string original_text;  // decoded text, before variant conversion (UTF-8)
    std::string text;           // final text (UTF-8); offsets point into it
    std::vector<OffsetSegment> offset_map;

    std::string title;
    std::optional<std::string> published;  // YYYY-MM-DD
    std::string issuer;
    std::string period;
    std::string report_kind;  // summary, plan, annual_report, highlights, or empty

    std::vector<Block> blocks;
    std::vector<Section> sections;
    std::vector<Metric> metrics;
    std::vector<Diagnostic> diagnostics;
    std::vector<ChainStep> chain;

    // Free-form string attributes for plugins the model does not foresee (tags, classes …).
    std::map<std::string, std::string> attributes;

    void diagnose(std::string plugin, Severity severity, std::string message) {
        diagnostics.push_back({std::move(plugin), severity, std::move(message)});
    }
};

const char* to_string(Severity severity);

// Position in `original_text` of code point `text_pos` of `text`, following `offset_map`.
std::size_t map_to_original(const Document& doc, std::size_t text_pos);

}  // namespace gongwen
