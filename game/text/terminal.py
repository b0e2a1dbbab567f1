"""The whole game in a terminal: for screen readers, machines without graphics, and tests.

It only prints the state and sends choices to the engine; one line of input per prompt, and every
prompt accepts a single number. The game is saved after every decision.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TextIO

from game.core import engine
from game.core.model import Level
from game.play import saves
from game.play.paths import default_data_dir
from game.words import narrate
from game.words.i18n import _

WIDTH = 78
RULE = "-" * WIDTH
MAX_BAD_LINES = 50


class InputEnded(Exception):
    """Standard input closed (or only sent nonsense) before the game was over."""


class QuitRequested(Exception):
    """The player typed q."""


class EndRequested(Exception):
    """The player typed e and confirmed: the year ends now and the debrief follows."""


class Terminal:
    """Reads numbered answers and writes wrapped text."""

    def __init__(self, inp: TextIO, out: TextIO) -> None:
        self.inp = inp
        self.out = out
        self.echo = not _isatty(inp)
        self.show_rules = None
        self.can_end = False  # e ends the year, once there is a year to end
        self.state = None
        self.data_dir: Path | None = None  # named in the resume hint when it is not the default

    def say(self, text: str = "", indent: str = "") -> None:
        if not text:
            self.out.write("\n")
            return
        for para in text.split("\n"):
            self.out.write(textwrap.fill(para, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ",
                                         break_on_hyphens=False, break_long_words=False) + "\n")

    def ask(self, n: int, prompt: str | None = None) -> int:
        """Return a 0-based choice among n; 'r' shows the rules, 'q' saves and quits."""
        prompt = prompt or _("Your choice")
        bad = 0
        while True:
            self.out.write(f"{prompt} (1-{n}): ")
            self.out.flush()
            line = self.inp.readline()
            if not line:
                self.out.write("\n")
                raise InputEnded
            answer = line.strip().lower()
            if self.echo:
                self.out.write(answer + "\n")
            if answer.isdecimal() and answer.isascii() and 1 <= int(answer) <= n:
                return int(answer) - 1
            if answer == "q":
                raise QuitRequested
            if answer == "r" and self.show_rules:
                self.show_rules()
                continue
            if answer == "e" and self.can_end:
                self.can_end = False  # the question below must not offer e again
                try:
                    if self.ask(2, _("End the year now and go to the debrief? 1 = yes, 2 = no")) == 0:
                        raise EndRequested
                finally:
                    self.can_end = True
                continue
            bad += 1
            if self.echo and bad >= MAX_BAD_LINES:
                raise InputEnded
            self.say(_("Please type a number from 1 to {n}.").format(n=n))


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def play(level: Level, data_dir: Path, seed: str, character: str | None, new: bool,
         inp: TextIO, out: TextIO) -> int:
    """Play one game (or, on a terminal, as many as the player wants). Returns the exit status."""
    term = Terminal(inp, out)
    term.data_dir = None if data_dir == default_data_dir() else data_dir
    while True:
        status = _play_one(level, data_dir, seed, character, new, term)
        if status is not None:
            return status
        if term.echo:
            return 0
        term.say(_("1. Play another year   2. Stop"))
        try:
            if term.ask(2) == 1:
                return 0
        except (InputEnded, QuitRequested):
            return 0
        new = True


def show_finished(level: Level, state: engine.State, inp: TextIO, out: TextIO) -> int:
    """A replayed year that is already over: its summary and its debrief."""
    term = Terminal(inp, out)
    for line in narrate.end_summary(level, state.log, state.character):
        term.say(line)
    _show_debrief(level, state, term)
    return 0


def _play_one(level: Level, data_dir: Path, seed: str, character: str | None, new: bool,
              term: Terminal) -> int | None:
    state = None if new else _resume(level, data_dir, term)
    try:
        if state is None:
            state = _setup(level, seed, character, term)
            if isinstance(state, engine.Refusal):
                term.say(narrate.refusal_text(state))
                return 2
            _save(data_dir, state, level, term)  # so that quitting before the first decision keeps it
        term.state = state
        term.show_rules = lambda: _show_rules(level, term.state, term)
        term.can_end = True
        term.say(_("At any question: r shows the rules, e ends the year now, q saves and quits."))
        _show_month(level, state, term)
        while not state.over:
            decision = engine.pending(level, state)
            _show_decision(level, state, decision, term)
            try:
                choice = term.ask(len(decision.options))
            except EndRequested:
                choice = engine.END_NOW
            new_state = engine.apply(level, state, choice)
            _show_events(level, new_state, new_state.log[len(state.log):], term)
            state = term.state = new_state
            _save(data_dir, state, level, term)
    except InputEnded:
        return _stopped(state, term, _("Input ended."))
    except QuitRequested:
        return _stopped(state, term, _("Game saved."))
    term.say(RULE)
    for line in narrate.end_summary(level, state.log, state.character):
        term.say(line)
    record = engine.record(state, level)
    try:
        path = saves.write_log(data_dir, record, state.log)
        saves.clear_save(data_dir)
        term.say("")
        term.say(_("The log of your year is in {path}").format(path=path))
    except OSError as exc:
        term.say(_("Could not write the log of your year: {err}").format(err=exc.strerror))
    _show_debrief(level, state, term)
    return None


def _show_debrief(level: Level, state: engine.State, term: Terminal) -> None:
    """The debrief after the year, page by page; on a terminal the player presses Enter between pages."""
    from game.content.levels import comparison_levels
    from game.core import debrief, gamecode
    from game.report import debrief_text

    data = debrief.debrief(level, state.log, comparison_levels(level))
    term.say("")
    term.say("=" * WIDTH)
    term.say(_("DEBRIEF: HOW THE RULES SHAPED YOUR CHOICES"))
    term.say("=" * WIDTH)
    for n, (title, prompt, sections) in enumerate(debrief_text.pages(level, data), start=1):
        term.say("")
        term.say(f"{n}. {title.upper()}")
        term.say(prompt)
        for heading, items in sections:
            if heading:
                term.say(heading + ":")
            for item in items:
                term.say(f"- {item}", indent="  ")
    try:
        code = gamecode.encode(level, state.seed, state.character, state.values, state.choices)
        term.say("")
        term.say(_("Game code (write it down: `python -m game play --code CODE` replays this year):"))
        term.say(code, indent="  ")
    except gamecode.CodeError:
        pass
    term.say(_("`python -m game export --out FOLDER` writes this debrief as a printable report."))


def _stopped(state, term: Terminal, why: str) -> int:
    if state is None or isinstance(state, engine.Refusal):
        term.say(why + " " + _("The game had not started, so there is nothing to save."))
    else:
        where = f" --data-dir {term.data_dir}" if term.data_dir else ""
        term.say(why + " " + _("Your game is saved: run `python -m game play --text{where}` to continue.").format(
            where=where))
    return 0


def _resume(level: Level, data_dir: Path, term: Terminal) -> engine.State | None:
    try:
        saved = saves.load_save(data_dir)
    except saves.SaveError as exc:
        term.say(str(exc))
        return None
    if saved is None or saved.level != level.id:
        return None
    state = engine.replay(level, saved.seed, saved.character, saved.values, saved.choices)
    if isinstance(state, engine.Refusal):
        aside = saves.move_aside(data_dir / saves.AUTOSAVE, "unplayable")
        term.say(_("Your saved game no longer fits this level's cards ({why}); it was kept as {name} and a new "
                   "game starts.").format(why=narrate.refusal_text(state), name=aside.name))
        return None
    if saved.content_hash != level.content_hash:
        term.say(_("The level's cards have changed since you saved; your choices were replayed with the new ones."))
    term.say(_("Continuing your saved game: {name}, {month}.").format(
        name=level.characters[saved.character].name, month=narrate.month_name(level, state.month)))
    return state


def _setup(level: Level, seed: str, character: str | None, term: Terminal) -> engine.State | engine.Refusal:
    term.say(RULE)
    term.say(level.title.upper())
    term.say(level.summary)
    term.say(_("Seed: {seed} (share it and everyone plays the same deck)").format(seed=seed))
    term.say(RULE)
    if character is None:
        term.say(_("Who are you this year?"))
        people = list(level.characters.values())
        for i, who in enumerate(people, start=1):
            term.say(f"{i}. {who.name}, {who.role}")
            term.say(who.text, indent="     ")
            term.say(_("Goal: {goal}").format(goal=who.goal.text), indent="     ")
        character = people[term.ask(len(people))].id
    term.say("")
    term.say(_("Which three things matter most to you? Pick one at a time."))
    left = list(level.values.values())
    values: list[str] = []
    while len(values) < 3:
        for i, v in enumerate(left, start=1):
            term.say(f"{i}. {v.label}")
        picked = left.pop(term.ask(len(left), _("Value {n} of 3").format(n=len(values) + 1)))
        values.append(picked.id)
    term.say(_("You care most about: {list}.").format(list=", ".join(level.values[v].label for v in values)))
    return engine.new_game(level, seed, character, values)


def _show_month(level: Level, state: engine.State, term: Terminal) -> None:
    term.say("")
    term.say("=" * WIDTH)
    deadline = narrate.goal_status(level, state)
    term.say(f"{narrate.round_name(level, state).upper()} · {deadline}")
    term.say(narrate.status_line(level, state.score, state.meters))
    term.say("=" * WIDTH)


def _show_decision(level: Level, state: engine.State, decision: engine.Decision, term: Terminal) -> None:
    term.say("")
    if decision.kind == engine.CARD:
        card = decision.card
        place = level.places[card.place].label if card.place else ""
        where = f" · {place}" if place and place != level.categories[card.category].label else ""
        term.say(f"[{level.categories[card.category].label}{where}]  {card.title.upper()}")
        term.say(card.text, indent="  ")
        term.say(_("Source: {label}").format(label=narrate.SOURCE_WORDS[card.source.label]), indent="  ")
    else:
        term.say(_("CIVIC ACTS: you may do one of these this month, or none."))
        for civic_id in state.offers:
            act = level.civic[civic_id]
            term.say(f"{act.label}: {act.text} ({narrate.SOURCE_WORDS[act.source.label]})", indent="  ")
    term.say("")
    for i, option in enumerate(decision.options, start=1):
        eye = "  [" + _("watched") + "]" if narrate.watched(option) else ""
        term.say(f"{i}. {narrate.option_label(option)}{eye}")
        for line in narrate.option_lines(level, option):
            term.say(line, indent="     ")


def _show_events(level: Level, state: engine.State, events: list[dict], term: Terminal) -> None:
    for line in narrate.decision_lines(level, events):
        term.say(line, indent="  ")
    for event in events:
        if event["t"] == "month_end":
            term.say("")
            term.say(RULE)
            for line in narrate.month_summary(level, state.log, event["month"]):
                term.say(line)
            term.say(RULE)
        elif event["t"] == "month":
            _show_month(level, state, term)
        elif event["t"] == "policy":
            for line in narrate.event_lines(level, event):
                term.say(line, indent="  ")


def _show_rules(level: Level, state: engine.State, term: Terminal) -> None:
    term.say(RULE)
    for line in narrate.rulebook_lines(level, state.policies):
        term.say(line)
    term.say(RULE)


def _save(data_dir: Path, state: engine.State, level: Level, term: Terminal) -> None:
    if state.over:
        return
    try:
        saves.save_game(data_dir, engine.record(state, level))
    except OSError as exc:
        if not getattr(term, "save_warned", False):
            term.say(_("Could not save the game in {dir}: {err}").format(dir=data_dir, err=exc.strerror))
            term.save_warned = True
