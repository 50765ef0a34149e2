// Calls a function that no library defines: the dynamic loader refuses it under RTLD_NOW, and
// the host must pass the loader's message on (it names the symbol), not a generic error.
extern "C" int gongwen_test_symbol_nobody_defines();
extern "C" int gongwen_test_entry() {
    return gongwen_test_symbol_nobody_defines();
}
