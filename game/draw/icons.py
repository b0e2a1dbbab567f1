"""Line icons from assets/icons, recoloured and sized once, then reused."""

from __future__ import annotations

import io
import re
from functools import lru_cache

import pygame

from game.content.locate import shipped_dir


@lru_cache(maxsize=512)
def icon(name: str, size: int, color: tuple[int, int, int]) -> pygame.Surface | None:
    """The named icon as a surface of `size` pixels in `color`, or None if it is missing."""
    img = _load(name, size, color)
    return img.convert_alpha() if img is not None else None


def window_icon(size: int, color: tuple[int, int, int], ground: tuple[int, int, int]) -> pygame.Surface | None:
    """The game's own icon for the window and the task bar: a stamp on a disc of the table's felt.

    It is set before the window opens (so it needs no display format); without it, pygame would read
    its own default icon from its package, which also costs start-up time."""
    stamp = _load("stamp", size * 5 // 8, color)
    if stamp is None:
        return None
    img = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.circle(img, ground, (size // 2, size // 2), size // 2)
    img.blit(stamp, stamp.get_rect(center=(size // 2, size // 2)))
    return img


_DOT_PATH = re.compile(r'<path d="((?:M[\d.]+ [\d.]+h\.01)+)"\s*/>')


def _dots_as_circles(match: re.Match) -> str:
    """Lucide draws a dot (a die's pip, the point of an "i") as a line 0.01 long with round caps;
    SVG renderers inside SDL_image draw nothing for it, so each dot becomes a filled circle."""
    dots = re.findall(r"M([\d.]+) ([\d.]+)h\.01", match.group(1))
    return "".join(f'<circle cx="{x}" cy="{y}" r="1.5" fill="currentColor" stroke="none" />' for x, y in dots)


def _load(name: str, size: int, color: tuple[int, int, int]) -> pygame.Surface | None:
    """pygame reads SVG at the size written in the file, so the width, height and colour are
    rewritten in the SVG text before loading."""
    if not name:
        return None
    path = shipped_dir("assets") / "icons" / f"{name}.svg"
    try:
        svg = path.read_text(encoding="utf-8")
    except OSError:
        return None
    hex_color = "#{:02x}{:02x}{:02x}".format(*color)
    svg = re.sub(r'\bwidth="[\d.]+"', f'width="{size}"', svg, count=1)
    svg = re.sub(r'\bheight="[\d.]+"', f'height="{size}"', svg, count=1)
    svg = _DOT_PATH.sub(_dots_as_circles, svg).replace("currentColor", hex_color)
    try:
        return pygame.image.load(io.BytesIO(svg.encode("utf-8")), "icon.svg")
    except (pygame.error, ValueError):
        return None


def draw_icon(surface: pygame.Surface, name: str, center: tuple[int, int], size: int, color) -> bool:
    img = icon(name, size, tuple(color))
    if img is None:
        return False
    surface.blit(img, img.get_rect(center=center))
    return True
