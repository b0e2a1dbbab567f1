"""The class report of a split class finds what the score did to the class's choices, and only that."""

from dataclasses import dataclass

import pytest

from game.content.level import load_level
from game.core import engine
from game.play import classcode, seeds
from game.report import experiment
from tests.conftest import ROOT

VALUES = ["family", "honesty", "freedom"]
KNOWN = "party_evening_invite"  # a card every character meets


@dataclass
class Year:
    """What the comparison reads of a recomputed year."""

    level: object
    state: engine.State
    data: dict

    @property
    def log(self):
        return self.state.log


def _class(answer, students: int = 24):
    """A split class on one seed: `answer(half, i, card, n_options, step)` picks each option, where i is
    the student's place in their half (0, 1, 2...), so the two halves can be scripted alike."""
    levels = {lid: load_level(ROOT / "levels" / lid) for lid in ("harmony_city", "harmony_city_no_score")}
    years = {"score": [], "control": []}
    for n in range(1, students + 1):
        placed = classcode.place(levels["harmony_city"], classcode.student_code("9B-6M", n))
        level = levels[placed.level_id]
        i = (n - 1) // 2  # odd numbers play under the score, even ones without: i counts within a half
        character = list(level.characters)[i % len(level.characters)]
        state = seeds.new_year(level, placed.seed, character, VALUES)
        while not state.over:
            decision = engine.pending(level, state)
            card = decision.card.id if decision.card else None
            pick = answer(placed.group, i, card, len(decision.options), len(state.choices))
            state = engine.apply(level, state, pick)
        years[placed.group].append(Year(level, state, {}))
    return levels, years


def _alike(half, i, card, k, step):
    return (i + step) % k


def test_a_card_where_the_halves_answer_differently_comes_first_and_is_unlikely_by_chance():
    def answer(half, i, card, k, step):
        if card == KNOWN:  # under the score, 10 of 12 go to the Party evening; without, 2 of 12
            return 0 if i < (10 if half == "score" else 2) else 1
        return _alike(half, i, card, k, step)

    levels, years = _class(answer)
    met = [sum(1 for y in years[h] for e in y.log if e["t"] == "decision" and e["card"] == KNOWN) for h in years]
    assert met == [12, 12], "every student meets the known card"
    exp = experiment.compare(levels["harmony_city"], years["score"], levels["harmony_city_no_score"],
                             years["control"])
    top = exp.cards[0]
    assert top.card == KNOWN
    label = levels["harmony_city"].cards[KNOWN].choices[0].label
    chose = tuple(sum(1 for y in years[h] for e in y.log if e["t"] == "decision" and e["card"] == KNOWN
                      and e["chosen"] == 0) for h in ("score", "control"))
    assert chose == (10, 2)
    assert top.met == (12, 12) and (top.option, top.chose) in ((label, (10, 2)), (top.option, (2, 10)))
    assert top.unlikely_by_chance and top.p_value < 0.05  # Holm-corrected for every card compared
    assert [c.card for c in exp.findings] == [KNOWN]
    assert experiment.headline(exp).startswith("With the score, the class chose")


def test_halves_that_answer_alike_show_no_difference_and_say_so():
    levels, years = _class(_alike)
    exp = experiment.compare(levels["harmony_city"], years["score"], levels["harmony_city_no_score"],
                             years["control"])
    assert exp.findings == []
    assert experiment.headline(exp).startswith("Card by card, no difference")


def test_halves_too_small_to_tell_are_named_as_such():
    levels, years = _class(_alike, students=6)
    exp = experiment.compare(levels["harmony_city"], years["score"], levels["harmony_city_no_score"],
                             years["control"])
    assert exp.too_small and "Too few students" in experiment.headline(exp)


@pytest.mark.parametrize("half", ["score", "control"])
def test_civic_acts_are_counted_per_month_in_each_half(half):
    levels, years = _class(lambda h, n, card, k, step: 0 if card is None and h == half else k - 1)
    exp = experiment.compare(levels["harmony_city"], years["score"], levels["harmony_city_no_score"],
                             years["control"])
    busy = exp.civic_per_month[0 if half == "score" else 1]
    idle = exp.civic_per_month[1 if half == "score" else 0]
    assert busy > 0.5 and idle == 0


def test_shares_on_the_projector_never_show_a_count_below_three():
    assert experiment.share(9, 12) == "about 80 %"
    assert experiment.share(10, 12) == "all but fewer than 3"  # 2 who did not: a count below 3
    assert experiment.share(0, 12) == "none"
    assert experiment.share(2, 12) == "fewer than 3"
    assert experiment.share(11, 12) == "all but fewer than 3"
    assert experiment.share(1, 2) == "fewer than 3 met it"
    # a bar is as long for one as for two, and no longer for 3 of 12 than for 3 of 9
    assert experiment.bar_share(1, 12) == experiment.bar_share(2, 9) and experiment.bar_share(11, 12) == 90


def test_the_bot_experiment_shows_a_teacher_what_to_expect():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "game", "simulate", "--experiment", "--seed", "9B"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    blocks = dict(b.split(" ==\n", 1) for b in out.stdout.split("\n== ")[1:])
    assert set(blocks) == {"mixed", "conformist", "free", "strategic", "random", "balanced"}
    assert "With the score, the class chose" in blocks["conformist"]  # compliance shows
    assert "penalised acts" in blocks["mixed"]  # the primary outcome, unless the code says otherwise


def test_the_class_report_of_a_split_class_finds_the_card_the_halves_answered_differently(tmp_path):
    from game.play.session import Session
    from game.report.classreport import write_report

    levels = {lid: load_level(ROOT / "levels" / lid) for lid in ("harmony_city", "harmony_city_no_score")}
    for n in range(1, 25):
        placed = classcode.place(levels["harmony_city"], classcode.student_code("9B-6M", n))
        level, i = levels[placed.level_id], (n - 1) // 2
        values = [list(level.values)[(i + k) % len(level.values)] for k in range(3)]
        session = Session.new(level, tmp_path / f"s{n}", placed.seed, list(level.characters)[i % 5], values)
        while not session.state.over:
            decision = session.decision
            card = decision.card.id if decision.card else None
            if card == KNOWN:
                pick = 0 if i < (10 if placed.group == "score" else 2) else 1
            else:
                pick = _alike(placed.group, i, card, len(decision.options), len(session.state.choices))
            session.choose(pick)
        (tmp_path / "class").mkdir(exist_ok=True)
        session.log_path.rename(tmp_path / "class" / f"student{n}.json")
    report = write_report([tmp_path / "class"], tmp_path / "out")
    assert len(report.years) == 12 and len(report.control_years) == 12
    top = report.experiment.cards[0]
    assert top.card == KNOWN and top.unlikely_by_chance
    projected = (tmp_path / "out" / "class.html").read_text(encoding="utf-8")
    assert "The class experiment" in projected and "student" not in projected.lower().replace("students", "")


# --- the crossover design, and the experiment measured on itself --------------------------------------------


def test_a_crossover_student_meets_the_same_deck_in_both_years_and_the_order_is_balanced():
    levels = {lid: load_level(ROOT / "levels" / lid) for lid in ("harmony_city", "harmony_city_no_score")}
    base = levels["harmony_city"]
    firsts = []
    for n in (7, 8):
        first, second = classcode.cross_codes("10C-CROSS-6M", n)
        places = [classcode.place(base, code) for code in (first, second)]
        assert {p.group for p in places} == {"score", "control"}  # one year under each rulebook
        firsts.append(places[0].group)
        decks = []
        for p in places:
            state = engine.new_game(levels[p.level_id], p.seed, "zhao_lei", VALUES)
            decks.append(engine.pending(levels[p.level_id], state).card.id)
        assert decks[0] == decks[1]
    assert firsts == ["score", "control"]  # odd numbers meet the score first, even numbers second


@pytest.fixture(scope="module")
def crossed():
    from game.play.botclass import experiment_class
    from game.report import classreport

    levels = {lid: load_level(ROOT / "levels" / lid) for lid in ("harmony_city", "harmony_city_no_score")}
    scored, unscored = experiment_class(levels["harmony_city"], levels["harmony_city_no_score"], "crossover", 24,
                                        1.0, classcode.with_outcome("XO-6M", "civic"))
    entries = [classreport.Entry(ROOT / f"y{i}.json", y) for i, y in enumerate(scored + unscored)]
    return classreport.choose_class(entries)


def test_the_report_of_a_crossover_class_pairs_each_student_s_two_years(crossed):
    from game.report import classreport

    exp = crossed.experiment
    assert exp is not None and exp.design == "crossover" and exp.unpaired == 0
    assert sum(exp.primary.students) == 24  # 24 students, each with a year under each rulebook
    assert len(crossed.years) == len(crossed.control_years) == 24
    page = classreport.markdown(crossed)
    assert "Crossover" in page and "civic acts a month" in page and "95 % interval" in page
    assert "would notice a difference of about" in page and "Exploratory" in page


def test_a_class_of_score_aware_students_shows_the_effect_on_the_primary_outcome(crossed):
    primary = crossed.experiment.primary
    assert primary.effect > 0 and primary.low < primary.effect < primary.high
    assert primary.claims and primary.p_value < 0.05


def test_simulate_measures_the_report_s_claims_rate():
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "game", "simulate", "--experiment", "no_score", "--design",
                          "crossover", "--classes", "4", "--size", "12", "--aware", "0", "--json"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["classes"] == 4 and result["design"] == "crossover" and 0 <= result["claims_rate"] <= 1
