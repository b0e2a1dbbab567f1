"""Export, game codes and the class report, through the command line as a teacher would use them."""

import json
import shutil
import subprocess
import sys

import pytest

from game.core import bots, engine, gamecode, rng
from tests.conftest import ROOT


def cli(*args, answers=""):
    return subprocess.run([sys.executable, "-m", "game", *args], input=answers, capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def class_logs(tmp_path_factory):
    """Three students' finished years with the same class seed, played in the terminal."""
    root = tmp_path_factory.mktemp("class")
    for n, answers in enumerate(("1\n", "2\n", "2\n1\n")):
        out = cli("play", "--text", "--seed", "CLASS-7", "--new", "--data-dir", str(root / f"s{n}"),
                  answers=answers * 300)
        assert out.returncode == 0 and "THE YEAR IS OVER" in out.stdout, out.stderr
    logs = sorted(root.glob("s*/logs/*.json"))
    assert len(logs) == 3
    return logs


def test_export_writes_the_report_chart_and_log_and_names_the_folder(class_logs, tmp_path):
    out = cli("export", str(class_logs[0]), "--out", str(tmp_path / "report"))
    assert out.returncode == 0, out.stderr
    assert str((tmp_path / "report").resolve()) in out.stdout
    for name in ("report.html", "report.md", "chart.png"):
        assert (tmp_path / "report" / name).stat().st_size > 0, name
    log_file = next((tmp_path / "report").glob("log-harmony_city_*.json"))  # named after the game code
    page = (tmp_path / "report" / "report.html").read_text()
    assert "data:image/png;base64," in page and "What if?" in page and "How do you feel?" in page
    markdown = (tmp_path / "report" / "report.md").read_text()
    assert "![" in markdown and "Game code" in markdown
    exported = json.loads(log_file.read_text())
    assert exported["log"] == json.loads(class_logs[0].read_text())["log"]


def test_export_without_a_log_takes_the_newest_in_the_data_folder(class_logs, tmp_path):
    out = cli("export", "--out", str(tmp_path / "r"), "--data-dir", str(class_logs[1].parent.parent))
    assert out.returncode == 0 and class_logs[1].name in out.stdout


def test_export_of_a_file_that_is_not_a_log_says_why(tmp_path):
    bad = tmp_path / "notes.json"
    bad.write_text("[1, 2]")
    out = cli("export", str(bad), "--out", str(tmp_path / "r"))
    assert out.returncode == 1 and "not a Model Citizen game log" in out.stderr and "Traceback" not in out.stderr


def test_a_game_code_replays_the_year_exactly(harmony):
    for n in range(10):
        state = engine.new_game(harmony, f"CODE-{n}", list(harmony.characters)[n % 5], ("family", "honesty",
                                                                                         "success"))
        bot = rng.seed_state(str(n))
        while not state.over:
            bot, pick = bots.choose("random", engine.pending(harmony, state), bot)
            state = engine.apply(harmony, state, pick)
        code = gamecode.encode(harmony, state.seed, state.character, state.values, state.choices)
        assert len(code) < 50
        typo = code[:-4] + ("1" if code[-4] != "1" else "2") + code[-3:]
        with pytest.raises(gamecode.CodeError):
            gamecode.resolve(harmony, gamecode.decode(typo))
        seed, character, values, choices = gamecode.resolve(harmony, gamecode.decode(code))
        again = engine.replay(harmony, seed, character, values, choices)
        assert again.log == state.log


def test_play_code_shows_the_finished_year_and_a_bad_code_is_refused(class_logs):
    record = json.loads(class_logs[0].read_text())["record"]
    from game.content.level import load_level

    level = load_level(ROOT / "levels" / record["level"])
    code = gamecode.encode(level, record["seed"], record["character"], record["values"], record["choices"])
    out = cli("play", "--text", "--code", code)
    assert out.returncode == 0 and "THE YEAR IS OVER" in out.stdout and "WHAT IF?" in out.stdout
    typo = cli("play", "--text", "--code", code[:-2] + "!!")
    assert typo.returncode == 2 and "typo" in typo.stderr


def test_the_class_report_counts_each_year_once_and_says_what_it_skipped(class_logs, tmp_path):
    files = list(class_logs)
    shutil.copy(class_logs[0], tmp_path / "copy.json")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    old = json.loads(class_logs[1].read_text())
    old["format"] = 0
    (tmp_path / "old.json").write_text(json.dumps(old))
    files += [tmp_path / "copy.json", tmp_path / "broken.json", tmp_path / "old.json"]
    out = cli("class-report", *map(str, files), "--out", str(tmp_path / "class"))
    folder = cli("class-report", str(class_logs[0].parent.parent.parent), "--out", str(tmp_path / "class2"))
    assert folder.returncode == 0 and "3 student years counted" in folder.stdout, folder.stdout
    assert out.returncode == 0, out.stderr
    assert "3 student years counted" in out.stdout
    assert f"copy.json: handed in twice: the same file, byte for byte, as {class_logs[0]}" in out.stdout
    assert "broken.json" in out.stdout and "old.json: " in out.stdout and "another version" in out.stdout
    md = (tmp_path / "class" / "class.md").read_text()
    assert "3 years counted" in md and "Grades and goals under each rulebook" in md
    teacher = (tmp_path / "class" / "teacher.html").read_text()
    assert all(f.name in teacher for f in files)
