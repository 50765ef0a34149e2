// Shared by the section_split tests: running the real chain, and the checks every result
// must pass whatever the input.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "chain_harness.hpp"
#include "gongwen/document.hpp"

namespace section_split_test {

struct ExpectedSection {
    int level;
    std::string marker;
    std::string heading;
    friend bool operator==(const ExpectedSection&, const ExpectedSection&) = default;
};
std::ostream& operator<<(std::ostream& out, const ExpectedSection& s);

// Runs section_split alone on `text` (as doc.text), so that no earlier stage changes it.
gongwen::Document split_text(const std::string& text);

std::vector<ExpectedSection> outline_of(const gongwen::Document& doc);

// The text of a block or section span, as UTF-8.
std::string slice(const gongwen::Document& doc, std::size_t start, std::size_t end);

// The blocks whose text contains `needle`.
std::vector<const gongwen::Block*> blocks_containing(const gongwen::Document& doc,
                                                     const std::string& needle);

// One block holding `needle`, with the given kind (and reason, for boilerplate).
void expect_block(const gongwen::Document& doc, const std::string& needle, const std::string& kind,
                  const std::string& reason = "");

// The structural promises of the contract: blocks tile the text in order, offsets are in
// range, kinds and reasons are from the documented sets, sections are well formed and every
// heading block points to its section.
void expect_well_formed(const gongwen::Document& doc);

std::vector<std::string> warnings(const gongwen::Document& doc);

}  // namespace section_split_test
