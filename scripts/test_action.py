"""Runs the composite action (action.yml) the way a GitHub runner does, as far as a machine
without GitHub can: each `run` step in `bash --noprofile --norc -eo pipefail`, with `${{ inputs.* }}`
replaced by the given or default inputs, and GITHUB_ACTION_PATH, GITHUB_OUTPUT, GITHUB_PATH and
RUNNER_TEMP set. Also checks that the example workflow passes only inputs the action declares.

    python scripts/test_action.py WHEEL SAMPLE_DIR

Needs PyYAML. Prints one line per case and exits 1 on the first failure.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def run_action(inputs: dict, cwd: Path) -> tuple[int, dict, str]:
    """Runs every step; returns the status of the first failing step (or 0), the outputs, the log."""
    values = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    unknown = set(inputs) - set(values)
    assert not unknown, f"inputs the action does not declare: {unknown}"
    values.update(inputs)

    def substitute(text: str) -> str:
        return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: values[m.group(1)], text)

    with tempfile.TemporaryDirectory(prefix="action-") as temp:
        temp = Path(temp)
        output_file, path_file = temp / "output", temp / "path"
        output_file.touch()
        path_file.touch()
        extra_path: list = []
        log = []
        for step in ACTION["runs"]["steps"]:
            env = dict(os.environ)
            env.update({k: substitute(str(v)) for k, v in (step.get("env") or {}).items()})
            env.update(GITHUB_ACTION_PATH=str(REPO), GITHUB_OUTPUT=str(output_file), GITHUB_PATH=str(path_file),
                       RUNNER_TEMP=str(temp))
            env["PATH"] = os.pathsep.join(extra_path + [env["PATH"]])
            script = temp / "step.sh"
            script.write_text(substitute(step["run"]), encoding="utf-8")
            completed = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                                       cwd=cwd, env=env, capture_output=True, text=True)
            log.append(completed.stdout + completed.stderr)
            extra_path = [line for line in path_file.read_text().splitlines() if line] + extra_path
            if completed.returncode != 0:
                return completed.returncode, read_outputs(output_file), "\n".join(log)
        return 0, read_outputs(output_file), "\n".join(log)


def read_outputs(path: Path) -> dict:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)


def check(condition: bool, label: str, log: str = "") -> None:
    print(f"action: {'ok  ' if condition else 'FAIL'} {label}")
    if not condition:
        print(log[-3000:])
        sys.exit(1)


def main() -> None:
    wheel, sample = sys.argv[1], Path(sys.argv[2])

    status, outputs, log = run_action({"wheel": wheel, "args": "notes"}, sample)
    report = sample / "diffusioncheck.sarif"
    check(status == 0 and outputs.get("exit-code") == "1", "lint with findings: the step succeeds, exit-code 1", log)
    sarif = json.loads(report.read_text(encoding="utf-8"))
    codes = [r["ruleId"] for r in sarif["runs"][0]["results"]]
    check("DL201" in codes, f"the SARIF report holds the finding ({codes})", log)

    status, outputs, log = run_action({"wheel": wheel, "args": "notes", "exit-zero": "false"}, sample)
    check(status == 1, "exit-zero false: findings fail the step", log)

    status, outputs, log = run_action({"wheel": wheel, "command": "verify-schedule", "format": "github", "output": "",
                                       "args": "--schedule linear --beta-start 0.02 --beta-end 0.0001"}, sample)
    check(status == 0 and outputs.get("exit-code") == "1" and "::error " in log, "verify-schedule: GitHub annotations", log)

    status, outputs, log = run_action({"wheel": wheel, "command": "verify-schedule", "args": "--config missing.json"}, sample)
    check(status == 2 and outputs.get("exit-code") == "2", "bad input fails the step with 2", log)

    status, outputs, log = run_action({"wheel": wheel, "command": "frobnicate"}, sample)
    check(status == 2, "an unknown command is refused", log)

    workflow = yaml.safe_load((REPO / "examples/github/diffusioncheck.yml").read_text(encoding="utf-8"))
    uses = [s for job in workflow["jobs"].values() for s in job["steps"] if "diffusioncheck@" in str(s.get("uses", ""))]
    declared = set(ACTION["inputs"])
    check(bool(uses) and all(set(s.get("with", {})) <= declared for s in uses),
          "the example workflow passes only declared inputs")
    check(all(f"steps.{s['id']}.outputs.exit-code" in yaml.safe_dump(workflow) for s in uses if "id" in s),
          "the example workflow reads each step's exit-code")


if __name__ == "__main__":
    main()
