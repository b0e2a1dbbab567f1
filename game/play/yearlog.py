"""A finished year's log file is evidence, not truth: every reader recomputes the year from it.

A log holds the record a year is a function of (level, seed, character, values, choices) and the
events the engine wrote. `recompute` replays the record and compares: a file whose stored events
differ from the replay was edited (or made with other cards), and says so. Export, the class report
and the debrief all read logs through here, so they can never disagree about a year.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game.content import formats
from game.content.files import FileRefused, clean_line, read_json, shown
from game.core import check as checking
from game.core import debrief, engine, gamecode
from game.core.events import plain
from game.core.model import Level
from game.play import seeds
from game.play.saves import IDENT, MAX_SEED, valid_choices
from game.words import narrate
from game.words.i18n import _

MAX_LOG_BYTES = 1_000_000  # a full year is about 50 KB; parsing costs time with every byte

# why a file is not counted, as a key the class report groups by
UNREADABLE, NOT_A_LOG, OTHER_VERSION, UNFINISHED, NO_LEVEL, OTHER_CARDS, ALTERED, TYPO = (
    "unreadable", "not_a_log", "other_version", "unfinished", "no_level", "other_cards", "altered", "typo")


class LogProblem(Exception):
    """A log that cannot be used as it is, with a reason a teacher understands and a kind to group by."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class Year:
    """A finished year as the engine replays it: the stored file only supplied the record."""

    level: Level
    state: engine.State
    record: dict
    data: dict  # the file as read (its `answers`, if any, are the player's own words, kept as they are)

    @property
    def log(self) -> list[dict]:
        return plain(self.state.log)

    @property
    def end(self) -> dict:
        return plain(self.state.log)[-1]

    @property
    def code(self) -> str:
        """The year's game code, with the "why" answers its file keeps: the whole hand-in in one line."""
        return code_of(self.level, self.state, self.data.get("answers") or (), self.data.get("check"))


def question_steps(level: Level, log: list[dict]) -> list[int]:
    """The decisions the debrief asks "why?" about, in the order it asks."""
    return [q["step"] for q in debrief.questions(level, log, debrief.highlights(level, log,
                                                                                debrief.watched_tally(log)))]


def code_of(level: Level, state: engine.State, answers=(), check: dict | None = None) -> str:
    """A finished year's game code carrying its answers and its two-minute check ('' when the year cannot be
    written as a code). The check's free line is never in a code: it stays in the student's own log."""
    try:
        if seeds.terms(level, state.seed) != (state.months, state.options):
            return ""  # a year whose length or options its seed does not say: no code can carry it
        digits = gamecode.answer_digits(question_steps(level, plain(state.log)), answers) if answers else ""
        checked = checking.digits(check) if check and not checking.problem(level, state.seed, check) else ""
        return gamecode.encode(level, state.seed, state.character, state.values, state.choices, digits, checked)
    except gamecode.CodeError:
        return ""


def from_code(code: str, find_level: Callable[[str], Level]) -> Year:
    """The year a game code stands for, replayed, with its answers: LogProblem (TYPO, NO_LEVEL, OTHER_CARDS)
    in a teacher's words when it cannot be."""
    try:
        parts = gamecode.decode(code)
    except gamecode.CodeError as exc:
        raise LogProblem(TYPO, str(exc)) from exc
    try:
        level = find_level(parts["level"])
    except (LookupError, ValueError) as exc:
        raise LogProblem(NO_LEVEL, _("a code for the level '{level}', which cannot be loaded here").format(
            level=clean_line(parts["level"])[:40])) from exc
    try:
        seed, character, values, choices = gamecode.resolve(level, parts)
    except gamecode.CodeError as exc:
        raise LogProblem(TYPO, _("this code has a typo (or comes from another version of the game's cards): "
                                 "check it letter by letter")) from exc
    state = engine.replay(level, seed, character, values, choices, *seeds.terms(level, seed))
    if isinstance(state, engine.Refusal) or not state.over:
        raise LogProblem(OTHER_CARDS, _("this code does not replay to a finished year: it was made with another "
                                        "version of the level's cards"))
    try:
        answers = gamecode.answers_from(question_steps(level, plain(state.log)), parts.get("answers", ""))
    except gamecode.CodeError as exc:
        raise LogProblem(TYPO, str(exc)) from exc
    record = engine.record(state, level)
    data = {"format": 1, "record": record, "log": _plain(plain(state.log)), "answers": answers}
    if parts.get("checked"):
        try:
            data["check"] = checking.from_digits(checking.draw(level, seed), parts["checked"])
        except ValueError as exc:
            raise LogProblem(TYPO, _("this game code has a typo: check it letter by letter")) from exc
    return Year(level=level, state=state, record=record, data=data)


def read_log(path: Path | str) -> dict:
    """A log file, bounded and checked for shape; LogProblem saying why it cannot be used otherwise."""
    name = shown(Path(path).name, 80)
    try:
        data = read_json(path, MAX_LOG_BYTES)
    except FileRefused as exc:
        said = str(exc).replace(shown(path), name, 1)
        if "not a readable JSON file" in said and "it is empty" not in said:  # the parser's words mean nothing here
            said = _("{name} is damaged or cut short: ask the student for their game code instead").format(name=name)
        raise LogProblem(UNREADABLE, said) from exc
    if isinstance(data, dict) and "log" not in data and "choices" in data and "level" in data:
        raise LogProblem(UNFINISHED, _("{name} is a year still being played (a save, not a log): the student "
                                       "continues it to the end, then hands in the game code").format(name=name))
    if not isinstance(data, dict) or "record" not in data or "log" not in data:
        raise LogProblem(NOT_A_LOG, _("{name} is not a Model Citizen game log").format(name=name))
    try:
        data = formats.upgrade(data, "log")
    except formats.FormatError as exc:
        raise LogProblem(OTHER_VERSION, _("{name} was written by another version of the game: {why}").format(
            name=name, why=clean_line(str(exc))[:200])) from exc
    problem = shape_problem(data)
    if problem:
        raise LogProblem(NOT_A_LOG, _("{name} is not a complete game log ({problem})").format(
            name=name, problem=problem))
    if data["log"][-1].get("t") != "end":
        raise LogProblem(UNFINISHED, _("{name} is a year that was not finished: the student continues it to the end, "
                                       "then hands in the game code").format(name=name))
    return data


def shape_problem(data: dict) -> str:
    """What is wrong with a log's structure, in a few words, or '' when it is sound."""
    record, log = data["record"], data["log"]
    if not isinstance(record, dict):
        return _("its record is not a mapping")
    for key in ("level", "character"):
        if not isinstance(record.get(key), str) or not IDENT.match(record[key]):
            return _("its record has no {key}").format(key=key)
    seed = record.get("seed")
    if not isinstance(seed, str) or not 0 < len(seed) <= MAX_SEED or clean_line(seed) != seed:
        return _("its record has no seed")
    values = record.get("values")
    if not isinstance(values, list) or len(values) != 3 or not all(isinstance(v, str) and IDENT.match(v)
                                                                   for v in values):
        return _("its values are not a list of three names")
    if not valid_choices(record.get("choices")):
        return _("its choices are not numbers from 0 to 2")
    if not isinstance(log, list) or not log or not all(isinstance(e, dict) and isinstance(e.get("t"), str)
                                                       for e in log):
        return _("its log is not a list of events")
    if log[0]["t"] != "start":
        return _("its log does not begin with the start of a game")
    return ""


def _plain(events: list[dict]) -> list:
    """Events as they are once written to JSON, so a replay and a file compare like for like."""
    return json.loads(json.dumps(events, sort_keys=True))


def recompute(data: dict, find_level: Callable[[str], Level], name: str = "") -> Year:
    """Replay a log's record and check it against the stored events; LogProblem if they differ.

    `find_level(id)` returns the level (and raises LookupError or ValueError when there is none).
    """
    record = data["record"]
    name = shown(name, 80) or _("this log")
    try:
        level = find_level(record["level"])
    except (LookupError, ValueError) as exc:
        raise LogProblem(NO_LEVEL, _("{name} is a year in the level '{level}', which cannot be loaded here "
                                     "({why})").format(name=name, level=record["level"],
                                                       why=clean_line(str(exc))[:400])) from exc
    other_cards = record.get("content_hash") != level.content_hash
    state = seeds.replay(level, record)
    if isinstance(state, engine.Refusal) or not state.over:
        why = narrate.refusal_text(state) if isinstance(state, engine.Refusal) else _("the year does not end")
        if other_cards:
            raise LogProblem(OTHER_CARDS, _("{name} was played with another version of the level's cards "
                                            "({why})").format(name=name, why=why))
        raise LogProblem(ALTERED, _("{name} was altered: its choices do not replay ({why})").format(
            name=name, why=why))
    replayed = _plain(plain(state.log))
    if other_cards and replayed and replayed[0].get("t") == "start":
        replayed[0]["content_hash"] = record.get("content_hash")
    if replayed != data["log"]:
        if other_cards:
            raise LogProblem(OTHER_CARDS, _("{name} was played with another version of the level's cards: "
                                            "its year replays differently now").format(name=name))
        where = _first_difference(replayed, data["log"])
        raise LogProblem(ALTERED, _("{name} was altered: {where} differs from what its choices give").format(
            name=name, where=where))
    if "answers" in data:
        _check_answers(level, data, name)
    if "check" in data and checking.problem(level, record["seed"], data["check"]):
        raise LogProblem(ALTERED, _("{name} was altered: its check answers are not for the statements its seed "
                                    "asked").format(name=name))
    return Year(level=level, state=state, record=record, data=data)


def _check_answers(level: Level, data: dict, name: str) -> None:
    """The "why" answers kept beside a log answer only the questions its debrief asked, once each: a log
    with more (or other) answers would weigh more than one student in the class's tally."""
    answers, asked = data["answers"], debrief.asked_steps(level, data["log"])
    ok = isinstance(answers, list) and len(answers) <= len(asked) and all(
        isinstance(a, dict) and set(a) == {"step", "answer"} and type(a["step"]) is int and a["step"] in asked
        and isinstance(a["answer"], str) and a["answer"] in debrief.ANSWERS for a in answers)
    if not ok or len({a["step"] for a in answers}) != len(answers):
        raise LogProblem(ALTERED, _("{name} was altered: its answers are not for the questions its debrief "
                                    "asked").format(name=name))


def _first_difference(replayed: list, stored: list) -> str:
    """Where a stored log first departs from the replay, in words."""
    if len(replayed) != len(stored):
        n = min(len(replayed), len(stored))
        for i in range(n):
            if replayed[i] != stored[i]:
                break
        else:
            return _("the number of events")
    else:
        i = next(i for i in range(len(replayed)) if replayed[i] != stored[i])
    event = replayed[i]
    if event.get("t") == "end":
        keys = [k for k in event if not isinstance(stored[i], dict) or stored[i].get(k) != event[k]]
        return _("the end of the year ({keys})").format(keys=", ".join(keys[:3]) or "?")
    if event.get("t") in ("decision", "month_end", "month"):
        return _("month {m}").format(m=event.get("month", "?"))
    if i == 0:
        return _("the start of the year (its character, values or seed)")
    return _("event {n}").format(n=i + 1)


def load(path: Path | str, find_level: Callable[[str], Level]) -> Year:
    """Read and recompute one log file."""
    return recompute(read_log(path), find_level, Path(path).name)
