"""One summary for a whole class, safe to project: every year recomputed, every file accounted for.

Each student's year is replayed from its record (seed, character, values, choices); what a file
says about its own results is never believed, and a file whose stored events differ from the
replay is listed as altered and not counted. The class is the largest group of years on one level
and one seed (the seed carries the year's length); a year from another level or seed is named as
such, not mixed in. The projected page shows no count below 3 and no file or student name; the
teacher's page lists every file, its game code, and why it was or was not counted.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from game.content.files import FileRefused, clean_line, read_text
from game.content.levels import comparison_levels
from game.core import debrief, gamecode
from game.core.model import Level
from game.play import classcode, saves, seeds, yearlog
from game.play.yearlog import LogProblem, Year
from game.report import debrief_text, experiment, learned
from game.report.export import STYLE, level_finder, md
from game.words import narrate
from game.words.i18n import _

SMALL = 3  # counts below this are never shown on the projected page, nor can be worked out from it
REACHED, MISSED, STOPPED, REFUSED, NOT_REFUSED, REST = "reached", "missed", "stopped", "refused", "not_refused", "rest"
MAX_FILES = 5000   # files read
MAX_SEEN = 50_000  # names looked at while folders are searched
MAX_DEPTH = 8      # folders inside folders
MAX_CODES_BYTES = 1_000_000  # a list of codes pasted from a shared document: 24 lines take about 2 KB
MAX_CODE_LINES = 5000
COMPANIONS = {"report.html", "report.md", "chart.png", "debrief.json", "class.md", "class.html", "teacher.md",
              "teacher.html"}  # an exported year's own files, beside its log

# reasons a file is not counted, in the order the teacher's page lists them
DUPLICATE, OTHER_LEVEL, OTHER_SEED, NOT_JSON, FOLDER = "duplicate", "other_level", "other_seed", "not_json", "folder"
NOT_READ = "not_read"
OTHER_LENGTH, OTHER_CLASS, NO_CODE = "other_length", "other_class", "no_code"
KIND_TITLES = {
    yearlog.ALTERED: "Altered: the results in the file differ from what its choices give",
    yearlog.OTHER_CARDS: "Played with another version of the level's cards",
    DUPLICATE: "Handed in twice (the same file or code)",
    OTHER_LEVEL: "A year in another level",
    OTHER_SEED: "A year on another seed",
    OTHER_LENGTH: "A year of another length",
    OTHER_CLASS: "A year from another class code",
    yearlog.TYPO: "A game code with a typo",
    NO_CODE: "A text file with no game code in it",
    yearlog.UNFINISHED: "A year that was not finished",
    yearlog.NO_LEVEL: "A level that cannot be loaded here",
    yearlog.OTHER_VERSION: "Written by another version of the game",
    yearlog.NOT_A_LOG: "Not a game log",
    yearlog.UNREADABLE: "Cannot be read",
    NOT_JSON: "Not a game log (not a .json file)",
    FOLDER: "A folder with no game log in it",
    NOT_READ: "Not read: past a bound on files or folders",
}


@dataclass
class Entry:
    """One file given to the report: counted, or not and why."""

    path: Path
    year: Year | None = None
    kind: str = ""   # empty when counted
    why: str = ""
    line: int = 0  # for a code from a list of codes: its line (the line's other words are never kept)
    same_as: str = ""  # where the same choices were handed in before (no blame: it happens)

    @property
    def counted(self) -> bool:
        return self.year is not None and not self.kind

    @property
    def counted_year(self) -> Year | None:
        """The year when it counts, else None: `counted` in a form the type checker can narrow."""
        return self.year if not self.kind else None

    @property
    def where(self) -> str:
        """The file, or the file and line of a pasted code, as the teacher's page names it."""
        name = clean_line(str(self.path))
        return _("{file}, line {n}").format(file=name, n=self.line) if self.line else name


@dataclass
class ClassReport:
    entries: list[Entry]
    level: Level | None = None
    seed: str = ""
    years: list[Year] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    # a split class (a SPLIT seed): the half that lived under the control level, and the comparison
    control: Level | None = None
    control_years: list[Year] = field(default_factory=list)
    experiment: experiment.Experiment | None = None

    @property
    def skipped(self) -> list[str]:
        """One line per file not counted, saying why (for the teacher's terminal)."""
        return [_("not counted: {name}: {why}").format(name=e.where, why=e.why)
                for e in self.entries if not e.counted]


def expand(paths: list[Path]) -> list[Entry | Path]:
    """Files as given, folders searched (every file in them accounted for, an export's own report files
    aside). Game logs (.json) come first, so junk cannot push a real log past the bound; at most MAX_FILES
    files are taken, folders are opened at most MAX_DEPTH deep and links are not followed, and what is left
    unread is one entry that says how much and why. A folder with no log in it is an entry of its own."""
    out: list[Entry | Path] = []
    logs: list[Path] = []
    others: list[Path] = []
    left: Counter = Counter()  # why -> how many files or folders were not read
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            found, problem = _walk(path, left)
            if problem:
                out.append(Entry(path, kind=yearlog.UNREADABLE, why=problem))
            elif not found:
                out.append(Entry(path, kind=FOLDER, why=_("it is a folder with no game log in it")))
            for p in found:
                (logs if p.suffix.lower() == ".json" else others).append(p)
        else:
            logs.append(path)
    taken = (logs + others)[:MAX_FILES]
    if len(logs) + len(others) > MAX_FILES:
        left[_("a class report reads at most {n:,} files; give it the folder of one class's logs").format(
            n=MAX_FILES)] += len(logs) + len(others) - MAX_FILES
    out += taken
    for why, n in left.items():
        out.append(Entry(Path(_("{n:,} more").format(n=n)), kind=NOT_READ, why=why))
    return out


def _walk(folder: Path, left: Counter) -> tuple[list[Path], str]:
    """The files under a folder, in name order, with the bounds of `expand`; (files, '' or why it failed)."""
    found: list[Path] = []
    stack: list[tuple[Path, int]] = [(folder, 0)]
    seen = 0
    while stack:
        here, depth = stack.pop()
        try:
            with os.scandir(here) as it:
                names = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            if here == folder:
                return [], _("the folder cannot be read ({err})").format(err=exc.strerror)
            left[_("a folder inside cannot be read")] += 1
            continue
        subfolders = []
        for entry in names:
            seen += 1
            if seen > MAX_SEEN:
                left[_("there are more than {n:,} files and folders to look through").format(n=MAX_SEEN)] += 1
                continue
            if entry.name in COMPANIONS or entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                if depth + 1 > MAX_DEPTH:
                    left[_("folders deeper than {n} levels are not opened").format(n=MAX_DEPTH)] += 1
                else:
                    subfolders.append((Path(entry.path), depth + 1))
            else:
                found.append(Path(entry.path))
        stack.extend(reversed(subfolders))
    return sorted(found), ""


def gather(paths: list[Path], find: Callable[[str], Level] | None = None) -> list[Entry]:
    """Read and recompute every file, and every code in a text file of codes; one bad one never stops the rest.

    The same choices twice are both counted (two students may well choose alike); the same file byte for
    byte, or the same code, is counted once and named, with no guess at who had it first."""
    find = find or level_finder()
    entries: list[Entry] = []
    first_of: dict[tuple, Entry] = {}
    first_bytes: dict[str, Entry] = {}
    for item in expand(paths):
        if isinstance(item, Entry):
            entries.append(item)
            continue
        if item.suffix.lower() != ".json" and not item.is_dir():
            found = read_codes(item, find)
        else:
            try:
                found = [Entry(item, yearlog.load(item, find))]
            except LogProblem as exc:
                found = [Entry(item, kind=exc.kind, why=_why(str(exc), item))]
        for entry in found:
            entries.append(entry)
            if entry.year is None:
                continue
            r = entry.year.record
            print_ = _fingerprint(entry)
            if print_ in first_bytes:
                said = _("handed in twice: the same {what} as {other}, counted once")
                entry.kind, entry.why = DUPLICATE, said.format(
                    what=_("code") if entry.line else _("file, byte for byte,"), other=first_bytes[print_].where)
                continue
            first_bytes[print_] = entry
            key = (r["level"], r["seed"].upper(), r["character"], tuple(r["values"]), tuple(r["choices"]))
            if key in first_of:
                entry.same_as = first_of[key].where
            else:
                first_of[key] = entry
    return entries


def _fingerprint(entry: Entry) -> str:
    """What makes two hand-ins the same hand-in: a code's text, or a file's bytes."""
    if entry.line and entry.year is not None:
        return "code:" + entry.year.code
    try:
        return "file:" + hashlib.sha256(entry.path.read_bytes()).hexdigest()
    except OSError:
        return "path:" + str(entry.path)


_CUT = re.compile(r"[\s,;|\"'<>()\[\]]+")


def read_codes(path: Path, find: Callable[[str], Level]) -> list[Entry]:
    """The game codes in a text file, one a line as pasted from a shared document or a learning platform.

    A line's other words (a name, a date) are neither kept nor shown; a line with something shaped like a
    code that does not replay is named by its number as a typo."""
    try:
        text = read_text(path, MAX_CODES_BYTES)
    except FileRefused:
        why = _("it is a {ext} file, neither a game log (.json) nor a text file of game codes")
        return [Entry(path, kind=NOT_JSON, why=why.format(ext=clean_line(path.suffix or "no-extension")[:12]))]
    out: list[Entry] = []
    for n, line in enumerate(text.splitlines()[:MAX_CODE_LINES], start=1):
        line = re.sub(r"\s*:\s*", ":", line)
        for token in _CUT.split(line):
            if token.count(":") < 4:
                continue
            out.append(_code_entry(path, n, token.strip(":"), find))
    if not out:
        why = _("it has no game code in it (a code looks like harmony_city:SEED:...; a game log is a .json file)")
        return [Entry(path, kind=NO_CODE, why=why)]
    return out


def _code_entry(path: Path, n: int, token: str, find: Callable[[str], Level]) -> Entry:
    """One code of a line; a name glued to its front ('Ann:harmony_city:...') is cut off."""
    parts = token.split(":")
    problem: LogProblem | None = None
    for start in range(max(1, len(parts) - 4)):
        try:
            return Entry(path, yearlog.from_code(":".join(parts[start:]), find), line=n)
        except LogProblem as exc:
            if problem is None or problem.kind == yearlog.NO_LEVEL:
                problem = exc
    assert problem is not None
    return Entry(path, kind=problem.kind, why=str(problem), line=n)


def _why(message: str, path: Path) -> str:
    """A reason without the file's own name at its start (the teacher's page shows the name beside it)."""
    name = clean_line(path.name)
    return message[len(name) + 1:] if message.startswith(name + " ") else message


def choose_class(entries: list[Entry], level_id: str | None = None, seed: str | None = None,
                 count_up: bool = True) -> ClassReport:
    """The class: the years on the most common (level, seed), or the one asked for; the others named.
    With `count_up` False only the files' verdicts are worked out, not the summary (the costly part)."""
    groups: Counter[tuple[str, str]] = Counter((y.level.id, _class_seed(y)) for e in entries
                                               if (y := e.counted_year) is not None)
    if level_id or seed:
        wanted = [g for g in groups if (not level_id or g[0] == level_id) and (not seed or g[1] == seed.upper())]
    else:
        wanted = list(groups)
    if not wanted:
        return ClassReport(entries)
    best = max(wanted, key=lambda g: (groups[g], g))
    report = ClassReport(entries)
    halves = _halves(entries, best)  # a split class: the level under the score and its control
    for e in entries:
        year = e.counted_year
        if year is None:
            continue
        got = (year.level.id, _class_seed(year))
        if halves and got[1] == best[1] and got[0] in halves:
            if got[0] == halves[0]:
                report.years.append(year)
                report.level, report.seed = year.level, got[1]
            else:
                report.control_years.append(year)
                report.control = year.level
        elif got == best:
            report.years.append(year)
            report.level, report.seed = year.level, got[1]
        elif got[0] not in (halves or (best[0],)) and got[0] != best[0]:
            e.kind, e.why = OTHER_LEVEL, _("a year in the level '{level}', not the class's '{main}'").format(
                level=got[0], main=best[0])
        else:
            e.kind, e.why = seed_difference(got[1], best[1], year.level.months)
    if report.level is None and report.control is not None:  # only the control half sent its files
        report.level, report.years, report.control, report.control_years = report.control, report.control_years, \
            None, []
        report.seed = best[1]
    if not count_up:
        return report
    assert report.level is not None  # `best` is a counted year's, in one half or the other
    report.summary = summarise(report.level, report.years)
    if report.control is not None:
        report.experiment = experiment.compare(report.level, report.years, report.control, report.control_years,
                                               classcode.design(report.seed), classcode.primary_outcome(report.seed))
    return report


def _class_seed(year: Year) -> str:
    """The class's code a year was played on: a crossover student's number and year letter taken out."""
    return gamecode.deck_seed(year.state.seed).upper()


def seed_difference(seed: str, main: str, full: int) -> tuple[str, str]:
    """Why a year in the class's level is not the class's: another length, another class code, another seed."""
    body, marker = seeds.length_marker(seed)
    main_body = seeds.length_marker(main)[0]
    if body == main_body:
        return OTHER_LENGTH, _("a year of {n} months on the class's seed; the class played {m}").format(
            n=seeds.year_length(seed, full), m=seeds.year_length(main, full))
    plain = [p for p in body.split("-") if not classcode.is_split("X-" + p)]
    main_plain = [p for p in main_body.split("-") if not classcode.is_split("X-" + p)]
    if plain == main_plain:
        return OTHER_CLASS, _("a year on {seed}, not the class's code {main}: the same deck, but one class split "
                              "and the other not").format(seed=seed, main=main)
    return OTHER_SEED, _("a year on seed {seed}, not the class's seed {main}: another class's code, or a typo "
                         "when it was typed").format(seed=seed, main=main)


def _halves(entries: list[Entry], best: tuple[str, str]) -> tuple[str, str] | None:
    """For a class on a split seed, (the level under the score, its control level); else None."""
    if not classcode.is_split(best[1]):
        return None
    level = next(y.level for e in entries if (y := e.counted_year) is not None and y.level.id == best[0])
    if level.control and level.control != level.id:
        return level.id, level.control
    if level.base and level.base != level.id:
        return level.base, level.id
    return None


def summarise(level: Level, years: list[Year]) -> dict:
    """What the lesson asks, counted over the class's recomputed years."""
    others = comparison_levels(level)
    rulebooks: dict[str, dict] = {}
    cards: dict[str, Counter] = defaultdict(Counter)
    watched = {"seen": [0, 0], "unseen": [0, 0]}  # [times a penalised act was chosen, times it was on offer]
    answers: Counter = Counter()
    for year in years:
        stopped = any(e["t"] == "end_now" for e in year.log)
        d = debrief.debrief(level, year.log, others, year.data.get("answers") or ())
        answers.update(a["answer"] for a in d["answers"])
        for c in d["counterfactuals"]:
            book = rulebooks.setdefault(c["level"], {"title": c["title"], "as_played": c["as_played"],
                                                     "grades": Counter(), "goal": Counter(), "refused": Counter(),
                                                     "refused_by": Counter()})
            book["grades"][c["grade"] or "none"] += 1
            book["goal"][REACHED if c["goal_reached"] else STOPPED if stopped else MISSED] += 1
            book["refused"][REFUSED if c["refused"] > 0 else NOT_REFUSED] += 1
            for s in c["services"]:
                if s["outcome"] == "denied":
                    book["refused_by"][s["service"]] += 1
        for e in year.log:
            if e["t"] != "decision":
                continue
            if e["card"]:
                cards[e["card"]][narrate.option_label(e["options"][e["chosen"]])] += 1
            for i, option in enumerate(e["options"]):
                for act in option["acts"]:
                    if act["judged"] and act["points"] < 0:
                        where = "seen" if act["chance"] >= debrief.WATCHED else "unseen"
                        watched[where][1] += 1
                        watched[where][0] += i == e["chosen"]
    grade_order = [g.grade for g in level.rulebook.grades]
    for other in others:
        grade_order += [g.grade for g in other.rulebook.grades if g.grade not in grade_order]
    return {"n": len(years), "stopped": sum(any(e["t"] == "end_now" for e in y.log) for y in years),
            "rulebooks": list(rulebooks.values()), "cards": dict(cards),
            "watched": watched,
            "answers": answers, "grade_order": grade_order + ["none"],
            "months": years[0].state.months or level.months if years else level.months}


def count(n: int) -> str:
    """A count as the projected page may show it on its own (a class's size, a half's)."""
    return str(n) if n >= SMALL else _("fewer than {n}").format(n=SMALL)


@dataclass
class Group:
    """Counts that add up to a total, as the projected page shows them: every count shown is at least SMALL,
    and the counts below it are merged into one 'rest' of at least SMALL (the smallest shown count joins
    them when they alone come to fewer), so no hidden count can be worked out from the total either."""

    total: int
    shown: list[tuple[str, int]]  # (key, count), each at least SMALL, in the order given
    rest: int  # 0, or at least SMALL: the merged counts
    truth: dict[str, int]  # every count, for tests only: never drawn

    @property
    def parts(self) -> list[tuple[str, int]]:
        return self.shown + ([(REST, self.rest)] if self.rest else [])


def protect(counts: dict, order: list | None = None) -> Group:
    """The counts as a projected page may show them (see Group)."""
    truth = {k: v for k, v in counts.items() if v}
    keys = [k for k in (order or list(truth)) if k in truth] + [k for k in truth if order and k not in order]
    small = [k for k in keys if truth[k] < SMALL]
    big = sorted((k for k in keys if truth[k] >= SMALL), key=lambda k: (truth[k], keys.index(k)))
    rest = sum(truth[k] for k in small)
    while 0 < rest < SMALL and big:
        rest += truth[big.pop(0)]
    total = sum(truth.values())
    if 0 < rest < SMALL:  # everything together is fewer than SMALL
        return Group(total, [], rest, truth)
    return Group(total, [(k, truth[k]) for k in keys if k in big], rest, truth)


def shown_parts(group: Group, label: Callable[[str], str]) -> str:
    """'A: 10, B: 6, the rest together: 8', or a sentence when too few to show apart."""
    if not group.shown:
        most = max(group.truth, key=group.truth.__getitem__) if group.truth else None
        if most is not None and group.total >= SMALL and group.total - group.truth[most] < SMALL:
            # one answer took all but one or two: say so, and no number (the few others stay unknown)
            return _("{label}: all but fewer than {n}").format(label=label(most), n=SMALL)
        return _("too few to show apart") if group.total else _("none")
    return ", ".join(f"{label(k) if k != REST else _('the rest together')}: {n}" for k, n in group.parts)


def rulebook_groups(summary: dict, book: dict) -> dict[str, Group]:
    """The three things each rulebook row shows, each protected on its own."""
    return {"grades": protect(book["grades"], summary["grade_order"]),
            "goal": protect(book["goal"], [REACHED, MISSED, STOPPED]),
            "refused": protect(book["refused"], [REFUSED, NOT_REFUSED])}


def answer_group(summary: dict) -> Group:
    return protect(summary["answers"], [key for key, _w in debrief_text.why_choices()])


def splits(summary: dict) -> list[tuple[str, Counter]]:
    """Cards met by at least 3 students where no option took three quarters of the class."""
    out = []
    for card_id, counts in summary["cards"].items():
        met = sum(counts.values())
        if met >= SMALL and len(counts) > 1 and counts.most_common(1)[0][1] <= 0.75 * met:
            out.append((card_id, counts))
    return sorted(out, key=lambda kv: -sum(kv[1].values()))


def split_groups(summary: dict, top: int) -> list[tuple[str, Group]]:
    """The cards that split the class, as protected groups; a card whose split cannot be shown is left out."""
    out = []
    for card_id, counts in splits(summary):
        group = protect(counts, [label for label, _n in counts.most_common()])
        if 0 < summary["n"] - group.total < SMALL:
            continue  # the class's size less those who met it would give away the one or two who did not
        if len(group.parts) > 1:
            out.append((card_id, group))
    return out[:top]


def published(report: ClassReport) -> list[Group]:
    """Every group of counts the projected page shows (the inference test reads the page against these)."""
    s = report.summary
    if report.level is None:
        return []
    out = [g for book in s["rulebooks"] for g in rulebook_groups(s, book).values()]
    out += [g for _card, g in split_groups(s, 8)]
    if s["answers"]:
        out.append(answer_group(s))
    return out


def _card_title(level: Level, card_id: str) -> str:
    return level.cards[card_id].title if card_id in level.cards else card_id


def _share(chosen: int, offered: int) -> str:
    """How often a thing on offer was chosen, in steps of 5 %, without the counts: no count can be worked out
    from it, and the class's question (did watching change what we chose?) can be answered."""
    if offered < 10:
        return _("too few times on offer to tell")
    if chosen == 0:
        return _("never")
    step = 5 * round(20 * chosen / offered)
    if step == 0:
        return _("under 5 %")
    if step == 100 and chosen < offered:
        return _("over 95 %")
    return _("about {p} %").format(p=step)


def _goal_label(key: str) -> str:
    return {REACHED: _("goal reached"), MISSED: _("goal missed"),
            STOPPED: _("ended the year early, before the goal was due")}.get(key, key)


def _refused_label(key: str) -> str:
    return {REFUSED: _("refused a service at least once"), NOT_REFUSED: _("never refused")}.get(key, key)


def _grade_label(key: str) -> str:
    return _("no score") if key == "none" else key


def _why_label(key: str) -> str:
    return dict(debrief_text.why_choices()).get(key, key)


# --- the projected page, in Markdown ------------------------------------------------------------

def markdown(report: ClassReport) -> str:
    lines = [f"# {md(_('Model Citizen: class summary'))}", ""]
    if report.level is None:
        return "\n".join(lines + [md(_("No year could be counted: see the teacher's page.")), ""])
    level, s = report.level, report.summary
    lines += [md(_("{level} ({id}), seed {seed}, {months} months: {n} years counted").format(
        level=level.title, id=level.id, seed=report.seed, months=s["months"], n=count(s["n"]))), ""]
    if report.control is not None:
        lines += [md(_("and {level} ({id}), the class's other half: {n} years counted").format(
            level=report.control.title, id=report.control.id, n=count(len(report.control_years)))), ""]
    if report.experiment is not None:
        lines += [f"## {md(_('The class experiment: did the score change what we chose?'))}", ""]
        lines += [md(line) if not line.startswith("- ") else "- " + md(line[2:])
                  for line in experiment.lines(report.experiment, top=8)]
        lines += [""]
        lines += [md(_("The sections below are about the years played under the score."))]
        lines += [""]
    lines += [f"## {md(_('Grades and goals under each rulebook'))}", ""]
    for book in s["rulebooks"]:
        tag = _(" (as played)") if book["as_played"] else ""
        g = rulebook_groups(s, book)
        lines.append(f"- **{md(book['title'] + tag)}**: " + md(_("grades: {grades}; {goal}; {refused}").format(
            grades=shown_parts(g["grades"], _grade_label), goal=shown_parts(g["goal"], _goal_label),
            refused=shown_parts(g["refused"], _refused_label))))
    w = s["watched"]
    lines += ["", f"## {md(_('Where watched, and where not'))}", "",
              "- " + md(_("A penalised act where it would likely be seen: chosen {share} of the times it was on "
                          "offer").format(share=_share(*w["seen"]))),
              "- " + md(_("A penalised act where it would likely go unseen: chosen {share} of the times it was on "
                          "offer").format(share=_share(*w["unseen"]))), ""]
    lines += [f"## {md(_('The choices that split the class'))}", ""]
    split = split_groups(s, 8)
    for card_id, group in split:
        lines.append(f"- **{md(_card_title(level, card_id))}**: {md(shown_parts(group, str))}")
    if not split:
        lines.append("- " + md(_("no card split the class in a way that can be shown")))
    lines += _learned_markdown(report)
    if s["answers"]:
        lines += ["", f"## {md(_('Why students chose, in their own words'))}", ""]
        lines += ["- " + md(shown_parts(answer_group(s), _why_label))]
    lines += ["", f"## {md(_('Files not counted'))}", ""]
    lines += _not_counted_lines(report, md) + [""]
    return "\n".join(lines)


def _learned(report: ClassReport) -> list[tuple[str, list[str]]]:
    """'What the class learned' (the two-minute check), per arm for a split or crossover class."""
    arms = [(report.level, report.years)] + ([(report.control, report.control_years)] if report.control else [])
    out = []
    for level, years in arms:
        if level is None:
            continue
        said = learned.lines(learned.tally(level, years))
        if said:
            title = _("What the class learned")
            out.append((title + (f" ({level.title})" if report.control else ""), said))
    return out


def _learned_markdown(report: ClassReport) -> list[str]:
    out = []
    for title, said in _learned(report):
        out += ["", f"## {md(title)}", ""]
        out += ["- " + md(line[2:]) if line.startswith("- ") else md(line) for line in said]
    return out


def _not_counted_lines(report: ClassReport, esc: Callable[[str], str]) -> list[str]:
    """Whether files were left out and why, with no count and no file name (the teacher's page has both)."""
    kinds = [k for k, _n in Counter(e.kind for e in report.entries if not e.counted).most_common()]
    if not kinds:
        return ["- " + esc(_("none: every file and code given was counted"))]
    return [f"- {esc(_(KIND_TITLES.get(k, k)))}" for k in kinds] + [
        "- " + esc(_("The teacher's page (teacher.html) names each file or line and why."))]


# --- the projected page, in HTML ----------------------------------------------------------------

PROJECTOR = """
body { font-family: 'Atkinson Hyperlegible', Verdana, 'DejaVu Sans', sans-serif; color: #000; background: #fff;
       max-width: 1180px; margin: 0 auto; padding: 16px 24px; font-size: 22px; line-height: 1.35; }
h1 { font-size: 38px; margin: 8px 0 4px; } h2 { font-size: 28px; margin: 28px 0 8px; border-bottom: 3px solid #000; }
p.sub { font-size: 24px; color: #222; margin: 0 0 12px; }
.row { display: grid; grid-template-columns: 290px minmax(0, 1fr) 320px; gap: 12px; align-items: center;
       margin: 10px 0; }
.name { font-weight: bold; } .name small { font-weight: normal; color: #222; display: block; font-size: 18px; }
.bar { display: flex; height: 48px; border: 3px solid #000; background: #fff; }
.bar span { display: flex; align-items: center; justify-content: center; font-weight: bold; font-size: 20px;
            border-right: 3px solid #fff; overflow: hidden; white-space: nowrap; text-overflow: ellipsis;
            min-width: 0; padding: 0 4px; box-sizing: border-box; color: #000; }
.g-A { background: #3d8b4f; } .g-B { background: #9cc25a; } .g-C { background: #f1c232; }
.g-D { background: #e06c45; } .g-E { background: #b8322e; color: #fff !important; } .g-none { background: #9a9488; }
.g-rest { background: repeating-linear-gradient(45deg, #fff 0 8px, #bbb 8px 16px); }
.side { font-size: 19px; overflow-wrap: anywhere; } ul { margin: 4px 0 8px 28px; padding: 0; } li { margin: 4px 0; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
.big { font-size: 44px; font-weight: bold; } .card { border: 3px solid #000; padding: 10px 16px; background: #fff; }
.legend { font-size: 18px; color: #222; }
.side i { display: inline-block; width: 14px; height: 14px; margin-right: 6px; border: 2px solid #000; }
.headline { font-size: 26px; font-weight: bold; }
.bar.half { height: 24px; margin: 3px 0; } .bar.half span { padding: 0; border: 0; }
.g-with { background: #0b3d91; } .g-without { background: #e07b00; }
@media print { body { font-size: 12pt; max-width: none; } .bar { height: 28px; } }
"""


def _bar(group: Group, cls: Callable[[str, int], str], esc: Callable[[object], str],
         label: Callable[[str], str]) -> str:
    """A bar of the shown counts and the rest: its widths follow only what the page prints as numbers."""
    if not group.shown:
        return "<div class='bar'><span class='g-rest' style='width:100%'></span></div>"
    spans = []
    for i, (key, k) in enumerate(group.parts):
        name = label(key) if key != REST else _("the rest together")
        width = 100 * k / group.total
        spans.append(f"<span class='{cls(key, i) if key != REST else 'g-rest'}' style='width:{width:.2f}%'"
                     f" title='{esc(name)}: {k}'>{esc(name if len(name) <= 4 else '')} {k}</span>")
    return f"<div class='bar'>{''.join(spans)}</div>"


def _option_colour(key: str, i: int) -> str:
    return f"g-{'ABCD'[i % 4]}"


def to_html(report: ClassReport) -> str:
    def esc(text: object) -> str:
        return html.escape(clean_line(str(text)), quote=True)

    title = _("Model Citizen: class summary")
    out = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{esc(title)}</title>"
           f"<meta name='viewport' content='width=device-width'><style>{PROJECTOR}</style></head><body>",
           f"<h1>{esc(title)}</h1>"]
    if report.level is None:
        out.append(f"<p>{esc(_('No year could be counted: see the teacher page.'))}</p></body></html>")
        return "\n".join(out)
    level, s = report.level, report.summary
    counted = _("{n} years counted").format(n=count(s["n"]))
    if report.control is not None:
        counted = _("{n} years counted under {a}, {k} under {b}").format(
            n=count(s["n"]), a=level.title, k=count(len(report.control_years)), b=report.control.title)
    out.append(f"<p class='sub'>{esc(level.title)} · {esc(_('seed'))} {esc(report.seed)} · "
               f"{esc(_('{m} months').format(m=s['months']))} · {esc(counted)}</p>")
    if report.experiment is not None:
        out += _experiment_html(report.experiment, esc)
    out.append(f"<h2>{esc(_('Final grades and goals under each rulebook: the same choices, other rules'))}</h2>")
    for book in s["rulebooks"]:
        g = rulebook_groups(s, book)
        tag = f"<small>{esc(_('as played'))}</small>" if book["as_played"] else ""
        out.append(f"<div class='row'><div class='name'>{esc(book['title'])}{tag}</div>"
                   f"{_bar(g['grades'], lambda key, i: f'g-{key}', esc, _grade_label)}<div class='side'>"
                   f"{esc(shown_parts(g['goal'], _goal_label))}<br>"
                   f"{esc(shown_parts(g['refused'], _refused_label))}</div></div>")
    out.append(f"<p class='legend'>{esc(_('Striped: answers too few to show one by one, counted together.'))}</p>")
    w = s["watched"]
    out.append(f"<h2>{esc(_('Where watched, and where not'))}</h2><div class='pair'>")
    for key, words in (("seen", _("A penalised act where it would likely be seen")),
                       ("unseen", _("A penalised act where it would likely go unseen"))):
        out.append(f"<div class='card'><div>{esc(words)}</div><div class='big'>{esc(_share(*w[key]))}</div>"
                   f"<div class='legend'>{esc(_('of the times it was on offer, the class chose it'))}</div></div>")
    out.append("</div>")
    out.append(f"<h2>{esc(_('The choices that split the class'))}</h2>")
    split = split_groups(s, 6)
    if not split:
        out.append(f"<p>{esc(_('No card split the class in a way that can be shown.'))}</p>")
    for card_id, group in split:
        out.append(f"<div class='row'><div class='name'>{esc(_card_title(level, card_id))}</div>"
                   f"{_bar(group, _option_colour, esc, lambda key: '')}<div class='side'>"
                   + "<br>".join(f"<i class='{_option_colour(key, i) if key != REST else 'g-rest'}'></i>"
                                 f"{esc(key if key != REST else _('the rest together'))}: {k}"
                                 for i, (key, k) in enumerate(group.parts))
                   + "</div></div>")
    for title, said in _learned(report):
        out.append(f"<h2>{esc(title)}</h2>")
        out += [f"<p>{esc(line.removeprefix('- '))}</p>" for line in said]
    if s["answers"]:
        out.append(f"<h2>{esc(_('Why students chose, in their own words'))}</h2>")
        why = shown_parts(answer_group(s), _why_label)
        out.append(f"<p>{esc(why)}</p>")
    out.append(f"<h2>{esc(_('Files not counted'))}</h2><ul>")
    out += [f"<li>{line[2:]}</li>" for line in _not_counted_lines(report, esc)]
    out.append("</ul></body></html>")
    return "\n".join(out)


def _experiment_html(exp: experiment.Experiment, esc: Callable[[object], str]) -> list[str]:
    """The experiment: its design, the one outcome fixed before play and what the class can say about it, then
    the cards, exploratory, each group's share side by side."""
    said = experiment.primary_text(exp)
    out = [f"<h2>{esc(_('The class experiment: did the score change what we chose?'))}</h2>",
           f"<p class='legend'>{esc(experiment.design_text(exp))}</p>",
           f"<p class='headline'>{esc(said[0])}</p>"]
    out += [f"<p>{esc(line)}</p>" for line in said[1:]]
    out.append(f"<h2>{esc(_('Card by card (exploratory: something to discuss, not a finding)'))}</h2>")
    out.append(f"<p class='legend'>{esc(experiment.headline(exp))} "
               f"{esc(_('Dark bar: with the score; orange bar: without.'))}</p>")
    for c in exp.cards[:6]:
        verdict = _("unlikely by chance") if c.unlikely_by_chance else _("could be chance")
        bars = "".join(
            f"<div class='bar half'><span class='{cls}' style='width:{experiment.bar_share(k, met):.0f}%'></span></div>"
            for cls, k, met in (("g-with", c.chose[0], c.met[0]), ("g-without", c.chose[1], c.met[1])))
        with_score = _("with the score: {a}").format(a=experiment.share(c.chose[0], c.met[0]))
        without = _("without: {b}").format(b=experiment.share(c.chose[1], c.met[1]))
        out.append(f"<div class='row'><div class='name'>{esc(c.title)}<small>{esc(c.option)}</small></div>"
                   f"<div>{bars}</div><div class='side'>{esc(with_score)}<br>{esc(without)}"
                   f"<br><b>{esc(verdict)}</b></div></div>")
    if not exp.cards:
        none = _("No card was met by enough students under each rulebook to compare.")
        out.append(f"<p>{esc(none)}</p>")
    out.append(f"<p class='legend'>{esc(_('The sections below are about the years played under the score.'))}</p>")
    return out


# --- the teacher's page ---------------------------------------------------------------------------

def teacher_html(report: ClassReport) -> str:
    """Every file given, its game code, and what was counted or skipped and why. Not for projecting."""
    def esc(text: object) -> str:
        return html.escape(clean_line(str(text)), quote=True)

    rows = []
    for e in report.entries:
        who = code = ""
        if e.year is not None:
            who = e.year.level.characters[e.year.state.character].name
            code = e.year.code
        status = _status(e)
        rows.append(f"<tr class='{'ok' if e.counted else 'no'}'><td>{esc(e.where)}</td><td>{esc(who)}</td>"
                    f"<td>{f'<code>{esc(code)}</code>' if code else ''}</td><td>{esc(status)}</td></tr>")
    counted = sum(e.counted for e in report.entries)
    head = _("Class report: the files (teacher's page, not for projecting)")
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{esc(head)}</title><style>{STYLE}"
            "table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #ddd3bd; padding: 4px 6px;"
            " text-align: left; vertical-align: top; } tr.no td:last-child { color: #a03020; }"
            " code { white-space: nowrap; }</style></head><body>"
            f"<h1>{esc(head)}</h1><p>{esc(_('{c} of {n} files counted.').format(c=counted, n=len(report.entries)))}"
            "</p><table><tr><th>" + "</th><th>".join(esc(h) for h in (_("File"), _("Character"), _("Game code"),
                                                                      _("Counted, or why not"))) + "</th></tr>"
            + "\n".join(rows) + "</table></body></html>")


def _status(e: Entry) -> str:
    """Counted (with what a teacher may want to know), or why not."""
    if not e.counted:
        return e.why
    said = [_("counted")]
    if e.year is not None and any(ev["t"] == "end_now" for ev in e.year.log):
        said.append(_("the student ended the year early"))
    if e.same_as:
        said.append(_("the same choices as {other} (students do choose alike: not a sign of copying)").format(
            other=e.same_as))
    return "; ".join(said)


def teacher_markdown(report: ClassReport) -> str:
    lines = [f"# {md(_('Class report: the files (teacher page, not for projecting)'))}", ""]
    for e in report.entries:
        code = f" `{e.year.code}`" if e.year is not None and e.year.code else ""
        lines.append(f"- {md(e.where)}{code}: {md(_status(e))}")
    return "\n".join(lines + [""])


def write_report(paths: list[Path], out: Path, level_id: str | None = None, seed: str | None = None) -> ClassReport:
    """Write class.md and class.html (to project) and teacher.md and teacher.html (the files) into `out`."""
    report = choose_class(gather(paths), level_id, seed)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in (("class.md", markdown(report)), ("class.html", to_html(report)),
                       ("teacher.md", teacher_markdown(report)), ("teacher.html", teacher_html(report))):
        saves.write_bytes_atomic(out / name, text.encode("utf-8"))
    return report
