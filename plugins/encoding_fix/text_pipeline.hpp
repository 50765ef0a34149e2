// Turns decoded UTF-8 into the text encoding_fix hands on, line by line. A line without a sign
// of damage or of anything to clean (DamageSigns) is only checked (plain_run) and copied as it
// is: that is nearly every line of a clean report, so a clean UTF-8 file costs little more than
// reading it. The other lines go through the mojibake repairer, line-ending normalisation and
// cleanup (NFC, no control characters or stray byte order marks); lost characters are counted
// there too.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gongwen/document.hpp"
#include "lost_characters.hpp"
#include "mojibake_repairer.hpp"
#include "text_cleanup.hpp"
#include "unchecked_spans.hpp"

namespace gongwen::encoding_fix {

struct PipelineResult {
    std::string text;  // NFC, LF line endings, no controls but tab
    // The same as `text`, for Document::text. Kept here, not copied from `text` at the end, so
    // that run() can copy each block while it is still in the cache.
    std::string copy;
    std::vector<Repair> repairs;  // offsets are code points into `text`
    // For each repair, the characters it could not bring back (marked U+FFFD or '?').
    std::vector<std::size_t> repair_losses;
    Cleanup cleanup;
    LostCharacters lost;
    std::size_t code_points = 0;      // of the input
    std::size_t code_points_out = 0;  // of `text`
    std::size_t multibyte = 0;        // input characters outside ASCII
};

class TextPipeline {
  public:
    explicit TextPipeline(MojibakeRepairer& repairer);

    // Nothing when `utf8` is not valid UTF-8, or when `nul_is_foreign` and it holds a NUL byte
    // (UTF-16 text is full of them; it is not UTF-8 then, however valid). `unchecked`, where
    // the text comes from a decoder that checked its characters against the ordinary watch's
    // stops (Charset::decode_to_utf8), spares the scan their lookups; it is ignored where the
    // repairer watches closely.
    std::optional<PipelineResult> run(std::string_view utf8, bool nul_is_foreign,
                                      const UncheckedSpans* unchecked = nullptr);

  private:
    // `tidy`: the line needs cleaning (controls, a byte order mark, not NFC, characters above
    // the BMP) or holds a U+FFFD or '?' that may count as lost.
    void work_on(std::string_view line, bool tidy, PipelineResult& out);

    MojibakeRepairer& repairer_;
};

}  // namespace gongwen::encoding_fix
