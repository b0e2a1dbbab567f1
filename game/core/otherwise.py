"""The year where the player chose otherwise: the same seed replayed with one or more choices changed.

The debrief names an act as a cause only when this replay turns out differently. The player's other
choices are followed where the same decision comes up again (the same card, or the same civic act on
offer in the same month); a decision the played year never met is settled by the first option open
(counted in `guessed`, so a reader knows how much of the other year is the player's own). The dice come
from their own streams, as in any game, and the result is a real game whose choices make a game code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from game.core import engine
from game.core.model import Level


def _plan(log: Sequence[Mapping[str, Any]]) -> tuple[dict[str, int], dict[int, str | None], int | None]:
    """What the player chose, by card (the card's own choice) and by month for the market (the civic act,
    or None for none); and the month they ended the year in, if they did."""
    cards: dict[str, int] = {}
    market: dict[int, str | None] = {}
    ended = None
    for event in log:
        if event["t"] == "decision":
            option = event["options"][event["chosen"]]
            if event["card"]:
                cards[event["card"]] = option.get("choice", event["chosen"])
            else:
                market[event["month"]] = option.get("civic")
        elif event["t"] == "end_now":
            ended = event["month"]
    return cards, market, ended


def _follow(decision: engine.Decision, cards: dict[str, int], market: dict[int, str | None]) -> int | None:
    """The option of this decision the played year took, if it met the same decision and it is open."""
    for i, option in enumerate(decision.options):
        if option.get("available") is False:
            continue
        if decision.card is not None:
            if cards.get(decision.card.id) == option.get("choice"):
                return i
        elif decision.month in market and market[decision.month] == option.get("civic") \
                and (option.get("civic") is not None or option.get("skip")):
            return i
    return None


class _Stop(Exception):
    """Raised by the picker to leave `engine.play` before the year is over."""


def replay_with(level: Level, log: Sequence[Mapping[str, Any]], changed: Mapping[int, int],
                until: int | None = None) -> tuple[engine.State, int]:
    """The year of `log` played again with the decisions numbered in `changed` (0-based, in the order
    played) answered by another option (its index among that decision's options). Returns the state
    and how many later decisions had to be guessed because the played year never met them. A year
    the player ended early ends at the same point; `until` stops at the first decision after that
    month (enough to read what a service got then). A log its seed and choices do not replay (edited, or
    played with forced dice) raises ValueError: it is no evidence of what another choice would do."""
    start = log[0]
    state = engine.new_game(level, start["seed"], start["character"], start["values"], start.get("months"),
                            start.get("options", ()))
    if isinstance(state, engine.Refusal):
        raise ValueError(f"this log's start cannot be played: {state.code}")
    decisions = [e for e in log if e["t"] == "decision"]
    played = [e["chosen"] for e in decisions]
    cards, market, ended = _plan(log)
    for step, index in changed.items():  # the other choices, by what was decided, for after the first change
        event = decisions[step]
        option = event["options"][index]
        if event["card"]:
            cards[event["card"]] = option.get("choice", index)
        else:
            market[event["month"]] = option.get("civic")
    if ended is not None:
        played = played[:-1] if played and played[-1] == engine.END_NOW else played
    count = {"step": 0, "guessed": 0, "diverged": False, "end_now": False}

    def pick(decision: engine.Decision, _state: engine.State) -> int:
        step = count["step"]
        if until is not None and decision.month > until:
            raise _Stop
        if ended is not None and (decision.month > ended or (not count["diverged"] and step >= len(played))):
            count["end_now"] = True
            raise _Stop
        if not count["diverged"] and step < len(decisions) and (
                (decision.card.id if decision.card else None) != decisions[step]["card"]
                or len(decision.options) != len(decisions[step]["options"])):
            raise ValueError(f"this log does not replay: decision {step} differs")  # evidence, not a record
        if step in changed and not count["diverged"]:
            choice = changed[step]
            count["diverged"] = True
        elif not count["diverged"]:
            choice = played[step]
        else:
            found = _follow(decision, cards, market)
            if found is None:
                count["guessed"] += 1
                found = next(i for i, o in enumerate(decision.options) if o.get("available", True))
            choice = found
        count["step"] = step + 1
        return choice

    try:
        engine.play(level, state, pick)
    except _Stop:
        if count["end_now"]:
            new = engine.apply(level, state, engine.END_NOW)
            assert isinstance(new, engine.State)
            state = new
    return state, count["guessed"]


def service_outcome(log: Sequence[Mapping[str, Any]], service: Mapping[str, Any]) -> str | None:
    """What this year's log gave the service another year judged (the goal's: in the same month; a
    card's: when the same card asked for it). None: this year never asked."""
    for event in log:
        if event["t"] != "service" or event["service"] != service["service"] or event["for"] != service["for"]:
            continue
        if event["month"] == service["month"] if service["for"] == "goal" else event["card"] == service["card"]:
            return str(event["outcome"])
    return None
