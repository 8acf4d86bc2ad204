#!/usr/bin/env bash
# Builds the diffusioncheck wheel (python/): a statically linked `checker` inside a platform wheel.
#
#   scripts/build-wheel.sh [OUTDIR]        (default dist/)
#
# The binary is built with --static-swift-stdlib (the Swift runtime and Foundation inside) and with
# GSL's static archives (libgsl.a, libgslcblas.a from libgsl-dev), so that at run time it needs only
# the C library, libm and the C++ runtime of the system. The build script checks that with ldd and
# refuses a binary that still needs libgsl or a Swift library. The wheel's platform tag is
# manylinux_2_M_ARCH, M the newest glibc symbol version the binary uses.
#
# One binary runs on any x86-64 CPU: the AVX2 + FMA kernels are chosen at run time where the CPU
# has them (README, "CPU kernels and portability"). The scratch directory .build-wheel is reused
# by later runs.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-dist}
scratch=.build-wheel
static_libs=$scratch/static-libs

command -v python3 >/dev/null 2>&1 || { echo "build-wheel: python3 is needed to write the wheel" >&2; exit 2; }
./scripts/bootstrap.sh

# Static GSL: a directory holding only the .a archives, and a gsl.pc that points there, found
# before the system's through PKG_CONFIG_PATH. SwiftPM passes pkg-config's -L to the compiler
# driver ahead of the system library directories, so -lgsl -lgslcblas resolve to the archives.
# (A -Xlinker -L comes after the driver's own -L/usr/lib/… and would still find libgsl.so.)
libdir=$(pkg-config --variable=libdir gsl)
mkdir -p "$static_libs" "$scratch/pkgconfig"
for lib in libgsl.a libgslcblas.a; do
  [ -f "$libdir/$lib" ] || { echo "build-wheel: $libdir/$lib is missing (libgsl-dev ships it)" >&2; exit 2; }
  ln -sf "$libdir/$lib" "$static_libs/$lib"
done
cat > "$scratch/pkgconfig/gsl.pc" <<PC
Name: GSL
Description: GNU Scientific Library (static archives only)
Version: $(pkg-config --modversion gsl)
Libs: -L$PWD/$static_libs -lgsl -lgslcblas -lm
Cflags: -I/usr/include
PC
export PKG_CONFIG_PATH=$PWD/$scratch/pkgconfig

echo "build-wheel: building checker (release, static Swift runtime, static GSL)" >&2
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product checker >&2
built=$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/checker
# Without its debug information (most of the file's size); backtraces still name the functions.
binary=$scratch/checker
cp "$built" "$binary"
command -v strip >/dev/null 2>&1 && strip --strip-debug "$binary"

# What the binary needs at run time.
needed=$(ldd "$binary" | awk '{print $1}' | sed 's|.*/||' | sort -u | tr '\n' ' ')
if echo "$needed" | grep -qE 'libgsl|libswift|libFoundation|libdispatch|libBlocksRuntime'; then
  echo "build-wheel: the binary still needs a shared library it should carry: $needed" >&2
  exit 1
fi
glibc=$(objdump -T "$binary" | grep -oE 'GLIBC_2\.[0-9]+' | sort -t. -k2 -n -u | tail -1)
minor=${glibc#GLIBC_2.}
arch=$(uname -m)
plat="manylinux_2_${minor}_${arch}"
echo "build-wheel: $binary needs only: $needed(newest symbol $glibc) -> $plat" >&2

# The licenses: the project's, and GSL's GPL, which covers the binary that links it.
licenses=(--license LICENSE)
gpl=/usr/share/common-licenses/GPL-3
if [ -f "$gpl" ]; then
  mkdir -p "$scratch/licenses" && cp "$gpl" "$scratch/licenses/GPL-3.0.txt"
  licenses+=(--license "$scratch/licenses/GPL-3.0.txt")
fi
python3 python/build_wheel.py --binary "$binary" --plat-tag "$plat" --out "$out" "${licenses[@]}" \
  --requires-note "$(echo "$needed" | xargs) ($glibc or newer)"
