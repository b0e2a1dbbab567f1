"""The projected class page keeps every count below 3 hidden, even from a reader who works at it: the test
reads the page as such a reader would (every number, every bar's width, every total and complement) and
tries to pin down each hidden count."""

import html
import itertools
import re
from pathlib import Path

import pytest

from game.content.level import load_level
from game.core import bots, engine, rng
from game.play import classcode, seeds, yearlog
from game.play.yearlog import Year
from game.report import classreport, experiment
from tests.conftest import ROOT

KEYS = ("points", "values", "goal", "other")


def _years(level, codes, control=None):
    """One year per seed, played by a mix of bots; students of a split class placed as their code says."""
    out = []
    for n, seed in enumerate(codes, start=1):
        played = level
        if classcode.is_split(seed):
            placed = classcode.place(level, seed)
            played, seed = (level if placed.level_id == level.id else control), placed.seed
        people, values = list(played.characters), list(played.values)
        bot = rng.seed_state(f"pupil-{n}")
        chosen = [values[(n + k) % len(values)] for k in range(3)]
        policy = bots.POLICIES[n % len(bots.POLICIES)]
        bot, state = bots.play_year(played, seed, people[n % len(people)], chosen, policy, bot,
                                    *seeds.terms(played, seed))
        asked = yearlog.question_steps(played, state.log)
        answers = [{"step": s, "answer": KEYS[(n * 7 + i) % 4 if n % 3 else 0]} for i, s in enumerate(asked)]
        out.append(classreport.Entry(Path(f"s{n}.json"), Year(played, state, engine.record(state, played),
                                                               {"answers": answers})))
    return out


@pytest.fixture(scope="module")
def classes(harmony):
    control = load_level(ROOT / "levels" / "harmony_city_no_score")
    split = _years(harmony, [classcode.student_code("PRV-SPLIT-6M", n) for n in range(1, 25)], control)
    return {"split of 24": classreport.choose_class(split),
            "plain of 8": classreport.choose_class(_years(harmony, ["PRV-6M"] * 8)),
            "plain of 24": classreport.choose_class(_years(harmony, ["PRV-6M"] * 24))}


def _text(page: str) -> str:
    body = page.split("</style>", 1)[1]
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def _ways(group: classreport.Group, keys: list) -> dict:
    """What a reader can work out of one printed group: for each key, every count it could have, given the
    printed counts, the rest and the total (which is the sum of what is printed)."""
    shown = dict(group.shown)
    hidden = [k for k in keys if k not in shown]
    possible: dict = {k: {n} for k, n in shown.items()}
    for k in hidden:
        possible[k] = set()
    for combo in itertools.product(range(group.rest + 1), repeat=len(hidden)):
        if sum(combo) == group.rest:
            for k, c in zip(hidden, combo, strict=True):
                possible[k].add(c)
    return possible


@pytest.mark.parametrize("name", ["split of 24", "plain of 8", "plain of 24"])
def test_no_hidden_count_can_be_worked_out_from_the_page(classes, name, harmony):
    report = classes[name]
    page = classreport.to_html(report)
    groups = classreport.published(report)
    assert groups
    printed = {n for g in groups for _k, n in g.parts} | {g.total for g in groups}
    labels = " ".join([b["title"] for b in report.summary["rulebooks"]] + [c.title for c in harmony.cards.values()])
    for g in groups:
        keys = sorted(set(g.truth) | {k for k, _n in g.shown}, key=str)
        ways = _ways(g, keys)
        for key, true in g.truth.items():
            assert true in ways[key], (name, key)  # the reader's reasoning holds for the truth
            if 0 < true < classreport.SMALL:
                assert len(ways[key]) > 1, f"{name}: {key} = {true} can be worked out"
    # a card's students, taken from the class's printed size, must not give away the one or two who never met it
    for _card, g in classreport.split_groups(report.summary, 8):
        assert report.summary["n"] - g.total == 0 or report.summary["n"] - g.total >= classreport.SMALL, name
    # every number on the page is a printed count of at least 3, a share in steps, or a fact of the class
    text = _text(page)
    text = re.sub(r"\d+(\.\d+)? ?%|\d+ percentage points|\d+\.\d+|p = [\d.]+|p < [\d.]+", " ", text)
    text = text.replace(report.seed, " ")
    allowed = printed | {classreport.SMALL, report.summary["months"], report.summary["n"], 95, 100}
    if report.control is not None:
        allowed.add(len(report.control_years))
    for n in map(int, re.findall(r"\b\d+\b", text)):
        assert n in allowed or n >= classreport.SMALL and str(n) in labels, f"{name}: {n} on the page"
        assert n >= classreport.SMALL or n == 0, f"{name}: {n} on the page"
    # every bar is as long as a printed count makes it, or a share in steps of 10
    widths = {round(100 * n / g.total) for g in groups for _k, n in g.parts}
    widths |= {0, 10, 90, 100} | set(range(20, 81, 10))
    for w in re.findall(r"width:([\d.]+)%", page):
        assert round(float(w)) in widths, f"{name}: a bar {w}% wide"
    assert text.count("fewer than 3") <= 8, "the page must stay readable (the old page said it 28 times)"


def test_the_watched_and_unwatched_shares_are_there_for_a_plain_class_of_24(classes):
    page = _text(classreport.to_html(classes["plain of 24"]))
    part = page.split("Where watched, and where not")[1].split("The choices that split")[0]
    shares = re.findall(r"about \d+ %|under 5 %|over 95 %|never", part)
    assert len(shares) == 2, part


def test_a_rare_answer_is_merged_into_the_rest_and_never_shown_alone():
    group = classreport.protect({"A": 10, "B": 1, "C": 4, "D": 9})
    assert dict(group.shown) == {"A": 10, "D": 9} and group.rest == 5  # B (1) took C (4) with it
    group = classreport.protect({"reached": 22, "missed": 2})
    assert group.shown == [] and group.rest == 24  # the complement would give the 2 away
    assert classreport.protect({"x": 5, "y": 0}).parts == [("x", 5)]


def test_the_card_bars_of_the_experiment_say_no_more_than_their_words():
    for met in range(5, 13):
        assert experiment.bar_share(1, met) == experiment.bar_share(2, met) == 10
        assert experiment.bar_share(met - 1, met) == experiment.bar_share(met - 2, met) == 90
