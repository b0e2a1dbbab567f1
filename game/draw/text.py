"""Fonts loaded once, text wrapped to boxes, rendered surfaces cached.

Rendering text is the most expensive thing a frame does; everything here is memoised by
(text, size, weight, colour), so a frame that shows the same words only blits.
"""

from __future__ import annotations

from functools import lru_cache

import pygame

from game.content.files import clean_line
from game.content.locate import shipped_dir

FONT_FILES = {
    "regular": "AtkinsonHyperlegible-Regular.ttf",
    "bold": "AtkinsonHyperlegible-Bold.ttf",
    "italic": "AtkinsonHyperlegible-Italic.ttf",
}


@lru_cache(maxsize=128)
def font(size: int, weight: str = "regular") -> pygame.font.Font:
    path = shipped_dir("assets") / "fonts" / FONT_FILES[weight]
    if path.exists():
        return pygame.font.Font(str(path), size)
    fallback = pygame.font.Font(None, round(size * 1.3))  # pygame's own font, if ours is missing
    fallback.set_bold(weight == "bold")
    return fallback


@lru_cache(maxsize=4096)
def render(text: str, size: int, color: tuple[int, int, int], weight: str = "regular") -> pygame.Surface:
    """One line drawn; a character that would hide or reorder text is drawn as '?' (game.content.files)."""
    return font(size, weight).render(clean_line(text), True, color)


@lru_cache(maxsize=2048)
def wrap(text: str, size: int, width: int, weight: str = "regular") -> tuple[str, ...]:
    """Break text into lines no wider than `width` pixels; a word too long is cut by characters."""
    f = font(size, weight)
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split():
            trial = f"{line} {word}" if line else word
            if f.size(trial)[0] <= width:
                line = trial
                continue
            if line:
                lines.append(line)
            while f.size(word)[0] > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and f.size(word[:cut])[0] > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return tuple(lines)


def line_height(size: int, weight: str = "regular") -> int:
    return round(font(size, weight).get_linesize() * 1.05)


def block_height(text: str, size: int, width: int, weight: str = "regular") -> int:
    return len(wrap(text, size, width, weight)) * line_height(size, weight)


@lru_cache(maxsize=1024)
def fit_size(text: str, width: int, height: int, preferred: int, smallest: int, weight: str = "regular") -> int | None:
    """The largest size from `preferred` down to `smallest` at which the text fits the box, or None."""
    size = preferred
    while size >= smallest:
        if block_height(text, size, width, weight) <= height and all(
            font(size, weight).size(line)[0] <= width for line in wrap(text, size, width, weight)
        ):
            return size
        size -= 1
    return None


def draw_block(surface: pygame.Surface, text: str, rect: pygame.Rect, size: int, color, weight: str = "regular",
               align: str = "left") -> int:
    """Draw wrapped text from the top of `rect`; return the height used."""
    lh = line_height(size, weight)
    y = rect.top
    for line in wrap(text, size, rect.width, weight):
        img = render(line, size, color, weight)
        x = rect.left if align == "left" else rect.centerx - img.get_width() // 2 if align == "center" \
            else rect.right - img.get_width()
        surface.blit(img, (x, y))
        y += lh
    return y - rect.top


@lru_cache(maxsize=512)
def shortened(text: str, size: int, max_width: int, weight: str = "regular") -> str:
    """The text cut to end with an ellipsis within `max_width` pixels."""
    f = font(size, weight)
    while len(text) > 1 and f.size(text + "…")[0] > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def draw_line(surface: pygame.Surface, text: str, pos: tuple[int, int], size: int, color, weight: str = "regular",
              anchor: str = "topleft", max_width: int | None = None) -> pygame.Rect:
    """Draw one line; if it is wider than max_width, shorten it with an ellipsis rather than overflow.

    The rendered (cached) line is its own measure, so a line that fits costs no extra measuring."""
    img = render(text, size, color, weight)
    if max_width is not None and img.get_width() > max_width:
        img = render(shortened(text, size, max_width, weight), size, color, weight)
    rect = img.get_rect(**{anchor: pos})
    surface.blit(img, rect)
    return rect


def clear_caches(fonts: bool = False) -> None:
    """Forget rendered text (after the font size setting or the palette changes).

    With `fonts`, forget the font objects too: they die with pygame.font, so a new window must not
    reuse them.
    """
    render.cache_clear()
    wrap.cache_clear()
    fit_size.cache_clear()
    shortened.cache_clear()
    if fonts:
        font.cache_clear()
