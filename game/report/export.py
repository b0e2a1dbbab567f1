"""Export a finished year: a printable report (HTML and Markdown), the chart as PNG, the JSON log.

Everything comes from the log, so a teacher can export any student's log file again later.
"""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path

from game.content import formats
from game.content.level import load_level
from game.content.levels import comparison_levels
from game.content.locate import find_level
from game.core import debrief, gamecode
from game.core.model import Level
from game.play import saves
from game.report import debrief_text
from game.words.i18n import _


class ExportError(Exception):
    """A log that cannot be exported, with the reason in plain words."""


def read_log(path: Path) -> dict:
    """A finished game's log file as written under logs/ (or exported as log.json)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExportError(_("{path} cannot be read as a game log ({err})").format(path=path, err=exc)) from exc
    if not isinstance(data, dict) or "record" not in data or "log" not in data:
        raise ExportError(_("{path} is not a Model Citizen game log").format(path=path))
    try:
        data = formats.upgrade(data, "log")
    except formats.FormatError as exc:
        raise ExportError(_("{path} cannot be read: {why}").format(path=path, why=exc)) from exc
    problem = _shape_problem(data)
    if problem:
        raise ExportError(_("{path} is not a complete game log ({problem})").format(path=path, problem=problem))
    if data["log"][-1]["t"] != "end":
        raise ExportError(_("{path} is a game that was not finished").format(path=path))
    return data


def _shape_problem(data: dict) -> str:
    """What is wrong with a log's structure, in a few words, or '' when it is sound."""
    record, log = data["record"], data["log"]
    if not isinstance(record, dict):
        return "its record is not a mapping"
    for key in ("level", "seed", "character"):
        if not isinstance(record.get(key), str):
            return f"its record has no {key}"
    values, choices = record.get("values"), record.get("choices")
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        return "its values are not a list of names"
    if not isinstance(choices, list) or not all(isinstance(c, int) and 0 <= c <= 2 for c in choices):
        return "its choices are not numbers from 0 to 2"
    if not isinstance(log, list) or not log or not all(isinstance(e, dict) and isinstance(e.get("t"), str)
                                                       for e in log):
        return "its log is not a list of events"
    if log[0]["t"] != "start":
        return "its log does not begin with the start of a game"
    return ""


def newest_log(data_dir: Path) -> Path:
    logs = sorted((data_dir / "logs").glob("*.json"), key=lambda p: p.stat().st_mtime)
    if not logs:
        raise ExportError(_("There is no finished game in {dir} yet.").format(dir=data_dir / "logs"))
    return logs[-1]


def level_for(record: dict) -> Level:
    return load_level(find_level(record["level"]))


def game_code(level: Level, record: dict) -> str:
    try:
        return gamecode.encode(level, record["seed"], record["character"], record["values"], record["choices"])
    except (gamecode.CodeError, ValueError):  # a seed with ':' in it, or a record from other content
        return ""


def debrief_of(level: Level, log: list[dict], answers=()) -> dict:
    """The debrief of a log (and the player's "why" answers), or ExportError if the log does not fit the
    level's content."""
    try:
        result = debrief.debrief(level, log, comparison_levels(level), answers)
        debrief_text.pages(level, result)  # every name the pages need is in the level
        return result
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        raise ExportError(_("this log does not fit the level '{level}' as it is now ({err}): it was played "
                            "with other content, or it is damaged").format(level=level.id, err=exc)) from exc


def export(data: dict, out: Path, level: Level | None = None) -> dict[str, Path]:
    """Write report.html, report.md, debrief.json, chart.png and log.json into `out`; return their paths.

    `level` is the level as played (the window passes it); otherwise it is found by the log's id.
    """
    record, log = data["record"], data["log"]
    level = level or level_for(record)
    result = debrief_of(level, log, data.get("answers") or ())
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    chart = _write_chart(level, result, out / "chart.png")
    if chart:
        written["chart"] = chart
    code = game_code(level, record)
    markdown = debrief_text.as_markdown(level, result, "chart.png" if chart else None)
    if code:
        markdown += "\n" + _("Game code (replays this year exactly): `{code}`").format(code=code) + "\n"
    (out / "report.md").write_text(markdown, encoding="utf-8")
    written["markdown"] = out / "report.md"
    (out / "report.html").write_text(_html(level, result, chart, code), encoding="utf-8")
    written["html"] = out / "report.html"
    saves.write_json_atomic(out / "debrief.json", debrief_text.as_json(level, result))
    written["debrief"] = out / "debrief.json"
    saves.write_json_atomic(out / "log.json", {**data, "game_code": code})
    written["log"] = out / "log.json"
    return written


def _write_chart(level: Level, result: dict, path: Path) -> Path | None:
    """Draw the charts with pygame, headless; without pygame the report simply has no picture."""
    try:
        from game.draw.charts import chart_image, render_to_png

        return render_to_png(lambda: chart_image(level, result), path)
    except Exception as exc:  # noqa: BLE001 - any drawing failure leaves the text report whole
        print(_("The chart could not be drawn ({err}); the report has text only.").format(err=exc))
        return None


STYLE = """
body { font-family: 'Atkinson Hyperlegible', Verdana, sans-serif; max-width: 60rem; margin: 1.5rem auto;
       padding: 0 1rem; color: #1e1e1c; line-height: 1.4; font-size: 11pt; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.2rem; margin: 1.2rem 0 0.3rem;
     border-bottom: 2px solid #ddd3bd; } h3 { font-size: 1rem; margin: 0.6rem 0 0.2rem; }
p.prompt { font-style: italic; color: #5c5850; margin: 0.2rem 0; } ul { margin: 0.2rem 0 0.4rem 1.2rem; padding: 0; }
img { width: 100%; border: 1px solid #ddd3bd; } code { font-size: 1.1em; background: #f7f2e6; padding: 0 0.3em; }
@media print { body { margin: 0; font-size: 9.5pt; } h2 { break-after: avoid; } img { break-inside: avoid; } }
"""


def _html(level: Level, result: dict, chart: Path | None, code: str) -> str:
    esc = html.escape
    who = level.characters[result["character"]]
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{esc(level.title)}: "
             f"{esc(who.name)}</title><style>{STYLE}</style></head><body>",
             f"<h1>{esc(_('Model Citizen: a year in {level}').format(level=level.title))}</h1>",
             f"<p>{esc(who.name)}, {esc(who.role)} · {esc(_('seed'))} {esc(result['seed'])}</p>"]
    if chart:
        data = base64.b64encode(chart.read_bytes()).decode("ascii")
        parts.append(f"<img alt='{esc(_('Score, meters and other rules through the year'))}' "
                     f"src='data:image/png;base64,{data}'>")
    for title, prompt, sections in debrief_text.pages(level, result):
        parts.append(f"<h2>{esc(title)}</h2><p class='prompt'>{esc(prompt)}</p>")
        for heading, items in sections:
            if heading:
                parts.append(f"<h3>{esc(heading)}</h3>")
            parts.append("<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>")
    if debrief_text.readings(level):
        parts.append(f"<h2>{esc(_('Readings and sources'))}</h2><ul>"
                     + "".join(f"<li>{esc(r)}</li>" for r in debrief_text.readings(level)) + "</ul>")
    if code:
        parts.append(f"<p>{esc(_('Game code (replays this year exactly):'))} <code>{esc(code)}</code></p>")
    parts.append("</body></html>")
    return "\n".join(parts)
