"""`simulate` prints what a designer balances, and the policy list exists once."""

import json
import subprocess
import sys

from game.core import bots
from game.play.simulate import simulate
from tests.conftest import ROOT

FIELDS = ("games", "grades", "goal_rate", "good_year_rate", "meter_at_min_rate", "civic_points_share",
          "decisions_per_second", "per_character")


def test_simulate_json_prints_every_figure_a_designer_needs():
    out = subprocess.run([sys.executable, "-m", "game", "simulate", "--policy", "strategic", "--games", "25",
                          "--seed", "7", "--json"], capture_output=True, text=True, cwd=ROOT, check=True)
    result = json.loads(out.stdout)
    for key in FIELDS:
        assert key in result, key
    assert result["games"] == 25 and sum(result["grades"].values()) == 25
    assert 0 <= result["good_year_rate"] <= result["goal_rate"] <= 1
    assert 0 <= result["civic_points_share"] <= 1
    assert result["decisions_per_second"] > 0
    assert sum(c["games"] for c in result["per_character"].values()) == 25
    for figures in result["per_character"].values():
        assert set(figures) >= {"goal_rate", "good_year_rate"}


def test_the_command_line_offers_exactly_the_bots_policies():
    out = subprocess.run([sys.executable, "-m", "game", "simulate", "--help"], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    for policy in bots.POLICIES:
        assert policy in out.stdout
    bad = subprocess.run([sys.executable, "-m", "game", "simulate", "--policy", "sheep"], capture_output=True,
                         text=True, cwd=ROOT)
    assert bad.returncode != 0


def test_a_good_year_needs_the_goal_and_no_empty_meter(harmony):
    result = simulate(harmony, "conformist", 40, "good")
    assert result["goal_rate"] >= result["good_year_rate"]
    assert result["good_year_rate"] <= 1 - result["meter_at_min_rate"] + 1e-9


def test_strategic_keeps_more_of_its_life_than_the_conformist_and_reaches_more_goals_than_free(harmony):
    strategic = simulate(harmony, "strategic", 60, "strat")
    conformist = simulate(harmony, "conformist", 60, "strat")
    free = simulate(harmony, "free", 60, "strat")
    assert strategic["good_year_rate"] > conformist["good_year_rate"] + 0.3
    assert strategic["goal_rate"] > free["goal_rate"] + 0.3


def test_simulate_cards_shows_each_card_dealt_and_each_option_taken_per_bot(mini):
    from game.play.simulate import card_report, card_table

    table = card_table(mini, 20, "cards")
    assert set(table) == set(mini.cards)
    loan = table["take_loan"]  # guaranteed once a year: every bot meets it in every game
    assert all(loan["dealt"][p] == 1.0 for p in bots.POLICIES)
    for p in bots.POLICIES:
        assert abs(sum(o["taken"][p] for o in loan["options"]) - 1) < 0.02
    text = card_report(table)
    assert "take_loan" in text and "Apply" in text


def test_bot_years_leave_no_reference_cycles_so_simulate_may_rest_the_collector(harmony):
    """`simulate` turns the cycle collector off while the bots play: that is only safe while a year,
    its log and the engine's caches make no cycle that reference counting cannot free."""
    import gc

    gc.collect()
    collecting = gc.isenabled()
    gc.disable()
    try:
        for policy in bots.POLICIES:
            simulate(harmony, policy, 30, "CYCLES")
        assert gc.collect() == 0
    finally:
        if collecting:
            gc.enable()
    assert gc.isenabled() == collecting
