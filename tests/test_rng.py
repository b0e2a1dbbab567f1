"""The generator's quick paths draw exactly what one step at a time draws: a game's deck, guaranteed
months and monthly market depend on it, so a faster path must never change a seed's year."""

from game.core import rng

STATES = [0, 1, (1 << 64) - 1, rng.seed_state("MAPLE-42"), rng.seed_state("1-7/market")]


def one_at_a_time(state: int, items: list) -> tuple[int, list]:
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        state, j = rng.randint(state, 0, i)
        out[i], out[j] = out[j], out[i]
    return state, out


def test_a_long_shuffle_drawn_at_once_is_the_step_by_step_shuffle():
    for state in STATES:
        for n in (0, 1, 2, 11, 12, 13, 87, 200):
            assert rng.shuffled(state, list(range(n))) == one_at_a_time(state, list(range(n)))


def test_many_integers_drawn_at_once_are_those_drawn_one_by_one():
    ranges = [(1, 12), (3, 9), (0, 0), (-5, 5), (2, 99)] * 5
    for state in STATES:
        for n in (0, 1, 11, 12, 25):
            expected, at = [], state
            for lo, hi in ranges[:n]:
                at, value = rng.randint(at, lo, hi)
                expected.append(value)
            assert rng.randints(state, ranges[:n]) == (at, expected)


def test_the_market_drawn_for_the_year_ahead_is_each_month_shuffled_in_turn():
    acts = ["a", "b", "c", "d", "e", "f"]
    for state in STATES:
        fast = slow = state
        ahead: dict = {}
        for month in range(1, 13):
            fast, got = rng.shuffled_again(fast, acts, 13 - month, ahead)
            slow, want = one_at_a_time(slow, acts)
            assert (fast, got) == (slow, want)
    # a year left unfinished leaves its months behind; the same state still draws the same shuffle
    ahead = {}
    half = rng.shuffled_again(STATES[3], acts, 12, ahead)
    assert rng.shuffled_again(STATES[3], acts, 12, ahead) == half == one_at_a_time(STATES[3], acts)
