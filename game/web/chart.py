"""The debrief's score chart as SVG: what the window draws with pygame, for the page and its report.

Drawn from the debrief's own data (the score after every decision, the grade bands, the steered
choices), in the window's palette; bands are told apart by letter and pattern, never by colour alone.
"""

from __future__ import annotations

from html import escape

from game.core.debrief import Debrief
from game.core.model import Level
from game.draw.theme import BAND_PATTERNS, NORMAL
from game.draw.track import score_window
from game.words import narrate
from game.words.i18n import _

W, H = 720, 330
LEFT, RIGHT, TOP, BOTTOM = 52, 40, 40, 58


def _rgb(color: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*color)


def _light(color: tuple[int, int, int]) -> str:
    return _rgb(tuple(min(255, c + (255 - c) * 2 // 3) for c in color))  # type: ignore[arg-type]


def svg(level: Level, d: Debrief) -> str:
    """The chart as one <svg> element, with a title a screen reader reads."""
    p = NORMAL
    title = _("Your score through the year")
    points = d["year"]["points"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" '
           f'aria-labelledby="chart-title" class="chart" font-family="Atkinson Hyperlegible, sans-serif">',
           f'<title id="chart-title">{escape(title)}</title>',
           f'<rect width="{W}" height="{H}" rx="10" fill="{_rgb(p.paper)}" stroke="{_rgb(p.paper_edge)}"/>',
           f'<text x="16" y="26" font-size="17" font-weight="bold" fill="{_rgb(p.ink)}">{escape(title)}</text>']
    if level.rulebook.score is None or points[0]["score"] is None:
        out.append(f'<text x="{W // 2}" y="{H // 2}" text-anchor="middle" font-size="16" '
                   f'fill="{_rgb(p.ink_soft)}">{escape(_("No score in this world."))}</text></svg>')
        return "".join(out)
    lo, hi = score_window(level.rulebook, [pt["score"] for pt in points])
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def y_of(score: float) -> float:
        return round(TOP + ph - (score - lo) / (hi - lo) * ph, 1)

    steps = max(1, len(points) - 1)

    def x_of(step: int) -> float:
        return round(LEFT + step / steps * pw, 1)

    out.append("<defs>")
    for grade, color in p.bands.items():
        kind = BAND_PATTERNS.get(grade, "plain")
        mark = {"dots": '<circle cx="5" cy="5" r="1.6"/>', "stripes": '<path d="M0 10L10 0" stroke-width="1.5"/>',
                "cross": '<path d="M0 0L10 10M10 0L0 10" stroke-width="1.2"/>'}.get(kind, "")
        out.append(f'<pattern id="band-{grade}" width="10" height="10" patternUnits="userSpaceOnUse">'
                   f'<rect width="10" height="10" fill="{_light(color)}"/>'
                   f'<g fill="{_rgb(color)}" stroke="{_rgb(color)}">{mark}</g></pattern>')
    out.append("</defs>")
    upper = hi
    for band in d["year"]["bands"]:
        top, bottom = y_of(upper), y_of(max(band["min"], lo))
        if bottom > top:
            out.append(f'<rect x="{LEFT}" y="{top}" width="{pw}" height="{round(bottom - top, 1)}" '
                       f'fill="url(#band-{escape(band["grade"])})"/>')
            out.append(f'<text x="{LEFT + pw + 8}" y="{round((top + bottom) / 2 + 6, 1)}" font-size="17" '
                       f'font-weight="bold" fill="{_rgb(p.ink)}">{escape(band["grade"])}</text>')
            if band["min"] > lo:
                out.append(f'<text x="{LEFT - 6}" y="{bottom + 5}" text-anchor="end" font-size="13" '
                           f'fill="{_rgb(p.ink_soft)}">{band["min"]}</text>')
        upper = band["min"]
        if upper <= lo:
            break
    out.append(f'<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="none" stroke="{_rgb(p.ink_soft)}"/>')
    last = 0
    for pt in points[1:]:
        if pt["month"] != last:
            last = pt["month"]
            x = x_of(pt["step"] - 1)
            label = narrate.month_name(level, last)[:3] if level.months == 12 else str(last)
            out.append(f'<line x1="{x}" y1="{TOP}" x2="{x}" y2="{TOP + ph}" stroke="{_rgb(p.paper_edge)}"/>'
                       f'<text x="{x + 2}" y="{TOP + ph + 16}" font-size="13" fill="{_rgb(p.ink_soft)}">'
                       f'{escape(label)}</text>')
    line = [(x_of(pt["step"]), y_of(pt["score"])) for pt in points]
    if len(line) > 1:
        path = " ".join(f"{x},{y}" for x, y in line)
        out.append(f'<polyline points="{path}" fill="none" stroke="{_rgb(p.ink)}" stroke-width="3"/>')
    steered = {(s["month"], s["chosen"]) for s in d["steered"]}
    for pt, (x, y) in zip(points, line, strict=True):
        if pt["kind"] == "start":
            continue
        if pt["kind"] == "civic":
            out.append(f'<path d="M{x} {y - 7}L{x + 7} {y}L{x} {y + 7}L{x - 7} {y}Z" fill="{_rgb(p.accent)}" '
                       f'stroke="{_rgb(p.ink)}"/>')
        else:
            out.append(f'<circle cx="{x}" cy="{y}" r="4.5" fill="{_rgb(p.paper)}" stroke="{_rgb(p.ink)}" '
                       f'stroke-width="2"/>')
        if (pt["month"], pt["label"]) in steered:
            out.append(f'<circle cx="{x}" cy="{y}" r="9" fill="none" stroke="{_rgb(p.denied)}" stroke-width="2"/>')
    legend = _("Dots: cards · diamonds: civic acts · red rings: steered by the score")
    out.append(f'<text x="{LEFT}" y="{H - 14}" font-size="13" fill="{_rgb(p.ink_soft)}">{escape(legend)}</text>')
    out.append("</svg>")
    return "".join(out)
