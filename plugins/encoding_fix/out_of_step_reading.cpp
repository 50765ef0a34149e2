#include "out_of_step_reading.hpp"

#include <algorithm>
#include <cstring>

#include "damage_signs.hpp"
#include "pair_table.hpp"

namespace gongwen::encoding_fix {

namespace {

// How far ahead of the stretch read a probe may start and the stretch still grow to it;
// further, it starts afresh there, this far before the probe: the realigner probes each core
// from its start back to a dozen characters before it (realign_reach).
constexpr std::size_t restart_gap = 64;
constexpr std::size_t restart_back = 16;

// A character the table reads as what it is: in the BMP and no control, so that its score is
// the float the table holds.
bool plain(char32_t c) {
    return c >= 0x20 && c < 0x10000;  // PairTable::unknown is above too
}

}  // namespace

void OutOfStepReading::start_line(std::u32string_view text, std::size_t from, std::size_t to) {
    text_ = text;
    from_ = from;
    to_ = to;
    wide_.clear();
    lo_ = hi_ = from;
    bytes_.clear();
}

void OutOfStepReading::prepare(Charset& charset, const CharFrequency& frequency, std::size_t a,
                               std::size_t b) {
    const PairTable& table = *charset.pair_table();
    if (a < lo_ || a > hi_ + restart_gap || bytes_.empty()) {
        lo_ = hi_ = a - std::min(a - from_, restart_back);
        bytes_.assign(1, charset.pair_bytes(wide_[lo_ - from_]));
        for (auto* v : {&no_pair_, &out_unknown_, &out_invalid_, &in_unknown_, &out_scored_,
                        &in_scored_, &singles_})
            v->assign(1, 0);
        out_sum_.assign(1, 0.0);
        in_sum_.assign(1, 0.0);
        single_.clear();
    }
    for (std::size_t k = hi_; k < b; ++k) {
        // The next character's bytes, for the reading out of step.
        bytes_.push_back(k + 1 < to_ ? charset.pair_bytes(wide_[k + 1 - from_]) : 0);
        const std::uint16_t own = bytes_[k - lo_], next = bytes_[k + 1 - lo_];
        const auto lead = static_cast<unsigned char>(own >> 8);
        const auto trail = static_cast<unsigned char>(own & 0xFF);
        bool out_unknown = false, out_invalid = false, in_unknown = false;
        double out_score = 0.0, in_score = 0.0;
        bool out_scored = false, in_scored = false;
        char32_t single = 0;
        if (own != 0) {
            // In step: the character's own two bytes.
            const char32_t c = table.single(lead) == PairTable::unknown ? table.pair(lead, trail)
                                                                        : PairTable::unknown;
            if (plain(c)) {
                if (const auto sc = frequency.score_either(c)) in_score = *sc, in_scored = true;
            } else {
                in_unknown = true;
            }
            // Out of step: its second byte, on its own or with the next character's first.
            const auto next_lead = static_cast<unsigned char>(next >> 8);
            if (const char32_t alone = table.single(trail); alone != PairTable::unknown) {
                single = alone;
            } else if (trail < 0x80 || next == 0) {
                out_unknown = true;
            } else if (table.invalid_pair(trail, next_lead)) {
                out_invalid = true;
            } else if (const char32_t o = table.pair(trail, next_lead); plain(o)) {
                if (const auto sc = frequency.score_either(o)) out_score = *sc, out_scored = true;
            } else {
                out_unknown = true;
            }
        }
        const std::size_t i = k - lo_;
        no_pair_.push_back(no_pair_[i] + (own == 0));
        out_unknown_.push_back(out_unknown_[i] + out_unknown);
        out_invalid_.push_back(out_invalid_[i] + out_invalid);
        in_unknown_.push_back(in_unknown_[i] + in_unknown);
        out_scored_.push_back(out_scored_[i] + out_scored);
        in_scored_.push_back(in_scored_[i] + in_scored);
        singles_.push_back(singles_[i] + (single != 0));
        out_sum_.push_back(out_sum_[i] + out_score);
        in_sum_.push_back(in_sum_[i] + in_score);
        single_.push_back(single);
    }
    hi_ = std::max(hi_, b);
}

std::size_t OutOfStepReading::first_counted(const std::vector<std::uint32_t>& counts, std::size_t a,
                                            std::size_t b) const {
    // counts[k - lo_ + 1] > counts[a - lo_] first at the position sought.
    const auto begin = counts.begin() + std::ptrdiff_t(a - lo_ + 1);
    const auto end = counts.begin() + std::ptrdiff_t(b - lo_ + 1);
    return a + std::size_t(std::upper_bound(begin, end, counts[a - lo_]) - begin);
}

std::optional<OutOfStepReading::Probe> OutOfStepReading::read(Charset& charset,
                                                              const CharFrequency& frequency,
                                                              std::size_t s,
                                                              std::u32string_view shown) {
    const std::size_t n = shown.size();
    if (n < 2 || s < from_ || s + n > to_) return std::nullopt;
    if (wide_.empty()) {
        usable_ = charset.pair_table() != nullptr;
        wide_.resize(to_ - from_);
        for (std::size_t k = from_; k < to_; ++k) {
            const char32_t c = text_[k];
            wide_[k - from_] = DamageSigns::folded_punctuation(c) ? c + 0xFEE0 : c;
        }
    }
    if (!usable_) return std::nullopt;
    // The probe must show the line as it is (a letter widened only for one stretch does not).
    if (std::memcmp(wide_.data() + (s - from_), shown.data(), n * sizeof(char32_t)) != 0)
        return std::nullopt;
    const std::size_t last = s + n - 1;
    prepare(charset, frequency, s, s + n);
    const auto count = [&](const std::vector<std::uint32_t>& v, std::size_t a, std::size_t b) {
        return v[b - lo_] - v[a - lo_];
    };
    if (count(no_pair_, s, s + n) != 0) return std::nullopt;
    Probe out;
    // Out of step from the start to where a second byte stands alone, or to the last
    // character, whose second byte is the probe's last: cut, and dropped.
    const std::size_t back = first_counted(singles_, s, last);
    if (count(out_invalid_, s, back) != 0) {
        // An invalid sequence, which the table reads as ICU does, unless the table cannot tell
        // what comes before it: flawed.
        if (count(out_unknown_, s, first_counted(out_invalid_, s, back)) != 0) return std::nullopt;
        out.flawed = true;
        return out;
    }
    if (count(out_unknown_, s, back) != 0) return std::nullopt;
    out.after.sum = out_sum_[back - lo_] - out_sum_[s - lo_];
    out.after.scored = count(out_scored_, s, back);
    if (back == last) {
        // The last second byte is a character on its own, or a cut lead byte that ICU reads as
        // one invalid sequence, as the table says: dropped either way.
        const auto trail = static_cast<unsigned char>(bytes_[last - lo_] & 0xFF);
        if (single_[last - lo_] == 0 &&
            !(trail >= 0x80 && charset.pair_table()->lone_invalid(trail)))
            return std::nullopt;
        return out;
    }
    // In step after the byte that stood alone, to the last character (dropped).
    const char32_t single = single_[back - lo_];
    if (single < 0x20 && single != '\t') {
        out.flawed = true;
        return out;
    }
    if (count(in_unknown_, back + 1, last + 1) != 0) return std::nullopt;
    if (const auto sc = frequency.score_either(single)) out.after.sum += *sc, ++out.after.scored;
    out.after.sum += in_sum_[last - lo_] - in_sum_[back + 1 - lo_];
    out.after.scored += count(in_scored_, back + 1, last);
    return out;
}

}  // namespace gongwen::encoding_fix
