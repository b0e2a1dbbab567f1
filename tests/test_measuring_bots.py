"""The bots that measure the rules (issue 20): the line rider, the refilling conformist and a player of
any appetite for points play only legal choices; the sweep prints its seven rates; a dilemma whose
points can change nothing is never counted as live."""

import json
import subprocess
import sys

import pytest

from game.content.level import load_level
from game.content.locate import levels_root
from game.core import bots, engine, rng
from game.play.simulate import Stakes, _torn, simulate
from tests.conftest import ROOT

SHIPPED = sorted(p for p in levels_root().iterdir() if (p / "level.yaml").exists())
MEASURING = (*bots.MEASURING, "appetite:0", "appetite:0.4")


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda p: p.name)
def test_each_measuring_bot_plays_legal_choices_on_every_shipped_level(folder):
    level = load_level(folder)
    people = list(level.characters)
    for policy in MEASURING:
        for n in range(2):
            # play_year raises on an option the bot was not offered or could not take
            _, state = bots.play_year(level, f"legal-{n}", people[n % len(people)], list(level.values)[:3],
                                      policy, rng.seed_state("legal"))
            assert state.over and state.choices
            assert all(m.min <= state.meters[m.id] <= m.max for m in level.meters.values())


def test_the_policy_names_a_command_line_takes():
    assert all(bots.known(p) for p in (*bots.POLICIES, *bots.MEASURING, "appetite:0.05", "appetite:2"))
    assert not any(bots.known(p) for p in ("appetite:", "appetite:lots", "appetite:nan", "sheep"))
    bad = subprocess.run([sys.executable, "-m", "game", "simulate", "--policy", "appetite:lots"],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode != 0


def test_the_line_rider_reaches_its_goal_without_buying_points(harmony):
    result = simulate(harmony, "line_rider", 20, "rider")
    assert result["goal_rate"] >= 0.9 and result["civic_points_share"] == 0.0
    assert "live_dilemma_rate" not in result  # measured only when asked


def test_more_appetite_for_points_wins_more_points(harmony):
    none, much = (simulate(harmony, f"appetite:{w}", 20, "appetite")["mean_score"] for w in (0, 1.6))
    assert much > none + 50


def test_the_sweep_prints_seven_good_year_rates():
    out = subprocess.run([sys.executable, "-m", "game", "simulate", "--sweep", "appetite", "--games", "3",
                          "--seed", "2", "--json"], capture_output=True, text=True, cwd=ROOT, check=True)
    rates = json.loads(out.stdout)["good_year_rate"]
    assert list(rates) == ["0", "0.05", "0.1", "0.2", "0.4", "0.8", "1.6"]
    assert all(0 <= r <= 1 for r in rates.values())


@pytest.fixture(scope="module")
def december(harmony):
    """A balanced player's last market of the year, its goal settled: the decision and a copy of the state."""
    got = []

    def watch(decision, state):
        if decision.month == harmony.months and decision.kind == "civic" and not got:
            got.append((decision, state.clone()))

    for n in range(5):  # a conformist who emptied a meter is offered no market: the first year with one
        if not got:
            bots.play_year(harmony, f"LIVE-{n}", "zhao_lei", list(harmony.values)[:3], "balanced", 0, watch=watch)
    decision, state = got[0]
    assert state.goal_reached is not None and _torn(decision.options)  # a dilemma, after the deadline
    return decision, state


def test_a_december_dilemma_is_live_only_while_a_line_read_at_the_months_end_is_in_reach(harmony, december):
    """After the deadline, with no need still to come, December's points change only the grade whose
    effect the month's end reads: grade A's perk above its line, grade D's penalty below its own."""
    decision, state = december
    stakes = Stakes(harmony)
    state.needs = {}
    lines = sorted(stakes.effect_lines)
    assert len(lines) == 2  # grade A's line and grade D's line: both grades have an effect
    state.score = lines[0] - stakes.month_swing - 5
    assert not stakes.live(decision, state)  # every line out of reach: the points change nothing
    state.score = lines[0] + 5
    assert stakes.live(decision, state)
    state.score = lines[-1] + stakes.month_swing + 5
    assert not stakes.live(decision, state)


def test_stakes_are_measured_on_request_and_a_live_dilemma_is_a_dilemma(harmony):
    result = simulate(harmony, "conformist", 15, "stakes", stakes=True)
    assert 0 <= result["live_dilemma_rate"] <= result["dilemma_rate"]
    for month, live in result["live_dilemma_by_month"].items():
        assert live <= result["dilemma_by_month"][month]
    assert 0 <= result["months_at_min"] <= harmony.months
    assert engine.indexed(harmony) is harmony
