// Finds spans of mis-decoded text (mojibake) and what they should have been.
//
// Rules come from data/mojibake.tsv. A "reinterpret" rule undoes a whole wrong decoding (UTF-8
// read as GBK: 鍙告硶 → 司法): the characters go back to the bytes the wrong charset made of
// them and are read in the right one. Where both readings start a character at the same byte
// the text splits into segments; a stretch of segments that read differently is an island,
// and an island is replaced only when its right reading is far more ordinary Chinese than what
// is there (CharFrequency), so ordinary text, however rare its characters, is left alone. A
// U+FFFD or '?' inside such a stretch is where the wrong decoder dropped bytes: the characters
// those bytes belonged to come back as U+FFFD, their neighbours exactly.
//
// A "realign" rule undoes a double-byte decoder that lost one byte and read the pairs after
// it out of step until a single-byte character put it back in step; the character whose byte
// was lost is marked: the '?' that stands for it stays, or a U+FFFD is put in its place.
// Markers of characters lost upstream (data/lost_markers.tsv, e.g. 锟斤拷) become U+FFFD.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "char_frequency.hpp"
#include "charset.hpp"
#include "damage_signs.hpp"
#include "island.hpp"
#include "out_of_step_reading.hpp"

namespace gongwen::encoding_fix {

struct SpanFix {
    std::size_t start = 0;  // code points into the searched text, end exclusive
    std::size_t end = 0;
    std::u32string fixed;
    std::string kind;
    double gain = 0.0;     // evidence gained, to choose between overlapping candidates
    std::size_t lost = 0;  // characters of `fixed` that mark a lost one (U+FFFD or '?')
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
    MojibakeRepairer(const CharFrequency& frequency, const WordPairs& words,
                     const std::filesystem::path& rules, const std::filesystem::path& lost_markers,
                     RepairOptions options);
    // The rules point into charsets_.
    MojibakeRepairer(const MojibakeRepairer&) = delete;
    MojibakeRepairer& operator=(const MojibakeRepairer&) = delete;

    // Non-overlapping fixes, sorted by start. Only lines that show damage (DamageSigns) are
    // looked at.
    std::vector<SpanFix> find(std::u32string_view text);

    // A document is repaired twice when one kind of damage marks all of it: the first pass
    // finds that kind (dominant_kind), the second, with prefer(kind), also takes the spans of
    // that damage too short or too lossy to prove themselves (a date line, a lone 條 that
    // reads as the commoner 兵).
    void start_document() {
        repaired_.clear();
        preferred_.reset();
    }
    std::optional<std::string> dominant_kind() const;
    void prefer(std::string kind) { preferred_ = std::move(kind); }

    // The kinds the rules know ("lost-marker" included), for config validation.
    std::vector<std::string> kinds() const;
    // Drops every rule (and the lost markers) whose kind is not in `kinds`.
    void enable_only(const std::vector<std::string>& kinds);

    const DamageSigns& signs() const { return signs_; }
    // How closely lines are watched for damage: closely in the second pass.
    DamageSigns::Watch watch() const {
        return preferred_ ? DamageSigns::Watch::close : DamageSigns::Watch::ordinary;
    }

  private:
    MojibakeRepairer(const CharFrequency& frequency, const WordPairs& words,
                     const std::filesystem::path& rules,
                     std::vector<std::pair<std::u32string, std::size_t>> markers,
                     RepairOptions options);

    enum class Method { reinterpret, realign };
    // A yes or no per BMP character, learnt on first use: the rules ask the same questions of
    // the same few thousand characters on every line.
    class LearntPerCharacter {
      public:
        template <typename Learn>
        bool operator()(char32_t c, Learn&& learn) {
            if (known_.empty()) known_.assign(0x10000, 0);
            std::int8_t& known = known_[c];
            if (known == 0) known = learn(c) ? 1 : -1;
            return known > 0;
        }

      private:
        std::vector<std::int8_t> known_;  // 1 yes, -1 no, 0 not learnt (empty until asked)
    };
    struct Rule {
        std::string kind;
        Method method;
        Charset* shown;  // in charsets_, shared by the rules that name the same charset
        Charset* real;
        // Whether `shown` writes a BMP character in two bytes (realign rules only).
        LearntPerCharacter pairable;
        // The line being realigned, read out of step (realign rules only).
        OutOfStepReading out_of_step;
        // The shown charset of an earlier rule of the same kind and method, and for
        // reinterpret rules the same right charset (windows-936-2000 beside GB18030): where
        // both write every character of a line's windows alike (a realign rule: of the whole
        // line), this rule can only find again what that one found. And whether both write a
        // BMP character alike.
        Charset* twin = nullptr;
        LearntPerCharacter like_twin;
    };
    struct Marker {
        std::u32string text;
        std::size_t lost = 0;
    };

    // Where the reinterpret rules read a line that shows damage, found in one pass over it.
    struct ReadingPlan {
        // Around its odd characters and holes (two odd ones at least, or a hole), merged
        // where they come close.
        std::vector<std::pair<std::size_t, std::size_t>> windows;
        // Short stretches around each pair of odd characters close together, where a rule is
        // tried first.
        std::vector<std::pair<std::size_t, std::size_t>> probes;
        bool holes = false;  // a hole or a marker's start: the windows are always read
    };
    ReadingPlan plan_reading(std::u32string_view text, std::size_t from, std::size_t to) const;
    void find_in_line(std::u32string_view text, std::size_t from, std::size_t to,
                      std::vector<SpanFix>& out);
    void find_markers(std::u32string_view text, std::size_t from, std::size_t to,
                      std::vector<SpanFix>& out) const;
    void reinterpret(Rule& rule, std::u32string_view text, std::size_t from, std::size_t to,
                     std::vector<SpanFix>& out);
    // Of the islands of a run `rule` read again (RunReader), adds to `out` those that are
    // repairs: neighbouring valid islands decide together, as one region (one damage, one
    // decision), and within an accepted region each island, once the clean text at its edges is
    // left out (IslandEdges), must itself read better.
    void accept_islands(const Rule& rule, std::u32string_view text, std::vector<Island>& islands,
                        std::vector<SpanFix>& out) const;
    // Sets what island `is` shows now (its characters but its holes: losses stay losses) and
    // what it would read as.
    void weigh(Island& is) const;
    static bool pairable(Rule& rule, char32_t c);
    // Whether `rule`'s shown charset writes BMP character `c` as its twin does (learnt once).
    static bool written_like_twin(Rule& rule, char32_t c);
    // Whether `rule`'s twin writes every character of `plan`'s windows and probes as the
    // rule's own shown charset does.
    static bool reads_as_twin(Rule& rule, std::u32string_view text, const ReadingPlan& plan);
    // Whether `rule`'s twin writes every character of text [from, to) that `rule` can realign
    // as its own shown charset does.
    static bool realigns_as_twin(Rule& rule, std::u32string_view text, std::size_t from,
                                 std::size_t to);
    // Whether `rule`'s shown charset writes every Han character of text [from, to).
    static bool writes_every_han(Rule& rule, std::u32string_view text, std::size_t from,
                                 std::size_t to);
    // Whether realign candidate `fix` of the line [from, to) is unlike the text beside it
    // (written in another charset or another script) or unlike Chinese (such a candidate is
    // dropped).
    bool unlike_its_line(Rule& rule, std::u32string_view text, std::size_t from, std::size_t to,
                         const SpanFix& fix) const;
    // Whether the start of `span` (a realign candidate from text position `s` of the line
    // being searched) reads well enough that the whole span is worth reading.
    bool probe_realigned(Rule& rule, std::size_t s, std::u32string_view span);
    // Where an out-of-step stretch ends (`at`, exclusive) and what it shows up to there, with
    // folded punctuation in its fullwidth form.
    struct StretchEnd {
        std::size_t at = 0;
        std::u32string tail;
        bool hole = false;      // at a U+FFFD: the last character's second byte was lost
        bool resynced = false;  // at an ASCII character the decoder fell back in step on
    };
    // Scans on from `end` to where the out-of-step stretch ends (at most to `cap`; where the cap
    // cuts it is kept in `cut_at`).
    StretchEnd stretch_end(Rule& rule, std::u32string_view text, std::size_t to, std::size_t cap,
                           std::size_t& cut_at, StretchEnd end);
    // The repair of the stretch from `s` (its text `head`, folded punctuation widened) to
    // `end`, if its realigned reading proves itself.
    std::optional<SpanFix> realigned(Rule& rule, std::u32string_view text, std::size_t from,
                                     std::size_t s, std::u32string_view head,
                                     const StretchEnd& end);
    void realign(Rule& rule, std::u32string_view text, std::size_t from, std::size_t to,
                 std::vector<SpanFix>& out);

    // What text [a, b) of the line being searched scores, but its holes (from line_scores_).
    Tally line_tally_but_holes(std::size_t a, std::size_t b) const;

    const CharFrequency& frequency_;
    const WordPairs& words_;
    RepairOptions options_;
    // score() of each character of the line being searched (> 0: none, holes included),
    // looked up once: its probes and islands tally overlapping stretches of it many times.
    std::size_t line_from_ = 0;
    std::vector<double> line_scores_;
    // Where in that line a realigned stretch can start: an odd character (not ASCII, not
    // U+FFFD), or any character right after a hole. The realigner visits only these.
    std::vector<std::size_t> realign_starts_;
    // One per charset name the rules use: each learns its tables once, whichever rules share it.
    std::map<std::string, Charset> charsets_;
    Charset* traditional_repertoire_ = nullptr;  // Big5, in charsets_
    Charset* simplified_repertoire_ = nullptr;   // GB2312, in charsets_
    std::vector<Rule> rules_;
    std::vector<Marker> markers_;
    bool markers_enabled_ = true;
    std::map<std::string, std::size_t> repaired_;  // characters repaired per kind
    std::optional<std::string> preferred_;
    DamageSigns signs_;
};

}  // namespace gongwen::encoding_fix
