"""The debrief, pinned on crafted logs: what was steered, what the cameras did, other rules."""

import json

from game.core import bots, debrief, engine, rng


def option(label, effects=None, acts=(), values=None, civic=None, request=None):
    acts = [{"act": a, "judged": True, "points": p, "chance": c, "watcher": ""} for a, p, c in acts]
    o = {"label": label, "effects": effects or {}, "acts": acts, "values": values or {}, "request": request,
         "request_outcome": None, "expected_points": sum(a["points"] * a["chance"] for a in acts)}
    if civic:
        o["civic"] = civic
    return o


def crafted_log(decisions, values=("family", "honesty", "freedom"), extra=()):
    """A minimal log: a start, the given (options, chosen, kind) decisions in month 1, then events."""
    log = [{"t": "start", "level": "mini", "content_hash": "", "seed": "X", "character": "driver",
            "values": list(values), "meters": {"money": 5, "family": 5}, "score": 1000, "grade": "B"},
           {"t": "month", "month": 1}]
    for options, chosen, kind in decisions:
        log.append({"t": "decision", "kind": kind, "month": 1, "card": None, "options": options,
                    "chosen": chosen, "meters_after": {"money": 5, "family": 5}, "score_after": 1000})
    log += list(extra)
    log += [{"t": "month_end", "month": 1, "score": 1000, "grade": "B", "grade_effect": None,
             "meters": {"money": 5, "family": 5}, "blacklisted": False}]
    return log


PARTY = option("Go to the Party evening", {"family": -1}, [("party_event", 20, 1.0)], {"family": -1},
               civic="party_evening")
SKIP = option("Not this month")


def test_giving_up_family_for_a_party_evening_is_steered_only_when_the_player_says_so(mini):
    log = crafted_log([([PARTY, SKIP], 0, "civic")])
    assert debrief.steered_choices(mini, log) == []  # better only in points: the debrief asks, never tells
    (steered,) = debrief.steered_choices(mini, log, [{"step": 0, "answer": "points"}])
    assert steered["chosen"] == "Go to the Party evening" and steered["instead_of"] == "Not this month"
    assert steered["gave_up"] == {"family": 1} and steered["values_given_up"] == ["family"]


def test_skipping_the_party_is_not_steered(mini):
    assert debrief.steered_choices(mini, crafted_log([([PARTY, SKIP], 1, "civic")])) == []


def test_a_log_with_no_offence_on_offer_shows_nothing_steered_and_an_empty_tally(mini):
    a = option("Walk", {"money": 1})
    b = option("Take the bus", {"money": -1})
    log = crafted_log([([a, b], 0, "card"), ([a, b], 1, "card")])
    assert debrief.steered_choices(mini, log) == []
    tally = debrief.watched_tally(log)
    assert tally["watched"]["offered"] == tally["unwatched"]["offered"] == 0


def test_an_act_avoided_under_cameras_and_done_without_them_is_tallied(mini):
    watched = option("Drive through", {"family": 2}, [("traffic_violation", -50, 0.9)])
    unwatched = option("Drive through", {"family": 2}, [("traffic_violation", -50, 0.1)])
    stop = option("Stop", {"family": -1})
    log = crafted_log([([watched, stop], 1, "card"), ([unwatched, stop], 0, "card")])
    tally = debrief.watched_tally(log)
    assert (tally["watched"]["offered"], tally["watched"]["done"]) == (1, 0)
    assert (tally["unwatched"]["offered"], tally["unwatched"]["done"]) == (1, 1)
    assert debrief.steered_choices(mini, log) == []  # better only in points: asked, never told
    steered = debrief.steered_choices(mini, log, [{"step": 0, "answer": "points"}])
    assert [s["chosen"] for s in steered] == ["Stop"]  # the player said so


def test_a_trade_is_not_called_steered_but_the_players_own_answer_is(mini):
    pay = option("Pay the loan", {"money": -3, "family": 1}, values={"honesty": 1})
    default = option("Stop paying", {"money": 3}, [("loan_default", -50, 1.0)], values={"honesty": -1})
    log = crafted_log([([pay, default], 0, "card")])
    assert debrief.steered_choices(mini, log) == []  # better for the family and for honesty: a trade
    (said,) = debrief.steered_choices(mini, log, [{"step": 0, "answer": "points"}])
    assert said["said"] and said["chosen"] == "Pay the loan"


def test_answers_kept_beside_a_log_are_checked_before_they_are_used(mini):
    log = crafted_log([([PARTY, SKIP], 0, "civic")])
    messy = [{"step": 0, "answer": "points"}, {"step": 7, "answer": "points"}, {"step": 0, "answer": "rm -rf"},
             "points", {"step": True, "answer": "goal"}]
    assert debrief.clean_answers(messy, log) == [{"step": 0, "answer": "points"}]
    assert debrief.clean_answers({"step": 0}, log) == [] and debrief.clean_answers(5, log) == []


def played(level, seed, policy, character=None):
    state = engine.new_game(level, seed, character or list(level.characters)[0], ("family", "honesty", "freedom"))
    bot = rng.seed_state(seed)
    while not state.over:
        bot, pick = bots.choose(policy, engine.pending(level, state), bot)
        state = engine.apply(level, state, pick)
    return state


def test_under_no_score_every_service_asked_for_is_granted(harmony):
    from game.content.level import load_level
    from tests.conftest import ROOT

    no_score = load_level(ROOT / "levels" / "harmony_city_no_score")
    for n in range(20):
        state = played(harmony, f"free-{n}", "free", list(harmony.characters)[n % 5])
        result = debrief.rescore(state.log, no_score.rulebook)
        asked = [e for e in state.log if e["t"] == "service"]
        assert len(result["services"]) == len(asked)
        assert all(s["outcome"] == "granted" for s in result["services"])
        assert result["score"] is None and result["grade"] is None


def test_rescoring_under_the_rules_as_played_reproduces_the_game(harmony):
    for n in range(30):
        state = played(harmony, f"same-{n}", "random", list(harmony.characters)[n % 5])
        again = debrief.rescore(state.log, harmony.rulebook)
        assert again["score"] == state.score
        assert [s["outcome"] for s in again["services"]] == [e["outcome"] for e in state.log if e["t"] == "service"]
        assert again["goal_reached"] == state.goal_reached
        assert again["blacklisted"] == state.blacklisted


def test_the_same_log_always_gives_the_same_debrief(harmony):
    state = played(harmony, "same", "balanced")
    first = json.dumps(debrief.debrief(harmony, state.log), sort_keys=True)
    for _ in range(3):
        assert json.dumps(debrief.debrief(harmony, json.loads(json.dumps(state.log))), sort_keys=True) == first


def test_no_player_is_called_steered_unless_they_said_it_was_for_the_points(harmony):
    """The debrief asks motive, never tells it: not even the conformist bot is called steered unasked."""
    steered = {policy: sum(len(debrief.steered_choices(harmony, played(harmony, f"s{n}", policy).log))
                           for n in range(10)) for policy in ("conformist", "free")}
    assert steered["free"] == 0 == steered["conformist"]
    conform = debrief.debrief(harmony, played(harmony, "c", "conformist").log)
    free = debrief.debrief(harmony, played(harmony, "c", "free").log)
    assert conform["cost_and_gain"]["points_bought_with_civic_acts"] > 0
    assert free["cost_and_gain"]["civic_acts"] == 0


def test_the_verdict_names_two_empty_meters_as_a_sentence_would(harmony):
    from game.words import narrate

    assert narrate.verdict_line(harmony, True, ["family", "integrity"]) == \
        "Not a good year: Family and Self-respect ran out."


def compliant_years(level, games=100):
    """The debrief's "a bot that complies only as needed" on `games` players' seeds, as a debrief plays it."""
    people, values = list(level.characters), list(level.values)
    years = []
    for n in range(games):
        start = engine.new_game(level, f"NEEDED-{n}", people[n % len(people)], values[n % 4:n % 4 + 3])
        (compliant,) = [b for b in debrief.bot_years(level, start.log) if b["policy"] != "free"]
        years.append(compliant)
    return years


def test_the_bot_that_complies_only_as_needed_does_not_over_comply(harmony):
    """Issue 20: the comparison flattered the player when its bot ended most years in grade A with four
    civic acts. Complying only as needed keeps out of grade D but rarely reaches grade A, and buys few points."""
    years = compliant_years(harmony)
    grades = [y["grade"] for y in years]
    assert grades.count("A") < len(years) / 3, grades
    assert "D" not in grades
    assert sum(y["civic_acts"] for y in years) / len(years) <= 1.5
    assert sum(bool(y["goal_reached"]) for y in years) >= 0.9 * len(years)


def test_the_report_the_json_and_the_bots_say_why_a_year_was_not_good(harmony):
    """A year with a need left unmet and month-ends at an empty meter: the exported report and debrief.json
    name both reasons, and a comparison bot that met fewer needs is not called a good year (issue 20)."""
    from game.content.levels import comparison_levels
    from game.report import debrief_text, export

    for n in range(40):
        _bot, state = bots.play_year(harmony, f"UNMET-{n}", "lin_yue", ["family", "honesty", "security"], "free", n)
        end = state.log[-1]
        if end["needs_unmet"] and end["months_at_min"] > harmony.empty_months_allowed:
            break
    else:
        raise AssertionError("no free year left a need unmet and a meter empty at month-ends")
    d = debrief.debrief(harmony, state.log, comparison_levels(harmony))
    title = harmony.cards[end["needs_unmet"][0]].title
    report = export.markdown(harmony, d, None, "CODE")
    verdict = next(line for line in report.splitlines() if "Not a good year" in line)
    assert title in verdict and "left unmet" in verdict and f"empty at {end['months_at_min']} month-end" in verdict
    told = debrief_text.as_json(harmony, d)["verdict"]
    assert told["needs_unmet"] == end["needs_unmet"] and told["months_at_min"] == end["months_at_min"]
    assert told["good_year"] is False and title in told["text"]
    assert [n["card"] for n in told["needs"]] == [e["card"] for e in state.log if e["t"] == "need"]
    for b in d["bots"]:
        line = debrief_text.bot_line(harmony, b)
        assert ("a good year" in line and "not a good year" not in line) == b["good_year"], line
        assert f"{sum(o != 'unmet' for o in b['needs'])} of {len(b['needs'])} needs met" in line
