"""Play many games headless with a bot, and sum up what the rules did to them."""

from __future__ import annotations

import gc
import statistics
import time
from collections import Counter

from game.core import bots, engine, rng
from game.core.model import Level

SLICES = 5  # decisions per second is the median over this many equal slices of the run


def simulate(level: Level, policy: str, games: int, seed: str) -> dict:
    """Play `games` games; characters take turns, values are drawn from the seed.

    Besides grades and goals it measures what a designer balances: good years (goal reached and no
    meter at its minimum), years ending with an empty meter, and how much of the score won came from
    the civic market rather than from living.
    """
    bot = rng.seed_state(f"bot-{seed}")
    people = list(level.characters)
    value_ids = list(level.values)
    grades: Counter = Counter()
    refused: Counter = Counter()
    goals = good = at_min = decisions = 0
    won = bought = 0
    per = {p: Counter() for p in people}
    meters = {m: 0 for m in level.meters}
    scores = []
    rates = []
    bounds = [round(games * k / SLICES) for k in range(SLICES + 1)]
    # The engine makes no reference cycles; keep the cycle collector off the level and the
    # finished games so it does not rescan them thousands of times.
    gc.freeze()
    seconds = 0.0
    for k in range(SLICES):
        started = time.process_time()  # CPU time: one core's work, steadier than the wall clock
        slice_decisions = 0
        for n in range(bounds[k], bounds[k + 1]):
            bot, values = rng.shuffled(bot, value_ids)
            who = people[n % len(people)]
            state = engine.new_game(level, f"{seed}-{n}", who, values[:3])
            while not state.over:
                decision = engine.pending(level, state)
                bot, pick = bots.choose(policy, decision, bot, level, state)
                state = engine.apply(level, state, pick)
                slice_decisions += 1
            end = state.log[-1]
            grades[end["grade"] or "none"] += 1
            goals += bool(state.goal_reached)
            good += end["good_year"]
            at_min += bool(end["meters_at_min"])
            per[who]["games"] += 1
            per[who]["goal"] += bool(state.goal_reached)
            per[who]["good"] += end["good_year"]
            scores.append(end["score"] or 0)
            civic = False
            for e in state.log:
                t = e["t"]
                if t == "decision":
                    civic = e["kind"] == "civic"
                elif t == "act" and e["points"] > 0:
                    won += e["points"]
                    bought += e["points"] if civic else 0
                elif t == "service" and e["outcome"] == "denied":
                    refused[e["service"]] += 1
            for m in meters:
                meters[m] += state.meters[m]
        spent = time.process_time() - started
        seconds += spent
        decisions += slice_decisions
        if slice_decisions and spent > 0:
            rates.append(slice_decisions / spent)
    gc.unfreeze()  # back to normal for whatever the process does next
    n = max(games, 1)
    return {
        "level": level.id,
        "policy": policy,
        "games": games,
        "seed": seed,
        "grades": dict(sorted(grades.items())),
        "goal_rate": round(goals / n, 3),
        "good_year_rate": round(good / n, 3),
        "meter_at_min_rate": round(at_min / n, 3),
        "civic_points_share": round(bought / won, 3) if won else 0.0,
        "points_won_per_game": round(won / n, 1),
        "per_character": {p: {"games": c["games"], "goal_rate": round(c["goal"] / max(c["games"], 1), 3),
                              "good_year_rate": round(c["good"] / max(c["games"], 1), 3)} for p, c in per.items()},
        "goals_reached": goals,
        "services_refused": dict(sorted(refused.items())),
        "mean_meters": {k: round(v / n, 2) for k, v in meters.items()},
        "mean_score": round(sum(scores) / n, 1),
        "decisions": decisions,
        "decisions_per_game": round(decisions / n, 1),
        "seconds": round(seconds, 3),
        "decisions_per_second": round(statistics.median(rates)) if rates else 0,
    }


def report(result: dict, level: Level) -> str:
    games = max(result["games"], 1)
    lines = [f"{result['games']} games of {level.title} played by the '{result['policy']}' bot "
             f"(seed {result['seed']})", "", "Final grades:"]
    for grade, count in result["grades"].items():
        lines.append(f"  {grade:>4}  {count:6}  {'#' * round(40 * count / games)}")
    lines.append(f"Goals reached: {result['goals_reached']} of {result['games']} "
                 f"({100 * result['goals_reached'] / games:.0f}%)")
    lines.append(f"Good years (goal reached, no meter empty): {100 * result['good_year_rate']:.0f}%; "
                 f"years ending with an empty meter: {100 * result['meter_at_min_rate']:.0f}%")
    lines.append(f"Points won: {result['points_won_per_game']} a game, "
                 f"{100 * result['civic_points_share']:.0f}% of them bought in the civic market")
    lines.append("By character (goal, good year): " + ", ".join(
        f"{level.characters[p].name} {100 * c['goal_rate']:.0f}%/{100 * c['good_year_rate']:.0f}%"
        for p, c in result["per_character"].items()))
    lines.append("Services refused (per game): " + (", ".join(
        f"{level.services[s].label} {n / games:.2f}" for s, n in result["services_refused"].items()) or "none"))
    lines.append(f"Mean final score: {result['mean_score']}")
    lines.append("Mean meters: " + ", ".join(f"{level.meters[k].label} {v}" for k, v in result["mean_meters"].items()))
    lines.append(f"Decisions: {result['decisions']} ({result['decisions_per_game']} a game), "
                 f"{result['decisions_per_second']:,} per second of CPU time (median of {SLICES} slices)")
    return "\n".join(lines)
