"""Every claim of a debrief holds against its log and its replays (issue 19).

The verifier (`game.report.verify`) is written apart from the debrief's data and sentences; here it
reads bot years of every built-in policy (the shipped ones and the measuring ones) and the scripted
years of the issue. Each year costs a few milliseconds plus one replay per act it tries as a cause;
`MC_VERIFY_YEARS` (default 8 per policy, about a second in all) sets how many: CI runs 500.
"""

import os

import pytest

from game.content.levels import comparison_levels
from game.core import bots, debrief, engine, gamecode, otherwise
from game.play import seeds
from game.report import debrief_text
from game.report.verify import check

YEARS = int(os.environ.get("MC_VERIFY_YEARS", "8"))
# The issue's own codes (harmony_city:P49-K3H:0243:2EKMN5PFX:SY3, Zhao Lei; harmony_city:8CD-22K-6M:1015:MVH0:PJZ,
# Lin Yue) were made with earlier cards, so they no longer replay; each case is found again below on the cards
# as they are: the first of a few seeds whose year shows it.
TRIES = 40


def texts(level, d) -> list[str]:
    return [item for title, prompt, sections in debrief_text.pages(level, d)
            for item in [title, prompt] + [i for _h, items in sections for i in items]]


def year_of(level, code: str) -> engine.State:
    seed, who, values, choices = gamecode.resolve(level, gamecode.decode(code))
    state = engine.replay(level, seed, who, values, choices, *seeds.terms(level, seed))
    assert isinstance(state, engine.State)
    return state


def first_year(level, policy: str, character: str, test) -> engine.State:
    """The first seed whose year, played by this bot, shows the case: the case holds for any deck."""
    for n in range(TRIES):
        _bot, state = bots.play_year(level, f"CASE-{n}", character, ["family", "honesty", "community"], policy, n)
        if test(state):
            return state
    pytest.fail("no seed gave the year this case needs")


@pytest.fixture(scope="module")
def others(harmony):
    return comparison_levels(harmony)


@pytest.fixture(scope="module")
def bot_years(harmony):
    out = []
    people = list(harmony.characters)
    # the shipped bots, and the measuring ones issue 20 added (a line rider, a refiller, two appetites)
    for policy in (*bots.POLICIES, *bots.MEASURING, "appetite:0.1", "appetite:0.8"):
        for i in range(YEARS):
            seed = f"VERIFY{i}" + ("-6M" if i % 3 == 0 else "")  # a third of them short years
            _bot, state = bots.play_year(harmony, seed, people[i % len(people)], ["family", "honesty", "security"],
                                         policy, i, *seeds.terms(harmony, seed))
            out.append((policy, state))
    return out


def test_no_bot_year_of_any_policy_has_a_false_claim(harmony, others, bot_years):
    false = []
    for policy, state in bot_years:
        d = debrief.debrief(harmony, state.log, others)
        false += [f"{policy} {state.seed} {state.character}: {b}" for b in check(harmony, state.log, d,
                                                                                texts(harmony, d), others)]
    assert false == []


def decisive(level, others, state, mode=None):
    d = debrief.debrief(level, state.log, others)
    return next((h for h in d["highlights"] if h["kind"] == "decisive" and mode in (None, h["facts"]["mode"])), None)


@pytest.fixture(scope="module")
def cases(harmony, others):
    """The years of the issue, found again: Zhao Lei's van loan granted by its card; a service decided by
    any one of several acts; Sun Deming's operation granted early and judged again; a conformist's goal
    reached with points to spare."""
    def early(state):
        return any(e["t"] == "goal" and e["how"] == "early" for e in state.log)

    def told(state, *words):  # the debrief tells its moments by weight: the case is a year where this one is told
        said = " ".join(texts(harmony, debrief.debrief(harmony, state.log, others)))
        return any(w in said for w in words)

    def again(state):
        needs = {e["card"] for e in state.log if e["t"] == "need"}  # asked for someone else: not the goal's service
        health = [e for e in state.log if e["t"] == "service" and e["service"] == "health" and e["card"] not in needs]
        return any(e["for"] == "card" and e["outcome"] == "granted" for e in health) and \
            any(e["for"] == "goal" and e["outcome"] != "granted" for e in health) and \
            told(state, "was judged again", "did not settle your goal")

    def spare(state):
        d = debrief.debrief(harmony, state.log, others)
        return any(h["kind"] == "spare" for h in d["highlights"])

    return {"van": first_year(harmony, "balanced", "zhao_lei", early),
            "any": first_year(harmony, "random", "lin_yue", lambda s: decisive(harmony, others, s, "any") is not None
                              and told(s, "Any one of these")),
            "again": first_year(harmony, "free", "sun_deming", again),
            "spare": first_year(harmony, "conformist", "sun_deming", spare)}


@pytest.mark.parametrize("case", ["van", "any", "again", "spare"])
def test_the_years_of_the_issue_hold(harmony, others, cases, case):
    state = cases[case]
    d = debrief.debrief(harmony, state.log, others)
    assert check(harmony, state.log, d, texts(harmony, d), others) == []


def test_a_loan_granted_by_the_card_settles_the_goal_and_is_named(harmony, others, cases):
    state = cases["van"]
    goal = next(e for e in state.log if e["t"] == "goal")
    assert goal["how"] == "early" and goal["settled_by"][0]["card"] == "van_loan"
    words = " ".join(texts(harmony, debrief.debrief(harmony, state.log, others)))
    assert "another way" not in words


def test_each_act_enough_alone_is_named_as_one_of_several_with_a_year_to_replay(harmony, others, cases):
    d = debrief.debrief(harmony, cases["any"].log, others)
    h = next(h for h in d["highlights"] if h["kind"] == "decisive" and h["facts"]["mode"] == "any")
    n = len(h["facts"]["acts"])
    assert n >= 2 and len(h["facts"]["counterfactuals"]) == n
    for cf in h["facts"]["counterfactuals"]:
        replayed = year_of(harmony, cf["code"])
        assert replayed.goal_reached is cf["goal_reached"] and replayed.log[-1]["grade"] == cf["grade"]
    assert f"Any one of these {n} decided it" in " ".join(texts(harmony, d))
    told = [x for x in debrief_text.as_json(harmony, d)["highlights"] if x["kind"] == "decisive"]
    assert all(set(x["counterfactual"]) >= {"code", "month", "card", "choice", "goal_reached", "good_year", "grade"}
               for x in told)
    goal = next(e for e in cases["any"].log if e["t"] == "goal")
    assert all(w["goal"]["as_played"] == goal["reached"] for w in debrief_text.as_json(harmony, d)["whatif"])


def test_a_service_granted_early_and_judged_again_is_said_before_and_after(harmony, others, cases):
    state = cases["again"]
    words = " ".join(texts(harmony, debrief.debrief(harmony, state.log, others)))
    assert "was judged again" in words or "did not settle your goal" in words
    early = next(e["card"] for e in state.log if e["t"] == "service" and e["service"] == "health"
                 and e["for"] == "card" and e["outcome"] == "granted")
    asked = next(e for e in state.log if e["t"] == "decision" and e["card"] == early)
    assert any(o.get("goal_later") == 11 for o in asked["options"])  # the card said so before the choice


def test_the_goal_needed_the_lowest_grade_that_reaches_it_delays_included(harmony, others, cases):
    d = debrief.debrief(harmony, cases["spare"].log, others)
    (h,) = [h for h in d["highlights"] if h["kind"] == "spare"]
    assert h["facts"]["grade"] == "C"  # Sun Deming's care and flight are DELAYED at C: still reached


def test_a_year_stopped_early_is_not_a_goal_missed(harmony, others):
    state = engine.new_game(harmony, "STOPPED-1", "lin_yue", ["family", "honesty", "security"])
    for _ in range(4):
        state = engine.apply(harmony, state, 0 if engine.pending(harmony, state).options[0].get("available", True)
                             else 1)
    state = engine.apply(harmony, state, engine.END_NOW)
    d = debrief.debrief(harmony, state.log, others)
    words = texts(harmony, d)
    assert check(harmony, state.log, d, words, others) == []
    own = " ".join(w for w in words if not w.startswith("A bot")).lower()
    assert "missed" not in own.replace("not missed", "") and "your goal was due in august" in own
    from game.words import narrate
    assert "Stopped in" in narrate.end_summary(harmony, state.log, "lin_yue")[1]


# --- unannounced needs (issue 20): each judged by the grade it found, a cause named only from a replay --------


def need_told(level, others, state, caused: bool, d=None):
    """The need moment this year's debrief tells where the grade fell short, with a named choice or without."""
    d = d or debrief.debrief(level, state.log, others)
    return next((h for h in d["highlights"] if h["kind"] == "need" and h["facts"]["case"] == "short"
                 and bool(h["facts"]["counterfactuals"]) is caused), None)


def single_changes_that_turn_it(level, state, f) -> list[tuple[int, int]]:
    """Every choice before the need, changed alone (each other option in turn), replayed to the need's month:
    those whose year gives the grade beside's outcome. The debrief tries only those whose points could cross
    the line; this tries them all."""
    decisions = [e for e in state.log if e["t"] == "decision"]
    found = []
    for step in range(f["step"] + 1):
        for alt, option in enumerate(decisions[step]["options"]):
            if alt == decisions[step]["chosen"] or option.get("available") is False:
                continue
            other, _g = otherwise.replay_with(level, state.log, {step: alt}, until=f["month"])
            got = otherwise.service_outcome(other.log, {"service": f["service"], "for": "card", "card": f["card"],
                                                        "month": f["month"]})
            if got == f["other_outcome"]:
                found.append((step, alt))
    return found


@pytest.fixture(scope="module")
def need_cases(harmony, others):
    """A need refused or delayed where one choice, changed, would have lifted the grade; and one where the
    grade fell short and no single choice would have changed it (checked against every choice)."""
    caused = first_year(harmony, "random", "lin_yue", lambda s: need_told(harmony, others, s, True) is not None)

    def none_alone(state):
        h = need_told(harmony, others, state, False)
        return h is not None and not single_changes_that_turn_it(harmony, state, h["facts"])

    alone = first_year(harmony, "cautious", "lin_yue", none_alone)
    return {"caused": caused, "alone": alone}


def test_a_need_one_choice_decided_is_named_with_the_year_that_proves_it(harmony, others, need_cases):
    state = need_cases["caused"]
    d = debrief.debrief(harmony, state.log, others)
    h = need_told(harmony, others, state, True, d)
    f = h["facts"]
    said = debrief_text.highlight_text(harmony, d, h)
    assert "Had you chosen" in said
    assert f"{debrief_text.points(f['points'])} more" in said
    cf = f["counterfactuals"][0]
    replayed = year_of(harmony, cf["code"])
    judged = [e for e in replayed.log if e["t"] == "service" and e["card"] == f["card"]]
    assert judged and judged[0]["outcome"] == f["other_outcome"] != f["outcome"]
    told = next(x for x in debrief_text.as_json(harmony, d)["highlights"] if x["kind"] == "need")
    assert told["counterfactual"]["code"] == cf["code"] and told["counterfactual"]["service"] == f["other_outcome"]
    assert any(cf["code"] in line for line in debrief_text.otherwise_lines(harmony, d))  # offered to play
    assert check(harmony, state.log, d, texts(harmony, d), others) == []


def test_a_need_no_single_choice_decided_names_no_cause(harmony, others, need_cases):
    state = need_cases["alone"]
    d = debrief.debrief(harmony, state.log, others)
    h = need_told(harmony, others, state, False, d)
    said = debrief_text.highlight_text(harmony, d, h)
    assert "Had you chosen" not in said and "decided" not in said
    f = h["facts"]
    assert f"at grade {f['other']}, {debrief_text.points(f['points'])} more" in said  # what a margin would buy
    assert check(harmony, state.log, d, texts(harmony, d), others) == []


def test_the_verifier_catches_a_false_need_or_bot(harmony, others, need_cases):
    state = need_cases["caused"]
    d = debrief.debrief(harmony, state.log, others)
    h = need_told(harmony, others, state, True, d)
    f = h["facts"]
    played = gamecode.encode(harmony, state.seed, state.character, state.values, state.choices)
    for key, wrong in (("points", f["points"] + 1), ("other_outcome", f["outcome"]), ("score", f["score"] - 5),
                       ("counterfactuals", [dict(f["counterfactuals"][0], code=played)])):
        h["facts"] = dict(f, **{key: wrong})
        assert check(harmony, state.log, d, (), others), key
    h["facts"] = f
    d["bots"][0] = dict(d["bots"][0], good_year=not d["bots"][0]["good_year"])
    assert any(b.startswith("bot ") for b in check(harmony, state.log, d, (), others))


def test_a_need_granted_for_someone_else_is_never_told_as_the_goal_judged_again(harmony, others):
    """A sister's operation granted in February is not Sun Deming's hip: at his deadline the debrief must not
    say his health care, granted by a card, was judged again."""
    for n in range(40):
        _bot, state = bots.play_year(harmony, f"CASE-{n}", "sun_deming", ["family", "honesty", "community"], "free", n)
        needs = {e["card"] for e in state.log if e["t"] == "need"}
        health = [e for e in state.log if e["t"] == "service" and e["service"] == "health"]
        goal = next((e for e in health if e["for"] == "goal"), None)
        if goal is not None and goal["outcome"] != "granted" and \
                any(e["card"] in needs and e["outcome"] == "granted" for e in health) and \
                not any(e["card"] not in needs and e["for"] == "card" and e["outcome"] != goal["outcome"]
                        for e in health):
            said = " ".join(texts(harmony, debrief.debrief(harmony, state.log, others)))
            assert "was judged again" not in said and "did not settle your goal" not in said
            return
    pytest.fail("no seed gave a need's health care granted before a goal's delayed one")
