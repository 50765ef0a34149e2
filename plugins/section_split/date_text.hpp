// Dates and year ranges written in report text: 2021-12-31 09:20, 2021年7月1日,
// 二〇二一年七月一日, 2021/7/1, 2021.07.01; 2021-2025年.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace section_split {

struct Date {
    int year = 0, month = 0, day = 0;
    std::size_t start = 0, end = 0;  // where it stands in the searched text
    std::string iso() const;         // YYYY-MM-DD
};

// The first valid calendar date in `folded`, if any.
std::optional<Date> find_date(std::u32string_view folded);

// True when `folded` holds nothing but one date (and brackets, a time of day, spaces).
bool is_date_line(std::u32string_view folded);

struct YearRange {
    int from = 0, to = 0;
    std::size_t start = 0, end = 0;
};

// Year ranges like 2021-2025年, 2016—2020年, 2021年至2025年 in `folded`.
std::vector<YearRange> find_year_ranges(std::u32string_view folded);

// The first 4-digit year 1900..2099 followed by 年 (or a range, as "2016-2020") at or after
// `from`; `end` receives the offset just past it. Empty when none.
std::string find_year(std::u32string_view folded, std::size_t from, std::size_t* start,
                      std::size_t* end);

}  // namespace section_split
