"""How much a player reads: the terminal game played by a bot, counting the words it prints.

A lesson has minutes, and minutes are words: this counts every word the terminal shows a player
(the level, the characters, every card, option, outcome and month summary, the end of the year)
up to the debrief, over many bot years, so `docs/teachers.md` can say how long a year takes.
"""

from __future__ import annotations

import io
import os
import statistics
import tempfile
from pathlib import Path

from game.core import bots, engine, rng
from game.core.model import Level
from game.play.seeds import with_length
from game.text import terminal


class _BotTerminal(terminal.Terminal):
    """A terminal whose answers come from a bot: the character and values by the seed, the rest by policy."""

    def __init__(self, level: Level, policy: str, game: int, out: io.StringIO) -> None:
        super().__init__(io.StringIO(), out)
        self.echo = True  # one year, then stop, as with piped input
        self.debrief = False
        self.level: Level = level  # always set: the bot plays this level's year
        self.policy = policy
        self.game = game
        self.bot = rng.seed_state(f"words-{policy}-{game}")
        self.asked = 0

    def ask(self, n: int, prompt: str | None = None) -> int:
        self.out.write(self.prompt(n, prompt) + "\n")
        self.asked += 1
        state = self.state
        decision = engine.pending(self.level, state) if state is not None else None
        if decision is not None and len(decision.options) == n:
            self.bot, pick = bots.choose(self.policy, decision, self.bot, self.level, state)
            return pick
        if self.asked == 1:  # who to be: every character in turn
            return self.game % n
        self.bot, pick = rng.randint(self.bot, 0, n - 1)
        return pick


def _scratch() -> str | None:
    """A folder in memory where the system has one: saving after every decision costs nothing there."""
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def count_words(text: str) -> int:
    """Words as a reader meets them: runs of characters with a letter or digit in them (not rules of dashes)."""
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def words_shown(level: Level, policy: str, game: int, months: int, data_dir: Path | None = None) -> tuple[int, str]:
    """Play one year by the bot in the terminal; the words shown before the debrief, and the transcript."""
    if data_dir is None:
        with tempfile.TemporaryDirectory(dir=_scratch()) as tmp:
            return words_shown(level, policy, game, months, Path(tmp))
    out = io.StringIO()
    term = _BotTerminal(level, policy, game, out)
    seed = with_length(f"WORDS-{game}", months, level.months)
    terminal._play_one(level, data_dir, seed, None, True, term)
    shown = out.getvalue()
    return count_words(shown), shown


def measure(level: Level, months: int, games: int, policies=bots.POLICIES) -> dict[str, dict]:
    """For each policy: the mean, the largest and the smallest number of words over `games` years."""
    result = {}
    with tempfile.TemporaryDirectory(dir=_scratch()) as tmp:  # the years are saved as a player's would be
        for policy in policies:
            counts = [words_shown(level, policy, n, months, Path(tmp))[0] for n in range(games)]
            result[policy] = {"mean": round(statistics.mean(counts)), "max": max(counts), "min": min(counts)}
    return result


def report(level: Level, months: int, games: int, result: dict[str, dict]) -> str:
    lines = [f"Words shown before the debrief, {months}-month year of {level.title}, {games} bot years a policy:"]
    for policy, r in result.items():
        lines.append(f"  {policy:<11} mean {r['mean']:>5,}  largest {r['max']:>5,}  smallest {r['min']:>5,}")
    top = max(r["max"] for r in result.values())
    mean = statistics.mean(r["mean"] for r in result.values())
    lines.append(f"Reading time at 150 words a minute: {mean / 150:.0f} minutes on average, "
                 f"{top / 150:.0f} at the most (at 100 words a minute: {top / 100:.0f}).")
    return "\n".join(lines)
