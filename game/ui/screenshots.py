"""Play a scripted game headless and save one PNG per screen, for the README and for review."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from game.core.model import Level

if TYPE_CHECKING:
    from game.ui.scene import Scene

S = TypeVar("S", bound="Scene")


def _is(kind: type[S], scene: Scene) -> S:
    """The screen a step of the tour leads to, as its class: the tour stops where the game went elsewhere."""
    assert isinstance(scene, kind), f"the tour expected {kind.__name__}, the game shows {type(scene).__name__}"
    return scene


def _watched_first(decision) -> int:
    """Prefer an option the rulebook watches, so the die and the rule show on the table."""
    for i, option in enumerate(decision.options):
        if any(a["judged"] and 0 < a["chance"] < 1 for a in option["acts"]):
            return i
    return 0


def _score_chaser(decision) -> int:
    """The option that risks the most points, without an act that puts you on the blacklist."""
    options = decision.options
    def risky(i: int) -> bool:
        return any(a["points"] <= -50 and a["chance"] >= 1 for a in options[i]["acts"])
    allowed = [i for i, option in enumerate(options) if option.get("available", True)] or range(len(options))
    return min(allowed, key=lambda i: (risky(i), options[i]["expected_points"]))


def _refused_game(level: Level, seed: str):
    """A game paused just before a choice whose service a rule refuses with a word on what is real.

    Returns (state, choice) or None when no character's year gets there."""
    from game.core import engine
    from game.play import seeds
    from game.words import narrate

    for character in level.characters:
        state = seeds.new_year(level, seed, character, list(level.values)[:3])
        while not isinstance(state, engine.Refusal) and not state.over:
            choice = _score_chaser(engine.pending(level, state))
            after = engine.apply(level, state, choice)
            if isinstance(after, engine.Refusal):
                break
            new = after.log[len(state.log):]
            if any(e["t"] == "service" and e.get("for") == "card" and narrate.reality_line(level, e) for e in new):
                return state, choice
            state = after
    return None


# every page of the debrief, in order (numbered so the README's older links stay valid)
DEBRIEF_SHOTS = ("11-debrief-feelings", "12-debrief-your-year", "13-debrief-moments", "18-debrief-values",
                 "14-debrief-what-if", "19-debrief-real-world", "20-debrief-questions")


def take_screenshots(level: Level, out: Path, seed: str = "CLASS-1", size=(1280, 720),
                     text_size: int = 100) -> list[Path]:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.play.session import Session
    from game.ui.app import App
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.end import EndScene
    from game.ui.scenes.reading import EndNowScene, MonthSummaryScene
    from game.ui.scenes.setup import CharacterScene, ValuesScene
    from game.ui.scenes.table import TableScene
    from game.ui.scenes.why import WhyScene

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as data:
        app = App(level, Path(data), seed=seed, size=size)
        app.settings.text_size = text_size
        app.settings.reduce_motion = True
        app.relayout()

        def shot(name: str) -> None:
            app.step(16, [])
            path = out / f"{name}.png"
            pygame.image.save(app.screen, str(path))
            written.append(path)

        app.push("title")
        shot("01-title")
        characters = _is(CharacterScene, app.push("character", seed))
        characters.focus.focus = min(2, len(level.characters) - 1)
        shot("02-character")
        character = list(level.characters)[characters.focus.focus]
        values = _is(ValuesScene, app.push("values", seed, character))
        values.toggle(0)
        values.toggle(2)
        shot("03-values")
        session = Session.new(level, Path(data), seed, character, list(level.values)[:3])
        table = _is(TableScene, app.reset("table", session))
        shot("04-table")
        table.choose(_watched_first(session.decision))
        shot("05-outcome")
        while not isinstance(app.scene, MonthSummaryScene):
            if table.phase == "outcome":
                table.proceed()
            else:
                table.choose(_watched_first(session.decision))
        shot("06-month-summary")
        app.scene.close()
        app.push("rulebook", session.state.policies)
        shot("07-rulebook")
        app.pop()
        app.push("settings")
        shot("08-settings")
        app.pop()
        app.push("sources")
        shot("09-sources")
        app.pop()
        while app.scene is table:
            if table.phase == "outcome":
                table.proceed()
            else:
                table.choose(_watched_first(session.decision))
            if isinstance(app.scene, MonthSummaryScene):
                app.scene.close()
        shot("10-end-of-year")
        _is(EndScene, app.scene).debrief()
        debrief = _is(DebriefScene, app.scene)
        shot(DEBRIEF_SHOTS[0])
        debrief.go(1)  # leaving the first page asks why, for a few moments where points were at stake
        shot("17-debrief-why")
        while app.scene is not debrief:
            _is(WhyScene, app.scene).answer("values")
        for index, name in enumerate(DEBRIEF_SHOTS[1:], start=1):
            debrief.go(index)
            shot(name)
        refused = _refused_game(level, seed)
        if refused is not None:  # a service refused by a rule from the article: what the ticket says
            state, choice = refused
            table = _is(TableScene, app.reset("table", Session(level, state, Path(data))))
            table.choose(choice)
            shot("15-refused-ticket")
            while not isinstance(app.scene, MonthSummaryScene):
                if table.phase == "outcome":
                    table.proceed()
                else:
                    table.choose(_score_chaser(table.session.decision))
            shot("16-refused-month-summary")
        # the menu, and ending the year early from it: the debrief and the code cover the months played
        session = Session.new(level, Path(data), seed, character, list(level.values)[:3])
        table = _is(TableScene, app.reset("table", session))
        table.choose(_watched_first(session.decision))
        table.next_decision()
        app.push("menu")
        shot("21-menu")
        app.pop()
        ending = _is(EndNowScene, app.push("end_now"))
        shot("22-end-now")
        ending.confirm()
        shot("23-ended-early")
        # a shared computer: two students' unfinished years, and Continue asks whose
        for n, who in enumerate(list(level.characters)[:2]):
            Session.new(level, Path(data), f"{seed}-{n + 1}", who, list(level.values)[:3]).choose(0)
        app.reset("title").resume()
        shot("24-which-year")
    return written
