"""The rulebook turns acts into points only when they are seen, and grades open or shut services."""

import pytest

from game.core import engine
from game.core.rules import grade_of


def start(level, seed="1", character="driver"):
    state = engine.new_game(level, seed, character, ("family", "honesty", "freedom"))
    assert isinstance(state, engine.State)
    return state


def at_card(state, card_id):
    """The same state, but facing `card_id` now (tests may set up plain state by hand)."""
    state = state.clone()
    state.phase = engine.CARD
    state.queue = [card_id]
    return state


def choose(level, state, label):
    decision = engine.pending(level, state)
    index = [o["label"] for o in decision.options].index(label)
    new = engine.apply(level, state, index)
    assert isinstance(new, engine.State), new
    return new


def acts_in(state, before):
    return [e for e in state.log[len(before.log):] if e["t"] == "act"]


def test_camera_takes_50_points_when_the_roll_catches_you_and_none_when_it_misses(mini):
    caught = missed = 0
    for seed in range(60):
        state = at_card(start(mini, str(seed)), "red_light_downtown")
        after = choose(mini, state, "Drive through")
        (act,) = acts_in(after, state)
        assert act["chance"] == 0.5
        if act["roll"] <= 50:
            caught += 1
            assert act["caught"] and after.score == state.score - 50
        else:
            missed += 1
            assert not act["caught"] and after.score == state.score
    assert caught and missed, "both outcomes should occur over 60 seeds"


def test_an_unwatched_place_never_costs_points_until_a_policy_puts_cameras_there(mini):
    state = at_card(start(mini), "red_light_suburbs")
    after = choose(mini, state, "Drive through")
    assert after.score == state.score and acts_in(after, state)[0]["chance"] == 0.0
    later = state.clone()
    later.policies = ("cameras_everywhere",)
    after = choose(mini, at_card(later, "red_light_suburbs"), "Drive through")
    assert after.score == state.score - 50


def test_stopping_at_the_light_costs_family_and_no_points(mini):
    state = at_card(start(mini), "red_light_downtown")
    after = choose(mini, state, "Stop")
    assert after.meters["family"] == state.meters["family"] - 1
    assert after.score == state.score and acts_in(after, state) == []


def test_defaulting_on_a_loan_costs_50_and_blacklists_you_from_flights(mini):
    state = at_card(start(mini), "repay")
    after = choose(mini, state, "Default")
    assert after.score == state.score - 50
    assert after.blacklisted
    unscored = [a for a in acts_in(after, state) if a["act"] == "unscored"]
    assert unscored and not unscored[0]["judged"]
    # Grade C at 950 would still be granted a flight; the blacklist denies it.
    from game.core.rules import access
    assert grade_of(mini.rulebook, after.score) == "C"
    assert access(mini.rulebook, "flight", "C", after.blacklisted) == ("denied", "blacklist")
    assert access(mini.rulebook, "flight", "C", False) == ("granted", "grade")


def test_a_party_evening_buys_20_points_and_costs_family(mini):
    state = start(mini)
    while state.phase != engine.CIVIC:
        state = engine.apply(mini, state, 1)
    after = choose(mini, state, "Go to the Party evening")
    assert after.score == state.score + 20
    assert after.meters["family"] == state.meters["family"] - 1


@pytest.mark.parametrize("score,grade", [(1100, "A"), (1050, "A"), (1049, "B"), (1000, "B"), (999, "C"),
                                         (950, "C"), (949, "D"), (0, "D")])
def test_grade_bands(mini, score, grade):
    assert grade_of(mini.rulebook, score) == grade


def test_loan_is_delayed_at_grade_c_and_the_delay_costs_money(mini):
    state = at_card(start(mini), "take_loan")
    state.score = 960
    after = choose(mini, state, "Apply")
    service = next(e for e in after.log if e["t"] == "service")
    assert service["outcome"] == "delayed" and service["grade"] == "C"
    # granted branch (+3) and the delay cost (-1)
    assert after.meters["money"] == state.meters["money"] + 3 - 1
    assert "has_loan" in after.flags and ["repay", 2] in after.follow_ups


def test_a_denied_loan_takes_the_denied_branch(mini):
    state = at_card(start(mini), "take_loan")
    state.score = 900
    after = choose(mini, state, "Apply")
    assert "has_loan" not in after.flags
    assert after.meters["family"] == state.meters["family"] - 1


def test_goal_is_decided_at_its_deadline_by_the_grade(mini):
    state = start(mini, character="walker")
    while state.month <= 2 and not state.over:
        state = engine.apply(mini, state, len(engine.pending(mini, state).options) - 1)
    goal = next(e for e in state.log if e["t"] == "goal")
    assert goal["month"] == 2 and goal["needs"] == ["loan"]
    assert goal["reached"] == (goal["outcomes"] == ["granted"] or goal["outcomes"] == ["delayed"])


def test_an_impossible_choice_is_refused_and_changes_nothing(mini):
    state = start(mini)
    before = list(state.log)
    for bad in (-2, 3, 99, "1"):
        refusal = engine.apply(mini, state, bad)
        assert isinstance(refusal, engine.Refusal) and refusal.code
    assert state.log == before


def test_meters_stay_within_bounds(mini):
    state = at_card(start(mini), "red_light_downtown")
    state.meters["family"] = 9
    after = choose(mini, state, "Drive through")
    assert after.meters["family"] == 10


def test_cards_never_write_the_score_directly(harmony):
    for card in harmony.cards.values():
        for choice in card.choices:
            assert set(choice.effects) <= set(harmony.meters)


def test_a_goal_given_up_by_choice_is_settled_without_asking_for_services(mini):
    state = at_card(start(mini, character="walker"), "take_loan")
    state = choose(mini, state, "Do without")
    while state.month <= 2:
        state = engine.apply(mini, state, len(engine.pending(mini, state).options) - 1)
    goal = next(e for e in state.log if e["t"] == "goal")
    assert goal["how"] == "dropped" and not goal["reached"] and goal["outcomes"] == []
    assert not [e for e in state.log if e["t"] == "service" and e["for"] == "goal"]


def test_the_market_offers_nothing_a_player_can_no_longer_pay_for(mini):
    state = start(mini)
    while state.phase != engine.CIVIC:
        state = engine.apply(mini, state, 1)
    broke = state.clone()
    broke.phase, broke.queue = engine.CARD, ["red_light_suburbs"]
    broke.meters["family"] = 0
    after = choose(mini, broke, "Stop")  # family stays at 0; the Party evening would cost 1 more
    assert after.month == broke.month + 1, "with nothing affordable, the month ends without a market"
    offers = [e for e in after.log if e["t"] == "draw" and e["what"] == "civic_offers"]
    assert offers[-1]["outcome"] == []


def test_a_follow_up_chosen_in_the_last_month_still_comes(mini):
    state = at_card(start(mini), "take_loan")
    state.month = mini.months
    after = choose(mini, state, "Apply")
    assert "has_loan" in after.flags  # grade B: granted
    assert engine.pending(mini, after).card.id == "repay"  # the repayment comes before the year ends


def test_a_card_is_never_dealt_twice_in_a_month(tmp_path):
    import shutil

    from game.content.level import load_level
    from tests.conftest import MINI

    shutil.copytree(MINI, tmp_path / "mini")
    cards = tmp_path / "mini" / "cards" / "street.yaml"
    cards.write_text(cards.read_text().replace("when: {deck: false}", "when: {months: [1, 3]}"))
    level_file = tmp_path / "mini" / "level.yaml"
    level_file.write_text(level_file.read_text().replace("{min: 1, max: 1}", "{min: 2, max: 2}"))
    level = load_level(tmp_path / "mini")
    for seed in range(40):
        state = engine.new_game(level, str(seed), "driver", ("family", "honesty", "freedom"))
        while not state.over:
            assert len(state.queue) == len(set(state.queue)), state.queue
            state = engine.apply(level, state, 0)
        dealt = [c for e in state.log if e["t"] == "deal" for c in e["cards"]]
        assert len(dealt) == len(set(dealt))
