"""Small exact statistics for a class of about 24: no library needed, every step can be checked by hand.

A class experiment compares two groups' choices on the same card. With groups this small, a normal
approximation misleads, so the test is Fisher's exact test on the 2x2 table
(group A or B) x (chose this option or not), two-sided.
"""

from __future__ import annotations

from math import comb

from game.core import rng

RESHUFFLES = 1999  # a randomisation test's p-value is then known to within about 0.005 near 0.05


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test for the table [[a, b], [c, d]].

    Rows are the two groups, columns "chose the option" and "did not". The p-value is the chance,
    with the row and column totals fixed and no real difference between the groups, of a table at
    least as unlikely as this one.
    """
    if min(a, b, c, d) < 0:
        raise ValueError("counts cannot be negative")
    row1, row2, col1 = a + b, c + d, a + c
    n = row1 + row2
    if n == 0:
        return 1.0
    total = comb(n, col1)

    def prob(x: int) -> float:
        return comb(row1, x) * comb(row2, col1 - x) / total

    observed = prob(a)
    lo, hi = max(0, col1 - row2), min(row1, col1)
    p = sum(q for q in (prob(x) for x in range(lo, hi + 1)) if q <= observed * (1 + 1e-9))
    return min(1.0, p)


def holm(p_values: list[float]) -> list[float]:
    """Holm's step-down correction: each p-value adjusted for the number of comparisons made, in the order
    given; a family of them is then called "unlikely by chance" at most 5 % of the time when nothing is there."""
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    out = [1.0] * len(p_values)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(p_values) - rank) * p_values[i]))
        out[i] = running
    return out


def _betacf(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (Lentz's method)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        even = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
        odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
        for num in (even, odd):
            d = 1.0 + num * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 1e-12:
            break
    return h


def _incomplete_beta(a: float, b: float, x: float) -> float:
    from math import exp, lgamma, log

    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(1 - x))
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1 - x) / b


def t_quantile(q: float, df: int) -> float:
    """The t distribution's q-quantile (q above 0.5), by bisection on its tail."""
    lo, hi = 0.0, 100.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if _incomplete_beta(df / 2, 0.5, df / (df + mid * mid)) / 2 > 1 - q:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def t_interval(se: float, df: int) -> tuple[float, float]:
    """(half-width of the 95 % interval, the effect a test at 5 % would find 8 times in 10) for this error."""
    return t_quantile(0.975, df) * se, (t_quantile(0.975, df) + t_quantile(0.8, df)) * se


def randomisation_test(a: list[float], b: list[float], label: str = "") -> float:
    """Two-sided p-value of a randomisation test for the difference of two groups' means: the share of
    reshuffles of the group labels (as the class code could have dealt them) giving a difference at least as
    large. Valid whatever shape the numbers have, so the report's false claims stay at 5 %; the reshuffles
    are drawn from the numbers themselves, so the same class always gets the same p."""
    pooled = list(a) + list(b)
    n, total = len(a), sum(pooled)
    if not a or not b:
        return 1.0
    observed = abs(sum(a) / n - (total - sum(a)) / len(b))
    state = rng.seed_state(f"randomisation|{label}|" + ",".join(f"{x:.6f}" for x in pooled))
    hits = 0
    for _ in range(RESHUFFLES):
        state, mixed = rng.shuffled(state, pooled)
        first = sum(mixed[:n])
        if abs(first / n - (total - first) / len(b)) >= observed - 1e-12:
            hits += 1
    return (hits + 1) / (RESHUFFLES + 1)


def sign_test(up: int, down: int) -> float:
    """Two-sided exact p-value of a paired sign test: of the pairs that changed, `up` went one way and `down` the
    other; with no real change each goes either way with chance 1/2. McNemar's exact test is this test on the
    students whose answer changed (right to wrong, wrong to right)."""
    if min(up, down) < 0:
        raise ValueError("counts cannot be negative")
    n = up + down
    if n == 0:
        return 1.0
    tail = sum(comb(n, k) for k in range(min(up, down) + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def mcnemar_exact(right_to_wrong: int, wrong_to_right: int) -> float:
    """Two-sided exact McNemar p-value for paired before/after answers (only the students who changed count)."""
    return sign_test(wrong_to_right, right_to_wrong)
