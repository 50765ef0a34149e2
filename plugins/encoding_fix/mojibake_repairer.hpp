// Finds spans of mis-decoded text (mojibake) and what they should have been.
//
// Rules come from data/mojibake.tsv. "reinterpret" rules undo a whole wrong decoding (UTF-8
// read as GBK: 鍙告硶 → 司法); "realign" rules undo a double-byte decoder that lost one byte
// and read pairs out of step until an ASCII byte put it back. A candidate is accepted only when
// its characters are much more common than the span's (CharFrequency), so ordinary text,
// however rare its characters, is left alone. Markers of characters lost upstream
// (data/lost_markers.tsv, e.g. 锟斤拷) become U+FFFD.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "char_frequency.hpp"
#include "charset.hpp"

namespace gongwen::encoding_fix {

struct SpanFix {
    std::size_t start = 0;  // code points into the searched text, end exclusive
    std::size_t end = 0;
    std::u32string fixed;
    std::string kind;
    double gain = 0.0;  // evidence gained, to choose between overlapping candidates
};

struct RepairOptions {
    // How much more common (mean natural log share per character) the repaired text must be.
    double min_gain = 2.5;
    // How far below ordinary Chinese the repaired text may still be.
    double max_shortfall = 3.5;
};

class MojibakeRepairer {
  public:
    // Throws std::runtime_error naming the file and line of a bad row or unknown charset.
    MojibakeRepairer(const CharFrequency& frequency, const std::filesystem::path& rules,
                     const std::filesystem::path& lost_markers, RepairOptions options);

    // Non-overlapping fixes, sorted by start.
    std::vector<SpanFix> find(std::u32string_view text);

    // The kinds the rules know ("lost-marker" included), for config validation.
    std::vector<std::string> kinds() const;
    // Drops every rule (and the lost markers) whose kind is not in `kinds`.
    void enable_only(const std::vector<std::string>& kinds);

  private:
    enum class Method { reinterpret, realign };
    struct Rule {
        std::string kind;
        Method method;
        Charset shown;
        Charset real;
    };
    struct Marker {
        std::u32string text;
        std::size_t lost = 0;
    };

    void find_markers(std::u32string_view text, std::vector<SpanFix>& out) const;
    void reinterpret(Rule& rule, std::u32string_view text, std::size_t from, std::size_t to,
                     std::vector<SpanFix>& out);
    void realign(Rule& rule, std::u32string_view text, std::vector<SpanFix>& out);
    // Records `fixed` for text[start, end) if it is a clear improvement.
    void consider(std::u32string_view text, std::size_t start, std::size_t end,
                  std::u32string fixed, const std::string& kind, std::vector<SpanFix>& out) const;
    bool suspicious(std::u32string_view run) const;
    bool odd(char32_t c) const;

    const CharFrequency& frequency_;
    RepairOptions options_;
    std::vector<Rule> rules_;
    std::vector<Marker> markers_;
    bool markers_enabled_ = true;
};

}  // namespace gongwen::encoding_fix
