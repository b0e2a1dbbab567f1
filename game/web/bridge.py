"""The game as the browser page sees it: one call per thing the player does, plain data back.

This module runs inside the browser (Pyodide, in a Web Worker) and, unchanged, on the host for tests.
It only calls the engine, the narration and the debrief text that the terminal and the window use, and
hands back their words as they are: the page's script draws them and sends back the player's choices.
Every answer is JSON-ready (lists, dicts, strings, numbers); nothing here touches the page.

The browser's Python file system lives in memory, so a year is kept by the page (its record, after
every decision, in the browser's storage) and replayed from it on `resume`; the log a finished year
writes here is the same file the terminal writes, byte for byte, and the page offers it as a download.
"""

from __future__ import annotations

import html
import json
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from game.core import engine, gamecode
from game.core.model import Level
from game.core.rules import grade_of
from game.draw.track import score_window
from game.play import classcode, seeds
from game.play.paths import SeedError, new_seed, normalise_seed
from game.play.session import Session
from game.words import narrate
from game.words.i18n import _, ngettext

if TYPE_CHECKING:
    from game.core.debrief import Debrief

DEFAULT_LEVEL = "harmony_city"
SHORT_MONTHS = 6


def words(level: Level | None = None) -> dict[str, str]:
    """The page's own labels (buttons, headings, hints): said here, so every word the player reads
    comes from Python and can be translated in one place; for a year under way, in its level's words
    ("Start the term", "Next week")."""
    return {key: narrate.own(level, text) for key, text in _labels().items()}


def _labels() -> dict[str, str]:
    return {
        "game": _("MODEL CITIZEN"), "loading": _("Loading the game…"), "new": _("New game"),
        "continue": _("Continue"), "sources": _("Sources and about"), "settings": _("Settings"),
        "seed": _("Class seed code"), "seed_hint": _("Same code, same deck. Leave empty for a new one."),
        "short": _("Short year ({n} months, one lesson)").format(n=SHORT_MONTHS),
        "leave_out": _("Leave out the family-planning cards"),
        "who": _("Who are you this year?"), "goal": _("Life goal"),
        "values": _("What matters most to you?"),
        "values_hint": _("Pick three. At the end of the year you will see whether your choices served them."),
        "picked": _("{n} of 3 chosen"), "start": _("Start the year"), "back": _("Back"),
        "rules": _("Rulebook"), "menu": _("Menu"), "end_now": _("End the year now"),
        "end_now_q": _("End the year now? The debrief and the game code cover the months you played."),
        "keep": _("Keep playing"), "yes_end": _("End the year and see the debrief"),
        "close": _("Close"), "next": _("Next"), "previous": _("Previous"),
        "continue_year": _("Continue"), "your_score": _("Your score"), "meters": _("Your meters"),
        "die": _("Detection roll"), "none_yet": _("none yet"), "seen": _("SEEN"), "not_seen": _("NOT SEEN"),
        "always_seen": _("always seen"), "seen_on": _("seen on {n} or less"),
        "choices": _("Your choices"), "keys": _("Keys 1 to {n}, or Tab and Enter. R: rulebook."),
        "outcome": _("What happened"), "goal_label": _("Your goal"), "values_label": _("What matters to you"),
        "services": _("Services"),
        "debrief": _("See the debrief"), "again": _("Play another year"), "title": _("Title screen"),
        "to_title": _("Save and go to the title"),
        "why": _("Why did you choose?"), "skip": _("Skip the questions"),
        "code": _("Game code"), "code_hint": _("Write it down or hand it in: `python -m game play --code CODE` "
                                               "replays this year exactly, in a browser too."),
        "copy": _("Copy the code"), "copied": _("Copied."), "copy_failed": _("Select the code and copy it."),
        "report": _("Download the report"), "log": _("Download the log"),
        "which": _("Which year is yours?"),
        "which_hint": _("Unfinished years are kept in this browser. Pick yours, or start a new one (the others "
                        "are kept)."),
        "start_new": _("Start a new year"), "text_size": _("Text size"), "contrast": _("High contrast"),
        "motion": _("Reduce motion"), "play_code": _("Replay a game code"), "code_field": _("Game code"),
        "replay": _("Replay"), "saved": _("Saved in this browser after every decision."),
        "page_of": _("Page {n} of {total}"), "grade": _("grade {g}"), "played": _("Cards played: {n}"),
        "moment_of": _("Moment {n} of {total}"),
        "check": _("Two-minute check before and after the year"), "check_again": _("The two-minute check again"),
    }


class Game:
    """The levels (prepared at build time) and the one year being played on this page."""

    def __init__(self, levels: list[Level], data_dir: Path) -> None:
        self.levels = {lv.id: lv for lv in levels}
        self.order = [lv.id for lv in levels]
        self.data_dir = data_dir
        self.session: Session | None = None
        self._reset_told()

    @classmethod
    def from_file(cls, path: Path, data_dir: Path) -> Game:
        """The levels as `game web` prepared them (checked by the project's own loader), in one file."""
        return cls(pickle.loads(path.read_bytes()), data_dir)

    def _reset_told(self) -> None:
        self.counters_told: set[str] = set()
        self.perks_told: set[str] = set()
        self.debrief_data: Debrief | None = None
        self.answers: list[dict] = []

    @property
    def level(self) -> Level:
        assert self.session is not None
        return self.session.level

    @property
    def state(self) -> engine.State:
        """The year in play (there is one whenever a screen of it is asked for)."""
        assert self.session is not None
        return self.session.state

    def others(self, level: Level) -> list[Level]:
        """The same cards under other rules, as `comparison_levels` finds them: loaded once, kept."""
        return [lv for lv_id, lv in self.levels.items() if lv_id != level.id and lv.base == level.base]

    # --- before the year -----------------------------------------------------------------------

    def title(self, level_id: str = DEFAULT_LEVEL) -> dict:
        """The title screen of a level (the default one when the link names none this page has)."""
        level = self.levels.get(level_id) or self.levels[DEFAULT_LEVEL]
        return {"title": level.title, "summary": level.summary, "level": level.id,
                "options": [{"id": o.id, "label": o.label} for o in level.options.values()],
                "months": level.months, "short": SHORT_MONTHS}

    def setup(self, params: dict) -> dict:
        """The seed as the class's options make it, and the people and values to choose from; or a
        message saying why the seed or the link cannot be used."""
        level = self.levels.get(params.get("level") or DEFAULT_LEVEL) or self.levels[DEFAULT_LEVEL]
        try:
            seed = normalise_seed(params["seed"]) if params.get("seed") else new_seed()
        except SeedError as exc:
            return {"error": _("This seed code cannot be used: {why}").format(why=exc)}
        months = params.get("months")
        if months and not 2 <= int(months) <= level.months:
            return {"error": _("A year here lasts 2 to {n} months.").format(n=level.months)}
        seed = seeds.class_seed(level, seed, int(months) if months else None, params.get("leave_out") or ())
        if classcode.is_split(seed):
            try:
                placement = classcode.place(level, seed)
            except classcode.SplitError as exc:
                return {"error": _("This class code cannot be used here: {why}").format(why=exc)}
            level, seed = self.levels[placement.level_id], placement.seed
        people = [{"id": c.id, "name": c.name, "role": c.role, "goal": c.goal.text, "text": c.text,
                   "by": narrate.month_name(level, c.goal.by)} for c in level.characters.values()]
        values = [{"id": v.id, "label": v.label} for v in level.values.values()]
        wants_check = bool(level.statements) and (bool(params.get("check")) or classcode.asks_check(seed))
        return {"level": level.id, "seed": seed, "characters": people, "values": values, "check": wants_check,
                "heading": level.title, "seed_line": _("Seed: {seed} (share it and everyone plays the same "
                                                       "deck)").format(seed=seed)}

    def start(self, level_id: str, seed: str, character: str, values: list[str]) -> dict:
        level = self.levels[level_id]
        if character not in level.characters:
            return {"error": _("There is no character '{id}' here.").format(id=character)}
        if len(values) != 3 or len(set(values)) != 3 or any(v not in level.values for v in values):
            return {"error": _("Pick three different values.")}
        state = seeds.new_year(level, seed, character, values)
        if isinstance(state, engine.Refusal):
            return {"error": narrate.refusal_text(state)}
        self._reset_told()
        self.session = Session.start(level, self.data_dir, state)
        return {**self.screen(), "words": words(level)}

    def resume(self, record: dict) -> dict:
        """A year kept in the browser's storage, replayed from its record."""
        level = self.levels.get(record.get("level", ""))
        if level is None:
            return {"error": _("This saved year belongs to a level this page does not have.")}
        state = seeds.replay(level, record)
        if isinstance(state, engine.Refusal):
            return {"error": narrate.refusal_text(state)}
        self._reset_told()
        self.session = Session.start(level, self.data_dir, state)
        if state.over:
            self.session.finish()
        return {**self.screen(), "words": words(level)}

    def play_code(self, code: str) -> dict:
        try:
            parts = gamecode.decode(code)
            level = self.levels.get(parts["level"])
            if level is None:
                return {"error": _("This game code is for the level '{id}', which this page does not have.").format(
                    id=parts["level"])}
            seed, character, values, choices = gamecode.resolve(level, parts)
        except gamecode.CodeError as exc:
            return {"error": _("This game code cannot be read: {why}").format(why=exc)}
        return self.resume({"level": level.id, "seed": seed, "character": character, "values": values,
                            "choices": choices})

    def describe(self, record: dict) -> str:
        """A kept year in a few words a student recognises: who, which seed, how far."""
        level = self.levels.get(record.get("level", ""))
        who = record.get("character", "")
        if level is not None and who in level.characters:
            who = level.characters[who].name
        n = len(record.get("choices", ()))
        return " · ".join((who, str(record.get("seed", "")), ngettext("{n} decision", "{n} decisions", n).format(
            n=n)))

    # --- the year ------------------------------------------------------------------------------

    def record(self) -> dict:
        assert self.session is not None
        return engine.record(self.session.state, self.level)

    def screen(self, outcome: dict | None = None) -> dict:
        """The table as it stands: the header, score, meters, the decision with every choice's
        consequences, the last roll; with `outcome`, what the last choice did."""
        level, state = self.level, self.session.state if self.session else None
        assert state is not None
        out: dict = {"screen": "end" if state.over else "table", "record": self.record(),
                     "over": state.over, "outcome": outcome, "header": self._header()}
        acts = [e for e in state.log if e["t"] == "act" and e["judged"]]
        roll = acts[-1] if acts else None
        out["roll"] = None if roll is None else {"roll": roll["roll"], "chance": round(roll["chance"] * 100),
                                                 "caught": roll["caught"]}
        out["services"] = self._services()
        if state.over:
            out["end"] = self._end()
            return out
        decision = engine.pending(level, state)
        assert decision is not None
        out["decision"] = self._decision(decision)
        return out

    def _header(self) -> dict:
        level, state = self.level, self.state
        rb = level.rulebook
        who = level.characters[state.character]
        score = None
        if rb.score is not None and state.score is not None:
            bands = [{"grade": g.grade, "min": g.min, "label": g.label} for g in rb.grades]
            lo, hi = score_window(rb, [state.score])
            score = {"score": state.score, "grade": grade_of(rb, state.score), "min": lo, "max": hi,
                     "bands": bands, "label": rb.score.label,
                     "grade_words": _("grade {g}").format(g=grade_of(rb, state.score))}
        meters = [{"id": m.id, "label": m.label, "icon": m.icon, "value": state.meters[m.id], "min": m.min,
                   "max": m.max} for m in level.meters.values()]
        return {"round": narrate.round_name(level, state), "goal_status": narrate.goal_status(level, state),
                "status": narrate.status_line(level, state.score, state.meters), "score": score, "meters": meters,
                "who": who.name, "goal": who.goal.text,
                "values": ", ".join(level.values[v].label for v in state.values), "seed": state.seed,
                "played": sum(1 for e in state.log if e["t"] == "decision" and e["kind"] == "card")}

    def _services(self) -> list[dict]:
        level, state = self.level, self.state
        tickets: dict[str, dict] = {}
        for e in state.log:
            if e["t"] == "service":
                tickets[e["service"]] = {"label": level.services[e["service"]].label,
                                         "icon": level.services[e["service"]].icon, "outcome": e["outcome"],
                                         "words": _(narrate.OUTCOME_WORDS[e["outcome"]]),
                                         "tag": narrate.reality_tag(level, e) or ""}
        return list(tickets.values())

    def _decision(self, decision: engine.Decision) -> dict:
        level, state = self.level, self.state
        out: dict = {"kind": decision.kind, "options": []}
        if decision.kind == engine.CARD and decision.card is not None:
            card = decision.card
            place = level.places[card.place].label if card.place else ""
            out["card"] = {"category": level.categories[card.category].label, "title": card.title,
                           "text": card.text, "place": place if place != level.categories[card.category].label
                           else "", "icon": level.categories[card.category].icon,
                           "source": _("Source: {label}").format(label=_(narrate.SOURCE_WORDS[card.source.label])),
                           "tag": narrate.need_tag(state, card)}
        else:
            out["card"] = {"category": _("Civic acts"), "place": "", "icon": "award",
                           "title": _("Civic acts: one a {period}, or none.").format(
                               period=narrate.word(level, "period")),
                           "text": " ".join(f"{level.civic[c].label}: {level.civic[c].text}" for c in state.offers),
                           "source": "", "tag": ""}
        for option in decision.options:
            out["options"].append({"label": narrate.option_label(option, level),
                                   "lines": narrate.option_lines(level, option),
                                   "available": option.get("available") is not False})
        return out

    def choose(self, index: int) -> dict:
        """Take a choice (or END_NOW): what it did, the month's end if it ended one, and the table after."""
        assert self.session is not None
        level = self.level
        counted = dict(self.session.state.counters)
        events = self.session.choose(int(index))
        if not events:
            return {"error": _("That choice cannot be taken now."), **self.screen()}
        state = self.session.state
        lines = narrate.decision_lines(level, events) + narrate.counter_lines(level, counted, state.counters,
                                                                            self.counters_told)
        closed = narrate.market_closed_line(level, events, self.counters_told)
        lines += [closed] if closed else []
        months = []
        for event in events:
            if event["t"] == "month_end":
                months.append(self._month_end(event["month"]))
        rolls = [e for e in events if e["t"] == "act" and e["judged"]]
        return self.screen({"lines": [ln for ln in lines if not ln.startswith("> ")], "months": months,
                            "rolled": bool(rolls)})

    def _month_end(self, month: int) -> dict:
        """The end of a month as the window's month sheet shows it: the report, then new policies."""
        level, log = self.level, self.state.log
        sections = [{"heading": h, "items": items} for h, items in narrate.month_report(level, log, month)]
        for event in log:
            if event["t"] == "policy" and event["month"] == month + 1:
                policy = next(p for p in level.rulebook.policies if p.id == event["policy"])
                sections.append({"heading": _("New policy from {month}: {title}").format(
                    month=narrate.month_name(level, month + 1), title=policy.title),
                    "items": [policy.text, _("Source: {label}").format(
                        label=narrate.SOURCE_WORDS[policy.source.label])]})
        last = month >= engine.calendar(level, self.state)[-1]
        return {"title": _("End of {month}").format(month=narrate.month_name(level, month)),
                "sections": sections,
                "close": narrate.own(level, _("See the year") if last else _("Next month"))}

    def end_now(self) -> dict:
        return self.choose(engine.END_NOW)

    def _end(self) -> dict:
        level, state = self.level, self.state
        lines = narrate.end_summary(level, state.log, state.character)
        return {"heading": lines[0] if lines else "", "lines": lines[1:], "code": self.code(),
                "code_heading": narrate.code_heading(level, bool(self.answers))}

    def rulebook(self) -> dict:
        level = self.levels[self.session.level.id if self.session else DEFAULT_LEVEL]
        policies = self.session.state.policies if self.session else ()
        # as the window shows it: items under a heading are a list, the opening lines (no heading) paragraphs
        return {"title": level.rulebook.name, "sections": [{"heading": h, "items": items if h else [],
                                                            "paragraphs": [] if h else items}
                                                           for h, items in narrate.rulebook_report(level, policies)],
                "note": _("Policies marked * are in force now.")}

    def code(self) -> str:
        """The year's game code, carrying the "why" answers once given (the code a student hands in)."""
        from game.play.yearlog import code_of

        assert self.session is not None
        return code_of(self.level, self.session.state, self.answers, self.session.check)

    # --- after the year ------------------------------------------------------------------------

    def warm(self) -> None:
        """Import what the end of the year needs while the player reads the first card, so the debrief
        answers as fast as a decision (the first card comes sooner without them)."""
        from game.report import debrief_text, export  # noqa: F401
        from game.web import chart  # noqa: F401

    def questions(self) -> dict:
        """The moments where points were at stake, to ask "why did you choose?" before the debrief."""
        from game.report import debrief_text

        data = self._debrief()
        return {"questions": [{"step": q["step"], "text": debrief_text.question_text(self.level, q)}
                              for q in data["questions"]],
                "answers": [{"id": key, "label": label} for key, label in debrief_text.why_choices()],
                "intro": _("Points were at stake in these moments; only you know why.")}

    def answer(self, answers: list[dict]) -> dict:
        """Keep the player's answers beside the log, as the terminal does, and show the debrief."""
        assert self.session is not None
        self.answers = [{"step": int(a["step"]), "answer": str(a["answer"])} for a in answers]
        if self.answers:
            self.session.keep_answers(self.answers)
        self.debrief_data = None
        return self.debrief()

    def check(self, when: str) -> dict:
        """One round of the two-minute check to ask ('before' or 'after'), as the terminal and the window ask it;
        {} when the level has none, or for the second round when the first was not taken."""
        from game.core import check as checking
        from game.words import checkwords as cw

        assert self.session is not None
        level, session = self.level, self.session
        if not level.statements or when not in ("before", "after"):
            return {}
        if when == "after" and not checking.answered(session.check):
            return {}
        if session.check is None:
            session.check = checking.blank(checking.draw(level, self.state.seed))
        ids = session.check["statements"]
        order = ids if when == "before" else checking.after_order(ids)
        return {"when": when, "offer": cw.offer(), "title": cw.round_title(when), "prompt": cw.place_prompt(),
                "statements": [{"id": sid, "text": cw.statement_text(level, sid)} for sid in order],
                "kinds": [{"id": key, "label": label} for key, label in cw.kinds()],
                "pull": cw.pull_question("before"), "scale": cw.pull_scale(), "steps": cw.pull_steps(),
                "changed": cw.changed_prompt() if when == "after" else "",
                "start": _("Start the check"), "skip": _("Skip it"), "pass": _("Pass"),
                "skip_rest": _("Skip the rest"), "done": _("Done"), "answers_title": cw.answers_title(),
                "claim_of": _("Claim {n} of {total}")}

    def check_answer(self, when: str, placed: dict, pull: int | None = None, changed: str = "") -> dict:
        """Keep a round's answers (statement id -> kind, or None when passed), as the log and the code keep them;
        after the second round, each claim with its answer and its source."""
        from game.content.files import clean_line
        from game.core import check as checking
        from game.words import checkwords as cw

        assert self.session is not None
        check = self.session.check
        if check is None or when not in ("before", "after"):
            return {"answers": [], "code": self.code()}
        ids = check["statements"]
        for sid, kind in (placed or {}).items():
            if sid in ids and (kind is None or kind in checking.LABELS):
                check[when][ids.index(sid)] = kind
        if isinstance(pull, int) and 1 <= pull <= checking.PULL_STEPS:
            check["pull_" + when] = pull
        line = " ".join(clean_line(str(changed or "")).split())[:300]
        if when == "after" and line:
            check["changed"] = line
        self.session.keep_check(check)
        answers = []
        if when == "after" and checking.answered(check):
            answers = [{"text": cw.statement_text(self.level, sid),
                        "answer": cw.answer_line(self.level, sid, check["after"][ids.index(sid)])}
                       for sid in checking.after_order(ids)]
        return {"answers": answers, "code": self.code()}

    def _debrief(self) -> Debrief:
        from game.core import debrief

        if self.debrief_data is None:
            state = self.state
            self.debrief_data = debrief.debrief(self.level, state.log, self.others(self.level), self.answers)
        return self.debrief_data

    def debrief(self) -> dict:
        from game.report import debrief_text
        from game.web import chart

        data = self._debrief()
        pages = [{"title": t, "prompt": p, "sections": [{"heading": h, "items": items} for h, items in secs]}
                 for t, p, secs in debrief_text.pages(self.level, data)]
        otherwise = narrate.own(self.level, _("Play the year where you chose otherwise "
                                              "(`python -m game play --code CODE`):"))
        return {"pages": pages, "chart": chart.svg(self.level, data), "code": self.code(),
                "code_heading": narrate.code_heading(self.level, bool(self.answers)),
                "chart_title": narrate.own(self.level, _("Your score through the year")),
                "otherwise": {"heading": otherwise, "lines": debrief_text.otherwise_lines(self.level, data)}}

    def report_html(self) -> str:
        """The report `export` writes, with the chart drawn as SVG in place of the picture."""
        from game.report import export
        from game.web import chart

        page = export._html(self.level, self._debrief(), None, self.code())
        head, sep, rest = page.partition("</p>")
        return head + sep + "\n" + chart.svg(self.level, self._debrief()) + rest

    def log_text(self) -> str:
        """The finished year's log file, exactly as written (the terminal writes the same bytes)."""
        assert self.session is not None
        if self.session.log_path is None:
            return ""
        return self.session.log_path.read_text(encoding="utf-8")

    def file_name(self) -> str:
        from game.report import export

        return export.code_name(self.code(), self.level.id, self.state.seed,
                                self.state.character)

    def sources(self) -> dict:
        """The window's sources page: paragraphs and lists under their headings."""
        level = self.levels[self.session.level.id if self.session else DEFAULT_LEVEL]
        sections: list[dict] = [{"heading": "", "items": [], "paragraphs": []}]
        for kind, text in narrate.sources_page(level):
            if kind == "h":
                sections.append({"heading": text, "items": [], "paragraphs": []})
            else:
                sections[-1]["items" if kind == "li" else "paragraphs"].append(text)
        return {"title": _("Sources and about"), "sections": [s for s in sections if s["items"] or s["paragraphs"]]}


GAME: Game | None = None


def boot(levels_file: str, data_dir: str) -> str:
    """Called once by the page's worker: load the prepared levels. Returns the page's words as JSON."""
    global GAME
    GAME = Game.from_file(Path(levels_file), Path(data_dir))
    return json.dumps({"words": words(), "title": GAME.title()})


def call(name: str, args_json: str) -> str:
    """One call from the page: a method of the game by name, JSON in and JSON out."""
    assert GAME is not None
    if name not in CALLS:
        raise ValueError(f"no such call: {html.escape(name)}")
    result = getattr(GAME, name)(*json.loads(args_json))
    return json.dumps(result, ensure_ascii=False)


CALLS = {"title", "setup", "start", "resume", "play_code", "describe", "choose", "end_now", "rulebook",
         "questions", "answer", "debrief", "warm", "report_html", "log_text", "file_name", "sources", "code", "screen",
         "record", "check", "check_answer"}
