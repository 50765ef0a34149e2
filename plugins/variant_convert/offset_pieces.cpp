#include "offset_pieces.hpp"

#include <algorithm>

namespace variant_convert {

void OffsetPieces::keep(std::size_t n) {
    if (n == 0) return;
    if (!pieces_.empty() && pieces_.back().source == pieces_.back().result) {
        pieces_.back().source += n;
        pieces_.back().result += n;
    } else {
        pieces_.push_back({n, n});
    }
}

void OffsetPieces::replace(std::size_t source, std::size_t result) {
    if (source == result) {
        keep(source);
    } else {
        pieces_.push_back({source, result});
    }
}

void OffsetPieces::append(const OffsetPieces& other) {
    for (const Piece& piece : other.pieces_) replace(piece.source, piece.result);
}

std::size_t OffsetPieces::source_length() const {
    std::size_t n = 0;
    for (const Piece& piece : pieces_) n += piece.source;
    return n;
}

std::size_t OffsetPieces::result_length() const {
    std::size_t n = 0;
    for (const Piece& piece : pieces_) n += piece.result;
    return n;
}

namespace {

// Walks a piece list along its result side, handing out one-for-one pieces in parts.
class PieceCursor {
  public:
    explicit PieceCursor(const std::vector<OffsetPieces::Piece>& pieces) : pieces_(pieces) {}
    bool done() const { return index_ == pieces_.size(); }
    bool one_for_one() const { return pieces_[index_].source == pieces_[index_].result; }
    // Left of the current piece, on the result side.
    std::size_t remaining() const { return pieces_[index_].result - used_; }
    // Takes up to `limit` result code points of a one-for-one piece, or a whole other piece;
    // returns {source taken, result taken}.
    OffsetPieces::Piece take(std::size_t limit) {
        const OffsetPieces::Piece& piece = pieces_[index_];
        OffsetPieces::Piece taken;
        if (piece.source == piece.result) {
            const std::size_t n = std::min(limit, piece.result - used_);
            taken = {n, n};
            used_ += n;
        } else {
            taken = piece;
            used_ = piece.result;
        }
        if (used_ == piece.result) {
            ++index_;
            used_ = 0;
        }
        return taken;
    }

  private:
    const std::vector<OffsetPieces::Piece>& pieces_;
    std::size_t index_ = 0;
    std::size_t used_ = 0;
};

}  // namespace

OffsetPieces OffsetPieces::compose(const OffsetPieces& first, const OffsetPieces& second) {
    // Walk the middle text B: `a` covers it with first's results, `b` with second's sources. A
    // one-for-one stretch in both passes through; anywhere else a group grows from both sides
    // until they end at the same place in B.
    OffsetPieces out;
    PieceCursor a(first.pieces_);
    // second's pieces, seen from their source side, as a cursor over "result" = source.
    std::vector<Piece> second_by_source;
    second_by_source.reserve(second.pieces_.size());
    for (const Piece& piece : second.pieces_)
        second_by_source.push_back({piece.result, piece.source});
    PieceCursor b(second_by_source);
    while (!a.done() && !b.done()) {
        if (a.one_for_one() && b.one_for_one()) {
            const std::size_t n = std::min(a.remaining(), b.remaining());
            a.take(n);
            b.take(n);
            out.keep(n);
            continue;
        }
        std::size_t in_a = 0, in_b = 0;  // B covered so far by the group, from each side
        Piece group;                     // A -> C
        auto take_a = [&](std::size_t limit) {
            const Piece t = a.take(limit);
            group.source += t.source;
            in_a += t.result;
        };
        auto take_b = [&](std::size_t limit) {
            const Piece t = b.take(limit);  // t.result is B, t.source is C
            group.result += t.source;
            in_b += t.result;
        };
        if (!a.one_for_one()) take_a(0);
        if (!b.one_for_one()) take_b(0);
        while (in_a != in_b) {
            if (in_a < in_b) {
                if (a.done()) break;
                take_a(in_b - in_a);
            } else {
                if (b.done()) break;
                take_b(in_a - in_b);
            }
        }
        out.replace(group.source, group.result);
    }
    // Only one side can have pieces left, and only empty ones (lengths that agree make both
    // sides end together); keep their lengths so nothing is lost.
    while (!a.done()) {
        const Piece t = a.take(a.remaining());
        out.replace(t.source, 0);
    }
    while (!b.done()) {
        const Piece t = b.take(b.remaining());
        out.replace(0, t.source);
    }
    return out;
}

OffsetPieces OffsetPieces::from_offset_map(const std::vector<gongwen::OffsetSegment>& map,
                                           std::size_t text_length) {
    OffsetPieces out;
    if (map.empty()) {
        out.keep(text_length);
        return out;
    }
    std::size_t original = 0;
    for (const auto& segment : map) {
        // Original text that no segment covers (an earlier stage cut it out) stays a gap.
        if (segment.original_start > original) out.replace(segment.original_start - original, 0);
        out.replace(segment.original_len, segment.text_len);
        original = segment.original_start + segment.original_len;
    }
    return out;
}

std::vector<gongwen::OffsetSegment> OffsetPieces::to_offset_map() const {
    std::vector<gongwen::OffsetSegment> map;
    map.reserve(pieces_.size());
    std::size_t text = 0, original = 0;
    for (const Piece& piece : pieces_) {
        // Source that became nothing has no place in `text`: a gap on the original side.
        if (piece.result != 0) map.push_back({text, piece.result, original, piece.source});
        text += piece.result;
        original += piece.source;
    }
    return map;
}

}  // namespace variant_convert
