#!/usr/bin/env bash
# Cross-compiles the C kernels (Sources/OptimizedKernels) for aarch64, runs them under QEMU user
# mode, and checks that they compute bit for bit what the x86-64 builds compute:
#
#   1. scripts/arm64-kernels/driver.c with every Sources/OptimizedKernels/*.c, -O2 and -O0, for aarch64
#      (clang --target=aarch64-linux-gnu, the compiler SwiftPM uses for C targets; linked by
#      aarch64-linux-gnu-gcc), run with qemu-aarch64: the baseline-neon set;
#   2. the same driver built natively for x86-64, run on the baseline set and, where the CPU has
#      AVX2 and FMA, on the avx2-fma set;
#   3. every run must print the same fingerprints (FNV-1a of the bit patterns: the Gaussian
#      windows of KernelSetTests, the step loop over every rule, every forward operation), and the
#      Gaussian fingerprints must equal the values pinned in KernelSetTests.swift. Tolerance zero:
#      the claim is bit identity across architectures, not closeness.
#
#   scripts/check-arm64-kernels.sh
#
# Prints "arm64-kernels: PASS …", "arm64-kernels: FAIL: …" (exit 1) or "arm64-kernels: SKIPPED: …"
# (exit 0) when the aarch64 cross compiler or qemu-aarch64 is absent (apt-get install
# gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user). Takes a few seconds. Only the C kernels
# are built for arm64: there is no Swift SDK for arm64 here, so the Swift code is not.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 \
  || { echo "arm64-kernels: SKIPPED: aarch64-linux-gnu-gcc not found (apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross)"; exit 0; }
command -v qemu-aarch64 >/dev/null 2>&1 \
  || { echo "arm64-kernels: SKIPPED: qemu-aarch64 not found (apt-get install qemu-user)"; exit 0; }
sysroot=/usr/aarch64-linux-gnu
[ -d "$sysroot/include" ] \
  || { echo "arm64-kernels: SKIPPED: no aarch64 C library headers in $sysroot (apt-get install libc6-dev-arm64-cross)"; exit 0; }

kernels=Sources/OptimizedKernels
sources=("$kernels"/*.c scripts/arm64-kernels/driver.c)
cflags=(-std=c11 -Wall -Wextra -Werror -I"$kernels/include")
# GCC ignores the sources' FP_CONTRACT pragma (and warns about it): it gets contraction off on
# its command line instead.
gcc_flags=(-ffp-contract=off -Wno-unknown-pragmas)
work=$(mktemp -d "${TMPDIR:-/tmp}/diffusioncheck-arm64.XXXXXX")
trap 'rm -rf "$work"' EXIT

# aarch64: clang when it is there (as SwiftPM builds the target), else the cross gcc; at -O2 (as
# release builds compile C) and -O0 (as debug builds do), each run under QEMU.
# build_arm64 LEVEL OUTPUT
build_arm64() {
  local level=$1 out=$2
  mkdir -p "$work/obj$level"
  if command -v clang >/dev/null 2>&1; then
    for source in "${sources[@]}"; do
      clang --target=aarch64-linux-gnu -isystem "$sysroot/include" "${cflags[@]}" "$level" -c "$source" \
        -o "$work/obj$level/$(basename "$source" .c).o" 2>"$work/arm64-build.log" \
        || { cat "$work/arm64-build.log"; echo "arm64-kernels: FAIL: $source does not compile for aarch64 ($level)"; exit 1; }
    done
    aarch64-linux-gnu-gcc "$work/obj$level"/*.o -lm -o "$out"
  else
    aarch64-linux-gnu-gcc "${gcc_flags[@]}" "${cflags[@]}" "$level" "${sources[@]}" -lm -o "$out" 2>"$work/arm64-build.log" \
      || { cat "$work/arm64-build.log"; echo "arm64-kernels: FAIL: the kernels do not compile for aarch64 ($level)"; exit 1; }
  fi
}
arm64_compiler="aarch64-linux-gnu-gcc -ffp-contract=off"
command -v clang >/dev/null 2>&1 && arm64_compiler="clang --target=aarch64-linux-gnu"
build_arm64 -O2 "$work/driver-arm64"
build_arm64 -O0 "$work/driver-arm64-O0"
qemu-aarch64 -L "$sysroot" "$work/driver-arm64" baseline >"$work/arm64.txt" \
  || { echo "arm64-kernels: FAIL: the aarch64 driver did not run under qemu-aarch64"; exit 1; }
grep -q "^# kernels baseline-neon$" "$work/arm64.txt" \
  || { head -1 "$work/arm64.txt"; echo "arm64-kernels: FAIL: the aarch64 build does not name baseline-neon"; exit 1; }
qemu-aarch64 -L "$sysroot" "$work/driver-arm64-O0" baseline >"$work/arm64-O0.txt" \
  || { echo "arm64-kernels: FAIL: the aarch64 -O0 driver did not run under qemu-aarch64"; exit 1; }

# The same driver natively, on each set this CPU runs.
native=(clang)
command -v clang >/dev/null 2>&1 || native=(cc "${gcc_flags[@]}")
"${native[@]}" "${cflags[@]}" -O2 "${sources[@]}" -lm -o "$work/driver-native" 2>"$work/native-build.log" \
  || { cat "$work/native-build.log"; echo "arm64-kernels: FAIL: the native driver does not build"; exit 1; }
runs=(arm64 arm64-O0)
"$work/driver-native" baseline >"$work/native-baseline.txt"
runs+=(native-baseline)
"$work/driver-native" avx2 >"$work/native-avx2.txt"
if grep -q "^# kernels avx2-fma$" "$work/native-avx2.txt"; then runs+=(native-avx2); fi

# Bit identity: every run prints the same fingerprints (the "# kernels" line names the set).
for run in "${runs[@]:1}"; do
  if ! diff <(grep -v '^#' "$work/arm64.txt") <(grep -v '^#' "$work/$run.txt") >"$work/diff.txt"; then
    cat "$work/diff.txt"
    echo "arm64-kernels: FAIL: aarch64 baseline-neon and $run differ (< aarch64, > $run)"
    exit 1
  fi
done

# The Gaussian windows against the fingerprints pinned in KernelSetTests (taken from the Swift
# kernels): window w's Float and Double values are the last two numbers of the w-th pinned row.
tests=Tests/OptimizedTests/KernelSetTests.swift
pinned=$(grep -E '0x[0-9a-f_]{19}, 0x[0-9a-f_]{19}\),$' "$tests" \
  | grep -oE '0x[0-9a-f_]{19}, 0x[0-9a-f_]{19}' | tr -d '_' | sed 's/0x//g; s/,//')
[ "$(wc -l <<<"$pinned")" -eq 2 ] || { echo "arm64-kernels: FAIL: expected two pinned windows in $tests"; exit 1; }
w=0
while read -r float double; do
  for precision in f32 f64; do
    expected=$float; [ $precision = f64 ] && expected=$double
    got=$(awk -v k="gaussian-$precision-window$w" '$1 == k { print $2 }' "$work/arm64.txt")
    [ "$got" = "$expected" ] \
      || { echo "arm64-kernels: FAIL: gaussian-$precision-window$w is $got on aarch64, pinned $expected in $tests"; exit 1; }
  done
  w=$((w + 1))
done <<<"$pinned"

echo "arm64-kernels: PASS: $(grep -vc '^#' "$work/arm64.txt") fingerprints identical on aarch64 baseline-neon ($arm64_compiler -O2, qemu-aarch64) and on ${runs[*]:1} (arm64-O0: aarch64 at -O0; native-*: x86-64 at -O2); the 4 Gaussian windows equal the pins of KernelSetTests"
