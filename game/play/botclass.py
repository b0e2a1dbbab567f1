"""A class of bots on a split class code: what kind of difference a teacher can expect before the lesson."""

from __future__ import annotations

from dataclasses import dataclass

from game.core import bots, engine, rng
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
        return self.state.log


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
