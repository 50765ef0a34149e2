// What the document scan needs to know about each code point, in one byte: which script it
// votes for, whether it occurs in a dictionary key (no cut there) and whether it can make the
// conversion change the text. A flat table over the Basic Multilingual Plane keeps the scan at
// one load per character.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace variant_convert {

class CodePointClasses {
  public:
    enum Flag : std::uint8_t {
        hans = 1,      // only Simplified writes it
        hant = 2,      // only Traditional writes it
        in_key = 4,    // occurs in a key of a dictionary in use
        triggers = 8,  // a conversion in use may change text that contains it
        phrase = 16,   // a conversion may change some phrases that contain it
    };

    CodePointClasses() : bmp_(0x10000, 0) {}

    void add(const std::vector<char32_t>& code_points, Flag flag) {
        for (char32_t cp : code_points) {
            if (cp < 0x10000)
                bmp_[cp] |= flag;
            else
                beyond_bmp_[cp] |= flag;
        }
    }

    std::uint8_t of(char32_t cp) const {
        if (cp < 0x10000) return bmp_[cp];
        auto it = beyond_bmp_.find(cp);
        return it == beyond_bmp_.end() ? 0 : it->second;
    }

    // The flags of U+0000..U+FFFF, indexed by code point, for loops that decode themselves.
    const std::uint8_t* bmp() const { return bmp_.data(); }

  private:
    std::vector<std::uint8_t> bmp_;
    std::unordered_map<char32_t, std::uint8_t> beyond_bmp_;
};

}  // namespace variant_convert
