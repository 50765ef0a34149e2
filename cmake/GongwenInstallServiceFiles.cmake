# Runs at install time (install(SCRIPT), from cmake/GongwenInstall.cmake): places the service
# config and the systemd unit, whose location and content depend on the install prefix in force
# now: `cmake --install --prefix`, or /usr under CPack. Set by the caller: GONGWEN_SOURCE_DIR,
# GONGWEN_BUILD_DIR, GONGWEN_SYSCONFDIR, GONGWEN_BINDIR, GONGWEN_DOCDIR,
# GONGWEN_SYSTEMD_UNIT_DIR (the last four as configured, relative or absolute).

cmake_path(SET prefix NORMALIZE "${CMAKE_INSTALL_PREFIX}")
string(REGEX REPLACE "(.)/$" "\\1" prefix "${prefix}")

function(below_prefix out dir)
  if(IS_ABSOLUTE "${dir}")
    set(${out} "${dir}" PARENT_SCOPE)
  else()
    set(${out} "${prefix}/${dir}" PARENT_SCOPE)
  endif()
endfunction()

# GNUInstallDirs' rule for CMAKE_INSTALL_FULL_SYSCONFDIR, applied to the install-time prefix:
# / and /usr use /etc, /opt/<pkg> uses /etc/opt/<pkg>, any other prefix <prefix>/etc.
if(IS_ABSOLUTE "${GONGWEN_SYSCONFDIR}")
  set(sysconfdir "${GONGWEN_SYSCONFDIR}")
elseif(prefix STREQUAL "/" OR prefix STREQUAL "/usr")
  set(sysconfdir "/${GONGWEN_SYSCONFDIR}")
elseif(prefix MATCHES "^/opt/(.*)")
  set(sysconfdir "/${GONGWEN_SYSCONFDIR}/opt/${CMAKE_MATCH_1}")
else()
  set(sysconfdir "${prefix}/${GONGWEN_SYSCONFDIR}")
endif()
below_prefix(bindir "${GONGWEN_BINDIR}")
below_prefix(docdir "${GONGWEN_DOCDIR}")
below_prefix(unitdir "${GONGWEN_SYSTEMD_UNIT_DIR}")
string(REGEX REPLACE "^//+" "/" bindir "${bindir}")
string(REGEX REPLACE "^//+" "/" docdir "${docdir}")
string(REGEX REPLACE "^//+" "/" unitdir "${unitdir}")

# An installed config is the administrator's: never overwrite one that was edited. (dpkg does
# the same for the packaged /etc/gongwen/gongwen.toml, a conffile.)
set(config "$ENV{DESTDIR}${sysconfdir}/gongwen/gongwen.toml")
set(service_config "${GONGWEN_BUILD_DIR}/config/gongwen.service.toml")
if(EXISTS "${config}")
  file(READ "${config}" installed)
  file(READ "${service_config}" shipped)
  if(NOT installed STREQUAL shipped)
    message(STATUS "Keeping: ${config} (it differs from the default: installing the new "
                   "default beside it as gongwen.toml.new)")
    set(keep_config TRUE)
  endif()
endif()
if(keep_config)
  set(config_name gongwen.toml.new)
else()
  set(config_name gongwen.toml)
endif()
file(INSTALL DESTINATION "${sysconfdir}/gongwen" TYPE FILE FILES "${service_config}"
     RENAME ${config_name})

# The unit in the sources names the /usr layout; point it at this prefix.
file(READ "${GONGWEN_SOURCE_DIR}/systemd/gongwen.service" unit)
string(REPLACE "/usr/bin/gongwen" "${bindir}/gongwen" unit "${unit}")
string(REPLACE "/etc/gongwen/" "${sysconfdir}/gongwen/" unit "${unit}")
string(REPLACE "/usr/share/doc/gongwen/" "${docdir}/" unit "${unit}")
string(MD5 staging_name "${prefix}")
set(staged "${GONGWEN_BUILD_DIR}/install-staging/${staging_name}/gongwen.service")
if(EXISTS "${staged}")
  file(READ "${staged}" staged_before)
endif()
if(NOT staged_before STREQUAL unit)  # unchanged: keep its time stamp, so it stays up to date
  file(WRITE "${staged}" "${unit}")
endif()
file(INSTALL DESTINATION "${unitdir}" TYPE FILE FILES "${staged}")
