// The texts the variant_convert benchmarks run on: Simplified reports that OpenCC's t2s leaves
// as they are (the corpus reports when present, and the plugin's Simplified fixture), and the
// same reports in Traditional as OpenCC's s2t writes them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace variant_convert::bench {

struct Report {
    std::string name;
    std::string simplified;
    std::string traditional;  // s2t of `simplified`
};

std::vector<Report> simplified_reports();
// The Traditional reports (the corpus's as collected, with their damage, and the fixture).
std::vector<Report> traditional_reports();

// `text` repeated (whole) until it holds at least `bytes`.
std::string repeated(const std::string& text, std::size_t bytes);

// libopencc's conversion with /usr/share/opencc/<config>.json.
std::string opencc_convert(const std::string& config, const std::string& text);

}  // namespace variant_convert::bench
