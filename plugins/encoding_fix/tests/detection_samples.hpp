// The sample set on which encoding detection is measured (detection_accuracy_test.cpp asserts
// the targets; bench/encoding_fix/detection_accuracy.cpp sets the peers beside it): title
// lines and clauses of 15-30 bytes, sentences of 40-80 bytes, paragraphs and whole documents,
// cut from source_texts() and encoded as UTF-8, GB18030, Big5, UTF-16LE and UTF-16BE without
// a byte order mark. Deterministic: the same sources give the same samples.
#pragma once

#include <string>
#include <vector>

namespace gongwen::encoding_fix::testing {

enum class Length { title, sentence, paragraph, document };
const char* length_name(Length length);

struct DetectionSample {
    std::string bytes;
    std::string encoding;  // as encoding_fix reports it: UTF-8, GB18030, Big5, UTF-16LE/BE
    Length length;
    std::string origin;  // source text name
    std::string text;    // the UTF-8 text, to show in failure reports
};

// The encodings samples are made in, in report order.
const std::vector<std::string>& sample_encodings();

std::vector<DetectionSample> detection_samples(bool with_corpus);

// The family of an encoding as any detector names it (uchardet, ICU, chardet,
// charset-normalizer, encoding_fix): "UTF-8", "GB" (GB2312, GBK, GB18030), "Big5" (CP950,
// HKSCS), "UTF-16" (either byte order), or the upper-cased name for anything else.
std::string encoding_family(std::string name);

}  // namespace gongwen::encoding_fix::testing
