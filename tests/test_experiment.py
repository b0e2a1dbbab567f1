"""A class experiment compares two halves of a class on the same deck: the deck must not depend on the rules."""

from pathlib import Path

import pytest

from game.content.level import load_level
from game.core import bots, engine
from game.play import seeds

ROOT = Path(__file__).resolve().parent.parent


def _play(level, seed: str, character: str, policy: str):
    state = seeds.new_year(level, seed, character, ["family", "honesty", "freedom"])
    bot = 7
    while not state.over:
        bot, pick = bots.choose(policy, engine.pending(level, state), bot, level, state)
        state = engine.apply(level, state, pick)
    return state


def _deck_draws(state) -> list:
    """What the deck dealt: its order, the months of the guaranteed cards, how many cards each month."""
    return [(e["what"], e["outcome"]) for e in state.log if e["t"] == "draw" and e["what"] != "civic_offers"]


PAIRS = [("harmony_city", "harmony_city_no_score"), ("rideshare", "rideshare_no_rating")]


@pytest.mark.parametrize("base, control", PAIRS)
def test_the_same_seed_deals_the_same_deck_under_both_rulebooks_whatever_the_player_does(base, control):
    with_score, without = load_level(ROOT / "levels" / base), load_level(ROOT / "levels" / control)
    for seed in ("9B", "MAPLE-42", "CLASS-7-6M"):
        for character in with_score.characters:
            complier = _play(with_score, seed, character, "conformist")
            rebel = _play(without, seed, character, "free")
            assert _deck_draws(complier) == _deck_draws(rebel), (seed, character)
