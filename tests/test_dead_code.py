"""No dead code: every function, class and name in game/ is used by the game or its tests.

A twin left behind when a rule moved (as `rules.caught` was) sends readers to code that no longer
runs; vulture finds such names, and tests/dead_code_whitelist.py lists the few it cannot see used.
"""

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_vulture_finds_no_dead_code():
    if shutil.which("vulture") is None and subprocess.run([sys.executable, "-m", "vulture", "--version"],
                                                         capture_output=True).returncode != 0:
        pytest.skip("vulture is not installed (pip install -e '.[test]')")
    found = subprocess.run([sys.executable, "-m", "vulture", "game", "tests", "--min-confidence", "60"],
                           cwd=ROOT, capture_output=True, text=True)
    assert found.stdout == "", found.stdout
