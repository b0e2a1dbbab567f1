"""The two-minute check: four statements placed by kind of fact before the year and again after the debrief.

Which four a student meets is drawn from the level's pool by the seed alone (a crossover student's number
taken out, see `gamecode.deck_seed`), so a whole class answers the same four and the class report can count
each statement over the class. Two come from the true kinds (documented, reported) and two from the others
(the article's idea, invented) where the pool allows, so "it is all true" or "it is all made up" scores half.

A student's answers are kept as one mapping (see `blank`), the same in a log, a save and a game code:
`before` and `after` are the placements of the four in drawn order (None for one skipped), `pull_before`
and `pull_after` the five-point answer to "how much would a score like this change what you do?".
"""

from __future__ import annotations

from typing import Any

from game.core import gamecode, rng
from game.core.model import SOURCE_LABELS, Level

SHOWN = 4  # statements a student places
PULL_STEPS = 5  # the five-point question
TRUE_KINDS = ("documented", "reported")
LABELS = SOURCE_LABELS  # the order a code numbers placements in (1 to 4; 0 for one skipped)


def draw(level: Level, seed: str) -> list[str]:
    """The ids of the four statements a year on this seed asks about, in the order first shown."""
    pool = list(level.statements)
    if len(pool) < SHOWN:
        return []
    state = rng.seed_state("check|" + gamecode.deck_seed(seed))
    true = [s.id for s in pool if s.source.label in TRUE_KINDS]
    false = [s.id for s in pool if s.source.label not in TRUE_KINDS]
    state, true = rng.shuffled(state, true)
    state, false = rng.shuffled(state, false)
    half = SHOWN // 2
    picked = true[:half] + false[:half]
    rest = true[half:] + false[half:]
    state, rest = rng.shuffled(state, rest)
    picked += rest[:SHOWN - len(picked)]
    state, picked = rng.shuffled(state, picked)
    return picked


def after_order(ids: list[str]) -> list[str]:
    """The same statements in another order for the second round: every one in a new place."""
    return ids[1:] + ids[:1] if len(ids) > 1 else list(ids)


def blank(ids: list[str]) -> dict[str, Any]:
    """A check not yet answered."""
    return {"statements": list(ids), "before": [None] * len(ids), "after": [None] * len(ids),
            "pull_before": None, "pull_after": None}


def answered(check: dict[str, Any] | None) -> bool:
    """Whether a student gave any answer at all (a check skipped in one key keeps none)."""
    if not check:
        return False
    return any(x is not None for x in [*check.get("before", ()), *check.get("after", ()),
                                       check.get("pull_before"), check.get("pull_after")])


def digits(check: dict[str, Any] | None) -> str:
    """A check's answers as code digits: four placements (1-4, 0 skipped), the pull (1-5, 0), the same after;
    trailing skips dropped, '' when nothing was answered."""
    if not answered(check):
        return ""
    assert check is not None

    def place(x: Any) -> str:
        return str(LABELS.index(x) + 1) if x in LABELS else "0"

    def pull(x: Any) -> str:
        return str(x) if isinstance(x, int) and 1 <= x <= PULL_STEPS else "0"

    out = "".join(place(x) for x in check["before"]) + pull(check.get("pull_before"))
    out += "".join(place(x) for x in check["after"]) + pull(check.get("pull_after"))
    return out.rstrip("0")


def from_digits(ids: list[str], text: str) -> dict[str, Any]:
    """The check a code's digits stand for; ValueError when they cannot be a check of these statements."""
    n = len(ids)
    width = 2 * (n + 1)
    if not ids or len(text) > width or not text.isdigit():
        raise ValueError("not a check's answers")
    text = text.ljust(width, "0")
    places = [int(ch) for ch in text[:n] + text[n + 1:2 * n + 1]]
    pulls = [int(text[n]), int(text[2 * n + 1])]
    if any(p > len(LABELS) for p in places) or any(p > PULL_STEPS for p in pulls):
        raise ValueError("not a check's answers")
    check = blank(ids)
    check["before"] = [LABELS[p - 1] if p else None for p in places[:n]]
    check["after"] = [LABELS[p - 1] if p else None for p in places[n:]]
    check["pull_before"], check["pull_after"] = (p or None for p in pulls)
    return check


def problem(level: Level, seed: str, check: Any) -> str:
    """What is wrong with a check kept beside a year ('' when it is sound): it must be for the statements this
    seed draws, placed with the four labels, the pull on its five steps. A free line may ride beside it."""
    ids = draw(level, seed)
    if not isinstance(check, dict) or not ids:
        return "the check is not a mapping, or this level asks no check"
    if set(check) - {"statements", "before", "after", "pull_before", "pull_after", "changed"}:
        return "the check has fields a check does not have"
    if check.get("statements") != ids:
        return "the check is not for the statements this seed draws"
    for key in ("before", "after"):
        got = check.get(key)
        if not isinstance(got, list) or len(got) != len(ids) or any(x is not None and x not in LABELS for x in got):
            return f"the check's '{key}' answers are not four placements"
    for key in ("pull_before", "pull_after"):
        x = check.get(key)
        if x is not None and (type(x) is not int or not 1 <= x <= PULL_STEPS):
            return f"the check's '{key}' is not a step from 1 to {PULL_STEPS}"
    if not isinstance(check.get("changed", ""), str):
        return "the check's free line is not text"
    return ""

