// Turning the name an archive stores for a member into a safe, relative UTF-8 path.
#pragma once

#include <string>
#include <string_view>

namespace gongwen {

// Member names are bytes: UTF-8 when the archive says so (zip's UTF-8 flag, pax, 7z, RAR 5),
// but a zip made on Chinese Windows stores GBK/CP936 without any flag, and old tar and RAR do
// the same. Valid UTF-8 is taken as is; anything else is decoded as GB18030 (a superset of GBK
// and CP936), which never fails: bytes that are not GB18030 either become U+FFFD. A GBK name
// that happens to be valid UTF-8 too is taken as UTF-8; for names of real Chinese words that
// coincidence is rare, and the alternative (trusting the missing flag) breaks every zip made
// by Info-ZIP on Linux, which writes UTF-8 without the flag.
std::string decode_member_name(std::string_view raw);

struct CheckedMemberPath {
    std::string path;     // relative, '/'-separated, without empty or "." components
    std::string refusal;  // why the name is unsafe; empty when it is fine
};

// Backslashes count as separators (Windows tools write them), so "..\\x" is caught too.
// Refused: absolute paths ("/x", "\\x", "C:x", "C:\\x") and any ".." component.
CheckedMemberPath check_member_path(std::string_view utf8_name);

}  // namespace gongwen
