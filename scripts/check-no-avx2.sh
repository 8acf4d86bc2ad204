#!/usr/bin/env bash
# Runs the checker on an x86-64 CPU without AVX2 (Nehalem, emulated by QEMU user mode) and checks
# that it selects the baseline kernels, passes, and computes what the native run computes:
#
#   1. `checker --version` under QEMU names baseline-sse2 and why;
#   2. `checker golden verify fixtures/*.json` under QEMU passes;
#   3. the equivalence gate (--samples 2000, fixed seed, JSON) under QEMU gives the same
#      statistics, p-values and verdicts as the native run with the selected kernels (timing
#      fields aside): the kernel sets are bit-identical, so the gate must be too.
#
#   scripts/check-no-avx2.sh [CHECKER]     (default: .build/debug/checker, built if missing)
#
# Prints "no-avx2: SKIPPED: …" and succeeds when the host is not x86-64 or qemu-x86_64 is absent
# (apt-get install qemu-user). About a minute with a debug build on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(uname -m)" = x86_64 ] || { echo "no-avx2: SKIPPED: the host is $(uname -m), not x86-64"; exit 0; }
command -v qemu-x86_64 >/dev/null 2>&1 || { echo "no-avx2: SKIPPED: qemu-x86_64 not found (apt-get install qemu-user)"; exit 0; }
checker=${1:-.build/debug/checker}
if [ ! -x "$checker" ]; then
  swift build --product checker >/dev/null
fi
cpu=Nehalem
emulate() { qemu-x86_64 -cpu "$cpu" "$checker" "$@" 2> >(grep -v "^qemu-x86_64: warning" >&2); }
work=$(mktemp -d "${TMPDIR:-/tmp}/diffusioncheck-no-avx2.XXXXXX")
trap 'rm -rf "$work"' EXIT

version=$(emulate --version)
if ! grep -q "kernels: baseline-sse2 (CPU lacks AVX2 or FMA)" <<<"$version"; then
  echo "$version"
  echo "no-avx2: FAIL: under $cpu the checker did not select the baseline kernels"
  exit 1
fi

emulate golden verify fixtures/*.json >"$work/golden.txt" || { tail -5 "$work/golden.txt"; echo "no-avx2: FAIL: golden verify under $cpu"; exit 1; }

gate=(equivalence --samples 2000 --seed 7 --threads 2 --format json)
"$checker" "${gate[@]}" >"$work/native.json" 2>/dev/null || { echo "no-avx2: FAIL: the native gate run failed"; exit 1; }
emulate "${gate[@]}" >"$work/emulated.json" 2>/dev/null || { echo "no-avx2: FAIL: the gate under $cpu failed"; exit 1; }
if command -v python3 >/dev/null 2>&1; then
  python3 - "$work/native.json" "$work/emulated.json" <<'PY'
import json, sys
timing = {"elapsedSeconds", "cpuSeconds", "peakMemoryBytes"}
native, emulated = ({k: v for k, v in json.load(open(p)).items() if k not in timing} for p in sys.argv[1:])
if native != emulated:
    sys.exit("no-avx2: FAIL: the gate under QEMU differs from the native run")
PY
else
  grep -q '"passed": true' "$work/emulated.json" || { echo "no-avx2: FAIL: the gate under $cpu did not pass"; exit 1; }
fi
native_kernels=$("$checker" --version | sed -n 's/^kernels: \([^ ]*\).*/\1/p')
echo "no-avx2: PASS: under QEMU $cpu the checker selects baseline-sse2, golden fixtures pass, and the gate equals the native run ($native_kernels)"
