"""The Python API: run ``checker`` and read its JSON reports."""

from __future__ import annotations

import json
import math
import os
import shutil
import stat
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence, Union

PathLike = Union[str, "os.PathLike[str]"]


class DiffusionCheckError(Exception):
    """Bad input (the checker exited 2) or no checker binary; the message is the checker's."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class Report:
    """The outcome of one check.

    ``passed`` is True when the checker exited 0 (no finding at or above ``fail_on``);
    ``findings`` are the findings as the checker's JSON gives them (code, slug, severity, message,
    location with file, line, column and for notebooks cell, cellLine, cellColumn; fix; details);
    ``data`` is the whole JSON report.
    """

    exit_code: int
    findings: list = field(default_factory=list)
    data: Any = None
    command: list = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.exit_code == 0

    @property
    def text(self) -> str:
        """One line per finding, for an assertion message."""
        lines = []
        for f in self.findings:
            loc = f.get("location") or {}
            where = f"{loc.get('file')}:{loc.get('line')}:{loc.get('column')}: " if loc else ""
            lines.append(f"{where}{f.get('severity')}: {f.get('message')} [{f.get('code')}/{f.get('slug')}]")
        return "\n".join(lines) or "no findings"


def checker_path() -> str:
    """The checker binary: ``$DIFFUSIONCHECK_CHECKER``, else the one in this package, else ``checker`` on PATH."""
    override = os.environ.get("DIFFUSIONCHECK_CHECKER")
    if override:
        return override
    bundled = Path(__file__).with_name("bin") / "checker"
    if bundled.is_file():
        mode = bundled.stat().st_mode
        if not mode & stat.S_IXUSR:
            # Some installers drop the executable bit of files inside packages.
            try:
                bundled.chmod(mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
            except OSError:
                pass
        return str(bundled)
    found = shutil.which("checker")
    if found:
        return found
    raise DiffusionCheckError(
        "no checker binary: install the diffusioncheck wheel, put `checker` on PATH, or set DIFFUSIONCHECK_CHECKER"
    )


def run_checker(args: Sequence[str], cwd: PathLike | None = None) -> subprocess.CompletedProcess:
    """Runs ``checker ARGS`` and returns the completed process (stdout and stderr as text)."""
    return subprocess.run(
        [checker_path(), *map(str, args)], cwd=cwd, capture_output=True, text=True, encoding="utf-8"
    )


def _report(args: list, completed: subprocess.CompletedProcess) -> Report:
    if completed.returncode not in (0, 1):
        message = completed.stderr.strip() or completed.stdout.strip() or f"checker exited {completed.returncode}"
        raise DiffusionCheckError(message, completed.returncode)
    try:
        data = json.loads(completed.stdout) if completed.stdout.strip() else []
    except json.JSONDecodeError as error:
        raise DiffusionCheckError(f"checker printed no JSON report ({error}): {completed.stdout[:200]}", 1)
    findings = data if isinstance(data, list) else data.get("findings", [])
    return Report(exit_code=completed.returncode, findings=findings, data=data, command=args)


def lint(paths: PathLike | Iterable[PathLike], fail_on: str = "note") -> Report:
    """Lints notes, notebooks and Python files (a directory stands for the files under it)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    args = ["lint", *map(str, paths), "--format", "json", "--fail-on", fail_on]
    return _report(args, run_checker(args))


def _plain(value: Any) -> Any:
    """A config value as plain JSON: tensors and arrays as lists, mappings as dicts."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _float_list(array: Any) -> list:
    """ᾱ as a flat list of Python floats, from a tensor (any device or dtype), an array or a list."""
    if hasattr(array, "detach"):
        array = array.detach()
    if hasattr(array, "cpu"):
        array = array.cpu()
    if hasattr(array, "double") and callable(array.double):
        array = array.double()
    if hasattr(array, "tolist"):
        array = array.tolist()
    values = [float(v) for v in array]
    return values


def _config_path(path: Path) -> Path:
    if path.is_dir():
        for candidate in (path / "scheduler_config.json", path / "scheduler" / "scheduler_config.json"):
            if candidate.is_file():
                return candidate
        raise DiffusionCheckError(f"{path}: no scheduler_config.json in this directory or its scheduler/ folder")
    return path


def check_scheduler(
    scheduler_or_path: Any,
    inference_steps: int | None = None,
    fail_on: str = "error",
    precision: str | None = None,
    extra_args: Sequence[str] = (),
) -> Report:
    """Runs ``checker verify-schedule`` on a scheduler.

    ``scheduler_or_path`` is one of:

    - a path to a ``scheduler_config.json``, or to a directory holding one (or a ``scheduler/``
      folder with one, as a saved pipeline has);
    - a mapping: a scheduler config as a dict;
    - a live scheduler: any object with ``.config`` (a mapping, as diffusers' FrozenDict) and,
      optionally, ``.alphas_cumprod`` (a tensor, an array or a list). The config is written to a
      temporary ``scheduler_config.json`` and ᾱ to a temporary JSON array, and the checker compares
      the object's ᾱ with the schedule its config describes, so a scheduler whose tables were
      changed after construction is caught too.

    diffusers is never imported: a live object only needs those two attributes.
    """
    args = ["verify-schedule", "--format", "json", "--fail-on", fail_on]
    if inference_steps is not None:
        args += ["--inference-steps", str(int(inference_steps))]
    if precision is not None:
        args += ["--precision", precision]
    args += list(extra_args)

    if isinstance(scheduler_or_path, (str, os.PathLike)):
        config = _config_path(Path(scheduler_or_path))
        full = args + ["--config", str(config)]
        return _report(full, run_checker(full))

    if isinstance(scheduler_or_path, Mapping):
        config_dict, alpha_bars, class_name = scheduler_or_path, None, None
    elif hasattr(scheduler_or_path, "config"):
        config_dict = scheduler_or_path.config
        alpha_bars = getattr(scheduler_or_path, "alphas_cumprod", None)
        class_name = type(scheduler_or_path).__name__
    else:
        raise TypeError(
            "check_scheduler expects a path, a config mapping, or a scheduler with .config "
            f"(and .alphas_cumprod); got {type(scheduler_or_path).__name__}"
        )
    if not isinstance(config_dict, Mapping):
        raise TypeError(f"scheduler.config must be a mapping, got {type(config_dict).__name__}")

    config = _plain(dict(config_dict))
    if "_class_name" not in config and class_name and class_name.endswith("Scheduler"):
        config["_class_name"] = class_name
    with tempfile.TemporaryDirectory(prefix="diffusioncheck-") as directory:
        config_file = Path(directory) / "scheduler_config.json"
        config_file.write_text(json.dumps(config, indent=2), encoding="utf-8")
        full = args + ["--config", str(config_file)]
        if alpha_bars is not None and not config.get("trained_betas"):
            alpha_file = Path(directory) / "alphas_cumprod.json"
            # repr(float) round-trips: the checker reads exactly the Double the object holds.
            alpha_file.write_text("[" + ", ".join(repr(v) for v in _float_list(alpha_bars)) + "]", encoding="utf-8")
            full += ["--alpha-bars", str(alpha_file)]
        return _report(full, run_checker(full))
