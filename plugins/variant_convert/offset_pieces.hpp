// How a converted text lines up with its source, piece by piece, in code points. A piece whose
// two lengths are equal maps position by position (copied text, or a phrase replaced by one as
// long); any other piece maps as a whole. This is what becomes Document::offset_map.
#pragma once

#include <cstddef>
#include <vector>

#include "gongwen/document.hpp"

namespace variant_convert {

class OffsetPieces {
  public:
    struct Piece {
        std::size_t source = 0;  // code points in the source
        std::size_t result = 0;  // code points they became
    };

    // `n` code points of the source appear unchanged (or one for one) in the result.
    void keep(std::size_t n);
    // `source` code points became `result` code points.
    void replace(std::size_t source, std::size_t result);
    void append(const OffsetPieces& other);
    void clear() { pieces_.clear(); }

    const std::vector<Piece>& pieces() const { return pieces_; }
    std::size_t source_length() const;
    std::size_t result_length() const;

    // The pieces of applying `first` (A -> B) and then `second` (B -> C): A -> C. Pieces of the
    // two that overlap in B merge into one.
    static OffsetPieces compose(const OffsetPieces& first, const OffsetPieces& second);

    // Read back a Document::offset_map (empty: identity over `text_length` code points). Parts
    // of the original that no segment covers become pieces with an empty result.
    static OffsetPieces from_offset_map(const std::vector<gongwen::OffsetSegment>& map,
                                        std::size_t text_length);
    // As Document::offset_map: sorted segments, contiguous over the result and covering it;
    // pieces with an empty result leave a gap on the original side.
    std::vector<gongwen::OffsetSegment> to_offset_map() const;

  private:
    std::vector<Piece> pieces_;
};

}  // namespace variant_convert
