"""The end of the year: final grade, the goal and the rule that decided it, and where to go next."""

from __future__ import annotations

import pygame

from game.core import gamecode
from game.draw import text
from game.draw.shapes import panel, stamp
from game.play.paths import new_seed
from game.ui.scene import Scene, register
from game.ui.widgets import Button, FocusGroup
from game.words import narrate
from game.words.i18n import _


@register("end")
class EndScene(Scene):
    def __init__(self, app, session) -> None:
        super().__init__(app)
        self.session = session
        self.focus = FocusGroup()
        log = session.state.log
        self.end = next(e for e in log if e["t"] == "end")
        self.lines = narrate.end_summary(session.level, log, session.state.character)[1:]
        state = session.state
        try:
            self.code = gamecode.encode(session.level, state.seed, state.character, state.values, state.choices)
        except gamecode.CodeError:
            self.code = ""

    def layout(self) -> None:
        th = self.app.theme
        w, h = th.size
        self.sheet = pygame.Rect(0, 0, min(w - th.px(80), th.px(1000)), h - th.px(60))
        self.sheet.center = (w // 2, h // 2)
        bw, bh = th.px(270), th.button_h(54)
        y = self.sheet.bottom - th.space("xl") - bh
        gap = th.space("m")
        labels = [(_("See the debrief"), self.debrief), (_("Play another year"), self.again),
                  (_("Title screen"), self.title)]
        left = self.sheet.centerx - (3 * bw + 2 * gap) // 2
        self.focus.set([Button(label, action, pygame.Rect(left + i * (bw + gap), y, bw, bh))
                        for i, (label, action) in enumerate(labels)])

    def debrief(self) -> None:

        self.app.push("debrief", self.session)

    def again(self) -> None:

        self.app.reset("title")
        self.app.push("character", new_seed())

    def title(self) -> None:

        self.app.reset("title")

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.title()
            return
        self.focus.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.app.theme
        p = th.palette
        panel(surface, self.sheet, th)
        pad = th.space("xl")
        x, y = self.sheet.left + pad, self.sheet.top + pad
        text.draw_line(surface, _("The year is over"), (x, y), th.text_px("h1"), p.ink, "bold")
        grade = self.end["grade"]
        if grade:
            color = p.bands.get(grade, p.ink)
            stamp(surface, _("GRADE {g}").format(g=grade), (self.sheet.right - pad - th.px(120),
                                                           y + th.px(40)), th, tuple(max(0, c - 60) for c in color),
                  th.text_px("h1"))
        y += text.line_height(th.text_px("h1"), "bold") + th.space("m")
        note = _("The debrief shows how the rules shaped your choices, and exports a report for class.")
        if self.code:
            note += " " + _("Your game code (write it down): {code}").format(code=self.code)
        if self.session.log_path:
            note += " " + _("The log of your year is in {path}").format(path=self.session.log_path)
        note_size = th.text_px("small")
        note_h = text.block_height(note, note_size, self.sheet.width - 2 * pad)
        note_top = self.focus.buttons[0].rect.top - th.space("l") - note_h
        body = pygame.Rect(x, y, self.sheet.width - 2 * pad, note_top - th.space("m") - y)
        words = "\n".join(line.strip() for line in self.lines)
        size = text.fit_size(words, body.width, body.height, th.text_px("body"), th.min_text_px()) \
            or th.min_text_px()
        text.draw_block(surface, words, body, size, p.ink)
        text.draw_block(surface, note, pygame.Rect(x, note_top, body.width, note_h), note_size, p.ink_soft)
        self.focus.draw(surface, th)
