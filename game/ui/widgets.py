"""Interactive pieces of the window: key badges, buttons and focus handling."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

from game.draw import text
from game.draw.icons import draw_icon
from game.draw.shapes import panel
from game.draw.theme import Theme


def sheet_rect(theme: Theme) -> pygame.Rect:
    """The paper sheet the end, why and check screens are laid on: centred, at most 1000 px wide."""
    w, h = theme.size
    sheet = pygame.Rect(0, 0, min(w - theme.px(80), theme.px(1000)), h - theme.px(60))
    sheet.center = (w // 2, h // 2)
    return sheet


def badge_rect(label: str, theme: Theme) -> pygame.Rect:
    """The size of a key badge, to place it before drawing it."""
    w, h = text.font(theme.text_px("small"), "bold").size(label)
    return pygame.Rect(0, 0, max(w + theme.px(12), theme.px(28)), h + theme.px(6))


def button_width(label: str, theme: Theme, key: str = "") -> int:
    """The width a button needs to show its label whole, with its key badge: as `Button.draw` lays it out."""
    badge = badge_rect(key, theme).width + theme.space("m") if key else 0
    return text.font(theme.text_px("label"), "bold").size(label)[0] + 2 * theme.space("m") + theme.px(4) + badge


def key_badge(surface: pygame.Surface, label: str, center: tuple[int, int], theme: Theme, fg, bg) -> pygame.Rect:
    """A small rounded box with a key name in it ("1", "Enter")."""
    img = text.render(label, theme.text_px("small"), fg, "bold")
    rect = badge_rect(label, theme)
    rect.center = center
    pygame.draw.rect(surface, bg, rect, border_radius=theme.px(6))
    surface.blit(img, img.get_rect(center=rect.center))
    return rect


@dataclass
class Button:
    """Something to press: by its number key, by focus and Enter, or by the mouse."""

    label: str
    action: Callable[[], None]
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    key: str = ""
    enabled: bool = True
    detail: list = field(default_factory=list)   # chips drawn under the label: (icon, text)
    selected: bool = False
    chip_lines: int = 1  # lines the chips may wrap onto; the rect must be tall enough
    cap: float | None = None  # the largest text scale its words use, where the room is fixed (the table)

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool, hovered: bool,
             size_role: str = "label") -> None:
        p = theme.palette
        bg = p.button_hover if (hovered or focused) and self.enabled else p.button
        if self.selected:
            bg = p.button_hover
        panel(surface, self.rect, theme, color=bg, radius=theme.px(8), shadow=self.enabled,
              border=p.accent if focused else p.paper_edge)
        if focused:
            pygame.draw.rect(surface, p.accent, self.rect.inflate(theme.px(6), theme.px(6)), width=theme.px(3),
                             border_radius=theme.px(11))
        ink = p.button_text if self.enabled else p.ink_soft
        pad = theme.space("m")
        x = self.rect.left + pad
        size = theme.text_px(size_role, self.cap)
        lines_h = text.line_height(size, "bold")
        chips_h = (theme.text_px("small", self.cap) + theme.px(6)) * self.chip_lines if self.detail else 0
        top = self.rect.centery - (lines_h + chips_h) // 2
        if self.key:
            badge = badge_rect(self.key, theme)
            badge.midleft = (x, top + lines_h // 2)
            key_badge(surface, self.key, badge.center, theme, p.paper, p.ink if self.enabled else p.ink_soft)
            x = badge.right + theme.space("m")
        if self.selected:
            draw_icon(surface, "check", (self.rect.right - pad - theme.px(10), self.rect.centery), theme.px(22), ink)
        text.draw_line(surface, self.label, (x, top), size, ink, "bold",
                       max_width=self.rect.right - pad - x - (theme.px(26) if self.selected else 0))
        if self.detail:
            self.draw_chips(surface, theme, x, top + lines_h + theme.px(2), ink)

    def draw_chips(self, surface: pygame.Surface, theme: Theme, x: int, y: int, ink) -> None:
        size = theme.text_px("small", self.cap)
        icon_px = size + theme.px(2)
        right = self.rect.right - theme.space("m")
        start, line = x, 1
        for icon_name, words in self.detail:
            width = (icon_px + theme.px(4) if icon_name else 0) + text.font(size).size(words)[0]
            if x + width > right and line < self.chip_lines and x > start:
                x, y, line = start, y + size + theme.px(6), line + 1
            if x + width > right:
                text.draw_line(surface, "…", (x, y), size, ink)
                break
            if icon_name:
                draw_icon(surface, icon_name, (x + icon_px // 2, y + size // 2 + theme.px(2)), icon_px, ink)
                x += icon_px + theme.px(4)
            text.draw_line(surface, words, (x, y), size, ink)
            x += text.font(size).size(words)[0] + theme.space("m")


class FocusGroup:
    """Keyboard and mouse over a list of buttons: arrows and Tab move, Enter or a click presses."""

    def __init__(self) -> None:
        self.buttons: list[Button] = []
        self.focus = 0
        self.hover = -1

    def set(self, buttons: list[Button], keep_focus: bool = True, start: int | None = 0) -> None:
        """New buttons. `start=None` focuses none, so Enter does nothing until the player moves to one."""
        self.buttons = buttons
        if not keep_focus or self.focus >= len(buttons):
            self.focus = -1 if start is None else start
        if buttons and self.focus >= 0 and not buttons[self.focus].enabled:
            self.move(1)

    def move(self, step: int) -> None:
        if not self.buttons:
            return
        if self.focus < 0:  # nothing focused yet: the first move lands on the first (or last) button
            self.focus = -1 if step > 0 else 0
        for _ in range(len(self.buttons)):
            self.focus = (self.focus + step) % len(self.buttons)
            if self.buttons[self.focus].enabled:
                return

    def handle(self, event: pygame.event.Event) -> bool:
        """React to an event; True if it was used."""
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_DOWN, pygame.K_RIGHT) or (event.key == pygame.K_TAB
                                                               and not event.mod & pygame.KMOD_SHIFT):
                self.move(1)
                return True
            if event.key in (pygame.K_UP, pygame.K_LEFT, pygame.K_TAB):
                self.move(-1)
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.buttons:
                if self.focus < 0:
                    return True  # Enter chooses only a button the player moved to
                button = self.buttons[self.focus]
                if button.enabled:
                    button.action()
                return True
            name = event.unicode
            for button in self.buttons:
                if button.key and name and name == button.key and button.enabled:
                    button.action()
                    return True
        elif event.type == pygame.MOUSEMOTION:
            self.hover = next((i for i, b in enumerate(self.buttons) if b.rect.collidepoint(event.pos)), -1)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, button in enumerate(self.buttons):
                if button.rect.collidepoint(event.pos) and button.enabled:
                    self.focus = i
                    button.action()
                    return True
        return False

    def draw(self, surface: pygame.Surface, theme: Theme, size_role: str = "label") -> None:
        for i, button in enumerate(self.buttons):
            button.draw(surface, theme, i == self.focus, i == self.hover, size_role)
