"""Why did you choose? A few moments where points were at stake, asked at the start of the debrief.

The game never guesses motive: the player says it, one moment at a time, and the answers are kept
beside the year's log and shown next to the evidence.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.core.model import Level
from game.draw import text
from game.draw.shapes import panel
from game.report import debrief_text
from game.ui.scene import Scene, register
from game.ui.widgets import Button, FocusGroup
from game.words.i18n import _


@register("why")
class WhyScene(Scene):
    """One question per moment: four answers by number key or mouse; Esc skips the rest."""

    def __init__(self, app, level: Level, questions: list[dict], done: Callable[[list[dict]], None]) -> None:
        super().__init__(app)
        self.level = level
        self.questions = questions
        self.done = done
        self.index = 0
        self.answers: list[dict] = []
        self.focus = FocusGroup()

    def layout(self) -> None:
        th = self.app.theme
        w, h = th.size
        self.sheet = pygame.Rect(0, 0, min(w - th.px(80), th.px(1000)), h - th.px(60))
        self.sheet.center = (w // 2, h // 2)
        pad = th.space("xl")
        bh, gap = th.button_h(54), th.space("s")
        width = self.sheet.width - 2 * pad
        choices = debrief_text.why_choices()
        top = self.sheet.bottom - pad - (len(choices) + 1) * (bh + gap)
        buttons = [Button(words, (lambda key=key: self.answer(key)), pygame.Rect(self.sheet.left + pad,
                                                                              top + i * (bh + gap), width, bh),
                          key=str(i + 1)) for i, (key, words) in enumerate(choices)]
        skip = _("Skip the questions") if not self.answers else _("Skip the rest")
        buttons.append(Button(skip, self.finish, pygame.Rect(self.sheet.left + pad, top + len(choices) * (bh + gap),
                                                              width, bh)))
        self.focus.set(buttons, keep_focus=False)
        self.text_rect = pygame.Rect(self.sheet.left + pad, 0, width, 0)

    def answer(self, key: str) -> None:
        self.answers.append({"step": self.questions[self.index]["step"], "answer": key})
        self.index += 1
        if self.index >= len(self.questions):
            self.finish()
        else:
            self.layout()

    def finish(self) -> None:
        self.app.pop()
        self.done(self.answers)

    def back(self) -> None:
        """Esc skips the questions left and keeps what was answered."""
        self.finish()

    def draw(self, surface: pygame.Surface) -> None:
        th = self.app.theme
        p = th.palette
        panel(surface, self.sheet, th)
        pad = th.space("xl")
        x, y = self.sheet.left + pad, self.sheet.top + pad
        small = th.text_px("small")
        step = _("Before the debrief · moment {n} of {total} · keys 1 to 4, Esc to skip").format(
            n=self.index + 1, total=len(self.questions))
        text.draw_line(surface, step, (x, y), small, p.ink_soft)
        y += text.line_height(small)
        text.draw_line(surface, _("Why did you choose?"), (x, y), th.text_px("h1"), p.ink, "bold")
        y += text.line_height(th.text_px("h1"), "bold") + th.space("s")
        width = self.sheet.width - 2 * pad
        note = _("Points were at stake here. Only you know why you chose as you did: your answer goes beside the "
                 "evidence in your debrief and into the class report.")
        y += text.draw_block(surface, note, pygame.Rect(x, y, width, 0), th.text_px("body"), p.ink_soft, "italic")
        y += th.space("m")
        question = debrief_text.question_text(self.level, self.questions[self.index])
        text.draw_block(surface, question, pygame.Rect(x, y, width, 0), th.text_px("h3"), p.ink, "bold")
        self.focus.draw(surface, th)
