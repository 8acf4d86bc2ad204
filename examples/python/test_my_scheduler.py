"""An example test for a project that trains or ships a diffusion model.

Run with pytest after `pip install diffusioncheck-*.whl`. With diffusers installed, the live
scheduler of a pipeline is checked; without it, the same check runs on a saved config.
"""

import os
from pathlib import Path

import pytest

import diffusioncheck

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "scheduler_config.json"


def test_saved_scheduler_config_is_sound():
    report = diffusioncheck.check_scheduler(CONFIG, inference_steps=50)
    assert report.passed, report.text


def test_live_diffusers_scheduler_is_sound():
    diffusers = pytest.importorskip("diffusers")
    scheduler = diffusers.DDIMScheduler.from_pretrained(HERE)  # reads scheduler_config.json here
    report = diffusioncheck.check_scheduler(scheduler, inference_steps=50)
    assert report.passed, report.text


@pytest.mark.skipif(not (HERE / "notes").is_dir(), reason="no notes/ beside this test")
def test_notes_have_no_mathematical_errors():
    report = diffusioncheck.lint(HERE / "notes")
    assert report.passed, report.text
