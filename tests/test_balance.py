"""Harmony City's balance: complying is a question of how much, not whether (issue 9's targets), and no
fixed rule wins while some caution beyond the goal's line pays, because needs come unannounced (issue 20's).

Measured on a few hundred years a policy (the README's table uses 2,000), with margins for the
smaller sample. A good year reaches the goal, meets every need that came, and has no meter at its
minimum at any month's end.
"""

import pytest

from game.content.level import load_level
from game.core import bots
from game.core.model import ActRule, Card, Chance, Choice, Source
from game.play.simulate import dominated, dominated_in, simulate
from tests.conftest import ROOT

GAMES = 300
SWEEP_GAMES = 200  # each measuring policy and each appetite of the sweep


@pytest.fixture(scope="module")
def results(harmony):
    return {p: simulate(harmony, p, GAMES, "balance") for p in bots.POLICIES}


def test_neither_the_conformist_nor_the_free_player_has_good_years(results):
    assert results["conformist"]["good_year_rate"] <= 0.28
    assert results["free"]["good_year_rate"] <= 0.28


@pytest.fixture(scope="module")
def measured(harmony):
    """Every built-in policy, the measuring ones and the appetite sweep, with the stakes of each month."""
    policies = (*bots.POLICIES, *bots.MEASURING, *(f"{bots.APPETITE}{w:g}" for w in bots.SWEEP))
    return {p: simulate(harmony, p, SWEEP_GAMES, "balance", stakes=True) for p in policies}


def test_no_fixed_rule_wins_every_year(measured):
    """Riding the goal's line, refilling late, or any fixed appetite for points: none has good years
    above 80 %, and some way of playing has good years most of the time."""
    rates = {p: r["good_year_rate"] for p, r in measured.items()}
    assert max(rates.values()) <= 0.84, rates
    assert max(rates.values()) >= 0.56, rates
    assert rates["refill"] <= 0.28, rates


def test_some_caution_beyond_the_line_pays_and_too_much_does_not(measured):
    """Over the appetite sweep the best rate lies strictly inside (neither no appetite for points nor the
    largest), and beats the line rider: a margin against needs nobody announced pays."""
    sweep = [measured[f"{bots.APPETITE}{w:g}"]["good_year_rate"] for w in bots.SWEEP]
    best = max(sweep)
    assert sweep[0] < best and sweep[-1] < best, sweep
    assert best >= measured["line_rider"]["good_year_rate"] + 0.05, (sweep, measured["line_rider"]["good_year_rate"])


def test_the_score_stays_alive_in_every_month(measured):
    """A dilemma whose points can still change something ahead, in every month and for every player."""
    for policy, r in measured.items():
        months = r["live_dilemma_by_month"]
        assert sorted(months) == list(range(1, 13)), (policy, months)
        thin = {m: rate for m, rate in months.items() if rate < 0.55}
        assert not thin, (policy, thin)
        assert r["live_dilemma_rate"] >= 0.67, (policy, r["live_dilemma_rate"])


def test_grade_a_every_year_never_goes_with_good_years(measured):
    for policy, r in measured.items():
        assert not (r["grades"].get("A", 0) >= 0.9 * SWEEP_GAMES and r["good_year_rate"] >= 0.5), policy


def test_an_empty_meter_is_felt_during_the_conformists_year(results):
    assert results["conformist"]["trigger_rate"] >= 0.9


def test_the_market_is_no_undo_button(results):
    # Issue 20's target is 40 % (a margin for 300 years): deeds worth 10 points, four a year, and needs that
    # offer a way to comply on the spot, keep living the larger source of the conformist's points.
    assert results["conformist"]["civic_points_share"] <= 0.42


def test_grade_a_is_rare_by_chance_and_never_goes_with_good_years(results):
    assert results["random"]["grades"].get("A", 0) <= 0.33 * GAMES
    for r in results.values():
        assert not (r["grades"].get("A", 0) >= 0.9 * GAMES and r["good_year_rate"] >= 0.5), r["policy"]


def test_every_month_holds_a_real_dilemma_and_no_option_is_dominated(harmony, results):
    """A real dilemma: the option the score prefers costs a meter or a service another option keeps.
    Every month counts, the late ones too, where the conformist's market has closed."""
    for r in results.values():
        months = r["dilemma_by_month"]
        assert sorted(months) == list(range(1, 13)), (r["policy"], months)
        thin = {m: rate for m, rate in months.items() if rate < 0.8}
        assert not thin, (r["policy"], thin)
    rideshare = load_level(ROOT / "levels" / "rideshare")
    for level in (harmony, rideshare):
        options = sum(len(c.choices) for c in level.cards.values())
        assert len(dominated(level)) <= 0.02 * options, (level.id, dominated(level))


def test_an_option_worse_in_expectation_is_found_dominated():
    """Chance outcomes count at their expectation: a gamble that pays 3 and loses 4 a quarter of the
    time is worth 2, no better than a sure 2 that also earns points; a request is another bet."""
    invented = Source(label="invented", fact="A test card.")
    card = Card(id="sale", title="A sale", category="money", text="Sell it.", source=invented, choices=(
        Choice(label="Gamble", effects={"money": 3}, chances=(Chance(chance=0.25, effects={"money": -4}),)),
        Choice(label="Sure", effects={"money": 2}, acts=("share",)),
        Choice(label="Ask", effects={"money": 1}, request="loan"),
        Choice(label="Safer gamble", effects={"money": 3}, chances=(Chance(chance=0.2, effects={"money": -4}),)),
    ))
    rules = {"share": ActRule(points=5, detect={"default": 1.0})}
    assert dominated_in(card, rules) == [(0, 1)]
