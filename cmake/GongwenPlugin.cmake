# gongwen_add_plugin(<name> SOURCES <src>... [DATA <file-or-dir>...] [LIBRARIES <lib>...])
#
# Builds one plugin as <name>.so against the SDK only. Data files are copied to
# <plugin dir>/<name>/, which the host hands to the plugin as its data_dir.
# Shipped with the SDK package too, so out-of-tree plugins build the same way (there,
# find_package(GongwenSDK) sets GONGWEN_PLUGIN_INSTALL_DIR to lib/gongwen/plugins unless it is
# already set). gongwen_add_plugin_test, below, adds a test-kit unit test for a plugin.
function(gongwen_add_plugin name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;DATA;LIBRARIES")
  add_library(${name} MODULE ${arg_SOURCES})
  if(TARGET gongwen_sdk)
    target_link_libraries(${name} PRIVATE gongwen_sdk ${arg_LIBRARIES})
  else()
    target_link_libraries(${name} PRIVATE GongwenSDK::sdk ${arg_LIBRARIES})
  endif()
  if(NOT DEFINED GONGWEN_PLUGIN_OUTPUT_DIR)
    set(GONGWEN_PLUGIN_OUTPUT_DIR ${CMAKE_BINARY_DIR}/plugins)
  endif()
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${GONGWEN_PLUGIN_OUTPUT_DIR})
  foreach(item IN LISTS arg_DATA)
    get_filename_component(abs ${item} ABSOLUTE)
    get_filename_component(base ${item} NAME)
    if(IS_DIRECTORY ${abs})
      file(GLOB_RECURSE files RELATIVE ${abs} CONFIGURE_DEPENDS ${abs}/*)
      foreach(f IN LISTS files)
        configure_file(${abs}/${f} ${GONGWEN_PLUGIN_OUTPUT_DIR}/${name}/${f} COPYONLY)
      endforeach()
    else()
      configure_file(${abs} ${GONGWEN_PLUGIN_OUTPUT_DIR}/${name}/${base} COPYONLY)
    endif()
  endforeach()
  if(DEFINED GONGWEN_PLUGIN_INSTALL_DIR)
    install(TARGETS ${name} LIBRARY DESTINATION ${GONGWEN_PLUGIN_INSTALL_DIR})
    install(DIRECTORY ${GONGWEN_PLUGIN_OUTPUT_DIR}/${name}/ DESTINATION ${GONGWEN_PLUGIN_INSTALL_DIR}/${name}
            OPTIONAL)
  endif()
endfunction()

# gongwen_add_plugin_test(<name> PLUGIN <plugin target> SOURCES <src>... [LIBRARIES <lib>...])
#
# A GoogleTest executable for one plugin, linked with the SDK and its test kit
# (gongwen/testkit.hpp), registered with CTest test by test (call enable_testing() first).
# PLUGIN_FILE is defined to the path of the built plugin .so. Without GoogleTest (Debian:
# libgtest-dev) it says so and builds nothing.
function(gongwen_add_plugin_test name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "PLUGIN" "SOURCES;LIBRARIES")
  if(NOT TARGET GTest::gtest_main)
    find_package(GTest QUIET)
    if(NOT GTest_FOUND)
      message(STATUS "${name}: GoogleTest not found (Debian: libgtest-dev); test not built")
      return()
    endif()
  endif()
  include(GoogleTest)
  add_executable(${name} ${arg_SOURCES})
  if(TARGET gongwen_sdk)
    target_link_libraries(${name} PRIVATE gongwen_sdk)
  else()
    target_link_libraries(${name} PRIVATE GongwenSDK::sdk)
  endif()
  target_link_libraries(${name} PRIVATE GTest::gtest_main ${arg_LIBRARIES})
  target_compile_definitions(${name} PRIVATE PLUGIN_FILE="$<TARGET_FILE:${arg_PLUGIN}>")
  add_dependencies(${name} ${arg_PLUGIN})
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS ${name})
endfunction()
