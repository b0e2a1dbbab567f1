"""Export a finished year: a printable report (HTML and Markdown), the chart as PNG, the JSON log.

Everything comes from the log, so a teacher can export any student's log file again later.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from game.content.files import clean_line
from game.content.level import ContentError, load_level
from game.content.levels import comparison_levels
from game.content.locate import find_level
from game.core import debrief
from game.core.model import Level
from game.play import saves, yearlog
from game.play.yearlog import LogProblem, Year
from game.report import debrief_text
from game.words import checkwords, narrate
from game.words.i18n import _


class ExportError(Exception):
    """A log that cannot be exported, with the reason in plain words."""


def level_finder(known: Level | None = None) -> Callable[[str], Level]:
    """Load levels by id once each; LookupError or ValueError (with the first problem) when one cannot be."""
    cache: dict[str, Level | Exception] = {known.id: known} if known else {}

    def find(level_id: str) -> Level:
        if level_id not in cache:
            try:
                cache[level_id] = load_level(find_level(level_id))
            except ContentError as exc:
                cache[level_id] = ValueError(_("it has problems: {first}").format(first=exc.problems[0]))
            except LookupError as exc:  # LevelNotFound says where it looked
                cache[level_id] = exc
        got = cache[level_id]
        if isinstance(got, Exception):
            raise got
        return got
    return find


def read_year(path: Path, find: Callable[[str], Level] | None = None) -> Year:
    """A log file recomputed into its year; ExportError saying why it cannot be used."""
    try:
        return yearlog.load(path, find or level_finder())
    except LogProblem as exc:
        raise ExportError(str(exc)) from exc


def read_log(path: Path) -> dict:
    """A log file's content, checked for shape only (kept for callers that recompute it themselves)."""
    try:
        return yearlog.read_log(path)
    except LogProblem as exc:
        raise ExportError(str(exc)) from exc


def newest_log(data_dir: Path) -> Path:
    try:
        logs = sorted((data_dir / "logs").glob("*.json"), key=lambda p: p.stat().st_mtime)
    except OSError:
        logs = []
    if not logs:
        raise ExportError(_("There is no finished game in {dir} yet.").format(dir=clean_line(str(data_dir / "logs"))))
    return logs[-1]


def export_name(year: Year) -> str:
    """A folder or file name from the year's game code, so a class's exports never overwrite each other."""
    return code_name(year.code, year.level.id, year.state.seed, year.state.character)


def code_name(code: str, level_id: str = "", seed: str = "", character: str = "") -> str:
    """A game code as a file name (':' cannot be in one on Windows)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", code or f"{level_id}-{seed}-{character}")[:120]


def export(data: dict | Year, out: Path, level: Level | None = None) -> dict[str, Path]:
    """Write report.html, report.md, debrief.json, chart.png and log-<code>.json into `out`; return their paths.

    The year is recomputed from the log's record (the results stored in it are never trusted); `level`
    is the level as played (the window passes it), otherwise it is found by the log's id.
    """
    try:
        year = data if isinstance(data, Year) else yearlog.recompute(data, level_finder(level))
    except LogProblem as exc:
        raise ExportError(str(exc)) from exc
    level = year.level
    result = debrief.debrief(level, year.log, comparison_levels(level), year.data.get("answers") or ())
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    chart = _write_chart(level, result, out / "chart.png")
    if chart:
        written["chart"] = chart
    code = year.code
    checked = checkwords.report_lines(level, year.data.get("check"))
    saves.write_bytes_atomic(out / "report.md", markdown(level, result, "chart.png" if chart else None,
                                                         code, checked).encode("utf-8"))
    written["markdown"] = out / "report.md"
    saves.write_bytes_atomic(out / "report.html", _html(level, result, chart, code, checked).encode("utf-8"))
    written["html"] = out / "report.html"
    saves.write_json_atomic(out / "debrief.json", debrief_text.as_json(level, result))
    written["debrief"] = out / "debrief.json"
    log = {"format": saves.LOG_FORMAT, "record": year.record, "log": year.log, "game_code": code}
    for kept in ("answers", "check"):  # the player's own answers, kept as they gave them
        if kept in year.data:
            log[kept] = year.data[kept]
    written["log"] = out / f"log-{export_name(year)}.json"
    saves.write_json_atomic(written["log"], log)
    return written


def _write_chart(level: Level, result: debrief.Debrief, path: Path) -> Path | None:
    """Draw the charts with pygame, headless; without pygame the report simply has no picture."""
    try:
        from game.draw.charts import chart_image
    except ImportError:
        return None
    return draw_png_atomic(lambda: chart_image(level, result), path)


def draw_png_atomic(draw: Callable, path: Path) -> Path | None:
    """Render a chart to PNG beside its place, then move it in: a full disk leaves the old file or none.
    None when pygame cannot draw here (the text report stands without its picture)."""
    import os

    import pygame

    from game.draw.charts import render_to_png

    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.png")
    try:
        render_to_png(draw, tmp)
        os.replace(tmp, path)
        return path
    except pygame.error:
        return None
    finally:
        tmp.unlink(missing_ok=True)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>!|&~])")  # what can start markup, a link, an image or HTML


_MD_LINK = re.compile(r"(?i)(?<![a-z0-9])([a-z][a-z0-9+.-]{0,30}):(?=//)|(?<![a-z0-9])(www)\.|@")
_MD_LEADING = re.compile(r"[#>+=-]|\d{1,9}(?=[.)])")


def md(text: object) -> str:
    """Text from a level or a log made inert in Markdown: one line, every markup character escaped, no
    autolink (`https://`, `www.`, an address with @), and nothing at its start that makes a heading, a
    quote, a list or a code block of the line it is put on."""
    out = _MD_SPECIAL.sub(r"\\\1", clean_line(str(text)).lstrip())
    out = _MD_LINK.sub(lambda m: f"{m.group(1)}\\:" if m.group(1) else f"{m.group(2)}\\." if m.group(2)
                       else "\\@", out)
    lead = _MD_LEADING.match(out)
    if lead:
        at = lead.end() if lead.group()[0].isdigit() else 0
        out = out[:at] + "\\" + out[at:]
    return out


def markdown(level: Level, d: debrief.Debrief, chart: str | None, code: str, checked: Sequence[str] = ()) -> str:
    """The debrief as a one-page Markdown report; every text from the level or the log is escaped."""
    who = level.characters[d["character"]]
    out = [f"# {md(narrate.own(level, _('Model Citizen: a year in {level}')).format(level=level.title))}", "",
           md(_("{name}, {role} · seed {seed}").format(name=who.name, role=who.role, seed=d["seed"])), ""]
    if chart:
        out += [f"![{md(narrate.own(level, _('Score through the year')))}]({chart})", ""]
    for title, prompt, sections in debrief_text.with_otherwise(level, d, debrief_text.pages(level, d)):
        out += [f"## {md(title)}", "", f"*{md(prompt)}*", ""]
        for heading, items in sections:
            if heading:
                out += [f"### {md(heading)}", ""]
            out += [f"- {md(item)}" for item in items] + [""]
    if debrief_text.readings(level):
        out += [f"## {md(_('Readings and sources'))}", ""] + [f"- {md(r)}" for r in debrief_text.readings(level)]
        out.append("")
    if checked:
        out += [f"## {md(_('Your two-minute check'))}", ""] + [f"- {md(line)}" for line in checked] + [""]
    if code:
        out += [narrate.own(level, _("Game code (replays this year exactly):")), "", f"    {code}", ""]
    return "\n".join(out)


STYLE = """
body { font-family: 'Atkinson Hyperlegible', Verdana, sans-serif; max-width: 60rem; margin: 1.5rem auto;
       padding: 0 1rem; color: #1e1e1c; line-height: 1.4; font-size: 11pt; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.2rem; margin: 1.2rem 0 0.3rem;
     border-bottom: 2px solid #ddd3bd; } h3 { font-size: 1rem; margin: 0.6rem 0 0.2rem; }
p.prompt { font-style: italic; color: #5c5850; margin: 0.2rem 0; } ul { margin: 0.2rem 0 0.4rem 1.2rem; padding: 0; }
img { width: 100%; border: 1px solid #ddd3bd; } code { font-size: 1.1em; background: #f7f2e6; padding: 0 0.3em; }
p.code { font-family: 'Atkinson Hyperlegible Mono', Consolas, monospace; font-size: 1.6rem; letter-spacing: 0.08em;
         padding: 0.4rem 0.8rem; border: 2px solid #ddd3bd; display: inline-block; }
@media print { body { margin: 0; font-size: 9.5pt; } h2 { break-after: avoid; } img { break-inside: avoid; } }
"""


def _html(level: Level, result: debrief.Debrief, chart: Path | None, code: str, checked: Sequence[str] = ()) -> str:
    def esc(text: object) -> str:
        return html.escape(clean_line(str(text)), quote=True)

    who = level.characters[result["character"]]
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{esc(level.title)}: "
             f"{esc(who.name)}</title><style>{STYLE}</style></head><body>",
             f"<h1>{esc(narrate.own(level, _('Model Citizen: a year in {level}')).format(level=level.title))}</h1>",
             f"<p>{esc(who.name)}, {esc(who.role)} · {esc(_('seed'))} {esc(result['seed'])}</p>"]
    if chart:
        data = base64.b64encode(chart.read_bytes()).decode("ascii")  # the chart we just drew
        parts.append(f"<img alt='{esc(narrate.own(level, _('Score, meters and other rules through the year')))}' "
                     f"src='data:image/png;base64,{data}'>")
    for title, prompt, sections in debrief_text.with_otherwise(level, result, debrief_text.pages(level, result)):
        parts.append(f"<h2>{esc(title)}</h2><p class='prompt'>{esc(prompt)}</p>")
        for heading, items in sections:
            if heading:
                parts.append(f"<h3>{esc(heading)}</h3>")
            parts.append("<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>")
    if debrief_text.readings(level):
        parts.append(f"<h2>{esc(_('Readings and sources'))}</h2><ul>"
                     + "".join(f"<li>{esc(r)}</li>" for r in debrief_text.readings(level)) + "</ul>")
    if checked:
        parts.append(f"<h2>{esc(_('Your two-minute check'))}</h2><ul>"
                     + "".join(f"<li>{esc(line)}</li>" for line in checked) + "</ul>")
    if code:
        said = narrate.own(level, _('Game code (replays this year exactly):'))
        parts.append(f"<p>{esc(said)}</p><p class='code'>{esc(code)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
