"""A block of styled text, wrapped once and scrolled: the body of every reading screen."""

from __future__ import annotations

import pygame

from game.draw import text
from game.draw.theme import Theme

# A page is a list of (style, words): "h" heading, "p" paragraph, "li" item, "small" note, "gap".
Page = list[tuple[str, str]]
STYLES = {"h": ("h3", "bold", 0), "p": ("body", "regular", 0), "li": ("body", "regular", 1),
          "small": ("small", "italic", 1), "b": ("body", "bold", 0)}


class ScrollText:
    def __init__(self) -> None:
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.lines: list[tuple[str, int, str, int, int]] = []
        self.scroll = 0
        self.max_scroll = 0

    def set(self, th: Theme, rect: pygame.Rect, page: Page) -> None:
        """Wrap the page for this box; keep the scroll position where possible."""
        self.rect = rect
        self.lines, y = [], 0
        indent_px = th.space("l")
        for style, words in page:
            if style == "gap":
                y += th.space("m")
                continue
            role, weight, indent = STYLES[style]
            size = th.text_px(role)
            if style == "h" and self.lines:
                y += th.space("m")
            for line in text.wrap(words, size, rect.width - indent * indent_px, weight):
                self.lines.append((line, size, weight, y, indent * indent_px))
                y += text.line_height(size, weight)
        self.content_h = y
        self.max_scroll = max(0, y - rect.height)
        self.scroll = min(self.scroll, self.max_scroll)

    def height(self) -> int:
        """How tall the wrapped page is, scrolled or not."""
        return getattr(self, "content_h", 0)

    def handle(self, event: pygame.event.Event, th: Theme) -> bool:
        """Arrows, Page Up/Down, Home/End and the wheel scroll; True if the event was used."""
        step = text.line_height(th.text_px("body")) * 2
        if not self.max_scroll:
            return False  # nothing to scroll: arrows move the focus instead
        if event.type == pygame.KEYDOWN:
            moves = {pygame.K_DOWN: step, pygame.K_UP: -step, pygame.K_PAGEDOWN: self.rect.height - step,
                     pygame.K_PAGEUP: -(self.rect.height - step), pygame.K_HOME: -10**9, pygame.K_END: 10**9}
            if event.key in moves:
                self.scroll = max(0, min(self.max_scroll, self.scroll + moves[event.key]))
                return True
        if event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, min(self.max_scroll, self.scroll - event.y * step))
            return True
        return False

    def draw(self, surface: pygame.Surface, th: Theme) -> None:
        p = th.palette
        clip = surface.get_clip()
        surface.set_clip(self.rect)
        for words, size, weight, y, indent in self.lines:
            top = self.rect.top + y - self.scroll
            if top < self.rect.top or top + text.line_height(size, weight) > self.rect.bottom:
                continue  # only whole lines: a cut line reads as a mistake
            color = p.ink_soft if weight == "italic" else p.ink
            surface.blit(text.render(words, size, color, weight), (self.rect.left + indent, top))
        surface.set_clip(clip)

    def hint(self) -> str:
        from game.words.i18n import _

        if not self.max_scroll:
            return ""
        return _("Arrows or wheel to scroll  ·  {pct}%").format(pct=round(100 * self.scroll / self.max_scroll))
