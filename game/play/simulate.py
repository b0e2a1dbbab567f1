"""Play many games headless with a bot, and sum up what the rules did to them."""

from __future__ import annotations

import gc
import time
from collections import Counter

from game.core import bots, engine, rng
from game.core.model import Level


def simulate(level: Level, policy: str, games: int, seed: str) -> dict:
    """Play `games` games; characters take turns, values are drawn from the seed."""
    bot = rng.seed_state(f"bot-{seed}")
    people = list(level.characters)
    value_ids = list(level.values)
    grades: Counter = Counter()
    refused: Counter = Counter()
    goals = decisions = 0
    meters = {m: 0 for m in level.meters}
    scores = []
    # The engine makes no reference cycles; keep the cycle collector off the level and the
    # finished games so it does not rescan them thousands of times.
    gc.freeze()
    started = time.process_time()  # CPU time: one core's work, steadier than the wall clock on a shared machine
    for n in range(games):
        bot, values = rng.shuffled(bot, value_ids)
        state = engine.new_game(level, f"{seed}-{n}", people[n % len(people)], values[:3])
        while not state.over:
            decision = engine.pending(level, state)
            bot, pick = bots.choose(policy, decision, bot)
            state = engine.apply(level, state, pick)
            decisions += 1
        end = state.log[-1]
        grades[end["grade"] or "none"] += 1
        goals += bool(state.goal_reached)
        scores.append(end["score"] or 0)
        for e in state.log:
            if e["t"] == "service" and e["outcome"] == "denied":
                refused[e["service"]] += 1
        for k in meters:
            meters[k] += state.meters[k]
    seconds = time.process_time() - started
    gc.unfreeze()  # back to normal for whatever the process does next
    return {
        "level": level.id,
        "policy": policy,
        "games": games,
        "seed": seed,
        "grades": dict(sorted(grades.items())),
        "goals_reached": goals,
        "services_refused": dict(sorted(refused.items())),
        "mean_meters": {k: round(v / max(games, 1), 2) for k, v in meters.items()},
        "mean_score": round(sum(scores) / max(games, 1), 1),
        "decisions": decisions,
        "decisions_per_game": round(decisions / max(games, 1), 1),
        "seconds": round(seconds, 3),
        "decisions_per_second": round(decisions / seconds) if seconds else 0,
    }


def report(result: dict, level: Level) -> str:
    games = max(result["games"], 1)
    lines = [f"{result['games']} games of {level.title} played by the '{result['policy']}' bot "
             f"(seed {result['seed']})", "", "Final grades:"]
    for grade, count in result["grades"].items():
        lines.append(f"  {grade:>4}  {count:6}  {'#' * round(40 * count / games)}")
    lines.append(f"Goals reached: {result['goals_reached']} of {result['games']} "
                 f"({100 * result['goals_reached'] / games:.0f}%)")
    lines.append("Services refused (per game): " + (", ".join(
        f"{level.services[s].label} {n / games:.2f}" for s, n in result["services_refused"].items()) or "none"))
    lines.append(f"Mean final score: {result['mean_score']}")
    lines.append("Mean meters: " + ", ".join(f"{level.meters[k].label} {v}" for k, v in result["mean_meters"].items()))
    lines.append(f"Decisions: {result['decisions']} ({result['decisions_per_game']} a game), "
                 f"{result['decisions_per_second']:,} per second of CPU time")
    return "\n".join(lines)
