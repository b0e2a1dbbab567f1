"""The two-minute check: a class of 24 with known answers hands in codes, and the class report says what the
class learned, with McNemar's exact test worked out here by hand; the check fits in 250 words and skips in one
key; its answers ride in the code and the log, and a log with answers to statements it was never shown is
refused."""

import io
import json
from math import comb
from pathlib import Path

import pytest

from game.content.level import check_level, load_level
from game.core import check as checking
from game.play import seeds, yearlog
from game.report import classreport, stats
from game.report.export import level_finder
from game.text import terminal
from game.text.wordcount import count_words
from tests.test_class_codes import _log, _year

SEED = "10C-6M-QUIZ"
LEVELS = Path(__file__).resolve().parent.parent / "levels"

# Statement 0: 10 right both times, 1 right then wrong, 9 wrong then right, 4 wrong both times.
TABLE0 = [(True, True)] * 10 + [(True, False)] * 1 + [(False, True)] * 9 + [(False, False)] * 4
# Statement 1: as many move each way (3 and 3): nothing to see.
TABLE1 = [(True, True)] * 12 + [(True, False)] * 3 + [(False, True)] * 3 + [(False, False)] * 6
# Statement 2: 23 right before, one wrong: that one must not be visible on the projected page.
TABLE2 = [(True, True)] * 23 + [(False, True)] * 1
# Statement 3: all wrong both times.
TABLE3 = [(False, False)] * 24
# The pull: 2 before for everyone; after, 14 went up, 3 down, 7 stayed.
PULL_AFTER = [3] * 14 + [1] * 3 + [2] * 7


def _place(level, sid, right):
    answer = next(s.source.label for s in level.statements if s.id == sid)
    return answer if right else next(x for x in checking.LABELS if x != answer)


def _check(level, state, n):
    ids = checking.draw(level, state.seed)
    check = checking.blank(ids)
    for i, table in enumerate((TABLE0, TABLE1, TABLE2, TABLE3)):
        check["before"][i] = _place(level, ids[i], table[n][0])
        check["after"][i] = _place(level, ids[i], table[n][1])
    check["pull_before"], check["pull_after"] = 2, PULL_AFTER[n]
    return check


@pytest.fixture(scope="module")
def scripted(tmp_path_factory, harmony):
    root = tmp_path_factory.mktemp("check")
    lines, logs = [], []
    for n in range(24):
        state = _year(harmony, SEED, n)
        check = _check(harmony, state, n)
        code = yearlog.code_of(harmony, state, (), check)
        assert code.count(":") == 6, code
        lines.append(code)
        if n < 3:
            logs.append(_log(root / f"pc{n}", harmony, state))
    (root / "codes.txt").write_text("\n".join(lines) + "\n")
    report = classreport.write_report([root / "codes.txt"], root / "out")
    return {"root": root, "report": report, "page": (root / "out" / "class.md").read_text(),
            "html": (root / "out" / "class.html").read_text(), "ids": checking.draw(harmony, SEED),
            "logs": logs, "codes": lines}


def test_mcnemar_worked_by_hand_from_a_small_table():
    # 1 student went right -> wrong and 9 wrong -> right: under "nothing changed" each of the 10 is a coin toss,
    # and the two-sided p is twice the chance of 1 or fewer heads in 10: 2 * (1 + 10) / 1024.
    assert stats.mcnemar_exact(1, 9) == pytest.approx(2 * (comb(10, 0) + comb(10, 1)) / 2 ** 10)
    assert stats.mcnemar_exact(3, 3) == 1.0
    # the pull: 14 up, 3 down -> 2 * P(X <= 3), X ~ Bin(17, 1/2)
    assert stats.sign_test(14, 3) == pytest.approx(2 * sum(comb(17, k) for k in range(4)) / 2 ** 17)


def test_a_scripted_class_of_24_gets_its_shares_tests_and_words(scripted, harmony):
    report, page = scripted["report"], scripted["page"]
    assert len(report.years) == 24
    section = page.split("## What the class learned")[1].split("\n## ")[0]
    text = {s.id: s.text for s in harmony.statements}
    rows = {sid: next(line for line in section.splitlines() if text[sid] in line) for sid in scripted["ids"]}
    p0 = 2 * (1 + 10) / 1024  # by hand, as above
    assert "24 students took the check" in section
    row0 = rows[scripted["ids"][0]]
    assert f"{round(100 * 11 / 24)} % before, {round(100 * 19 / 24)} % after" in row0, row0
    assert "more students moved to the right kind than away from it" in row0
    assert f"about {round(100 * p0)} times in 100 (p = {p0:.3f})" in row0 and "McNemar" in row0
    row1 = rows[scripted["ids"][1]]
    assert "as many moved to the right kind as away from it" in row1 and "could well be chance (p = 1.00)" in row1
    row2 = rows[scripted["ids"][2]]
    assert "too few to show before, 100 % after" in row2, row2  # one student wrong before: never shown
    row3 = rows[scripted["ids"][3]]
    assert "0 % before, 0 % after" in row3 and "nobody changed their answer" in row3
    pull = next(line for line in section.splitlines() if "pull" in line)
    p_pull = 2 * sum(comb(17, k) for k in range(4)) / 2 ** 17
    assert "more students said a score would change what they do after the year" in pull
    assert f"p = {p_pull:.3f}" in pull and "sign test" in pull
    assert "What the class learned" in scripted["html"] and f"p = {p0:.3f}" in scripted["html"]


def test_the_check_rides_in_the_code_and_a_replay_keeps_it(scripted, harmony):
    year = yearlog.from_code(scripted["codes"][0], level_finder())
    assert year.data["check"]["statements"] == scripted["ids"]
    assert year.data["check"]["after"] == _check(harmony, year.state, 0)["after"]
    assert year.code == scripted["codes"][0]
    assert len(scripted["codes"][0]) < 60  # short enough to copy by hand
    one = list(scripted["codes"][0])
    one[-5] = "4" if one[-5] != "4" else "3"  # one answer changed by hand: the code's check refuses it
    with pytest.raises(yearlog.LogProblem):
        yearlog.from_code("".join(one), level_finder())


def test_a_log_whose_check_answers_other_statements_is_refused(scripted, harmony):
    path = scripted["logs"][0]
    data = json.loads(path.read_text())
    state = _year(harmony, SEED, 0)
    data["check"] = _check(harmony, state, 0)
    path.write_text(json.dumps(data))
    data["check"]["changed"] = "my neighbour Wang"
    path.write_text(json.dumps(data))
    assert yearlog.load(path, level_finder()).data["check"]["pull_after"] == PULL_AFTER[0]
    out = path.parent / "report"
    classreport.write_report([path], out)
    assert all("Wang" not in page.read_text() for page in out.iterdir())  # the free line is the student's own
    others = [s.id for s in harmony.statements if s.id not in scripted["ids"]][:4]
    data["check"]["statements"] = others
    path.write_text(json.dumps(data))
    with pytest.raises(yearlog.LogProblem, match="check answers are not for the statements"):
        yearlog.load(path, level_finder())


def _run(level, seed, answers, when="before", check=None):
    """One round of the check in the terminal, answers typed on stdin; (the check, what the screen said)."""
    term = terminal.Terminal(io.StringIO(answers), io.StringIO())
    term.echo = False  # what the game writes, not what the student types (a terminal shows that as it is typed)
    term.state = seeds.new_year(level, seed, next(iter(level.characters)), list(level.values)[:3])
    check = terminal.run_check(level, term, check, when)
    return check, term.out.getvalue()


@pytest.mark.parametrize("name", ["harmony_city", "rideshare"])
def test_the_whole_check_fits_in_250_words(name):
    level = load_level(LEVELS / name)
    # the worst draw there could be: the four statements with the most words, the longest kinds typed wrong
    weight = {s.id: 2 * count_words(s.text) + count_words(s.source.fact) for s in level.statements}
    worst = sorted(weight, key=lambda i: -weight[i])[:4]
    most = 0
    for seed, first in (("A1", None), ("B2", None), ("C3", None), ("D4", checking.blank(worst))):
        check, before = _run(level, seed, "\n1\n2\n3\n3\n3\n", check=first)
        check, after = _run(level, seed, "3\n3\n3\n3\n4\nthe readings on page 4 of the debrief\n", "after", check)
        assert checking.answered(check) and check["changed"].startswith("the readings")
        most = max(most, count_words(before + after))
    assert most <= 250, most


def test_a_student_skips_the_check_in_one_key(harmony, tmp_path):
    check, said = _run(harmony, SEED, "s\n1\n1\n1\n1\n")
    assert not checking.answered(check)
    assert "documented" not in said  # no statement was shown
    state = _year(harmony, SEED, 0)
    assert yearlog.code_of(harmony, state, (), check).count(":") == 4  # nothing of the check in the code


@pytest.mark.parametrize("name", ["harmony_city", "rideshare"])
def test_the_shipped_levels_ship_twelve_statements_with_sources(name):
    level = load_level(LEVELS / name)
    assert len(level.statements) >= 12
    assert all(s.source.fact and (s.source.ref or s.source.label == "invented") for s in level.statements)
    if name == "harmony_city":  # the fact sheet's myths are among them
        said = " ".join(s.text for s in level.statements)
        assert "one national score" in said and "trains and flights" in said


def test_validate_names_a_bad_statement_by_file_and_line(tmp_path):
    import shutil

    folder = tmp_path / "rideshare"
    shutil.copytree(LEVELS / "rideshare", folder)
    text = (folder / "check.yaml").read_text()
    text = text.replace("label: invented", "label: made_up", 1)
    text = text.replace("text: RideNow's health plan covers well-rated drivers first.",
                        "text: A claim that goes on and on and on and on and on.")
    (folder / "check.yaml").write_text(text)
    _level, problems, _warnings = check_level(folder)
    said = [str(p) for p in problems]
    lines = text.splitlines()
    made_up = next(i for i, line in enumerate(lines, 1) if "made_up" in line)
    assert any("check.yaml" in p and f":{made_up}" in p and "made_up" in p for p in said), said
    long_one = next(i for i, line in enumerate(lines, 1) if "on and on" in line) - 1  # its '- id:' line
    assert any(f"check.yaml:{long_one}:" in p and "words; at most 11" in p for p in said), said


def test_the_browser_bridge_asks_the_same_check_and_its_code_carries_it(tmp_path, harmony):
    import pickle

    from game.web import bridge

    levels = tmp_path / "levels.pickle"
    levels.write_bytes(pickle.dumps([harmony]))
    game = bridge.Game.from_file(levels, tmp_path / "web")
    setup = game.setup({"seed": "WEB-3", "months": 4, "check": True})
    assert setup["check"]
    screen = game.start(setup["level"], setup["seed"], "lin_yue", list(harmony.values)[:3])
    before = game.check("before")
    ids = checking.draw(harmony, setup["seed"])
    assert [s["id"] for s in before["statements"]] == ids
    assert game.check("after") == {} or not checking.answered(game.session.check)
    game.check_answer("before", {ids[0]: "documented", ids[1]: None, "not_drawn": "invented"}, 2)
    while not screen["over"]:
        screen = game.choose(0)
    after = game.check("after")
    assert sorted(s["id"] for s in after["statements"]) == sorted(ids)
    assert [s["id"] for s in after["statements"]] != ids  # another order
    done = game.check_answer("after", {sid: "invented" for sid in ids}, 4, "the <b>sources</b>")
    assert len(done["answers"]) == 4 and done["code"].count(":") == 6
    assert game.session.check["changed"] == "the <b>sources</b>" and "sources" not in done["code"]
    year = yearlog.from_code(done["code"], level_finder())
    assert year.data["check"]["before"][0] == "documented" and year.data["check"]["pull_after"] == 4


def test_a_split_class_shows_what_each_half_learned(tmp_path, harmony):
    from game.core import engine
    from game.play import classcode

    levels = {"harmony_city": harmony, "harmony_city_no_score": load_level(LEVELS / "harmony_city_no_score")}
    code = classcode.split_code(classcode.with_check("9C-6M"))
    lines = []
    for n in range(1, 13):
        placed = classcode.place(harmony, classcode.student_code(code, n))
        level = levels[placed.level_id]
        values = [list(level.values)[(n + k) % len(level.values)] for k in range(3)]  # no two codes alike
        state = seeds.new_year(level, placed.seed, list(level.characters)[n % 5], values)
        while not state.over:
            state = engine.apply(level, state, 0)
        check = checking.blank(checking.draw(level, state.seed))
        right = [next(s.source.label for s in level.statements if s.id == sid) for sid in check["statements"]]
        check["before"] = ["invented"] * 4
        check["after"] = right if placed.group == "score" else ["invented"] * 4
        check["pull_before"] = check["pull_after"] = 3
        lines.append(yearlog.code_of(level, state, (), check))
    (tmp_path / "codes.txt").write_text("\n".join(lines) + "\n")
    report = classreport.write_report([tmp_path / "codes.txt"], tmp_path / "out")
    page = (tmp_path / "out" / "class.md").read_text()
    assert len(report.years) == 6 and len(report.control_years) == 6
    halves = [part for part in page.split("## What the class learned")[1:]]
    assert len(halves) == 2, page
    first, second = halves[0], halves[1].split("\n## ")[0]
    assert first.startswith(" (Harmony City)") and second.startswith(f" ({levels['harmony_city_no_score'].title})")
    assert "(documented): 0 % before, 100 % after" in first  # the half that learned
    assert "(documented): 0 % before, 0 % after" in second and "100 % after" not in second.replace(
        "(invented): 100 % before, 100 % after", "")


def test_a_year_continued_later_keeps_its_first_round_and_asks_the_second(harmony, tmp_path):
    first = io.StringIO("1\n1\n2\n3\n\n1\n2\n3\n4\n5\nq\n")  # who, values, the check, then save and quit
    out = io.StringIO()
    terminal.play(harmony, tmp_path, "LATER-4M", None, True, first, out, check=True)
    assert "Your game is saved" in out.getvalue()
    rest = io.StringIO("1\n" * 60)
    out = io.StringIO()
    terminal.play(harmony, tmp_path, None, None, False, rest, out, check=True)
    said = out.getvalue()
    assert "Again:" in said and "The answers:" in said and "A two-minute check" not in said
    data = json.loads(next((tmp_path / "logs").glob("*.json")).read_text())
    assert data["check"]["before"] == list(checking.LABELS) and data["check"]["pull_before"] == 5


def test_the_students_own_report_carries_their_check_and_free_line(harmony, tmp_path):
    """What the student exports holds the check whole: each claim placed before and after with its answer,
    the pull, and the free line that no class page shows."""
    from game.report import export

    state = _year(harmony, SEED, 1)
    path = _log(tmp_path / "pc", harmony, state)
    data = json.loads(path.read_text())
    data["check"] = _check(harmony, state, 1)
    data["check"]["changed"] = "the court list"
    path.write_text(json.dumps(data))
    written = export.export(yearlog.load(path, level_finder()), tmp_path / "out")
    claims = [checking.draw(harmony, SEED)[i] for i in range(4)]
    for page in (written["markdown"], written["html"]):
        shown = page.read_text()
        assert "Your two-minute check" in shown and "the court list" in shown, page
        assert all(next(s.text for s in harmony.statements if s.id == sid)[:20] in shown for sid in claims)
    assert json.loads(written["log"].read_text())["check"]["changed"] == "the court list"
