# What `cmake --install` puts where (docs/install.md). Paths are relative to the install prefix
# unless said otherwise; the prefix may still change at install time (--prefix, CPack).
#
#   component Unspecified (daemon/ and gongwen_add_plugin, which name none):
#     bin/gongwen, lib/gongwen/plugins/<name>.so and lib/gongwen/plugins/<name>/ (data)
#   component service:
#     <sysconfdir>/gongwen/gongwen.toml   the service config (see below)
#     lib/systemd/system/gongwen.service, lib/sysusers.d/gongwen.conf, lib/tmpfiles.d/gongwen.conf
#     share/doc/gongwen/                   README, install and config reference
#   component sdk:
#     include/gongwen/*.hpp, <libdir>/libgongwen_sdk.a, <libdir>/cmake/GongwenSDK/,
#     share/doc/gongwen/examples/          the example plugins' sources, to copy from
include(CMakePackageConfigHelpers)

set(GONGWEN_SYSTEMD_UNIT_DIR lib/systemd/system CACHE STRING
    "Where gongwen.service goes (relative: below the install prefix)")
set(GONGWEN_SYSUSERS_DIR lib/sysusers.d CACHE STRING
    "Where the sysusers.d file goes (relative: below the install prefix)")
set(GONGWEN_TMPFILES_DIR lib/tmpfiles.d CACHE STRING
    "Where the tmpfiles.d file goes (relative: below the install prefix)")

# The service config: config/gongwen.toml (every key documented, development paths under
# ./var/) with its ./var/ paths moved to the service's folders: sockets to /run/gongwen/
# (RuntimeDirectory=), everything else to /var/lib/gongwen/ (StateDirectory=). Generated rather
# than kept as a second copy so that a key added to config/gongwen.toml reaches the service
# config too; tests/install checks that no relative path is left in it.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${PROJECT_SOURCE_DIR}/config/gongwen.toml)
file(READ ${PROJECT_SOURCE_DIR}/config/gongwen.toml gongwen_config_text)
string(REGEX REPLACE "\"\\./var/([^\"/]*\\.sock)\"" "\"/run/gongwen/\\1\"" gongwen_config_text
                     "${gongwen_config_text}")
string(REPLACE "\"./var/" "\"/var/lib/gongwen/" gongwen_config_text "${gongwen_config_text}")
file(WRITE ${PROJECT_BINARY_DIR}/config/gongwen.service.toml.new
     "# Installed for the system service (gongwen.service): config/gongwen.toml of the gongwen\n"
     "# sources with its ./var/ paths moved to /var/lib/gongwen/ and /run/gongwen/.\n"
     "# dpkg keeps your changes to this file on upgrades.\n#\n"
     "${gongwen_config_text}")
file(COPY_FILE ${PROJECT_BINARY_DIR}/config/gongwen.service.toml.new
     ${PROJECT_BINARY_DIR}/config/gongwen.service.toml ONLY_IF_DIFFERENT)

# The config and the unit depend on the prefix that is in force when installing: /usr puts the
# config in /etc (GNUInstallDirs' rule for CMAKE_INSTALL_FULL_SYSCONFDIR), and the unit's
# ExecStart must name the installed binary. So they are placed by a script run at install time.
install(CODE "
  set(GONGWEN_SOURCE_DIR \"${PROJECT_SOURCE_DIR}\")
  set(GONGWEN_BUILD_DIR \"${PROJECT_BINARY_DIR}\")
  set(GONGWEN_SYSCONFDIR \"${CMAKE_INSTALL_SYSCONFDIR}\")
  set(GONGWEN_BINDIR \"${CMAKE_INSTALL_BINDIR}\")
  set(GONGWEN_DOCDIR \"${CMAKE_INSTALL_DOCDIR}\")
  set(GONGWEN_SYSTEMD_UNIT_DIR \"${GONGWEN_SYSTEMD_UNIT_DIR}\")"
  COMPONENT service)
install(SCRIPT ${PROJECT_SOURCE_DIR}/cmake/GongwenInstallServiceFiles.cmake COMPONENT service)

install(FILES ${PROJECT_SOURCE_DIR}/systemd/gongwen.sysusers DESTINATION ${GONGWEN_SYSUSERS_DIR}
        RENAME gongwen.conf COMPONENT service)
install(FILES ${PROJECT_SOURCE_DIR}/systemd/gongwen.tmpfiles DESTINATION ${GONGWEN_TMPFILES_DIR}
        RENAME gongwen.conf COMPONENT service)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/install.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT service)
install(FILES ${PROJECT_SOURCE_DIR}/config/gongwen.toml DESTINATION ${CMAKE_INSTALL_DOCDIR}
        RENAME gongwen.toml.reference COMPONENT service)

# The SDK: headers, the static library as GongwenSDK::sdk, and the CMake package.
file(STRINGS ${PROJECT_SOURCE_DIR}/sdk/include/gongwen/abi.hpp gongwen_abi_line
     REGEX "^#define GONGWEN_SDK_ABI_VERSION ")
string(REGEX REPLACE "^#define GONGWEN_SDK_ABI_VERSION ([0-9]+)u?.*" "\\1" GONGWEN_SDK_ABI_VERSION
                     "${gongwen_abi_line}")
set(GONGWEN_SDK_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/GongwenSDK)

set_target_properties(gongwen_sdk PROPERTIES EXPORT_NAME sdk)
install(TARGETS gongwen_sdk EXPORT GongwenSDKTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT sdk)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/sdk/include/gongwen DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT sdk FILES_MATCHING PATTERN "*.hpp")
install(EXPORT GongwenSDKTargets NAMESPACE GongwenSDK:: DESTINATION ${GONGWEN_SDK_CMAKE_DIR}
        COMPONENT sdk)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/GongwenSDKConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/cmake/GongwenSDKConfig.cmake
                              INSTALL_DESTINATION ${GONGWEN_SDK_CMAKE_DIR})
# Plugins are loaded only by a daemon of the same SDK ABI; within 0.x that holds for one minor
# version (docs/sdk.md, "ABI versioning").
write_basic_package_version_file(${PROJECT_BINARY_DIR}/cmake/GongwenSDKConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/cmake/GongwenSDKConfig.cmake
              ${PROJECT_BINARY_DIR}/cmake/GongwenSDKConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/GongwenPlugin.cmake
        DESTINATION ${GONGWEN_SDK_CMAKE_DIR} COMPONENT sdk)
install(FILES ${PROJECT_SOURCE_DIR}/docs/sdk.md DESTINATION ${CMAKE_INSTALL_DOCDIR}
        COMPONENT sdk)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/keyword_tagger
                  ${PROJECT_SOURCE_DIR}/examples/ndjson_exporter
                  ${PROJECT_SOURCE_DIR}/examples/plugin_template
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples COMPONENT sdk)
