#!/usr/bin/env bash
# Proves that DiffusionCheck works as a versioned dependency: clones a committed revision of this
# repository into a temporary directory, tags it 0.1.0 there (the tag never leaves that clone),
# and builds and runs examples/consumer, which depends on it with
# `.package(url: "file://…", from: "0.1.0")` and uses Reference, Optimized and RandomSources.
# SwiftPM refuses a versioned dependency whose products carry unsafe build flags, so this fails
# on any revision that has them.
#
#   scripts/check-consumer-package.sh            (the checked-out commit, HEAD)
#   scripts/check-consumer-package.sh REVISION   (any commit, branch or tag of this repository)
#
# Release build of the consumer, which compiles the dependency's three products from scratch:
# about 3 minutes on 2 idle cores.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
revision=${1:-HEAD}
work=$(mktemp -d "${TMPDIR:-/tmp}/diffusioncheck-consumer.XXXXXX")
trap 'rm -rf "$work"' EXIT

commit=$(git rev-parse --verify "$revision^{commit}") || { echo "consumer: expected a revision of this repository, got '$revision'" >&2; exit 2; }
git clone --quiet --no-checkout "$repo" "$work/DiffusionCheck"
git -C "$work/DiffusionCheck" checkout --quiet "$commit"
# Only the tag made here: a revision that is already tagged must not resolve to another commit.
git -C "$work/DiffusionCheck" tag | xargs -r git -C "$work/DiffusionCheck" tag -d >/dev/null
git -C "$work/DiffusionCheck" tag 0.1.0

cp -R examples/consumer "$work/consumer"
log=$work/build.log
export DIFFUSIONCHECK_URL="file://$work/DiffusionCheck"
if ! swift build -c release --package-path "$work/consumer" --scratch-path "$work/scratch" >"$log" 2>&1; then
  grep -E "error|unsafe" "$log" | head -10
  echo "consumer: FAIL: a package depending on DiffusionCheck ${commit:0:10} by version (from: \"0.1.0\") does not build"
  exit 1
fi
"$work/scratch/release/Consumer"
