// One pass over a document: counts the characters that vote for a script and converts the
// text, touching only what can change.
//
// Characters that occur in no dictionary key cut the text into pieces (mostly at punctuation
// and line ends): no key can match across them, so converting each piece on its own gives what
// converting the whole text gives. A piece that holds no character able to change anything
// (CodePointClasses::triggers) is copied, not converted; a document without any is not copied
// at all.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include "code_point_classes.hpp"
#include "offset_pieces.hpp"
#include "opencc_converter.hpp"
#include "trigger_set.hpp"
#include "user_dictionary.hpp"

namespace variant_convert {

// Text that is not well-formed UTF-8; the message names the byte.
class InvalidUtf8 : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct ScriptVotes {
    std::size_t hans = 0;
    std::size_t hant = 0;
};

struct DocumentConversion {
    ScriptVotes votes;
    bool changed = false;  // `text` differs from the input; otherwise both are left empty
    std::string text;
    OffsetPieces pieces;  // input -> text, in code points
};

// `classes` marks what `triggers` watches. Without a converter only the votes are counted.
// `user` entries win over the converter. Throws InvalidUtf8 where `text` is not valid UTF-8.
DocumentConversion convert_document(std::string_view text, const CodePointClasses& classes,
                                    const TriggerSet& triggers, const OpenccConverter* converter,
                                    const UserDictionary* user);

}  // namespace variant_convert
