"""One summary for a whole class: merge the students' logs, skip what cannot be used, say why.

Each student's debrief is computed from their log exactly as on their own screen; the class report
only counts and compares them.
"""

from __future__ import annotations

import base64
import html
from collections import Counter, defaultdict
from pathlib import Path

from game.content.level import ContentError
from game.content.levels import comparison_levels
from game.content.locate import LevelNotFound
from game.core import debrief
from game.report import debrief_text
from game.report.export import ExportError, level_for, read_log
from game.words import narrate
from game.words.i18n import _, ngettext


def gather(paths: list[Path]) -> tuple[list[dict], list[str]]:
    """Readable, finished, distinct logs; and one line for each file skipped, saying why."""
    logs, skipped, seen = [], [], set()
    for path in paths:
        try:
            data = read_log(path)
        except ExportError as exc:
            skipped.append(_("skipped {name}: {why}").format(name=Path(path).name, why=exc))
            continue
        r = data["record"]
        key = (r["level"], r["seed"], r["character"], tuple(r["values"]), tuple(r["choices"]))  # checked by read_log
        if key in seen:
            skipped.append(_("skipped {name}: the same game as another file").format(name=Path(path).name))
            continue
        seen.add(key)
        logs.append({**data, "file": Path(path).name})
    return logs, skipped


def summarise(logs: list[dict]) -> tuple[list[dict], list[str]]:
    """Per level: grades, services refused, choices per card, most steered cards, other rules."""
    by_level: dict[str, list[dict]] = defaultdict(list)
    for data in logs:
        by_level[data["record"]["level"]].append(data)
    out, skipped = [], []
    for level_id, group in sorted(by_level.items()):
        try:
            first = level_for(group[0]["record"])
        except LevelNotFound as exc:
            skipped += [_("skipped {name}: {why}").format(name=d["file"], why=exc) for d in group]
            continue
        except ContentError:
            skipped += [_("skipped {name}: its level '{level}' has problems (run validate on it)").format(
                name=d["file"], level=level_id) for d in group]
            continue
        others = comparison_levels(first)
        grades: Counter = Counter()
        refused: Counter = Counter()
        choices: dict[str, Counter] = defaultdict(Counter)
        steered: Counter = Counter()
        answers: Counter = Counter()
        counterfactual: dict[str, Counter] = defaultdict(Counter)
        titles: dict[str, str] = {}
        goals = 0
        used = 0
        for data in group:
            try:
                d = debrief.debrief(first, data["log"], others, data.get("answers") or ())
                debrief_text.pages(first, d)  # the names the report shows are all in the level
                end = data["log"][-1]
                grade, reached = end["grade"], end["goal_reached"]
            except (KeyError, IndexError, TypeError, ValueError, AttributeError):
                skipped.append(_("skipped {name}: it was played with other cards, or it is damaged").format(
                    name=data["file"]))
                continue
            used += 1
            grades[grade or "none"] += 1
            goals += bool(reached)
            for s in d["cost_and_gain"]["services"]:
                if s["outcome"] == "denied":
                    refused[s["service"]] += 1
            for e in data["log"]:
                if e["t"] == "decision" and e["card"]:
                    choices[e["card"]][narrate.option_label(e["options"][e["chosen"]])] += 1
            answers.update(a["answer"] for a in d["answers"])
            for s in d["steered"]:
                steered[s["card"] or _("{act} (civic act)").format(act=s["chosen"])] += 1
            for c in d["counterfactuals"]:
                counterfactual[c["level"]][c["grade"] or "none"] += 1
                titles[c["level"]] = c["title"]
        if used:
            out.append({"level": first, "students": used, "grades": grades, "goals": goals, "refused": refused,
                        "choices": choices, "steered": steered, "answers": answers, "counterfactual": counterfactual,
                        "titles": titles})
    return out, skipped


def _card_title(level, card_id: str) -> str:
    return level.cards[card_id].title if card_id in level.cards else card_id


def markdown(summaries: list[dict], skipped: list[str], charts: dict[str, str]) -> str:
    lines = [f"# {_('Model Citizen: class summary')}", ""]
    for s in summaries:
        level = s["level"]
        n = s["students"]
        lines += [f"## {level.title}: " + ngettext("{n} student", "{n} students", n).format(n=n), ""]
        if level.id in charts:
            lines += [f"![{_('Grades and other rules')}]({charts[level.id]})", ""]
        lines += [f"### {_('Final grades')}", ""]
        grades = [g.grade for g in level.rulebook.grades] + ["none"]
        lines += [f"- {g}: {s['grades'][g]}" for g in grades if s["grades"][g]]
        lines += ["", _("Goals reached: {g} of {n}.").format(g=s["goals"], n=n), ""]
        lines += [f"### {_('Services refused')}", ""]
        lines += [f"- {level.services[k].label}: {v}" for k, v in s["refused"].most_common()] or [_("- none")]
        lines += ["", f"### {_('The cards that steered the class most')}", ""]
        lines += [f"- {_card_title(level, k)}: {v}" for k, v in s["steered"].most_common(8)] or [_("- none")]
        lines += ["", f"### {_('Why students chose, in their own words')}", ""]
        lines += [f"- {words}: {s['answers'][key]}" for key, words in debrief_text.why_choices()
                  if s["answers"][key]] or [_("- nobody answered")]
        lines += ["", f"### {_('Same choices, other rules: final grades')}", ""]
        for key, counts in s["counterfactual"].items():
            row = ", ".join(f"{g} {n}" for g, n in sorted(counts.items(), key=lambda kv: (kv[0] == "none", kv[0])))
            lines.append(f"- {s['titles'][key]}: {row}")
        lines += ["", f"### {_('What the class chose on each card')}", ""]
        for card_id, counts in sorted(s["choices"].items(), key=lambda kv: -sum(kv[1].values())):
            row = "; ".join(f"{label} ({k})" for label, k in counts.most_common())
            lines.append(f"- **{_card_title(level, card_id)}**: {row}")
        lines.append("")
    if skipped:
        lines += [f"## {_('Files not counted')}", ""] + [f"- {line}" for line in skipped] + [""]
    return "\n".join(lines)


def to_html(md_text: str, charts: dict[str, Path]) -> str:
    """A plain HTML page from the Markdown above, with the chart images inline."""
    from game.report.export import STYLE

    body = []
    in_list = False
    for line in md_text.splitlines():
        if line.startswith("- "):
            if not in_list:
                body.append("<ul>")
                in_list = True
            item = html.escape(line[2:])
            while "**" in item:
                item = item.replace("**", "<b>", 1).replace("**", "</b>", 1)
            body.append(f"<li>{item}</li>")
            continue
        if in_list:
            body.append("</ul>")
            in_list = False
        if line.startswith("!["):
            name = line[line.index("(") + 1:-1]
            path = next((p for p in charts.values() if p.name == name), None)
            if path is not None:
                data = base64.b64encode(path.read_bytes()).decode("ascii")
                body.append(f"<img alt='{html.escape(_('Grades'))}' src='data:image/png;base64,{data}'>")
        elif line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            body.append(f"<h{level}>{html.escape(line.lstrip('# '))}</h{level}>")
        elif line.strip():
            body.append(f"<p>{html.escape(line)}</p>")
    if in_list:
        body.append("</ul>")
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{_('Class summary')}</title>"
            f"<style>{STYLE}</style></head><body>" + "\n".join(body) + "</body></html>")


def write_report(paths: list[Path], out: Path) -> tuple[list[Path], list[str], int]:
    """Write class.md, class.html and a chart per level into `out`. Returns (files, skipped, students)."""
    logs, skipped = gather(paths)
    summaries, more = summarise(logs)
    skipped += more
    out.mkdir(parents=True, exist_ok=True)
    charts: dict[str, Path] = {}
    for s in summaries:
        path = _chart(s, out / f"class-{s['level'].id}.png")
        if path:
            charts[s["level"].id] = path
    md_text = markdown(summaries, skipped, {k: p.name for k, p in charts.items()})
    (out / "class.md").write_text(md_text, encoding="utf-8")
    (out / "class.html").write_text(to_html(md_text, charts), encoding="utf-8")
    files = [out / "class.md", out / "class.html", *charts.values()]
    return files, skipped, sum(s["students"] for s in summaries)


def _chart(summary: dict, path: Path) -> Path | None:
    try:
        from game.draw.charts import grade_bars, render_to_png

        rows = [(summary["titles"][k], summary["counterfactual"][k]) for k in summary["counterfactual"]]
        return render_to_png(lambda: grade_bars(rows, summary["students"]), path)
    except Exception as exc:  # noqa: BLE001 - the text report stands without its picture
        print(_("The class chart could not be drawn ({err}).").format(err=exc))
        return None
