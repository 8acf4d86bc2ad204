#!/usr/bin/env bash
# The Python side, as a user meets it: builds the wheel (scripts/build-wheel.sh), installs it into
# a fresh virtual environment, runs `diffusioncheck lint` and `verify-schedule` from there, the
# pytest suite of the Python API (python/tests) and the example (examples/python), validates SARIF
# output against the SARIF 2.1.0 schema with jsonschema, tries the pre-commit hooks on a sample
# repository with `pre-commit try-repo`, and runs the composite action (scripts/test_action.py).
#
#   scripts/test-python.sh [WHEEL]       (default: build one into .build-wheel/dist)
#
# Python is optional for DiffusionCheck: without python3 or its venv module this prints
# "python: SKIPPED: …" and succeeds. pytest, jsonschema, pre-commit and PyYAML come from the
# system or from PyPI; a part whose tool cannot be had says SKIPPED and the rest still runs.
# Exit status: 0 passed (or skipped), 1 a check failed, 2 the wheel could not be built.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

skip() { echo "python: SKIPPED: $*"; exit 0; }
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv --system-site-packages "$work/venv" >/dev/null 2>&1 || skip "python3 has no working venv module (apt-get install python3-venv)"
py=$work/venv/bin/python

wheel=${1:-}
if [ -z "$wheel" ]; then
  ./scripts/build-wheel.sh .build-wheel/dist >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; echo "python: building the wheel failed" >&2; exit 2; }
  wheel=$(ls -t .build-wheel/dist/diffusioncheck-*.whl | head -n 1)
fi
wheel=$(cd "$(dirname "$wheel")" && pwd)/$(basename "$wheel")
echo "python: wheel $wheel ($(du -h "$wheel" | cut -f1))"

failed=0
fail() { echo "python: FAIL: $*"; failed=1; }
"$py" -m pip install --quiet --no-index --no-deps "$wheel" || { echo "python: FAIL: pip could not install $wheel"; exit 1; }
dc=$work/venv/bin/diffusioncheck

# The installed command, from a directory outside the repository.
cd "$work"
"$dc" --version >/dev/null || fail "diffusioncheck --version"
"$dc" lint "$repo/notes" >/dev/null; [ $? -eq 0 ] || fail "diffusioncheck lint notes/ should pass"
printf 'Noise:\n\n```python\nnoise = torch.rand_like(x)\n```\n' > bad.md
"$dc" lint bad.md >/dev/null; [ $? -eq 1 ] || fail "diffusioncheck lint bad.md should find DL201 (exit 1)"
"$dc" lint bad.md --exit-zero >/dev/null; [ $? -eq 0 ] || fail "diffusioncheck lint --exit-zero should exit 0"
"$dc" verify-schedule --config "$repo/Tests/ScheduleCheckTests/Configs/sd15_scheduler_config.json" >/dev/null; [ $? -eq 0 ] || fail "verify-schedule on SD 1.5 should pass"
"$dc" verify-schedule --schedule linear --beta-start 0.02 --beta-end 0.0001 >/dev/null; [ $? -eq 1 ] || fail "verify-schedule on swapped ends should exit 1"
"$py" -c "import diffusioncheck, sys; r = diffusioncheck.lint('bad.md'); sys.exit(0 if [f['code'] for f in r.findings] == ['DL201'] else 1)" \
  || fail "diffusioncheck.lint from Python"
[ $failed -eq 0 ] && echo "python: the installed command and module work outside the repository"

# Test tools: from the system (the venv sees its packages) or from PyPI.
have() { "$py" -c "import $1" >/dev/null 2>&1; }
for module in pytest jsonschema yaml; do
  have "$module" || "$py" -m pip install --quiet "$([ "$module" = yaml ] && echo pyyaml || echo "$module")" >/dev/null 2>&1 || true
done

# SARIF from the installed binary against the full schema.
if have jsonschema; then
  "$dc" lint bad.md --format sarif > lint.sarif
  sed 's/np\.random\.randn(\*x\.shape)/np.random.rand(*x.shape)/' "$repo/notes/ddpm-sampling.ipynb" > "sampling:copy.ipynb"
  "$dc" lint "sampling:copy.ipynb" "$repo/notes" --format sarif > notebook.sarif
  "$dc" verify-schedule --schedule linear --beta-start 0.02 --beta-end 0.0001 --format sarif > schedule.sarif
  "$dc" verify-schedule --config "$repo/Tests/ScheduleCheckTests/Configs/sd15_scheduler_config.json" --inference-steps 50 --format sarif > config.sarif
  "$py" - "$repo/schemas/sarif-schema-2.1.0.json" lint.sarif notebook.sarif schedule.sarif config.sarif <<'PY' || fail "SARIF schema validation"
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
bad = 0
for path in sys.argv[2:]:
    log = json.load(open(path))
    errors = list(validator.iter_errors(log))
    results = log["runs"][0]["results"]
    located = all(r.get("locations") and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results)
    ok = not errors and located and log["runs"][0].get("columnKind") == "unicodeCodePoints"
    bad += not ok
    print(f"python: sarif {path}: {len(results)} results, {'valid' if ok else 'INVALID'}"
          + "".join(f"\n    {e.json_path}: {e.message}" for e in errors[:5]))
sys.exit(1 if bad else 0)
PY
else
  echo "python: SKIPPED: SARIF schema validation (jsonschema not available)"
fi

# The API tests and the example.
if have pytest; then
  DIFFUSIONCHECK_REPO=$repo "$py" -m pytest -q -p no:cacheprovider "$repo/python/tests" "$repo/examples/python" || fail "pytest"
else
  echo "python: SKIPPED: pytest (not installed and not installable)"
fi

# pre-commit: the hooks of this repository on a sample repository.
if "$py" -m pip install --quiet pre-commit >/dev/null 2>&1 && [ -x "$work/venv/bin/pre-commit" ]; then
  sample=$work/sample
  mkdir -p "$sample/notes" "$sample/model"
  cp "$repo/notes/ddpm-notes-en.md" "$sample/notes/"
  cp "$repo/Tests/ScheduleCheckTests/Configs/sd15_scheduler_config.json" "$sample/model/scheduler_config.json"
  (cd "$sample" && git init -q && git add -A && git -c user.name=ci -c user.email=ci@localhost commit -qm sample)
  export PATH="$work/venv/bin:$PATH" PRE_COMMIT_HOME=$work/pre-commit-home
  (cd "$sample" && pre-commit try-repo "$repo" diffusioncheck-lint --all-files >"$work/pc-clean.log" 2>&1) \
    && echo "python: pre-commit: diffusioncheck-lint passes a clean sample" || { cat "$work/pc-clean.log"; fail "pre-commit on clean notes"; }
  (cd "$sample" && pre-commit try-repo "$repo" diffusioncheck-verify-schedule --all-files >"$work/pc-config.log" 2>&1) \
    && echo "python: pre-commit: diffusioncheck-verify-schedule passes SD 1.5's config" || { cat "$work/pc-config.log"; fail "pre-commit on a sound config"; }
  cp "$work/bad.md" "$sample/notes/bad.md"
  (cd "$sample" && git add -A && pre-commit try-repo "$repo" diffusioncheck-lint --all-files >"$work/pc-bad.log" 2>&1)
  status=$?
  if [ $status -eq 1 ] && grep -q "DL201" "$work/pc-bad.log"; then
    echo "python: pre-commit: diffusioncheck-lint fails a sample with uniform noise (DL201)"
  else
    cat "$work/pc-bad.log"; fail "pre-commit should fail on notes/bad.md (exit $status)"
  fi
  if have yaml; then
    "$py" "$repo/scripts/test_action.py" "$wheel" "$sample" 2>&1 | sed 's/^/python: /' ; [ "${PIPESTATUS[0]}" -eq 0 ] || fail "composite action"
  else
    echo "python: SKIPPED: the composite action test (PyYAML not available)"
  fi
else
  echo "python: SKIPPED: pre-commit and the action test (pip could not install pre-commit)"
fi

cd "$repo"
if [ $failed -eq 0 ]; then echo "python: PASS"; else echo "python: FAIL"; exit 1; fi
