"""The rules of play: a game is a pure function of (level, seed, character, values, choices).

`new_game` deals the first decision; `apply` takes a choice and returns the next state (or a
`Refusal`, leaving the old state untouched). Between two decisions the engine runs every automatic
step itself: camera rolls, service requests, the end of the month, policy cards, the next draw.
Every random draw comes from the generator stored in the state and is written to the log.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import filterfalse
from types import MappingProxyType
from typing import Any, Final

from game.core import rng
from game.core.events import (
    ActEvent,
    ActPreview,
    ChanceEvent,
    DecisionEvent,
    Event,
    GoalEvent,
    MonthEvent,
    Option,
    ServiceEvent,
    StartEvent,
    Verdict,
)
from game.core.gamecode import deck_seed
from game.core.index import CivicTerm, LevelIndex
from game.core.model import OUTCOME_RANK, ActRule, Card, Choice, Goal, Level, Rulebook
from game.core.rules import (
    access,
    clamp,
    effective_rules,
    failing,
    grade_of,
    holds,
    judge,
    new_month,
    percent,
    policies_in,
)

CARD, CIVIC, OVER = "card", "civic", "over"
NEED_ANSWER: Final = MappingProxyType({"granted": "met", "delayed": "delayed", "denied": "unmet"})  # by its service's
END_NOW = -1  # a choice that ends the year at once: recorded like any choice, so a game code replays it


@dataclass(frozen=True)
class Refusal:
    """A choice the engine would not take: a reason id and its numbers, put into words by the front ends.

    Ids: `no_character` (id), `bad_values`, `bad_months` (n, full), `bad_options` (ids), `year_over`,
    `bad_choice` (n: how many options),
    `unavailable` (n: the option, why: the conditions it waits for),
    `record_unplayable` (n: which choice of the record, why: the inner Refusal).
    """

    code: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    """What the player must decide now: a card's choices, or this month's civic offers.

    Each option is a plain dict (`events.Option`) saying what it would do: its personal effects, its
    acts with the points and the chance of being seen under the rules in force (and whether being
    seen lists you), the odds of each chance outcome, any service it asks for, and whether it can be
    taken now. Read-only: the same dicts go into the log.
    """

    kind: str
    month: int
    card: Card | None
    options: tuple[Option, ...]


@dataclass
class State:
    """Everything that changes during a game; plain data, copied (not shared) by `apply`."""

    level_id: str
    seed: str
    character: str
    values: tuple[str, ...]
    rng: int  # the deck: its order, guaranteed months, cards per month
    meters: dict[str, int]
    score: int | None
    month: int = 1
    phase: str = CARD
    flags: set[str] = field(default_factory=set)
    deck: list[str] = field(default_factory=list)
    queue: list[str] = field(default_factory=list)
    follow_ups: list[list[Any]] = field(default_factory=list)  # [card, the month it is due]
    seen: set[str] = field(default_factory=set)
    offers: list[str] = field(default_factory=list)
    scheduled: dict[str, int] = field(default_factory=dict)  # guaranteed card -> its month; never changed
    needs: dict[str, int] = field(default_factory=dict)  # unannounced need's card -> its month; never changed
    policies: tuple[str, ...] = ()
    blacklisted: bool = False
    listed_until: int | None = None  # the month the listing ends; None: until lifted
    expiring: list[list[Any]] = field(default_factory=list)  # [month, points, act]: penalties that come back
    counters: dict[str, int] = field(default_factory=dict)
    fired: set[str] = field(default_factory=set)  # triggers that have happened this year
    # Separate streams, so that what one player does never shifts what another is dealt: the same
    # seed and character give the same deck under any rulebook and after any choice.
    market: int = 0  # the civic offers
    watch: int = 0  # the detection die
    luck: int = 0  # chance outcomes of a choice
    forced_rolls: list[int] = field(default_factory=list)  # for tests: the next d100 rolls, used before the die
    goal_reached: bool | None = None
    months: int = 0  # rounds in this year: the level's months, or fewer for a short year
    options: tuple[str, ...] = ()  # the level options on: cards left out (or put in) for a class
    choices: list[int] = field(default_factory=list)
    log: list[Event] = field(default_factory=list)

    def clone(self) -> State:
        """A copy whose containers are new, so changing it never touches this state."""
        new = object.__new__(State)
        new.__dict__ = dict(self.__dict__)
        new.meters = dict(self.meters)
        new.counters = dict(self.counters)
        new.fired = set(self.fired)
        new.expiring = [list(e) for e in self.expiring]
        new.forced_rolls = list(self.forced_rolls)
        new.flags = set(self.flags)
        new.deck = list(self.deck)
        new.queue = list(self.queue)
        new.follow_ups = [list(f) for f in self.follow_ups]
        new.seen = set(self.seen)
        new.offers = list(self.offers)
        new.choices = list(self.choices)
        new.log = list(self.log)
        return new

    @property
    def over(self) -> bool:
        return self.phase == OVER


def new_game(level: Level, seed: str, character: str, values: Sequence[str],
             months: int | None = None, options: Sequence[str] = ()) -> State | Refusal:
    """Set up a game and play every automatic step up to the first decision.

    `months`: the rounds of a short year (None: the level's full year); `options`: the level options on
    (cards left out for a class). Both are said here and kept in the state and its record; the seed is
    only the dice (a class seed's `-6M` or `-TAG` is read by `game.play.setup`, never here)."""
    if level.index is None:
        indexed(level)
    if character not in level.characters:
        return Refusal("no_character", {"id": character})
    values = tuple(values)
    if len(values) != 3 or len(set(values)) != 3 or any(v not in level.values for v in values):
        return Refusal("bad_values")
    months = level.months if months is None else months
    if type(months) is not int or not 2 <= months <= level.months:
        return Refusal("bad_months", {"n": months, "full": level.months})
    on: tuple[str, ...] = ()
    if options:
        unknown = [o for o in options if o not in level.options]
        if unknown:
            return Refusal("bad_options", {"ids": ", ".join(unknown)})
        on = tuple(o for o in level.options if o in options)  # in the level's order, each once
    who = level.characters[character]
    meters = {m.id: clamp(who.meters.get(m.id, m.start), m.min, m.max) for m in level.meters.values()}
    score = level.rulebook.score.start if level.rulebook.score else None
    left_out = {c for o in level.options.values() for c in (o.leaves_out if o.id in on else o.adds)}
    dice = deck_seed(seed)
    state = State(
        level_id=level.id,
        seed=str(seed),
        character=character,
        values=values,
        rng=rng.seed_state(dice),
        market=rng.seed_state(f"{dice}/market"),
        watch=rng.seed_state(f"{dice}/watch"),
        luck=rng.seed_state(f"{dice}/luck"),
        meters=meters,
        score=score,
        flags=set(who.flags),
        months=months,
        options=on,
        counters={c: 0 for c in level.counters},
        seen=set(left_out),  # a card left out counts as dealt already: it never comes
    )
    start: StartEvent = {
        "t": "start",
        "level": level.id,
        "content_hash": level.content_hash,
        "seed": state.seed,
        "character": character,
        "values": list(values),
        "meters": dict(meters),
        "score": score,
        "grade": grade_of(level.rulebook, score),
    }
    if months < level.months:
        start["months"] = months
    if on:
        start["options"] = list(on)
        start["left_out"] = sorted(left_out)
    state.log.append(start)
    cards, always, windows = _deck_terms(level, frozenset(left_out))
    state.rng, state.deck = rng.shuffled(state.rng, cards)
    state.log.append({"t": "draw", "what": "deck_order", "outcome": list(state.deck)})
    # each guaranteed card gets a month inside its window
    state.rng, due = rng.randints(state.rng, windows)
    state.scheduled = dict(zip(always, due, strict=True))
    if state.scheduled:
        state.log.append({"t": "draw", "what": "guaranteed_months", "outcome": dict(state.scheduled)})
    if level.needs:
        state.needs = _draw_needs(level, state, dice, frozenset(left_out))
        state.log.append({"t": "draw", "what": "needs", "outcome": dict(state.needs)})
    state.month = calendar(level, state)[0]
    _begin_month(level, state)
    return state


def _draw_needs(level: Level, state: State, dice: str, left_out: frozenset[str]) -> dict[str, int]:
    """The year's unannounced needs: for each slot, one of its cards that suits the character (its
    `when` read against who they are at the year's start) and a month in its window, from a stream of
    their own, so the deck, the market and the dice are the same with or without them."""
    stream = rng.seed_state(f"{dice}/needs")
    flags, who, drawn = state.flags, state.character, {}
    for slot in level.needs:
        fits = [c for c in slot.cards if c not in drawn and c not in left_out and _suits(level.cards[c], who, flags)]
        if not fits:
            continue
        stream, pick = rng.randint(stream, 0, len(fits) - 1)
        stream, month = rng.randint(stream, slot.months[0], min(slot.months[1], level.months))
        drawn[fits[pick]] = month
    return drawn


def _suits(card: Card, character: str, flags: set[str]) -> bool:
    when = card.when
    return (not when.characters or character in when.characters) and set(when.needs) <= flags \
        and flags.isdisjoint(when.unless)


def indexed(level: Level) -> Level:
    """The level with its index built (once: `Level.index` says why it is kept there)."""
    if level.index is None:
        object.__setattr__(level, "index", LevelIndex(level))
    return level


def _deck_terms(level: Level, left_out: frozenset[str]) -> tuple[tuple[str, ...], tuple[str, ...],
                                                                   tuple[tuple[int, int], ...]]:
    """The cards of the deck, the guaranteed ones, and the window each may be given a month in."""
    index = level.index
    found = index.deck_terms.get(left_out)
    if found is None:
        always = tuple(c for c in index.always_cards if c not in left_out)
        windows = tuple((index.card_months[c][0], min(index.card_months[c][1], level.months)) for c in always)
        found = index.deck_terms[left_out] = (tuple(c for c in index.card_ids if c not in left_out), always, windows)
    return found


def pending(level: Level, state: State) -> Decision | None:
    """The decision the player faces now, or None once the year is over, worked out from the state.

    Its options are read-only views: `apply` works the decision out again from the state, so what a
    front end does with what it was handed never changes what may be chosen."""
    decision = _pending(level, state)
    if decision is None:
        return None
    return _decision(decision.kind, decision.month, decision.card,
                     tuple(ReadOnly(o) for o in decision.options))  # type: ignore[misc]


class ReadOnly(dict[str, Any]):
    """An option as handed out: a dict (so it is JSON as it stands) that refuses to be changed."""

    def _refuse(self, *_args: object, **_kwargs: object) -> None:
        raise TypeError("an option handed out by the engine is read-only; apply() reads the state, not it")

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = __ior__ = _refuse  # type: ignore


def _pending(level: Level, state: State) -> Decision | None:
    phase = state.phase
    if phase == CARD:
        card = level.cards[state.queue[0]]
        rb = level.rulebook
        grade: str | None = None
        graded = False
        options: list[Option] = []
        key = (card.id, state.policies)
        previews = level.index.card_previews.get(key) or _card_previews(level, *key)
        for c, shape, effects, acts, values, plain in previews:
            # new containers each time: the log never shares an object with the level or another log
            if plain:  # no condition, request or chance: the common case
                option = shape.copy()
                option["effects"] = effects.copy()
                option["acts"] = list(map(_copy, acts)) if acts else []
                option["values"] = values.copy()
                options.append(option)
                continue
            blocked = failing(rb, c.conds, state) if c.conds else None
            if blocked and c.hide:
                continue
            option = shape.copy()
            option["effects"] = effects.copy()
            option["acts"] = list(map(_copy, acts))
            option["values"] = values.copy()
            if c.request:
                if not graded:
                    grade, graded = grade_of(rb, state.score, state.policies), True
                option["request_outcome"] = access(rb, c.request, grade, state.blacklisted, state)[0]
                goal = level.characters[state.character].goal
                # granted now, it is asked again for the goal then; a need's request is for someone else
                if c.request in goal.needs and state.goal_reached is None and state.month < goal.by \
                        and not set(c.granted.set) & set(goal.met_by) and card.id not in state.needs:
                    option["goal_later"] = goal.by
            if blocked:
                option["available"] = False
                option["blocked"] = blocked
            if c.effects_seen:
                option["effects_seen"] = dict(c.effects_seen)
            if c.chances:
                option["chances"] = [{"chance": x.chance, "effects": dict(x.effects), "outcome": x.outcome}
                                     for x in c.chances]
            options.append(option)
        return _decision(CARD, state.month, card, tuple(options))
    if phase == CIVIC:
        civic = _civic_previews(level, state.policies)
        options = []
        for civic_id in state.offers:
            shape, effects, acts, values = civic[civic_id]
            option = shape.copy()
            option["effects"] = effects.copy()
            option["acts"] = list(map(_copy, acts)) if acts else []
            option["values"] = values.copy()
            options.append(option)
        # "not this month": no label in the log, the front ends word it in the player's language
        options.append({"label": "", "effects": level.civic_skip.copy(), "acts": [], "values": {}, "request": None,
                        "request_outcome": None, "expected_points": 0.0, "skip": True})
        return _decision(CIVIC, state.month, None, tuple(options))
    return None


_copy = dict.copy


def _decision(kind: str, month: int, card: Card | None, options: tuple[Option, ...]) -> Decision:
    """`Decision(kind, month, card, options)`, made without the frozen dataclass's four guarded
    assignments: one is made at every step of every game."""
    made = object.__new__(Decision)
    made.__dict__.update(kind=kind, month=month, card=card, options=options)
    return made


def _card_previews(level: Level, card_id: str, policies: tuple[str, ...]) -> tuple[Any, ...]:
    """Each choice of a card under `policies`: the choice, the option's shape with its keys in order,
    the containers to copy into it (effects, act previews, values), and whether it is plain (no
    condition, request or chance to work out)."""
    cache = level.index.card_previews
    found = cache.get((card_id, policies))
    if found is None:
        rb, card = level.rulebook, level.cards[card_id]
        rules = effective_rules(rb, policies)
        made = []
        for index, c in enumerate(card.choices):
            acts, expected = _act_preview(rb, rules, c.acts, c.place or card.place)
            shape = {"label": c.label, "effects": None, "acts": None, "values": None, "request": c.request,
                     "request_outcome": None, "expected_points": expected, "choice": index}
            plain = not (c.conds or c.request or c.chances or c.effects_seen)
            made.append((c, shape, dict(c.effects), acts, dict(c.values), plain))
        found = cache[card_id, policies] = tuple(made)
    return found


def _civic_previews(level: Level, policies: tuple[str, ...]) -> dict[str, Any]:
    """Each civic act under `policies`: its option's shape, and the containers to copy into it."""
    cache = level.index.civic_previews
    found = cache.get(policies)
    if found is None:
        rb = level.rulebook
        rules = effective_rules(rb, policies)
        found = cache[policies] = {}
        for a in level.civic.values():
            acts, expected = _act_preview(rb, rules, a.acts, None)
            shape = {"label": a.label, "effects": None, "acts": None, "values": None, "request": None,
                     "request_outcome": None, "expected_points": expected, "civic": a.id}
            found[a.id] = (shape, dict(a.effects), acts, dict(a.values))
    return found


def apply(level: Level, state: State, choice: int) -> State | Refusal:
    """Take option `choice` (0-based) of the pending decision and run on to the next one.

    What may be chosen is worked out from the state here, never read from a decision handed out."""
    decision = _pending(level, state)
    refusal = _refusal(decision, choice)
    if refusal is not None:
        return refusal
    assert decision is not None  # `_refusal` says so
    new = state.clone()
    _step(level, new, decision, choice)
    return new


def _refusal(decision: Decision | None, choice: int) -> Refusal | None:
    """Why `choice` cannot be taken in the face of `decision`, or None if it can."""
    if decision is None:
        return Refusal("year_over")
    if choice == END_NOW and not isinstance(choice, bool):
        return None
    if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < len(decision.options):
        return Refusal("bad_choice", {"n": len(decision.options)})
    option = decision.options[choice]
    if option.get("available") is False:
        return Refusal("unavailable", {"n": choice + 1, "why": list(option["blocked"])})
    return None


def _step(level: Level, state: State, decision: Decision, choice: int) -> None:
    """Take a choice `_refusal` let through, in `state` itself: end the year now, or take an option."""
    if choice == END_NOW:
        _end_in_place(level, state)
    else:
        _take(level, state, decision, choice)


def _take(level: Level, new: State, decision: Decision, choice: int) -> None:
    """Take a checked choice of `decision` in `new` itself and run on to the next decision.

    `apply` calls it on a copy; a bot's year, which never looks back, on the one state it plays."""
    option = decision.options[choice]
    new.choices.append(choice)
    card = decision.card
    event: DecisionEvent = {
        "t": "decision",
        "kind": decision.kind,
        "month": new.month,
        "card": card.id if card else None,
        "options": list(decision.options),
        "chosen": choice,
    }
    new.log.append(event)
    if card is not None:  # a card decision
        event["choice"] = index = option["choice"]
        event["seen"] = _play_card_choice(level, new, card, card.choices[index])
    else:
        civic_id = option.get("civic")
        if option.get("skip") and level.civic_skip:
            _apply_effects(level, new, level.civic_skip, "rest")
        if civic_id is not None:
            act = level.civic[civic_id]
            _apply_effects(level, new, act.effects, "choice")
            _count(new, act.count)
            if _do_acts(level, new, act.acts, place=None) and act.count_seen:
                _count(new, act.count_seen)
        _check_triggers(level, new)
        _end_month(level, new)
    event["meters_after"] = new.meters.copy()
    event["score_after"] = new.score


def play(level: Level, state: State, pick: Callable[[Decision, State], int]) -> State:
    """Play `state` to the end of its year in place, `pick(decision, state)` choosing each option.

    For a player that never looks back (the bots): the same year `apply` would give, choice by
    choice, without copying the state at every step. An option that cannot be taken is a bug."""
    while state.phase != OVER:
        decision = _pending(level, state)
        assert decision is not None  # a year that is not over always has a decision
        choice = pick(decision, state)
        if type(choice) is not int or not 0 <= choice < len(decision.options) \
                or decision.options[choice].get("available") is False:  # END_NOW is not for a bot either
            raise ValueError(f"a bot picked option {choice!r}, which cannot be taken")
        _take(level, state, decision, choice)
    return state


def verdict(level: Level, state: State) -> Verdict:
    """How the year went as a whole life, not as a grade: a good year reaches the goal, leaves no need
    that came unmet, ends with no meter at its minimum and spends at most the level's
    `empty_months_allowed` month-ends with one there (a meter refilled in December does not undo a
    year lived at the bottom). The score is judged by the grade beside it."""
    empty = at_minimum(level, state.meters)
    lean = 0
    unmet = []
    for e in state.log:
        if e["t"] == "month_end":
            lean += bool(at_minimum(level, e["meters"]))
        elif e["t"] == "need" and e["outcome"] == "unmet":
            unmet.append(e["card"])
    good = bool(state.goal_reached) and not empty and not unmet and lean <= level.empty_months_allowed
    return {"meters_at_min": empty, "months_at_min": lean, "needs_unmet": unmet, "good_year": good}


def at_minimum(level: Level, meters: dict[str, int]) -> list[str]:
    """The meters at their minimum: one there at the year's end, or at more month-ends than the level
    allows, spoils a good year (`verdict`); the front ends say it as it happens."""
    return [m.id for m in level.meters.values() if meters[m.id] <= m.min]


def replay(level: Level, seed: str, character: str, values: Sequence[str], choices: Sequence[int],
           months: int | None = None,
           options: Sequence[str] = ()) -> State | Refusal:
    """Play a recorded game again from its seed, length, options and choices.

    The states between the choices are never handed out, so the one state is played on in place:
    the same year `apply` would give, choice by choice, without a copy at every step."""
    state = new_game(level, seed, character, values, months, options)
    if isinstance(state, Refusal):
        return state
    for number, choice in enumerate(choices, start=1):
        decision = _pending(level, state)
        refusal = _refusal(decision, choice)
        if refusal is not None:
            return Refusal("record_unplayable", {"n": number, "why": refusal})
        assert decision is not None  # `_refusal` says so
        _step(level, state, decision, choice)
    return state


def record(state: State, level: Level) -> dict[str, Any]:
    """The few facts a game is a function of: enough to replay it exactly."""
    return {
        "level": level.id,
        "content_hash": level.content_hash,
        "seed": state.seed,
        "character": state.character,
        "values": list(state.values),
        "months": state.months,
        "options": list(state.options),
        "choices": list(state.choices),
    }


def calendar(level: Level, state: State) -> tuple[int, ...]:
    """The level month each round of this year ends on: every month for a full year; for a short one,
    rounds that stand for two months or so each, so deadlines, policies and card windows still fall in."""
    return _calendar(level.months, state.months or level.months)


@lru_cache(maxsize=1024)  # pure, of small integers: nothing about a level or a game is kept
def _calendar(full: int, rounds: int) -> tuple[int, ...]:
    return tuple((r * full + rounds - 1) // rounds for r in range(1, rounds + 1))


def span(level: Level, state: State) -> tuple[int, int]:
    """The first and last level month the current round stands for (the same month in a full year)."""
    return _span(level.months, state.months or level.months, state.month)


@lru_cache(maxsize=1024)  # pure, of small integers: nothing about a level or a game is kept
def _span(full: int, rounds: int, month: int) -> tuple[int, int]:
    earlier = [m for m in _calendar(full, rounds) if m < month]
    return (earlier[-1] + 1 if earlier else 1), month


@lru_cache(maxsize=1024)  # pure, of small integers: nothing about a level or a game is kept
def _next_round(full: int, rounds: int, month: int) -> int:
    """The level month the round after the one ending on `month` ends on."""
    return next(m for m in _calendar(full, rounds) if m > month)


def _end_in_place(level: Level, new: State) -> None:
    """End the year where it stands: the months played so far are the year the debrief reads."""
    new.choices.append(END_NOW)
    new.phase = OVER
    new.queue, new.offers = [], []
    grade = grade_of(level.rulebook, new.score, new.policies)
    new.log.append({"t": "end_now", "month": new.month})
    new.log.append({"t": "end", "score": new.score, "grade": grade, "meters": dict(new.meters),
                    "goal_reached": new.goal_reached, "blacklisted": new.blacklisted, **verdict(level, new)})


# --- what an option would do ---------------------------------------------------------------


def _act_preview(rulebook: Rulebook, rules: dict[str, ActRule], acts: Sequence[str],
                 place: str | None) -> tuple[list[ActPreview], float]:
    """Each act with the points and odds in force, and what else being seen would bring: a place on
    the blacklist, or points that come back after some months."""
    out: list[ActPreview] = []
    expected = 0.0
    listing = rulebook.blacklist.acts if rulebook.blacklist else ()
    for act in acts:
        rule = rules.get(act)
        if rule is None:
            out.append({"act": act, "judged": False, "points": 0, "chance": 0.0, "watcher": ""})
            continue
        chance = rule.chance(place)
        preview: ActPreview = {"act": act, "judged": True, "points": rule.points, "chance": chance,
                               "watcher": rule.watcher}
        if act in listing and chance > 0:
            preview["blacklist"] = True
        if rule.lasts and rule.points < 0:
            preview["lasts"] = rule.lasts
        out.append(preview)
        expected += rule.points * chance
    return out, expected


# --- automatic steps -----------------------------------------------------------------------


def _apply_effects(level: Level, state: State, effects: dict[str, int], why: str) -> dict[str, int]:
    """Change the meters within their bounds; return what actually changed.

    `why` says what caused it (choice, granted, denied, delay, grade) so the log can tell it.
    """
    applied: dict[str, int] = {}
    if not effects:
        return applied
    meters, bounds = state.meters, level.index.meter_bounds
    for meter_id, delta in effects.items():
        lo, hi = bounds[meter_id]
        old = meters[meter_id]
        new = old + delta
        new = lo if new < lo else hi if new > hi else new
        meters[meter_id] = new
        if new != old:
            applied[meter_id] = new - old
    if applied:
        state.log.append({"t": "effects", "why": why, "applied": applied})  # the decision records the meters after
    return applied


def _roll(state: State, stream: str = "watch") -> tuple[int, bool]:
    """A d100 from one of the state's streams (`watch` for detection, `luck` for chance outcomes),
    or the next forced roll a test has put in the state."""
    if state.forced_rolls:
        return state.forced_rolls.pop(0), True
    if stream == "watch":
        state.watch, roll = rng.randint(state.watch, 1, 100)
    else:
        value, roll = rng.randint(getattr(state, stream), 1, 100)
        setattr(state, stream, value)
    return roll, False


def _do_acts(level: Level, state: State, acts: Sequence[str], place: str | None) -> bool:
    """Roll the camera die for each act and let the rulebook judge what it sees; True if any was seen."""
    if not acts:
        return False
    rulebook = level.rulebook
    rules = rulebook.rules_in_force.get(state.policies) or effective_rules(rulebook, state.policies)
    seen = False
    for act in acts:
        if state.forced_rolls:
            roll, forced = _roll(state)
        else:  # `_roll(state)`, inlined
            state.watch, roll = rng.randint(state.watch, 1, 100)
            forced = False
        event: ActEvent = {"t": "act", "act": act, "place": place, "roll": roll,  # type: ignore[typeddict-item]
                           "month": state.month}  # the judgement below fills in the rest
        if forced:
            event["forced"] = True
        event.update(judge(rulebook, rules, state, act, place, roll, state.month))  # type: ignore[typeddict-item]
        state.log.append(event)
        seen = seen or event["caught"]
        if event.get("listed") and rulebook.blacklist is not None:
            state.log.append({"t": "blacklist", "act": act, "month": state.month, "list": rulebook.blacklist.label,
                              "until": state.listed_until})
    return seen


def _count(state: State, count: dict[str, int]) -> None:
    for counter, n in count.items():
        state.counters[counter] = state.counters.get(counter, 0) + n


def _check_triggers(level: Level, state: State) -> None:
    """Triggers whose conditions hold for the first time this year: deal their card, apply their effect.
    A repeating trigger is armed again once its conditions no longer hold, and fires when they next do.

    During a month's cards the card comes next; otherwise at the start of next month. Checked after
    every decision, so when every trigger is on one meter or counter, the meters and counters they
    watch are looked up in a table of those readings that make any trigger hold, and most checks end there.
    """
    fired, meters, counters = state.fired, state.meters, state.counters
    plan = level.index.trigger_plan
    if plan is not None:
        read_meters, counter_keys, zeros, table = plan
        now = read_meters(meters) if counter_keys is None else \
            (read_meters(meters), tuple(map(counters.get, counter_keys, zeros)))
        holding = table.get(now)
        if holding is None:
            if len(table) > 100_000:  # many wide meters: keep the table from growing for ever
                table.clear()
            holding = table[now] = frozenset(
                t for t, on_meter, key, op, value, _ in level.index.trigger_terms
                if op(meters[key] if on_meter else counters.get(key, 0), value))
        if fired & level.index.repeating:
            fired.difference_update((fired & level.index.repeating) - holding)  # armed again
        if fired.issuperset(holding):
            return  # nothing new holds: the loop below would fire nothing
    for trigger_id, on_meter, key, op, value, trigger in level.index.trigger_terms:
        if trigger_id in fired and not trigger.repeat:
            continue
        if key is not None:
            holding_now = op(meters[key] if on_meter else counters.get(key, 0), value)
        else:
            holding_now = all(holds(level.rulebook, c, state) for c in trigger.conds)
        if trigger_id in fired:  # a repeating trigger that fired: armed again once it stops holding
            if not holding_now:
                fired.discard(trigger_id)
            continue
        if not holding_now:
            continue
        fired.add(trigger.id)
        state.log.append({"t": "trigger", "trigger": trigger.id, "month": state.month, "deal": trigger.deal})
        _apply_effects(level, state, trigger.effects, "trigger")
        state.flags.update(trigger.set)
        _count(state, trigger.count)
        if trigger.deal and (trigger.deal not in state.seen or trigger.repeat and trigger.deal not in state.queue
                             and all(f[0] != trigger.deal for f in state.follow_ups)):
            state.seen.add(trigger.deal)
            if state.phase == CARD and state.queue:
                state.queue.insert(1, trigger.deal)
            elif state.month < level.months:
                state.follow_ups.append([trigger.deal, state.month + 1])


def _request(level: Level, state: State, service: str, purpose: str, card: str | None = None) -> str:
    """Ask the rulebook for a service; pay the delay cost if it is delayed. Returns the outcome."""
    rb = level.rulebook
    grade = grade_of(rb, state.score, state.policies)
    outcome, why = access(rb, service, grade, state.blacklisted, state)
    event: ServiceEvent = {"t": "service", "service": service, "outcome": outcome, "why": why, "grade": grade,
                           "month": state.month, "for": purpose, "card": card, "meters": state.meters.copy(),
                           "counters": state.counters.copy(), "flags": sorted(state.flags)}
    # the top grade's perk, where it counts: what the grade below would have got
    if grade is not None and len(rb.grades) > 1 and grade == rb.grades[0].grade:
        below = access(rb, service, rb.grades[1].grade, state.blacklisted, state)[0]
        if OUTCOME_RANK[below] > OUTCOME_RANK[outcome]:
            event["perk"] = below
    state.log.append(event)
    return outcome


def _pay_delay(level: Level, state: State, outcome: str) -> None:
    """A delayed service comes in the end, after forms, fees and waiting: the rulebook's delay cost."""
    if outcome == "delayed":
        _apply_effects(level, state, level.rulebook.delay_cost, "delay")


def _play_card_choice(level: Level, state: State, card: Card, choice: Choice) -> bool:
    """Play one card choice through; return whether any of its acts was seen."""
    if choice.effects:
        _apply_effects(level, state, choice.effects, "choice")
    if choice.set:
        state.flags.update(choice.set)
    if choice.clear:
        state.flags.difference_update(choice.clear)
    if choice.count:
        _count(state, choice.count)
    seen = _do_acts(level, state, choice.acts, choice.place or card.place) if choice.acts else False
    if seen and choice.effects_seen:
        _apply_effects(level, state, choice.effects_seen, "seen")
    if seen and choice.count_seen:
        _count(state, choice.count_seen)
    if choice.chances:
        roll, forced = _roll(state, "luck")
        picked, edge = None, 0
        for index, chance in enumerate(choice.chances):
            edge += percent(chance.chance)
            if roll <= edge:
                picked = index
                break
        event: ChanceEvent = {"t": "chance", "card": card.id, "roll": roll, "outcome": picked, "month": state.month}
        if forced:
            event["forced"] = True
        state.log.append(event)
        if picked is not None:
            got = choice.chances[picked]
            _apply_effects(level, state, got.effects, "chance")
            state.flags.update(got.set)
            _count(state, got.count)
    if choice.unlist and state.blacklisted:
        state.blacklisted, state.listed_until = False, None
        state.log.append({"t": "unlisted", "why": "card", "card": card.id, "month": state.month})
    outcome = None
    if choice.request:
        outcome = _request(level, state, choice.request, "card", card.id)
        branch = choice.denied if outcome == "denied" else choice.granted
        _apply_effects(level, state, branch.effects, "denied" if outcome == "denied" else "granted")
        state.flags.update(branch.set)
        _pay_delay(level, state, outcome)
    if card.id in state.needs:
        answer = (choice.need or "unmet") if outcome is None else NEED_ANSWER[outcome]
        state.log.append({"t": "need", "card": card.id, "month": state.month, "outcome": answer,
                          "service": choice.request})
    if choice.follow_up:
        follow = level.cards[choice.follow_up]
        due = min(state.month + choice.after, level.months)
        if due > state.month:
            state.follow_ups.append([choice.follow_up, due])
        elif follow.id not in state.seen and _conditions_hold(level, state, follow):
            state.queue.insert(1, follow.id)  # no next month: the consequence comes now, not never
            state.seen.add(follow.id)
    _check_triggers(level, state)
    state.queue.pop(0)
    if not state.queue:
        _open_civic(level, state)
    return seen


def _open_civic(level: Level, state: State) -> None:
    """Offer this month's civic acts, drawn by the die; skip the market if the level has none."""
    if level.civic_offers == 0 or not level.civic:
        _end_month(level, state)
        return
    # The whole market is shuffled, then what this player may do is kept: the draw uses the stream the
    # same way whatever the player can afford, so two players on one seed meet the same order of acts.
    # the market stream shuffles once a month: its rounds to the end of the year are drawn at once
    index = level.index
    state.market, order = rng.shuffled_again(state.market, index.civic_ids, level.months - state.month + 1,
                                             index.market_ahead)
    terms, wanted = index.civic_terms, level.civic_offers
    offers = []
    for act in order:  # the first `wanted` the player may take, in the drawn order
        if _may_offer(level, state, terms[act]):
            offers.append(act)
            if len(offers) >= wanted:
                break
    state.offers = offers
    state.log.append({"t": "draw", "what": "civic_offers", "outcome": list(state.offers)})
    if not state.offers:  # nothing you can still give: no market this month
        _end_month(level, state)
        return
    state.phase = CIVIC


def _settle_goal(level: Level, state: State, goal: Goal) -> None:
    """At the deadline: a goal the player gave up, or met by a choice (`met_by`: with a needed service
    the year already gave, `early`; without one, `other_way`), is settled by that choice; otherwise
    every service it needs is asked for now, and it is reached if none is denied."""
    outcomes: list[str] = []
    if any(f in state.flags for f in goal.dropped_by):
        how, reached = "dropped", False
    elif any(f in state.flags for f in goal.met_by):
        # a needed service the year already gave (a card's loan that bought the van) settled it: say so,
        # and say "another way" only when no needed service was granted or delayed
        early = [e for e in state.log if e["t"] == "service" and e["service"] in goal.needs
                 and e["outcome"] != "denied"]
        settling = [e for e in early if e["card"] in level.cards and any(
            c.request == e["service"] and set(c.granted.set) & set(goal.met_by)
            for c in level.cards[e["card"]].choices)]
        early = settling or early  # the card whose grant met the goal, where one did
        how, reached = ("early", True) if early else ("other_way", True)
        outcomes = [e["outcome"] for e in early]
    else:
        for service in goal.needs:
            outcomes.append(_request(level, state, service, "goal"))
            _pay_delay(level, state, outcomes[-1])
        how, reached = "services", "denied" not in outcomes
    state.goal_reached = reached
    event: GoalEvent = {"t": "goal", "reached": reached, "how": how, "month": state.month,
                        "needs": list(goal.needs), "outcomes": outcomes}
    if how == "early":  # which services settled it, and when
        event["settled_by"] = [{"service": e["service"], "outcome": e["outcome"], "month": e["month"],
                                "card": e["card"]} for e in early]
    state.log.append(event)


def _may_offer(level: Level, state: State, terms: CivicTerm) -> bool:
    """Whether a civic act suits the player, its conditions hold, and they can still pay for it."""
    unless, floors, counts, others = terms  # plain loops: this runs every month
    if unless and not state.flags.isdisjoint(unless):
        return False
    meters = state.meters
    for m, floor in floors:
        if meters[m] < floor:
            return False
    for k, op, v in counts:
        if not op(state.counters.get(k, 0), v):
            return False
    return not others or all(holds(level.rulebook, c, state) for c in others)


def _end_month(level: Level, state: State) -> None:
    rulebook = level.rulebook
    grade = grade_of(rulebook, state.score, state.policies)
    effect = rulebook.grade_effects.get(grade) if grade else None
    if effect:
        _apply_effects(level, state, effect.effects, "grade")
        _check_triggers(level, state)
    who = level.characters[state.character]
    first, last = span(level, state) if state.months != level.months else (state.month, state.month)
    if first <= who.goal.by <= last:
        _settle_goal(level, state, who.goal)
    state.log.append({"t": "month_end", "month": state.month, "score": state.score, "grade": grade,
                      "grade_effect": grade if effect else None, "meters": state.meters.copy(),
                      "blacklisted": state.blacklisted})
    state.offers = []
    if state.month >= level.months:
        state.phase = OVER
        state.log.append({"t": "end", "score": state.score, "grade": grade, "meters": dict(state.meters),
                          "goal_reached": state.goal_reached, "blacklisted": state.blacklisted,
                          **verdict(level, state)})
        return
    state.month = state.month + 1 if state.months == level.months else \
        _next_round(level.months, state.months or level.months, state.month)
    _begin_month(level, state)


def _begin_month(level: Level, state: State) -> None:
    """Bring in this month's policies and deal its cards; a month with no card goes to the market."""
    month = state.month
    first = month if state.months == level.months else span(level, state)[0]
    event: MonthEvent = {"t": "month", "month": month}
    if first != month:  # a round of a short year stands for several months
        event["from"] = first
    state.log.append(event)
    index = level.index  # its tables looked up here directly: this runs every month of every game
    coming = index.policies_in.get((first, month))
    if coming is None:
        coming = _policies_in(level, first, month)
    for policy_id in coming:
        state.policies = state.policies + (policy_id,)
        state.log.append({"t": "policy", "policy": policy_id, "month": month})
    if state.expiring or state.listed_until is not None:
        state.log.extend(new_month(level.rulebook, state, month))
    count = level.cards_min
    if level.cards_max > level.cards_min:
        state.rng, count = rng.randint(state.rng, level.cards_min, level.cards_max)
        chance = 1 / (level.cards_max - level.cards_min + 1)
        state.log.append({"t": "draw", "what": "cards_this_month", "chance": chance, "outcome": count})
    queue, later = [], []
    # an unannounced need takes the place of one of the round's cards (the year reads no longer for it)
    needed = [c for c, due in state.needs.items() if due <= month and c not in state.seen] if state.needs else []
    count = max(0, count - len(needed))
    for card_id, due in state.follow_ups:
        if due > month:
            later.append([card_id, due])
        elif card_id not in queue and (card_id not in state.seen or _dealt_by_trigger(level, card_id)) \
                and _conditions_hold(level, state, level.cards[card_id]):
            queue.append(card_id)
    state.follow_ups = later
    seen, flags, scheduled, rb = state.seen, state.flags, state.scheduled, level.rulebook
    terms = index.deal_terms
    # the deck, character and month sieve is a set worked out once per level
    # and month, and the cards it lets through are picked out of the deck without a Python loop
    always, possible = index.dealable_now.get((state.character, first, month)) or \
        _dealable_now(level, state.character, first, month)
    # a guaranteed card not yet seen is dealt from its month on, as soon as it may be

    def allowed(card_id: str) -> bool:
        """The card's flags and conditions hold for this player now."""
        needs, unless, conds = terms[card_id]
        if needs and not needs <= flags or unless and not flags.isdisjoint(unless):
            return False
        return not conds or all(holds(rb, c, state) for c in conds)

    forced = [card_id for card_id in always.difference(seen)  # in any order: the deck's, below
              if (due := scheduled.get(card_id)) is not None and due <= month and allowed(card_id)]
    if len(forced) > 1:
        forced.sort(key=state.deck.index)
    if forced and queue:
        forced = [c for c in forced if c not in queue]  # a follow-up already queued is not dealt twice
    if state.months < level.months:  # a short year has room for one round's cards: the soonest to close first
        forced.sort(key=lambda c: level.cards[c].when.months[1])
        crises = sum(1 for c in queue if _dealt_by_trigger(level, c))  # a crisis never takes a guaranteed card's place
        forced = forced[:max(0, count - len(queue) + crises)]
    drawn = forced[:]
    if len(drawn) < count:
        for card_id in filterfalse(seen.__contains__, filter(possible.__contains__, state.deck)):
            if card_id in drawn or card_id in queue or not allowed(card_id):
                continue
            drawn.append(card_id)
            if len(drawn) >= count:
                break
    for card_id in drawn:
        state.deck.remove(card_id)
    queue.extend(drawn)
    queue.extend(c for c in needed if c not in queue)  # after the round's cards
    state.seen.update(queue)
    state.queue = queue
    if queue:
        state.log.append({"t": "deal", "month": month, "cards": list(queue)})
        state.phase = CARD
    else:
        _open_civic(level, state)


def _policies_in(level: Level, first: int, last: int) -> tuple[str, ...]:
    """`rules.policies_in`, kept by the level's index: looked up every month."""
    key = (first, last)
    found = level.index.policies_in.get(key)
    if found is None:
        found = level.index.policies_in[key] = policies_in(level.rulebook, first, last)
    return found


def _dealable_now(level: Level, character: str, first: int, last: int) -> tuple[frozenset[str], frozenset[str]]:
    """The guaranteed cards, and all cards, the deck may deal this character in months first..last,
    as far as the deck, the character and the months say (kept by the level's index)."""
    index = level.index
    key = (character, first, last)
    found = index.dealable_now.get(key)
    if found is None:
        months = index.card_months
        possible = frozenset(c for c in index.deck_cards[character]
                             if months[c][0] <= last and months[c][1] >= first)
        found = index.dealable_now[key] = (possible.intersection(index.always_cards), possible)
    return found


def _conditions_hold(level: Level, state: State, card: Card) -> bool:
    """The card's conditions; they hold for follow-ups too (no repayment after a refused loan)."""
    flags, when = state.flags, card.when
    if not all(f in flags for f in when.needs) or any(f in flags for f in when.unless):
        return False
    return not when.conds or all(holds(level.rulebook, c, state) for c in when.conds)


def _dealt_by_trigger(level: Level, card_id: str) -> bool:
    """A trigger's card is marked seen when it fires, so that nothing else deals it twice."""
    return card_id in level.index.trigger_cards
