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
  if(arg_PLUGINS)
    add_dependencies(${name} ${arg_PLUGINS})
  endif()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${name}")
endfunction()
