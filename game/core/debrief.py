"""The debrief as data, from a finished game's log alone: how the rules shaped the player's choices.

Pure: it reads the log (which records, for every decision, each option's effects, acts, odds and
service outlook) and the level, and never replays the engine. The same log always gives the same
debrief. Under other rulebooks it re-scores the same acts with the same die rolls.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from game.core.model import Level, Rulebook
from game.core.rules import access, effective_rules, grade_of, judge, new_month

WATCHED = 0.5  # an act is "watched" where the chance of being seen is at least this


def _decisions(log: list[dict]) -> list[tuple[int, dict, list[dict]]]:
    """Each decision with the events it caused, up to the next decision."""
    out: list[tuple[int, dict, list[dict]]] = []
    for event in log:
        if event["t"] == "decision":
            out.append((len(out), event, []))
        elif out:
            out[-1][2].append(event)
    return out


def your_year(level: Level, log: list[dict]) -> dict:
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
    return {"points": points, "bands": bands, "months": level.months}


def steered_choices(level: Level, log: list[dict]) -> list[dict]:
    """Decisions where the player took the option better for the score and worse for themselves.

    Worse for themselves means: it gave up meters (money, wellbeing, family...) or one of the values
    they named at the start, compared with an option the rulebook liked less.
    """
    named = set(log[0]["values"])
    out = []
    for _index, decision, _events in _decisions(log):
        options = decision["options"]
        chosen = options[decision["chosen"]]
        best = None
        for other in options:
            if other is chosen or other["expected_points"] >= chosen["expected_points"]:
                continue
            diff = {m: other["effects"].get(m, 0) - chosen["effects"].get(m, 0) for m in level.meters}
            values = sorted(v for v in named if other["values"].get(v, 0) > chosen["values"].get(v, 0))
            if sum(diff.values()) <= 0 and not values:
                continue  # the other option was no better for the player: nothing was given up
            meters = {m: d for m, d in diff.items() if d > 0}
            weight = sum(meters.values()) + len(values)
            if best is None or weight > best[0]:
                best = (weight, other, meters, values)
        if best is not None:
            _weight, other, meters, values = best
            out.append({
                "month": decision["month"], "card": decision["card"], "kind": decision["kind"],
                "chosen": chosen["label"], "instead_of": other["label"], "gave_up": meters,
                "values_given_up": values,
                "points_for_it": round(chosen["expected_points"] - other["expected_points"], 1),
            })
    return out


def watched_and_unwatched(log: list[dict]) -> list[dict]:
    """For each act: how often it was avoided where watched, and done where hardly anyone watched."""
    avoided: Counter = Counter()
    done: Counter = Counter()
    for _index, decision, _events in _decisions(log):
        chosen = decision["options"][decision["chosen"]]
        chosen_acts = {a["act"] for a in chosen["acts"]}
        for option in decision["options"]:
            for act in option["acts"]:
                if not act["judged"] or act["points"] >= 0:
                    continue
                if act["chance"] >= WATCHED and act["act"] not in chosen_acts and option is not chosen:
                    avoided[act["act"]] += 1
        for act in chosen["acts"]:
            if act["judged"] and act["points"] < 0 and act["chance"] < WATCHED:
                done[act["act"]] += 1
    return [{"act": a, "avoided_watched": avoided[a], "done_unwatched": done[a]}
            for a in sorted(set(avoided) | set(done)) if avoided[a] and done[a]]


def cost_and_gain(level: Level, log: list[dict], steered: list[dict]) -> dict:
    """What was given up for points, what virtue bought, services and the rule behind each, the goal."""
    given_up: Counter = Counter()
    for s in steered:
        given_up.update(s["gave_up"])
    bought = civic_count = 0
    for _index, decision, events in _decisions(log):
        if decision["kind"] == "civic" and decision["options"][decision["chosen"]].get("civic"):
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
        self.expiring: list[list] = []
        self.meters: dict[str, int] = {}
        self.counters: dict[str, int] = {}
        self.flags: set[str] = set()
        self.month = 1
        self.character = character


def rescore(log: list[dict], rulebook: Rulebook) -> dict:
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
            goal_reached = event["reached"] if event["how"] != "services" else "denied" not in goal_outcomes
        elif t == "month_end":
            grades.append(grade_of(rulebook, who.score))
    return {"score": who.score, "grade": grade_of(rulebook, who.score), "grades_by_month": grades,
            "blacklisted": who.blacklisted, "services": services, "goal_reached": goal_reached,
            "refused": sum(1 for s in services if s["outcome"] == "denied")}


def values_and_acts(level: Level, log: list[dict]) -> dict:
    """The values named at the start against what the chosen options served or went against."""
    served: Counter = Counter()
    against: Counter = Counter()
    for _index, decision, _events in _decisions(log):
        for value, weight in decision["options"][decision["chosen"]]["values"].items():
            (served if weight > 0 else against)[value] += abs(weight)
    named = log[0]["values"]
    net = {v: served[v] - against[v] for v in level.values}
    most_served = sorted(level.values, key=lambda v: (-net[v], v))[:3]
    return {"named": named, "served": dict(served), "against": dict(against), "net": net,
            "most_served": most_served, "matches": [v for v in named if v in most_served]}


def real_world(level: Level, log: list[dict]) -> list[dict]:
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


def debrief(level: Level, log: list[dict], others: list[Level] = ()) -> dict:
    """Everything the debrief shows, as plain data. `others` are the levels whose rulebooks to compare."""
    steered = steered_choices(level, log)
    counterfactuals = [{"level": level.id, "title": level.rulebook.name, "as_played": True,
                        **rescore(log, level.rulebook)}]
    for other in others:
        if other.id != level.id:
            counterfactuals.append({"level": other.id, "title": other.rulebook.name, "as_played": False,
                                    **rescore(log, other.rulebook)})
    labels = defaultdict(int)
    for fact in real_world(level, log):
        labels[fact["label"]] += 1
    return {
        "level": level.id,
        "character": log[0]["character"],
        "seed": log[0]["seed"],
        "year": your_year(level, log),
        "steered": steered,
        "watched": watched_and_unwatched(log),
        "cost_and_gain": cost_and_gain(level, log, steered),
        "counterfactuals": counterfactuals,
        "values": values_and_acts(level, log),
        "real_world": real_world(level, log),
        "source_labels": dict(labels),
    }
