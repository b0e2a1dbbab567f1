"""Charts of a year, drawn with pygame: the score against the grade bands, the meters, other rules.

Used by the debrief screen and by the export, which saves the same drawing as chart.png.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pygame

from game.core.debrief import Debrief
from game.core.model import Level
from game.draw import text
from game.draw.shapes import panel, pattern
from game.draw.theme import BAND_PATTERNS, Theme
from game.draw.track import score_window
from game.words import narrate
from game.words.i18n import _


def score_chart(surface: pygame.Surface, rect: pygame.Rect, th: Theme, level: Level, d: Debrief) -> None:
    """The score after every decision, over the A to D bands; the choices the player said were
    for the points are ringed."""
    p = th.palette
    panel(surface, rect, th)
    small = th.text_px("small", 1.0)
    pad = th.space("m")
    title_h = text.line_height(th.text_px("label", 1.0), "bold")
    text.draw_line(surface, _("Your score through the year"), (rect.left + pad, rect.top + pad),
                   th.text_px("label", 1.0), p.ink, "bold")
    points = d["year"]["points"]
    if level.rulebook.score is None or points[0]["score"] is None:
        text.draw_line(surface, _("No score in this world."), rect.center, th.text_px("body"), p.ink_soft,
                       anchor="center")
        return
    axis_w = text.font(small).size("0000")[0] + th.space("s")
    plot = pygame.Rect(rect.left + pad + axis_w, rect.top + pad + title_h + th.space("s"), 0, 0)
    tag_w = text.font(th.text_px("body", 1.0), "bold").size("W")[0] + th.space("m")  # grade letters sit outside
    plot.width = rect.right - pad - tag_w - plot.left
    plot.height = rect.bottom - pad - text.line_height(small) * 2 - plot.top
    lo, hi = score_window(level.rulebook, [pt["score"] for pt in points])

    def y_of(score: float) -> int:
        return plot.bottom - round((score - lo) / (hi - lo) * plot.height)

    upper = hi
    for band in d["year"]["bands"]:
        top, bottom = y_of(upper), y_of(max(band["min"], lo))
        area = pygame.Rect(plot.left, top, plot.width, bottom - top)
        if area.height > 0:
            color = p.bands.get(band["grade"], p.paper)
            light = tuple(min(255, c + (255 - c) * 2 // 3) for c in color)
            pygame.draw.rect(surface, light, area)
            pattern(surface, area, BAND_PATTERNS.get(band["grade"], "plain"), color, th.px(14))
            tag = text.render(band["grade"], th.text_px("body", 1.0), p.ink, "bold")
            spot = tag.get_rect(midleft=(plot.right + th.space("s"), area.centery))
            pygame.draw.rect(surface, p.paper, spot.inflate(th.px(10), th.px(2)), border_radius=th.px(4))
            surface.blit(tag, spot)
            if band["min"] > lo:
                text.draw_line(surface, str(band["min"]), (plot.left - th.space("xs"), bottom), small, p.ink_soft,
                               anchor="midright")
        upper = band["min"]
        if upper <= lo:
            break
    pygame.draw.rect(surface, p.ink_soft, plot, width=1)
    steps = max(1, len(points) - 1)

    def x_of(step: int) -> int:
        return plot.left + round(step / steps * plot.width)

    # months along the bottom
    last_month = 0
    for point in points[1:]:
        if point["month"] != last_month:
            last_month = point["month"]
            x = x_of(point["step"] - 1)
            pygame.draw.line(surface, p.paper_edge, (x, plot.top), (x, plot.bottom))
            label = narrate.month_name(level, last_month)[:3] if level.months == 12 else str(last_month)
            text.draw_line(surface, label, (x + th.px(2), plot.bottom + th.px(2)), small, p.ink_soft)
    line = [(x_of(pt["step"]), y_of(pt["score"])) for pt in points]
    if len(line) > 1:  # a year ended before its first decision has only its start
        pygame.draw.lines(surface, p.ink, False, line, th.px(3))
    steered = {(s["month"], s["chosen"]) for s in d["steered"]}
    for pt, (x, y) in zip(points, line, strict=True):
        if pt["kind"] == "start":
            continue
        if pt["kind"] == "civic":
            r = th.px(8)
            pygame.draw.polygon(surface, p.accent, [(x, y - r), (x + r, y), (x, y + r), (x - r, y)])
            pygame.draw.polygon(surface, p.ink, [(x, y - r), (x + r, y), (x, y + r), (x - r, y)], 1)
        else:
            pygame.draw.circle(surface, p.paper, (x, y), th.px(5))
            pygame.draw.circle(surface, p.ink, (x, y), th.px(5), th.px(2))
        if (pt["month"], pt["label"]) in steered:
            pygame.draw.circle(surface, p.denied, (x, y), th.px(10), th.px(2))
    legend = _("Dots: cards · diamonds: civic acts · red rings: “for the points”, you said")
    text.draw_line(surface, legend, (plot.left, rect.bottom - pad), small, p.ink_soft, anchor="bottomleft",
                   max_width=plot.width)


def meters_chart(surface: pygame.Surface, rect: pygame.Rect, th: Theme, level: Level, d: Debrief) -> None:
    """One small track per meter: where it stood after every decision."""
    p = th.palette
    panel(surface, rect, th)
    pad = th.space("m")
    small = th.text_px("small", 1.0)
    text.draw_line(surface, _("Your meters"), (rect.left + pad, rect.top + pad), th.text_px("label", 1.0), p.ink,
                   "bold")
    points = d["year"]["points"]
    meters = list(level.meters.values())
    top = rect.top + pad + text.line_height(th.text_px("label", 1.0), "bold") + th.space("s")
    row_h = (rect.bottom - pad - top) // max(1, len(meters))
    steps = max(1, len(points) - 1)
    for i, meter in enumerate(meters):
        row = pygame.Rect(rect.left + pad, top + i * row_h, rect.width - 2 * pad, row_h - th.space("s"))
        label_w = th.px(120)
        end = points[-1]["meters"][meter.id]
        if row.height >= 2 * text.line_height(small):
            text.draw_line(surface, meter.label, (row.left, row.top), small, p.ink, max_width=label_w)
            text.draw_line(surface, f"{end}/{meter.max}", (row.left, row.top + text.line_height(small)), small,
                           p.ink_soft)
        else:
            text.draw_line(surface, f"{meter.label} {end}", (row.left, row.top), small, p.ink, max_width=label_w)
        plot = pygame.Rect(row.left + label_w, row.top, row.width - label_w, row.height)
        pygame.draw.rect(surface, p.button, plot)
        span = max(1, meter.max - meter.min)
        line = [(plot.left + round(pt["step"] / steps * plot.width),
                 plot.bottom - round((pt["meters"][meter.id] - meter.min) / span * plot.height)) for pt in points]
        if len(line) > 1:
            pygame.draw.lines(surface, p.ink, False, line, th.px(2))
        pygame.draw.rect(surface, p.paper_edge, plot, width=1)


def counterfactual_height(th: Theme, d: Debrief, width: int, notes: dict[str, list[str]] | None = None) -> int:
    """How tall the side-by-side boxes must be for their longest title, their figures and their notes."""
    rows = _boxes(d, notes)
    gap, pad = th.space("m"), th.space("m")
    inner = (width - gap * (len(rows) - 1)) // max(1, len(rows)) - 2 * pad
    title = max(text.block_height(c["title"], th.text_px("label", 1.0), inner, "bold") for c in rows)
    small = text.line_height(th.text_px("small", 1.0))
    figures = th.px(64) + th.space("s") + 3 * small if notes is None else max(th.px(44), 2 * small)
    extra = max((_notes_height(th, notes.get(c["level"], ()), inner) for c in rows), default=0) if notes else 0
    played = small if notes is None else 0
    return 2 * pad + title + played + th.space("s") + figures + th.space("s") + extra


def _boxes(d: Debrief, notes) -> list[dict]:
    """The rulebooks drawn: all of them, or (with notes, where the page already tells the year as
    played) only the others."""
    rows = d["counterfactuals"]
    return rows if notes is None else [c for c in rows if not c["as_played"]] or rows


def _notes_height(th: Theme, lines, width: int) -> int:
    size = th.text_px("small", 1.0)
    return sum(text.block_height(line, size, width) + th.space("xs") for line in lines)


def counterfactual_chart(surface: pygame.Surface, rect: pygame.Rect, th: Theme, level: Level, d: Debrief,
                         notes: dict[str, list[str]] | None = None) -> None:
    """The same year under each rulebook, side by side: grade, score, services refused, goal, and under
    each, when `notes` are given (by level id), what the rulebook is and what it changes for this player."""
    p = th.palette
    rows = _boxes(d, notes)
    gap = th.space("m")
    width = (rect.width - gap * (len(rows) - 1)) // max(1, len(rows))
    title_h = max(text.block_height(c["title"], th.text_px("label", 1.0), width - 2 * th.space("m"), "bold")
                  for c in rows)
    for i, c in enumerate(rows):
        box = pygame.Rect(rect.left + i * (width + gap), rect.top, width, rect.height)
        panel(surface, box, th, border=p.accent if c["as_played"] else None)
        pad = th.space("m")
        inner = box.inflate(-2 * pad, -2 * pad)
        text.draw_block(surface, c["title"], inner, th.text_px("label", 1.0), p.ink, "bold")
        y = inner.top + title_h
        if c["as_played"]:
            text.draw_block(surface, _("as you played it"), pygame.Rect(inner.left, y, inner.width, 0),
                            th.text_px("small", 1.0), p.ink_soft, "italic")
        y += (text.line_height(th.text_px("small", 1.0)) if notes is None else 0) + th.space("s")
        grade = c["grade"] or "–"
        color = p.bands.get(grade, p.paper_edge)
        side = th.px(64) if notes is None else th.px(44)
        tile = pygame.Rect(inner.left, y, side, side)
        pygame.draw.rect(surface, color, tile, border_radius=th.px(8))
        pattern(surface, tile, BAND_PATTERNS.get(grade, "plain"), tuple(max(0, v - 45) for v in color), th.px(12))
        letter = text.render(grade, th.text_px("h1" if notes is None else "h3", 1.0), p.ink, "bold")
        chip = letter.get_rect(center=tile.center)
        pygame.draw.rect(surface, p.paper, chip.inflate(th.px(8), 0), border_radius=th.px(6))
        surface.blit(letter, chip)
        score = _("score {s}").format(s=c["score"]) if c["score"] is not None else _("no score")
        refused = _("refused: {n}").format(n=c["refused"])
        goal = {True: _("goal reached"), False: _("goal missed"), None: _("goal not due")}[c["goal_reached"]]
        size = th.text_px("small", 1.0)
        if notes is None:
            lines, tx, ty = [score, refused, goal], inner.left, tile.bottom + th.space("s")
        else:
            lines, tx, ty = [f"{score} · {refused}", goal], tile.right + th.space("s"), tile.top
        for line in lines:
            text.draw_line(surface, line, (tx, ty), size, p.ink, max_width=inner.right - tx)
            ty += text.line_height(size)
        if notes:
            ny = max(ty, tile.bottom) + th.space("s")
            for line in notes.get(c["level"], ()):
                ny += text.draw_block(surface, line, pygame.Rect(inner.left, ny, inner.width, 0), size, p.ink)
                ny += th.space("xs")


def chart_image(level: Level, d: Debrief, size: tuple[int, int] = (1200, 1100)) -> pygame.Surface:
    """The three charts on one picture, for chart.png and the printed report."""
    th = Theme(size, 1.0)
    image = pygame.Surface(size)
    image.fill(th.palette.paper)
    m = th.space("m")
    w, h = size
    score = pygame.Rect(m, m, w - 2 * m, round(h * 0.45))
    other = pygame.Rect(m, 0, w - 2 * m, counterfactual_height(th, d, w - 2 * m))
    other.bottom = h - m
    meters = pygame.Rect(m, score.bottom + m, w - 2 * m, other.top - score.bottom - 2 * m)
    score_chart(image, score, th, level, d)
    meters_chart(image, meters, th, level, d)
    counterfactual_chart(image, other, th, level, d)
    return image


def render_to_png(draw: Callable[[], pygame.Surface], path: Path) -> Path:
    """Draw off screen and save as PNG; works with no display (the dummy video driver)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    if not pygame.display.get_init():
        pygame.display.init()
    pygame.font.init()
    if pygame.display.get_surface() is None:
        pygame.display.set_mode((1, 1))
    pygame.image.save(draw(), str(path))
    return path
