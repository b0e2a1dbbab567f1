"""The debrief as data, from a finished game's log alone: how the rules shaped this player's choices.

Pure: it reads the log (which records, for every decision, each option's effects, acts, odds and
service outlook), the level and the player's own "why" answers. It says only what is true of this
year: moments told as chains of cause and effect (the needs nobody announced among them, each against
the grade that would have judged it otherwise), values served and given up, the same choices under
other rulebooks, and the same seed played by two bots. A choice is named as a cause only where the
year replayed with it changed turns out otherwise (`game.core.otherwise`). It holds ids and numbers, never words:
`game.report.debrief_text` puts it into sentences for every front end.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, TypedDict

from game.core import bots, gamecode, likeyou, otherwise, rng
from game.core.events import plain
from game.core.model import NEED_OUTCOMES, OUTCOME_RANK, SOURCE_LABELS, Level, Rulebook
from game.core.rules import EVERYONE, access, access_rule, clamp, effective_rules, grade_of, judge, new_month

WATCHED = 0.5  # an act is "watched" where the chance of being seen is at least this
MAX_HIGHLIGHTS, MIN_HIGHLIGHTS = 5, 3
MAX_ASKED = 3
ANSWERS = ("points", "values", "goal", "other")  # why the player chose as they did, in their own words


class Ref(TypedDict):
    """One decision, so that a player can find it: its month, its card or civic act, the choice made."""

    step: int
    month: int
    card: str | None
    civic: str | None
    label: str
    skip: bool


class Highlight(TypedDict):
    """A moment of the year told as a chain: `kind` says which story, `facts` its ids and numbers."""

    kind: str
    weight: float
    months: list[int]
    refs: list[Ref]
    facts: dict[str, Any]


class Question(TypedDict):
    """A moment where points were at stake, on which the player is asked why they chose as they did."""

    step: int
    ref: Ref
    points: int   # the points the chosen option was expected to bring (negative: to cost)
    stake: int    # the spread of expected points between the options


class Answer(TypedDict):
    step: int
    answer: str


class WhatIf(TypedDict):
    """The same choices and die rolls judged by one other rulebook, and the first thing that differs."""

    level: str
    title: str
    summary: str            # the rulebook's own description, from its level
    goal: dict[str, Any]  # as_played, here (reached: True/False; None: not settled this year), month
    differs: bool
    first: dict[str, Any] | None  # the first service whose outcome differs: service, month, as played, here
    because: dict[str, Any] | None  # the act or the rule behind it
    also: list[dict[str, Any]]  # the goal's other services that differ, each with its `because`
    bought_nothing: dict[str, Any]  # civic acts whose points count for nothing here: n, points, cost


class BotYear(TypedDict):
    """The same seed and character played by a bot, under the same rules."""

    policy: str
    grade: str | None
    score: int | None
    goal_reached: bool | None
    at_minimum: list[str]
    civic_acts: int
    refused: int
    good_year: bool
    needs: list[str]        # each unannounced need's outcome, in the order they came: met, delayed or unmet
    needs_unmet: list[str]  # the cards of the needs left unmet
    months_at_min: int      # month-ends with a meter at its minimum


class Values(TypedDict):
    named: list[str]
    served: list[str]      # values served by more distinct choices than went against them, most first
    given_up: list[str]    # values more choices went against than served; never also in `served`
    counts: dict[str, dict[str, int]]  # value -> {"served": n, "given_up": n}
    most_served: list[str]  # every value tied for the most distinct choices served
    examples: dict[str, Ref]  # value -> one choice that went against it


class Debrief(TypedDict):
    level: str
    character: str
    seed: str
    year: dict[str, Any]
    highlights: list[Highlight]
    questions: list[Question]
    answers: list[Answer]
    steered: list[dict[str, Any]]
    watched: dict[str, Any]
    cost_and_gain: dict[str, Any]
    counterfactuals: list[dict[str, Any]]
    whatif: list[WhatIf]
    bots: list[BotYear]
    like_you: dict[str, Any] | None  # a bot with this player's habits, under each rulebook (game.core.likeyou)
    values: Values
    discussion: list[dict[str, Any]]
    real_world: list[dict[str, Any]]
    source_labels: dict[str, int]
    points_by_label: dict[str, dict[str, int]]


def _decisions(log: Sequence[Mapping[str, Any]]) -> list[tuple[int, Mapping[str, Any], list[Mapping[str, Any]]]]:
    """Each decision with the events it caused, up to the next decision."""
    out: list[tuple[int, Mapping[str, Any], list[Mapping[str, Any]]]] = []
    for event in log:
        if event["t"] == "decision":
            out.append((len(out), event, []))
        elif out:
            out[-1][2].append(event)
    return out


def _ref(step: int, decision: Mapping[str, Any]) -> Ref:
    option = decision["options"][decision["chosen"]]
    return {"step": step, "month": decision["month"], "card": decision["card"], "civic": option.get("civic"),
            "label": option["label"], "skip": bool(option.get("skip"))}


def _chosen(decision: Mapping[str, Any]) -> dict[str, Any]:
    option: dict[str, Any] = decision["options"][decision["chosen"]]
    return option


def points_by_label(level: Level, log: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    """Where the points of the year came from in reality terms: the points lost and won, summed by the
    kind of fact each rests on (documented, reported, the article's idea, invented). The kind is the
    choice's own `points_source` where it has one (and the cards were written for this rulebook), else
    the rule's. A class sees whether the pressure it felt came from real schemes or the imagined city."""
    out: dict[str, dict[str, int]] = {"lost": dict.fromkeys(SOURCE_LABELS, 0), "won": dict.fromkeys(SOURCE_LABELS, 0)}
    own = level.base in ("", level.id)
    for _step, decision, events in _decisions(log):
        card = level.cards.get(decision["card"]) if decision.get("card") else None
        choice = card.choices[decision["choice"]] if card is not None and "choice" in decision else None
        for event in events:
            if event["t"] != "act" or not event.get("judged") or not event.get("caught") or not event["points"]:
                continue
            if own and choice is not None and choice.points_source is not None and event["act"] in choice.acts:
                label = choice.points_source.label
            else:
                rule = level.rulebook.acts.get(event["act"])
                source = rule.source if rule is not None else next(
                    (p.source for p in level.rulebook.policies if any(c.act == event["act"] for c in p.changes)), None)
                label = source.label if source is not None else "invented"
            out["lost" if event["points"] < 0 else "won"][label] += abs(event["points"])
    return out


def _caught(events: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The acts the rulebook saw and scored among a decision's events."""
    return [e for e in events if e["t"] == "act" and e.get("judged") and e.get("caught") and e["points"]]


def your_year(level: Level, log: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Score and meters after every decision, each decision's month and choice, and the grade bands."""
    start = log[0]
    points = [{"step": 0, "month": 1, "score": start["score"], "meters": dict(start["meters"]), "label": "",
               "card": None, "kind": "start"}]
    for index, decision, _events in _decisions(log):
        option = decision["options"][decision["chosen"]]
        points.append({"step": index + 1, "month": decision["month"], "score": decision["score_after"],
                       "meters": dict(decision["meters_after"]), "label": option["label"],
                       "card": decision["card"], "kind": decision["kind"]})
    bands = [{"grade": g.grade, "min": g.min, "label": g.label} for g in level.rulebook.grades]
    # every score the player saw, act by act (a decision may move it twice), with its month
    seen = [(start["score"], 1)] if start["score"] is not None else []
    month = 1
    for event in log:
        if event["t"] == "month":
            month = event["month"]
        elif event["t"] in ("act", "expired", "month_end") and event.get("score") is not None:
            seen.append((event["score"], event.get("month", month)))
    high = max(seen, key=lambda x: (x[0], -x[1])) if seen else None
    low = min(seen, key=lambda x: (x[0], x[1])) if seen else None
    stop = next((e["month"] for e in log if e["t"] == "end_now"), None)
    end: Mapping[str, Any] = next((e for e in reversed(log) if e["t"] == "end"), {})
    verdict = {"needs_unmet": list(end.get("needs_unmet", ())), "months_at_min": end.get("months_at_min", 0),
               "good_year": end.get("good_year"), "meters_at_min": list(end.get("meters_at_min", ())),
               "needs": [{"card": e["card"], "month": e["month"], "outcome": e["outcome"]}
                         for e in log if e["t"] == "need"]}
    return {"points": points, "bands": bands, "months": level.months, "stopped": stop, "verdict": verdict,
            "high": None if high is None else {"score": high[0], "month": high[1]},
            "low": None if low is None else {"score": low[0], "month": low[1]}}


def steered_choices(level: Level, log: Sequence[Mapping[str, Any]],
                    answers: Sequence[Answer] = ()) -> list[dict[str, Any]]:
    """The choices the player said they made for the points, with what the option they passed over
    would have given them instead. Only the player's own answer counts: an option can be better in
    points alone and still have been chosen for a reason no log holds (a value its tags miss), so
    the debrief never guesses motive; it asks."""
    said = {a["step"] for a in answers if a["answer"] == "points"}
    out = []
    for step, decision, _events in _decisions(log):
        options = decision["options"]
        chosen = _chosen(decision)
        best = None
        for other in options:
            if other is chosen or other["expected_points"] >= chosen["expected_points"]:
                continue
            if other.get("request") != chosen.get("request"):
                continue
            meters = {m: other["effects"].get(m, 0) - chosen["effects"].get(m, 0) for m in level.meters}
            keys = set(other["values"]) | set(chosen["values"])
            values = {v: other["values"].get(v, 0) - chosen["values"].get(v, 0) for v in keys}
            if min(meters.values(), default=0) < 0 or min(values.values(), default=0) < 0:
                continue  # the other option was worse for the player somewhere: a trade, not a steer
            if not any(meters.values()) and not any(values.values()):
                continue
            weight = sum(meters.values()) + sum(values.values())
            if best is None or weight > best[0]:
                best = (weight, other, meters, values)
        if best is None and step in said:
            others = [o for o in options if o is not chosen]
            if others:
                other = min(others, key=lambda o: o["expected_points"])
                best = (0, other, {}, {})
        if best is not None and step in said:
            _weight, other, meters, values = best
            out.append({
                "step": step, "month": decision["month"], "card": decision["card"], "kind": decision["kind"],
                "chosen": chosen["label"], "instead_of": other["label"],
                "gave_up": {m: d for m, d in meters.items() if d > 0},
                "values_given_up": sorted(v for v, d in values.items() if d > 0),
                "points_for_it": round(chosen["expected_points"] - other["expected_points"], 1),
                "said": step in said,
            })
    return out


def watched_tally(log: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Every decision that offered an offence, split by whether it was likely to be seen: how many were
    offered, how many the player did, and which."""
    tally: dict[str, dict[str, Any]] = {"watched": {"offered": 0, "done": 0, "refs": []},
                                        "unwatched": {"offered": 0, "done": 0, "refs": []}}
    for step, decision, _events in _decisions(log):
        chosen = _chosen(decision)

        def risk(option: dict[str, Any]) -> float | None:
            chances = [a["chance"] for a in option["acts"] if a["judged"] and a["points"] < 0]
            return max(chances) if chances else None

        offending = [(option, r) for option in decision["options"] if (r := risk(option)) is not None]
        if not offending:
            continue
        mine = risk(chosen)
        done = mine is not None
        chance = mine if mine is not None else max(c for _o, c in offending)
        bucket = tally["watched" if chance >= WATCHED else "unwatched"]
        bucket["offered"] += 1
        if done:
            bucket["done"] += 1
            bucket["refs"].append(_ref(step, decision))
    return tally


def cost_and_gain(level: Level, log: Sequence[Mapping[str, Any]], steered: list[dict[str, Any]]) -> dict[str, Any]:
    """What was given up for points, what virtue bought, services and the rule behind each, the goal."""
    given_up: Counter[str] = Counter()
    for s in steered:
        given_up.update(s["gave_up"])
    bought = civic_count = 0
    for _index, decision, events in _decisions(log):
        if decision["kind"] == "civic" and _chosen(decision).get("civic"):
            civic_count += 1
            bought += sum(e["points"] for e in events if e["t"] == "act" and e["judged"])
    services = [{k: e[k] for k in ("service", "outcome", "why", "grade", "month", "for")}
                for e in log if e["t"] == "service"]
    goal = next((e for e in log if e["t"] == "goal"), None)
    acts = [e for e in log if e["t"] == "act" and e["judged"]]
    return {
        "given_up_for_points": dict(given_up),
        "points_bought_with_civic_acts": bought,
        "civic_acts": civic_count,
        "points_lost": -sum(e["points"] for e in acts if e["points"] < 0),
        "points_won": sum(e["points"] for e in acts if e["points"] > 0),
        "services": services,
        "goal": None if goal is None else {"reached": goal["reached"], "how": goal["how"], "month": goal["month"],
                                           "needs": goal["needs"], "outcomes": goal["outcomes"]},
    }


class _Replayed:
    """The standing a rulebook gives a played log, and the life its conditions look at (from the log)."""

    def __init__(self, rulebook: Rulebook, character: str) -> None:
        self.score = rulebook.score.start if rulebook.score else None
        self.blacklisted = False
        self.listed_until: int | None = None
        self.expiring: list[list[Any]] = []  # [month, points, act], as the engine keeps them
        self.meters: dict[str, int] = {}
        self.counters: dict[str, int] = {}
        self.flags: set[str] = set()
        self.month = 1
        self.character = character


def rescore(log: Sequence[Mapping[str, Any]], rulebook: Rulebook) -> dict[str, Any]:
    """The same acts, the same die rolls and the same service requests, judged by another rulebook."""
    who = _Replayed(rulebook, log[0]["character"])
    policies: tuple[str, ...] = ()
    services, goal_outcomes, grades = [], [], []
    goal_reached = None
    for event in log:
        t = event["t"]
        if t == "month":
            who.month = event["month"]
            first = event.get("from", event["month"])  # a short year's round stands for several months
            policies += tuple(p.id for p in rulebook.policies if first <= p.month <= event["month"])
            new_month(rulebook, who, event["month"])
        elif t == "act":
            judge(rulebook, effective_rules(rulebook, policies), who, event["act"], event["place"], event["roll"],
                  event["month"])
        elif t == "service":
            who.meters, who.counters = event.get("meters", {}), event.get("counters", {})
            who.flags = set(event.get("flags", ()))
            grade = grade_of(rulebook, who.score)
            outcome, why = access(rulebook, event["service"], grade, who.blacklisted, who if who.meters else None)
            services.append({"service": event["service"], "outcome": outcome, "why": why, "grade": grade,
                             "month": event["month"], "for": event["for"], "as_played": event["outcome"]})
            if event["for"] == "goal":
                goal_outcomes.append(outcome)
        elif t == "unlisted" and event["why"] == "card":
            who.blacklisted, who.listed_until = False, None
        elif t == "goal":
            if event["how"] == "early":  # settled by a service a card got: does it get it here?
                early = [x for x in services if x["for"] == "card" and
                         any(x["service"] == e["service"] and x["month"] == e["month"] for e in event["settled_by"])]
                goal_reached = any(x["outcome"] != "denied" for x in early)
            else:
                goal_reached = event["reached"] if event["how"] != "services" else "denied" not in goal_outcomes
        elif t == "month_end":
            grades.append(grade_of(rulebook, who.score))
    return {"score": who.score, "grade": grade_of(rulebook, who.score), "grades_by_month": grades,
            "blacklisted": who.blacklisted, "services": services, "goal_reached": goal_reached,
            "refused": sum(1 for s in services if s["outcome"] == "denied")}


# --- the moments of the year ----------------------------------------------------------------


class _Year:
    """The log walked once: every scored act and every service with its decision and the score then."""

    def __init__(self, level: Level, log: Sequence[Mapping[str, Any]]) -> None:
        self.level, self.log = level, log
        self.rulebook = level.rulebook
        self.decisions = _decisions(log)
        self.refs = [_ref(step, d) for step, d, _e in self.decisions]
        self.acts: list[dict[str, Any]] = []
        self.services: list[dict[str, Any]] = []
        step, score, listed = -1, log[0]["score"], False
        for i, event in enumerate(log):
            t = event["t"]
            if t == "decision":
                step += 1
            elif t == "act":
                if event.get("judged") and event.get("score") is not None:
                    score = event["score"]
                self.acts.append({**event, "i": i, "step": step})
            elif t == "expired" and event.get("score") is not None:
                score = event["score"]  # a penalty that ran out gave its points back
            elif t == "unlisted":
                listed = False
            elif t == "service":
                self.services.append({**event, "i": i, "step": step, "score": score, "listed": listed})
            elif t == "blacklist":
                listed = True
        self.goal = next((dict(e, i=i) for i, e in enumerate(log) if e["t"] == "goal"), None)
        self.civic_steps = {step for step, d, _e in self.decisions if _chosen(d).get("civic")}

    def caught(self, sign: int, before: int | None = None) -> list[dict[str, Any]]:
        """Acts the rulebook saw that moved the score in this direction (and before this log index)."""
        return [a for a in self.acts if a.get("judged") and a.get("caught") and a["points"] * sign > 0
                and (before is None or a["i"] < before)]

    def outcome(self, service: str, score: int, listed: bool) -> str:
        return access(self.rulebook, service, grade_of(self.rulebook, score), listed)[0]

    def holds(self, removed: list[dict[str, Any]], upto: int) -> bool:
        """Whether every service judged by grade up to log index `upto` ends the same without these acts."""
        spec = self.rulebook.score
        if spec is None:  # no score, no grade: nothing was judged by one
            return True
        for s in self.services:
            if s["i"] > upto or s["why"] != "grade":
                continue
            shift = sum(a["points"] for a in removed if a["i"] < s["i"])
            if self.outcome(s["service"], clamp(s["score"] - shift, spec.min, spec.max), False) != s["outcome"]:
                return False
        return True

    def cost(self, steps: Iterable[int]) -> dict[str, int]:
        """What the chosen options of these decisions took from the player's meters."""
        total: Counter[str] = Counter()
        for step in steps:
            for meter, delta in _chosen(self.decisions[step][1])["effects"].items():
                if delta < 0:
                    total[meter] -= delta
        return dict(total)


def _highlight(kind: str, weight: float, year: _Year, steps: Iterable[int], facts: dict[str, Any]) -> Highlight:
    steps = sorted(set(steps))
    refs = [year.refs[s] for s in steps if 0 <= s < len(year.refs)]
    return {"kind": kind, "weight": weight, "months": sorted({r["month"] for r in refs} | set(facts.get("at", ()))),
            "refs": refs, "facts": facts}


def counterfactual(level: Level, log: Sequence[Mapping[str, Any]], changed: dict[int, int]) -> dict[str, Any]:
    """The year where the player chose otherwise at these decisions, played out: its game code and
    what it gives, for a highlight to carry and a player to replay (`play --code`)."""
    state, guessed = otherwise.replay_with(level, log, changed)
    step = min(changed)
    decisions = [e for e in log if e["t"] == "decision"]
    decision = decisions[step]
    option = decision["options"][changed[step]]
    end = state.log[-1]
    try:
        code = gamecode.encode(level, state.seed, state.character, state.values, state.choices)
    except gamecode.CodeError:
        code = None
    return {"code": code, "steps": sorted(changed), "month": decision["month"], "card": decision["card"],
            "choice": option.get("label", ""), "civic": option.get("civic"), "skip": bool(option.get("skip")),
            "goal_reached": state.goal_reached, "good_year": bool(end.get("good_year")), "grade": end.get("grade"),
            "guessed": guessed, "log": state.log}


def _without(year: _Year, steps: list[int], service: dict[str, Any],
             changed_outcome: str) -> tuple[dict[int, int], str] | None:
    """The first other choice at these decisions (each tried in turn, the first open alternative for
    the rest) whose year gives the service another outcome than `changed_outcome`; None if none does."""
    decisions = year.decisions
    tries: list[dict[int, int]] = []
    alternatives = {s: [i for i, o in enumerate(decisions[s][1]["options"])
                        if i != decisions[s][1]["chosen"] and o.get("available", True)] for s in steps}
    if any(not alts for alts in alternatives.values()):
        return None
    if len(steps) == 1:
        tries = [{steps[0]: i} for i in alternatives[steps[0]]]
    else:  # together: the alternative that carries the fewest scored acts at each
        def cleanest(s: int) -> int:
            return min(alternatives[s], key=lambda i: (abs(decisions[s][1]["options"][i]["expected_points"]), i))
        tries = [{s: cleanest(s) for s in steps}]
    for changed in tries:
        try:
            state, _guessed = otherwise.replay_with(year.level, year.log, changed, until=service["month"])
        except ValueError:  # a log that does not replay proves nothing: no cause is named from it
            return None
        got = otherwise.service_outcome(plain(state.log), service)
        if got is not None and got != changed_outcome:
            return changed, got
    return None


def _judged_again(year: _Year, judged: dict[str, Any]) -> list[dict[str, Any]]:
    """The goal's services a card had already given better, judged again (and worse) at the deadline. A need's
    card asked for someone else (a sister's operation is not your hip): it never counts as the goal's service."""
    out = []
    needs = {e["card"] for e in year.log if e["t"] == "need"}
    for g in year.services:
        if g["for"] != "goal" or g["month"] != judged["month"]:
            continue
        earlier = [e for e in year.services if e["for"] == "card" and e["service"] == g["service"]
                   and e["card"] not in needs
                   and e["i"] < g["i"] and OUTCOME_RANK[e["outcome"]] < OUTCOME_RANK[g["outcome"]]]
        if earlier:
            out.append({"service": g["service"], "outcome": earlier[0]["outcome"], "month": earlier[0]["month"],
                        "now": g["outcome"]})
    return out


def _decisive(year: _Year) -> list[Highlight]:
    """Services whose outcome differs from what the starting grade would have got, and the acts that
    decided it: each checked by replaying the year with that choice changed. One act alone decides
    (`one`); several do, any one of them (`any`); or only a set of them together (`together`)."""
    rb = year.rulebook
    if rb.score is None or not rb.grades:
        return []
    spec = rb.score
    start = grade_of(rb, year.log[0]["score"])
    out: list[Highlight] = []
    told: set[str] = set()
    goal = [s for s in year.services if s["for"] == "goal"]
    needs = {e["card"] for e in year.log if e["t"] == "need"}  # told by `_needs`, against the grades beside
    cards = [s for s in year.services if s["for"] != "goal" and s.get("card") not in needs]
    for s in sorted(goal, key=lambda s: -OUTCOME_RANK[s["outcome"]]) + cards:  # the goal's worst service first
        purpose = s["for"]
        if s["why"] != "grade" or purpose in told or s["service"] in told:
            continue
        base = access(rb, s["service"], start, False)[0]
        if s["outcome"] == base:
            continue
        sign = -1 if OUTCOME_RANK[s["outcome"]] > OUTCOME_RANK[base] else 1
        candidates = sorted(year.caught(sign, s["i"]), key=lambda a: (-abs(a["points"]), -a["i"]))
        steps = list(dict.fromkeys(a["step"] for a in candidates if a["step"] >= 0))
        sufficient: list[tuple[int, dict[int, int], str]] = []
        for step in steps:
            found = _without(year, [step], s, s["outcome"])
            if found is not None:
                sufficient.append((step, *found))
        if sufficient:
            mode = "one" if len(sufficient) == 1 else "any"
            named_steps = [x[0] for x in sufficient]
            changes = [x[1] for x in sufficient]
            instead = sufficient[0][2]
        else:  # no one act alone: the fewest biggest that cross the line back, together
            score, group = s["score"], []
            for act in candidates:
                score = clamp(score - act["points"], spec.min, spec.max)
                group.append(act["step"])
                if year.outcome(s["service"], score, False) == base:
                    break
            group = sorted(set(group))
            found = _without(year, group, s, s["outcome"]) if len(group) > 1 else None
            if found is None:
                continue  # no replay we can make changes it: nothing is named as its cause
            mode, named_steps, changes, instead = "together", group, [found[0]], found[1]
        told.update((purpose, s["service"]))
        named = sorted((a for a in candidates if a["step"] in named_steps), key=lambda a: a["i"])
        judged = year.goal if purpose == "goal" else None
        replays = []
        for changed in changes:
            cf = counterfactual(year.level, year.log, changed)
            cf["service_outcome"] = otherwise.service_outcome(cf.pop("log"), s)
            replays.append(cf)
        facts: dict[str, Any] = {
            "service": s["service"], "month": s["month"], "outcome": s["outcome"], "instead": base,
            "grade": s["grade"], "start_grade": start, "sign": sign, "mode": mode, "without": instead,
            "acts": [{"act": a["act"], "step": a["step"], "month": a["month"], "points": a["points"]} for a in named],
            "points": sum(a["points"] for a in named), "for": purpose, "card": s.get("card"),
            "goal_reached": judged["reached"] if judged else None, "at": [s["month"]],
            "counterfactuals": replays,
            # the same service a card got earlier, and better: the deadline judged it again
            "judged_again": _judged_again(year, s) if purpose == "goal" else []}
        out.append(_highlight("decisive", 100 if purpose == "goal" else 60, year, named_steps, facts))
    return out


MAX_NEED_TRIES = 6  # replays tried for the cause of one need's outcome
MAX_NEED_CAUSES = 2  # choices named, each with its year to replay
MAX_NEEDS_TOLD = 2  # need moments among the debrief's few; the year page lists every need


def _lines(rb: Rulebook, policies: Sequence[str]) -> dict[str, int]:
    """Each grade's lowest score once these policies have come in (a policy may move a line)."""
    moved: dict[str, int] = {}
    for p in rb.policies:
        if p.grade_lines and p.id in policies:
            moved.update(p.grade_lines)
    return {g.grade: moved.get(g.grade, g.min) for g in rb.grades}


def _by_grade(rb: Rulebook, service: str, policies: tuple[str, ...]) -> dict[str, str]:
    """What each grade gets of a service under these policies (the grade's own row of the table)."""
    table = access_rule(rb, service, policies)[0]
    return {g.grade: str(table.get(g.grade, table.get(EVERYONE, "granted"))) for g in rb.grades}


def _need_causes(year: _Year, need: dict[str, Any], service: dict[str, Any], better: bool) -> list[dict[str, Any]]:
    """The choices before a need's judgement (its own card's included) that, changed alone, would have
    given its service what the grade beside gets: each a replay, never a guess. `better`: the points that
    would have lifted the grade (an offence not done, a deed or a point-earning option taken); else the
    points that kept it (a deed done). Only changes whose points could cross the line are tried, at most
    MAX_NEED_TRIES."""
    shift, sign = need["points"], -1 if better else 1
    tries: list[tuple[int, int, int, list[dict[str, Any]]]] = []  # (points moved, step, option, acts)
    for step, decision, _events in year.decisions[:need["step"] + 1]:
        chosen = _chosen(decision)
        caught = [a for a in year.caught(sign, service["i"]) if a["step"] == step]
        moved = abs(sum(a["points"] for a in caught))
        for i, option in enumerate(decision["options"]):
            if i == decision["chosen"] or option.get("available") is False:
                continue
            gain = (option["expected_points"] - chosen["expected_points"]) * -sign
            if moved >= shift or (better and gain >= shift - 0.5):  # what kept it: only a deed it did
                tries.append((max(moved, round(gain)), step, i, caught))
    tries.sort(key=lambda t: (-t[0], -t[1], t[2]))
    out: list[dict[str, Any]] = []
    tried: set[int] = set()
    for _moved, step, index, caught in tries[:MAX_NEED_TRIES]:
        if step in tried:
            continue
        try:
            state, _guessed = otherwise.replay_with(year.level, year.log, {step: index}, until=need["month"])
        except ValueError:  # a log that does not replay proves nothing: no cause is named from it
            return []
        got = otherwise.service_outcome(plain(state.log), service)
        if got != need["other_outcome"]:  # the grade beside's outcome, as the sentence says (not the list's)
            continue
        tried.add(step)
        cf = counterfactual(year.level, year.log, {step: index})
        cf["service_outcome"] = otherwise.service_outcome(cf.pop("log"), service)
        if cf["service_outcome"] != got:
            continue
        option = year.decisions[step][1]["options"][index]
        cf["acts"] = [{"act": a["act"], "points": a["points"]} for a in caught]  # the points the change took away
        cf["adds"] = [{"act": a["act"], "points": a["points"]} for a in option["acts"]  # or those it would bring
                      if a.get("judged") and a["points"] * sign < 0]
        cf["instead_of"] = _chosen(year.decisions[step][1])["label"]
        out.append(cf)
        if len(out) >= MAX_NEED_CAUSES:
            break
    return out


def _needs(year: _Year) -> list[Highlight]:
    """The unannounced needs the grade decided: each judged by the grade it found, against the nearest
    grade that judges it otherwise. Refused or delayed where a grade above would have had it (`short`: by
    how many points); met where a grade below would have refused it (`kept`: by how many points to spare); or answered
    without asking (paid, given up) where asking at that grade would have got less than the grade above.
    A choice of the player's is named as the cause only where the year replayed with it changed gives
    the other outcome."""
    rb = year.rulebook
    if rb.score is None or not rb.grades or not any(e["t"] == "need" for e in year.log):
        return []
    order = [g.grade for g in rb.grades]
    out: list[Highlight] = []
    step, score, listed = -1, year.log[0]["score"], False
    before = score
    policies: tuple[str, ...] = ()
    asked: dict[str, Any] | None = None
    services = {x["i"]: x for x in year.services}
    for i, event in enumerate(year.log):
        t = event["t"]
        if t == "decision":
            step += 1
            asked, before = None, score  # the score the options were shown at
        elif t == "policy":
            policies = (*policies, event["policy"])
        elif t == "blacklist":
            listed = True
        elif t == "unlisted":
            listed = False
        elif t in ("act", "expired", "month_end") and event.get("score") is not None:
            score = event["score"]
        elif t == "service" and event["for"] == "card":
            asked = services[i]
        if t != "need" or step < 0 or listed or score is None:
            continue
        decision = year.decisions[step][1]
        # a service asked for is judged by the score then (a deed on the card counted); one not asked for,
        # by the score its outlook was shown at
        judged = score if asked is not None else before
        if judged is None:
            continue
        grade = grade_of(rb, judged, policies)
        if asked is not None and (asked["card"] != event["card"] or asked["why"] != "grade" or asked["grade"] != grade):
            continue  # a rule or the list judged it, not the grade
        outlook = next((o for o in decision["options"] if o.get("request")), None)
        request = asked["service"] if asked else outlook["request"] if outlook else None
        if request is None or grade not in order:
            continue
        table = _by_grade(rb, request, policies)
        played = asked["outcome"] if asked else outlook["request_outcome"] if outlook else None
        if played != table[grade]:
            continue  # the outlook was not the grade's (the list, or a rule on the meters)
        lines = _lines(rb, policies)
        at = order.index(grade)  # the nearest grade above that gets more, or below that gets less
        up = next((g for g in reversed(order[:at]) if table[g] != played), None)
        down = next((g for g in order[at + 1:] if table[g] != played), None)
        facts: dict[str, Any] = {"card": event["card"], "month": event["month"], "need": event["outcome"],
                                 "service": request, "asked": asked is not None, "outcome": played, "grade": grade,
                                 "score": judged, "step": step, "at": [event["month"]], "counterfactuals": []}
        if up is not None and OUTCOME_RANK[table[up]] < OUTCOME_RANK[played]:
            facts.update(case="short", other=up, other_outcome=table[up], points=lines[up] - judged)
        elif asked is not None and down is not None and OUTCOME_RANK[table[down]] > OUTCOME_RANK[played]:
            above = order[order.index(down) - 1]  # the lowest grade that still gets what was got
            facts.update(case="kept", other=down, other_outcome=table[down], points=judged - lines[above] + 1)
        else:
            continue
        if asked is None:  # what asking would have got; and a choice on the card that would have got more
            facts.update(case="paid", choice=_chosen(decision)["label"], cost=year.cost([step]))
            facts["counterfactuals"] = _need_causes(year, facts, {"service": request, "for": "card", "i": i,
                                                                  "card": event["card"], "month": event["month"],
                                                                  "outcome": played}, True)
            weight = (70 if event["outcome"] == "unmet" else 50) + (10 if facts["counterfactuals"] else 0)
        else:
            facts["counterfactuals"] = _need_causes(year, facts, asked, facts["case"] == "short")
            weight = {"unmet": 80, "delayed": 60}.get(event["outcome"], 40) + (10 if facts["counterfactuals"] else 0)
            if facts["case"] == "kept" and facts["other_outcome"] == "denied":
                weight += 25  # a margin that kept a need from going unmet: the lesson, as much as a refusal
        out.append(_highlight("need", weight, year, [step], facts))
    return sorted(out, key=lambda h: -h["weight"])[:MAX_NEEDS_TOLD]


def _blacklist(year: _Year) -> list[Highlight]:
    """On the list: the act that put the player there, and what the list refused whatever the grade."""
    index = next((i for i, e in enumerate(year.log) if e["t"] == "blacklist"), None)
    if index is None:
        return []
    event = year.log[index]
    act = next((a for a in reversed(year.acts) if a["i"] < index), None)
    refused = [{"service": s["service"], "month": s["month"], "for": s["for"]}
               for s in year.services if s["why"] == "blacklist" and s["outcome"] == "denied"]
    end = year.log[-1] if year.log[-1]["t"] == "end" else {}
    facts = {"list": year.rulebook.blacklist.label if year.rulebook.blacklist else "", "act": event["act"],
             "month": event["month"], "refused": refused, "grade": end.get("grade"),
             "goal_reached": year.goal["reached"] if year.goal else None,
             "at": [event["month"]] + [r["month"] for r in refused]}
    return [_highlight("blacklist", 95 if refused else 45, year, [act["step"]] if act else [], facts)]


NEED_RANK = MappingProxyType({o: i for i, o in enumerate(NEED_OUTCOMES)})  # a need's outcomes, better first


def _need_outcomes(log: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    return {e["card"]: e["outcome"] for e in log if e["t"] == "need"}


def _spare(year: _Year) -> list[Highlight]:
    """A goal reached with points to spare: the civic acts it did not need, and what they cost."""
    rb, goal = year.rulebook, year.goal
    if rb.score is None or not rb.grades or goal is None or goal["how"] != "services" or not goal["reached"]:
        return []
    judged = [s for s in year.services if s["for"] == "goal" and s["i"] < goal["i"] and s["month"] == goal["month"]]
    if not judged or any(s["why"] != "grade" for s in judged):
        return []
    needed = None  # the lowest grade that reaches the goal: a delayed service reaches it too
    for g in reversed(rb.grades):
        if all(access(rb, s["service"], g.grade, False)[0] != "denied" for s in judged):
            needed = g
            break
    if needed is None:
        return []
    floor = needed.min if needed is not rb.grades[-1] else rb.score.min
    margin = judged[0]["score"] - floor
    paid = [a for a in year.caught(+1, goal["i"]) if a["step"] in year.civic_steps]
    if margin <= 0 or not paid:
        return []
    removed: list[dict[str, Any]] = []
    for act in reversed(paid):
        if sum(a["points"] for a in removed) + act["points"] > margin:
            continue
        if year.holds(removed + [act], goal["i"]):
            removed.append(act)
    if not removed:
        return []
    # the evidence: the year without those civic acts, played again, still reaches the goal
    skip = {}
    for step in sorted({a["step"] for a in removed}):
        options = year.decisions[step][1]["options"]
        skip[step] = next((i for i, o in enumerate(options) if o.get("skip")), len(options) - 1)
    try:
        cf = counterfactual(year.level, year.log, skip)
    except ValueError:  # a log that does not replay proves nothing
        return []
    # the needs nobody announced that the margin met: without those acts, one may go worse (the lesson)
    played = _need_outcomes(year.log)
    worse = [{"card": e["card"], "month": e["month"], "played": played[e["card"]], "here": e["outcome"]}
             for e in cf.pop("log") if e["t"] == "need" and e["card"] in played
             and NEED_RANK[e["outcome"]] > NEED_RANK[played[e["card"]]]]
    if cf["goal_reached"] is not True:
        return []
    # after the goal: every act that won points, civic or a card's choice
    after = [a for a in year.caught(+1) if a["i"] > goal["i"]]
    late = any(access(rb, s["service"], needed.grade, False)[0] == "delayed" for s in judged)
    facts = {"month": goal["month"], "grade": needed.grade, "late": late, "score": judged[0]["score"], "margin": margin,
             "unneeded": len(removed), "paid": len(paid), "points": sum(a["points"] for a in removed),
             "points_paid": sum(a["points"] for a in paid), "cost": year.cost(a["step"] for a in removed),
             "after": len({a["step"] for a in after}), "after_acts": len(after),
             "after_cost": year.cost({a["step"] for a in after}), "at": [goal["month"]], "counterfactual": cf,
             "needs_worse": worse}
    return [_highlight("spare", 85, year, [a["step"] for a in removed], facts)]


def _value_price(year: _Year) -> list[Highlight]:
    """Points lost (or risked) for choices that served a value the player said mattered."""
    named = year.log[0]["values"]
    lost, risked = [], []
    for step, decision, events in year.decisions:
        chosen = _chosen(decision)
        served = [v for v in named if chosen["values"].get(v, 0) > 0]
        if not served:
            continue
        points = sum(a["points"] for a in _caught(events) if a["points"] < 0)
        if points < 0:
            lost.append((step, points, served))
        elif any(a["judged"] and a["points"] < 0 and a["chance"] > 0 for a in chosen["acts"]):
            risked.append((step, 0, served))
    entries = lost or risked
    if not entries:
        return []
    values = [v for v in named if any(v in served for _s, _p, served in entries)]
    facts = {"values": values, "points": sum(p for _s, p, _v in lost), "lost": len(lost), "risked": len(risked),
             "each": {str(s): p for s, p, _v in lost}}
    top = sorted(entries, key=lambda e: (e[1], e[0]))[:2]
    return [_highlight("value_price", 75 if lost else 35, year, [s for s, _p, _v in top], facts)]


def _bought_back(year: _Year) -> list[Highlight]:
    """Offences the rulebook saw, points bought back in the market after them, offences nobody saw."""
    losses = year.caught(-1)
    unseen = [a for a in year.acts if a.get("judged") and not a.get("caught") and a.get("chance", 0) > 0
              and a.get("rule_points", 0) < 0]
    first = losses[0]["i"] if losses else None
    bought = [a for a in year.caught(+1) if first is not None and a["i"] > first and a["step"] in year.civic_steps]
    if not bought and not unseen:
        return []
    facts = {"lost": -sum(a["points"] for a in losses), "losses": len(losses),
             "bought": sum(a["points"] for a in bought), "civic": len({a["step"] for a in bought}),
             "from": bought[0]["month"] if bought else None, "to": bought[-1]["month"] if bought else None,
             "unseen": len(unseen), "unseen_points": -sum(a["rule_points"] for a in unseen),
             "loss_steps": [a["step"] for a in losses][:1], "unseen_steps": [a["step"] for a in unseen][:1]}
    weight = 65 if bought and losses else 40
    return [_highlight("bought_back", weight, year, facts["loss_steps"] + facts["unseen_steps"], facts)]


def _watched(year: _Year, tally: dict[str, Any]) -> Highlight:
    steps = [r["step"] for side in ("watched", "unwatched") for r in tally[side]["refs"][:1]]
    facts = {side: {"offered": tally[side]["offered"], "done": tally[side]["done"],
                    "steps": [r["step"] for r in tally[side]["refs"][:1]]} for side in ("watched", "unwatched")}
    return _highlight("watched", 50, year, steps, facts)


def _goal(year: _Year) -> Highlight:
    """How the goal was settled and by what rule, or that the year ended before it was due."""
    goal = year.goal
    who = year.level.characters.get(year.log[0]["character"])
    if goal is None:
        stop = next((e["month"] for e in year.log if e["t"] == "end_now"), None)
        return _highlight("goal", 45, year, [], {"settled": False, "by": who.goal.by if who else None,
                                                 "stopped": stop})
    judged = [{"service": s["service"], "outcome": s["outcome"], "grade": s["grade"], "why": s["why"]}
              for s in year.services if s["for"] == "goal" and s["i"] < goal["i"] and s["month"] == goal["month"]]
    # a needed service a card got earlier, judged again (and worse) at the deadline: told, never silent
    last = next((s for s in reversed(year.services) if s["for"] == "goal" and s["i"] < goal["i"]), None)
    again = _judged_again(year, last) if last is not None else []
    facts = {"settled": True, "how": goal["how"], "reached": goal["reached"], "month": goal["month"],
             "services": judged, "at": [goal["month"]], "settled_by": goal.get("settled_by", []),
             "judged_again": again}
    return _highlight("goal", 45, year, [], facts)


def _life(year: _Year) -> Highlight:
    """What the year left of the player's life: the meters that hit their minimum, and when."""
    level = year.level
    end = year.log[-1].get("meters") or (year.decisions[-1][1]["meters_after"] if year.decisions else {})
    at_min = []
    for meter in level.meters.values():
        step = -1  # a decision's meters, or a month's end (its grade's effects, a delay's cost): step -1
        for event in year.log:
            if event["t"] == "decision":
                step += 1
            meters = event.get("meters_after") if event["t"] == "decision" else \
                event.get("meters") if event["t"] == "month_end" else None
            if meters and meters.get(meter.id, meter.max) <= meter.min:
                at_min.append({"meter": meter.id, "step": step if event["t"] == "decision" else -1,
                               "month": event["month"]})
                break
    facts = {"at_minimum": at_min, "end": {m: end.get(m) for m in level.meters}}
    return _highlight("life", 55 if at_min else 25, year, [a["step"] for a in at_min], facts)


def highlights(level: Level, log: Sequence[Mapping[str, Any]], tally: dict[str, Any] | None = None) -> list[Highlight]:
    """Three to five moments of this year, the ones that mattered most first; the cameras always."""
    year = _Year(level, log)
    tally = tally or watched_tally(log)
    spare = _spare(year)
    decisive = [h for h in _decisive(year) if not (spare and h["facts"]["for"] == "goal" and h["facts"]["sign"] > 0)]
    found = decisive + _blacklist(year) + spare + _needs(year) + _value_price(year) + _bought_back(year)
    if not any(h["kind"] in ("decisive", "blacklist") and h["facts"].get("for", "goal") == "goal"
               and (h["kind"] == "decisive" or any(r["for"] == "goal" for r in h["facts"]["refused"]))
               for h in found):
        found.append(_goal(year))
    found.append(_life(year))
    # always told: the cameras, and the list for anyone on it (whatever their grade)
    kept = [_watched(year, tally)] + [h for h in found if h["kind"] == "blacklist"]
    rest = sorted((h for h in found if h["kind"] != "blacklist"), key=lambda h: -h["weight"])
    return sorted(kept + rest[:MAX_HIGHLIGHTS - len(kept)], key=lambda h: -h["weight"])


def real_world(level: Level, log: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The facts behind the cards the player met and the rules that judged them, with their sources."""
    out, seen = [], set()
    for event in log:
        if event["t"] == "decision" and event["card"] and event["card"] not in seen:
            seen.add(event["card"])
            card = level.cards[event["card"]]
            out.append({"what": card.title, "label": card.source.label, "fact": card.source.fact,
                        "ref": card.source.ref})
    rules = effective_rules(level.rulebook, ())
    for act in sorted({e["act"] for e in log if e["t"] == "act" and e["judged"]}):
        rule = rules.get(act)
        if rule is not None and rule.source is not None:
            out.append({"what": level.acts[act].label, "label": rule.source.label, "fact": rule.source.fact,
                        "ref": rule.source.ref})
    asked = [e for e in log if e["t"] == "service"]
    for service in dict.fromkeys(e["service"] for e in asked):  # the rules that judged what you asked for
        note = level.rulebook.access_notes.get(service)
        if note is not None and any(e["service"] == service and e["why"] == "grade" for e in asked):
            out.append({"what": level.services[service].label, "label": note.source.label,
                        "fact": note.source.fact, "ref": note.source.ref})
    blacklist = level.rulebook.blacklist
    if blacklist is not None and blacklist.source is not None and any(e["t"] == "blacklist" for e in log):
        out.append({"what": blacklist.label, "label": blacklist.source.label, "fact": blacklist.source.fact,
                    "ref": blacklist.source.ref})
    return out


# --- asking why, values, other rules, other players -----------------------------------------


def questions(level: Level, log: Sequence[Mapping[str, Any]], moments: list[Highlight]) -> list[Question]:
    """Up to three decisions where points were at stake, those in the moments first, in the order played."""
    if level.rulebook.score is None:
        return []
    told = {r["step"] for h in moments for r in h["refs"]}
    found = []
    for step, decision, _events in _decisions(log):
        points = [o["expected_points"] for o in decision["options"]]
        stake = round(max(points) - min(points))
        if stake >= 5:
            found.append((step in told, stake, -step, step, decision))
    found.sort(reverse=True)
    asked = sorted(found[:MAX_ASKED], key=lambda f: f[3])
    return [{"step": step, "ref": _ref(step, d), "points": round(_chosen(d)["expected_points"]), "stake": stake}
            for _told, stake, _neg, step, d in asked]


def asked_steps(level: Level, log: Sequence[Mapping[str, Any]]) -> set[int]:
    """The decisions the debrief asks "why?" about: the only ones a log may carry an answer for."""
    return {q["step"] for q in questions(level, log, highlights(level, log, watched_tally(log)))}


def clean_answers(answers: object, log: Sequence[Mapping[str, Any]], asked: set[int] | None = None) -> list[Answer]:
    """The player's answers as kept beside the log: untrusted, so only well-formed ones for the decisions
    asked about (all decisions when `asked` is None)."""
    steps = sum(1 for e in log if e["t"] == "decision")
    out: dict[int, Answer] = {}
    for a in answers if isinstance(answers, (list, tuple)) else ():
        if (isinstance(a, dict) and isinstance(a.get("step"), int) and not isinstance(a["step"], bool)
                and 0 <= a["step"] < steps and (asked is None or a["step"] in asked) and a.get("answer") in ANSWERS):
            out[a["step"]] = {"step": a["step"], "answer": a["answer"]}
    return [out[k] for k in sorted(out)]


def values_and_acts(level: Level, log: Sequence[Mapping[str, Any]]) -> Values:
    """Per value, the distinct choices that served it and that went against it (a civic act done five
    times is one choice). A value is served or given up, never both; ties stay ties."""
    served: dict[str, set[tuple[Any, ...]]] = {v: set() for v in level.values}
    against: dict[str, set[tuple[Any, ...]]] = {v: set() for v in level.values}
    examples: dict[str, Ref] = {}
    for step, decision, _events in _decisions(log):
        chosen = _chosen(decision)
        key = ("civic", chosen["civic"]) if chosen.get("civic") else (decision["card"], decision["chosen"])
        for value, weight in chosen["values"].items():
            if value not in served:
                continue
            (served if weight > 0 else against)[value].add(key)
            if weight < 0:
                examples.setdefault(value, _ref(step, decision))
    counts = {v: {"served": len(served[v]), "given_up": len(against[v])} for v in level.values}
    order = list(level.values)
    net_served = sorted((v for v in order if counts[v]["served"] > counts[v]["given_up"]),
                        key=lambda v: (-counts[v]["served"], order.index(v)))
    # a tie is neither: the page says it as "1 choice for it, 1 against", never "given up more often"
    given_up = sorted((v for v in order if counts[v]["given_up"] > counts[v]["served"]),
                      key=lambda v: (-counts[v]["given_up"], order.index(v)))
    top = max((counts[v]["served"] for v in net_served), default=0)
    return {"named": list(log[0]["values"]), "served": net_served, "given_up": given_up, "counts": counts,
            "most_served": [v for v in net_served if counts[v]["served"] == top],
            "examples": {v: examples[v] for v in given_up if v in examples}}


def _points_under(log: Sequence[Mapping[str, Any]], rulebook: Rulebook) -> dict[int, int]:
    """For each act in the log (by index), the points this rulebook gives it with the same die roll,
    judged by the one function the engine uses."""
    who = _Replayed(rulebook, log[0]["character"])
    policies: tuple[str, ...] = ()
    out: dict[int, int] = {}
    for i, event in enumerate(log):
        if event["t"] == "month":
            first = event.get("from", event["month"])
            policies += tuple(p.id for p in rulebook.policies if first <= p.month <= event["month"])
            new_month(rulebook, who, event["month"])
        elif event["t"] == "act":
            out[i] = judge(rulebook, effective_rules(rulebook, policies), who, event["act"], event["place"],
                           event["roll"], event["month"])["points"]
    return out


def what_if(level: Level, log: Sequence[Mapping[str, Any]], other: Level) -> tuple[dict[str, Any], WhatIf]:
    """The same year under another rulebook: the totals for the chart, and the first service that
    differs with the act or rule behind it."""
    result = rescore(log, other.rulebook)
    year = _Year(level, log)
    played = year.services
    here_points = _points_under(log, other.rulebook)

    def why(mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
        """The act or the rule behind one service that goes otherwise here."""
        if mine["why"] == "blacklist" and theirs["why"] != "blacklist":  # the list refused it, not the grade
            return {"kind": "no_list"}
        if theirs["why"] == "everyone":
            return {"kind": "not_asked"}
        if theirs["why"] == "blacklist":
            return {"kind": "listed"}
        better = OUTCOME_RANK[theirs["outcome"]] < OUTCOME_RANK[mine["outcome"]]
        diffs = [(here_points.get(a["i"], 0) - (a["points"] if a.get("judged") else 0), a) for a in year.acts
                 if a["i"] < mine["i"]]
        diffs = [(d, a) for d, a in diffs if (d > 0 if better else d < 0)]
        if diffs:
            _d, a = max(diffs, key=lambda x: (abs(x[0]), -x[1]["i"]))
            return {"kind": "act", "act": a["act"], "step": a["step"], "month": a["month"],
                    "played": a["points"] if a.get("judged") else 0, "here": here_points.get(a["i"], 0),
                    "ref": year.refs[a["step"]] if 0 <= a["step"] < len(year.refs) else None}
        return {"kind": "grades", "grade": theirs["grade"], "grade_played": mine["grade"]}

    changes = []
    for mine, theirs in zip(played, result["services"], strict=False):
        if mine["outcome"] != theirs["outcome"]:
            changes.append({"service": mine["service"], "month": mine["month"], "for": mine["for"],
                            "as_played": mine["outcome"], "here": theirs["outcome"], "grade": theirs["grade"],
                            "grade_played": mine["grade"], "because": why(mine, theirs)})
    first: Any = dict(changes[0]) if changes else None
    because: Any = first.pop("because") if first else None
    # then the goal's own services that go otherwise, each with its because
    also = [c for c in changes[1:] if c["for"] == "goal"][:2]
    here = _points_under(log, other.rulebook)
    wasted = [a for a in year.caught(+1) if a["step"] in year.civic_steps and here.get(a["i"], 0) == 0]
    steps = sorted({a["step"] for a in wasted})
    as_played = year.goal["reached"] if year.goal else None
    whatif: WhatIf = {"level": other.id, "title": other.rulebook.name, "summary": other.rulebook.summary,
                      "goal": {"as_played": as_played, "here": result["goal_reached"],
                               "month": year.goal["month"] if year.goal else None},
                      "differs": first is not None,
                      "first": first, "because": because, "also": also,
                      "bought_nothing": {"n": len(steps), "points": sum(a["points"] for a in wasted),
                                         "cost": year.cost(steps)}}
    return result, whatif


def compliant_policy() -> str:
    """The bot that complies only as far as it needs: the cautious one, which keeps a margin above grade B
    and its goal's line and buys points only under it. Not the strategic bot, which aims at the line where
    its goal is granted and so ends most years in grade A with four civic acts: a comparison that flatters
    the player (issue 20)."""
    return "cautious"


def _months(level: Level, log: Sequence[Mapping[str, Any]]) -> int:
    """The rounds of the year a log tells: its start says so since the length was kept in the state; an
    older short year is told by its rounds (one stands for several months), counted when it ran out."""
    if "months" in log[0]:
        return int(log[0]["months"])
    rounds = [e for e in log if e["t"] == "month"]
    short = any("from" in e for e in rounds) and not any(e["t"] == "end_now" for e in log)
    return len(rounds) if short else level.months


def bot_years(level: Level, log: Sequence[Mapping[str, Any]]) -> list[BotYear]:
    """The same seed, character and values played by a bot that ignores the score and one that complies
    only as needed, under the rules as played."""
    start = log[0]
    out: list[BotYear] = []
    for policy in ("free", compliant_policy()):
        try:
            _bot, state = bots.play_year(level, start["seed"], start["character"], start["values"], policy,
                                         rng.seed_state(f"debrief-{start['seed']}"), _months(level, log),
                                         start.get("options", ()))
        except ValueError:  # a log whose start the level refuses: no comparison bots for it
            return []
        end = plain(state.log)[-1]
        out.append({"policy": policy, "grade": end["grade"], "score": end["score"], "goal_reached": state.goal_reached,
                    "at_minimum": list(end["meters_at_min"]),
                    "civic_acts": sum(1 for _s, d, _e in _decisions(plain(state.log)) if _chosen(d).get("civic")),
                    "refused": sum(1 for e in state.log if e["t"] == "service" and e["outcome"] == "denied"),
                    "good_year": bool(end.get("good_year")),
                    "needs": [e["outcome"] for e in state.log if e["t"] == "need"],
                    "needs_unmet": list(end.get("needs_unmet", ())), "months_at_min": int(end.get("months_at_min", 0))})
    return out


def _market_scores(level: Level) -> bool:
    """Whether this level's civic acts can earn points: a market is offered, and the rulebook rewards one of
    its acts. A world with no score, or no market, has no "civic acts for points" to ask about."""
    rb = level.rulebook
    return bool(level.civic_offers and level.civic and rb.score is not None and any(
        rb.acts[a].points > 0 for civic in level.civic.values() for a in civic.acts if a in rb.acts))


def discussion(level: Level, moments: list[Highlight], tally: dict[str, Any], whatifs: list[WhatIf],
               answers: list[Answer], civic_acts: int) -> list[dict[str, Any]]:
    """Questions for the class chosen from what this player did, then the level's own first question."""
    kinds: dict[str, Highlight] = {}
    for h in moments:
        kinds.setdefault(h["kind"], h)  # the weightiest of each kind
    out: list[dict[str, Any]] = []
    decisive = kinds.get("decisive")
    if decisive and decisive["facts"]["acts"]:
        f = decisive["facts"]
        out.append({"kind": "decisive", "act": f["acts"][-1]["act"], "sign": f["sign"], "for": f["for"],
                    "service": f["service"], "mode": f.get("mode", "one"), "n": len(f["acts"])})
    if "need" in kinds:  # the grade decided a need nobody announced: what margin, not knowing?
        out.append({"kind": "need", "card": kinds["need"]["facts"]["card"], "case": kinds["need"]["facts"]["case"]})
    if "blacklist" in kinds:
        out.append({"kind": "blacklist", "list": kinds["blacklist"]["facts"]["list"]})
    said = sum(1 for a in answers if a["answer"] == "points")
    if said:
        out.append({"kind": "said_points", "n": said})
    if _market_scores(level):  # only where good deeds can earn points is there a question about doing them for points
        out.append({"kind": "civic", "n": civic_acts} if civic_acts else {"kind": "no_civic"})
    w, u = tally["watched"], tally["unwatched"]
    if w["offered"] and u["offered"] and w["done"] * u["offered"] != u["done"] * w["offered"]:
        out.append({"kind": "cameras"})
    goal_changed = next((x for x in whatifs if x["goal"]["as_played"] != x["goal"]["here"]), None)
    if goal_changed:
        out.append({"kind": "rules", "level": goal_changed["level"], "title": goal_changed["title"]})
    if "value_price" in kinds and kinds["value_price"]["facts"]["lost"]:
        out.append({"kind": "value_price", "value": kinds["value_price"]["facts"]["values"][0]})
    questions_ = level.debrief.get("questions", ())
    if questions_ and len(out) < 3:
        out.append({"kind": "level", "text": questions_[0]})
    return out[:3]


def debrief(level: Level, log: Sequence[Mapping[str, Any]], others: Sequence[Level] = (),
            answers: object = ()) -> Debrief:
    """Everything the debrief shows, as plain data. `others` are the levels whose rulebooks to compare;
    `answers` are the player's "why" answers kept beside the log."""
    tally = watched_tally(log)
    moments = highlights(level, log, tally)
    asked = questions(level, log, moments)
    kept = clean_answers(answers, log, {q["step"] for q in asked})
    steered = steered_choices(level, log, kept)
    counterfactuals = [{"level": level.id, "title": level.rulebook.name, "as_played": True,
                        **rescore(log, level.rulebook)}]
    whatifs: list[WhatIf] = []
    for other in others:
        if other.id != level.id:
            result, whatif = what_if(level, log, other)
            counterfactuals.append({"level": other.id, "title": other.rulebook.name, "as_played": False, **result})
            whatifs.append(whatif)
    labels: Counter[str] = Counter()
    facts = real_world(level, log)
    for fact in facts:
        labels[fact["label"]] += 1
    cost = cost_and_gain(level, log, steered)
    return {
        "level": level.id,
        "character": log[0]["character"],
        "seed": log[0]["seed"],
        "year": your_year(level, log),
        "highlights": moments,
        "questions": asked,
        "answers": kept,
        "steered": steered,
        "watched": tally,
        "cost_and_gain": cost,
        "counterfactuals": counterfactuals,
        "whatif": whatifs,
        "like_you": likeyou.like_you(level, log, [o for o in others if o.id != level.id]),
        "bots": bot_years(level, log),
        "values": values_and_acts(level, log),
        "discussion": discussion(level, moments, tally, whatifs, kept, cost["civic_acts"]),
        "real_world": facts,
        "source_labels": dict(labels),
        "points_by_label": points_by_label(level, log),
    }
