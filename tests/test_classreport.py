"""The class report a teacher projects: 24 real years counted, every other file named with a reason on the
teacher's page, no small count and no file name on the projected page, numbers that match the replays."""

import json
import re
import shutil
import subprocess
import sys

import pytest

from game.content.level import load_level
from game.core import bots, rng
from game.play.session import Session
from tests.conftest import HARMONY, ROOT

POLICIES = ["conformist", "free", "random", "balanced"]


def play(level, seed, n, data_dir):
    chars, values = list(level.characters), list(level.values)
    s = Session.new(level, data_dir, seed, chars[n % len(chars)], [values[(n + k) % len(values)] for k in range(3)])
    bot = rng.seed_state(f"student-{n}")
    while not s.state.over:
        bot, pick = bots.choose(POLICIES[n % 4], s.decision, bot)
        s.choose(pick)
    return s


@pytest.fixture(scope="module")
def lesson(tmp_path_factory, harmony):
    """A stick collected after a lesson: 24 students' exported folders, plus what a real class adds."""
    root = tmp_path_factory.mktemp("lesson")
    stick = root / "stick"
    years = []
    for n in range(24):
        s = play(harmony, "CLASS-7", n, root / f"pc{n}")
        (stick / f"student{n:02d}").mkdir(parents=True)
        shutil.copy(s.log_path, stick / f"student{n:02d}" / "log.json")
        years.append(s.state)
    forged = json.loads((stick / "student00" / "log.json").read_text())
    forged["log"][-1].update(grade="A", goal_reached=True, score=1500)
    (stick / "forged-grade.json").write_text(json.dumps(forged))
    edited = json.loads((stick / "student01" / "log.json").read_text())
    edited["record"]["choices"][2] = 1 - min(1, edited["record"]["choices"][2])
    (stick / "forged-choice.json").write_text(json.dumps(edited))
    chosen = json.loads((stick / "student02" / "log.json").read_text())
    next(e for e in chosen["log"] if e["t"] == "decision")["chosen"] = -1
    (stick / "forged-chosen.json").write_text(json.dumps(chosen))
    ride = load_level(ROOT / "levels" / "rideshare")
    shutil.copy(play(ride, "CLASS-7", 1, root / "r").log_path, stick / "rideshare.json")
    shutil.copy(play(harmony, "OTHER-1", 2, root / "o").log_path, stick / "other-seed.json")
    (stick / "empty.json").write_text("")
    (stick / "answers.txt").write_text("my notes")
    out = subprocess.run([sys.executable, "-m", "game", "class-report", str(stick), "--out", str(root / "out")],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    return {"stick": stick, "out": root / "out", "run": out, "years": years}


def test_exactly_the_24_real_years_are_counted_and_every_other_file_says_why(lesson):
    run = lesson["run"]
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert "24 student years counted" in run.stdout and "7 files not counted" in run.stdout
    said = {line.split(": ")[1].rsplit("/", 1)[-1]: line for line in run.stdout.splitlines()
            if line.startswith("not counted")}
    assert set(said) == {"forged-grade.json", "forged-choice.json", "forged-chosen.json", "rideshare.json",
                         "other-seed.json", "empty.json", "answers.txt"}
    assert all("altered" in said[f] for f in ("forged-grade.json", "forged-choice.json", "forged-chosen.json"))
    assert "another" not in said["rideshare.json"] and "level 'rideshare'" in said["rideshare.json"]
    assert "seed OTHER-1" in said["other-seed.json"] and "empty" in said["empty.json"]
    assert "no game code" in said["answers.txt"]


def test_the_projected_page_shows_no_file_name_and_no_count_below_three(lesson):
    for name in ("class.html", "class.md"):
        page = (lesson["out"] / name).read_text()
        assert "student0" not in page and "forged" not in page and "empty" not in page and "answers.txt" not in page
        body = page.split("</style>")[-1]
        shown = [int(n) for n in re.findall(r"(?:: |>[A-E] |no score )(\d+)\b", body)]
        assert shown and min(shown) >= 3, name
    teacher = (lesson["out"] / "teacher.html").read_text()
    assert "forged-grade.json" in teacher and "student23" in teacher and "harmony_city:C1ASS-7:" in teacher


def test_the_grades_on_the_projected_page_are_those_the_replayed_years_give(lesson, harmony):
    from collections import Counter

    grades = Counter(state.log[-1]["grade"] for state in lesson["years"])
    md = (lesson["out"] / "class.md").read_text()
    as_played = next(line for line in md.replace("\\", "").splitlines() if "(as played)" in line)
    shown = dict(re.findall(r"\b([A-E]|the rest together): (\d+)", as_played.split("grades: ")[1].split(";")[0]))
    assert all(int(n) >= 3 for n in shown.values())
    for grade, n in grades.items():  # each grade printed as the replays give it, or counted in the rest
        assert int(shown.get(grade, n)) == n
    assert sum(n for g, n in grades.items() if g not in shown) == int(shown.get("the rest together", 0))


def test_export_refuses_the_forged_year_the_class_report_refuses(lesson, tmp_path):
    out = subprocess.run([sys.executable, "-m", "game", "export", str(lesson["stick"] / "forged-grade.json"),
                          "--out", str(tmp_path / "x")], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 1 and "altered" in out.stderr and "Traceback" not in out.stderr
    real = subprocess.run([sys.executable, "-m", "game", "export", str(lesson["stick"] / "student00" / "log.json"),
                           "--out", str(tmp_path / "y")], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert real.returncode == 0, real.stderr


def test_text_from_a_hostile_level_is_inert_in_every_report(tmp_path):
    shutil.copytree(HARMONY.parent, tmp_path / "levels")  # with its siblings, which it names
    level_dir = tmp_path / "levels" / "harmony_city"
    people = level_dir / "characters.yaml"
    people.write_text(people.read_text().replace("name: Zhao Lei", 'name: "<img src=x onerror=y>"', 1))
    head = level_dir / "level.yaml"
    head.write_text(re.sub(r"^title: .*$", 'title: "[a](javascript:b)"', head.read_text(), count=1, flags=re.M))
    level = load_level(level_dir)
    s = play(level, "HOSTILE", 0, tmp_path / "d")
    from game.report.export import export

    data = json.loads(s.log_path.read_text())
    written = export(data, tmp_path / "e", level)
    page, md = written["html"].read_text(), written["markdown"].read_text()
    assert "img src=x" in page.replace("&lt;", "") and "<img src=x" not in page
    assert not re.search(r"(?<!\\)<img", md) and not re.search(r"(?<!\\)\]\(javascript:", md)
    assert "img src=x" in md
