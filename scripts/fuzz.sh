#!/usr/bin/env bash
# Builds the libFuzzer binary and runs one fuzz target for a time budget.
#
#   scripts/fuzz.sh TARGET SECONDS     run TARGET (see `scripts/fuzz.sh --list`) for SECONDS
#   scripts/fuzz.sh --build            only build
#   scripts/fuzz.sh --list             list the targets
#
# The library modules are compiled by SwiftPM into .build-fuzz (release, with the fuzzer's
# coverage instrumentation and AddressSanitizer), apart from the normal .build, so that
# `swift build` and `swift test` never see these flags. The entry points (Fuzz/) and the property
# checks they share with the regression tests (Tests/RobustnessTests/Checks/) are then compiled and
# linked with swiftc into .build-fuzz/bin/diffusioncheck-fuzz-release (or -debug, see below).
#
# A run starts from the seed corpus Fuzz/Corpus/TARGET plus what earlier runs found
# (.build-fuzz/corpus/TARGET). Crashes, timeouts and oversized allocations are saved in
# .build-fuzz/artifacts/TARGET/; copy each one into Tests/RobustnessTests/Regressions/TARGET/ and
# fix it, so that `swift test` replays it forever.
#
# Limits for every input (the properties "no hang" and "no allocation driven by a header's
# claim"): FUZZ_MAX_LEN bytes (default 65536), FUZZ_TIMEOUT seconds (default 10), one allocation
# at most FUZZ_MALLOC_LIMIT_MB (default 256), resident memory at most 2048 MB. FUZZ_SEED fixes
# libFuzzer's seed (CI sets it; unset, every run draws its own).
#
# Exit status: 0 when the run found nothing, or when the toolchain cannot build fuzzers (a line
# says so: CI must not fail for a missing toolchain feature); 1 when it found a failing input;
# 2 for a usage error or a build failure.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=.build-fuzz
targets=(golden json config npy csv markdown python notebook)
# The library modules the checks import, and every module they depend on (their objects are linked).
products=(CheckerCore ScheduleCheck NotesLint)
link_modules=(NotesLint ScheduleCheck CheckerCore Statistics Reference Optimized OptimizedKernels DiffusionOptions RandomSources RealModule _NumericsShims)

usage() {
  echo "usage: scripts/fuzz.sh TARGET SECONDS | --build | --list   (targets: ${targets[*]})" >&2
  exit 2
}

[ $# -ge 1 ] || usage
case "$1" in
  --list) printf '%s\n' "${targets[@]}"; exit 0 ;;
  --build) target=""; seconds=0 ;;
  *)
    [ $# -eq 2 ] || usage
    target=$1; seconds=$2
    [[ " ${targets[*]} " == *" $target "* ]] || { echo "fuzz: unknown target '$target'" >&2; usage; }
    [[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz: SECONDS must be a whole number" >&2; usage; }
    ;;
esac

# Which sanitizers this toolchain can build and link: libFuzzer is required; AddressSanitizer and
# UndefinedBehaviorSanitizer are added when they link. The answer is kept per compiler version.
mkdir -p "$scratch"
# FUZZ_SANITIZERS (e.g. "fuzzer") replaces the list tried, for quicker builds.
compiler=$(swiftc --version 2>&1 | head -1)
candidates=${FUZZ_SANITIZERS:-fuzzer,address,undefined fuzzer,address fuzzer}
probe_cache=$scratch/sanitizers
sanitizers=""
if [ -f "$probe_cache" ] && [ "$(head -1 "$probe_cache")" = "$compiler $candidates" ]; then
  sanitizers=$(sed -n 2p "$probe_cache")
else
  probe_dir=$(mktemp -d)
  trap 'rm -rf "$probe_dir"' EXIT
  cat > "$probe_dir/probe.swift" <<'PROBE'
@_cdecl("LLVMFuzzerTestOneInput")
public func probe(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { 0 }
PROBE
  for candidate in $candidates; do
    if swiftc -parse-as-library -sanitize=$candidate "$probe_dir/probe.swift" -o "$probe_dir/probe" >/dev/null 2>&1; then
      sanitizers=$candidate
      break
    fi
  done
  printf '%s\n%s\n' "$compiler $candidates" "$sanitizers" > "$probe_cache"
fi
if [ -z "$sanitizers" ]; then
  echo "fuzz: SKIPPED: this Swift toolchain cannot build libFuzzer targets (swiftc -sanitize=fuzzer failed)"
  exit 0
fi

# FUZZ_CONFIGURATION=debug builds the modules about twice as fast and runs them slower: CI's
# short runs use it; long local runs keep the default, release.
configuration=${FUZZ_CONFIGURATION:-release}
binary=$scratch/bin/diffusioncheck-fuzz-$configuration
echo "fuzz: building ($configuration) with -sanitize=$sanitizers" >&2
# -enable-testing lets the checks reach the readers' internal entry points (@testable import).
build_args=(-c "$configuration" --scratch-path "$scratch" -Xswiftc "-sanitize=$sanitizers" -Xswiftc -enable-testing)
for product in "${products[@]}"; do
  swift build "${build_args[@]}" --target "$product" >&2 || { echo "fuzz: building $product failed" >&2; exit 2; }
done

objects=()
for module in "${link_modules[@]}"; do
  for object in "$scratch/$configuration/$module".build/*.o; do
    [ -e "$object" ] && objects+=("$object")
  done
done
checks=(Tests/RobustnessTests/Checks/*.swift)
sources=(Fuzz/Support/*.swift Fuzz/Targets/*.swift "${checks[@]}")
mkdir -p "$scratch/bin"
newer=""
[ -x "$binary" ] && newer=$(find "${sources[@]}" "${objects[@]}" -newer "$binary" -print -quit)
if [ ! -x "$binary" ] || [ -n "$newer" ]; then
  # lld links the sanitized objects without gold's flood of "cannot export local symbol" warnings.
  linker=()
  command -v ld.lld >/dev/null 2>&1 && linker=(-use-ld=lld)
  # shellcheck disable=SC2046
  swiftc -O -swift-version 6 -parse-as-library -sanitize="$sanitizers" "${linker[@]}" -module-name DiffusionCheckFuzz \
    "${sources[@]}" \
    -I "$scratch/$configuration/Modules" \
    -Xcc -fmodule-map-file=Sources/CGSL/module.modulemap \
    -Xcc -fmodule-map-file="$scratch/$configuration/OptimizedKernels.build/module.modulemap" \
    -Xcc -fmodule-map-file="$scratch/checkouts/swift-numerics/Sources/_NumericsShims/include/module.modulemap" \
    "${objects[@]}" $(pkg-config --libs gsl) \
    -o "$binary" >&2 || { echo "fuzz: linking the fuzz binary failed" >&2; exit 2; }
fi

[ -n "$target" ] || { echo "fuzz: built $binary" >&2; exit 0; }

corpus=$scratch/corpus/$target
artifacts=$scratch/artifacts/$target
mkdir -p "$corpus" "$artifacts"
seeds=()
[ -d "Fuzz/Corpus/$target" ] && seeds+=("Fuzz/Corpus/$target")
# The repository's own notes and lint corpus seed the lint targets too (not copied into Fuzz/):
# the same list as RobustnessPaths.sharedSeeds in Tests/RobustnessTests.
shared_seeds=()
case "$target" in
  markdown) shared_seeds=(notes/*.md Tests/NotesLintTests/Corpus/*.md) ;;
  python) shared_seeds=(Tests/NotesLintTests/Corpus/*.py) ;;
esac
if [ ${#shared_seeds[@]} -gt 0 ]; then
  staged=$scratch/seeds/$target
  rm -rf "$staged" && mkdir -p "$staged"
  for f in "${shared_seeds[@]}"; do [ -f "$f" ] && cp "$f" "$staged/"; done
  seeds+=("$staged")
fi
dict=()
[ -f "Fuzz/Dictionaries/$target.dict" ] && dict+=("-dict=Fuzz/Dictionaries/$target.dict")
# FUZZ_SEED fixes libFuzzer's random seed, so that a run from the same corpus tries the same
# mutations in the same order (how far it gets still depends on the machine's speed). Unset, each
# run draws a new seed: long local runs explore, a gate repeats itself.
seed=()
if [ -n "${FUZZ_SEED:-}" ]; then
  [[ "$FUZZ_SEED" =~ ^[0-9]+$ ]] || { echo "fuzz: FUZZ_SEED must be a whole number" >&2; usage; }
  seed+=("-seed=$FUZZ_SEED")
fi

log=$scratch/$target.log
echo "fuzz: running $target for ${seconds}s (log: $log)" >&2
set +e
started=$SECONDS
FUZZ_TARGET=$target SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no} ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=0} "$binary" \
  "$corpus" "${seeds[@]}" "${dict[@]}" "${seed[@]}" \
  -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-10}" -max_len="${FUZZ_MAX_LEN:-65536}" \
  -rss_limit_mb=2048 -malloc_limit_mb="${FUZZ_MALLOC_LIMIT_MB:-256}" \
  -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1
status=$?
elapsed=$((SECONDS - started))
set -e

# The figures: executions, speed, coverage (cov: edges, ft: features), corpus size.
done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)
last_line=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' || true)
speed=$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}' || true)
echo "fuzz: $target: ${runs:-?} executions in ${elapsed}s of ${seconds}s (${speed:-?} exec/s); ${done_line:-$last_line}"
if [ $status -ne 0 ]; then
  echo "fuzz: $target FOUND A FAILING INPUT (exit $status); the end of the log:" >&2
  tail -40 "$log" >&2
  ls -1 "$artifacts" >&2 || true
  echo "fuzz: replay one with: FUZZ_TARGET=$target $binary FILE (Swift's backtrace: SWIFT_BACKTRACE=enable=yes)" >&2
  echo "fuzz: copy the input into Tests/RobustnessTests/Regressions/$target/ and fix it" >&2
  exit 1
fi
