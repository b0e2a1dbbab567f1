"""A class seed: the dice, and for a class, the year's length and the cards left out, in one string.

A teacher writes one code on the board (`MAPLE-42-6M`, `MAPLE-42-NOFP`) and everyone who types it
gets the same deck, the same length and the same options; every game code made from it replays them.
That is a convention of the front ends, read here and only here: the engine takes the length and the
options as plain arguments (`engine.new_game(..., months, options)`), keeps them in the state and its
record, and never reads them out of a seed's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: the window's title reads seed lengths before the level's classes load
    from game.core import engine
    from game.core.model import Level

_LENGTH = re.compile(r"-(\d{1,2})M$", re.IGNORECASE)


def year_length(seed: str, full: int) -> int:
    """How many months a year on this seed lasts: the `-NM` its seed ends with, or the full year."""
    found = _LENGTH.search(seed)
    months = int(found.group(1)) if found else full
    return months if 2 <= months < full else full


def length_marker(seed: str) -> tuple[str, str]:
    """The seed split into its body and its `-NM` length marker (empty for a full year)."""
    body = _LENGTH.sub("", seed)
    return body, seed[len(body):]


def with_length(seed: str, months: int, full: int) -> str:
    """The seed that plays `months` months: the length marker added or replaced (none for a full year)."""
    base = _LENGTH.sub("", seed)
    return base if not 2 <= months < full else f"{base}-{months}M"


def seed_options(level: Level, seed: str) -> tuple[str, ...]:
    """The level options a seed turns on: each whose tag is one of the seed's '-' parts after the first.

    The class seed carries them, so everyone who types it gets the same deck, and every code replays it."""
    parts = str(seed).strip().upper().split("-")[1:]
    return tuple(o.id for o in level.options.values() if o.seed_tag in parts)


def with_options(level: Level, seed: str, options) -> str:
    """The seed with the tag of each named option added (before a length marker), unless already there."""
    seed = str(seed).strip()
    base = _LENGTH.sub("", seed)
    have = seed_options(level, seed)
    for option_id in options:
        if option_id not in have:
            base = f"{base}-{level.options[option_id].seed_tag}"
    return base + seed[len(_LENGTH.sub("", seed)):]


def class_seed(level: Level, seed: str, months: int | None = None, leave_out: Sequence[str] = ()) -> str:
    """The seed a new year is played on, as every front end makes it (the terminal's --months and
    --leave-out, the window's settings, the browser's link): the options' tags added, then the length
    (None: the seed's own, if it says one). The one set-up of a class seed; each front end checks its
    own input and words its own errors first."""
    seed = with_options(level, seed, [o for o in dict.fromkeys(leave_out) if o in level.options])
    return seed if months is None else with_length(seed, months, level.months)


def terms(level: Level, seed: str) -> tuple[int, tuple[str, ...]]:
    """The year's length and the level options a class seed says: (months, option ids)."""
    return year_length(str(seed), level.months), seed_options(level, seed)


def record_terms(level: Level, record: dict[str, Any]) -> tuple[int, tuple[str, ...]]:
    """The length and options of a saved or logged year: the record's own; a record from before they
    were kept says them only in its seed, and is read as it was then played."""
    months, options = record.get("months"), record.get("options")
    if isinstance(months, int) and isinstance(options, list):
        return months, tuple(options)
    return terms(level, record["seed"])


def new_year(level: Level, seed: str, character: str, values) -> engine.State | engine.Refusal:
    """A new year on a class seed, as every front end starts one: its length and options from the seed."""
    from game.core import engine  # here: the window's title imports this module before the rules

    months, options = terms(level, seed)
    return engine.new_game(level, seed, character, values, months, options)


def replay(level: Level, record: dict[str, Any]) -> engine.State | engine.Refusal:
    """A saved or logged year played again from its record (see `record_terms`)."""
    from game.core import engine

    months, options = record_terms(level, record)
    return engine.replay(level, record["seed"], record["character"], record["values"], record["choices"],
                         months, options)


def code_for(level: Level, state: engine.State) -> str:
    """The game code of a year. A code carries the seed alone, so a year whose length or options its seed
    does not say (one started through the engine with other terms) has none: `CodeError`."""
    from game.core import gamecode

    if terms(level, state.seed) != (state.months, state.options):
        raise gamecode.CodeError("this year's length or options are not in its seed, so no code can carry them")
    return gamecode.encode(level, state.seed, state.character, state.values, state.choices)
