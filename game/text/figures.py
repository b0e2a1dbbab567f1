"""Figures in the docs that the game can compute, each made by a command and kept true by a test.

A figure sits in README.md or docs/teachers.md between `<!-- figures: NAME -->` and `<!-- /figures -->`
(an HTML comment: invisible on the page). `python -m game figures NAME` prints what belongs there,
`python -m game figures --write` puts every one in place, and `tests/test_doc_figures.py` fails when
a doc says something else. The doc names, beside each figure, the command it comes from.

The samples are chosen to be quick to remake (500 bot years a policy for the balance, 10 for the
words): the docs say so, and the test remakes them all in a few seconds.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from pathlib import Path

from game.core import bots, rng
from game.core.model import Level
from game.play.seeds import with_length
from game.play.simulate import simulate

BALANCE_GAMES = 500
BALANCE_SEED = "1"
WORDS_GAMES = 10
DECISION_GAMES = 50
EXPERIMENT_SEED = "9B-6M"
BALANCED = (*bots.POLICIES, *bots.MEASURING, *(f"{bots.APPETITE}{w:g}" for w in bots.SWEEP))
MARK = re.compile(r"(<!-- figures: (\w+) -->)(.*?)(<!-- /figures -->)", re.S)
DOCS = ("README.md", "docs/teachers.md")


class Figures:
    """The measurements behind the figures, each made once, when a figure first asks for it."""

    def __init__(self, level: Level, levels: dict[str, Level]) -> None:
        self.level = level
        self.levels = levels
        self._balance: dict[str, dict] | None = None
        self._words: dict[int, dict[str, dict]] = {}
        self.made: dict[str, str] = {}
        self.example: str | None = None  # the teachers' guide's example game code, played once

    @property
    def balance(self) -> dict[str, dict]:
        """`python -m game simulate --policy P --games 500 --seed 1 --json`, for each built-in bot, the measuring
        ones and each appetite of the sweep."""
        if self._balance is None:
            self._balance = {p: simulate(self.level, p, BALANCE_GAMES, BALANCE_SEED, stakes=True) for p in BALANCED}
        return self._balance

    def words(self, months: int) -> dict[str, dict]:
        """`python -m game words --games 10`, for one length of year."""
        if months not in self._words:
            from game.text import wordcount

            self._words[months] = wordcount.measure(self.level, months, WORDS_GAMES)
        return self._words[months]


def _pct(x: float) -> str:
    return f"{round(x * 100)}%"


def cards(f: Figures) -> str:
    """The main level's size, as `python -m game validate levels/harmony_city` prints it."""
    return f"{len(f.level.cards)} cards, {len(f.level.characters)} characters"


def balance(f: Figures) -> str:
    """The README's balance table: every built-in bot, the measuring ones and the appetite sweep."""
    rows = ["| policy | grades A / B / C / D | goal | good year | months with a meter at 0 "
            "| needs met / delayed / unmet | market share of points | months with a live dilemma "
            "| the month with fewest | good year, worst character |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for policy, r in f.balance.items():
        worst = min(c["good_year_rate"] for c in r["per_character"].values())
        grades = " / ".join(_pct(r["grades"].get(g, 0) / r["games"]) for g in "ABCD")
        needs = " / ".join(f"{r['needs'][k]:.2f}" for k in ("met", "delayed", "unmet"))
        live = r["live_dilemma_by_month"]
        rows.append(f"| {policy} | {grades} | {_pct(r['goal_rate'])} | **{_pct(r['good_year_rate'])}** "
                    f"| {r['months_at_min']:.1f} | {needs} | {_pct(r['civic_points_share'])} "
                    f"| {_pct(r['live_dilemma_rate'])} | {_pct(min(live.values()))} | {_pct(worst)} |")
    return "\n" + "\n".join(rows) + "\n"


def balance_notes(f: Figures) -> str:
    """What the conformist's year costs, in the balance runs' own numbers."""
    r = f.balance
    money = {p: r[p]["mean_meters"]["money"] for p in ("conformist", "free", "balanced")}
    return (f"in {r['conformist']['trigger_rate'] * 100:.1f}% of its years a meter runs out before December and deals "
            f"a crisis card, and its meters sit at 0 for {r['conformist']['months_at_min']:.1f} month-ends a year. "
            f"Grade A's perks (cheaper fares, no deposits: one money a month) do not make the conformist the "
            f"richest player: it ends the year with {money['conformist']:.1f} money on average, the free player "
            f"with {money['free']:.1f} and the balanced one with {money['balanced']:.1f}")


def _decisions(f: Figures, months: int) -> str:
    """How many decisions a year of this length asks, on average over the five bots (50 years each)."""
    counts = []
    for policy in bots.POLICIES:
        bot = rng.seed_state(f"decisions-{policy}")
        people = list(f.level.characters)
        for n in range(DECISION_GAMES):
            seed = with_length(f"DECISIONS-{n}", months, f.level.months)  # as a class's short-year seed reads
            bot, state = bots.play_year(f.level, seed, people[n % len(people)], list(f.level.values)[:3], policy, bot,
                                        months if months < f.level.months else None)
            counts.append(len(state.choices))
    return f"about {statistics.mean(counts):.0f} decisions"


def decisions_full(f: Figures) -> str:
    return _decisions(f, f.level.months)


def decisions_short(f: Figures) -> str:
    return _decisions(f, 6)


def _example_code(f: Figures) -> str:
    """The teachers' guide's example code: Lin Yue's six-month year on CLASS-7, answering 1 throughout
    (`yes 1 | python -m game play --text --new --seed CLASS-7 --months 6 --character lin_yue`). Any change of
    the cards changes it, so it is a figure: `figures --write` makes it again."""
    from game.core import engine, gamecode
    from game.play import seeds

    if f.example is None:
        seed = with_length("CLASS-7", 6, f.level.months)
        values = list(f.level.values)[:3]  # "1" to each of the three questions: the first value left each time
        state = seeds.new_year(f.level, seed, "lin_yue", values)
        assert isinstance(state, engine.State)
        while not state.over:
            state = engine.apply(f.level, state, 0)
            assert isinstance(state, engine.State)
        f.example = gamecode.encode(f.level, state.seed, state.character, state.values, state.choices)
    return f.example


def example_code(f: Figures) -> str:
    return f"`{_example_code(f)}`"


def example_replay(f: Figures) -> str:
    return f"`python -m game play --text --code {_example_code(f)}`"


def example_replay3(f: Figures) -> str:
    return f"`python3 -m game play --text --code {_example_code(f)}`"


def example_folder(f: Figures) -> str:
    return f"`exports/{_example_code(f).replace(':', '_')}`"


def dominated(f: Figures) -> str:
    """Options worse than another on points and every meter, of all options (`simulate --cards`)."""
    from game.play.simulate import dominated as worse

    return f"{len(worse(f.level))} of {sum(len(c.choices) for c in f.level.cards.values())}"


def words(f: Figures) -> str:
    """teachers.md's block: `python -m game words --games 10`."""
    from game.text import wordcount

    block = "\n".join(wordcount.report(f.level, months, WORDS_GAMES, f.words(months)) for months in (6, 12))
    return f"\n```\n{block}\n```\n"


def reading(f: Figures) -> str:
    """The reading times in words, from the same measurement."""
    def times(months: int) -> tuple[int, int, int, int]:
        result = f.words(months)
        mean = statistics.mean(r["mean"] for r in result.values())
        top = max(r["max"] for r in result.values())
        return round(mean / 150), round(top / 150), round(mean / 100), round(top / 100)
    s, f_ = times(6), times(f.level.months)
    return (f"a short year is about **{s[0]} minutes** of reading, {s[1]} at the most (slower readers, at 100 "
            f"words a minute, need about {s[2]} to {s[3]}), and a full year about **{f_[0]} minutes**, {f_[1]} at "
            f"the most ({f_[2]} to {f_[3]} for slower readers)")


def bot_years(f: Figures) -> str:
    """teachers.md's closing slide: what the conformist and the free bot end with."""
    c, fr = f.balance["conformist"], f.balance["free"]
    low = sum(n for g, n in fr["grades"].items() if g in ("C", "D")) / fr["games"]
    return (f"\n- the conformist bot ended {_pct(c['grades'].get('A', 0) / c['games'])} of its years in grade A and "
            f"reached its goal in {_pct(c['goal_rate'])}, but finished with little family (about "
            f"{c['mean_meters']['family']:.1f} out of 10) and little wellbeing (about "
            f"{c['mean_meters']['wellbeing']:.1f} out of 10);\n"
            f"- the free bot kept its family (about {fr['mean_meters']['family']:.1f}) and self-respect (about "
            f"{fr['mean_meters']['integrity']:.1f}), but ended {_pct(low)} of its years in grade C or D and "
            f"reached its goal in {_pct(fr['goal_rate'])} of them.\n")


def points_origin(f: Figures) -> str:
    """Where a score-blind player's lost points come from (the debrief's `points_by_label`), 100 years each."""
    from game.core.debrief import points_by_label

    said = []
    for policy in ("free", "balanced"):
        lost: dict[str, int] = {}
        bot = rng.seed_state(f"origin-{policy}")
        people = list(f.level.characters)
        for n in range(DECISION_GAMES * 2):
            bot, state = bots.play_year(f.level, f"ORIGIN-{n}", people[n % len(people)], list(f.level.values)[:3],
                                        policy, bot)
            for label, points in points_by_label(f.level, state.log)["lost"].items():
                lost[label] = lost.get(label, 0) + points
        total = sum(lost.values()) or 1
        imagined = (lost.get("thought_experiment", 0) + lost.get("invented", 0)) / total
        said.append((policy, _pct(imagined), _pct(lost.get("documented", 0) / total)))
    (p1, i1, d1), (p2, i2, d2) = said
    return (f"the `{p1}` bot loses {i1} of its lost points to rules the article imagined or the game invented "
            f"and {d1} to documented ones; the `{p2}` bot, {i2} and {d2}")


def experiment(f: Figures) -> str:
    """teachers.md's sample: the mixed class of `python -m game simulate --experiment --seed 9B-6M`, the
    lines that command prints under `== mixed ==`."""
    from game.play.botclass import MIXED, split_class
    from game.report import experiment as exp

    control = f.levels[f.level.control]
    scored, unscored = split_class(f.level, control, MIXED, 24, EXPERIMENT_SEED)
    lines = exp.lines(exp.compare(f.level, scored, control, unscored), top=3)
    return "\n```\n" + "\n".join(lines) + "\n```\n"


FIGURES: dict[str, Callable[[Figures], str]] = {
    "cards": cards, "balance": balance, "balance_notes": balance_notes, "dominated": dominated,
    "example_code": example_code, "example_replay": example_replay, "example_replay3": example_replay3,
    "example_folder": example_folder,
    "decisions_full": decisions_full, "decisions_short": decisions_short, "words": words,
    "reading": reading, "bot_years": bot_years, "points_origin": points_origin, "experiment": experiment}


def render(name: str, f: Figures) -> str:
    """What belongs between the marks of figure `name` (made once per `Figures`)."""
    if name not in f.made:
        f.made[name] = FIGURES[name](f)
    return f.made[name]


def check(root: Path, f: Figures, names: set[str] | None = None) -> list[tuple[str, str, str, str]]:
    """Each figure in the docs that says something else than its command: (doc, name, written, made)."""
    drift = []
    for doc in DOCS:
        text = (root / doc).read_text(encoding="utf-8")
        for m in MARK.finditer(text):
            name = m.group(2)
            if name not in FIGURES:
                drift.append((doc, name, m.group(3), f"(no figure called {name!r}: one of {', '.join(FIGURES)})"))
                continue
            if names is not None and name not in names:
                continue
            made = render(name, f)
            if m.group(3) != made:
                drift.append((doc, name, m.group(3), made))
    return drift


def write(root: Path, f: Figures) -> list[str]:
    """Put every figure in place in the docs; the names of the docs changed."""
    changed = []
    for doc in DOCS:
        path = root / doc
        text = path.read_text(encoding="utf-8")
        new = MARK.sub(lambda m: m.group(1) + (render(m.group(2), f) if m.group(2) in FIGURES else m.group(3))
                       + m.group(4), text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(doc)
    return changed
