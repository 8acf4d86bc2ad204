#!/usr/bin/env bash
# Installs what DiffusionCheck needs on a fresh Debian/Ubuntu machine: GSL (libgsl-dev) and
# pkg-config. Does nothing when both are present. Swift itself is expected on PATH.
set -euo pipefail

missing=()
pkg-config --exists gsl 2>/dev/null || missing+=(libgsl-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)

if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v swift >/dev/null 2>&1 || {
  echo "bootstrap: swift is not on PATH; install a Swift 6 toolchain first" >&2
  exit 2
}
