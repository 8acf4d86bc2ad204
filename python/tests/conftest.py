import os
from pathlib import Path

import pytest

REPO = Path(os.environ.get("DIFFUSIONCHECK_REPO", Path(__file__).resolve().parents[2]))


@pytest.fixture
def repo() -> Path:
    return REPO
