"""The code stays ruff-clean, so style problems show up as a failing test, not in review."""

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
