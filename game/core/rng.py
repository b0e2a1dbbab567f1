"""A tiny seeded generator whose whole state is one integer kept in the game state.

SplitMix64: fast in pure Python, good enough for dice and shuffles, and trivially serialisable,
so that a game is a pure function of (level, seed, choices).
"""

import hashlib

_MASK = (1 << 64) - 1


def seed_state(seed: str) -> int:
    """Turn any seed text (a number or a class code such as 'MAPLE-42') into a generator state."""
    digest = hashlib.sha256(seed.strip().upper().encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def randint(state: int, lo: int, hi: int) -> tuple[int, int]:
    """Return (new state, an integer in lo..hi inclusive). One SplitMix64 step, inlined: it is the hot path."""
    state = (state + 0x9E3779B97F4A7C15) & _MASK
    z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return state, lo + (z ^ (z >> 31)) % (hi - lo + 1)


def shuffled(state: int, items: list) -> tuple[int, list]:
    """Return (new state, a shuffled copy of items) by Fisher-Yates."""
    out = list(items)
    for i in range(len(out) - 1, 0, -1):  # `randint(state, 0, i)`, inlined: every month shuffles a list
        state = (state + 0x9E3779B97F4A7C15) & _MASK
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        j = (z ^ (z >> 31)) % (i + 1)
        out[i], out[j] = out[j], out[i]
    return state, out


def sample(state: int, items: list, k: int) -> tuple[int, list]:
    """Return (new state, k distinct items drawn in order): a shuffle that stops after k draws."""
    out = list(items)
    n = len(out)
    for i in range(min(k, n)):
        state, j = randint(state, i, n - 1)
        out[i], out[j] = out[j], out[i]
    return state, out[:k]
