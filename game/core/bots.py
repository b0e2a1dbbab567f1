"""Simple players for simulations: each picks an option from what the decision says it would do.

They see exactly what a human sees (effects, acts with points and odds, service outlooks, their own
meters, score and goal), so a simulation measures the rules, not hidden knowledge. `POLICIES` is the
one list of them that `simulate`, the command line and the tests read.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Final

from game.core import engine, rng
from game.core.engine import Decision, State
from game.core.events import Option
from game.core.model import Level

POLICIES = ("conformist", "free", "strategic", "random", "balanced")
_SIMPLE = ("conformist", "free", "balanced")
# what a service's outlook is worth to a player, in meter points (halved): the one table of it
OUTLOOK: Final[dict[str | None, float]] = {None: 0.0, "granted": 1.0, "delayed": 0.3, "denied": -1.0}
MARGIN = 40  # the strategic player keeps this many points above the line its goal needs


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
    return bot, _best(policy, decision)


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
              months: int | None = None, options: Sequence[str] = ()) -> tuple[int, State]:
    """A whole year played by a bot: (the bot's generator after it, the finished state).

    The one loop every simulation, the validator's test games and the debrief's comparison bots use.
    A bot only picks options it is offered, so a refusal here is a bug, and raised."""
    state = engine.new_game(level, seed, character, values, months, options)
    if isinstance(state, engine.Refusal):
        raise ValueError(f"a bot cannot start this year: {state.code} {state.args}")
    if policy in _SIMPLE:  # they draw nothing: no generator to carry
        return bot, engine.play(level, state, partial(_best, policy))
    generator = bot

    def pick(decision: Decision, state: State) -> int:
        nonlocal generator
        generator, choice = choose(policy, decision, generator, level, state)
        return choice

    state = engine.play(level, state, pick)
    return generator, state  # read after the year: `pick` has moved the generator on
