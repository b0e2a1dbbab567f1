"""What a rulebook makes of acts: points, detection, grades, access to services.

Kept apart from the engine so that the same choices can be judged under another rulebook.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from game.core.model import ActRule, Rulebook

EVERYONE = "*"


@lru_cache(maxsize=256)
def effective_rules(rulebook: Rulebook, policies: tuple[str, ...]) -> dict[str, ActRule]:
    """The act rules in force once the named policies have come in, in order."""
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
            updates: dict = {}
            if change.points is not None:
                updates["points"] = change.points
            if change.detect is not None:
                updates["detect"] = change.detect
            if change.watcher is not None:
                updates["watcher"] = change.watcher
            rules[change.act] = replace(old, **updates)
    return rules


def grade_of(rulebook: Rulebook, score: int | None) -> str | None:
    """The grade a score falls in, or None in a world with no score."""
    if score is None or not rulebook.grades:
        return None
    for grade in rulebook.grades:
        if score >= grade.min:
            return grade.grade
    return rulebook.grades[-1].grade


def caught(roll: int, chance: float) -> bool:
    """A d100 roll catches the act when it is at or under the chance in percent."""
    return roll <= round(chance * 100)


def access(rulebook: Rulebook, service: str, grade: str | None, blacklisted: bool) -> tuple[str, str]:
    """Return (outcome, why) for a service request: why is 'blacklist', 'grade' or 'everyone'."""
    if blacklisted and rulebook.blacklist and service in rulebook.blacklist.denies:
        return "denied", "blacklist"
    table = rulebook.access[service]
    if grade is not None and grade in table:
        return table[grade], "grade"
    return table.get(EVERYONE, "granted"), "everyone"


def clamp(value: int, lo: int, hi: int) -> int:
    return lo if value < lo else hi if value > hi else value
