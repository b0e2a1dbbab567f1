"""What the engine looks up about a level at every step, worked out once per level and held by it.

A `Level` builds its `LevelIndex` the first time it is asked (the loader asks as it loads), keeps it,
and frees it with itself: nothing about a level lives in the process outside the level, so a level
reloaded a hundred times leaves one level behind, not a hundred. The parts that depend on the state
(the previews under each set of policies in force, the sieve of each character and month, a market's
shuffles drawn ahead) fill in as games ask for them, each in a dict of this index.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.core.model import Cond, Level, Trigger

QUICK: MappingProxyType[str, Callable[[int, int], bool]] = MappingProxyType(
    {"<": int.__lt__, "<=": int.__le__, ">": int.__gt__, ">=": int.__ge__, "==": int.__eq__, "!=": int.__ne__})

# (trigger id, on a meter?, the meter or counter, comparison, value, the trigger); key None: other conditions
TriggerTerm = tuple[str, bool, Any, Any, Any, "Trigger"]
# (flags that rule it out, (meter, the lowest it may be), counter comparisons, other conditions)
CivicTerm = tuple[tuple[str, ...], tuple[tuple[str, int], ...],
                  tuple[tuple[str, Callable[[int, int], bool], Any], ...], tuple["Cond", ...]]


class LevelIndex:
    """The level's tables for the engine. Built from the level alone; holds no reference back to it."""

    def __init__(self, level: Level) -> None:
        cards = level.cards
        self.civic_ids: tuple[str, ...] = tuple(level.civic)
        self.meter_bounds: dict[str, tuple[int, int]] = {m.id: (m.min, m.max) for m in level.meters.values()}
        self.always_cards: tuple[str, ...] = tuple(c.id for c in cards.values() if c.when.always)
        self.deal_terms: dict[str, tuple[frozenset[str], tuple[str, ...], tuple[Cond, ...]]] = {
            c.id: (frozenset(c.when.needs), c.when.unless, c.when.conds) for c in cards.values()}
        self.trigger_cards: frozenset[str] = frozenset(t.deal for t in level.triggers if t.deal)
        self.need_cards: frozenset[str] = frozenset(c for slot in level.needs for c in slot.cards)
        self.civic_terms: dict[str, CivicTerm] = {}
        for a in level.civic.values():
            counts = tuple((c.key, QUICK[c.op], c.value) for c in a.conds if c.kind == "counter")
            others = tuple(c for c in a.conds if c.kind != "counter")
            self.civic_terms[a.id] = (a.unless, tuple((m, level.meters[m].min - d) for m, d in a.effects.items()
                                                      if d < 0), counts, others)
        self.trigger_terms: tuple[TriggerTerm, ...] = tuple(_trigger_term(t) for t in level.triggers)
        self.trigger_plan = _trigger_plan(self.trigger_terms)
        self.repeating: frozenset[str] = frozenset(t.id for t in level.triggers if t.repeat)
        windows = {c.id: c.when.months for c in cards.values()}
        self.card_months: dict[str, tuple[int, int]] = windows
        self.card_ids: tuple[str, ...] = tuple(cards)
        self.deck_cards: dict[str, tuple[str, ...]] = {}  # character -> the cards the deck may ever deal them
        for who in level.characters:
            self.deck_cards[who] = tuple(c.id for c in cards.values()
                                         if c.when.deck and (not c.when.characters or who in c.when.characters))
        # filled as games ask: keyed on the state's parts they depend on
        self.deck_terms: dict[frozenset[str], tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[int, int], ...]]] = {}
        self.card_previews: dict[tuple[str, tuple[str, ...]], tuple[Any, ...]] = {}
        self.civic_previews: dict[tuple[str, ...], dict[str, Any]] = {}
        self.dealable_now: dict[tuple[str, int, int], tuple[frozenset[str], frozenset[str]]] = {}
        self.policies_in: dict[tuple[int, int], tuple[str, ...]] = {}
        self.market_ahead: dict[int, tuple[int, list[int], int]] = {}  # see `rng.shuffled_again`
        self.goal_lines: dict[str, int | None] = {}  # the strategic bot's line, per character


def _trigger_term(t: Trigger) -> TriggerTerm:
    """A trigger, with whether its condition is on a meter, and the meter or counter, comparison and
    value when its only condition is on one meter or one counter."""
    one = t.conds[0] if len(t.conds) == 1 and t.conds[0].kind in ("meter", "counter") else None
    if one is None:
        return (t.id, False, None, None, None, t)
    return (t.id, one.kind == "meter", one.key, QUICK[one.op], one.value, t)


def _trigger_plan(terms: tuple[TriggerTerm, ...]) -> tuple[Any, tuple[str, ...] | None, tuple[int, ...],
                                                            dict[Any, frozenset[str]]] | None:
    """When every trigger is on one meter or counter: what reads those meters at once, the counters
    to read (None: none), zeros to read a missing counter as, and an empty table of which triggers hold
    for each reading (filled as readings come; meters and counters are few and small)."""
    if not terms or any(key is None for _, _, key, _, _, _ in terms):
        return None
    meter_keys = sorted({key for _, on_meter, key, _, _, _ in terms if on_meter and key is not None})
    counter_keys = tuple(sorted({key for _, on_meter, key, _, _, _ in terms if not on_meter and key is not None}))
    read_meters = itemgetter(*meter_keys) if meter_keys else (lambda _meters: ())
    return read_meters, counter_keys or None, (0,) * len(counter_keys), {}
