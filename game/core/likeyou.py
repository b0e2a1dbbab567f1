"""The same player without the score: a bot fit to this player's choices, played under other rules.

What-if with the choices held fixed says nothing about a player who complied: what the score changed
was the choices. So three habits are read from the log (how often the player took the option worth the
most points where points were at stake, did an offence a camera would likely see where one was on
offer, and used the civic market when it was open), and a bot with those habits plays the same seed
under each rulebook. Where a rulebook scores nothing, points are at stake nowhere and the market buys
nothing, so the habits that followed the score have nothing to follow: what is left is what the player
would choose for themselves. Its years are real games, each with a game code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from game.core import engine, gamecode, rng
from game.core.events import plain
from game.core.model import Level

STAKE = 5  # points between the best and the worst option for a decision to put points at stake
WATCHED = 0.5


def _personal(option: Mapping[str, Any]) -> float:
    """What an option does for the player's own meters and any service it brings (the free bot's view)."""
    outlook = {None: 0.0, "granted": 1.0, "delayed": 0.3, "denied": -1.0}[option.get("request_outcome")]
    effects: Mapping[str, int] = option["effects"]
    return sum(effects.values()) + 2 * outlook


def _offends_watched(option: Mapping[str, Any]) -> bool:
    return any(a["judged"] and a["points"] < 0 and a["chance"] >= WATCHED for a in option["acts"])


def habits(log: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """How often this player took the points, did a watched offence, and used the market: (times, chances)."""
    points = [0, 0]
    watched = [0, 0]
    market = [0, 0]
    for e in log:
        if e["t"] != "decision":
            continue
        options, chosen = e["options"], e["options"][e["chosen"]]
        if e["card"] is None:
            if any(o.get("civic") for o in options):
                market[1] += 1
                market[0] += bool(chosen.get("civic"))
            continue
        worth = [o["expected_points"] for o in options]
        if max(worth) - min(worth) >= STAKE:
            points[1] += 1
            points[0] += chosen["expected_points"] == max(worth)
        if any(_offends_watched(o) for o in options):
            watched[1] += 1
            watched[0] += _offends_watched(chosen)
    return {"points": points, "watched": watched, "market": market}


def _share(pair: list[int]) -> float:
    return pair[0] / pair[1] if pair[1] else 0.0


def _pick(decision: engine.Decision, fit: dict[str, Any], bot: int) -> tuple[int, int]:
    """(bot generator after, option) for a player with these habits."""
    options = decision.options
    usable = [i for i, o in enumerate(options) if o.get("available", True)]
    bot, draw = rng.randint(bot, 1, 100)
    if decision.card is None:  # the market: a civic act as often as the player took one, if it buys points
        acts = [i for i in usable if options[i].get("civic") and options[i]["expected_points"] > 0]
        if acts and draw <= round(100 * _share(fit["market"])):
            return bot, max(acts, key=lambda i: (options[i]["expected_points"], -i))
        return bot, next((i for i in usable if options[i].get("skip")), usable[-1])
    for_self = max(usable, key=lambda i: (_personal(options[i]), -i))
    worth = [options[i]["expected_points"] for i in usable]
    watched = [i for i in usable if _offends_watched(options[i])]
    if max(worth) - min(worth) >= STAKE and draw <= round(100 * _share(fit["points"])):
        return bot, max(usable, key=lambda i: (options[i]["expected_points"], _personal(options[i]), -i))
    if watched and for_self in watched and draw > round(100 * _share(fit["watched"])):
        safe = [i for i in usable if i not in watched]
        if safe:
            return bot, max(safe, key=lambda i: (_personal(options[i]), -i))
    return bot, for_self


def play(level: Level, log: Sequence[Mapping[str, Any]], fit: dict[str, Any]) -> engine.State:
    """The seed, character, values, length and options of `log`, played under `level` by the fitted bot."""
    start = log[0]
    state = engine.new_game(level, start["seed"], start["character"], start["values"], start.get("months"),
                            start.get("options", ()))
    if isinstance(state, engine.Refusal):
        raise ValueError(f"this log's start cannot be played here: {state.code}")
    generator = rng.seed_state(f"like-you-{start['seed']}")
    stopped = next((e["month"] for e in log if e["t"] == "end_now"), None)  # it stops where the player did

    def pick(decision: engine.Decision, _state: engine.State) -> int:
        nonlocal generator
        if stopped is not None and decision.month > stopped:
            raise _Stop
        generator, choice = _pick(decision, fit, generator)
        return choice

    try:
        return engine.play(level, state, pick)
    except _Stop:
        ended = engine.apply(level, state, engine.END_NOW)
        assert isinstance(ended, engine.State)
        return ended


class _Stop(Exception):
    """The player stopped their year here: so does the bot."""


def _choices(log: Sequence[Mapping[str, Any]]) -> dict[Any, str]:
    """What was chosen at each card (by card) and each month's market (by month)."""
    out: dict[Any, str] = {}
    for e in log:
        if e["t"] == "decision":
            option = e["options"][e["chosen"]]
            out[e["card"] or ("market", e["month"])] = option.get("civic") or option["label"] or "skip"
    return out


def like_you(level: Level, log: Sequence[Mapping[str, Any]], others: Sequence[Level]) -> dict[str, Any] | None:
    """The fitted bot under the rules as played and under each other rulebook: what it would have chosen
    otherwise there than here, and what each year gives (goal, good year, grade, its code)."""
    fit = habits(log)
    if not any(pair[1] for pair in fit.values()):
        return None
    try:
        here = play(level, log, fit)
    except ValueError:
        return None
    mine = _choices(plain(here.log))
    years = []
    for other in [level, *others]:
        try:
            state = here if other is level else play(other, log, fit)
        except ValueError:
            continue
        theirs = _choices(plain(state.log))
        changed = [k for k in theirs if k in mine and theirs[k] != mine[k]]
        end = plain(state.log)[-1]
        try:
            code = gamecode.encode(other, state.seed, state.character, state.values, state.choices)
        except gamecode.CodeError:
            code = None
        first = next((e for e in plain(state.log) if e["t"] == "decision"
                      and (e["card"] or ("market", e["month"])) in changed), None)
        years.append({"level": other.id, "title": other.rulebook.name, "as_played": other is level,
                      "scored": other.rulebook.score is not None,
                      "goal_reached": state.goal_reached, "good_year": bool(end.get("good_year")),
                      # why a year was not good: the needs left unmet, the meters empty at the end, the month-ends
                      # with one empty (more than the level allows)
                      "needs_unmet": list(end.get("needs_unmet", ())),
                      "meters_at_min": list(end.get("meters_at_min", ())),
                      "months_at_min": int(end.get("months_at_min", 0)),
                      "grade": end.get("grade"), "code": code, "otherwise": len(changed),
                      "first": None if first is None else {"month": first["month"], "card": first["card"],
                                                           "label": first["options"][first["chosen"]]["label"],
                                                           "civic": first["options"][first["chosen"]].get("civic")}})
    return {"fit": fit, "years": years}
