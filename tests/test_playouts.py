"""Random games over many seeds keep every invariant; replaying a game reproduces its log."""

import json

import pytest

from game.core import bots, engine, rng
from game.core.rules import grade_of


def play(level, seed, policy="random", character=None):
    people = list(level.characters)
    character = character or people[rng.seed_state(str(seed)) % len(people)]  # the same in every process
    state = engine.new_game(level, seed, character, list(level.values)[:3])
    bot = rng.seed_state(seed)
    steps = []
    while not state.over:
        decision = engine.pending(level, state)
        bot, pick = bots.choose(policy, decision, bot, level, state)
        nxt = engine.apply(level, state, pick)
        steps.append((state, decision, nxt))
        state = nxt
    return state, steps


def check_invariants(level, state):
    for meter in level.meters.values():
        assert meter.min <= state.meters[meter.id] <= meter.max, (meter.id, state.meters)
    spec = level.rulebook.score
    if spec:
        assert spec.min <= state.score <= spec.max
    for event in state.log:
        if event["t"] in ("month_end", "end"):
            assert event["grade"] == grade_of(level.rulebook, event["score"])


@pytest.mark.parametrize("which", ["mini", "harmony"])
def test_random_playouts_keep_every_invariant(request, which):
    level = request.getfixturevalue(which)
    seeds = 1000 if which == "harmony" else 300
    for n in range(seeds):
        state, steps = play(level, f"inv-{n}")
        assert len(steps) <= 12 * level.months, "a game must stay bounded"
        for before, decision, after in steps:
            assert decision is not None and len(decision.options) >= 2, "a legal choice is always offered"
            check_invariants(level, after)
            assert len(before.log) < len(after.log)
        assert engine.pending(level, state) is None
        assert state.log[-1]["t"] == "end"
        assert sum(1 for e in state.log if e["t"] == "month_end") == level.months


def test_apply_never_changes_the_state_it_was_given(harmony):
    state, steps = play(harmony, "pure")
    for before, _decision, _after in steps[:10]:
        snapshot = json.dumps(before.log, sort_keys=True), dict(before.meters), before.score
        engine.apply(harmony, before, 0)
        assert (json.dumps(before.log, sort_keys=True), dict(before.meters), before.score) == snapshot


@pytest.mark.parametrize("policy", bots.POLICIES)
def test_replaying_the_choices_reproduces_the_log_byte_for_byte(harmony, policy):
    for n in range(5):
        state, _ = play(harmony, f"replay-{policy}-{n}", policy)
        rec = engine.record(state, harmony)
        again = engine.replay(harmony, rec["seed"], rec["character"], rec["values"], rec["choices"])
        assert json.dumps(again.log, sort_keys=True) == json.dumps(state.log, sort_keys=True)


def test_the_log_is_plain_json(harmony):
    state, _ = play(harmony, "json")
    assert json.loads(json.dumps(state.log)) == state.log


def test_every_draw_is_logged_with_its_outcome(harmony):
    state, _ = play(harmony, "draws")
    kinds = {e["what"] for e in state.log if e["t"] == "draw"}
    assert {"deck_order", "civic_offers"} <= kinds
    for act in (e for e in state.log if e["t"] == "act"):
        assert 1 <= act["roll"] <= 100 and "chance" in act and "caught" in act


def test_a_different_seed_deals_a_different_deck(harmony):
    a, _ = play(harmony, "seed-a", character="student" if "student" in harmony.characters else None)
    b, _ = play(harmony, "seed-b", character=a.character)
    assert a.log[1]["outcome"] != b.log[1]["outcome"]


def test_seed_codes_ignore_case_and_spaces():
    assert rng.seed_state("maple-42 ") == rng.seed_state("MAPLE-42")


@pytest.mark.parametrize("policy", bots.POLICIES)
def test_a_bot_year_played_in_place_is_the_year_apply_gives(harmony, policy):
    """`play_year` plays without copying the state at each step: it must give the very year the pure
    `apply` gives, and hand back its generator moved on, since the next game's bot draws from there."""
    values = list(harmony.values)[:3]
    for n in range(20):
        seed, who = f"INPLACE-{n}", list(harmony.characters)[n % len(harmony.characters)]
        bot_after, fast = bots.play_year(harmony, seed, who, values, policy, rng.seed_state(seed))
        state, bot = engine.new_game(harmony, seed, who, values), rng.seed_state(seed)
        while not state.over:
            bot, pick = bots.choose(policy, engine.pending(harmony, state), bot, harmony, state)
            state = engine.apply(harmony, state, pick)
        assert json.dumps(fast.log) == json.dumps(state.log)
        assert (fast.choices, fast.meters, fast.score) == (state.choices, state.meters, state.score)
        assert bot_after == bot
