"""A split class: half the class lives under the level's score, half under its control level, on one deck.

The teacher's class code carries a `SPLIT` part (`9B-SPLIT`, or `9B-SPLIT-6M` for a short year). A
student who types it is put in one of the two halves: by the number the teacher gave them (`9B-SPLIT7`: odd numbers
live under the score, even numbers under the control level, so 24 students make two halves of 12), or
at random when there is no number. The number is then taken out of the seed, so every student of the
class is dealt the same deck, and the game code names the level the student played: the class report
reads the halves from the codes, never from what a student says.

A crossover class (`9B-CROSS-6M`) gives every student two codes, `9B-CROSS7A-6M` for their first year and
`9B-CROSS7B-6M` for their second: the same deck in both (the engine deals from the seed with the number
taken out), one year under each rulebook, odd numbers under the score first, so the order is balanced.
The number stays in the code, so the report pairs each student's two years.

The class code also names the one outcome the experiment looks at, fixed before play: `PENAL` (the share
of penalised acts taken when on offer, the default) or `CIVIC` (civic acts a month), as a part of its own.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from game.core.model import Level
from game.play.seeds import length_marker

_SPLIT = re.compile(r"^SPLIT(\d{0,2})$")  # a new_seed() never makes it: no I or L there
_CROSS = re.compile(r"^CROSS(\d{0,2})([AB]?)$")
OUTCOME_PARTS = {"CIVIC": "civic", "PENAL": "penalised"}  # new_seed() makes neither: they hold an I or an L
SCORE, CONTROL = "score", "control"
SPLIT, CROSSOVER = "split", "crossover"


class SplitError(ValueError):
    """A split code that cannot be used here, in words a teacher understands."""


@dataclass(frozen=True)
class Placement:
    """Where a student of a split class plays."""

    level_id: str  # the level this student lives under
    seed: str  # the class's seed, the student's number taken out: the same deck for everyone
    group: str  # SCORE or CONTROL
    number: int | None  # the number the teacher gave, if any


CHECK_PART = "QUIZ"  # a class code that asks for the two-minute check (new_seed() never makes it: it holds an I)


def asks_check(seed: str | None) -> bool:
    """Whether a class code asks every student for the two-minute check before and after the year."""
    return CHECK_PART in str(seed or "").upper().split("-")[1:]


def with_check(seed: str) -> str:
    """The class code with its check part (before any length marker)."""
    if asks_check(seed):
        return seed
    body, marker = length_marker(str(seed).strip().upper())
    return f"{body}-{CHECK_PART}{marker}"


def is_split(seed: str) -> bool:
    """A class code of either design: a half or a year of the class lives under the control level."""
    return any(_SPLIT.match(part) or _CROSS.match(part) for part in str(seed).upper().split("-")[1:])


def design(seed: str) -> str:
    return CROSSOVER if any(_CROSS.match(p) for p in str(seed).upper().split("-")[1:]) else SPLIT


def primary_outcome(seed: str) -> str:
    """The outcome the class code fixed before play: the share of penalised acts taken unless it says otherwise
    (simulated classes found it the more sensitive of the two: see the README)."""
    return next((OUTCOME_PARTS[p] for p in str(seed).upper().split("-")[1:] if p in OUTCOME_PARTS), "penalised")


def with_outcome(seed: str, outcome: str) -> str:
    """The class code with its primary outcome part (before any length marker)."""
    part = next(k for k, v in OUTCOME_PARTS.items() if v == outcome)
    body, marker = length_marker(str(seed).strip().upper())
    body = "-".join(p for p in body.split("-") if p not in OUTCOME_PARTS)
    return f"{body}-{part}{marker}"


def cross_code(seed: str) -> str:
    """The class code of a crossover class on this seed: a `CROSS` part before any length marker."""
    return _with_design(seed, "CROSS")


def cross_codes(code: str, number: int) -> tuple[str, str]:
    """Student `number`'s two codes of a crossover class: the first year's, then the second's."""
    if not 1 <= number <= 99:
        raise SplitError("student numbers go from 1 to 99")
    parts = cross_code(code).split("-")
    return tuple("-".join(parts[:1] + [f"CROSS{number}{year}" if _CROSS.match(p) else p for p in parts[1:]])
                 for year in "AB")  # type: ignore[return-value]


def cross_student(seed: str) -> tuple[int | None, str]:
    """(the student's number, 'A' or 'B' for their first or second year) of a crossover code, or (None, '')."""
    for part in str(seed).upper().split("-")[1:]:
        m = _CROSS.match(part)
        if m and m.group(1) and m.group(2):
            return int(m.group(1)), m.group(2)
    return None, ""


def split_code(seed: str) -> str:
    """The class code that splits a class on this seed: a `SPLIT` part before any length marker."""
    return _with_design(seed, "SPLIT")


def _with_design(seed: str, part: str) -> str:
    """The seed with a design part (SPLIT, CROSS) before any length marker; a code with one already stays."""
    seed = str(seed).strip().upper()
    if is_split(seed):
        return seed
    body, marker = length_marker(seed)
    return f"{body}-{part}{marker}"


def student_code(code: str, number: int) -> str:
    """The code for student `number` (1 to 99) of a split class: the number rides on the `SPLIT` part."""
    if not 1 <= number <= 99:
        raise SplitError("student numbers go from 1 to 99")
    parts = split_code(code).split("-")
    return "-".join(parts[:1] + [f"SPLIT{number}" if _SPLIT.match(p) else p for p in parts[1:]])


def place(level: Level, seed: str, coin=secrets.randbelow) -> Placement:
    """Put a student who typed a split code into a half; SplitError if this level has no control level."""
    parts = str(seed).upper().split("-")
    found = [(i, m) for i, p in enumerate(parts) if i and (m := _SPLIT.match(p))]
    crossed = [m for i, p in enumerate(parts) if i and (m := _CROSS.match(p))]
    if not found and not crossed:
        raise SplitError("this seed does not split the class")
    if not level.control or level.control == (level.base or level.id):
        raise SplitError(f"the level '{level.id}' names no control level to split a class with "
                         f"(add 'control:' to its level.yaml)")
    score_level = level.base or level.id
    if crossed:
        number_text, year = crossed[0].group(1), crossed[0].group(2)
        if not number_text or not year:
            raise SplitError("in a crossover class each student types their own code, with their number and year "
                             "(like 9B-CROSS7A): the teacher's list has two for each student")
        under = (int(number_text) % 2 == 1) == (year == "A")  # odd numbers: the score first
        return Placement(score_level if under else level.control, str(seed).upper(), SCORE if under else CONTROL,
                         int(number_text))
    index, match = found[0]
    number = int(match.group(1)) if match.group(1) else None
    parts[index] = "SPLIT"
    under_score = (number % 2 == 1) if number is not None else coin(2) == 0
    return Placement(score_level if under_score else level.control, "-".join(parts),
                     SCORE if under_score else CONTROL, number)
