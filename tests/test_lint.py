"""The tree stays ruff clean: lint and formatting, with the settings in pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent))
pytestmark = pytest.mark.skipif(RUFF is None, reason="ruff is installed with the test extra")
PATHS = ["kiosk", "hardware", "tests", "bench"]


def test_ruff_check() -> None:
    result = subprocess.run([RUFF, "check", *PATHS], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout


def test_ruff_format() -> None:
    result = subprocess.run(
        [RUFF, "format", "--check", *PATHS], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0, result.stdout
