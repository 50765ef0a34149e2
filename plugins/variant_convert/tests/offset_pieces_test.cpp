// OffsetPieces on its own: composing two conversions' pieces, and the offset map it writes.
#include "offset_pieces.hpp"

#include <gtest/gtest.h>

using variant_convert::OffsetPieces;

namespace {

OffsetPieces pieces(std::initializer_list<std::pair<std::size_t, std::size_t>> list) {
    OffsetPieces out;
    for (const auto& [source, result] : list) out.replace(source, result);
    return out;
}

std::vector<std::pair<std::size_t, std::size_t>> flat(const OffsetPieces& p) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (const auto& piece : p.pieces()) out.emplace_back(piece.source, piece.result);
    return out;
}

using Flat = std::vector<std::pair<std::size_t, std::size_t>>;

}  // namespace

TEST(OffsetPieces, OneForOnePiecesMerge) {
    EXPECT_EQ(flat(pieces({{3, 3}, {2, 2}, {2, 3}, {1, 1}, {4, 4}})),
              (Flat{{5, 5}, {2, 3}, {5, 5}}));
}

TEST(OffsetPieces, ComposeKeepsOneForOneStretchesPrecise) {
    // A: 10 kept. B: 4 kept, 2 -> 3, 4 kept.
    const OffsetPieces composed =
        OffsetPieces::compose(pieces({{10, 10}}), pieces({{4, 4}, {2, 3}, {4, 4}}));
    EXPECT_EQ(flat(composed), (Flat{{4, 4}, {2, 3}, {4, 4}}));
}

TEST(OffsetPieces, ComposeMergesPiecesThatOverlap) {
    // A: 2 kept, 2 -> 3, 3 kept (B is 8 long). B: 3 kept, 3 -> 1 (overlaps A's 2 -> 3), 2 kept.
    const OffsetPieces composed =
        OffsetPieces::compose(pieces({{2, 2}, {2, 3}, {3, 3}}), pieces({{3, 3}, {3, 1}, {2, 2}}));
    // A 0..2 -> C 0..2; A 2..5 (through B 2..6) -> C 2..4; A 5..7 -> C 4..6.
    EXPECT_EQ(flat(composed), (Flat{{2, 2}, {3, 2}, {2, 2}}));
    EXPECT_EQ(composed.source_length(), 7u);
    EXPECT_EQ(composed.result_length(), 6u);
}

TEST(OffsetPieces, GapsOfAnEarlierMapSurviveComposition) {
    const OffsetPieces earlier = OffsetPieces::from_offset_map({{0, 5, 2, 5}}, 5);
    EXPECT_EQ(flat(earlier), (Flat{{2, 0}, {5, 5}}));
    const OffsetPieces composed = OffsetPieces::compose(earlier, pieces({{1, 1}, {2, 3}, {2, 2}}));
    const auto map = composed.to_offset_map();
    ASSERT_EQ(map.size(), 3u);
    EXPECT_EQ(map[0].text_start, 0u);
    EXPECT_EQ(map[0].original_start, 2u);
    EXPECT_EQ(map[1].text_start, 1u);
    EXPECT_EQ(map[1].text_len, 3u);
    EXPECT_EQ(map[1].original_start, 3u);
    EXPECT_EQ(map[1].original_len, 2u);
    EXPECT_EQ(map[2].text_start, 4u);
    EXPECT_EQ(map[2].original_start, 5u);
}

TEST(OffsetPieces, OffsetMapIsContiguous) {
    const auto map = pieces({{4, 4}, {2, 3}, {1, 1}}).to_offset_map();
    ASSERT_EQ(map.size(), 3u);
    EXPECT_EQ(map[1].text_start, 4u);
    EXPECT_EQ(map[1].original_start, 4u);
    EXPECT_EQ(map[2].text_start, 7u);
    EXPECT_EQ(map[2].original_start, 6u);
}
