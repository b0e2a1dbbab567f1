"""Small exact statistics for a class of about 24: no library needed, every step can be checked by hand.

A class experiment compares two groups' choices on the same card. With groups this small, a normal
approximation misleads, so the test is Fisher's exact test on the 2x2 table
(group A or B) x (chose this option or not), two-sided.
"""

from __future__ import annotations

from math import comb


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
