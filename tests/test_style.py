"""The code stays ruff-clean and its lower rooms type-check, so both show up as a failing test, not in review."""

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_ruff_reports_nothing():
    try:
        import ruff  # noqa: F401
    except ImportError:
        if not shutil.which("ruff"):
            pytest.skip("ruff is not installed (it comes with the test extras)")
    out = subprocess.run([sys.executable, "-m", "ruff", "check", "game", "tests"], capture_output=True, text=True,
                         cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_finds_no_error_in_the_game():
    """`mypy` (a test extra) checks what pyproject.toml names: all of game/, and game/core and game/api.py
    with --strict."""
    out = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
