"""Simple players for simulations: each picks an option from what the decision says it would do.

They see exactly what a human sees (effects, acts with points and odds, service outlooks, their own
meters, score and goal), so a simulation measures the rules, not hidden knowledge. `POLICIES` is the
one list of them that `simulate`, the command line and the tests read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Final

from game.core import engine, rng
from game.core.engine import Decision, State
from game.core.events import Option
from game.core.model import Level

POLICIES = ("conformist", "free", "strategic", "random", "balanced")
# players the game does not ship, kept to measure the rules (issue 20): `simulate --policy` takes them, and
# `appetite:L` for any number L; the shipped table, the validator and the class bots play POLICIES only.
# `cautious` is also the debrief's "bot that complies only as needed": a yardstick, not a character to pick
MEASURING = ("line_rider", "refill", "cautious")
APPETITE = "appetite:"
SWEEP = (0.0, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6)  # `simulate --sweep appetite`
_SIMPLE = ("conformist", "free", "balanced")
# what a service's outlook is worth to a player, in meter points (halved): the one table of it
OUTLOOK: Final[dict[str | None, float]] = {None: 0.0, "granted": 1.0, "delayed": 0.3, "denied": -1.0}
MARGIN = 40  # the strategic player keeps this many points above the line its goal needs
# the cautious player's margin above its line, as a share of a grade band (19 points in Harmony City's
# 75-point bands, 2.5 on a 10-point rating): the most that still costs no civic act at the start (issue 20)
CAUTION = 0.25


def _careful(option: Option, level: Level, meters: dict[str, int]) -> float:
    """What an option does for the player's own meters and any service it brings, a point of a meter
    near its bottom weighing more: an empty meter ends a good year."""
    total = 0.0
    for meter_id, delta in option["effects"].items():
        meter = level.meters[meter_id]
        room = meters[meter_id] - meter.min
        weight = 3.0 if room <= 1 else 2.0 if room <= 3 else 1.0
        total += delta * (weight if delta < 0 else min(weight, 2.0))
    for chance in option.get("chances", ()):
        total += chance["chance"] * sum(chance["effects"].values())
    outlook = option["request_outcome"]
    if outlook:
        total += 2 * OUTLOOK[outlook]
    return total


def goal_line(level: Level, character: str) -> int | None:
    """The lowest score at which every service the character's goal needs is granted (None: no score);
    kept by the level's index."""
    lines = (level.index or engine.indexed(level).index).goal_lines
    if character not in lines:
        lines[character] = _goal_line(level, character)
    return lines[character]


def _goal_line(level: Level, character: str) -> int | None:
    rulebook = level.rulebook
    if rulebook.score is None or not rulebook.grades:
        return None
    needs = level.characters[character].goal.needs
    for wanted in (("granted",), ("granted", "delayed")):
        fits = [g.min for g in rulebook.grades
                if all(rulebook.access[s].get(g.grade, rulebook.access[s].get("*", "granted")) in wanted
                       for s in needs)]
        if fits:
            return min(fits)
    return rulebook.grades[0].min


def known(policy: str) -> bool:
    """Whether `policy` names a bot: a shipped one, a measuring one, or `appetite:L` with L a number."""
    return policy in POLICIES or policy in MEASURING or _appetite(policy) is not None


def _appetite(policy: str) -> float | None:
    if not policy.startswith(APPETITE):
        return None
    try:
        weight = float(policy[len(APPETITE):])
    except ValueError:
        return None
    return weight if weight == weight and abs(weight) != float("inf") else None


def _lowest_line(level: Level, character: str) -> int | None:
    """The lowest score at which the character's goal is still reached, a delayed service included
    (the line rider's line); kept by the level's index beside the strategic bot's."""
    lines = (level.index or engine.indexed(level).index).goal_lines
    key = f"{character}/delayed"
    if key not in lines:
        rulebook = level.rulebook
        needs = level.characters[character].goal.needs
        fits = [g.min for g in rulebook.grades
                if all(rulebook.access[s].get(g.grade, rulebook.access[s].get("*", "granted")) != "denied"
                       for s in needs)] if rulebook.score is not None and rulebook.grades else []
        lines[key] = min(fits) if fits else None
    return lines[key]


def _line_rider(decision: Decision, level: Level, state: State) -> int:
    """Comply exactly as little as the goal needs: before the goal's deadline refuse any option whose
    worst case takes the score under the goal's line + 15, after it keep out of the bottom grade, and
    otherwise do what is best for the meters; never the market. It shows what riding the line earns."""
    options = decision.options
    usable = [i for i, o in enumerate(options) if o.get("available", True)]
    if decision.kind == "civic":
        return next((i for i in usable if options[i].get("skip")), usable[0])
    careful = [_careful(o, level, state.meters) for o in options]
    goal = level.characters[state.character].goal
    line = _lowest_line(level, state.character)
    grades = level.rulebook.grades
    open_goal = state.goal_reached is None and decision.month <= goal.by and line is not None
    floor = line + 15 if open_goal and line is not None else grades[-2].min if len(grades) > 1 else None
    if floor is None or state.score is None:
        return max(usable, key=lambda i: (careful[i], -i))
    listing = level.rulebook.blacklist
    score = state.score

    def worst(i: int) -> int:
        listed = open_goal and listing is not None and bool(set(goal.needs) & set(listing.denies)) \
            and any(a.get("blacklist") for a in options[i]["acts"])
        return -10**9 if listed else score + _worst_points(options[i])

    safe = [i for i in usable if worst(i) >= floor]
    if safe:
        return max(safe, key=lambda i: (careful[i], options[i]["expected_points"], -i))
    return max(usable, key=lambda i: (worst(i), careful[i], -i))


def _band(level: Level) -> int:
    """The narrowest grade band above the bottom one: what a margin is measured in, so one share of it
    means as much on a 10-point rating as on a 75-point social credit band."""
    grades = level.rulebook.grades
    widths = [grades[i].min - grades[i + 1].min for i in range(len(grades) - 2)]
    return min(widths) if widths else grades[0].min - grades[-1].min if len(grades) > 1 else 0


def _cautious(decision: Decision, level: Level, state: State) -> int:
    """Comply only as needed, with a margin against what cannot be seen coming: the line rider's cautious
    cousin, and the debrief's "complies only as needed". Its worst case stays a margin above grade B's
    line all year, as needs judged by the grade may come at any month (and above the goal's own line
    until its deadline, should that be higher); it risks no list; it does a civic act only when under
    that floor; otherwise it does what is best for its meters. Grade A is never a target in itself."""
    options = decision.options
    usable = [i for i, o in enumerate(options) if o.get("available", True)]
    skip = next((i for i in usable if options[i].get("skip")), None)
    careful = [_careful(o, level, state.meters) for o in options]
    floor = _cautious_floor(decision, level, state)
    if floor is None or state.score is None:
        return skip if decision.kind == "civic" and skip is not None else max(usable, key=lambda i: (careful[i], -i))
    score = state.score
    if decision.kind == "civic" and skip is not None and score >= floor:
        return skip

    def worst(i: int) -> float:
        listed = any(a.get("blacklist") and a["chance"] > 0 for a in options[i]["acts"])
        return -1e9 if listed else score + _worst_points(options[i])

    safe = [i for i in usable if worst(i) >= floor]
    if safe:
        return max(safe, key=lambda i: (careful[i], options[i]["expected_points"], -i))
    return max(usable, key=lambda i: (worst(i), options[i]["expected_points"], careful[i], -i))


def _cautious_floor(decision: Decision, level: Level, state: State) -> float | None:
    """The cautious player's floor: grade B's line (the second grade), or while the goal is open the
    lowest line that still reaches it if that is higher, plus `CAUTION` of a grade band. A delayed service
    still reaches the goal: climbing to the line where it is granted cost more meters than the delay, measured."""
    grades = level.rulebook.grades
    if level.rulebook.score is None or len(grades) < 2:
        return None
    line = grades[1].min
    goal = level.characters[state.character].goal
    need = _lowest_line(level, state.character)
    if need is not None and state.goal_reached is None and decision.month <= goal.by:
        line = max(line, need)
    return line + CAUTION * _band(level)


def _refill(decision: Decision, level: Level, state: State) -> int:
    """The conformist, except that from month 7 it refills a meter at its minimum and keeps it off
    the bottom: the year is judged in December, and a meter at its minimum absorbs costs until then."""
    if decision.month < 7:
        return _best("conformist", decision)
    bounds = (level.index or engine.indexed(level).index).meter_bounds
    meters = state.meters

    def empty_after(o: Option) -> float:
        """How many meters the option is expected to leave at their minimum (chance outcomes at their odds)."""
        def count(extra: dict[str, int]) -> int:
            return sum(1 for m, (lo, _hi) in bounds.items()
                       if meters[m] + o["effects"].get(m, 0) + extra.get(m, 0) <= lo)
        chances = o.get("chances", ())
        rest = 1.0 - sum(c["chance"] for c in chances)
        return rest * count({}) + sum(c["chance"] * count(c["effects"]) for c in chances)

    options = decision.options
    usable = [i for i, o in enumerate(options) if o.get("available", True)]
    fewest = min(empty_after(options[i]) for i in usable)
    keep = [i for i in usable if empty_after(options[i]) == fewest]
    return max(keep, key=lambda i: (options[i]["expected_points"], sum(options[i]["effects"].values()), -i))


def _appetite_pick(weight: float, decision: Decision, level: Level, state: State) -> int:
    """The option with the most expected meters (each kept within its bounds, chance outcomes at their
    odds, a service's outlook at the bots' worth) plus `weight` times the expected points."""
    bounds = (level.index or engine.indexed(level).index).meter_bounds
    meters = state.meters

    def moved(effects: dict[str, int]) -> float:
        total = 0
        for m, d in effects.items():
            lo, hi = bounds[m]
            total += min(max(meters[m] + d, lo), hi) - meters[m]
        return total

    best, top = -1, 0.0
    for i, o in enumerate(decision.options):
        if not o.get("available", True):
            continue
        value = moved(o["effects"]) + weight * o["expected_points"]
        for c in o.get("chances", ()):  # an outcome lands on top of the option's own effects
            after = {m: o["effects"].get(m, 0) + c["effects"].get(m, 0) for m in set(o["effects"]) | set(c["effects"])}
            value += c["chance"] * (moved(after) - moved(o["effects"]))
        outlook = o["request_outcome"]
        if outlook:
            value += 2 * OUTLOOK[outlook]
        if best < 0 or value > top:
            best, top = i, value
    if best < 0:
        raise ValueError("no option of this decision can be taken")
    return best


def _worst_points(option: Option) -> int:
    return sum(a["points"] for a in option["acts"] if a["judged"] and a["points"] < 0 and a["chance"] > 0)


def _strategic(decision: Decision, level: Level, state: State) -> int:
    """Comply only as much as the goal needs: keep the score safely above the goal's line until the
    deadline, never risk the blacklist while the goal is open, and otherwise do what is best for oneself."""
    options = decision.options
    careful = [_careful(o, level, state.meters) for o in options]
    usable = [i for i, o in enumerate(options) if o.get("available", True)]
    goal = level.characters[state.character].goal
    line = goal_line(level, state.character)
    open_goal = state.goal_reached is None and decision.month <= goal.by and line is not None
    if not open_goal or state.score is None:
        return max(usable, key=lambda i: (careful[i] - (10 if options[i].get("civic") else 0), -i))
    assert line is not None  # open_goal says so
    safe_floor = line + MARGIN
    safe = [i for i in usable
            if state.score + _worst_points(options[i]) >= safe_floor
            and not any(a.get("blacklist") for a in options[i]["acts"])]
    if decision.kind == "civic":
        if state.score >= safe_floor + 20:  # comfortable: keep the evening
            return next(i for i in usable if options[i].get("skip")) if any(
                options[i].get("skip") for i in usable) else max(usable, key=careful.__getitem__)
        return max(usable, key=lambda i: (options[i]["expected_points"] > 0, careful[i]))
    if safe:
        return max(safe, key=lambda i: (careful[i], options[i]["expected_points"], -i))
    return max(usable, key=lambda i: (options[i]["expected_points"], careful[i]))


def choose(policy: str, decision: Decision, bot: int, level: Level | None = None,
           state: State | None = None) -> tuple[int, int]:
    """Return (new bot generator state, 0-based option) for this decision.

    `strategic` needs the level and the state (it reads its goal, meters and score); the others only
    need the decision. An option the player cannot take (`available: False`) is never picked.
    """
    options = decision.options
    if policy == "random":
        usable = [i for i, o in enumerate(options) if o.get("available", True)]
        bot, pick = rng.randint(bot, 0, len(usable) - 1)
        return bot, usable[pick]
    if policy == "strategic":
        if level is None or state is None:
            raise ValueError("the strategic policy needs the level and the state")
        return bot, _strategic(decision, level, state)
    if policy in MEASURING or policy.startswith(APPETITE):
        weight = _appetite(policy)
        if level is None or state is None or policy.startswith(APPETITE) and weight is None:
            raise ValueError(f"the {policy!r} policy needs the level and the state, and a number after {APPETITE}")
        if weight is not None:
            return bot, _appetite_pick(weight, decision, level, state)
        return bot, _MEASURING[policy](decision, level, state)
    return bot, _best(policy, decision)


_MEASURING: Final[dict[str, Callable[[Decision, Level, State], int]]] = {
    "line_rider": _line_rider, "refill": _refill, "cautious": _cautious}


def _best(policy: str, decision: Decision, _state: State | None = None) -> int:
    """The conformist, free and balanced players' pick: the first usable option with the best score
    (then the best second score), as `max` would give it; a plain loop, as this runs at every decision."""
    if policy not in _SIMPLE:
        raise ValueError(f"unknown policy {policy!r}; known: {', '.join(POLICIES)}")
    best, top, second = -1, 0.0, 0.0
    for i, option in enumerate(decision.options):
        if not option.get("available", True):
            continue
        outlook = option["request_outcome"]
        personal = sum(option["effects"].values()) + (2 * OUTLOOK[outlook] if outlook else 0.0)
        if policy == "balanced":
            score, then = personal + option["expected_points"] / 12, 0.0
        elif policy == "conformist":
            score, then = option["expected_points"], personal
        else:  # free
            score, then = personal - (10 if option.get("civic") else 0), 0.0
        if best < 0 or score > top or score == top and then > second:
            best, top, second = i, score, then
    if best < 0:
        raise ValueError("no option of this decision can be taken")
    return best


def play_year(level: Level, seed: str, character: str, values: Sequence[str], policy: str, bot: int,
              months: int | None = None, options: Sequence[str] = (),
              watch: Callable[[Decision, State], object] | None = None) -> tuple[int, State]:
    """A whole year played by a bot: (the bot's generator after it, the finished state).

    The one loop every simulation, the validator's test games and the debrief's comparison bots use.
    A bot only picks options it is offered, so a refusal here is a bug, and raised. `watch`, if given,
    sees each decision and the state before the pick (what `simulate` measures as the year goes)."""
    state = engine.new_game(level, seed, character, values, months, options)
    if isinstance(state, engine.Refusal):
        raise ValueError(f"a bot cannot start this year: {state.code} {state.args}")
    if policy in _SIMPLE and watch is None:  # they draw nothing: no generator to carry
        return bot, engine.play(level, state, partial(_best, policy))
    generator = bot

    def pick(decision: Decision, state: State) -> int:
        nonlocal generator
        if watch is not None:
            watch(decision, state)
        generator, choice = choose(policy, decision, generator, level, state)
        return choice

    state = engine.play(level, state, pick)
    return generator, state  # read after the year: `pick` has moved the generator on
