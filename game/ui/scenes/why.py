"""Why did you choose? A few moments where points were at stake, asked at the start of the debrief.

The game never guesses motive: the player says it, one moment at a time, and the answers are kept
beside the year's log and shown next to the evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pygame

from game.core.debrief import Question
from game.core.model import Level
from game.draw import text
from game.draw.shapes import panel
from game.report import debrief_text
from game.ui.scene import FreshKeys, Scene, register
from game.ui.widgets import Button, FocusGroup, badge_rect, sheet_rect
from game.words.i18n import _


def note() -> str:
    """Why the game asks; looked up when shown, so it follows the language."""
    return _("Points were at stake here. Only you know why you chose as you did: your answer goes beside the "
             "evidence in your debrief and into the class report.")


@register("why")
class WhyScene(Scene):
    """One question per moment: four answers by number key or mouse; Esc skips the rest."""

    def __init__(self, app, level: Level, questions: list[Question], done: Callable[[list[dict]], None]) -> None:
        super().__init__(app)
        self.level = level
        self.questions = questions
        self.done = done
        self.index = 0
        self.answers: list[dict] = []
        self.focus = FocusGroup()
        self.fresh = FreshKeys(app)  # Enter held from the end screen answers nothing

    def handle(self, event: pygame.event.Event) -> None:
        if self.fresh.passes(event):
            super().handle(event)

    def layout(self) -> None:
        """The largest text scale (down to 100 %) at which the sheet shows whole, with its answers in one
        column or, when that leaves too little room, two."""
        th = self.app.theme
        self.sheet = sheet_rect(th)
        pad, gap = th.space("xl"), th.space("s")
        width = self.sheet.width - 2 * pad
        choices = debrief_text.why_choices()
        for scale, cols in [(scale, cols) for scale in th.text_scales() for cols in (1, 2)]:
            col_w = (width - (cols - 1) * gap) // cols
            if self.fits(cols, scale, col_w, choices):
                break
        else:
            cols, scale, col_w = 1, 1.0, width  # as the design has it at 100 %
        self.scale = scale
        bh = self.button_height(scale)
        rows = -(-len(choices) // cols)
        top = self.sheet.bottom - pad - (rows + 1) * (bh + gap) + gap
        left = self.sheet.left + pad
        buttons = [Button(words, partial(self.answer, key),
                          pygame.Rect(left + (i % cols) * (col_w + gap), top + (i // cols) * (bh + gap), col_w, bh),
                          key=str(i + 1), cap=scale) for i, (key, words) in enumerate(choices)]
        skip = _("Skip the questions") if not self.answers else _("Skip the rest")
        buttons.append(Button(skip, self.finish, pygame.Rect(self.sheet.left + pad, top + rows * (bh + gap), width, bh),
                              cap=scale))
        self.focus.set(buttons, keep_focus=False, start=None)  # no answer is Enter's by default
        self.text_rect = pygame.Rect(self.sheet.left + pad, 0, width, 0)

    def button_height(self, scale: float) -> int:
        th = self.app.theme
        return max(th.px(54), text.line_height(th.text_px("label", scale), "bold") + 2 * th.space("m"))

    def fits(self, cols: int, scale: float, col_w: int, choices) -> bool:
        """Whether the header and the answers fit the sheet whole at this scale and number of columns."""
        th = self.app.theme
        pad, gap = th.space("xl"), th.space("s")
        label = text.font(th.text_px("label", scale), "bold")
        badge = badge_rect(str(len(choices)), th).width + th.space("m")
        if any(2 * th.space("m") + badge + label.size(words)[0] > col_w for _key, words in choices):
            return False
        rows = -(-len(choices) // cols) + 1
        buttons = rows * (self.button_height(scale) + gap) - gap
        return self.header_height(scale) + th.space("l") + buttons <= self.sheet.height - 2 * pad

    def header_height(self, scale: float) -> int:
        th = self.app.theme
        width = self.sheet.width - 2 * th.space("xl")
        question = debrief_text.question_text(self.level, self.questions[self.index])
        return (text.line_height(th.text_px("small", scale)) + text.line_height(th.text_px("h1", scale), "bold")
                + th.space("s") + text.block_height(note(), th.text_px("body", scale), width, "italic")
                + th.space("m") + text.block_height(question, th.text_px("h3", scale), width, "bold"))

    def answer(self, key: str) -> None:
        self.answers.append({"step": self.questions[self.index]["step"], "answer": key})
        self.index += 1
        self.fresh.reset()
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
        small = th.text_px("small", self.scale)
        step = _("Before the debrief · moment {n} of {total} · keys 1 to 4, Esc to skip").format(
            n=self.index + 1, total=len(self.questions))
        text.draw_line(surface, step, (x, y), small, p.ink_soft)
        y += text.line_height(small)
        h1 = th.text_px("h1", self.scale)
        text.draw_line(surface, _("Why did you choose?"), (x, y), h1, p.ink, "bold")
        y += text.line_height(h1, "bold") + th.space("s")
        width = self.sheet.width - 2 * pad
        y += text.draw_block(surface, note(), pygame.Rect(x, y, width, 0), th.text_px("body", self.scale), p.ink_soft,
                             "italic")
        y += th.space("m")
        question = debrief_text.question_text(self.level, self.questions[self.index])
        text.draw_block(surface, question, pygame.Rect(x, y, width, 0), th.text_px("h3", self.scale), p.ink, "bold")
        self.focus.draw(surface, th)
