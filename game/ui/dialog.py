"""A small sheet of buttons over the current screen: the pause menu and the settings."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.draw import text
from game.draw.shapes import panel
from game.ui.scene import Scene
from game.ui.widgets import Button, FocusGroup, button_width


class DialogScene(Scene):
    """A title, an optional line under it, and a column of buttons; Esc closes it.

    Subclasses give `title`, `note` and `items()`: (label, action, key) for each button.
    """

    overlay = True
    title = ""
    note = ""
    width = 420

    def __init__(self, app) -> None:
        super().__init__(app)
        self.focus = FocusGroup()

    def items(self) -> list[tuple[str, Callable[[], None], str]]:
        return []

    def layout(self) -> None:
        th = self.app.theme
        w, h = th.size
        items = self.items()
        bw, bh, gap = th.px(self.width), th.button_h(54), th.space("s")
        # as wide as its words at this text size (never cut), within the window
        needed = [text.font(th.text_px("h2"), "bold").size(self.title)[0],
                  text.font(th.text_px("small")).size(self.note)[0] if self.note else 0]
        needed += [button_width(label, th, key) for label, _action, key in items]
        bw = min(max(bw, *needed), w - 4 * th.space("xl"))
        head = th.space("xl") + text.line_height(th.text_px("h2"), "bold") + th.space("m")
        if self.note:
            head += text.line_height(th.text_px("small"))
        self.box = pygame.Rect(0, 0, bw + 2 * th.space("xl"), head + len(items) * (bh + gap) + th.space("l"))
        self.box.center = (w // 2, h // 2)
        y = self.box.top + head
        buttons = []
        for label, action, key in items:
            buttons.append(Button(label, action, pygame.Rect(self.box.left + th.space("xl"), y, bw, bh), key=key))
            y += bh + gap
        self.focus.set(buttons)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.app.theme
        p = th.palette
        self.app.draw_veil(surface)
        panel(surface, self.box, th)
        top = self.box.top + th.space("xl")
        text.draw_line(surface, self.title, (self.box.centerx, top), th.text_px("h2"), p.ink, "bold", anchor="midtop")
        if self.note:
            text.draw_line(surface, self.note, (self.box.centerx, top + text.line_height(th.text_px("h2"), "bold")),
                           th.text_px("small"), p.ink_soft, anchor="midtop")
        self.focus.draw(surface, th)
