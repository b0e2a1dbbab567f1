"""The two-minute check in the window, headless: played by the keyboard alone before the year and after the
debrief (the code then carries it), skipped in one key, and every screen of it drawn."""

import pygame
import pytest

from game.core import check as checking
from game.ui.app import App
from game.ui.scenes.check import CheckScene
from game.ui.scenes.end import EndScene
from game.ui.scenes.reading import MonthSummaryScene
from game.ui.scenes.setup import CharacterScene
from game.ui.scenes.table import TableScene
from game.ui.scenes.title import TitleScene

SEED = "QUIZ-7-QUIZ-4M"


def press(app, k, char=""):
    """A key pressed and let go, as a player does."""
    app.step(16, [pygame.event.Event(pygame.KEYDOWN, key=k, unicode=char, mod=0),
                  pygame.event.Event(pygame.KEYUP, key=k, unicode=char, mod=0)])


def digit(app, n):
    press(app, getattr(pygame, f"K_{n}"), str(n))


@pytest.fixture
def app(harmony, tmp_path):
    window = App(harmony, tmp_path, seed=SEED)
    window.settings.reduce_motion = True
    yield window
    pygame.display.quit()


def _to_the_check(app):
    app.push(TitleScene(app))
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, CharacterScene)
    digit(app, 2)
    for n in (1, 3, 5):
        digit(app, n)
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, CheckScene), app.scene  # the class code asks for it (-QUIZ)


def _play_the_year(app):
    table = app.scene
    assert isinstance(table, TableScene)
    for _ in range(300):
        if isinstance(app.scene, EndScene):
            return app.scene
        if isinstance(app.scene, MonthSummaryScene):
            press(app, pygame.K_RETURN)
        elif table.animating():
            press(app, pygame.K_SPACE, " ")
        elif table.phase == "decide":
            digit(app, 1)
        else:
            press(app, pygame.K_RETURN)
    raise AssertionError("the year did not end")


def test_the_check_is_played_by_keys_before_and_after_and_rides_in_the_code(app, tmp_path):
    _to_the_check(app)
    check = app.scene
    app.step(16, [])
    press(app, pygame.K_RETURN)  # start
    for n in (1, 2, 3, 4):
        assert check.step[0] == "place"
        digit(app, n)
    digit(app, 2)  # the pull
    assert isinstance(app.scene, TableScene)
    session = app.scene.session
    assert session.check["before"] == list(checking.LABELS) and session.check["pull_before"] == 2
    end = _play_the_year(app)
    end.debrief()
    app.step(16, [])
    while not isinstance(app.scene, (EndScene, CheckScene)):
        press(app, pygame.K_ESCAPE)  # out of the debrief (and its questions) at once
    after = app.scene
    assert isinstance(after, CheckScene) and after.when == "after"
    for n in (4, 4, 4, 4, 5):
        digit(app, n)
    assert after.step[0] == "changed"
    app.step(16, [pygame.event.Event(pygame.TEXTINPUT, text="5")])  # the pull's key, as text: not the line's
    press(app, pygame.K_t, "t")
    app.step(16, [pygame.event.Event(pygame.TEXTINPUT, text="the sources")])
    press(app, pygame.K_SPACE, " ")  # a space is typed, not "Done"
    assert after.step[0] == "changed"
    press(app, pygame.K_RETURN)
    assert after.step[0] == "answers"
    app.step(16, [])
    press(app, pygame.K_RETURN)
    assert app.scene is end
    assert session.check["after"] == ["invented"] * 4 and session.check["changed"] == "the sources"
    assert end.code.count(":") == 6
    assert "the sources" not in end.code  # the free line stays in the log
    logs = list((tmp_path / "logs").glob("*.json"))
    assert logs and '"the sources"' in logs[0].read_text()


def test_a_student_skips_the_check_in_one_key(app):
    _to_the_check(app)
    app.step(16, [])
    press(app, pygame.K_s, "s")
    assert isinstance(app.scene, TableScene)
    assert not checking.answered(app.scene.session.check)


@pytest.mark.parametrize("text_size", [100, 150])
def test_every_screen_of_the_check_draws_inside_its_sheet(app, text_size):
    app.settings.text_size = text_size
    app.relayout()
    _to_the_check(app)
    check = app.scene
    for _ in range(len(check.steps)):
        app.step(16, [])
        assert all(check.sheet.contains(b.rect) for b in check.focus.buttons)
        if check.step[0] == "offer":
            press(app, pygame.K_RETURN)
        else:
            digit(app, 1)
        if app.scene is not check:
            break
