"""One palette, one spacing scale, one type scale, used by every screen.

Sizes are given for a 1280x720 window at 100 % text; `Theme.px` scales them to the real window
and the player's text size, so every layout works at any size.
"""

from __future__ import annotations

from dataclasses import dataclass

Color = tuple[int, int, int]

# The type scale, in pixels at 1280x720 and 100 % text.
TYPE = {"small": 17, "body": 21, "label": 22, "h3": 24, "h2": 30, "h1": 42, "display": 64}
# The spacing scale, in pixels at 1280x720.
SPACE = {"xs": 4, "s": 8, "m": 14, "l": 22, "xl": 34}
MIN_TEXT_PX = 15
SIDE_CAP = 1.25  # the largest text scale the side panels of the table use


@dataclass(frozen=True)
class Palette:
    table: Color          # the felt the game is played on
    table_line: Color     # faint lines drawn on the felt
    paper: Color          # cards, panels
    paper_edge: Color
    ink: Color            # text on paper
    ink_soft: Color       # secondary text on paper
    on_table: Color       # text on the felt
    on_table_soft: Color
    accent: Color         # focus ring, the player's token
    button: Color
    button_hover: Color
    button_text: Color
    granted: Color
    delayed: Color
    denied: Color
    bands: dict[str, Color]
    shadow: Color


NORMAL = Palette(
    table=(31, 58, 56), table_line=(40, 71, 68), paper=(247, 242, 230), paper_edge=(214, 204, 182),
    ink=(30, 30, 28), ink_soft=(92, 88, 80), on_table=(240, 236, 224), on_table_soft=(182, 198, 190),
    accent=(242, 178, 51), button=(255, 252, 244), button_hover=(255, 236, 190), button_text=(30, 30, 28),
    granted=(38, 118, 62), delayed=(168, 100, 0), denied=(178, 38, 30),
    bands={"A": (74, 150, 96), "B": (150, 176, 92), "C": (222, 164, 58), "D": (196, 84, 66)},
    shadow=(17, 33, 32),
)

HIGH_CONTRAST = Palette(
    table=(0, 0, 0), table_line=(60, 60, 60), paper=(255, 255, 255), paper_edge=(255, 255, 255),
    ink=(0, 0, 0), ink_soft=(30, 30, 30), on_table=(255, 255, 255), on_table_soft=(255, 255, 150),
    accent=(255, 221, 0), button=(255, 255, 255), button_hover=(255, 221, 0), button_text=(0, 0, 0),
    granted=(0, 110, 0), delayed=(140, 80, 0), denied=(190, 0, 0),
    bands={"A": (255, 255, 255), "B": (200, 200, 200), "C": (140, 140, 140), "D": (90, 90, 90)},
    shadow=(0, 0, 0),
)

# Bands are told apart by letter and by pattern, never by colour alone.
BAND_PATTERNS = {"A": "plain", "B": "dots", "C": "stripes", "D": "cross"}


class Theme:
    """The palette and the scales for the current window size and settings."""

    def __init__(self, size: tuple[int, int], text_scale: float = 1.0, high_contrast: bool = False) -> None:
        self.size = size
        self.text_scale = text_scale
        self.palette = HIGH_CONTRAST if high_contrast else NORMAL
        self.unit = max(0.5, min(size[0] / 1280, size[1] / 720))

    def px(self, n: float) -> int:
        """A length from the 1280x720 design, scaled to the window."""
        return max(1, round(n * self.unit))

    def space(self, name: str) -> int:
        return self.px(SPACE[name])

    def text_px(self, role: str, cap: float | None = None) -> int:
        """A font size for a role in the type scale, scaled by window and text size.

        `cap` limits the text-size setting for secondary panels, so that at 150 % the card and its
        choices grow fully while the side panels grow to 125 % and the table still fits 1280x720.
        """
        scale = self.text_scale if cap is None else min(self.text_scale, cap)
        return max(MIN_TEXT_PX, round(TYPE[role] * self.unit * scale))

    def button_h(self, base: float = 52) -> int:
        """A button's height: the design's, or taller when the text size needs it."""
        from game.draw import text

        return max(self.px(base), text.line_height(self.text_px("label"), "bold") + 2 * self.space("m"))

    def text_scales(self) -> list[float]:
        """The text scales a crowded screen may step down through, largest first: the player's, then by
        5 % down to 100 %, never below (text at a larger setting is never smaller than at 100 %)."""
        steps = round((self.text_scale - 1.0) / 0.05)
        return [round(1.0 + 0.05 * i, 2) for i in range(steps, -1, -1)] or [self.text_scale]

    def min_text_px(self) -> int:
        return max(MIN_TEXT_PX, round(16 * self.unit))
