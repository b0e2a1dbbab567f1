"""Settings: text size, reduced motion, sound, high contrast, full screen. They are kept between games."""

from __future__ import annotations

import pygame

from game.i18n import _
from game.ui import text
from game.ui.app import Scene
from game.ui.settings import TEXT_SIZES
from game.ui.widgets import Button, FocusGroup, panel


class SettingsScene(Scene):
    overlay = True

    def __init__(self, app) -> None:
        super().__init__(app)
        self.focus = FocusGroup()

    def rows(self) -> list[tuple[str, str, callable]]:
        s = self.app.settings
        on_off = lambda v: _("on") if v else _("off")  # noqa: E731
        return [
            (_("Text size"), f"{s.text_size} %", self.cycle_text),
            (_("Reduce motion"), on_off(s.reduce_motion), lambda: self.flip("reduce_motion")),
            (_("Sound"), on_off(s.sound), lambda: self.flip("sound")),
            (_("High contrast"), on_off(s.high_contrast), lambda: self.flip("high_contrast")),
            (_("Full screen (F11)"), on_off(s.fullscreen), self.app.toggle_fullscreen),
            (_("Done"), "", self.app.pop),
        ]

    def layout(self) -> None:
        th = self.app.theme
        w, h = th.size
        rows = self.rows()
        bw, bh = th.px(520), th.button_h(54)
        gap = th.space("s")
        head = th.space("xl") + text.line_height(th.text_px("h2"), "bold") + th.space("m")
        self.box = pygame.Rect(0, 0, bw + 2 * th.space("xl"), head + len(rows) * (bh + gap) + th.space("l"))
        self.box.center = (w // 2, h // 2)
        y = self.box.top + head
        buttons = []
        for i, (label, value, action) in enumerate(rows):
            words = f"{label}:  {value}" if value else label
            buttons.append(Button(words, action, pygame.Rect(self.box.left + th.space("xl"), y, bw, bh),
                                  key=str(i + 1) if value else ""))
            y += bh + gap
        self.focus.set(buttons)

    def changed(self) -> None:
        self.app.save_settings()
        self.app.relayout()

    def cycle_text(self) -> None:
        s = self.app.settings
        s.text_size = TEXT_SIZES[(TEXT_SIZES.index(s.text_size) + 1) % len(TEXT_SIZES)]
        self.changed()

    def flip(self, name: str) -> None:
        setattr(self.app.settings, name, not getattr(self.app.settings, name))
        self.changed()

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
            return
        self.focus.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.app.theme
        p = th.palette
        self.app.draw_veil(surface)
        panel(surface, self.box, th)
        text.draw_line(surface, _("Settings"), (self.box.centerx, self.box.top + th.space("xl")), th.text_px("h2"),
                       p.ink, "bold", anchor="midtop")
        self.focus.draw(surface, th)
