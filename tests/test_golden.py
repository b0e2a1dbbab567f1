"""A golden playthrough: the terminal transcript of one scripted year, compared line by line.

Any change to the rules, the dice or the wording shows up here as a diff to read. After an
intended change, regenerate with: UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

import os
import subprocess
import sys

from tests.conftest import MINI, ROOT

GOLDEN = ROOT / "tests" / "golden" / "mini_seed_gold.txt"
ANSWERS = "1\n2\n1\n3\n" + "1\n2\n" * 20


def transcript(tmp_path) -> list[str]:
    out = subprocess.run([sys.executable, "-m", "game", "play", "--text", "--level", str(MINI), "--seed", "GOLD",
                          "--new", "--data-dir", str(tmp_path)], input=ANSWERS, capture_output=True, text=True,
                         cwd=ROOT, check=True)
    return [line for line in out.stdout.splitlines() if str(tmp_path) not in line and "/logs/" not in line]


def test_the_golden_playthrough_is_unchanged(tmp_path):
    lines = transcript(tmp_path)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8").splitlines()
    for number, (want, got) in enumerate(zip(expected, lines, strict=False), start=1):
        assert got == want, f"line {number} differs"
    assert len(lines) == len(expected)
