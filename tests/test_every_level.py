"""Every level we ship, the authoring example and the test levels, played out by every built-in bot.

Like OpenSpiel's test that plays every game: at every step the meters and the score stay in range;
at the end, replaying the choices gives the same state, re-scoring the log under the level's own
rulebook gives the same score, the log is plain JSON, and the debrief builds.
"""

import json

import pytest

from game.content.level import load_level
from game.content.locate import levels_root
from game.core import bots, engine, rng
from game.core.debrief import debrief, rescore
from game.core.rules import effective_rules, policies_in
from tests.conftest import ROOT, write_docs_example

GAMES = 6
FOLDERS = sorted(p for p in levels_root().iterdir() if (p / "level.yaml").exists()) + [
    ROOT / "tests" / "levels" / "mini", ROOT / "tests" / "levels" / "constructs"]


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return load_level(write_docs_example(tmp_path_factory.mktemp("docs")))


def in_range(level, state):
    for meter in level.meters.values():
        assert meter.min <= state.meters[meter.id] <= meter.max, (meter.id, state.meters)
    spec = level.rulebook.score
    if spec is not None:
        assert spec.min <= state.score <= spec.max


def play_out(level, policy):
    bot = rng.seed_state(f"every-{level.id}-{policy}")
    people = list(level.characters)
    for n in range(GAMES):
        bot, values = rng.shuffled(bot, list(level.values))
        state = engine.new_game(level, f"{policy}-{n}", people[n % len(people)], values[:3])
        steps = 0
        while not state.over:
            decision = engine.pending(level, state)
            assert any(o.get("available", True) for o in decision.options), "a legal choice always exists"
            bot, pick = bots.choose(policy, decision, bot, level, state)
            state = engine.apply(level, state, pick)
            assert isinstance(state, engine.State), state
            in_range(level, state)
            steps += 1
            assert steps <= 12 * level.months
        again = engine.replay(level, state.seed, state.character, state.values, state.choices)
        assert again.log == state.log and again.meters == state.meters and again.score == state.score
        assert rescore(state.log, level.rulebook)["score"] == state.score
        assert json.loads(json.dumps(state.log)) == state.log
        assert debrief(level, state.log)["character"] == state.character


@pytest.mark.parametrize("policy", bots.POLICIES)
@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_every_level_plays_out_under_every_policy(folder, policy):
    play_out(load_level(folder), policy)


@pytest.mark.parametrize("policy", bots.POLICIES)
def test_the_authoring_example_plays_out_under_every_policy(example, policy):
    play_out(example, policy)


@pytest.mark.parametrize("folder", [p for p in FOLDERS if p.parent == levels_root()], ids=lambda p: p.name)
def test_no_crisis_card_pays_points(folder):
    """A card dealt because a meter ran out (by a trigger) is never a way back into the score's favour:
    no choice on it names an act that earns points, under any set of policies in force in the year.
    Otherwise a player who let a meter empty for the score would be paid again for the crisis."""
    level = load_level(folder)
    rulebook = level.rulebook
    in_force = {policies_in(rulebook, 1, month) for month in range(1, level.months + 1)}
    paying = set()
    for policies in in_force:
        rules = effective_rules(rulebook, policies)
        for trigger in level.triggers:
            if trigger.deal is None:
                continue
            for choice in level.cards[trigger.deal].choices:
                paying |= {(trigger.deal, choice.label, act) for act in choice.acts
                           if act in rules and rules[act].points > 0}
    assert not paying, sorted(paying)
