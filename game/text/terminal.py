"""The whole game in a terminal: for screen readers, machines without graphics, and tests.

It only prints the state and sends choices to the engine; one line of input per prompt, and every
prompt accepts a single number. The game is saved after every decision.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from game.content.files import clean_line
from game.core import engine
from game.core.model import Level
from game.core.rules import grade_of
from game.play import classcode, seeds, yearlog
from game.play.paths import new_seed
from game.play.session import SaveError, Session, describe, matching, resume_command, unfinished
from game.words import narrate
from game.words.i18n import _, ngettext

if TYPE_CHECKING:
    from game.core.debrief import Answer, Question

WIDTH = 78
RULE = "-" * WIDTH
MAX_BAD_LINES = 50
MAX_REFUSED = 3  # a greyed choice sent this often in a row by piped input stops the game, saved: it cannot change


class InputEnded(Exception):
    """Standard input closed (or only sent nonsense) before the game was over."""


class StuckInput(InputEnded):
    """Piped input kept sending a choice that is not open: it would send it forever."""


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
        self.show_rules: Callable[[], None] | None = None  # `r`: the rules in force, once there is a year
        self.show_sources: Callable[[], None] | None = None  # `s`: the readings of the real system in full
        self.can_end = False  # e ends the year, once there is a year to end
        self.civic_met: set[str] = set()  # civic acts already described to this player
        self.perks_told: set[str] = set()  # a grade's perks and penalties, explained once
        self.notes_told: set[str] = set()  # what is real about a refusal, said once
        self.rest_told = ""  # what a free evening gives, said again only when it changes
        self.watchers_told: set = set()  # (act, watcher): who watches an act is said the first time
        self.counters_told: set[str] = set()  # counters whose note was said, and whether the market closed
        self.debrief = True  # False: stop at the end of the year (measuring words)
        self.state: engine.State | None = None
        self.level: Level | None = None  # the level being played: its words for the year and its rounds
        self.data_dir: Path | None = None  # named in the resume hint when it is not the default
        self.check_on = False  # the two-minute check before the year and after the debrief
        self.checked: dict[str, Any] | None = None  # this year's check answers, once the first round was offered
        self.save_warned = False  # a save that failed is said once

    def say(self, text: str = "", indent: str = "") -> None:
        if not text:
            self.out.write("\n")
            return
        for para in text.split("\n"):
            para = clean_line(para)  # text from level files and saves never reaches the terminal as escapes
            self.out.write(textwrap.fill(para, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ",
                                         break_on_hyphens=False, break_long_words=False) + "\n")

    def command(self, text: str) -> None:
        """A command to copy, on its own line and never wrapped, so it pastes as printed."""
        self.out.write("    " + clean_line(text) + "\n")

    def new_to_player(self, line: str) -> bool:
        """False for a note on what is real that this player has already been told this year."""
        notes = (_("The article's thought experiment."), _("The game simplifies."))
        if not line.startswith(notes):
            return True
        if line in self.notes_told:
            return False
        self.notes_told.add(line)
        return True

    def prompt(self, n: int, prompt: str | None = None) -> str:
        return f"{prompt or _('Choose')} (1-{n}): "

    def read(self, prompt: str) -> str:
        """One answer typed after `prompt`, trimmed and in small letters (echoed when input is piped);
        InputEnded at the end of input."""
        self.out.write(prompt)
        self.out.flush()
        line = self.inp.readline()
        if not line:
            self.out.write("\n")
            raise InputEnded
        answer = line.strip().lower()
        if self.echo:
            self.out.write(clean_line(answer) + "\n")
        return answer

    def ask(self, n: int, prompt: str | None = None) -> int:
        """Return a 0-based choice among n; 'r' shows the rules, 'e' ends the year, 'q' saves and quits."""
        bad = 0
        while True:
            answer = self.read(self.prompt(n, prompt))
            if answer.isdecimal() and answer.isascii() and 1 <= int(answer) <= n:
                return int(answer) - 1
            if answer == "q":
                raise QuitRequested
            if answer == "r" and self.show_rules:
                self.show_rules()
                continue
            if answer == "s" and self.show_sources:
                self.show_sources()
                continue
            if answer == "e" and self.can_end:
                self.can_end = False  # the question below must not offer e again
                try:
                    question = narrate.own(self.level, _("End the year now and go to the debrief? 1 = yes, 2 = no"))
                    if self.ask(2, question) == 0:
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


def play(level: Level, data_dir: Path, seed: str | None, character: str | None, new: bool,
         inp: TextIO, out: TextIO, hint_dir: Path | None = None, start: engine.State | None = None,
         check: bool = False) -> int:
    """Play one game (or, on a terminal, as many as the player wants). Returns the exit status.

    `hint_dir` is the data folder as the resume hint must name it (None when it is the default);
    `start` is a year replayed from a game code, to go on with.
    """
    term = Terminal(inp, out)
    term.data_dir = hint_dir
    term.level = level
    term.check_on = check and bool(level.statements)
    while True:
        status = _play_one(level, data_dir, seed, character, new, term, start)
        if status is not None:
            return status
        if term.echo:
            return 0
        term.say(narrate.own(level, _("1. Play another year   2. Stop")))
        try:
            if term.ask(2) == 1:
                return 0
        except (InputEnded, QuitRequested):
            return 0
        new, seed, start = True, None, None


def show_finished(level: Level, state: engine.State, inp: TextIO, out: TextIO) -> int:
    """A replayed year that is already over: its summary and its debrief."""
    term = Terminal(inp, out)
    term.level = level
    for line in narrate.end_summary(level, state.log, state.character):
        term.say(line)
    _show_debrief(level, state, term)
    return 0


def _play_one(level: Level, data_dir: Path, seed: str | None, character: str | None, new: bool,
              term: Terminal, start: engine.State | None = None) -> int | None:
    session: Session | None = None
    try:
        session = _choose_year(level, data_dir, seed, character, new, term, start)
        if session is None:
            state = _setup(level, seed or new_seed(), character, term)
            if isinstance(state, engine.Refusal):
                term.say(narrate.refusal_text(state))
                return 2
            session = Session.start(level, data_dir, state)  # saved now, so quitting before the first decision keeps it
        _warn_save(session, term)
        state = term.state = session.state
        def show_rules() -> None:  # the rules in force at the question: term.state follows the year
            if term.state is not None:
                _show_rules(level, term.state, term)

        term.show_rules = show_rules
        term.can_end = True
        if level.debrief.get("readings"):
            term.show_sources = lambda: _show_sources(level, term)
            term.say(narrate.own(level, _("At any question: r shows the rules, s the sources, e ends the year now, "
                                          "q saves and quits.")))
        else:
            term.say(narrate.own(level, _("At any question: r shows the rules, e ends the year now, q saves and "
                                          "quits.")))
        if term.check_on and session.check is None and not state.choices and not state.over:
            term.checked = run_check(level, term, None, "before")
            if term.checked is not None:
                session.keep_check(term.checked)  # kept with the year, should it be continued later
        elif session.check is not None:
            term.checked = session.check  # a year continued: its first round was taken before it
        if not state.over:
            _show_month(level, state, term)
        while not session.state.over:
            state = session.state
            decision = engine.pending(level, state)
            assert decision is not None  # a year not over has a decision pending
            _show_decision(level, state, decision, term)
            refused = 0
            while True:  # a greyed choice is named with its reason and asked again, never taken
                try:
                    choice = term.ask(len(decision.options))
                except EndRequested:
                    choice = engine.END_NOW
                counted = dict(state.counters)
                events = session.choose(choice)
                if session.refused is None:
                    break
                term.say(narrate.refusal_text(session.refused))
                refused += 1
                if term.echo and refused >= MAX_REFUSED:
                    raise StuckInput(_("The input sent a choice that is not open {n} times in a row; stopping "
                                       "here.").format(n=refused))
            _show_events(level, session.state, events, term, counted)
            term.state = session.state
            _warn_save(session, term)
    except StuckInput as exc:
        _stopped(session, level, term, str(exc))
        return 1
    except InputEnded:
        return _stopped(session, level, term, _("Input ended."))
    except QuitRequested:
        return _stopped(session, level, term, "")
    state = session.state
    term.say(RULE)
    for line in narrate.end_summary(level, state.log, state.character, goal_told=True):
        if term.new_to_player(line.strip()):
            term.say(line)
    if not term.debrief:
        return None
    if session.log_path is None and session.save_error is None:
        session.finish()
    term.say("")
    if session.log_path is not None:
        term.say(narrate.own(level, _("The log of your year is in {path}")).format(path=session.log_path))
    else:
        term.say(session.save_error or "")
    _show_debrief(level, state, term, session.log_path)
    return None


def _choose_year(level: Level, data_dir: Path, seed: str | None, character: str | None, new: bool,
                 term: Terminal, start: engine.State | None) -> Session | None:
    """The saved year to go on with, or None for a new one. Never replaces or loses another year."""
    years, notes = unfinished(data_dir)
    for note in notes:
        term.say(note)
    mine = [s for s in years if s.level == level.id]
    others = sorted({s.level for s in years if s.level != level.id})
    for other in others:
        term.say(_("An unfinished year in the level '{level}' is kept; to continue it:").format(level=other))
        term.command(resume_command(other, term.data_dir))
    if start is not None:
        return Session.from_code(level, data_dir, start)
    candidates = [] if new else matching(mine, seed, character)
    if (new or seed or character) and len(candidates) < len(mine):
        term.say(ngettext("{n} other unfinished year of this level is kept; this command offers it:",
                          "{n} other unfinished years of this level are kept; this command offers them:",
                          len(mine) - len(candidates)).format(n=len(mine) - len(candidates)))
        term.command(resume_command(level.id, term.data_dir))
    while candidates:
        if len(candidates) == 1:
            picked = candidates[0]
        else:
            term.say(narrate.own(level, _("Unfinished years of this level, newest first:")))
            for i, saved in enumerate(candidates, start=1):
                term.say(f"{i}. {describe(level, saved)}")
            term.say(narrate.own(level, _("{n}. Start a new year (the others are kept)")).format(n=len(candidates) + 1))
            n = term.ask(len(candidates) + 1, narrate.own(level, _("Which year")))
            if n == len(candidates):
                return None
            picked = candidates[n]
        session = _open(level, data_dir, picked, term)
        if session is not None:
            return session
        candidates.remove(picked)
    return None


def _open(level: Level, data_dir: Path, saved, term: Terminal) -> Session | None:
    try:
        session = Session.open(level, data_dir, saved)
    except SaveError as exc:
        term.say(str(exc))
        return None
    if session.note:
        term.say(session.note)
    term.say(_("Continuing your saved game: {name}, {month}.").format(
        name=level.characters[saved.character].name, month=narrate.month_name(level, session.state.month)))
    return session


def _warn_save(session: Session, term: Terminal) -> None:
    if session.save_error and not term.save_warned:
        term.say(session.save_error)
        term.save_warned = True


def _show_debrief(level: Level, state: engine.State, term: Terminal, log_path: Path | None = None) -> None:
    """The debrief after the year: the feelings page, then "why did you choose?" for a few moments where
    points were at stake (answers kept beside the log), then the other pages."""
    from game.content.levels import comparison_levels
    from game.core import debrief
    from game.play.session import keep_answers
    from game.report import debrief_text

    others = comparison_levels(level)
    data = debrief.debrief(level, state.log, others)
    term.say("")
    term.say("=" * WIDTH)
    term.say(_("DEBRIEF: HOW THE RULES SHAPED YOUR CHOICES"))
    term.say("=" * WIDTH)
    pages = debrief_text.pages(level, data, chart=False)
    _say_page(term, 1, pages[0])
    answers = _ask_why(level, data["questions"], term)
    if answers:
        if log_path is not None:
            try:
                keep_answers(log_path, answers)
            except (OSError, ValueError) as exc:
                term.say(_("Could not keep your answers: {err}").format(err=exc))
        data = debrief.debrief(level, state.log, others, answers)
        pages = debrief_text.pages(level, data, chart=False)
    for n, page in enumerate(pages[1:], start=2):
        _say_page(term, n, page)
    checked = None
    if term.checked is not None:
        from game.core.check import answered
        from game.play.session import keep_check

        term.can_end = False
        checked = run_check(level, term, term.checked, "after") if answered(term.checked) else term.checked
        term.checked = None
        if log_path is not None and checked is not None and answered(checked):
            try:
                keep_check(log_path, checked)
            except (OSError, ValueError) as exc:
                term.say(_("Could not keep your answers: {err}").format(err=exc))
    code = yearlog.code_of(level, state, answers, checked)
    if code:
        term.say("")
        term.say("*" * WIDTH)
        term.say(narrate.own(level, _("YOUR CODE TO HAND IN (it carries your answers; copy it into the class's "
                                      "list, or write it down):") if answers or checked else
                                    _("YOUR GAME CODE (copy it into the class's list, or write it down):")))
        term.say("")
        term.say(code, indent="    ")
        term.say("")
        term.say(narrate.own(level, _("(`python -m game play --code CODE` replays this year.)")))
        term.say("*" * WIDTH)
    other = debrief_text.otherwise_lines(level, data)
    if other:
        term.say(narrate.own(level, _("Play the year where you chose otherwise (`python -m game play --code CODE`):")))
        for line in other:
            term.say(line, indent="  ")
    term.say(_("`python -m game export --out FOLDER` writes this debrief as a printable report."))
    _show_sources(level, term)


def _show_sources(level: Level, term: Terminal) -> None:
    """Every reading of the real system in full with its source, the hard edges with the reassurances:
    what the window's sources screen shows, so nothing is window-only (a screen reader reads it here)."""
    from game.report import debrief_text

    readings = debrief_text.readings(level)
    if not readings:
        return
    term.say(RULE)
    term.say(_("SOURCES: WHAT IS REAL (each reading in full, with where it comes from)"))
    for line in readings:
        term.say(f"- {line}", indent="  ")
    for line in narrate.about_lines(level):
        term.say(line)
    term.say(RULE)


def _say_page(term: Terminal, n: int, page) -> None:
    title, prompt, sections = page
    term.say("")
    term.say(f"{n}. {title.upper()}")
    term.say(prompt)
    for heading, items in sections:
        if heading:
            term.say(heading + ":")
        for item in items:
            term.say(f"- {item}", indent="  ")


def _ask_why(level: Level, questions: list[Question], term: Terminal) -> list[Answer]:
    """Ask why the player chose as they did, for the few moments the debrief picked; never guessed."""
    from game.report import debrief_text

    if not questions:
        return []
    term.say("")
    term.say(_("WHY DID YOU CHOOSE? Points were at stake in these moments; only you know why."))
    choices = debrief_text.why_choices()
    answers: list[Answer] = []
    for q in questions:
        term.say("")
        term.say(debrief_text.question_text(level, q))
        for i, (_key, words) in enumerate(choices, start=1):
            term.say(f"{i}. {words}", indent="  ")
        try:
            pick = term.ask(len(choices), _("Why"))
        except (InputEnded, QuitRequested):
            break
        answers.append({"step": q["step"], "answer": choices[pick][0]})
    return answers


def _stopped(session: Session | None, level: Level, term: Terminal, why: str) -> int:
    if session is None:
        term.say((why + " " if why else "") + _("The game had not started, so there is nothing to save."))
    elif session.save_error:
        term.say(why + " " + session.save_error)
    else:
        term.say((why + " " if why else "") + _("Your game is saved. To continue it, run:"))
        term.command(resume_command(level.id, term.data_dir))
    return 0


def _setup(level: Level, seed: str, character: str | None, term: Terminal) -> engine.State | engine.Refusal:
    term.say(RULE)
    if classcode.is_split(seed):
        # a class experiment: both groups see one neutral title and no summary, so no one learns from the screen
        # which rulebook they live under (the debrief reveals it)
        term.say((level.base or level.id).replace("_", " ").upper())
    else:
        term.say(level.title.upper())
        term.say(level.summary)
    term.say(_("Seed: {seed} (share it and everyone plays the same deck)").format(seed=seed))
    term.say(RULE)
    if character is None:
        term.say(narrate.own(level, _("Who are you this year?")))
        people = list(level.characters.values())
        for i, who in enumerate(people, start=1):  # name, role and goal to choose by; the story once chosen
            term.say(f"{i}. {who.name}, {who.role}. " + _("Goal: {goal}").format(goal=who.goal.text))
        character = people[term.ask(len(people))].id
        term.say(level.characters[character].text)
    term.say("")
    term.say(_("Which three things matter most to you?"))
    left = list(level.values.values())
    values: list[str] = []
    while len(values) < 3:
        for i, v in enumerate(left, start=1):
            term.say(f"{i}. {v.label}")
        picked = left.pop(term.ask(len(left), _("Value {n} of 3").format(n=len(values) + 1)))
        values.append(picked.id)
    term.say(_("You care most about: {list}.").format(list=", ".join(level.values[v].label for v in values)))
    return seeds.new_year(level, seed, character, values)


def _show_month(level: Level, state: engine.State, term: Terminal) -> None:
    term.say("")
    term.say("=" * WIDTH)
    deadline = narrate.goal_status(level, state)
    name = narrate.round_name(level, state)
    if level.months == 12 and list(narrate.calendar(level, state)) == list(range(1, 13)) and \
            narrate.word(level, "period") == narrate.LEVEL_WORDS["period"]:
        name = narrate.month_name(level, state.month)  # a named month of a full year says where it stands
    term.say(f"{name.upper()} · {deadline}")
    term.say(narrate.status_line(level, state.score, state.meters, state.policies))
    term.say("=" * WIDTH)


def _show_decision(level: Level, state: engine.State, decision: engine.Decision, term: Terminal) -> None:
    term.say("")
    if decision.kind == engine.CARD:
        card = decision.card
        assert card is not None  # a card's decision names its card
        place = level.places[card.place].label if card.place else ""
        where = f" · {place}" if place and place != level.categories[card.category].label else ""
        term.say(f"[{level.categories[card.category].label}{where}]  {card.title.upper()}")
        tag = narrate.need_tag(state, card)  # nobody announced it: said before its text, on a line of its own
        if tag:
            term.say(f"{tag}.", indent="  ")
        term.say(f"{card.text} ({_(narrate.SOURCE_WORDS[card.source.label])})", indent="  ")  # as in the market
    if decision.kind == engine.CIVIC:  # the market in full the first time each act is offered, then briefly
        met = term.civic_met
        term.say(_("CIVIC ACTS: one a {period}, or none.").format(
            period=narrate.word(level, "period")) if not met else _("CIVIC ACTS"))
        for civic_id in state.offers:
            act = level.civic[civic_id]
            if civic_id not in met:
                term.say(f"{act.label}: {act.text} ({narrate.SOURCE_WORDS[act.source.label]})", indent="  ")
        met.update(state.offers)
    term.say("")
    for i, option in enumerate(decision.options, start=1):
        if option.get("civic"):  # its cost and points on one line; the points say that it is watched
            term.say(f"{i}. {option['label']}: {_brief_terms(level, option)}")
            continue
        if option.get("skip"):  # "not this month": what the free evening gives back, when it is news
            rest = narrate.effects_text(level, option["effects"])
            told, term.rest_told = term.rest_told, rest
            term.say(f"{i}. {narrate.option_label(option, level)}" + (f": {rest}" if rest and rest != told else ""))
            continue
        term.say(f"{i}. {narrate.option_label(option, level)}")  # its act line says whether it is watched
        card = decision.card if decision.kind == engine.CARD else None
        for line in narrate.option_lines(level, _watchers_once(option, term.watchers_told), card):
            term.say(line, indent="     ")


def _watchers_once(option: Mapping[str, Any], told: set) -> dict:
    """The option with who watches each act named only the first time this year (it does not change)."""
    acts = []
    for act in option["acts"]:
        key = (act["act"], act.get("watcher"))
        acts.append({**act, "watcher": None} if key in told else act)
        told.add(key)
    return {**option, "acts": acts}


def _brief_terms(level: Level, option: Mapping[str, Any]) -> str:
    """A civic act's cost and its points on one line."""
    parts = [narrate.effects_text(level, option["effects"])] if option["effects"] else []
    for act in option["acts"]:
        if act["judged"]:
            chance = round(act["chance"] * 100)
            points = _("{pts} points").format(pts=narrate.signed(act["points"]))
            parts.append(points if chance >= 100 else _("{points} if seen ({n}%)").format(points=points, n=chance))
    return "; ".join(parts)


def _show_events(level: Level, state: engine.State, events: Sequence[Mapping[str, Any]], term: Terminal,
                 counted: dict[str, int] | None = None) -> None:
    """What a decision did; `counted` is the counters before it, so a counter that moved is told."""
    decision = next((e for e in events if e["t"] == "decision"), None)
    promised = decision["options"][decision["chosen"]]["effects"] if decision else {}
    for event in events:  # the meters a choice (or a free evening) changed as its option said are not told twice,
        # nor when a meter at its limit took less of it (the next header shows where each meter stands)
        if event["t"] == "effects" and event["why"] in ("choice", "rest") and all(
                promised.get(k) == v for k, v in event["applied"].items() if v):
            events = [e for e in events if e is not event]
    for line in narrate.decision_lines(level, events):
        if not line.startswith("> ") and term.new_to_player(line):  # the number typed says what was chosen
            term.say(line, indent="  ")
    for line in narrate.counter_lines(level, counted or state.counters, state.counters, term.counters_told):
        term.say(line, indent="  ")
    closed = narrate.market_closed_line(level, events, term.counters_told)
    if closed:
        term.say(closed, indent="  ")
    for event in events:
        if event["t"] == "month_end":
            lines = _month_summary(level, state.log, event["month"], term.perks_told)
            if not lines:
                continue  # nothing changed: the next month's header shows the score
            term.say("")
            term.say(RULE)
            for line in lines:
                if term.new_to_player(line.strip()):
                    term.say(line)
            term.say(RULE)
        elif event["t"] == "month":
            _show_month(level, state, term)
        elif event["t"] == "policy":
            for line in narrate.event_lines(level, event):
                term.say(line, indent="  ")


def _month_summary(level: Level, log: Sequence[Mapping[str, Any]], month: int, told: set[str]) -> list[str]:
    """The end of a month in a few lines: points, services, waits and the blacklist were told as they
    happened, so here only the score and grade they came to, the goal, and a grade's perks the first time."""
    lines = [_("End of {month}").format(month=narrate.month_name(level, month))]
    ends = [e for e in log if e["t"] == "month_end" and e["month"] <= month]
    before = ends[-2]["score"] if len(ends) > 1 else next(e for e in log if e["t"] == "start")["score"]
    changed = ends[-1]["grade"] != grade_of(level.rulebook, before)  # a score was told as it moved; a grade is news
    for heading, items in narrate.month_report(level, log, month, wait_cost=False):
        if heading in (_("Points"), _("Services")):  # told as they happened
            continue
        if heading == _("Perks and penalties"):
            if items[0] not in told:  # the grade's own words say what they are
                told.add(items[0])
                lines += items
            continue
        if heading == narrate.own(level, _("Your year")):  # an empty meter counts: said the first time, then the
            if "empty month" not in told:                   # header's meters show it (and the verdict counts)
                told.add("empty month")
                lines += items
            continue
        if heading == _("Your grade"):
            if changed:  # the score was told as it moved; the grade it came to is the news
                lines[0] += ": " + _("Grade {new} (was {old})").format(
                    new=ends[-1]["grade"], old=grade_of(level.rulebook, before))
            continue
        if level.rulebook.blacklist and heading == level.rulebook.blacklist.label:
            continue  # told the moment it changes ("You are now on ...", "You are off ..."), not every month
        lines.append(heading + ":")
        lines += ["  " + item for item in items]
    return lines if len(lines) > 1 or changed else []


def _show_rules(level: Level, state: engine.State, term: Terminal) -> None:
    term.say(RULE)
    for line in narrate.rulebook_lines(level, state.policies):
        term.say(line)
    term.say(RULE)


class _Skip(Exception):
    """The student typed s: the rest of the check is skipped."""


def _check_read(term: Terminal, n: int) -> int | None:
    """A number 1..n, None for a blank line (that question left out); _Skip for s or the end of input."""
    while True:
        try:
            answer = term.read(f"1-{n}: ")
        except InputEnded:
            raise _Skip from None
        if answer == "s":
            raise _Skip
        if not answer:
            return None
        if answer.isdecimal() and answer.isascii() and 1 <= int(answer) <= n:
            return int(answer)
        term.say(_("Please type a number from 1 to {n}.").format(n=n))


def run_check(level: Level, term: Terminal, check: dict | None, when: str) -> dict | None:
    """One round of the two-minute check ('before' or 'after'), answers written into `check` (made on the
    first round from the seed's draw). Skippable in one key; never scores anything on screen while it runs."""
    from game.core import check as checking
    from game.words import checkwords as cw

    if check is None:
        ids = checking.draw(level, term.state.seed if term.state is not None else "")
        if not ids:
            return None
        check = checking.blank(ids)
    ids = check["statements"]
    order = ids if when == "before" else checking.after_order(ids)
    term.say("")
    term.say("-" * WIDTH)
    if when == "before":
        term.out.write(cw.offer() + " " + _("Enter starts, {skip}: ").format(skip=cw.skip_hint()))
        term.out.flush()
        line = term.inp.readline()
        if term.echo:
            term.out.write(clean_line(line.strip()) + "\n")
        if not line or line.strip().lower() == "s":
            return check
    kinds = cw.kinds()
    term.say(cw.round_title(when) + " " + " ".join(f"{i} {w}" for i, (_k, w) in enumerate(kinds, start=1)))
    try:
        for n, sid in enumerate(order, start=1):
            term.say(f"{n}) {cw.statement_text(level, sid)}")
            pick = _check_read(term, len(kinds))
            check[when][ids.index(sid)] = kinds[pick - 1][0] if pick else None
        term.say(cw.pull_question(when) + " " + cw.pull_scale())
        check["pull_" + when] = _check_read(term, len(cw.pull_steps()))
        if when == "after":
            term.out.write(cw.changed_prompt() + " ")
            term.out.flush()
            line = term.inp.readline()
            if term.echo:
                term.out.write(clean_line(line.strip()) + "\n")
            if line.strip():
                check["changed"] = clean_line(line.strip())[:300]
    except _Skip:
        pass
    if when == "after" and checking.answered(check):
        term.say(cw.answers_title())
        for n, sid in enumerate(order, start=1):
            term.say(f"{n}) " + cw.answer_line(level, sid, check["after"][ids.index(sid)]))
    term.say("-" * WIDTH)
    return check
