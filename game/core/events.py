"""The shapes of what the engine hands out: an option of a decision, and the events of the log.

Plain dicts (so a log is JSON as it stands), typed here so that the front ends, the debrief and the
tests agree on the keys. Only the commonest events are spelled out; every event has `t`.
"""

from __future__ import annotations

from typing import TypedDict


class ActPreview(TypedDict, total=False):
    act: str
    judged: bool
    points: int
    chance: float
    watcher: str
    blacklist: bool  # being seen puts the player on the blacklist
    lasts: int       # months until the points come back


class ChancePreview(TypedDict):
    chance: float
    effects: dict[str, int]
    outcome: str


class Option(TypedDict, total=False):
    label: str
    effects: dict[str, int]
    acts: list[ActPreview]
    values: dict[str, int]
    request: str | None
    request_outcome: str | None
    expected_points: float
    available: bool          # False: shown greyed; `blocked` says why
    blocked: list[str]       # the author's words of each condition not met
    choice: int              # which of the card's choices (hidden ones are not offered)
    chances: list[ChancePreview]
    civic: str
    skip: bool


class DecisionEvent(TypedDict, total=False):
    t: str            # "decision"
    kind: str         # "card" or "civic"
    month: int
    card: str | None
    options: list[Option]
    chosen: int       # index into options
    choice: int       # index into the card's choices
    meters_after: dict[str, int]
    score_after: int | None


class ActEvent(TypedDict, total=False):
    t: str            # "act"
    act: str
    place: str | None
    roll: int
    forced: bool
    month: int
    judged: bool
    chance: float
    caught: bool
    points: int
    rule_points: int
    watcher: str
    score: int
    grade: str | None
    lasts: int
    listed: bool


class EndEvent(TypedDict):
    t: str            # "end"
    score: int | None
    grade: str | None
    meters: dict[str, int]
    goal_reached: bool | None
    blacklisted: bool
    meters_at_min: list[str]
    good_year: bool
