"""The window, headless: every screen draws, the keyboard alone plays a year, text fits its boxes."""

import json
import os
import subprocess
import sys

import pygame
import pytest

from game.content.level import load_level
from game.content.locate import list_levels
from game.draw import text
from game.draw.theme import Theme
from game.play.saves import list_saves
from game.play.session import Session
from game.ui.app import App
from game.ui.scenes.end import EndScene
from game.ui.scenes.reading import MonthSummaryScene
from game.ui.scenes.setup import CharacterScene
from game.ui.scenes.table import TableScene, areas, card_layout, choice_height
from game.ui.scenes.title import TitleScene
from game.ui.screenshots import take_screenshots
from tests.conftest import ROOT

SCREENS = ["01-title", "02-character", "03-values", "04-table", "05-outcome", "06-month-summary", "07-rulebook",
           "08-settings", "09-sources", "10-end-of-year", "11-debrief-feelings", "17-debrief-why",
           "12-debrief-your-year", "13-debrief-moments", "18-debrief-values", "14-debrief-what-if",
           "19-debrief-real-world", "20-debrief-questions", "15-refused-ticket", "16-refused-month-summary",
           "21-menu", "22-end-now", "23-ended-early", "24-which-year"]


def key(k, char=""):
    return pygame.event.Event(pygame.KEYDOWN, key=k, unicode=char, mod=0)


@pytest.fixture
def app(harmony, tmp_path):
    window = App(harmony, tmp_path, seed="TEST-1")
    yield window
    pygame.display.quit()


@pytest.mark.parametrize("text_size", [100, 150])
def test_every_screen_draws(harmony, tmp_path, text_size):
    written = take_screenshots(harmony, tmp_path, "SHOTS", (1280, 720), text_size)
    assert [p.stem for p in written] == SCREENS
    for path in written:
        image = pygame.image.load(str(path))
        assert image.get_size() == (1280, 720)


def test_a_whole_year_is_played_by_the_keyboard_alone(app):
    app.push(TitleScene(app))
    app.step(16, [key(pygame.K_RETURN)])
    assert isinstance(app.scene, CharacterScene)
    app.step(16, [key(pygame.K_2, "2")])
    app.step(16, [key(pygame.K_1, "1"), key(pygame.K_3, "3"), key(pygame.K_5, "5"), key(pygame.K_RETURN)])
    assert isinstance(app.scene, TableScene)
    table = app.scene
    for _ in range(400):
        if isinstance(app.scene, EndScene):
            break
        if isinstance(app.scene, MonthSummaryScene):
            app.step(16, [key(pygame.K_RETURN)])
        elif table.animating():
            app.step(16, [key(pygame.K_SPACE, " ")])
        elif table.phase == "decide":
            app.step(16, [key(pygame.K_1, "1")])
        else:
            app.step(16, [key(pygame.K_RETURN)])
    assert isinstance(app.scene, EndScene)
    assert table.session.state.over and table.session.state.character == list(app.level.characters)[1]
    assert list((app.data_dir / "logs").glob("*.json"))


def test_r_opens_the_rulebook_and_closes_it(app, harmony):
    session = Session.new(harmony, app.data_dir, "R", list(harmony.characters)[0], list(harmony.values)[:3])
    app.push(TableScene(app, session))
    app.step(16, [key(pygame.K_SPACE, " ")])
    app.step(16, [key(pygame.K_r, "r")])
    assert app.scene.title == harmony.rulebook.name
    # what the year is judged on, near the top: needs come unannounced, and what a good year takes
    page = [words for _kind, words in app.scene.page]
    assert page.index("How the year is judged") < page.index("What each act is worth")
    assert "Needs come unannounced, in months you are not told. Your grade when one comes decides it." in page
    assert "A good year: goal reached, every need met, no meter empty at any month's end." in page
    app.step(16, [key(pygame.K_r, "r")])
    assert isinstance(app.scene, TableScene)


def all_levels():
    return [load_level(p) for p in list_levels()]


@pytest.mark.parametrize("text_size", [100, 125, 150])
def test_every_card_fits_its_box_at_1280x720(app, text_size):
    pygame.display.set_mode((1280, 720))
    th = Theme((1280, 720), text_size / 100)
    text.clear_caches()
    problems = []
    for level in all_levels():
        for card in level.cards.values():
            a = areas(th, len(card.choices))
            lay = card_layout(th, a.card, card.title, card.text)
            if lay.body_px is None:
                problems.append(f"{level.id}/{card.id}: text does not fit {a.card.size}")
            if text.font(lay.title_px, "bold").size(card.title)[0] > lay.title.width:
                problems.append(f"{level.id}/{card.id}: title too wide")
            label_room = a.choices.width - th.px(80)
            label_px = th.text_px("label")
            for choice in card.choices:
                if text.font(label_px, "bold").size(choice.label)[0] > label_room:
                    problems.append(f"{level.id}/{card.id}: choice '{choice.label}' too wide")
            assert a.choices.bottom <= 720 and a.card.height >= choice_height(th)
        for act in level.civic.values():
            if text.font(th.text_px("label"), "bold").size(act.label)[0] > areas(th, 3).choices.width - th.px(80):
                problems.append(f"{level.id}/{act.id}: civic label too wide")
    assert problems == []


@pytest.mark.parametrize("size", [(1280, 720), (960, 540), (1920, 1080), (1024, 768), (2560, 1440)])
def test_resizing_lays_the_table_out_again(app, harmony, size):
    session = Session.new(harmony, app.data_dir, "SIZE", list(harmony.characters)[0], list(harmony.values)[:3])
    app.push(TableScene(app, session))
    app.step(16, [pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size)])
    table = app.scene
    w, h = app.screen.get_size()
    for rect in (table.areas.card, table.areas.choices, table.areas.left, table.areas.right):
        assert 0 <= rect.left and rect.right <= w and 0 <= rect.top and rect.bottom <= h
    for button in table.focus.buttons:
        assert button.rect.bottom <= h


def test_the_autosave_after_a_decision_resumes_to_the_same_state(harmony, tmp_path):
    session = Session.new(harmony, tmp_path, "SAVE", list(harmony.characters)[2], list(harmony.values)[:3])
    for _ in range(4):
        session.choose(0)
    saved = json.loads(session.path.read_text())
    assert session.path.parent == tmp_path / "saves" and saved["choices"] == [0, 0, 0, 0]
    again = Session.resume(harmony, tmp_path)
    assert again.state.log == session.state.log
    assert list(tmp_path.glob("*.tmp")) == []


def test_an_unreadable_save_gives_a_message_and_a_new_game(app):
    (app.data_dir / "autosave.json").write_text('{"format": 1, "choices": [', encoding="utf-8")
    title = TitleScene(app)
    app.push(title)
    app.step(16, [])
    assert "cannot be used" in title.message and "kept as" in title.message
    assert not title.has_save
    assert list((app.data_dir / "saves" / "aside").glob("autosave.broken-*.json"))
    app.step(16, [key(pygame.K_RETURN)])
    assert isinstance(app.scene, CharacterScene)


def test_settings_persist_between_runs(harmony, tmp_path):
    first = App(harmony, tmp_path)
    first.settings.text_size = 150
    first.settings.high_contrast = True
    first.save_settings()
    second = App(harmony, tmp_path)
    assert second.settings.text_size == 150 and second.settings.high_contrast
    assert second.theme.text_px("body") > Theme((1280, 720)).text_px("body")


def test_no_audio_device_means_a_silent_game_and_no_error():
    code = ("import os; os.environ['SDL_VIDEODRIVER']='dummy'; os.environ['SDL_AUDIODRIVER']='no-such-device';"
            "from game.ui.audio import Sounds; s = Sounds(True); s.play('roll'); print(s.available)")
    env = {k: v for k, v in os.environ.items() if k != "SDL_AUDIODRIVER"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("False")
    assert "Traceback" not in out.stderr


def test_closing_the_window_mid_turn_keeps_every_decision_made(app, harmony):
    session = Session.new(harmony, app.data_dir, "CLOSE", list(harmony.characters)[0], list(harmony.values)[:3])
    app.push(TableScene(app, session))
    app.step(16, [key(pygame.K_SPACE, " "), key(pygame.K_1, "1")])
    app.step(16, [pygame.event.Event(pygame.QUIT)])
    assert not app.running
    resumed = Session.resume(harmony, app.data_dir)
    assert resumed.state.choices == [0]


def test_a_broken_level_opens_the_window_with_its_problem_and_no_crash(tmp_path):
    import shutil

    from tests.conftest import MINI

    level = tmp_path / "mini"
    shutil.copytree(MINI, level)
    (level / "rulebook.yaml").write_text("name: [broken\n", encoding="utf-8")
    window = App(level, tmp_path / "data")
    title = TitleScene(window)
    window.push(title)
    window.step(16, [key(pygame.K_RETURN)])
    window.step(16, [])
    assert "cannot be played" in title.message and "rulebook.yaml:" in title.message
    assert isinstance(window.scene, TitleScene)
    assert not title.focus.buttons[0].enabled


@pytest.mark.parametrize("grades", ["  - {grade: A, min: 0}\n",
                                    "  - {grade: A, min: 1000}\n  - {grade: B, min: 0}\n"])
def test_a_rulebook_with_one_or_two_grades_draws_its_track(tmp_path, grades):
    import re
    import shutil

    from tests.conftest import MINI

    level_dir = tmp_path / "mini"
    shutil.copytree(MINI, level_dir)
    rules = level_dir / "rulebook.yaml"
    text_ = re.sub(r"grades:\n(  - .*\n)+", "grades:\n" + grades, rules.read_text())
    rules.write_text(re.sub(r"  (A|B|C|D): \{[^}]*\}\n", "", text_).replace(
        "{A: granted, B: granted, C: delayed, D: denied}", "granted").replace(
        "{A: granted, B: granted, C: granted, D: denied}", "granted"))
    level = load_level(level_dir)
    window = App(level, tmp_path / "data")
    session = Session.new(level, tmp_path / "data", "G", "driver", ["family", "honesty", "freedom"])
    table = TableScene(window, session)
    window.push(table)
    window.step(16, [key(pygame.K_SPACE, " "), key(pygame.K_1, "1")])
    window.step(16, [])
    assert window.scene is table and table.track_cache is not None  # drawn, not skipped or crashed
    from game.draw.charts import score_window

    hi = score_window(level.rulebook)[1]
    track = table.track_cache
    drawn = {tuple(track.get_at((x, y)))[:3] for x in range(0, track.get_width(), 2)
             for y in range(0, track.get_height(), 2)}
    bands = [g.grade for g in level.rulebook.grades if g.min < hi]  # each grade whose band is on the bar
    assert bands and all(tuple(window.theme.palette.bands[g])[:3] in drawn for g in bands)


def test_exporting_from_the_window_works_for_a_level_opened_by_its_folder(tmp_path):
    import shutil

    from game.ui.scenes.debrief import DebriefScene
    from tests.conftest import MINI

    shutil.copytree(MINI, tmp_path / "elsewhere" / "mini")
    level = load_level(tmp_path / "elsewhere" / "mini")
    window = App(level, tmp_path / "data")
    session = Session.new(level, tmp_path / "data", "EXP", "driver", ["family", "honesty", "freedom"])
    while not session.state.over:
        session.choose(0)
    debrief_scene = DebriefScene(window, session)
    window.push(debrief_scene)
    debrief_scene.export()
    assert "written to" in debrief_scene.message
    assert list((tmp_path / "data" / "exports").rglob("report.html"))


def test_a_typed_seed_keeps_new_game_in_focus_through_a_resize(app, harmony):
    session = Session.new(harmony, app.data_dir, "OLD", list(harmony.characters)[0], list(harmony.values)[:3])
    session.choose(0)
    app.seed = None  # no --seed given: the saved game is the natural default
    title = TitleScene(app)
    app.push(title)
    assert title.focus.focus == 1  # Continue, for the saved game
    app.step(16, [key(pygame.K_a, "a"), key(pygame.K_b, "b")])
    app.step(16, [pygame.event.Event(pygame.VIDEORESIZE, w=1400, h=800, size=(1400, 800))])
    assert title.focus.focus == 0 and title.seed == "AB"


def test_esc_pauses_and_the_menu_leads_to_the_rules_settings_and_back(app, harmony):
    from game.ui.scenes.reading import MenuScene
    from game.ui.scenes.settings import SettingsScene

    session = Session.new(harmony, app.data_dir, "ESC", list(harmony.characters)[0], list(harmony.values)[:3])
    app.push(TableScene(app, session))
    app.step(16, [key(pygame.K_SPACE, " "), key(pygame.K_ESCAPE)])
    assert isinstance(app.scene, MenuScene)
    app.step(16, [key(pygame.K_DOWN), key(pygame.K_RETURN)])
    assert app.scene.title == harmony.rulebook.name
    app.step(16, [key(pygame.K_ESCAPE), key(pygame.K_ESCAPE), key(pygame.K_DOWN), key(pygame.K_DOWN),
                  key(pygame.K_RETURN)])
    assert isinstance(app.scene, SettingsScene)
    app.step(16, [key(pygame.K_1, "1")])
    assert app.settings.text_size == 125
    app.step(16, [key(pygame.K_ESCAPE)])
    assert isinstance(app.scene, TableScene)


def test_a_split_class_code_typed_on_the_title_places_an_even_student_without_a_score(app):
    title = TitleScene(app)
    app.push(title)
    title.seed = "9B-SPLIT4"
    title.new_game()
    assert app.level.id == "harmony_city_no_score"
    assert isinstance(app.scene, CharacterScene) and app.scene.seed == "9B-SPLIT"


def test_esc_on_the_end_of_the_year_goes_to_the_title_not_back_to_the_table(app, harmony):
    from game.core import bots, rng

    _bot, state = bots.play_year(harmony, "ESC-END", list(harmony.characters)[0], list(harmony.values)[:3],
                                 "balanced", rng.seed_state("esc"))
    app.push(TitleScene(app))
    app.push(EndScene(app, Session(harmony, state, app.data_dir)))
    app.step(16, [key(pygame.K_ESCAPE)])
    assert isinstance(app.scene, TitleScene) and len(app.scenes) == 1


def test_continue_on_a_shared_computer_asks_whose_year_and_opens_the_older_one_picked(app, harmony):
    """Two students' unfinished years: Continue used to take the newest, so the first student lost theirs."""
    from game.ui.scenes.years import YearsScene

    first = Session.new(harmony, app.data_dir, "AMY-1", "zhao_lei", list(harmony.values)[:3])
    first.choose(0)
    second = Session.new(harmony, app.data_dir, "BEN-2", "lin_yue", list(harmony.values)[:3])
    second.choose(1)
    second.choose(0)
    os.utime(first.path, (1, 1))  # the first student's year is the older one
    app.seed = None
    title = TitleScene(app)
    app.push(title)
    assert "Continue asks which one is yours" in title.message
    title.resume()
    assert isinstance(app.scene, YearsScene)
    labels = [b.label for b in app.scene.focus.buttons]
    assert "BEN-2" in labels[0] and "AMY-1" in labels[1] and labels[-1] == "Back"
    app.step(16, [key(pygame.K_2, "2")])
    assert isinstance(app.scene, TableScene)
    assert app.session.state.seed == "AMY-1" and app.session.state.choices == [0]
    assert len(list_saves(app.data_dir)[0]) == 2  # both years are still kept
