"""The Python API against the installed checker: paths, live (duck-typed) schedulers, lint."""

import json
import subprocess
import sys

import pytest

import diffusioncheck
from diffusioncheck import DiffusionCheckError


def scaled_linear_alpha_bars(start=0.00085, end=0.012, steps=1000):
    """Stable Diffusion's schedule in plain Python: β = linspace(√start, √end)², ᾱ = ∏(1 − β)."""
    a, b = start ** 0.5, end ** 0.5
    product, out = 1.0, []
    for i in range(steps):
        beta = (a + (b - a) * i / (steps - 1)) ** 2
        product *= 1.0 - beta
        out.append(product)
    return out


SD15 = {
    "_class_name": "DDIMScheduler",
    "beta_schedule": "scaled_linear",
    "beta_start": 0.00085,
    "beta_end": 0.012,
    "num_train_timesteps": 1000,
    "clip_sample": False,
    "set_alpha_to_one": False,
    "steps_offset": 1,
    "prediction_type": "epsilon",
}


class FakeTensor:
    """Just enough of a torch tensor: detach, cpu, double, tolist."""

    def __init__(self, values):
        self.values = list(values)

    def detach(self):
        return self

    def cpu(self):
        return self

    def double(self):
        return self

    def tolist(self):
        return list(self.values)


class FakeScheduler:
    def __init__(self, config, alphas_cumprod):
        self.config = config
        self.alphas_cumprod = alphas_cumprod


def test_a_config_file_path(repo):
    report = diffusioncheck.check_scheduler(repo / "Tests/ScheduleCheckTests/Configs/sd15_scheduler_config.json", inference_steps=50)
    assert report.passed, report.text
    # Stable Diffusion's non-zero terminal SNR is a warning: present, but below the default fail_on.
    assert "VS201" in [f["code"] for f in report.findings]
    strict = diffusioncheck.check_scheduler(repo / "Tests/ScheduleCheckTests/Configs/sd15_scheduler_config.json", fail_on="warning")
    assert not strict.passed


def test_a_live_scheduler_with_its_alpha_bars():
    report = diffusioncheck.check_scheduler(FakeScheduler(SD15, FakeTensor(scaled_linear_alpha_bars())), inference_steps=50)
    assert report.passed, report.text


def test_a_live_scheduler_whose_tables_disagree_with_its_config():
    # ᾱ of the linear schedule under a config that says scaled_linear: the checker compares them.
    wrong, product = [], 1.0
    for i in range(1000):
        product *= 1.0 - (0.0001 + (0.02 - 0.0001) * i / 999)
        wrong.append(product)
    clean = diffusioncheck.check_scheduler(FakeScheduler(SD15, scaled_linear_alpha_bars()))
    mismatched = diffusioncheck.check_scheduler(FakeScheduler(SD15, wrong), fail_on="warning")
    assert not mismatched.passed
    assert set(f["code"] for f in mismatched.findings) - set(f["code"] for f in clean.findings), mismatched.text


def test_zero_terminal_snr_with_epsilon_prediction_is_an_error():
    config = dict(SD15, rescale_betas_zero_snr=True, timestep_spacing="trailing")
    report = diffusioncheck.check_scheduler(config)
    assert not report.passed
    assert any(f["severity"] == "error" for f in report.findings), report.text


def test_bad_input_raises_with_the_checkers_message(tmp_path):
    with pytest.raises(DiffusionCheckError) as error:
        diffusioncheck.check_scheduler(tmp_path / "missing_config.json")
    assert "missing_config.json" in str(error.value)
    with pytest.raises(TypeError):
        diffusioncheck.check_scheduler(42)


def test_lint_finds_uniform_noise_and_passes_the_bundled_notes(repo, tmp_path):
    note = tmp_path / "note.md"
    note.write_text("Noise:\n\n```python\nnoise = torch.rand_like(x)\n```\n", encoding="utf-8")
    report = diffusioncheck.lint(note)
    assert not report.passed
    assert [f["code"] for f in report.findings] == ["DL201"], report.text
    assert report.findings[0]["location"]["line"] == 4
    assert diffusioncheck.lint(repo / "notes").passed


def test_the_command_line_entry_point(repo):
    completed = subprocess.run([sys.executable, "-m", "diffusioncheck", "verify-schedule", "--schedule", "linear",
                                "--beta-start", "0.02", "--beta-end", "0.0001", "--format", "json"],
                               capture_output=True, text=True)
    assert completed.returncode == 1
    assert json.loads(completed.stdout)["passed"] is False
    zero = subprocess.run([sys.executable, "-m", "diffusioncheck", "verify-schedule", "--schedule", "linear",
                           "--beta-start", "0.02", "--beta-end", "0.0001", "--exit-zero"], capture_output=True, text=True)
    assert zero.returncode == 0
