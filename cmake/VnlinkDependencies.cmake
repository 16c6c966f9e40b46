# Finds every third-party dependency; a missing one stops configuration with the name
# of the Debian package that provides it (scripts/setup.sh installs them all).

macro(vnlink_require found what package)
  if(NOT ${found})
    message(FATAL_ERROR "vnlink needs ${what}: install the Debian package '${package}' "
                        "(apt-get install ${package}), or run scripts/setup.sh")
  endif()
endmacro()

find_package(Boost 1.74 QUIET COMPONENTS program_options)
vnlink_require(Boost_FOUND "Boost.ProgramOptions" libboost-program-options-dev)

find_package(ICU 72 QUIET COMPONENTS uc i18n data)
vnlink_require(ICU_FOUND "ICU (uc, i18n)" libicu-dev)

find_package(TBB QUIET CONFIG)
vnlink_require(TBB_FOUND "oneTBB" libtbb-dev)

find_package(nlohmann_json 3.10 QUIET CONFIG)
vnlink_require(nlohmann_json_FOUND "nlohmann JSON" nlohmann-json3-dev)

find_package(PkgConfig QUIET)
vnlink_require(PKG_CONFIG_FOUND "pkg-config" pkg-config)
pkg_check_modules(XXHASH QUIET IMPORTED_TARGET libxxhash)
vnlink_require(XXHASH_FOUND "xxHash" libxxhash-dev)

# mimalloc replaces malloc in the vnlink binary (not under the sanitizers, which bring
# their own): normalization allocates and frees many short strings per record, and glibc's
# allocator cost about a tenth of its instructions and a fifth of its L2 misses.
if(NOT VNLINK_SANITIZE)
  find_package(mimalloc 2.0 QUIET CONFIG)
  vnlink_require(mimalloc_FOUND "mimalloc" libmimalloc-dev)
endif()

find_package(Threads REQUIRED)

if(VNLINK_BUILD_TESTS)
  find_package(GTest QUIET CONFIG)
  if(NOT GTest_FOUND)
    find_package(GTest QUIET)
  endif()
  vnlink_require(GTest_FOUND "GoogleTest" libgtest-dev)
endif()
