"""A tiny seeded generator whose whole state is one integer kept in the game state.

SplitMix64: fast in pure Python, good enough for dice and shuffles, and trivially serialisable,
so that a game is a pure function of (level, seed, choices).
"""

import hashlib
import sys
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TypeVar

_MASK = (1 << 64) - 1
T = TypeVar("T")


def seed_state(seed: str) -> int:
    """Turn any seed text (a number or a class code such as 'MAPLE-42') into a generator state."""
    digest = hashlib.sha256(seed.strip().upper().encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def randint(state: int, lo: int, hi: int) -> tuple[int, int]:
    """Return (new state, an integer in lo..hi inclusive): the one SplitMix64 step (`_draws` takes many
    at once in lanes of one big integer; everything else calls these two)."""
    state = (state + 0x9E3779B97F4A7C15) & _MASK
    z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return state, lo + (z ^ (z >> 31)) % (hi - lo + 1)


def shuffled(state: int, items: Sequence[T]) -> tuple[int, list[T]]:
    """Return (new state, a shuffled copy of items) by Fisher-Yates: step k swaps the item at
    len - k with one drawn by `randint(state, 0, len - k)`."""
    state, draws = _draws(state, len(items) - 1) if len(items) > 1 else (state, [])
    return state, _swap_down(list(items), draws)


def shuffled_again(state: int, items: Sequence[T], rounds: int,
                   ahead: dict[int, tuple[int, list[int], int]]) -> tuple[int, list[T]]:
    """`shuffled(state, items)`, for a stream that will shuffle a list this long `rounds` times in a
    row (the monthly market): the draws of every round are mixed at once and kept in `ahead` (the
    caller's: the engine gives the level's index) until asked for.

    The same numbers as `shuffled`: what is kept is a pure function of the state it is kept under."""
    n = len(items)
    found = ahead.pop(state, None)
    if found is None or found[2] != n:
        if n < 2 or rounds < 2:
            return shuffled(state, items)
        if len(ahead) > 4096:  # games left unfinished leave their rounds here; never let them pile up
            ahead.clear()
        k = n - 1
        _end, draws = _draws(state, k * rounds)
        found = at = ((state + k * 0x9E3779B97F4A7C15) & _MASK, draws[:k], n)
        for r in range(1, rounds):  # round r starts where round r - 1 left the state
            before = at[0]
            at = ((before + k * 0x9E3779B97F4A7C15) & _MASK, draws[r * k:(r + 1) * k], n)
            ahead[before] = at
    state, draws, _n = found
    return state, _swap_down(list(items), draws)


def _swap_down(out: list[T], draws: Iterable[int]) -> list[T]:
    """Fisher-Yates from the end with draws made in advance: step k swaps item len - k with one below it."""
    i = len(out) - 1
    for z in draws:
        j = z % (i + 1)
        out[i], out[j] = out[j], out[i]
        i -= 1
    return out


def randints(state: int, ranges: Iterable[tuple[int, int]]) -> tuple[int, list[int]]:
    """Return (new state, one integer in lo..hi for each (lo, hi)): `randint` over and over, at once."""
    ranges = list(ranges)
    state, draws = _draws(state, len(ranges))
    return state, [lo + z % (hi - lo + 1) for (lo, hi), z in zip(ranges, draws, strict=True)]


_BATCH = 12  # from this many draws on, one sum over many lanes beats a step at a time


def _draws(state: int, n: int) -> tuple[int, list[int]]:
    """The next n raw SplitMix64 outputs, and the state after them.

    The k-th state is simply state + k * increment, so all n are mixed at once: each sits in its own
    128-bit lane of one big integer, wide enough that no product spills into the next lane."""
    if n < _BATCH:  # a few: one step at a time (`randint` over the whole 64 bits is the raw output)
        out = []
        for _ in range(n):
            state, z = randint(state, 0, _MASK)
            out.append(z)
        return state, out
    ones, mask, steps = _lanes(n)
    s = (state * ones + steps) & mask
    z = ((s ^ (s >> 30)) & mask) * 0xBF58476D1CE4E5B9 & mask
    z = ((z ^ (z >> 27)) & mask) * 0x94D049BB133111EB & mask
    z = (z ^ (z >> 31)) & mask
    raw = z.to_bytes(16 * n, "little")  # each lane: its low 8 bytes, then 8 zero bytes
    if sys.byteorder == "little":
        words = memoryview(raw).cast("Q")[::2].tolist()
    else:
        words = [int.from_bytes(raw[16 * k:16 * k + 8], "little") for k in range(n)]
    return (state + n * 0x9E3779B97F4A7C15) & _MASK, words


@lru_cache(maxsize=128)
def _lanes(n: int) -> tuple[int, int, int]:
    """For n lanes: a 1 in each, the 64-bit mask in each, and k * increment in lane k - 1."""
    ones = sum(1 << (128 * k) for k in range(n))
    return ones, ones * _MASK, sum(((k + 1) * 0x9E3779B97F4A7C15) << (128 * k) for k in range(n))
