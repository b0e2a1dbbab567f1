"""A split class: half the class lives under the level's score, half under its control level, on one deck.

The teacher's class code carries a `SPLIT` part (`9B-SPLIT`, or `9B-SPLIT-6M` for a short year). A
student who types it is put in one of the two halves: by the number the teacher gave them (`9B-SPLIT7`: odd numbers
live under the score, even numbers under the control level, so 24 students make two halves of 12), or
at random when there is no number. The number is then taken out of the seed, so every student of the
class is dealt the same deck, and the game code names the level the student played: the class report
reads the halves from the codes, never from what a student says.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from game.core.gamecode import length_marker
from game.core.model import Level

_SPLIT = re.compile(r"^SPLIT(\d{0,2})$")  # a new_seed() never makes it: no I or L there
SCORE, CONTROL = "score", "control"


class SplitError(ValueError):
    """A split code that cannot be used here, in words a teacher understands."""


@dataclass(frozen=True)
class Placement:
    """Where a student of a split class plays."""

    level_id: str  # the level this student lives under
    seed: str  # the class's seed, the student's number taken out: the same deck for everyone
    group: str  # SCORE or CONTROL
    number: int | None  # the number the teacher gave, if any


def is_split(seed: str) -> bool:
    return any(_SPLIT.match(part) for part in str(seed).upper().split("-")[1:])


def split_code(seed: str) -> str:
    """The class code that splits a class on this seed: a `SPLIT` part before any length marker."""
    seed = str(seed).strip().upper()
    if is_split(seed):
        return seed
    body, marker = length_marker(seed)
    return f"{body}-SPLIT{marker}"


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
    if not found:
        raise SplitError("this seed does not split the class")
    if not level.control or level.control == (level.base or level.id):
        raise SplitError(f"the level '{level.id}' names no control level to split a class with "
                         f"(add 'control:' to its level.yaml)")
    index, match = found[0]
    number = int(match.group(1)) if match.group(1) else None
    parts[index] = "SPLIT"
    under_score = (number % 2 == 1) if number is not None else coin(2) == 0
    score_level = level.base or level.id
    return Placement(score_level if under_score else level.control, "-".join(parts),
                     SCORE if under_score else CONTROL, number)
