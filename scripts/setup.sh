#!/usr/bin/env bash
# Sets up a Debian 12 machine for vnlink and builds it: installs the Debian packages that
# are missing (nothing when all are present), then configures and builds with CMake.
#
# Usage: scripts/setup.sh [--sanitize] [--build-dir DIR] [--with-browser]
#   --sanitize      build with AddressSanitizer + UndefinedBehaviorSanitizer (default
#                   build directory: build-asan)
#   --build-dir     where to build (default: build)
#   --with-browser  also install Chromium (used by the report's browser test)
set -euo pipefail
cd "$(dirname "$0")/.."

sanitize=OFF
build_dir=""
browser=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sanitize) sanitize=ON; shift ;;
    --build-dir) build_dir=$2; shift 2 ;;
    --with-browser) browser=1; shift ;;
    *) echo "setup.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
[ -n "$build_dir" ] || { [ $sanitize = ON ] && build_dir=build-asan || build_dir=build; }

packages=(g++ make cmake ninja-build pkg-config libboost-program-options-dev libicu-dev
          libxxhash-dev libtbb-dev libmimalloc-dev libgtest-dev nlohmann-json3-dev clang-format)
[ $browser = 1 ] && packages+=(chromium)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup.sh: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DVNLINK_SANITIZE=$sanitize >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
echo "setup.sh: built $build_dir/tools/vnlink" >&2
