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
    outlook = option["request_outcome"]
    return sum(option["effects"].values()) + (2 * _OUTLOOK[outlook] if outlook else 0.0)


def choose(policy: str, decision: Decision, state: int) -> tuple[int, int]:
    """Return (new bot generator state, 0-based option) for this decision."""
    options = decision.options
    if policy == "random":
        state, pick = rng.randint(state, 0, len(options) - 1)
        return state, pick
    if policy == "conformist":
        scores = [(o["expected_points"], _personal(o)) for o in options]
    elif policy == "free":
        scores = [(_personal(o) - (10 if o.get("civic") else 0), -i) for i, o in enumerate(options)]
    elif policy == "balanced":
        scores = [(_personal(o) + o["expected_points"] / 12, -i) for i, o in enumerate(options)]
    else:
        raise ValueError(f"unknown policy {policy!r}; known: {', '.join(POLICIES)}")
    return state, max(range(len(options)), key=scores.__getitem__)
