"""A level outside the install is found by name by every command: --levels DIR and MODEL_CITIZEN_LEVELS."""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from game.content import locate
from tests.conftest import MINI, ROOT


def cli(*args, answers="", env=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "game", *args], input=answers, capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=120, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def outside(tmp_path_factory):
    """The mini level copied into a folder the game was not installed with, and one year played on it."""
    root = tmp_path_factory.mktemp("outside")
    shutil.copytree(MINI, root / "mylevels" / "mini")
    out = cli("play", "--text", "--levels", str(root / "mylevels"), "--level", "mini", "--seed", "AWAY-1", "--new",
              "--data-dir", str(root / "data"), answers="1\n" * 300)
    assert out.returncode == 0 and "THE YEAR IS OVER" in out.stdout, out.stderr
    code = re.search(r"^\s*(mini:\S+)$", out.stdout, re.M).group(1)
    return root, code, sorted((root / "data" / "logs").glob("*.json"))[-1]


def test_a_level_in_another_folder_plays_and_replays_from_its_code(outside):
    root, code, _log = outside
    again = cli("play", "--text", "--code", code, "--levels", str(root / "mylevels"))
    assert again.returncode == 0 and "THE YEAR IS OVER" in again.stdout, again.stderr
    by_env = cli("play", "--text", "--code", code, env={locate.ENV_VAR: str(root / "mylevels")})
    assert by_env.returncode == 0 and "THE YEAR IS OVER" in by_env.stdout, by_env.stderr
    by_folder = cli("play", "--text", "--code", code, "--level", str(root / "mylevels" / "mini"))
    assert by_folder.returncode == 0, by_folder.stderr


def test_a_code_whose_level_is_not_found_says_which_and_where_it_looked(outside):
    _root, code, _log = outside
    lost = cli("play", "--text", "--code", code)
    assert lost.returncode == 1 and "'mini' was not found" in lost.stderr and "levels" in lost.stderr
    assert "--levels" in lost.stderr and "has problems" not in lost.stderr


def test_a_level_in_another_folder_exports_and_joins_a_class_report(outside, tmp_path):
    root, _code, log = outside
    out = cli("export", str(log), "--out", str(tmp_path / "r"), "--levels", str(root / "mylevels"))
    assert out.returncode == 0, out.stderr
    assert "What if?" in (tmp_path / "r" / "report.html").read_text()
    lost = cli("export", str(log), "--out", str(tmp_path / "r2"))
    assert lost.returncode == 1 and "'mini' was not found" in lost.stderr and "has problems" not in lost.stderr
    report = cli("class-report", str(log), "--out", str(tmp_path / "c"), env={locate.ENV_VAR: str(root / "mylevels")})
    assert report.returncode == 0 and "1 student year counted" in report.stdout, report.stdout + report.stderr
    assert json.loads(log.read_text())["record"]["level"] in (tmp_path / "c" / "class.md").read_text()
    skipped = cli("class-report", str(log), "--out", str(tmp_path / "c2"))
    assert "'mini' was not found" in skipped.stdout


def test_validate_simulate_and_screenshots_find_a_level_by_name_in_another_folder(outside, tmp_path):
    root, _code, _log = outside
    dirs = ("--levels", str(root / "mylevels"))
    assert cli("validate", "mini", *dirs).returncode == 0
    sim = cli("simulate", "--level", "mini", "--games", "5", "--json", *dirs)
    assert sim.returncode == 0 and json.loads(sim.stdout)
    shots = cli("screenshots", "--level", "mini", "--out", str(tmp_path / "s"), *dirs)
    assert shots.returncode == 0 and list((tmp_path / "s").glob("*.png")), shots.stderr


def test_the_window_lists_the_levels_of_every_folder(tmp_path, monkeypatch):
    shutil.copytree(MINI, tmp_path / "more" / "mini")
    monkeypatch.setenv(locate.ENV_VAR, str(tmp_path / "more"))
    names = [p.name for p in locate.all_levels()]
    assert "mini" in names and "harmony_city" in names
    with pytest.raises(locate.LevelNotFound, match="no_such_level"):
        locate.find_level("no_such_level")
