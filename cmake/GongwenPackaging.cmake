# CPack: `cpack --config <build>/CPackConfig.cmake` (or `ninja package`) builds two .deb files
# for Debian 12 (docs/install.md):
#   gongwen      the daemon, the plugins, the service config and the systemd files
#   gongwen-dev  the SDK: headers, static library, CMake package, example plugins
# Runtime dependencies come from dpkg-shlibdeps on the binaries and plugins actually shipped.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME gongwen)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "daemon turning Chinese government work reports into text, outlines and figures")
set(CPACK_PACKAGE_DESCRIPTION
    "gongwen watches inbox folders for report files in any encoding and script, runs each through "
    "a chain of plugins (encoding repair, variant conversion, section splitting, metric "
    "extraction, exporters) and records the results in SQLite.")
set(GONGWEN_PACKAGE_MAINTAINER "gongwen developers <gongwen@example.invalid>" CACHE STRING
    "Maintainer field of the .deb packages")
set(CPACK_PACKAGE_CONTACT "${GONGWEN_PACKAGE_MAINTAINER}")
# The config goes to /etc and the unit names /usr/bin/gongwen: both need the real prefix (/usr)
# at install time, with the package root as DESTDIR (cmake/GongwenInstallServiceFiles.cmake).
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ONE_PER_GROUP)
set(CPACK_COMPONENTS_ALL Unspecified service sdk)
set(CPACK_COMPONENT_UNSPECIFIED_GROUP runtime)
set(CPACK_COMPONENT_SERVICE_GROUP runtime)
set(CPACK_COMPONENT_SDK_GROUP dev)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME gongwen)
# systemd-sysusers creates the user; adduser where systemd is absent (containers).
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "systemd | adduser")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SUGGESTS "gongwen-dev")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/cmake/debian/conffiles ${PROJECT_SOURCE_DIR}/cmake/debian/postinst
    ${PROJECT_SOURCE_DIR}/cmake/debian/prerm ${PROJECT_SOURCE_DIR}/cmake/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_DEV_PACKAGE_NAME gongwen-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "libboost1.81-dev, libboost-json1.81-dev, g++ (>= 4:12) | c++-compiler")
set(CPACK_DEBIAN_DEV_PACKAGE_RECOMMENDS "gongwen (= ${PROJECT_VERSION}), cmake (>= 3.25)")
set(CPACK_DEBIAN_DEV_PACKAGE_SUGGESTS "libgtest-dev")

set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build[^/]*/" "/var/" "/\\\\.cache/")
include(CPack)
