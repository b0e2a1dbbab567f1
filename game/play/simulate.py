"""Play many games headless with a bot, and sum up what the rules did to them."""

from __future__ import annotations

import gc
import statistics
import time
from collections import Counter
from collections.abc import Sequence

from game.core import bots, rng
from game.core.engine import Decision, State
from game.core.events import Option, plain
from game.core.model import NEED_OUTCOMES, ActRule, Card, Choice, Level
from game.play import seeds

SLICES = 5  # decisions per second is the median over this many equal slices of the run


def simulate(level: Level, policy: str, games: int, seed: str, stakes: bool = False) -> dict:
    """Play `games` games; characters take turns, values are drawn from the seed.

    Besides grades and goals it measures what a designer balances: good years (as the verdict judges
    them: goal reached, every need met, no meter at its minimum at more month-ends than the level
    allows), years ending with an empty meter, and how much of the score won came from the civic market
    rather than from living. `stakes` adds what only a look at each decision as it is
    taken tells (`live_dilemma_rate`, `live_dilemma_by_month`); off, it costs nothing. `months_at_min` is the
    mean month-ends with a meter at its minimum; `needs`, the unannounced needs met, delayed and unmet a year.
    """
    bot = rng.seed_state(f"bot-{seed}")
    people = list(level.characters)
    value_ids = list(level.values)
    grades: Counter = Counter()
    refused: Counter = Counter()
    goals = good = at_min = decisions = civic_acts = 0
    won = bought = 0
    per: dict[str, Counter] = {p: Counter() for p in people}
    meters = {m: 0 for m in level.meters}
    scores = []
    rates = []
    dealt: Counter = Counter()
    months_played: Counter = Counter()
    months_torn: Counter = Counter()
    months_card_torn: Counter = Counter()
    felt = 0
    months_live: Counter = Counter()
    empty_month_ends = 0
    needs: Counter = Counter()
    live_now: set[int] = set()
    watch = None
    if stakes:
        reading = Stakes(level)

        def watch(decision: Decision, state: State) -> None:
            if decision.month not in live_now and reading.live(decision, state):
                live_now.add(decision.month)
    bounds = [round(games * k / SLICES) for k in range(SLICES + 1)]
    options = seeds.seed_options(level, seed)  # a class seed's options ride on every game's seed; a length never
    # The engine makes no reference cycles (a test holds it to that): the cycle collector would only
    # rescan the level and the game in play thousands of times, so it rests while the bots play.
    collecting = gc.isenabled()
    gc.disable()
    seconds = 0.0
    clock = time.process_time  # CPU time: one core's work, steadier than the wall clock
    try:
        for k in range(SLICES):
            spent = 0.0  # the engine's and the bot's time only, not the bookkeeping below
            slice_decisions = 0
            for n in range(bounds[k], bounds[k + 1]):
                started = clock()
                bot, values = rng.shuffled(bot, value_ids)
                who = people[n % len(people)]
                before = bot
                bot, state = bots.play_year(level, f"{seed}-{n}", who, values[:3], policy, bot,
                                            options=options)
                slice_decisions += len(state.choices)
                spent += clock() - started
                if watch is not None:  # the same year again, watched, outside the timing
                    live_now.clear()
                    bots.play_year(level, f"{seed}-{n}", who, values[:3], policy, before, options=options,
                                   watch=watch)
                end = state.log[-1]
                assert end["t"] == "end"  # a finished year's last event
                grades[end["grade"] or "none"] += 1
                goals += bool(state.goal_reached)
                good += end["good_year"]
                at_min += bool(end["meters_at_min"])
                per[who]["games"] += 1
                per[who]["goal"] += bool(state.goal_reached)
                per[who]["good"] += end["good_year"]
                scores.append(end["score"] or 0)
                civic = False
                torn, card_torn = set(), set()
                for e in plain(state.log):  # read as plain dicts: one lookup of "t" per event, as it is hot
                    t = e["t"]
                    if t == "decision":
                        civic = e["kind"] == "civic"
                        civic_acts += civic and bool(e["options"][e["chosen"]].get("civic"))
                        if _torn(e["options"]):
                            torn.add(e["month"])
                            if not civic:
                                card_torn.add(e["month"])
                        if e["card"]:
                            dealt[e["card"]] += 1
                    elif t == "act" and e["points"] > 0:
                        won += e["points"]
                        bought += e["points"] if civic else 0
                    elif t == "service" and e["outcome"] == "denied":
                        refused[e["service"]] += 1
                    elif t == "need":
                        needs[e["outcome"]] += 1
                for m in meters:
                    meters[m] += state.meters[m]
                for month in {e["month"] for e in state.log if e["t"] == "month_end"}:
                    months_played[month] += 1
                    months_torn[month] += month in torn
                    months_card_torn[month] += month in card_torn
                felt += any(e["t"] == "trigger" and e["month"] < level.months for e in state.log)
                empty_month_ends += end["months_at_min"]
                if stakes:
                    months_live.update(live_now)
            seconds += spent
            decisions += slice_decisions
            if slice_decisions and spent > 0:
                rates.append(slice_decisions / spent)
    finally:
        if collecting:
            gc.enable()  # back to normal for whatever the process does next
    n = max(games, 1)
    measured = {
        "live_dilemma_rate": round(sum(months_live.values()) / max(sum(months_played.values()), 1), 3),
        "live_dilemma_by_month": {m: round(months_live[m] / months_played[m], 2) for m in sorted(months_played)},
    } if stakes else {}
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
        "civic_acts_per_game": round(civic_acts / n, 2),
        "trigger_rate": round(felt / n, 3),
        "dilemma_rate": round(sum(months_torn.values()) / max(sum(months_played.values()), 1), 3),
        "dilemma_by_month": {m: round(months_torn[m] / months_played[m], 2) for m in sorted(months_played)},
        "card_dilemma_rate": round(sum(months_card_torn.values()) / max(sum(months_played.values()), 1), 3),
        "per_character": {p: {"games": c["games"], "goal_rate": round(c["goal"] / max(c["games"], 1), 3),
                              "good_year_rate": round(c["good"] / max(c["games"], 1), 3)} for p, c in per.items()},
        "goals_reached": goals,
        "services_refused": dict(sorted(refused.items())),
        "months_at_min": round(empty_month_ends / n, 2),
        "needs": {k: round(needs[k] / n, 2) for k in NEED_OUTCOMES},
        "mean_meters": {k: round(v / n, 2) for k, v in meters.items()},
        "mean_score": round(sum(scores) / n, 1),
        "decisions": decisions,
        "decisions_per_game": round(decisions / n, 1),
        "seconds": round(seconds, 3),
        "decisions_per_second": round(statistics.median(rates)) if rates else 0,
        **measured,
    }


def sweep(level: Level, games: int, seed: str) -> dict[float, float]:
    """The good-year rate of `appetite:L` for each L of `bots.SWEEP`: whether some appetite for points
    beyond none pays, and where it stops paying."""
    return {weight: simulate(level, f"{bots.APPETITE}{weight:g}", games, seed)["good_year_rate"]
            for weight in bots.SWEEP}


class Stakes:
    """When the points of a choice can still change something: the grade lines that something still
    ahead is judged on (the goal's services at its deadline, a service a card may still ask for, a
    grade's effect at this month's end), and how far the score could still move before that judgement:
    at most `month_swing` a month, every card and the market at their largest.

    A decision is a live dilemma when it is a dilemma (`_torn`) and the score, moved by at most what
    the months up to a judgement could bring, could land on either side of a line that judgement reads.
    Worked out from the level once; each decision then costs a loop over the cards still to come."""

    def __init__(self, level: Level) -> None:
        from game.core.engine import indexed

        self.level = indexed(level)
        rb = level.rulebook
        grades = rb.grades if rb.score is not None else ()

        def lines(outcome) -> frozenset[int]:  # the grade lines where `outcome(grade)` changes
            return frozenset(grades[i].min for i in range(len(grades) - 1)
                             if outcome(grades[i].grade) != outcome(grades[i + 1].grade))

        def service(s: str):
            table = rb.access.get(s, {})
            return lambda g: table.get(g, table.get("*", "granted"))

        self.service_lines = {s: lines(service(s)) for s in rb.access}
        self.effect_lines = lines(lambda g: dict(rb.grade_effects[g].effects) if g in rb.grade_effects else {})
        self.card_lines = {c.id: frozenset().union(*(self.service_lines.get(x.request, frozenset())
                                                     for x in c.choices if x.request))
                           for c in level.cards.values()}
        # the most one month can move the score: its cards, each at its largest, and the market's largest
        rules = rb.acts

        def reach(acts) -> int:
            return sum(abs(rules[a].points) for a in acts if a in rules)

        per_card = max((reach(x.acts) for c in level.cards.values() for x in c.choices), default=0)
        per_civic = max((reach(a.acts) for a in level.civic.values()), default=0)
        self.month_swing = (level.cards_max + 1) * per_card + per_civic  # +1: a follow-up or a crisis card

    def live(self, decision: Decision, state: State) -> bool:
        """Whether this decision is a dilemma whose points can still change a grade something ahead reads."""
        if state.score is None or not _torn(decision.options):
            return False
        level, score, month = self.level, state.score, decision.month
        # a grade's effect is read at every month's end: its line counts when this month could cross it
        judged: list[tuple[frozenset[int], int]] = [(self.effect_lines, month)]
        goal = level.characters[state.character].goal
        if state.goal_reached is None and month <= goal.by and not state.flags & (set(goal.dropped_by)
                                                                                  | set(goal.met_by)):
            judged.append((frozenset().union(*(self.service_lines.get(s, frozenset()) for s in goal.needs)),
                           goal.by))
        card_lines, windows = self.card_lines, level.index.card_months
        if decision.card is not None:
            judged.append((card_lines[decision.card.id], month))
        for card in state.queue[1:]:
            judged.append((card_lines[card], month))
        for card, due in state.follow_ups:
            judged.append((card_lines[card], due))
        seen = state.seen
        for card in level.index.deck_cards[state.character]:
            if card not in seen and card_lines[card] and windows[card][1] > month:
                judged.append((card_lines[card], min(windows[card][1], level.months)))
        for card, due in state.needs.items():  # an unannounced need still to come, judged in its month
            if card not in seen:
                judged.append((card_lines[card], due))
        for card in level.index.trigger_cards:
            if card not in seen and card_lines[card]:
                judged.append((card_lines[card], level.months))
        for lines, when in judged:
            reach = self.month_swing * (when - month + 1)
            if any(score - reach < line <= score + reach for line in lines):
                return True
        return False


def _torn(options: Sequence[Option]) -> bool:
    """A real dilemma: the option the score prefers costs something another option keeps, a meter
    or a service's outlook."""
    usable = [o for o in options if o.get("available", True)]
    for a in usable:
        for b in usable:
            if a["expected_points"] > b["expected_points"] and _better_somewhere(b, a):
                return True
    return False


def _life(option: Option) -> dict[str, float]:
    got: dict[str, float] = dict(option["effects"])
    for c in option.get("chances", ()):
        for k, v in c["effects"].items():
            got[k] = got.get(k, 0) + c["chance"] * v
    got["service"] = bots.OUTLOOK[option["request_outcome"]]  # the bots' worth: only its order counts here
    return got


def _better_somewhere(b: Option, a: Option) -> bool:
    lb, la = _life(b), _life(a)
    return any(lb.get(k, 0) > la.get(k, 0) for k in set(lb) | set(la))


def _expected_meters(choice: Choice, rules: dict[str, ActRule], place: str | None) -> dict[str, float]:
    """A choice's meter effects at their expectation: its own, each chance outcome's times its chance,
    and what comes only when one of its acts is seen times the chance that one is."""
    got: dict[str, float] = dict(choice.effects)
    for c in choice.chances:
        for k, v in c.effects.items():
            got[k] = got.get(k, 0) + c.chance * v
    if choice.effects_seen:
        unseen = 1.0
        for a in choice.acts:
            if a in rules:
                unseen *= 1 - rules[a].chance(place)
        for k, v in choice.effects_seen.items():
            got[k] = got.get(k, 0) + (1 - unseen) * v
    return got


def _later(choice: Choice) -> tuple:
    """What a choice leaves for later besides meters (flags, counters, also by chance): two choices
    that leave different things are different bets, so neither dominates the other."""
    return (frozenset(choice.set), frozenset(choice.clear), tuple(sorted(choice.count.items())),
            tuple(sorted(choice.count_seen.items())),
            tuple((c.chance, frozenset(c.set), tuple(sorted(c.count.items()))) for c in choice.chances
                  if c.set or c.count))


def dominated_in(card: Card, rules: dict[str, ActRule]) -> list[tuple[int, int]]:
    """The options of one card that another beats or equals on expected points and on every expected
    meter, strictly better somewhere: (option, by). Chance outcomes count at their expectation; an
    option with a request, a follow-up or `unlist`, or that leaves other flags or counters, is a
    different bet and never compared."""
    looks = []
    for c in card.choices:
        place = c.place or card.place
        points = sum(rules[a].points * rules[a].chance(place) for a in c.acts if a in rules)
        looks.append((points, _expected_meters(c, rules, place), _later(c),
                      bool(c.request or c.follow_up or c.unlist)))
    out = []
    eps = 1e-9
    for i, (pi, ei, li, oi) in enumerate(looks):
        for j, (pj, ej, lj, oj) in enumerate(looks):
            if i == j or oi or oj or li != lj:
                continue
            keys = set(ei) | set(ej)
            if pj >= pi - eps and all(ej.get(k, 0) >= ei.get(k, 0) - eps for k in keys) and (
                    pj > pi + eps or any(ej.get(k, 0) > ei.get(k, 0) + eps for k in keys)):
                out.append((i, j))
                break
    return out


def dominated(level: Level) -> list[tuple[str, int, int]]:
    """Options another option of the same card beats or equals on expected points and on every
    expected meter (see `dominated_in`), judged under the rules in force when the card may first be
    dealt: (card, option, by)."""
    from game.core.rules import effective_rules, policies_in

    out = []
    for card in level.cards.values():
        first = card.when.months[0]
        rules = effective_rules(level.rulebook, policies_in(level.rulebook, 1, first))
        out += [(card.id, i, j) for i, j in dominated_in(card, rules)]
    return out


def card_table(level: Level, games: int, seed: str) -> dict:
    """Per card: how often it was dealt (per game, by each policy), how often each option was taken by
    each policy, and which options another dominates, so a designer sees a dead card at a glance."""
    out: dict = {cid: {"dealt": {}, "options": [{"label": c.label, "taken": {}, "dominated": False}
                                                 for c in card.choices]} for cid, card in level.cards.items()}
    for cid, index, _by in dominated(level):
        out[cid]["options"][index]["dominated"] = True
    people, value_ids = list(level.characters), list(level.values)
    for policy in bots.POLICIES:
        bot = rng.seed_state(f"bot-{seed}")
        dealt: Counter = Counter()
        taken: Counter = Counter()
        for n in range(games):
            bot, values = rng.shuffled(bot, value_ids)
            bot, state = bots.play_year(level, f"{seed}-{n}", people[n % len(people)], values[:3], policy, bot,
                                        options=seeds.seed_options(level, seed))
            for e in state.log:
                if e["t"] == "decision" and e["card"]:
                    dealt[e["card"]] += 1
                    taken[e["card"], e["choice"]] += 1
        for cid, row in out.items():
            row["dealt"][policy] = round(dealt[cid] / max(games, 1), 3)
            for i, option in enumerate(row["options"]):
                option["taken"][policy] = round(taken[cid, i] / dealt[cid], 2) if dealt[cid] else None
    return out


def card_report(table: dict) -> str:
    """The card table as text: a card never dealt, an option never taken or dominated stands out."""
    def share(x: float | None) -> str:
        return "-" if x is None else f"{round(100 * x)}%"

    lines = [f"{'card / option':<40}" + "".join(f"{p[:10]:>11}" for p in bots.POLICIES)]
    for cid, row in table.items():
        lines.append(f"{cid[:30] + ' (a game)':<40}" + "".join(f"{row['dealt'][p]:>11.2f}" for p in bots.POLICIES))
        for option in row["options"]:
            cells = "".join(f"{share(option['taken'][p]):>11}" for p in bots.POLICIES)
            lines.append(f"  {option['label'][:38]:<38}{cells}" + ("  DOMINATED" if option["dominated"] else ""))
    return "\n".join(lines)


def report(result: dict, level: Level) -> str:
    games = max(result["games"], 1)
    lines = [f"{result['games']} games of {level.title} played by the '{result['policy']}' bot "
             f"(seed {result['seed']})", "", "Final grades:"]
    for grade, count in result["grades"].items():
        lines.append(f"  {grade:>4}  {count:6}  {'#' * round(40 * count / games)}")
    lines.append(f"Goals reached: {result['goals_reached']} of {result['games']} "
                 f"({100 * result['goals_reached'] / games:.0f}%)")
    allowed = level.empty_months_allowed
    empty = "no meter empty at a month's end" if not allowed else \
        f"at most {allowed} month-end{'s' * (allowed > 1)} with a meter empty, not the last"
    lines.append(f"Good years (goal reached, {'every need met, ' if level.needs else ''}{empty}): "
                 f"{100 * result['good_year_rate']:.0f}%; "
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
