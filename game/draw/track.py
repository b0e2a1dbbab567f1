"""The stretch of the score worth drawing: the window's charts and the browser's track and chart use one rule.

No pygame here, so the browser version can use it too."""

from __future__ import annotations


def score_window(rulebook, scores=()) -> tuple[int, int]:
    """The part of the score range worth drawing (as the window's chart does): the grade lines with
    room around them, and every score given, within the score's bounds."""
    spec = rulebook.score
    cuts = [g.min for g in rulebook.grades[:-1]]
    if cuts:
        spread = max(max(cuts) - min(cuts), 50)
        lo, hi = min(cuts) - spread // 2, max(cuts) + spread // 2
    else:
        lo, hi = spec.min, spec.max
    scores = [s for s in scores if s is not None]
    if scores:
        lo, hi = min(lo, min(scores) - 25), max(hi, max(scores) + 25)
    lo, hi = max(lo, spec.min), min(hi, spec.max)
    return (lo, hi) if hi > lo else (spec.min, max(spec.max, spec.min + 1))
