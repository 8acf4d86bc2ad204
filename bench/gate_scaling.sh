#!/usr/bin/env bash
# The equivalence gate's wall time, CPU time, parallel efficiency and peak memory against
# --samples and --threads, as a markdown table (one gate run per cell; progress on stderr).
#
#   bench/gate_scaling.sh [CHECKER] [SAMPLES...]
#
# CHECKER defaults to .build-release/release/checker; SAMPLES to 1e5 1e6 1e7 1e8 1e9.
# THREADS="1 2" (the default) sets the thread counts. Run it on an otherwise idle machine:
# wall times are only meaningful there (CPU time and peak memory are, roughly, anywhere).
set -euo pipefail
checker=${1:-.build-release/release/checker}
shift || true
samples=("$@")
[ ${#samples[@]} -eq 0 ] && samples=(100000 1000000 10000000 100000000 1000000000)
threads=${THREADS:-1 2}
echo "| samples | threads | verdict | wall s | CPU s | efficiency | peak memory |"
echo "|---|---|---|---|---|---|---|"
for n in "${samples[@]}"; do
  for t in $threads; do
    echo "gate: --samples $n --threads $t ..." >&2
    line=$("$checker" equivalence --samples "$n" --threads "$t" 2>/dev/null | tail -n 1 || true)
    verdict=$(sed -n 's/^equivalence: \([A-Z]*\).*/\1/p' <<<"$line")
    cost=$(sed -n 's/.*; \([0-9.]*\) s wall, \([0-9.]*\) s CPU on [0-9]* threads\{0,1\} (efficiency \([0-9]*\) %), peak memory \(.*\)$/\1|\2|\3 %|\4/p' <<<"$line")
    IFS='|' read -r wall cpu efficiency memory <<<"$cost"
    echo "| $n | $t | ${verdict:-error} | ${wall:-} | ${cpu:-} | ${efficiency:-} | ${memory:-} |"
  done
done
