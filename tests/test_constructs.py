"""Each construct an author can write does what docs/authoring.md says, seen through the engine.

The test level `tests/levels/constructs` extends mini with counters, triggers, conditions, chance
outcomes, a choice's own place, outcome text for being seen, expiring penalties, a listing that
ends, a way off the list and a service judged on a meter. Rolls are forced, not hunted for.
"""

import json

import pytest

from game.content.level import load_level
from game.core import engine, rules
from game.words import narrate
from tests.conftest import ROOT

CONSTRUCTS = ROOT / "tests" / "levels" / "constructs"


@pytest.fixture(scope="module")
def level():
    return load_level(CONSTRUCTS)


def facing(level, card_id, character="driver", **changes):
    state = engine.new_game(level, "c", character, ("family", "honesty", "freedom"))
    state = state.clone()
    state.phase, state.queue = engine.CARD, [card_id]
    for key, value in changes.items():
        setattr(state, key, value)
    return state


def take(level, state, label):
    decision = engine.pending(level, state)
    index = [o["label"] for o in decision.options].index(label)
    new = engine.apply(level, state, index)
    assert isinstance(new, engine.State), new
    return new


def new_events(before, after):
    return after.log[len(before.log):]


def test_a_choice_whose_condition_fails_is_greyed_with_the_reason_and_refused(level):
    state = facing(level, "deposit", meters={"money": 2, "family": 5})
    options = engine.pending(level, state).options
    pay = next(o for o in options if o["label"] == "Pay the deposit")
    assert pay["available"] is False and pay["blocked"] == ["money >= 3"]
    refusal = engine.apply(level, state, options.index(pay))
    assert isinstance(refusal, engine.Refusal) and refusal.code == "unavailable"
    assert "money >= 3" in narrate.refusal_text(refusal)
    rich = facing(level, "deposit", meters={"money": 5, "family": 5})
    assert next(o for o in engine.pending(level, rich).options if o["label"] == "Pay the deposit").get("available",
                                                                                                       True)


def test_a_hidden_choice_is_not_offered_when_its_condition_fails_and_the_log_names_the_card_choice(level):
    walker = facing(level, "deposit", character="walker")
    assert "Use the car as security" not in [o["label"] for o in engine.pending(level, walker).options]
    driver = facing(level, "deposit")
    labels = [o["label"] for o in engine.pending(level, driver).options]
    assert "Use the car as security" in labels
    after = take(level, walker, "Stay where you are")
    decision = next(e for e in after.log if e["t"] == "decision")
    assert decision["chosen"] == 1 and decision["choice"] == 2
    assert narrate.event_lines(level, decision)[0] == "> Stay where you are."


def test_counters_add_up_and_a_trigger_fires_once_when_its_condition_first_holds(level):
    state = facing(level, "late_bus", forced_rolls=[100])
    once = take(level, state, "Wait and be late")
    assert once.counters["late"] == 1 and "detention" not in once.flags
    twice = take(level, facing(level, "late_bus", counters={"late": 1}), "Wait and be late")
    assert twice.counters["late"] == 2 and "detention" in twice.flags
    assert [e["trigger"] for e in twice.log if e["t"] == "trigger"] == ["third_lateness"]
    again = take(level, facing(level, "late_bus", counters={"late": 2}, fired={"third_lateness"}),
                 "Wait and be late")
    assert not [e for e in again.log if e["t"] == "trigger"]


def test_an_empty_meter_deals_its_card_at_once(level):
    state = facing(level, "back_gate", meters={"money": 1, "family": 5}, forced_rolls=[100])
    after = take(level, state, "Round by the back gate")
    assert after.meters["money"] == 0
    assert after.queue[:1] == ["broke_card"] and engine.pending(level, after).card.id == "broke_card"


def test_a_choice_place_overrides_the_card_place_and_outcome_text_depends_on_being_seen(level):
    state = facing(level, "back_gate", forced_rolls=[50])
    options = engine.pending(level, state).options
    assert [o["acts"][0]["chance"] for o in options] == [0.9, 0.2]
    gate = take(level, state, "Round by the back gate")
    act = next(e for e in new_events(state, gate) if e["t"] == "act")
    assert act["place"] == "suburbs" and act["forced"] and not act["caught"]
    seen = take(level, facing(level, "back_gate", forced_rolls=[50]), "Speed down the main road")
    unseen = take(level, facing(level, "back_gate", forced_rolls=[95]), "Speed down the main road")
    said = lambda s: narrate.decision_lines(level, s.log[[e["t"] for e in s.log].index("decision"):])  # noqa: E731
    assert "A camera flashes as you pass." in said(seen) and "Nobody stops you." not in said(seen)
    assert "Nobody stops you." in said(unseen)


def test_a_chance_outcome_shows_its_odds_before_and_happens_on_the_forced_roll(level):
    state = facing(level, "late_bus", forced_rolls=[50])
    run = next(o for o in engine.pending(level, state).options if o["label"] == "Run for it")
    assert run["chances"] == [{"chance": 0.5, "effects": {"money": -1}, "outcome": "You twist an ankle."}]
    assert any("50%" in line and "Money" in line for line in narrate.option_lines(level, run))
    hurt = take(level, state, "Run for it")
    assert hurt.meters["money"] == state.meters["money"] - 1
    fine = take(level, facing(level, "late_bus", forced_rolls=[51]), "Run for it")
    assert fine.meters["money"] == state.meters["money"]
    assert [e["outcome"] for e in fine.log if e["t"] == "chance"] == [None]


def test_a_service_can_be_judged_on_a_meter_not_only_the_grade(level):
    rb = level.rulebook
    state = facing(level, "deposit")
    assert rules.access(rb, "flight", "A", False, state) == ("granted", "rule")
    state.meters["family"] = 2
    assert rules.access(rb, "flight", "A", False, state) == ("denied", "everyone")


def test_a_penalty_comes_back_after_its_months_and_the_listing_ends_or_is_lifted(level):
    state = facing(level, "back_gate", forced_rolls=[1])
    after = take(level, state, "Speed down the main road")
    assert after.score == 950 and after.expiring == [[state.month + 2, 50, "traffic_violation"]]
    events = rules.new_month(level.rulebook, after, state.month + 2)
    assert after.score == 1000 and events[0]["t"] == "expired"
    listed = take(level, facing(level, "default_now"), "Stop paying")
    assert listed.blacklisted and listed.listed_until == listed.month + 3
    assert ["court", listed.month + 2] in listed.follow_ups
    assert rules.new_month(level.rulebook, listed, listed.month + 3)[-1]["t"] == "unlisted"
    assert not listed.blacklisted
    court = facing(level, "court", blacklisted=True, flags={"defaulted", "has_car"})
    freed = take(level, court, "Pay what the court orders")
    assert not freed.blacklisted and any(e["t"] == "unlisted" and e["why"] == "card" for e in freed.log)


def test_the_debrief_rescoring_judges_acts_the_way_the_engine_did(level):
    from game.core.debrief import rescore
    state = facing(level, "back_gate", forced_rolls=[1])
    after = take(level, state, "Speed down the main road")
    log = after.log
    assert rescore(log, level.rulebook)["score"] == after.score


def test_the_log_shares_nothing_with_the_level(level):
    state = facing(level, "late_bus")
    after = take(level, state, "Run for it")
    logged = next(e for e in after.log if e["t"] == "decision")
    for option in logged["options"]:
        option["effects"]["money"] = 99
        option["values"]["x"] = 1
        for chance in option.get("chances", ()):
            chance["effects"]["money"] = 99
    card = level.cards["late_bus"]
    assert card.choices[0].chances[0].effects == {"money": -1} and card.choices[1].effects == {"family": -1}
    assert json.loads(json.dumps(after.log)) == after.log


def test_a_logged_option_changed_does_not_reach_the_next_decision(level):
    """Options are copied from shapes the engine works out once per card: editing one in a log (its
    effects, values or act previews) must leave the next player of that card an untouched offer."""
    first = engine.pending(level, facing(level, "back_gate"))
    shown = json.dumps(first.options)
    assert any(option["acts"] for option in first.options)
    for option in first.options:
        option["effects"]["money"] = 99
        option["values"]["x"] = 1
        with pytest.raises(TypeError):  # an option handed out is read-only
            option["label"] = "changed"
        for act in option["acts"]:
            act["points"] = 12345
    assert json.dumps(engine.pending(level, facing(level, "back_gate")).options) == shown


def test_the_end_of_the_year_judges_the_whole_life(level):
    state = facing(level, "late_bus")
    state.goal_reached = True
    assert engine.verdict(level, state) == {"meters_at_min": [], "months_at_min": 0, "needs_unmet": [],
                                            "good_year": True}
    state.meters["family"] = 0
    assert engine.verdict(level, state) == {"meters_at_min": ["family"], "months_at_min": 0, "needs_unmet": [],
                                            "good_year": False}


def test_a_year_lived_at_the_bottom_is_not_undone_by_a_full_meter_in_its_last_month(level):
    """Refilled by December, a meter that sat at its minimum more month-ends than the level allows still
    spoils the year: the whole year is judged, not its last day."""
    state = facing(level, "late_bus")
    state.goal_reached = True
    allowed = level.empty_months_allowed
    for month in range(1, allowed + 2):
        state.log.append({"t": "month_end", "month": month, "score": 1000, "grade": "B", "grade_effect": None,
                          "meters": {"money": 0, "family": 5}, "blacklisted": False})
        judged = engine.verdict(level, state)
        assert judged["months_at_min"] == month and judged["meters_at_min"] == []
        assert judged["good_year"] is (month <= allowed)


def onward(level, state):
    """The state after the first option that can be taken now."""
    options = engine.pending(level, state).options
    return engine.apply(level, state, next(i for i, o in enumerate(options) if o.get("available", True)))


def year_with_the_need(level, seed="c"):
    """A driver's year played on its first option up to the round its unannounced need comes in."""
    state = engine.new_game(level, seed, "driver", ("family", "honesty", "freedom"))
    due = state.needs["repair_loan"]
    assert level.needs[0].months[0] <= due <= level.needs[0].months[1]
    while state.month < due:
        state = onward(level, state)
    return state, due


def test_an_unannounced_need_comes_in_the_month_the_seed_gave_it_and_in_no_other(level):
    months = set()
    for n in range(20):
        state, due = year_with_the_need(level, f"need-{n}")
        months.add(due)
        assert "repair_loan" not in {e["card"] for e in state.log if e["t"] == "decision"}  # not before its month
        while engine.pending(level, state).kind != "card" or engine.pending(level, state).card.id != "repair_loan":
            assert state.month == due
            state = onward(level, state)
        drawn = next(e for e in state.log if e["t"] == "draw" and e["what"] == "needs")
        assert drawn["outcome"] == {"repair_loan": due}
    assert months == {4, 5}  # drawn from the seed: both months of the window come up


@pytest.mark.parametrize("score,option,outcome", [(1000, "Ask the bank", "met"), (960, "Ask the bank", "delayed"),
                                                   (900, "Ask the bank", "unmet"), (900, "Pay from savings", "met"),
                                                   (1000, "Leave it", "unmet")])
def test_a_need_is_met_delayed_or_left_unmet_by_the_grade_or_the_choice(level, score, option, outcome):
    state, _due = year_with_the_need(level)
    state = state.clone()
    state.score, state.goal_reached = score, True
    while engine.pending(level, state).card is None or engine.pending(level, state).card.id != "repair_loan":
        state = onward(level, state)
    state = take(level, state, option)
    need = next(e for e in state.log if e["t"] == "need")
    assert need["outcome"] == outcome and need["card"] == "repair_loan"
    judged = engine.verdict(level, state)
    assert (judged["needs_unmet"] == ["repair_loan"]) is (outcome == "unmet")
    if outcome == "unmet":
        assert not judged["good_year"]
        assert "\u201cA roof to mend\u201d left unmet" in narrate.verdict_line(
            level, True, [], unmet=judged["needs_unmet"], lean=judged["months_at_min"])
