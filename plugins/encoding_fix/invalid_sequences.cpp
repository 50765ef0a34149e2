#include "invalid_sequences.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>

namespace gongwen::encoding_fix {

namespace {

void substitute(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                UConverterCallbackReason reason, UErrorCode* error) {
    if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to substitute
    if (context) ++*static_cast<std::size_t*>(const_cast<void*>(context));
    *error = U_ZERO_ERROR;
    static const UChar replacement = 0xFFFD;
    ucnv_cbToUWriteUChars(args, &replacement, 1, 0, error);
}

}  // namespace

void substitute_invalid(UConverter* converter, std::size_t* counter) {
    UConverterToUCallback old_action = nullptr;
    const void* old_context = nullptr;
    UErrorCode error = U_ZERO_ERROR;
    ucnv_setToUCallBack(converter, substitute, counter, &old_action, &old_context, &error);
}

}  // namespace gongwen::encoding_fix
