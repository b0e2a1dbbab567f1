"""The rules of play: a game is a pure function of (level, seed, character, values, choices).

`new_game` deals the first decision; `apply` takes a choice and returns the next state (or a
`Refusal`, leaving the old state untouched). Between two decisions the engine runs every automatic
step itself: camera rolls, service requests, the end of the month, policy cards, the next draw.
Every random draw comes from the generator stored in the state and is written to the log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from game.core import rng
from game.core.gamecode import year_length
from game.core.model import Card, Choice, Level
from game.core.rules import access, caught, clamp, effective_rules, grade_of

CARD, CIVIC, OVER = "card", "civic", "over"
END_NOW = -1  # a choice that ends the year at once: recorded like any choice, so a game code replays it


@dataclass(frozen=True)
class Refusal:
    """A choice the engine would not take: a reason id and its numbers, put into words by the front ends.

    Ids: `no_character` (id), `bad_values`, `year_over`, `bad_choice` (n: how many options),
    `record_unplayable` (n: which choice of the record, why: the inner Refusal).
    """

    code: str
    args: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    """What the player must decide now: a card's choices, or this month's civic offers.

    Each option is a plain dict saying what it would do: its personal effects, its acts with the
    points and the chance of being seen under the rules in force, and any service it asks for.
    """

    kind: str
    month: int
    card: Card | None
    options: tuple[dict, ...]


@dataclass
class State:
    """Everything that changes during a game; plain data, copied (not shared) by `apply`."""

    level_id: str
    seed: str
    character: str
    values: tuple[str, ...]
    rng: int
    meters: dict[str, int]
    score: int | None
    month: int = 1
    phase: str = CARD
    flags: set[str] = field(default_factory=set)
    deck: list[str] = field(default_factory=list)
    queue: list[str] = field(default_factory=list)
    follow_ups: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    offers: list[str] = field(default_factory=list)
    scheduled: dict[str, int] = field(default_factory=dict)  # guaranteed card -> its month; never changed
    policies: tuple[str, ...] = ()
    blacklisted: bool = False
    goal_reached: bool | None = None
    months: int = 0  # rounds in this year: the level's months, or fewer for a short year (set by the seed)
    choices: list[int] = field(default_factory=list)
    log: list[dict] = field(default_factory=list)

    def clone(self) -> State:
        """A copy whose containers are new, so changing it never touches this state."""
        new = object.__new__(State)
        fields = dict(self.__dict__)
        fields.pop("_pending", None)  # a cached decision belongs to this state only
        new.__dict__ = fields
        new.meters = dict(self.meters)
        new.flags = set(self.flags)
        new.deck = list(self.deck)
        new.queue = list(self.queue)
        new.follow_ups = list(self.follow_ups)
        new.seen = set(self.seen)
        new.offers = list(self.offers)
        new.choices = list(self.choices)
        new.log = list(self.log)
        return new

    @property
    def over(self) -> bool:
        return self.phase == OVER


def new_game(level: Level, seed: str, character: str, values: tuple[str, ...] | list[str]) -> State | Refusal:
    """Set up a game and play every automatic step up to the first decision."""
    if character not in level.characters:
        return Refusal("no_character", {"id": character})
    values = tuple(values)
    if len(values) != 3 or len(set(values)) != 3 or any(v not in level.values for v in values):
        return Refusal("bad_values")
    who = level.characters[character]
    meters = {m.id: clamp(who.meters.get(m.id, m.start), m.min, m.max) for m in level.meters.values()}
    score = level.rulebook.score.start if level.rulebook.score else None
    state = State(
        level_id=level.id,
        seed=str(seed),
        character=character,
        values=values,
        rng=rng.seed_state(str(seed)),
        meters=meters,
        score=score,
        flags=set(who.flags),
        months=year_length(str(seed), level.months),
    )
    state.log.append(
        {
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
    )
    state.rng, state.deck = rng.shuffled(state.rng, list(level.cards))
    state.log.append({"t": "draw", "what": "deck_order", "outcome": list(state.deck)})
    for card_id in _always_cards(level):  # each guaranteed card gets a month inside its window
        lo, hi = level.cards[card_id].when.months
        state.rng, state.scheduled[card_id] = rng.randint(state.rng, lo, min(hi, level.months))
    if state.scheduled:
        state.log.append({"t": "draw", "what": "guaranteed_months", "outcome": dict(state.scheduled)})
    state.month = calendar(level, state)[0]
    _begin_month(level, state)
    return state


def pending(level: Level, state: State) -> Decision | None:
    """The decision the player faces now, or None once the year is over.

    It is derived from the state alone, so it is worked out once per state and kept beside it.
    """
    cached = state.__dict__.get("_pending")
    if cached is not None and cached[0] is level:
        return cached[1]
    decision = _pending(level, state)
    state.__dict__["_pending"] = (level, decision)
    return decision


def _pending(level: Level, state: State) -> Decision | None:
    rb = level.rulebook
    rules = effective_rules(rb, state.policies)
    if state.phase == CARD:
        card = level.cards[state.queue[0]]
        grade = grade_of(rb, state.score)
        options = tuple(
            _option(c.label, c.effects, c.values, _act_preview(rules, c.acts, card.place), c.request,
                    access(rb, c.request, grade, state.blacklisted)[0] if c.request else None)
            for c in card.choices)
        return Decision(CARD, state.month, card, options)
    if state.phase == CIVIC:
        options = [_option(a.label, a.effects, a.values, _act_preview(rules, a.acts, None), civic=a.id)
                   for a in (level.civic[i] for i in state.offers)]
        options.append(_option("", {}, {}, ([], 0.0), skip=True))
        return Decision(CIVIC, state.month, None, tuple(options))
    return None


def apply(level: Level, state: State, choice: int) -> State | Refusal:
    """Take option `choice` (0-based) of the pending decision and run on to the next one."""
    decision = pending(level, state)
    if decision is None:
        return Refusal("year_over")
    if choice == END_NOW and not isinstance(choice, bool):
        return _end_now(level, state)
    if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < len(decision.options):
        return Refusal("bad_choice", {"n": len(decision.options)})
    new = state.clone()
    new.choices.append(choice)
    event = {
        "t": "decision",
        "kind": decision.kind,
        "month": new.month,
        "card": decision.card.id if decision.card else None,
        "options": list(decision.options),
        "chosen": choice,
    }
    new.log.append(event)
    if decision.kind == CARD:
        _play_card_choice(level, new, decision.card, decision.card.choices[choice])
    else:
        civic_id = decision.options[choice].get("civic")
        if civic_id is not None:
            act = level.civic[civic_id]
            _apply_effects(level, new, act.effects, "choice")
            _do_acts(level, new, act.acts, place=None)
        _end_month(level, new)
    event["meters_after"] = dict(new.meters)
    event["score_after"] = new.score
    return new


def verdict(level: Level, state: State) -> dict:
    """How the year went as a whole life, not as a grade: a good year reaches the goal and leaves no
    meter at its minimum. The score is judged by the grade beside it."""
    empty = [m.id for m in level.meters.values() if state.meters[m.id] <= m.min]
    return {"meters_at_min": empty, "good_year": bool(state.goal_reached) and not empty}


def replay(level: Level, seed: str, character: str, values, choices) -> State | Refusal:
    """Play a recorded game again from its seed and choices."""
    state = new_game(level, seed, character, values)
    for number, choice in enumerate(choices, start=1):
        if isinstance(state, Refusal):
            break
        state = apply(level, state, choice)
        if isinstance(state, Refusal):
            return Refusal("record_unplayable", {"n": number, "why": state})
    return state


def record(state: State, level: Level) -> dict:
    """The few facts a game is a function of: enough to replay it exactly."""
    return {
        "level": level.id,
        "content_hash": level.content_hash,
        "seed": state.seed,
        "character": state.character,
        "values": list(state.values),
        "choices": list(state.choices),
    }


def calendar(level: Level, state: State) -> tuple[int, ...]:
    """The level month each round of this year ends on: every month for a full year; for a short one,
    rounds that stand for two months or so each, so deadlines, policies and card windows still fall in."""
    return _calendar(level.months, state.months or level.months)


@lru_cache(maxsize=32)
def _calendar(full: int, rounds: int) -> tuple[int, ...]:
    return tuple((r * full + rounds - 1) // rounds for r in range(1, rounds + 1))


def span(level: Level, state: State) -> tuple[int, int]:
    """The first and last level month the current round stands for (the same month in a full year)."""
    ends = calendar(level, state)
    earlier = [m for m in ends if m < state.month]
    return (earlier[-1] + 1 if earlier else 1), state.month


def _end_now(level: Level, state: State) -> State:
    """End the year where it stands: the months played so far are the year the debrief reads."""
    new = state.clone()
    new.choices.append(END_NOW)
    new.phase = OVER
    new.queue, new.offers = [], []
    grade = grade_of(level.rulebook, new.score)
    new.log.append({"t": "end_now", "month": new.month})
    new.log.append({"t": "end", "score": new.score, "grade": grade, "meters": dict(new.meters),
                    "goal_reached": new.goal_reached, "blacklisted": new.blacklisted})
    return new


# --- what an option would do ---------------------------------------------------------------


def _act_preview(rules: dict, acts, place: str | None) -> tuple[list[dict], float]:
    out, expected = [], 0.0
    for act in acts:
        rule = rules.get(act)
        if rule is None:
            out.append({"act": act, "judged": False, "points": 0, "chance": 0.0, "watcher": ""})
            continue
        chance = rule.chance(place)
        out.append({"act": act, "judged": True, "points": rule.points, "chance": chance, "watcher": rule.watcher})
        expected += rule.points * chance
    return out, expected


def _option(label: str, effects: dict, values: dict, acts_and_expected: tuple[list[dict], float],
            request: str | None = None, outcome: str | None = None, civic: str | None = None,
            skip: bool = False) -> dict:
    """What one option would do. Its dicts are shared with the content, never changed."""
    acts, expected = acts_and_expected
    option = {"label": label, "effects": effects, "acts": acts, "values": values, "request": request,
              "request_outcome": outcome, "expected_points": expected}
    if civic is not None:
        option["civic"] = civic
    if skip:  # "not this month": no label in the log, the front ends word it in the player's language
        option["skip"] = True
    return option


# --- automatic steps -----------------------------------------------------------------------


def _apply_effects(level: Level, state: State, effects: dict[str, int], why: str) -> dict[str, int]:
    """Change the meters within their bounds; return what actually changed.

    `why` says what caused it (choice, granted, denied, delay, grade) so the log can tell it.
    """
    applied = {}
    for meter_id, delta in effects.items():
        meter = level.meters[meter_id]
        old = state.meters[meter_id]
        new = clamp(old + delta, meter.min, meter.max)
        state.meters[meter_id] = new
        if new != old:
            applied[meter_id] = new - old
    if applied:
        state.log.append({"t": "effects", "why": why, "applied": applied})  # the decision records the meters after
    return applied


def _do_acts(level: Level, state: State, acts, place: str | None) -> None:
    """Roll the camera die for each act and let the rulebook judge what it sees."""
    rulebook = level.rulebook
    rules = effective_rules(rulebook, state.policies)
    for act in acts:
        state.rng, roll = rng.randint(state.rng, 1, 100)
        rule = rules.get(act)
        event = {"t": "act", "act": act, "place": place, "roll": roll, "month": state.month}
        if rule is None or state.score is None:
            event.update(judged=False, chance=0.0, caught=False, points=0)
            state.log.append(event)
            continue
        chance = rule.chance(place)
        seen = caught(roll, chance)
        points = 0
        if seen:
            spec = rulebook.score
            before = state.score
            state.score = clamp(state.score + rule.points, spec.min, spec.max)
            points = state.score - before
        event.update(judged=True, chance=chance, caught=seen, points=points, rule_points=rule.points,
                     watcher=rule.watcher, score=state.score, grade=grade_of(rulebook, state.score))
        state.log.append(event)
        if seen and rulebook.blacklist and act in rulebook.blacklist.acts and not state.blacklisted:
            state.blacklisted = True
            state.log.append({"t": "blacklist", "act": act, "month": state.month, "list": rulebook.blacklist.label})


def _request(level: Level, state: State, service: str, purpose: str, card: str | None = None) -> str:
    """Ask the rulebook for a service; pay the delay cost if it is delayed. Returns the outcome."""
    grade = grade_of(level.rulebook, state.score)
    outcome, why = access(level.rulebook, service, grade, state.blacklisted)
    state.log.append({"t": "service", "service": service, "outcome": outcome, "why": why, "grade": grade,
                      "month": state.month, "for": purpose, "card": card})
    return outcome


def _pay_delay(level: Level, state: State, outcome: str) -> None:
    """A delayed service comes in the end, after forms, fees and waiting: the rulebook's delay cost."""
    if outcome == "delayed":
        _apply_effects(level, state, level.rulebook.delay_cost, "delay")


def _play_card_choice(level: Level, state: State, card: Card, choice: Choice) -> None:
    _apply_effects(level, state, choice.effects, "choice")
    state.flags.update(choice.set)
    state.flags.difference_update(choice.clear)
    _do_acts(level, state, choice.acts, card.place)
    if choice.request:
        outcome = _request(level, state, choice.request, "card", card.id)
        branch = choice.denied if outcome == "denied" else choice.granted
        _apply_effects(level, state, branch.effects, "denied" if outcome == "denied" else "granted")
        state.flags.update(branch.set)
        _pay_delay(level, state, outcome)
    if choice.follow_up:
        follow = level.cards[choice.follow_up]
        if state.month < level.months:
            state.follow_ups.append(choice.follow_up)
        elif follow.id not in state.seen and _conditions_hold(state, follow):
            state.queue.insert(1, follow.id)  # no next month: the consequence comes now, not never
            state.seen.add(follow.id)
    state.queue.pop(0)
    if not state.queue:
        _open_civic(level, state)


def _open_civic(level: Level, state: State) -> None:
    """Offer this month's civic acts, drawn by the die; skip the market if the level has none."""
    if level.civic_offers == 0 or not level.civic:
        _end_month(level, state)
        return
    state.rng, state.offers = rng.sample(state.rng, _offerable(level, state), level.civic_offers)
    state.log.append({"t": "draw", "what": "civic_offers", "outcome": list(state.offers)})
    if not state.offers:  # nothing you can still give: no market this month
        _end_month(level, state)
        return
    state.phase = CIVIC


def _settle_goal(level: Level, state: State, goal) -> None:
    """At the deadline: a goal the player gave up, or met another way, is settled by their choice;
    otherwise every service it needs is asked for, and it is reached if none is denied."""
    outcomes: list[str] = []
    if any(f in state.flags for f in goal.dropped_by):
        how, reached = "dropped", False
    elif any(f in state.flags for f in goal.met_by):
        how, reached = "other_way", True
    else:
        for service in goal.needs:
            outcomes.append(_request(level, state, service, "goal"))
            _pay_delay(level, state, outcomes[-1])
        how, reached = "services", "denied" not in outcomes
    state.goal_reached = reached
    state.log.append({"t": "goal", "reached": reached, "how": how, "month": state.month,
                      "needs": list(goal.needs), "outcomes": outcomes})


@lru_cache(maxsize=64)
def _civic_terms(level: Level) -> tuple[tuple[str, tuple[str, ...], tuple[tuple[str, int], ...]], ...]:
    """For each civic act: its id, the flags that rule it out, and the lowest each meter it costs may be."""
    return tuple((a.id, a.unless, tuple((m, level.meters[m].min - d) for m, d in a.effects.items() if d < 0))
                 for a in level.civic.values())


def _offerable(level: Level, state: State) -> list[str]:
    """The civic acts that suit the player and that they can still pay for."""
    flags, meters = state.flags, state.meters
    return [act for act, unless, floors in _civic_terms(level)
            if not any(f in flags for f in unless) and all(meters[m] >= floor for m, floor in floors)]


def _end_month(level: Level, state: State) -> None:
    rulebook = level.rulebook
    grade = grade_of(rulebook, state.score)
    effect = rulebook.grade_effects.get(grade) if grade else None
    if effect:
        _apply_effects(level, state, effect.effects, "grade")
    who = level.characters[state.character]
    first, last = span(level, state)
    if first <= who.goal.by <= last:
        _settle_goal(level, state, who.goal)
    state.log.append({"t": "month_end", "month": state.month, "score": state.score, "grade": grade,
                      "grade_effect": grade if effect else None, "meters": dict(state.meters),
                      "blacklisted": state.blacklisted})
    state.offers = []
    if state.month >= level.months:
        state.phase = OVER
        state.log.append({"t": "end", "score": state.score, "grade": grade, "meters": dict(state.meters),
                          "goal_reached": state.goal_reached, "blacklisted": state.blacklisted,
                          **verdict(level, state)})
        return
    state.month = next(m for m in calendar(level, state) if m > state.month)
    _begin_month(level, state)


def _begin_month(level: Level, state: State) -> None:
    """Bring in this month's policies and deal its cards; a month with no card goes to the market."""
    month = state.month
    first, _last = span(level, state)
    event = {"t": "month", "month": month}
    if first != month:  # a round of a short year stands for several months
        event["from"] = first
    state.log.append(event)
    for policy in level.rulebook.policies:
        if first <= policy.month <= month:
            state.policies = state.policies + (policy.id,)
            state.log.append({"t": "policy", "policy": policy.id, "month": month})
    count = level.cards_min
    if level.cards_max > level.cards_min:
        state.rng, count = rng.randint(state.rng, level.cards_min, level.cards_max)
        chance = 1 / (level.cards_max - level.cards_min + 1)
        state.log.append({"t": "draw", "what": "cards_this_month", "chance": chance, "outcome": count})
    queue = [c for c in state.follow_ups if c not in state.seen and _conditions_hold(state, level.cards[c])]
    state.follow_ups = []
    # a guaranteed card not yet seen is dealt from its month on, as soon as it may be
    forced = [c for c in _always_cards(level)
              if state.scheduled[c] <= month and _eligible(level, state, level.cards[c])]
    forced.sort(key=state.deck.index)
    forced = [c for c in forced if c not in queue]  # a follow-up already queued is not dealt twice
    if state.months < level.months:  # a short year has room for one round's cards: the soonest to close first
        forced.sort(key=lambda c: level.cards[c].when.months[1])
        forced = forced[:max(0, count - len(queue))]
    drawn = forced[:]
    for card_id in state.deck:
        if len(drawn) >= count:
            break
        if card_id not in drawn and card_id not in queue and _eligible(level, state, level.cards[card_id]):
            drawn.append(card_id)
    for card_id in drawn:
        state.deck.remove(card_id)
    queue.extend(drawn)
    state.seen.update(queue)
    state.queue = queue
    if queue:
        state.log.append({"t": "deal", "month": month, "cards": list(queue)})
        state.phase = CARD
    else:
        _open_civic(level, state)


@lru_cache(maxsize=64)
def _always_cards(level: Level) -> tuple[str, ...]:
    """The cards guaranteed to come up once; looked up every month, so listed once per level."""
    return tuple(c.id for c in level.cards.values() if c.when.always)


def _eligible(level: Level, state: State, card: Card) -> bool:
    """Whether the deck may deal this card now."""
    when = card.when
    if not when.deck or card.id in state.seen:
        return False
    first, last = span(level, state) if state.months != level.months else (state.month, state.month)
    if when.months[0] > last or when.months[1] < first:
        return False
    if when.characters and state.character not in when.characters:
        return False
    return _conditions_hold(state, card)


def _conditions_hold(state: State, card: Card) -> bool:
    """The card's flag conditions; they hold for follow-ups too (no repayment after a refused loan)."""
    flags = state.flags
    return all(f in flags for f in card.when.needs) and not any(f in flags for f in card.when.unless)
