// Reads what a figure is about from its sentence: subject, scope, period, modality, and for a
// change its direction and basis. Figures after 分别 are paired with the subjects listed
// before it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "figure.hpp"
#include "gongwen/document.hpp"
#include "rules.hpp"

namespace metric_extract {

// What the surroundings of a paragraph say about its figures.
struct ParagraphContext {
    std::size_t begin = 0;
    std::size_t end = 0;
    int section = -1;
    bool plan = false;   // in a plan section, or the whole report is a plan
    std::string period;  // from the section headings or the document
    int year = 0;        // the report's year, for 今年, 上半年 …; 0 if unknown
    std::string scope;   // from the title
};

class FigureContext {
  public:
    explicit FigureContext(const Rules& rules) : rules_(rules) {}

    void read(std::u32string_view text, const ParagraphContext& paragraph,
              const std::vector<Figure>& figures, const std::vector<bool>& masked,
              std::vector<gongwen::Metric>& out) const;

  private:
    const Rules& rules_;
};

// The period named in text[begin, end) last: an absolute date (2021年, 2021年上半年) or a
// relative word read against `year` (今年, 上半年). Empty when there is none. Dates right
// after a comparison word (较2022年底) are a basis, not a period, and are passed over.
std::string last_period(const Rules& rules, std::u32string_view text, std::size_t begin,
                        std::size_t end, int year, const std::vector<bool>* masked = nullptr,
                        std::size_t mask_begin = 0);

}  // namespace metric_extract
