"""Details in the window that cost minutes in class: large text, deliberate choices, the board's month,
ending the year from the menu, the game code on the end screen, the year's length on the title."""

import sys

import pygame
import pytest

from game.content.level import load_level
from game.content.locate import find_level
from game.core import engine, gamecode
from game.draw import text
from game.draw.theme import Theme
from game.play import seeds
from game.play.session import Session
from game.ui.app import App
from game.ui.scenes.end import EndScene
from game.ui.scenes.reading import MonthSummaryScene
from game.ui.scenes.table import areas, card_layout
from game.ui.scenes.title import TitleScene
from game.ui.scenes.why import WhyScene
from game.ui.screenshots import take_screenshots
from game.ui.widgets import Button


def key(k, char=""):
    return pygame.event.Event(pygame.KEYDOWN, key=k, unicode=char, mod=0)


@pytest.fixture
def app(harmony, tmp_path):
    window = App(harmony, tmp_path, seed="TEST-1")
    window.settings.reduce_motion = True  # no animation to skip: every key press does what it says
    yield window
    pygame.display.quit()


def table_for(app, level, seed="TEST-1-6M", character="zhao_lei"):
    session = Session.new(level, app.data_dir, seed, character, list(level.values)[:3])
    return app.reset("table", session)


@pytest.mark.parametrize("name", ["harmony_city", "rideshare"])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (1024, 768)])
def test_card_text_at_larger_sizes_is_never_smaller_than_at_100(name, size):
    pygame.font.init()
    level = load_level(find_level(name))
    for card in level.cards.values():
        sizes = {}
        for scale in (1.0, 1.25, 1.5):
            th = Theme(size, scale)
            sizes[scale] = card_layout(th, areas(th, max(len(card.choices), 2)).card, card.title, card.text).body_px
        assert None not in sizes.values(), (card.id, sizes)
        assert sizes[1.5] >= sizes[1.0] and sizes[1.25] >= sizes[1.0], (card.id, len(card.choices), sizes)


REAL = (text.draw_line, text.draw_block, App.draw)  # before any spy wraps them


class TextSpy:
    """Every line and block of text the window draws, frame by frame, with the object and function that
    drew it. In each frame the text of the screen on top (not the one dimmed beneath an overlay) is
    checked for overlaps and for leaving its button, its card or the window, except on the screens in
    `skip`; every text shortened with an ellipsis is kept in `cut`."""

    def __init__(self, monkeypatch, skip=()) -> None:
        self.skip = set(skip)
        self.cut: list[tuple] = []       # (words, drawn by, function): shortened with an ellipsis
        self.problems: list[str] = []    # overlaps and text outside its button, card or window
        self.sizes: dict[tuple, int] = {}  # (screen, drawn by, function, words) -> the smallest size seen
        self.frame: list[tuple] = []
        real_line, real_block, real_draw = REAL

        def line(surface, words, pos, size, color, weight="regular", anchor="topleft", max_width=None):
            caller = sys._getframe(1)
            owner = caller.f_locals.get("self")
            if words == "…" or max_width is not None and text.font(size, weight).size(words)[0] > max_width:
                self.cut.append((words, type(owner).__name__, caller.f_code.co_name))
            rect = real_line(surface, words, pos, size, color, weight, anchor, max_width)
            self.frame.append((words, rect, size, owner, caller.f_code.co_name))
            return rect

        def block(surface, words, rect, size, color, weight="regular", align="left"):
            caller = sys._getframe(1)
            height = real_block(surface, words, rect, size, color, weight, align)
            width = max(text.font(size, weight).size(w)[0] for w in text.wrap(words, size, rect.width, weight))
            drawn = pygame.Rect(rect.left, rect.top, width, height)
            if align == "center":
                drawn.centerx = rect.centerx
            elif align == "right":
                drawn.right = rect.right
            self.frame.append((words, drawn, size, caller.f_locals.get("self"), caller.f_code.co_name))
            return height

        def draw(app):
            self.frame, top, start = [], app.scene, []

            def marked(surface):  # where the top screen's own text begins, after any screen beneath it
                start.append(len(self.frame))
                type(top).draw(top, surface)

            top.draw = marked
            try:
                real_draw(app)
            finally:
                del top.draw
            self.check(app, self.frame[start[0] if start else 0:])

        monkeypatch.setattr(text, "draw_line", line)
        monkeypatch.setattr(text, "draw_block", block)
        monkeypatch.setattr(App, "draw", draw)

    def check(self, app, frame: list[tuple]) -> None:
        screen = type(app.scene).__name__
        if screen in self.skip:
            return
        window = app.screen.get_rect()
        for words, rect, size, owner, function in frame:
            key = (screen, type(owner).__name__, function, words)
            self.sizes[key] = min(size, self.sizes.get(key, size))
            room = owner.rect if isinstance(owner, Button) else getattr(owner, "card", window) \
                if function == "draw" and owner is app.scene else window
            if not room.contains(rect):
                self.problems.append(f"{screen}: {words!r} {rect} is outside {room} ({type(owner).__name__})")
        for i, (words, rect, *_) in enumerate(frame):
            for other, rect2, *_ in frame[i + 1:]:
                if rect.colliderect(rect2):
                    self.problems.append(f"{screen}: {words!r} {rect} overlaps {other!r} {rect2}")


def test_no_button_or_heading_is_cut_on_any_screen_at_150(harmony, tmp_path, monkeypatch):
    """Every screen the screenshots visit (title to debrief, menu, ending early), plus every debrief page,
    at 150 % text: text that is shortened with an ellipsis is found, and only the die's side note may be;
    and on every screen no text overlaps other text or leaves its button, card or the window (but on the
    table, where the outcome is a sheet laid over the card on purpose)."""
    spy = TextSpy(monkeypatch, skip=("TableScene",))
    take_screenshots(harmony, tmp_path / "shots", "CLASS-1-6M", (1280, 720), 150)
    app = App(harmony, tmp_path / "data", seed="CLASS-1")
    app.settings.text_size = 150
    app.settings.reduce_motion = True
    app.relayout()
    table = table_for(app, harmony, "CLASS-1")
    table.end_now()
    app.step(16, [])
    app.scene.debrief()
    for page in range(len(app.scene.pages)):
        app.scene.go(page)
        app.step(16, [])
    app.scene.export()  # the message names the folder, a long path: read whole, not cut
    app.step(16, [])
    assert "written to" in app.scene.message
    pygame.display.quit()
    assert {c[1:] for c in spy.cut} <= {("TableScene", "draw_right")}, sorted(set(spy.cut))
    assert {k[0] for k in spy.sizes} >= {"TitleScene", "CharacterScene", "ValuesScene", "WhyScene", "EndScene",
                                         "DebriefScene", "MenuScene", "ReadingScene"}, "a screen was not checked"
    assert not spy.problems, spy.problems[:10]


@pytest.mark.parametrize("name, size", [("rideshare", (1280, 720)), ("rideshare", (1024, 768)),
                                        ("harmony_city", (1024, 768))])
def test_every_screen_of_the_other_level_and_a_4_3_window_shows_whole_at_150(name, size, tmp_path, monkeypatch):
    """The same walk with the rideshare level's people and cards, and in a 4:3 window."""
    spy = TextSpy(monkeypatch, skip=("TableScene",))
    take_screenshots(load_level(find_level(name)), tmp_path / "shots", "CLASS-1-6M", size, 150)
    assert {c[1:] for c in spy.cut} <= {("TableScene", "draw_right")}, sorted(set(spy.cut))
    assert {"CharacterScene", "ValuesScene", "EndScene"} <= {k[0] for k in spy.sizes}
    assert not spy.problems, spy.problems[:10]


@pytest.mark.parametrize("name", ["harmony_city", "rideshare"])
@pytest.mark.parametrize("size", [(1280, 720), (1024, 768), (1920, 1080)])
def test_who_you_are_and_what_matters_show_whole_and_never_smaller_at_larger_text(name, size, tmp_path, monkeypatch):
    """The character screen (every person in focus) and the values screen at 100, 125 and 150 %: nothing
    cut or overlapping, and no words drawn smaller than at 100 % (a play-tester saw "delivery driver, 29"
    cut off its row and the goal's services written over the key hint)."""
    level = load_level(find_level(name))
    seen = {}
    for scale in (100, 125, 150):
        spy = TextSpy(monkeypatch)
        app = App(level, tmp_path / str(scale), seed="CLASS-1", size=size)
        app.settings.text_size = scale
        app.settings.reduce_motion = True
        app.relayout()
        character = app.push("character", "CLASS-1")
        for i in range(len(level.characters)):
            character.focus.focus = i
            app.step(16, [])
        values = app.push("values", "CLASS-1", list(level.characters)[0])
        app.step(16, [])
        values.toggle(0)
        values.toggle(2)
        app.step(16, [])
        pygame.display.quit()
        assert not spy.cut and not spy.problems, (scale, spy.cut, spy.problems[:10])
        seen[scale] = spy.sizes
    assert seen[100].keys() == seen[150].keys(), seen[100].keys() ^ seen[150].keys()
    smaller = [(k[-1], seen[100][k], seen[s][k]) for s in (125, 150) for k in seen[100] if seen[s][k] < seen[100][k]]
    assert not smaller, smaller


def test_choosing_takes_a_number_a_click_or_enter_on_a_choice_moved_to(app, harmony):
    table = table_for(app, harmony)
    app.step(16, [key(pygame.K_RETURN), key(pygame.K_SPACE)])
    assert table.session.state.choices == [] and table.phase == "decide"
    app.step(16, [key(pygame.K_DOWN), key(pygame.K_RETURN)])
    assert table.session.state.choices == [0] and table.phase == "outcome"
    # paging through the outcome with Enter never chooses the next card's option
    for _ in range(6):
        app.step(16, [key(pygame.K_RETURN)])
        if isinstance(app.scene, MonthSummaryScene):
            app.step(16, [key(pygame.K_RETURN)])
    assert table.session.state.choices == [0]
    app.step(16, [key(pygame.K_2, "2")])
    assert table.session.state.choices == [0, 1]


def test_the_board_moves_to_the_next_month_only_after_the_months_summary(app, harmony):
    table = table_for(app, harmony, "TEST-1")
    while True:
        month = table.session.state.month
        decision = table.session.decision
        table.choose(len(decision.options) - 1)
        if any(e["t"] == "month_end" for e in table.events):
            break
        table.proceed()
    assert table.session.state.month == month + 1  # the engine has moved on...
    assert table._shown_span() == (month, month)  # ...the board has not, while the outcome shows
    table.proceed()
    assert isinstance(app.scene, MonthSummaryScene) and table._shown_span() == (month, month)
    app.scene.close()
    assert table._shown_span() == (month + 1, month + 1)


def test_a_short_years_board_shows_the_months_a_round_stands_for(app, harmony):
    table = table_for(app, harmony, "TEST-1-6M")
    assert table._shown_span() == (1, 2)


def test_end_the_year_now_from_the_menu_gives_the_end_screen_and_a_code_that_replays(app, harmony):
    table = table_for(app, harmony)
    table.choose(0)
    table.proceed()
    app.step(16, [key(pygame.K_ESCAPE)])
    labels = [b.label for b in app.scene.focus.buttons]
    app.scene.focus.buttons[labels.index("End the year now")].action()
    assert app.scene.title == "End the year now?"
    app.step(16, [key(pygame.K_RETURN)])  # the focused answer is "Keep playing"
    assert app.scene is table and not table.session.state.over
    app.push("end_now")
    app.scene.confirm()
    assert isinstance(app.scene, EndScene) and app.scene.ended_early
    state = app.scene.session.state
    assert state.over and state.choices[-1] == engine.END_NOW
    assert app.scene.session.log_path is not None and app.scene.session.log_path.exists()
    seed, who, values, choices = gamecode.resolve(harmony, gamecode.decode(app.scene.code))
    assert engine.replay(harmony, seed, who, values, choices, *seeds.terms(harmony, seed)).log == state.log
    app.step(16, [])


def test_the_end_screen_shows_the_game_code_large_and_apart_from_the_log_path(app, harmony):
    table = table_for(app, harmony)
    table.end_now()
    end = app.scene
    app.step(16, [])
    th = app.theme
    assert end.code_px >= th.text_px("h2") - 8 and end.code_px > th.text_px("body")
    copy = next(b for b in end.focus.buttons if b.label == "Copy code")
    assert end.code_box.contains(copy.rect)  # the copy button sits beside the code, in its box
    assert end.code_box.bottom <= min(b.rect.top for b in end.focus.buttons if b is not copy)
    body_bottom = end.code_box.top
    assert body_bottom > end.sheet.top
    copy.action()
    assert end.copied  # copied, or told to write it down where this machine has no clipboard


def test_back_from_the_debrief_the_end_screen_s_code_carries_the_answers(app, harmony):
    from game.play import yearlog

    table = table_for(app, harmony)
    session = table.session
    while len(session.state.choices) < 8:  # a few months with points at stake, then the year ended
        session.choose(next(i for i, o in enumerate(session.decision.options) if o.get("available", True)))
    table.end_now()
    end = app.scene
    app.step(16, [])
    before = end.code
    steps = yearlog.question_steps(harmony, end.session.state.log)
    end.session.keep_answers([{"step": s, "answer": "values"} for s in steps])
    end.resume()
    assert steps and end.code != before and end.code.count(":") == 5 and "with your answers" in end.code_heading
    assert yearlog.from_code(end.code, lambda _id: harmony).data["answers"]


def test_the_title_screen_chooses_the_years_length_and_the_seed_carries_it(app, harmony, tmp_path):
    app.seed = "MAPLE-42"
    title = app.reset(TitleScene(app))
    app.step(16, [])
    app.step(16, [])
    assert not title.short
    toggle = next(b for b in title.focus.buttons if b.label.startswith("Full year"))
    toggle.action()
    assert title.short and title.seed == "MAPLE-42-6M"
    assert any(b.label == "Short year: 6 months" for b in title.focus.buttons)
    title.new_game()
    assert app.scene.seed == "MAPLE-42-6M"


@pytest.mark.parametrize("name, dot", [("dice-5", (12, 12)), ("info", (12, 8)), ("triangle-alert", (12, 17))])
def test_an_icons_dots_are_drawn_so_the_chance_die_shows_its_pips(name, dot):
    """Lucide draws dots as zero-length lines, which the SVG loader leaves out; the die then reads as an empty box."""
    from game.draw.icons import icon

    pygame.display.init()
    pygame.display.set_mode((1, 1))
    img = icon(name, 16, (0, 0, 0))  # the size of a chip's icon, where the dots went missing
    assert img is not None
    x, y = dot[0] * 16 // 24, dot[1] * 16 // 24
    darkest = max(img.get_at((x + dx, y + dy)).a for dx in (-1, 0, 1) for dy in (-1, 0, 1))
    assert darkest > 128, f"{name}: no dot at {dot}"


@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5])
def test_the_month_strip_names_every_month_alike_at_every_text_size(harmony, scale):
    """At 150 % the strip once showed "J F M A M J Jul A ...": three letters where they fitted, initials elsewhere."""
    from game.ui.scenes.table import SIDE_CAP, month_labels

    pygame.font.init()
    th = Theme((1280, 720), scale)
    cell = min(th.px(40), (th.size[0] // 2) // harmony.months)
    size, names = month_labels(harmony, th, th.text_px("small", SIDE_CAP), cell - th.px(8))
    assert names[:3] == ["Jan", "Feb", "Mar"] and all(len(n) == 3 for n in names)
    assert size >= th.text_px("small", 1.0)  # never smaller than at 100 %
    assert max(text.font(size, "bold").size(n)[0] for n in names) <= cell - th.px(8)


def test_the_window_tells_a_good_deed_counted_with_its_note_the_first_time(app, harmony):
    table = table_for(app, harmony, seed="TEST-1")
    told = []
    while len(told) < 2:
        decision = table.session.decision
        civic = [i for i, o in enumerate(decision.options) if o.get("civic")]
        table.choose(civic[0] if civic else len(decision.options) - 1)
        told += [line for line in table.outcome_lines if line.startswith("Good deeds counted")]
        table.next_decision()
    assert told == ["Good deeds counted: 1. Only four count a year.", "Good deeds counted: 2"]


def test_the_end_screen_leads_with_the_years_verdict_louder_than_the_summary(app, harmony, monkeypatch):
    """A grade A year that ran a meter out read as a success: the stamp was the only large thing on the sheet."""
    import game.ui.scenes.end as end_module

    session = Session.new(harmony, app.data_dir, "TEST-1-6M", "zhao_lei", list(harmony.values)[:3])
    while not session.state.over:
        session.choose(0)
    good = next(e for e in session.state.log if e["t"] == "end")["good_year"]
    scene = app.reset("end", session)
    drawn = []
    real = end_module.text.draw_block
    monkeypatch.setattr(end_module.text, "draw_block", lambda s, words, rect, size, color, *a, **k: (
        drawn.append((words, size, tuple(color))), real(s, words, rect, size, color, *a, **k))[1])
    scene.draw(app.screen)
    verdict, summary = drawn[0], drawn[1]
    assert verdict[0].startswith("A good year" if good else "Not a good year")
    assert verdict[1] > summary[1] and verdict[0] not in summary[0]
    p = app.theme.palette
    assert verdict[2] == tuple(p.granted if good else p.denied)


def test_enter_held_through_the_end_screen_answers_no_why_question(app, harmony):
    """Issue 19: one Enter on "See the debrief", repeating while the debrief set itself up, answered all
    three questions "For the points". A question now takes a key pressed after it appeared."""
    session = Session.new(harmony, app.data_dir, "HELD-1-6M", "lin_yue", ["family", "honesty", "community"])
    while not session.state.over:
        session.choose(0)
    session.finish()
    end = app.reset("end", session)
    assert end.focus.buttons[end.focus.focus].label == "See the debrief"
    app.step(16, [key(pygame.K_RETURN)])  # pressed once, then held: the repeats come without a key up
    for _ in range(60):
        app.step(16, [key(pygame.K_RETURN)])
        if isinstance(app.scene, WhyScene):
            break
    debrief = app.scenes[-2] if isinstance(app.scene, WhyScene) else app.scene
    for _ in range(30):
        app.step(16, [key(pygame.K_RETURN)])
    assert isinstance(app.scene, WhyScene) and app.scene.answers == [] and app.scene.index == 0
    assert not debrief.answers
    app.step(16, [pygame.event.Event(pygame.KEYUP, key=pygame.K_RETURN, mod=0), key(pygame.K_RETURN)])
    assert app.scene.answers == []  # a fresh Enter takes no answer either: none has the focus
    app.step(16, [key(pygame.K_2, "2")])
    assert [a["answer"] for a in app.scene.answers] == ["values"]


def _most_points(decision) -> int:
    """A score chaser (never onto the blacklist): it reaches grade A, where the top grade's perk shows."""
    options = decision.options
    fine = [i for i, o in enumerate(options) if o.get("available", True) and not any(a.get("blacklist")
                                                                                     for a in o["acts"])]
    return max(fine, key=lambda i: options[i]["expected_points"])


@pytest.mark.parametrize("scale", [100, 150])
def test_a_needs_card_wears_its_badge_and_the_outcome_tells_the_need_and_grade_as_perk(app, harmony, scale,
                                                                                         monkeypatch):
    """Issue 20: the engine dealt needs nobody announced and judged the year by them, and the window said
    neither. A need's card wears a badge on its strip (no other card does), its outcome says what became
    of the need, a service that grade A changed says so (and no other does), and all of it fits at 1280x720."""
    from game.ui.scenes.table import card_layout
    from game.words import narrate

    app.settings.text_size = scale
    app.relayout()
    table = table_for(app, harmony, "CLASS-1", "zhao_lei")
    drawn = []
    real = text.draw_line
    monkeypatch.setattr(text, "draw_line", lambda s, words, *a, **k: (drawn.append(words), real(s, words, *a, **k))[1])
    badges, needs, perks = [], [], 0
    while not table.state.over:
        card = table.session.decision.card
        drawn.clear()
        app.step(16, [])
        head = table._header(app.theme, card_layout(app.theme, table.areas.card, "", "").header, card)
        need = card is not None and card.id in table.state.needs
        badges.append((need, head.badge is not None, "UNEXPECTED NEED" in drawn))
        assert table.overflows() == [], table.overflows()
        options = table.session.decision.options
        requests = [i for i, o in enumerate(options) if o["request"] and o.get("available", True)]
        table.choose(requests[-1] if need and requests else _most_points(table.session.decision))
        app.step(16, [])
        assert table.overflows() == [], table.overflows()
        perk = [e for e in table.events if e["t"] == "service" and e.get("perk")]
        lines = [line for line in table.outcome_lines if "counted: at grade B this would have been" in line]
        assert len(lines) == len(perk)
        perks += len(perk)
        needs += [line for line in table.outcome_lines if line in narrate.NEED_WORDS.values()]
        table.next_decision()
    assert all(need == badge == seen for need, badge, seen in badges) and sum(n for n, *_ in badges) == 3
    told = [narrate.NEED_WORDS[e["outcome"]] for e in table.state.log if e["t"] == "need"]
    assert needs == told and len(told) == 3 and perks >= 1


@pytest.mark.parametrize("scale", [100, 150])
def test_the_end_screen_shows_the_longest_verdict_whole_above_the_summary_and_the_code(app, harmony, scale,
                                                                                          monkeypatch):
    """Every reason a year was not good is named now, and at 150 % the long verdict pushed the summary over
    the game code. The longest verdict a Harmony City year can have fits, the summary's lines under it."""
    from game.words import narrate

    app.settings.text_size = scale
    app.relayout()
    session = Session.new(harmony, app.data_dir, "TEST-1-6M", "guo_fang", list(harmony.values)[:3])
    while not session.state.over:
        session.choose(0)
    longest = max((c for slot in harmony.needs for c in slot.cards), key=lambda c: len(harmony.cards[c].title))
    end = session.state.log[-1]
    end.update(goal_reached=True, good_year=False, needs_unmet=[longest], months_at_min=11,
               meters_at_min=["wellbeing", "family"])
    verdict = narrate.end_summary(harmony, session.state.log, "guo_fang")[1]
    assert verdict.startswith("Not a good year: goal reached, but \u201c") and "11 month-ends" in verdict
    spy = TextSpy(monkeypatch)
    scene = app.reset("end", session)
    app.step(16, [])
    assert not spy.problems and not spy.cut, (spy.problems[:5], spy.cut)
    assert scene.summary_fits and scene.summary_rect.bottom <= scene.code_box.top, scene.summary_words
    assert scene.verdict_px >= app.theme.text_px("body", 1.0)
