"""What a rulebook makes of acts: points, detection, grades, access to services.

Kept apart from the engine so that the same choices can be judged under another rulebook.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Final, Protocol

from game.core.events import ExpiredEvent, UnlistedEvent
from game.core.model import ActRule, Cond, Conds, Rulebook

EVERYONE = "*"


def effective_rules(rulebook: Rulebook, policies: tuple[str, ...]) -> dict[str, ActRule]:
    """The act rules in force once the named policies have come in, in order (kept by the rulebook)."""
    kept = rulebook.rules_in_force.get(policies)
    if kept is None:
        kept = rulebook.rules_in_force[policies] = _effective_rules(rulebook, policies)
    return kept


def policies_in(rulebook: Rulebook, first: int, last: int) -> tuple[str, ...]:
    """The policies that come in during months first..last, in the rulebook's order: the one place
    that says which policies are in force (those in months 1..month)."""
    return tuple(p.id for p in rulebook.policies if first <= p.month <= last)


def _effective_rules(rulebook: Rulebook, policies: tuple[str, ...]) -> dict[str, ActRule]:
    rules = dict(rulebook.acts)
    by_id = {p.id: p for p in rulebook.policies}
    for policy_id in policies:
        for change in by_id[policy_id].changes:
            if change.remove:
                rules.pop(change.act, None)
                continue
            old = rules.get(change.act)
            if old is None:
                rules[change.act] = ActRule(
                    points=change.points or 0,
                    detect=change.detect or {"default": 0.0},
                    watcher=change.watcher or "",
                    source=by_id[policy_id].source,
                )
                continue
            updates: dict[str, Any] = {}
            if change.points is not None:
                updates["points"] = change.points
            if change.detect is not None:
                updates["detect"] = change.detect
            if change.watcher is not None:
                updates["watcher"] = change.watcher
            rules[change.act] = replace(old, **updates)
    return rules


def _moving(rulebook: Rulebook, who: object) -> tuple[str, ...]:
    """The policies in force that a grade is found under: none to look at where no policy moves a line."""
    return getattr(who, "policies", ()) if rulebook.grade_moves else ()


def grade_of(rulebook: Rulebook, score: int | None, policies: tuple[str, ...] = ()) -> str | None:
    """The grade a score falls in once `policies` have come in (a policy may move a grade's line), or None
    in a world with no score."""
    if score is None or not rulebook.grades:
        return None
    if policies and rulebook.grade_moves:
        moved = {}
        for policy in rulebook.policies:
            if policy.grade_lines and policy.id in policies:
                moved.update(policy.grade_lines)
        if moved:
            for grade in rulebook.grades:
                if score >= moved.get(grade.grade, grade.min):
                    return grade.grade
            return rulebook.grades[-1].grade
    for grade in rulebook.grades:
        if score >= grade.min:
            return grade.grade
    return rulebook.grades[-1].grade


class Standing(Protocol):
    """What the rules judge and change: the engine's State, or the debrief's re-scoring of a log."""

    score: int | None
    blacklisted: bool
    listed_until: int | None
    expiring: list[list[Any]]


class Life(Protocol):
    """What conditions look at."""

    meters: dict[str, int]
    counters: dict[str, int]
    score: int | None
    flags: set[str]
    month: int
    character: str


# a constant (Final): a plain dict, which reads fastest, as `holds` runs for every condition
_OPS: Final[dict[str, Callable[[Any, Any], bool]]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq, "!=": operator.ne}


def holds(rulebook: Rulebook, cond: Cond, who: Life) -> bool:
    """Whether one author's condition holds for this life now."""
    kind = cond.kind
    if kind == "flag":
        return (cond.key in who.flags) is cond.value
    if kind in ("grade", "character"):
        named = grade_of(rulebook, who.score, _moving(rulebook, who)) if kind == "grade" else who.character
        assert isinstance(cond.value, tuple)  # the loader makes grade and character conditions name a tuple
        inside = named in cond.value
        return inside if cond.op in ("in", "==") else not inside
    got: int
    if kind == "meter":
        got = who.meters[cond.key]
    elif kind == "counter":
        got = who.counters.get(cond.key, 0)
    elif kind == "score":
        if who.score is None:
            return False
        got = who.score
    else:
        got = who.month
    return _OPS[cond.op](got, cond.value)


def failing(rulebook: Rulebook, conds: Conds, who: Life) -> list[str]:
    """The author's words of every condition that does not hold (empty: all hold)."""
    return [c.text for c in conds if not holds(rulebook, c, who)]


def judge(rulebook: Rulebook, rules: dict[str, ActRule], who: Standing, act: str, place: str | None,
          roll: int, month: int) -> dict[str, Any]:
    """Judge one act on a die roll, the one place this is done (the engine and the debrief's
    re-scoring both call it): the points within the score's bounds, a penalty that will expire,
    the blacklist. Changes `who`; returns what happened, for the log."""
    rule = rules.get(act)
    spec = rulebook.score
    if rule is None or who.score is None or spec is None:
        return {"judged": False, "chance": 0.0, "caught": False, "points": 0}
    detect = rule.detect  # `rule.chance(place)` and `caught`, inlined: every act is judged here
    chance = detect[place] if place is not None and place in detect else detect.get("default", 0.0)
    seen = roll <= round(chance * 100)  # `percent(chance)`, inlined: every act is judged here
    points = 0
    if seen:
        before = who.score
        who.score = clamp(before + rule.points, spec.min, spec.max)
        points = who.score - before
        if points < 0 and rule.lasts:
            who.expiring.append([month + rule.lasts, -points, act])
    out = {"judged": True, "chance": chance, "caught": seen, "points": points, "rule_points": rule.points,
           "watcher": rule.watcher, "score": who.score,
           "grade": grade_of(rulebook, who.score, getattr(who, "policies", ()) if rulebook.grade_moves else ())}
    if rule.lasts and points < 0:
        out["lasts"] = rule.lasts
    listed = rulebook.blacklist
    if seen and listed and act in listed.acts and not who.blacklisted:
        who.blacklisted = True
        who.listed_until = month + listed.months if listed.months else None
        out["listed"] = True
    return out


def new_month(rulebook: Rulebook, who: Standing, month: int) -> list[ExpiredEvent | UnlistedEvent]:
    """What time undoes at the start of `month`: penalties that expire come back, a listing ends."""
    events: list[ExpiredEvent | UnlistedEvent] = []
    spec = rulebook.score
    if who.expiring and who.score is not None and spec is not None:
        due = [e for e in who.expiring if e[0] <= month]
        who.expiring[:] = [e for e in who.expiring if e[0] > month]
        for _month, points, act in due:
            before = who.score
            who.score = clamp(before + points, spec.min, spec.max)
            events.append({"t": "expired", "act": act, "points": who.score - before, "score": who.score,
                           "grade": grade_of(rulebook, who.score, _moving(rulebook, who)), "month": month})
    if who.blacklisted and who.listed_until is not None and who.listed_until <= month:
        who.blacklisted, who.listed_until = False, None
        events.append({"t": "unlisted", "why": "time", "month": month})
    return events


def access(rulebook: Rulebook, service: str, grade: str | None, blacklisted: bool,
           who: Life | None = None) -> tuple[str, str]:
    """Return (outcome, why) for a service request: why is 'blacklist', 'rule', 'grade' or 'everyone'.

    A service may be judged on more than the grade: its rows (conditions on meters, counters...) are
    read first, in order, when the life asking is known.
    """
    if blacklisted and rulebook.blacklist and service in rulebook.blacklist.denies:
        return "denied", "blacklist"
    table, rows = access_rule(rulebook, service, getattr(who, "policies", ()))
    if rows and who is not None:
        for conds, outcome in rows:
            if all(holds(rulebook, c, who) for c in conds):
                return outcome, "rule"
    if grade is not None and grade in table:
        return table[grade], "grade"
    return table.get(EVERYONE, "granted"), "everyone"


def access_rule(rulebook: Rulebook, service: str,
                policies: tuple[str, ...]) -> tuple[dict[str | None, str], tuple[tuple[Conds, str], ...]]:
    """(grade: outcome, rows read first) for a service once `policies` have come in: the last of them that
    replaces its rule decides, else the rulebook's own."""
    if policies:
        for policy in reversed(rulebook.policies):
            if service in policy.access and policy.id in policies:
                return policy.access[service]
    return rulebook.access[service], rulebook.access_rows.get(service, ())


def percent(chance: float) -> int:
    """A chance as the d100 face at or under which it happens: the one rounding that detection and a
    choice's chance outcomes both use (an act is seen when its roll is at or under this)."""
    return round(chance * 100)


def clamp(value: int, lo: int, hi: int) -> int:
    return lo if value < lo else hi if value > hi else value
