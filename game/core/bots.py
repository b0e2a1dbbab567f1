"""Simple players for simulations: each picks an option from what the decision says it would do.

They see exactly what a human sees (effects, acts with points and odds, service outlooks), so a
simulation measures the rules, not hidden knowledge.
"""

from __future__ import annotations

from game.core import rng
from game.core.engine import Decision

POLICIES = ("conformist", "free", "random", "balanced")
_OUTLOOK = {None: 0.0, "granted": 1.0, "delayed": 0.3, "denied": -1.0}


def _personal(option: dict) -> float:
    """How good an option is for the player's own meters and any service it brings."""
    return sum(option["effects"].values()) + 2 * _OUTLOOK[option["request_outcome"]]


def choose(policy: str, decision: Decision, state: int) -> tuple[int, int]:
    """Return (new bot generator state, 0-based option) for this decision."""
    options = decision.options
    if policy == "random":
        state, pick = rng.randint(state, 0, len(options) - 1)
        return state, pick
    if policy == "conformist":
        key = lambda i: (options[i]["expected_points"], _personal(options[i]))  # noqa: E731
    elif policy == "free":
        key = lambda i: (_personal(options[i]) - (10 if options[i].get("civic") else 0), -i)  # noqa: E731
    elif policy == "balanced":
        key = lambda i: (_personal(options[i]) + options[i]["expected_points"] / 12, -i)  # noqa: E731
    else:
        raise ValueError(f"unknown policy {policy!r}; known: {', '.join(POLICIES)}")
    return state, max(range(len(options)), key=key)
