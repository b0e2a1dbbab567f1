"""Model Citizen as a library: load a level, play a year choice by choice or by a bot, read its debrief.

Everything the terminal and the window do goes through these few calls (docs/library.md shows a
script that uses each). A `Year` is a value: `choose` returns a new one and leaves the old as it was,
so a program may keep any step of a year, try another choice from it, or save its `record` and
`replay` it later. Options are numbered from 0 here, as in the engine's log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.content.level import load_level
from game.content.levels import comparison_levels
from game.content.locate import find_level
from game.core import bots, engine, rng
from game.core import debrief as _debrief
from game.core.debrief import Debrief
from game.core.events import Event, Option, plain
from game.core.model import Level
from game.play import seeds
from game.words import narrate

__all__ = ["Refused", "Year", "load", "start", "choices", "choose", "play", "debrief", "replay", "POLICIES"]

POLICIES = bots.POLICIES  # the bots `play` can hand a year to


class Refused(ValueError):
    """The engine would not take this: `reason` says why in the player's words, `code` is the engine's id
    (`unavailable`, `bad_choice`, `year_over`, `no_character`, `bad_values`, `bad_months`, `bad_options`)."""

    def __init__(self, refusal: engine.Refusal) -> None:
        self.code = refusal.code
        self.reason = narrate.refusal_text(refusal)
        super().__init__(self.reason)


@dataclass(frozen=True)
class Year:
    """One year of one player: the level and the state it has reached."""

    level: Level
    state: engine.State

    @property
    def over(self) -> bool:
        return self.state.over

    @property
    def log(self) -> list[Event]:
        """Every event so far (`game.core.events` types each kind); JSON as it stands."""
        return self.state.log

    @property
    def decision(self) -> engine.Decision | None:
        """What the player faces now: a card (`decision.card`) or the month's civic acts; None once over."""
        return engine.pending(self.level, self.state)

    @property
    def record(self) -> dict[str, Any]:
        """The few facts the year is a function of: save them, and `replay` gives the year back."""
        return engine.record(self.state, self.level)


def load(name_or_path: str | Path) -> Level:
    """A level by id (`rideshare`, searched where the game looks) or by folder; `ContentError` lists
    every problem of a level that cannot be played, `LevelNotFound` says where it looked."""
    return load_level(find_level(name_or_path))


def start(level: Level, character: str, values: Sequence[str], seed: str = "1", months: int | None = None,
          leave_out: Sequence[str] = ()) -> Year:
    """Begin a year: who (a character id), what they care about (three value ids), the dice (`seed`:
    the same seed deals the same deck), how long (`months`; None: the level's full year), and the level
    options on (`leave_out`: cards a teacher leaves out). Refused says what does not fit."""
    state = engine.new_game(level, seed, character, list(values), months, leave_out)
    if isinstance(state, engine.Refusal):
        raise Refused(state)
    return Year(level, state)


def choices(year: Year) -> tuple[Option, ...]:
    """The options of the decision now (read-only), each saying what it would do: `label`, `effects` on
    the meters, `acts` with their points and chance of being seen, `available` False with `blocked`
    when it cannot be taken. Empty once the year is over."""
    decision = year.decision
    return decision.options if decision is not None else ()


def choose(year: Year, option: int) -> Year:
    """Take option `option` (from 0) and play on to the next decision; Refused if it cannot be taken."""
    after = engine.apply(year.level, year.state, option)
    if isinstance(after, engine.Refusal):
        raise Refused(after)
    return Year(year.level, after)


def play(year: Year, policy: str = "balanced", bot_seed: int = 0) -> Year:
    """Let a bot (one of `POLICIES`) play the rest of the year from where it stands."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; known: {', '.join(POLICIES)}")
    bot = rng.seed_state(f"api-{policy}-{bot_seed}")
    state = year.state.clone()

    def pick(decision: engine.Decision, now: engine.State) -> int:
        nonlocal bot
        bot, choice = bots.choose(policy, decision, bot, year.level, now)
        return choice

    return Year(year.level, engine.play(year.level, state, pick))


def debrief(year: Year, compare: bool = True) -> Debrief:
    """What the debrief shows, as data: the year's highlights, the questions, the cost and gain of each
    steered choice, and (with `compare`) the same choices re-scored under the level's sibling rulebooks."""
    others = comparison_levels(year.level) if compare else []
    return _debrief.debrief(year.level, plain(year.state.log), others)


def replay(level: Level, record: dict[str, Any]) -> Year:
    """A year given back from its `record`, choice by choice; Refused if the level no longer allows it."""
    state = seeds.replay(level, record)
    if isinstance(state, engine.Refusal):
        raise Refused(state)
    return Year(level, state)
