// The OpenCC library's own converter and dictionaries: what the plugin's output is compared
// with, and the material random test texts are made of.
#pragma once

#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace variant_convert::test {

// libopencc's conversion of `text` with /usr/share/opencc/<config>.json.
std::string opencc_convert(const std::string& config, const std::string& text);

// Every key and value of the dictionaries that <config>.json uses.
const std::vector<std::string>& opencc_words(const std::string& config);

// Whether <config>.json can write `converted` at the place of `original`: kept, or written by
// an entry (key and value of the same length) of each conversion in turn. What an original
// character and the converted one at a one-for-one mapped position can be.
bool opencc_may_write(const std::string& config, char32_t original, char32_t converted);

// A text made of dictionary words of <config>.json in both scripts, single characters,
// Latin, digits, punctuation and line breaks, `tokens` long.
std::string random_text(const std::string& config, std::mt19937& rng, std::size_t tokens);

}  // namespace variant_convert::test
