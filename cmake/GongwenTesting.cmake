# gongwen_add_test(<name> SOURCES <src>... [PLUGINS <plugin target>...] [LIBRARIES <lib>...])
#
# One GoogleTest executable, registered with CTest test by test. PLUGINS are built first so
# that the test can load the real .so files through the real chain runner.
include(GoogleTest)
find_package(GTest REQUIRED)

function(gongwen_add_test name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;PLUGINS;LIBRARIES")
  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE gongwen_test_support GTest::gtest_main ${arg_LIBRARIES})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  foreach(plugin IN LISTS arg_PLUGINS)
    if(TARGET ${plugin})  # absent when left out with GONGWEN_SKIP_PLUGINS
      add_dependencies(${name} ${plugin})
    endif()
  endforeach()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${name}")
endfunction()

if(GONGWEN_FUZZ)
  add_custom_target(fuzzers)  # `cmake --build . --target fuzzers` builds only what fuzz.sh runs
endif()

# gongwen_add_fuzzer(<name> SOURCES <src>... [PLUGINS <plugin target>...]
#                    [LIBRARIES <lib>...] [SEEDS <dir>...])
#
# A libFuzzer target (only when GONGWEN_FUZZ is on). scripts/fuzz.sh runs every one of them
# for a bounded time, starting from the SEEDS folders (read, never written), or from
# <source dir of the caller>/fuzz/corpus if present.
function(gongwen_add_fuzzer name)
  if(NOT GONGWEN_FUZZ)
    return()
  endif()
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;PLUGINS;LIBRARIES;SEEDS")
  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE gongwen_test_support ${arg_LIBRARIES})
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz)
  add_dependencies(fuzzers ${name})
  if(arg_PLUGINS)
    add_dependencies(${name} ${arg_PLUGINS})
  endif()
  if(NOT arg_SEEDS AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus)
    set(arg_SEEDS ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus)
  endif()
  if(arg_SEEDS)
    list(JOIN arg_SEEDS "\n" seed_lines)
    file(WRITE ${CMAKE_BINARY_DIR}/fuzz/${name}.seeds "${seed_lines}\n")
  endif()
endfunction()
