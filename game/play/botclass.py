"""A class of bots on a split class code: what kind of difference a teacher can expect before the lesson."""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.core import bots, engine, rng
from game.core.events import plain
from game.core.model import Level
from game.play import classcode, seeds


@dataclass
class BotYear:
    """A year a bot played, with what the class comparison reads."""

    level: Level
    state: engine.State
    data: dict

    @property
    def log(self) -> list[dict]:
        return plain(self.state.log)


MIXED = "mixed"  # a class of every built-in policy in turn, the same mix in each half


def split_class(level: Level, control: Level, policy: str, students: int, seed: str) -> tuple[list, list]:
    """`students` bots, numbered as a teacher would number them, on one split seed; each half's years.

    Every bot plays the same way under either rules: any difference between the halves is what the
    score does to that way of choosing. With MIXED, student i of each half plays policy i in turn."""
    code = classcode.split_code(seed)
    bot = rng.seed_state(f"class-{seed}-{policy}")
    halves: dict[str, list] = {classcode.SCORE: [], classcode.CONTROL: []}
    levels = {level.id: level, control.id: control}
    people, value_ids = list(level.characters), list(level.values)
    for n in range(1, students + 1):
        placed = classcode.place(level, classcode.student_code(code, n))
        played = levels[placed.level_id]
        bot, values = rng.shuffled(bot, value_ids)
        i = (n - 1) // 2  # place within the half: the halves get the same characters and policies
        how = bots.POLICIES[i % len(bots.POLICIES)] if policy == MIXED else policy
        bot, state = bots.play_year(played, placed.seed, people[i % len(people)], values[:3], how, bot,
                                    *seeds.terms(played, placed.seed))
        halves[placed.group].append(BotYear(played, state, {}))
    return halves[classcode.SCORE], halves[classcode.CONTROL]


# --- students for measuring the class experiment itself ----------------------------------------------------

@dataclass(frozen=True)
class Student:
    """A simulated student: chooses by their values, their own meters, a leaning of their own towards civic acts,
    and some noise; an `aware` student also weighs the points an option is expected to bring or cost."""

    values: tuple[str, ...]
    character: str
    civic_leaning: float  # how much this student likes (or avoids) civic acts, whatever the rules
    caution: float  # how much their own meters count for them
    aware: bool

    def pick(self, decision: engine.Decision, bot: int) -> tuple[int, int]:
        best, top = -1, 0.0
        for i, option in enumerate(decision.options):
            if not option.get("available", True):
                continue
            values = sum(w for v, w in option.get("values", {}).items() if v in self.values)
            outlook = option["request_outcome"]
            own = sum(option["effects"].values()) + (2 * bots.OUTLOOK[outlook] if outlook else 0.0)
            civic = self.civic_leaning if option.get("civic") else 0.0
            points = option["expected_points"] / POINTS_FELT if self.aware else 0.0
            bot, draw = rng.randint(bot, 1, 1_000_000)
            noise = -math.log(-math.log(draw / 1_000_001))  # Gumbel: a logit choice between the options
            utility = values + self.caution * own + civic + points + NOISE * noise
            if best < 0 or utility > top:
                best, top = i, utility
        return bot, best


POINTS_FELT = 8.0  # an aware student weighs 8 points of score like one point of a meter or of a value
NOISE = 1.0


def students(level: Level, size: int, aware: float, bot: int) -> tuple[int, list[Student]]:
    """A class of `size` students, the first round(aware * size) of them score-aware, in a random order."""
    people, value_ids = list(level.characters), list(level.values)
    out = []
    n_aware = round(aware * size)
    for n in range(size):
        bot, values = rng.shuffled(bot, value_ids)
        bot, who = rng.randint(bot, 0, len(people) - 1)
        bot, lean = rng.randint(bot, -200, 200)
        bot, care = rng.randint(bot, 50, 150)
        out.append(Student(tuple(values[:3]), people[who], lean / 100, care / 100, n < n_aware))
    bot, order = rng.shuffled(bot, list(range(size)))
    return bot, [out[i] for i in order]


def _play(level: Level, seed: str, student: Student, bot: int) -> tuple[int, BotYear]:
    state = seeds.new_year(level, seed, student.character, student.values)
    if isinstance(state, engine.Refusal):
        raise ValueError(f"a student cannot start this year: {state.code}")
    while not state.over:
        decision = engine.pending(level, state)
        assert decision is not None  # a year not over always waits on a decision
        bot, pick = student.pick(decision, bot)
        new = engine.apply(level, state, pick)
        if isinstance(new, engine.Refusal):
            raise ValueError(f"a student's pick was refused: {new.code}")
        state = new
    return bot, BotYear(level, state, {})


def experiment_class(level: Level, control: Level, design: str, size: int, aware: float,
                     seed: str) -> tuple[list, list]:
    """One simulated class on one class code, as the teacher would run it: the years under the score and
    the years under the control level (crossover: two per student, numbered and ordered by the code)."""
    bot = rng.seed_state(f"experiment-{seed}")
    bot, pupils = students(level, size, aware, bot)
    levels = {level.id: level, control.id: control}
    scored: list = []
    unscored: list = []
    for n, student in enumerate(pupils, start=1):
        codes: tuple[str, ...] = (classcode.cross_codes(classcode.cross_code(seed), n)
                                  if design == classcode.CROSSOVER else
                                  (classcode.student_code(classcode.split_code(seed), n),))
        for code in codes:
            placed = classcode.place(level, code)
            bot, year = _play(levels[placed.level_id], placed.seed, student, bot)
            (scored if placed.group == classcode.SCORE else unscored).append(year)
    return scored, unscored
