"""Starting the window: the title comes up before the level is read, and answers keys while it loads.

How fast is for `python -m game bench`; these tests check the shape that makes it fast and keeps it honest.
"""

import shutil
import subprocess
import sys
import time

import pygame

from game.ui.app import App
from game.ui.scenes.title import TitleScene
from tests.conftest import MINI, ROOT


def key(k, char=""):
    return pygame.event.Event(pygame.KEYDOWN, key=k, unicode=char, mod=0)


def settle(app: App, title: TitleScene, seconds: float = 20) -> None:
    """Step the window as its loop does until the title has its level (or its level's problem)."""
    deadline = time.monotonic() + seconds
    app.step(16, [])
    while title.busy() and time.monotonic() < deadline:
        app.step(16, [])
        time.sleep(0.005)
    assert not title.busy(), "the level never finished loading"


def test_opening_the_window_reads_no_yaml_and_loads_no_rules():
    """What `python -m game` imports before the first frame: YAML and the rules come after it, off the
    loop, and the command-line parser is not built when there is nothing to parse."""
    heavy = ("yaml", "argparse", "game.content.level", "game.core.model", "game.core.engine", "game.core.rules",
             "game.core.bots", "game.play.session")
    code = f"import sys, game.cli, game.ui.app, game.ui.scenes.title; print(*sorted(set(sys.modules) & {set(heavy)}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == []


def test_the_game_alone_means_play_with_the_parsers_own_defaults():
    from game.cli import build_parser, play_defaults

    assert vars(play_defaults()) == vars(build_parser().parse_args(["play"]))


def test_the_title_before_its_level_shows_the_engines_own_tagline():
    from game.words.narrate import LEVEL_WORDS

    assert TitleScene.DEFAULT_TAGLINE == LEVEL_WORDS["tagline"]


def test_the_title_shows_the_levels_own_title_before_reading_it(tmp_path):
    window = App(ROOT / "levels" / "harmony_city_fico", tmp_path)
    assert window.level_title == "Harmony City with a credit score"  # not the folder's name
    assert not window.level_loaded


def test_the_title_types_a_seed_while_the_level_loads_beside_it_then_plays(tmp_path):
    window = App(ROOT / "levels" / "harmony_city", tmp_path)
    title = TitleScene(window)
    window.push(title)
    window.step(16, [])  # the first frame: the title is up, nothing read yet
    assert not window.level_loaded
    window.step(16, [key(pygame.K_a, "a")])  # the loader starts; the key is taken at once
    assert title.seed == "A"
    settle(window, title)
    assert window.level_loaded and window.level.title == "Harmony City" and title.message == ""
    window.step(16, [key(pygame.K_RETURN)])
    assert type(window.scene).__name__ == "CharacterScene"


def test_new_game_pressed_during_the_load_waits_for_it_rather_than_reading_twice(tmp_path):
    window = App(ROOT / "levels" / "harmony_city", tmp_path)
    title = TitleScene(window)
    window.push(title)
    window.step(16, [])
    window.step(16, [])  # the loader is running
    window.step(16, [key(pygame.K_RETURN)])
    assert window.level_loaded and type(window.scene).__name__ == "CharacterScene"


def test_a_level_broken_beyond_its_title_says_so_on_the_title_once_loaded(tmp_path):
    level = tmp_path / "mini"
    shutil.copytree(MINI, level)
    (level / "rulebook.yaml").write_text("name: [broken\n", encoding="utf-8")
    window = App(level, tmp_path / "data")
    title = TitleScene(window)
    window.push(title)
    settle(window, title)
    assert "cannot be played" in title.message and "rulebook.yaml:" in title.message
    assert not title.focus.buttons[0].enabled


def test_every_screen_is_registered_once_the_others_load():
    import re

    from game.ui.scene import SCENES
    from game.ui.scenes import load_all

    load_all()
    sources = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "game" / "ui" / "scenes").glob("*.py"))
    names = set(re.findall(r'@register\("(\w+)"\)', sources))
    assert len(names) > 5 and names <= set(SCENES)
