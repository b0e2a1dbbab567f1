"""The validator plays the level: every character, many seeds, simple bots; it warns of what ruins a year.

A level can be valid field by field and still fail its players: a deck that runs dry, a card that is
never dealt, a goal no one can reach, a grade no one gets. These show only in play, so `validate`
plays a few games per character (fast: the engine plays thousands a second) and reports each with
the file and line an author will edit.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from game.content.level import extends_chain, resolved_files, shown_path
from game.content.yamlfile import LDict, LList, Problem, read_yaml
from game.core import bots, engine, rng
from game.core.events import MonthEvent
from game.core.model import Level

SEEDS = 20  # games per character; policies take turns so cautious and reckless years are both seen
EXTRA = 5  # a card not yet dealt is looked for in up to this many times more games


def _where(folder: Path) -> dict:
    """(kind, id) -> (shown path, line) for the things a warning points at, read from the level's own files."""
    out: dict = {}
    chain = extends_chain(folder)
    files = resolved_files(folder, chain)
    for name, path in files.items():
        data, _problems = read_yaml(path, "")
        shown = shown_path(path)
        if name in ("characters.yaml", "cards.yaml") or name.startswith("cards/"):
            kind = "character" if name == "characters.yaml" else "card"
            items: Any = data if isinstance(data, LList) else LList()
            for i, item in enumerate(items):
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    out.setdefault((kind, item["id"]), (shown, items.line_of(i)))
        elif name == "rulebook.yaml" and isinstance(data, LDict):
            out[("file", "rulebook")] = (shown, 1)
            grades: Any = data.get("grades")
            for i, g in enumerate(grades if isinstance(grades, LList) else ()):
                if isinstance(g, dict):
                    out[("grade", str(g.get("grade")))] = (shown, grades.line_of(i))
    for level_folder, data in chain:  # the nearest level.yaml that says how many cards a month deals
        if isinstance(data, LDict) and "cards_per_month" in data:
            out[("level", "cards_per_month")] = (shown_path(level_folder / "level.yaml"),
                                                 data.line_of("cards_per_month"))
            break
    return out


def _play(level: Level, character: str, n: int) -> engine.State:
    """One game by a bot; each character and game number has its own seed, so decks differ. One game in
    four turns the level's options on (cards a teacher leaves out), so the cards they add are dealt too."""
    policy = bots.POLICIES[n % len(bots.POLICIES)]
    seed = f"PLAYTEST-{n}-{list(level.characters).index(character)}"
    options: list[str] = []
    if level.options and n % 4 == 3:  # named in the seed too, as a class seed would (the same decks as ever)
        options = list(level.options)
        seed += "".join(f"-{o.seed_tag}" for o in level.options.values())
    return bots.play_year(level, seed, character, list(level.values)[:3], policy, rng.seed_state(seed),
                          options=options)[1]


def playtest(level: Level, seeds: int = SEEDS) -> list[Problem]:
    """Play `seeds` games per character and return warnings, each located at the line to change."""
    where = _where(Path(level.folder))
    dealt: set[str] = set()
    flags_held: set[str] = set()
    grades_seen: set[str] = set()
    dry: dict[str, Counter] = {c: Counter() for c in level.characters}
    dry_games: Counter = Counter()
    reached: Counter = Counter()

    def take(character: str, state: engine.State, count_dry: bool) -> None:
        flags_held.update(state.flags, level.characters[character].flags)
        month, wanted, got, months_dry = 0, 0, False, set()
        closing: MonthEvent = {"t": "month", "month": 0}  # closes the last month
        for event in [*state.log, closing]:
            if event["t"] == "month":
                if month and wanted and not got:
                    months_dry.add(month)
                month, wanted, got = event["month"], level.cards_min, False
            elif event["t"] == "draw" and event["what"] == "cards_this_month":
                assert isinstance(event["outcome"], int)
                wanted = event["outcome"]
            elif event["t"] == "deal":
                got = True
                dealt.update(event["cards"])
            elif event["t"] == "decision" and event["card"] in level.cards:  # flags set on the way, even if cleared
                card = event["card"]
                assert card is not None
                dealt.add(card)  # a trigger's card slipped into this month's queue has no deal event
                choice = level.cards[card].choices[event.get("choice", event["chosen"])]  # hidden ones shift options
                flags_held.update(choice.set, choice.granted.set, choice.denied.set)
            elif event["t"] == "month_end" and event["grade"]:
                grades_seen.add(event["grade"])
            elif event["t"] == "goal" and event["reached"]:
                reached[character] += 1
        if count_dry:
            for m in months_dry:
                dry[character][m] += 1
            dry_games[character] += bool(months_dry)

    for character in level.characters:
        for n in range(seeds):
            take(character, _play(level, character, n), True)
    # a card missed by chance is looked for a while longer, so a warning means it is rare or never dealt
    games = seeds * len(level.characters)
    for n in range(seeds, seeds * EXTRA):
        undealt = [c for c in level.cards.values() if c.id not in dealt]
        if not undealt:
            break
        wanted = {w for c in undealt for w in (c.when.characters or level.characters)}
        for character in level.characters:
            if character in wanted:
                take(character, _play(level, character, n), False)
                games += 1
    out: list[Problem] = []

    def warn(key: tuple, message: str) -> None:
        shown, line = where.get(key, (shown_path(Path(level.folder) / "level.yaml"), 1))
        out.append(Problem(shown, line, message, warning=True))

    period, periods = level.words.get("period", "month"), level.words.get("periods", "months")
    for character, months in dry.items():
        if months:
            spread = ", ".join(f"{m} ({k} games)" for m, k in sorted(months.items()))
            warn(("character", character),
                 f"character '{character}': the deck ran dry in {dry_games[character]} of {seeds} games, with no "
                 f"card in {period} {spread}: add cards this character can get in those {periods}, or deal fewer "
                 f"a {period}")
    followed = {ch.follow_up for card in level.cards.values() for ch in card.choices if ch.follow_up}
    for card in level.cards.values():
        if card.id in dealt:
            continue
        when = card.when
        if level.rulebook.score is None and any(c.kind in ("score", "grade") for c in when.conds):
            continue  # a card about the score, shared with a world that keeps none: never dealt there, by design
        missing = [f for f in when.needs if f not in flags_held]
        if not when.deck and card.id not in followed:
            why = "it is kept out of the deck (deck: false) and no choice leads to it with follow_up"
        elif missing:
            why = f"it needs flag '{missing[0]}', which no player had in any game"
        elif when.characters and not set(when.characters) & set(level.characters):
            why = "none of its characters is in this level"
        else:
            why = ("its months, flags or characters leave it no room, or its months are full of other cards: "
                   "widen its months or deal more cards a month")
        warn(("card", card.id), f"card '{card.id}' was never dealt in {games} games: {why}")
    rulebook = level.rulebook
    for character, who in level.characters.items():
        if reached[character]:
            continue
        denied = [s for s in who.goal.needs
                  if rulebook.score is not None and rulebook.grades
                  and all(rulebook.access[s].get(g.grade, rulebook.access[s].get("*")) == "denied"
                          for g in rulebook.grades)]
        why = (f"'{denied[0]}' is denied at every grade" if denied else
               f"it is due in {period} {who.goal.by}: check that the cards and rules before then can get "
               f"{', '.join(who.goal.needs)}")
        warn(("character", character),
             f"character '{character}': the goal was reached in none of {seeds} games: {why}")
    if rulebook.score is not None:
        for grade in rulebook.grades:
            if grade.grade in grades_seen:
                continue
            if grade.min > rulebook.score.max:
                why = f"it needs {grade.min} points but the score's max is {rulebook.score.max}"
            else:
                why = f"no player's score ended a {period} in its range: check its min against the points on offer"
            warn(("grade", grade.grade), f"grade '{grade.grade}' was never reached in "
                                         f"{seeds * len(level.characters)} games: {why}")
    return sorted(out)
