"""Drawing pieces shared by the window and the reports: paper panels, band patterns, stamps."""

from __future__ import annotations

import pygame

from game.draw import text
from game.draw.theme import Theme


def panel(surface: pygame.Surface, rect: pygame.Rect, theme: Theme, color=None, radius: int | None = None,
          shadow: bool = True, border=None) -> None:
    """A paper rectangle with rounded corners and a soft shadow, like a card on the table."""
    p = theme.palette
    r = theme.px(10) if radius is None else radius
    if shadow:
        pygame.draw.rect(surface, p.shadow, rect.move(theme.px(3), theme.px(4)), border_radius=r)
    pygame.draw.rect(surface, color or p.paper, rect, border_radius=r)
    pygame.draw.rect(surface, border or p.paper_edge, rect, width=max(1, theme.px(1.5)), border_radius=r)


def pattern(surface: pygame.Surface, rect: pygame.Rect, kind: str, color, spacing: int) -> None:
    """Fill a band with a pattern so bands differ by more than colour."""
    clip = surface.get_clip()
    surface.set_clip(rect.clip(clip) if clip else rect)
    if kind == "dots":
        for y in range(rect.top + spacing // 2, rect.bottom, spacing):
            for x in range(rect.left + spacing // 2, rect.right, spacing):
                pygame.draw.circle(surface, color, (x, y), max(1, spacing // 6))
    elif kind in ("stripes", "cross"):
        for x in range(rect.left - rect.height, rect.right, spacing):
            pygame.draw.line(surface, color, (x, rect.bottom), (x + rect.height, rect.top), max(1, spacing // 6))
            if kind == "cross":
                pygame.draw.line(surface, color, (x, rect.top), (x + rect.height, rect.bottom), max(1, spacing // 6))
    surface.set_clip(clip)


def _stamp_box(word: str, size: int, color) -> pygame.Surface:
    img = text.render(word, size, color, "bold")
    pad = max(2, size // 5)
    box = pygame.Surface((img.get_width() + 2 * pad, img.get_height() + pad), pygame.SRCALPHA)
    pygame.draw.rect(box, color, box.get_rect(), width=max(2, size // 9), border_radius=max(2, size // 6))
    box.blit(img, img.get_rect(center=box.get_rect().center))
    return box


def stamp(surface: pygame.Surface, word: str, center: tuple[int, int], theme: Theme, color, size: int,
          angle: float = -8) -> None:
    """A rubber stamp: a word in a frame, slightly turned."""
    turned = pygame.transform.rotozoom(_stamp_box(word, size, color), angle, 1)
    surface.blit(turned, turned.get_rect(center=center))


def stamp_rect(word: str, center: tuple[int, int], size: int, angle: float = -8) -> pygame.Rect:
    """Where `stamp` would draw, so text beside it can keep clear of it."""
    return pygame.transform.rotozoom(_stamp_box(word, size, (0, 0, 0)), angle, 1).get_rect(center=center)
