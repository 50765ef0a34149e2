// Where in decoded UTF-8 text the decoder did not check the characters against the damage signs
// (DamageSigns::three_byte_stops). Decoding GB18030 or Big5 looks every pair of bytes up in a
// table anyway (PairTable); the same entry says whether its character can go on a run of plain
// text, so the scan after decoding (TextPipeline, plain_run) need not look each character up a
// second time. The characters above ASCII the table does not decode (four-byte GB18030
// characters, whatever ICU reads) and those that do stop a run are the unchecked spans: the scan
// looks them up as in any text. (ASCII needs no lookup: the scan tells its stops by the byte.)
#pragma once

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace gongwen::encoding_fix {

class UncheckedSpans {
  public:
    using Span = std::pair<std::size_t, std::size_t>;  // byte offsets, end exclusive

    // Spans must come in order; one that starts where the last ended extends it.
    void add(std::size_t start, std::size_t end) {
        if (start == end) return;
        if (!spans_.empty() && spans_.back().second == start)
            spans_.back().second = end;
        else
            spans_.emplace_back(start, end);
    }
    void clear() { spans_.clear(); }
    // Where the checked text from `at` on ends, in text of `size` bytes: at the next unchecked
    // span (at `at` itself inside one). `cursor` remembers the way between calls with `at`
    // never going back: start it at 0.
    std::size_t checked_until(std::size_t at, std::size_t size, std::size_t& cursor) const {
        while (cursor < spans_.size() && spans_[cursor].second <= at) ++cursor;
        return cursor < spans_.size() ? std::max(at, spans_[cursor].first) : size;
    }
    // Sorted, apart, none empty.
    const std::vector<Span>& spans() const { return spans_; }

  private:
    std::vector<Span> spans_;
};

}  // namespace gongwen::encoding_fix
