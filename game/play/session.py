"""One year being played, in the window or the terminal alike: its save, its resume and its log.

Each unfinished year has its own save file, written after every decision; starting a new year never
touches another's file, and a file that cannot be continued is moved aside with its reason. The
front ends only say what this module returns; nothing here prints.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from game.content.files import clean_line
from game.core import engine
from game.core.check import answered, problem
from game.core.events import plain
from game.core.model import Level
from game.play import saves, seeds
from game.play.saves import Saved, SaveError
from game.words import narrate
from game.words.i18n import _, ngettext

__all__ = ["Session", "Saved", "SaveError", "unfinished", "resume_command", "describe", "matching"]


class Session:
    def __init__(self, level: Level, state: engine.State, data_dir: Path, path: Path | None = None) -> None:
        self.level = level
        self.state = state
        self.data_dir = data_dir
        self.path = path  # this year's save file; None for a replayed, finished year
        self.log_path: Path | None = None
        self.save_error: str | None = None
        self.note = ""  # something to tell the player about how the year was resumed
        self.answers: list[dict] = []  # the debrief's "why" answers: they ride in the code the student hands in
        self.check: dict | None = None  # the two-minute check (game.core.check), once it was offered
        self.check_after = False  # whether its second round, after the debrief, was offered
        self.refused: engine.Refusal | None = None  # why the last choice was not taken (a greyed option), if it was not

    @classmethod
    def new(cls, level: Level, data_dir: Path, seed: str, character: str, values) -> Session:
        """Start a year in a save file of its own; every other unfinished year stays as it is."""
        state = seeds.new_year(level, seed, character, values)
        if isinstance(state, engine.Refusal):
            raise ValueError(state.code)
        return cls.start(level, data_dir, state)

    @classmethod
    def start(cls, level: Level, data_dir: Path, state: engine.State) -> Session:
        """A year already begun (a new game, or a game code replayed part-way), saved in a new file."""
        session = cls(level, state, data_dir, saves.new_save_path(data_dir, level.id, state.seed, state.character))
        if not state.over:
            session.save()
        return session

    @classmethod
    def open(cls, level: Level, data_dir: Path, saved: Saved) -> Session:
        """Continue a saved year. One that no longer fits the level is moved aside and SaveError says why."""
        if saved.level != level.id:
            raise SaveError(_("this saved year belongs to the level '{level}'").format(level=saved.level))
        state = engine.replay(level, saved.seed, saved.character, saved.values, saved.choices,
                              *seeds.record_terms(level, {"seed": saved.seed, **saved.record}))
        if isinstance(state, engine.Refusal):
            why = narrate.refusal_text(state)
            if saved.path is None:
                raise SaveError(why)
            raise SaveError(saves.set_aside(saved.path, _("it no longer fits this level's cards: {why}").format(
                why=why)))
        session = cls(level, state, data_dir, saved.path)
        kept = saved.record.get("check")
        if kept is not None and not problem(level, saved.seed, kept):
            session.check = kept  # the first round of the two-minute check, taken before the year
        if state.over:  # its last choice was saved but its log was not written: write it now
            session.finish()
        if saved.content_hash != level.content_hash:
            session.note = _("The level's cards have changed since this year was saved; its choices were "
                             "replayed with the new ones.")
        return session

    @classmethod
    def from_code(cls, level: Level, data_dir: Path, state: engine.State) -> Session:
        """A year replayed from a game code: the saved year it is the start of, if one is kept (it may be
        further along), otherwise a new save of its own."""
        years, _notes = unfinished(data_dir, level.id)
        for saved in years:
            if (saved.seed, saved.character, saved.values) == (state.seed, state.character, state.values) \
                    and list(saved.choices[: len(state.choices)]) == list(state.choices):
                try:
                    return cls.open(level, data_dir, saved)
                except SaveError:
                    continue
        return cls.start(level, data_dir, state)

    @classmethod
    def resume(cls, level: Level, data_dir: Path) -> Session | None:
        """The newest unfinished year of this level, or None when there is none (or none that still fits)."""
        years, _notes = unfinished(data_dir, level.id)
        for saved in years:
            try:
                return cls.open(level, data_dir, saved)
            except SaveError:
                continue
        return None

    @property
    def decision(self) -> engine.Decision | None:
        return engine.pending(self.level, self.state)

    def choose(self, index: int) -> list[dict]:
        """Apply a choice, save, and return the log events it produced."""
        before = len(self.state.log)
        result = engine.apply(self.level, self.state, index)
        self.refused = result if isinstance(result, engine.Refusal) else None
        if isinstance(result, engine.Refusal):
            return []
        self.state = result
        if result.over:
            self.finish()
        else:
            self.save()
        return plain(result.log[before:])

    def save(self) -> None:
        if self.path is None:
            self.path = saves.new_save_path(self.data_dir, self.level.id, self.state.seed, self.state.character)
        try:
            record = engine.record(self.state, self.level)
            if answered(self.check):  # the check's first round, so a year resumed later asks the second
                record["check"] = self.check
            saves.save_game(self.path, record)
            self.save_error = None
        except OSError as exc:
            self.save_error = _("Could not save in {dir}: {err}").format(
                dir=clean_line(str(self.data_dir)), err=exc.strerror or exc)

    def finish(self) -> None:
        """Keep the finished year's log under logs/, then remove its save (only then)."""
        try:
            extra = {"check": self.check} if answered(self.check) else None
            self.log_path = saves.write_log(self.data_dir, engine.record(self.state, self.level), plain(self.state.log),
                                            extra)
        except OSError as exc:
            self.save_error = _("Could not write the log in {dir}: {err}").format(
                dir=clean_line(str(self.data_dir)), err=exc.strerror or exc)
            return
        self.remove_save()

    def remove_save(self) -> None:
        if self.path is not None:
            try:
                self.path.unlink(missing_ok=True)
            except OSError:
                pass

    def keep_check(self, check: dict) -> None:
        """Keep the two-minute check's answers beside the finished year's log, and for the code to hand in."""
        self.check = check
        if self.log_path is None and not self.state.over:
            self.save()  # the first round, kept with the year should it be continued later
        elif self.log_path is not None and answered(check):
            try:
                keep_check(self.log_path, check)
            except (OSError, ValueError) as exc:
                self.save_error = _("Could not keep your answers in {path}: {err}").format(
                    path=clean_line(str(self.log_path)), err=exc)

    def keep_answers(self, answers: list[dict]) -> None:
        """Keep the player's "why" answers beside the finished year's log, and for the code to hand in."""
        self.answers = list(answers)
        if self.log_path is not None:
            try:
                keep_answers(self.log_path, answers)
            except (OSError, ValueError) as exc:
                self.save_error = _("Could not keep your answers in {path}: {err}").format(
                    path=clean_line(str(self.log_path)), err=exc)


def unfinished(data_dir: Path, level_id: str | None = None) -> tuple[list[Saved], list[str]]:
    """The unfinished years kept in the data folder (of one level, when given), newest first, and one
    sentence for each save that could not be used and was moved aside."""
    years, notes = saves.list_saves(data_dir)
    if level_id is not None:
        years = [s for s in years if s.level == level_id]
    return years, notes


def matching(years: list[Saved], seed: str | None = None, character: str | None = None) -> list[Saved]:
    """The saved years with this seed (case aside) and this character, where they are given."""
    return [s for s in years if (not seed or s.seed.upper() == seed.upper())
            and (not character or s.character == character)]


def describe(level: Level | None, saved: Saved, short: bool = False) -> str:
    """A saved year in a few words a student recognises: who, how far, which seed, when last played.

    `short` is the window's button: "Lin Yue · CLASS-1 · 3 decisions · 14:05" (the date only when not today)."""
    who = saved.character
    if level is not None and saved.character in level.characters:
        who = level.characters[saved.character].name
    n = len(saved.choices)
    try:  # two students on one seed and character are told apart by when they last played
        mtime = saved.path.stat().st_mtime if saved.path else None
    except OSError:
        mtime = None
    if short:
        made = ngettext("{n} decision", "{n} decisions", n).format(n=n)
        today = mtime is not None and time.localtime(mtime)[:3] == time.localtime()[:3]
        when = "" if mtime is None else time.strftime("%H:%M" if today else "%d %b", time.localtime(mtime))
        return " · ".join(part for part in (who, clean_line(saved.seed), made, when) if part)
    text = ngettext("{who}, seed {seed}, {n} decision made", "{who}, seed {seed}, {n} decisions made", n).format(
        who=who, seed=clean_line(saved.seed), n=n)
    when = time.strftime("%d %b %H:%M", time.localtime(mtime)) if mtime is not None else ""
    return text + (_(", last played {when}").format(when=when) if when else "")


def quote(arg: str) -> str:
    """An argument as it must be typed in this system's shell, so a pasted command works."""
    if sys.platform == "win32":
        return subprocess.list2cmdline([arg])
    return shlex.quote(arg)


def resume_command(level_id: str, data_dir: Path | None, text: bool = True) -> str:
    """The command that continues this level's saved year; the data folder only when it is not the default."""
    parts = ["python", "-m", "game", "play"] + (["--text"] if text else []) + ["--level", quote(level_id)]
    if data_dir is not None:
        parts += ["--data-dir", quote(os.fspath(data_dir))]
    return " ".join(parts)


def keep_answers(log_path: Path, answers: Sequence[Mapping[str, Any]]) -> None:
    """Add the debrief's "why" answers to a finished year's log file, beside the engine's log (which
    stays untouched): a field `answers`, a list of {step, answer}."""
    data = json.loads(log_path.read_text(encoding="utf-8"))
    data["answers"] = [{"step": int(a["step"]), "answer": str(a["answer"])} for a in answers]
    saves.write_json_atomic(log_path, data)


def keep_check(log_path: Path, check: dict) -> None:
    """Add the two-minute check's answers (and the student's free line, kept only here) to a finished year's
    log file, beside the engine's log: a field `check` (see game.core.check)."""
    data = json.loads(log_path.read_text(encoding="utf-8"))
    data["check"] = {k: v for k, v in check.items() if k != "changed" or v}
    saves.write_json_atomic(log_path, data)
