"""Checks every claim a debrief makes against the log, and against replays where a claim needs one.

Written apart from the code that builds the debrief (`game.core.debrief`) and its sentences
(`game.report.debrief_text`): it works each fact out again from the log and the rulebook, and replays
every counterfactual from its game code alone, as a player would with `play --code`. `check` returns
the false claims it found, in words a developer can act on; an empty list means the debrief holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from game.core import bots, engine, gamecode, otherwise, rng
from game.core.debrief import rescore
from game.core.model import Level
from game.core.rules import access, access_rule, grade_of
from game.play import seeds

BETTER = {"granted": 0, "delayed": 1, "denied": 2}
MOTIVE = ("steered it", "for the points you", "because you wanted", "you chose it to")


def _services(log: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [e for e in log if e["t"] == "service"]


def _goal(log: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    return next((e for e in log if e["t"] == "goal"), None)


def _replay_code(level: Level, code: str) -> engine.State | None:
    """The year a code replays, as `play --code` plays it: its length and options from its seed."""
    seed, who, values, choices = gamecode.resolve(level, gamecode.decode(code))
    months, options = seeds.terms(level, seed)
    state = engine.replay(level, seed, who, values, choices, months, options)
    return state if isinstance(state, engine.State) else None


def _outcome_in(log: Sequence[Mapping[str, Any]], service: str, purpose: str, month: int,
                card: str | None) -> str | None:
    for e in _services(log):
        if e["service"] == service and e["for"] == purpose and (e["month"] == month if purpose == "goal"
                                                                 else e["card"] == card):
            return str(e["outcome"])
    return None


def _check_decisive(level: Level, log: Sequence[Mapping[str, Any]], f: dict) -> list[str]:
    bad: list[str] = []
    played = _outcome_in(log, f["service"], f["for"], f["month"], f.get("card"))
    if played != f["outcome"]:
        bad.append(f"decisive: says {f['service']} was {f['outcome']}, the log says {played}")
    start = log[0]
    rb = level.rulebook
    if access(rb, f["service"], grade_of(rb, start["score"]), False)[0] != f["instead"]:
        bad.append("decisive: the starting grade's outcome is misstated")
    if not f.get("counterfactuals"):
        return bad + ["decisive: names a cause without a replay"]
    steps = {e_step for e_step in range(sum(1 for e in log if e["t"] == "decision"))}
    for cf in f["counterfactuals"]:
        if not cf.get("code"):
            bad.append("decisive: a counterfactual without a game code")
            continue
        state = _replay_code(level, cf["code"])
        if state is None:
            bad.append(f"decisive: the code {cf['code']} does not replay")
            continue
        got = _outcome_in(state.log, f["service"], f["for"], f["month"], f.get("card"))
        if got == f["outcome"] or got != cf.get("service_outcome"):
            bad.append(f"decisive: the year without it gives {got}, not {cf.get('service_outcome')} "
                       f"(as played {f['outcome']})")
        end = state.log[-1]
        if state.goal_reached != cf["goal_reached"] or end.get("grade") != cf["grade"] \
                or bool(end.get("good_year")) != cf["good_year"]:
            bad.append(f"decisive: {cf['code']} replays to goal {state.goal_reached}, grade {end.get('grade')}, "
                       f"not as stated")
        if not set(cf["steps"]) <= steps:
            bad.append("decisive: a counterfactual changes a decision the year never had")
    named = {a["step"] for a in f["acts"]}
    if f.get("mode", "one") in ("one", "any"):
        # every other act of that sign before the judgement, taken back alone, must leave it as played
        sign = f["sign"]
        decisions = [e for e in log if e["t"] == "decision"]
        upto = next(i for i, e in enumerate(log) if e["t"] == "service" and e["service"] == f["service"]
                    and e["for"] == f["for"] and e["month"] == f["month"])
        step, others = -1, set()
        for e in log[:upto]:
            if e["t"] == "decision":
                step += 1
            elif e["t"] == "act" and e.get("judged") and e.get("caught") and e["points"] * sign > 0:
                others.add(step)
        for s in sorted(others - named):
            for alt, option in enumerate(decisions[s]["options"]):
                if alt == decisions[s]["chosen"] or option.get("available") is False:
                    continue
                try:
                    state, _g = otherwise.replay_with(level, log, {s: alt}, until=f["month"])
                except ValueError:
                    return bad + ["decisive: names a cause in a log that does not replay"]
                got = _outcome_in(state.log, f["service"], f["for"], f["month"], f.get("card"))
                if got is not None and got != f["outcome"]:
                    bad.append(f"decisive: says {'only' if f['mode'] == 'one' else 'these'} decided it, but "
                               f"decision {s} (month {decisions[s]['month']}) decides it too")
                    break
        if f["mode"] == "one" and len(named) != 1:
            bad.append("decisive: 'one' act names several")
    return bad


def _grade_beside(level: Level, score: int, policies: tuple[str, ...], grade: str, step: int) -> int | None:
    """How many points more (`step` +1) or fewer (-1) turn this score's grade into `grade`: None if none do."""
    rb = level.rulebook
    assert rb.score is not None
    for k in range(1, rb.score.max - rb.score.min + 2):
        if grade_of(rb, score + step * k, policies) == grade:
            return k
    return None


def _check_need(level: Level, log: Sequence[Mapping[str, Any]], f: dict) -> list[str]:
    """A need the grade decided: its outcome, the grade and score it found, the grade beside and the points
    between, worked out again from the log and the rulebook; each named choice replayed from its code."""
    bad: list[str] = []
    rb = level.rulebook
    score, step, service, need_i = log[0]["score"], -1, None, None
    shown = score  # the score a decision's options were shown at
    policies: tuple[str, ...] = ()
    for i, e in enumerate(log):
        if e["t"] == "decision":
            step += 1
            service, shown = None, score
        elif e["t"] == "policy":
            policies = (*policies, e["policy"])
        elif e["t"] in ("act", "expired", "month_end") and e.get("score") is not None:
            score = e["score"]
        elif e["t"] == "service" and e["for"] == "card" and e["card"] == f["card"]:
            service = e
        elif e["t"] == "need" and e["card"] == f["card"] and e["month"] == f["month"]:
            need_i = i
            break
    if need_i is None:
        return [f"need: no need '{f['card']}' came in month {f['month']}"]
    need = log[need_i]
    if not f["asked"]:  # not asked: what asking would have got when the player chose
        score = shown
    if need["outcome"] != f["need"] or step != f["step"]:
        bad.append(f"need {f['card']}: says {f['need']} at decision {f['step']}, the log {need['outcome']} at {step}")
    if score != f["score"] or grade_of(rb, score, policies) != f["grade"]:
        bad.append(f"need {f['card']}: says {f['score']} (grade {f['grade']}), the log has {score}")
    decision = [e for e in log if e["t"] == "decision"][step]
    if f["asked"]:
        if service is None or service["outcome"] != f["outcome"] or service["why"] != "grade" \
                or service["grade"] != f["grade"] or service["service"] != f["service"]:
            bad.append(f"need {f['card']}: says {f['service']} {f['outcome']} at grade {f['grade']}; the log "
                       f"says {service and (service['service'], service['outcome'], service['why'], service['grade'])}")
    else:
        chosen = decision["options"][decision["chosen"]]
        outlook = [o["request_outcome"] for o in decision["options"] if o.get("request") == f["service"]]
        if service is not None or chosen.get("request") or f["outcome"] not in outlook:
            bad.append(f"need {f['card']}: says it was answered without asking, {f['service']} {f['outcome']} "
                       f"if asked; the log disagrees")
        if chosen["label"] != f["choice"]:
            bad.append(f"need {f['card']}: says “{f['choice']}” was chosen, the log “{chosen['label']}”")
    table = access_rule(rb, f["service"], policies)[0]
    if table.get(f["grade"]) != f["outcome"] or table.get(f["other"]) != f["other_outcome"]:
        bad.append(f"need {f['card']}: the rulebook gives grade {f['grade']} {table.get(f['grade'])} and grade "
                   f"{f['other']} {table.get(f['other'])}")
    order = [g.grade for g in rb.grades]
    between = order[min(order.index(f["grade"]), order.index(f["other"])) + 1:
                    max(order.index(f["grade"]), order.index(f["other"]))]
    if any(table.get(g) != f["outcome"] for g in between):
        bad.append(f"need {f['card']}: grade {f['other']} is not the nearest grade that judges it otherwise")
    short = f["case"] in ("short", "paid")
    if (BETTER[f["other_outcome"]] < BETTER[f["outcome"]]) != short:
        bad.append(f"need {f['card']}: grade {f['other']}'s {f['other_outcome']} is not what the sentence says")
    k = _grade_beside(level, score, policies, f["other"], 1 if short else -1) if score is not None else None
    if k != f["points"]:
        bad.append(f"need {f['card']}: says {f['points']} points to grade {f['other']}; the rulebook says {k}")
    for cf in f.get("counterfactuals", ()):
        state = _replay_code(level, cf["code"]) if cf.get("code") else None
        if state is None:
            bad.append(f"need {f['card']}: a named choice with no code that replays")
            continue
        got = _outcome_in(state.log, f["service"], "card", f["month"], f["card"])
        if got != f["other_outcome"] or got != cf.get("service_outcome"):
            bad.append(f"need {f['card']}: the year where you chose otherwise gives {got}, not {f['other_outcome']}")
        end = state.log[-1]
        if state.goal_reached != cf["goal_reached"] or end.get("grade") != cf["grade"] \
                or bool(end.get("good_year")) != cf["good_year"]:
            bad.append(f"need {f['card']}: {cf['code']} replays to goal {state.goal_reached}, grade "
                       f"{end.get('grade')}, not as stated")
        (s,) = cf["steps"]
        decisions = [e for e in log if e["t"] == "decision"]
        theirs = [e for e in state.log if e["t"] == "decision"]
        if s > f["step"] or s >= len(theirs) or decisions[s]["options"][decisions[s]["chosen"]]["label"] \
                != cf["instead_of"] or theirs[s]["options"][theirs[s]["chosen"]]["label"] != cf["choice"]:
            bad.append(f"need {f['card']}: the choice named (“{cf['choice']}” instead of “{cf['instead_of']}”) "
                       f"is not the one the code changes")
    return bad


def _lowest_grade(level: Level, services: list[str]) -> str | None:
    """The lowest grade at which none of these services is denied (delays reach the goal too)."""
    rb = level.rulebook
    for g in reversed(rb.grades):
        if all(access(rb, s, g.grade, False)[0] != "denied" for s in services):
            return g.grade
    return None


def _check_spare(level: Level, log: Sequence[Mapping[str, Any]], f: dict) -> list[str]:
    bad: list[str] = []
    goal = _goal(log)
    if goal is None or not goal["reached"]:
        return ["spare: the goal was not reached by the services"]
    judged = [e["service"] for e in _services(log) if e["for"] == "goal" and e["month"] == goal["month"]]
    needed = _lowest_grade(level, judged)
    if needed != f["grade"]:
        bad.append(f"spare: says the goal needed grade {f['grade']}; the lowest that reaches it is {needed}")
    if f.get("counterfactual"):
        state = _replay_code(level, f["counterfactual"]["code"])
        if state is None or state.goal_reached is not True:
            bad.append("spare: the year without the unneeded civic acts does not reach the goal")
        else:  # the needs it says would have gone worse without them, and only those
            rank = {"met": 0, "delayed": 1, "unmet": 2}
            mine = {e["card"]: e["outcome"] for e in log if e["t"] == "need"}
            worse = {e["card"]: e["outcome"] for e in state.log if e["t"] == "need" and e["card"] in mine
                     and rank[e["outcome"]] > rank[mine[e["card"]]]}
            if worse != {w["card"]: w["here"] for w in f.get("needs_worse", ())}:
                bad.append(f"spare: without the civic acts the needs go {worse}, not as said")
    # after the goal: every act that won points, whatever chose it
    goal_i = log.index(goal)
    after = sum(1 for e in log[goal_i:] if e["t"] == "act" and e.get("judged") and e.get("caught")
                and e["points"] > 0)
    if f.get("after_acts", f["after"]) != after:
        bad.append(f"spare: says {f['after']} point-winning acts came after the goal; the log has {after}")
    return bad


def _check_goal(level: Level, log: Sequence[Mapping[str, Any]], d: dict) -> list[str]:
    bad: list[str] = []
    goal = _goal(log)
    if goal is not None and goal["how"] == "other_way":
        needs = set(goal["needs"])
        asked = [e for e in _services(log) if e["service"] in needs and e["outcome"] in ("granted", "delayed")
                 and BETTER[e["outcome"]] < 2 and e["month"] <= goal["month"]]
        if asked:
            bad.append(f"goal: 'another way', but {asked[0]['service']} was {asked[0]['outcome']} in "
                       f"month {asked[0]['month']}")
    stopped = any(e["t"] == "end_now" for e in log)
    if stopped and goal is None:
        for h in d["highlights"]:
            if h["kind"] == "goal" and h["facts"].get("settled"):
                bad.append("goal: a year stopped before the deadline is told as settled")
    return bad


def _check_whatif(level: Level, log: Sequence[Mapping[str, Any]], d: dict, others: dict[str, Level]) -> list[str]:
    bad: list[str] = []
    goal = _goal(log)
    for w in d["whatif"]:
        other = others.get(w["level"])
        if other is None:
            continue
        here = rescore(log, other.rulebook)["goal_reached"]
        g = w.get("goal")
        if g is None:
            bad.append(f"whatif {w['level']}: no goal outcome")
            continue
        if g["as_played"] != (goal["reached"] if goal else None) or g["here"] != here:
            bad.append(f"whatif {w['level']}: goal {g}, the log and the rulebook say "
                       f"{goal['reached'] if goal else None} / {here}")
    return bad


def _check_words(log: Sequence[Mapping[str, Any]], texts: Sequence[str]) -> list[str]:
    bad: list[str] = []
    joined = " ".join(texts).lower()
    for phrase in MOTIVE:
        if phrase in joined:
            bad.append(f"words: states a motive ('{phrase}')")
    stopped = any(e["t"] == "end_now" for e in log) and _goal(log) is None
    own = " ".join(t for t in texts if not t.startswith("A bot")).lower()  # a bot plays its own full year
    if stopped and ("goal missed" in own or "your goal was missed" in own or ": missed." in own):
        bad.append("words: a year stopped before its deadline says the goal was missed")
    goal = _goal(log)
    if "another way, without the services" in joined and (goal is None or goal["how"] != "other_way"):
        bad.append("words: 'another way' for a goal the services settled")
    seen = [e["score"] for e in log if e.get("score") is not None and e["t"] in ("start", "act", "expired",
                                                                                    "month_end", "end")]
    for text in texts:
        if "highest " in text and seen:
            import re
            m = re.search(r"highest (\d+)", text)
            if m and int(m.group(1)) != max(seen):
                bad.append(f"words: says highest {m.group(1)}, the player saw {max(seen)}")
    return bad


def _check_like_you(level: Level, d: dict, others: dict[str, Level]) -> list[str]:
    """Each year of the bot with the player's habits replays from its code to what is said of it."""
    bad: list[str] = []
    for y in (d.get("like_you") or {}).get("years", ()):
        where = level if y["level"] == level.id else others.get(y["level"])
        if where is None or not y.get("code"):
            continue
        state = _replay_code(where, y["code"])
        end: Mapping[str, Any] = state.log[-1] if state is not None else {}
        if state is None or state.goal_reached != y["goal_reached"] or end.get("grade") != y["grade"] \
                or bool(end.get("good_year")) != y["good_year"] \
                or list(end.get("needs_unmet", ())) != y.get("needs_unmet", [])\
                or end.get("months_at_min", 0) != y.get("months_at_min", 0) \
                or list(end.get("meters_at_min", ())) != y.get("meters_at_min", []):
            bad.append(f"like_you {y['level']}: {y['code']} does not replay to what is said of it")
    return bad


def _check_bots(level: Level, log: Sequence[Mapping[str, Any]], d: dict) -> list[str]:
    """Each comparison bot's year, played again on the player's seed: its goal, grade, needs and verdict as said."""
    bad: list[str] = []
    start = log[0]
    months = start.get("months") or seeds.terms(level, start["seed"])[0]
    for b in d.get("bots", ()):
        try:
            _bot, state = bots.play_year(level, start["seed"], start["character"], start["values"], b["policy"],
                                         rng.seed_state(f"debrief-{start['seed']}"), months, start.get("options", ()))
        except ValueError:
            bad.append(f"bot {b['policy']}: its year does not play")
            continue
        end: Mapping[str, Any] = state.log[-1]
        said = (b["goal_reached"], b["grade"], b.get("good_year"), b.get("needs"), b.get("needs_unmet"),
                b.get("months_at_min"))
        real = (state.goal_reached, end.get("grade"), bool(end.get("good_year")),
                [e["outcome"] for e in state.log if e["t"] == "need"], list(end.get("needs_unmet", ())),
                end.get("months_at_min"))
        if said != real:
            bad.append(f"bot {b['policy']}: said {said}, its year gives {real}")
    return bad


def check(level: Level, log: Sequence[Mapping[str, Any]], d: dict, texts: Sequence[str] = (), others=()) -> list[str]:
    """Every false claim of debrief `d` of the year `log`; `texts` are its sentences, `others` the levels
    of its what-if."""
    bad: list[str] = []
    for h in d["highlights"]:
        if h["kind"] == "decisive":
            bad += _check_decisive(level, log, h["facts"])
        elif h["kind"] == "spare":
            bad += _check_spare(level, log, h["facts"])
        elif h["kind"] == "need":
            bad += _check_need(level, log, h["facts"])
    bad += _check_goal(level, log, d)
    for s in d["steered"]:
        if not s.get("said"):
            bad.append("steered: a choice told as steered by the score the player never said so")
    bad += _check_whatif(level, log, d, {o.id: o for o in others})
    bad += _check_like_you(level, d, {o.id: o for o in others})
    bad += _check_bots(level, log, d)
    bad += _check_words(log, list(texts))
    return bad
