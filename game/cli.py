"""The `model-citizen` / `python -m game` command: play, validate levels, simulate."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from game import __version__
from game.content import locate
from game.content.locate import LevelNotFound, find_level
from game.play.paths import default_data_dir, new_seed

if TYPE_CHECKING:  # argparse is imported where the parser is built: `python -m game` alone never needs it
    import argparse

DEFAULT_LEVEL = "harmony_city"


class _Policies:
    """The bots' policy names for `simulate --policy`, read only when asked: importing the rules to
    build the parser would slow every start of the window."""

    def __iter__(self):
        from game.core.bots import APPETITE, MEASURING, POLICIES

        return iter((*POLICIES, *MEASURING, f"{APPETITE}L"))

    def __contains__(self, name: object) -> bool:
        from game.core.bots import known

        return isinstance(name, str) and known(name)


def _load(name: str, doing: str = "play"):
    from game.content.level import ContentError, load_level

    try:
        return load_level(find_level(name))
    except LevelNotFound as exc:
        print(f"Cannot {doing}: {exc}", file=sys.stderr)
        return None
    except ContentError as exc:
        print(f"The level '{name}' has problems and cannot be used:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return None


def _data_dir(args: argparse.Namespace) -> tuple[Path, Path | None]:
    """(the data folder, the folder as hints must name it: None for the default). NoDataDir if none."""
    if getattr(args, "data_dir", None):
        return Path(args.data_dir), Path(args.data_dir)
    return default_data_dir(), None


def _play_code(args: argparse.Namespace, data_dir: Path, hint_dir: Path | None) -> int:
    """Replay a game code: a finished year shows its end and debrief, an unfinished one goes on."""
    from game.core import engine, gamecode
    from game.words import narrate

    try:
        parts = gamecode.decode(args.code)
    except gamecode.CodeError as exc:
        print(f"This game code cannot be read: {exc}", file=sys.stderr)
        return 2
    level = _load(parts["level"])
    if level is None:
        return 1
    try:
        seed, character, values, choices = gamecode.resolve(level, parts)
    except gamecode.CodeError as exc:
        print(f"This game code does not fit: {exc}", file=sys.stderr)
        return 2
    from game.play import seeds

    state = engine.replay(level, seed, character, values, choices, *seeds.terms(level, seed))
    if isinstance(state, engine.Refusal):
        why = narrate.refusal_text(state)
        print(f"This game code does not replay with this version's cards: {why}", file=sys.stderr)
        return 2
    if state.over:
        if args.text:
            from game.text import terminal

            return terminal.show_finished(level, state, sys.stdin, sys.stdout)
        from game.ui.app import run_window

        return run_window(level, data_dir, finished=state)
    if args.text:
        from game.text import terminal

        return terminal.play(level, data_dir, None, None, False, sys.stdin, sys.stdout, hint_dir, start=state)
    from game.play.session import Session

    Session.from_code(level, data_dir, state)  # saved, so the window's Continue goes on with it
    from game.ui.app import run_window

    return run_window(level, data_dir, new=False)


def cmd_class_code(args: argparse.Namespace) -> int:
    """Print the code a teacher writes on the board, and for a split class one code per student."""
    from game.play import classcode
    from game.play.paths import SeedError, normalise_seed
    from game.play.seeds import with_length

    level = _load(args.level, "make a class code")
    if level is None:
        return 1
    try:
        seed = normalise_seed(args.seed) if args.seed else new_seed()
    except SeedError as exc:
        print(f"This seed code cannot be used: {exc}", file=sys.stderr)
        return 2
    if args.months or args.cross:  # a crossover is two short years: six months each unless told
        seed = with_length(seed, args.months or 6, level.months)
    if args.check:
        if not level.statements:
            print(f"The level '{level.id}' has no check statements (check.yaml).", file=sys.stderr)
            return 2
        seed = classcode.with_check(seed)
    if args.cross:
        return _crossover_codes(level, seed, args)
    if not args.split:
        print(f"Class code for {level.title}: {seed}")
        print("Every student types it on the title screen (or: python -m game play --seed CODE) and gets the "
              "same deck.")
        return 0
    seed = classcode.with_outcome(seed, args.outcome or "penalised")  # fixed now, before anyone plays
    try:
        code = classcode.split_code(seed)
        halves = {g: classcode.place(level, classcode.student_code(code, n)).level_id for g, n in (("odd", 1),
                                                                                                  ("even", 2))}
    except classcode.SplitError as exc:
        print(f"This class cannot be split: {exc}", file=sys.stderr)
        return 2
    print(f"Split class code: {code}")
    print(f"Typed as it is, it puts each student in one half at random. For two even halves, give each "
          f"student a number: odd numbers play {halves['odd']}, even numbers {halves['even']}, on the same deck.")
    print("Nobody is told that the other half lives under other rules: that is the reveal after play.")
    for n in range(1, args.students + 1):
        print(f"  student {n:>2}: {classcode.student_code(code, n)}")
    return 0


def _crossover_codes(level, seed: str, args: argparse.Namespace) -> int:
    """A crossover class: two codes per student, one for each year, the order balanced by the number."""
    from game.play import classcode
    from game.report.experiment import OUTCOMES

    code = classcode.with_outcome(classcode.cross_code(seed), args.outcome or "penalised")
    try:
        first = {n: classcode.place(level, classcode.cross_codes(code, n)[0]).level_id for n in (1, 2)}
    except classcode.SplitError as exc:
        print(f"This class cannot be split: {exc}", file=sys.stderr)
        return 2
    print(f"Crossover class code: {code}")
    print(f"Each student plays two short years on the same deck, one under each rulebook: odd numbers play "
          f"{first[1]} first, even numbers {first[2]} first, so the order is balanced. Each student types "
          f"their first code, finishes the year, then their second.")
    print(f"The one outcome fixed now, before play: {OUTCOMES[classcode.primary_outcome(code)]}. The class "
          f"report tests only this; it shows the rest as exploratory.")
    print("Nobody is told that one year lives under other rules: that is the reveal after play.")
    for n in range(1, args.students + 1):
        a, b = classcode.cross_codes(code, n)
        print(f"  student {n:>2}: first {a}   then {b}")
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    from game.play.paths import NoDataDir, SeedError, normalise_seed

    try:
        data_dir, hint_dir = _data_dir(args)
    except NoDataDir as exc:
        print(f"Cannot play here: {exc}", file=sys.stderr)
        return 1
    if args.code:
        return _play_code(args, data_dir, hint_dir)
    seed = None
    if args.seed is not None:
        try:
            seed = normalise_seed(args.seed)
        except SeedError as exc:
            print(f"This seed code cannot be used: {exc}", file=sys.stderr)
            return 2
    if not args.text:
        no_display = _no_display()
        if no_display:
            print(f"The game window cannot open here: {no_display}.", file=sys.stderr)
            if not _ask_yes(sys.stdin, "Play in this terminal instead? [Y/n] "):
                print("To play in a terminal: python -m game play --text", file=sys.stderr)
                return 1
            args.text = True
    if not args.text:
        try:
            from game.ui.app import run_window
        except ImportError as exc:
            print(f"The window cannot open ({exc}); playing in the terminal instead.", file=sys.stderr)
        else:
            try:
                folder = find_level(args.level)
            except LevelNotFound as exc:
                print(f"Cannot play: {exc}", file=sys.stderr)
                return 1
            # the window shows its title first and reads the level just after, so it opens fast
            return run_window(folder, data_dir, seed=seed, new=args.new, months=args.months,
                              leave_out=args.leave_out, check=args.check)
    level = _load(args.level)
    if level is None:
        return 1
    if args.months and not 2 <= args.months <= level.months:
        print(f"--months takes 2 to {level.months} for this level.", file=sys.stderr)
        return 2
    unknown = [o for o in args.leave_out or () if o not in level.options]
    if unknown:
        known = ", ".join(level.options) or "none"
        print(f"--leave-out: this level has no option '{_shown(unknown[0])}' (its options: {known}).",
              file=sys.stderr)
        return 2
    if args.months or args.leave_out:
        from game.play.seeds import class_seed

        seed = class_seed(level, seed or new_seed(), args.months or None, args.leave_out or ())
    from game.play import classcode  # here: it brings the rules, which the window's first frame does without

    if seed is not None and classcode.is_split(seed):
        try:
            placement = classcode.place(level, seed)
        except classcode.SplitError as exc:
            print(f"This class code cannot be used here: {exc}", file=sys.stderr)
            return 2
        if placement.level_id != level.id:
            level = _load(placement.level_id)
            if level is None:
                return 1
        seed = placement.seed
    if args.character and args.character not in level.characters:
        print(f"There is no character '{_shown(args.character)}'. Characters: {', '.join(level.characters)}",
              file=sys.stderr)
        return 2
    from game.text import terminal

    return terminal.play(level, data_dir, seed, args.character, args.new, sys.stdin, sys.stdout, hint_dir,
                         check=args.check or classcode.asks_check(seed))


def _no_display() -> str:
    """Why no window can open on this machine, or '' (SDL would otherwise draw invisibly, off screen)."""
    if os.environ.get("SDL_VIDEODRIVER"):
        return ""  # a driver chosen on purpose (tests use the dummy one)
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")) and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set, as over ssh or on a server)"
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")) and not _wayland_answers():
        display = os.environ.get("DISPLAY", "")
        if display and not _x_server_answers(display):
            return (f"DISPLAY is set to '{_shown(display)}', but no X server answers there (a display left over "
                    f"from an ssh session?)")
    return ""


def _wayland_answers() -> bool:
    """Whether WAYLAND_DISPLAY names a socket that exists."""
    name = os.environ.get("WAYLAND_DISPLAY", "")
    if not name:
        return False
    path = Path(name) if name.startswith("/") else Path(os.environ.get("XDG_RUNTIME_DIR", "/nonexistent")) / name
    return path.exists()


def _x_server_answers(display: str, timeout: float = 1.0) -> bool:
    """Whether an X server accepts a connection at DISPLAY (`:0`, `unix:0`, `host:10.0`); a form not known
    here is let through for SDL to try. Without this SDL falls back to drawing off screen, forever unseen."""
    import re
    import socket

    found = re.fullmatch(r"([A-Za-z0-9.\-]*):(\d{1,4})(?:\.\d{1,4})?", display)
    if not found:
        return True
    host, n = found.group(1), int(found.group(2))
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{n}"
        for address in ("\0" + path, path) if sys.platform.startswith("linux") else (path,):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(timeout)
                try:
                    sock.connect(address)
                    return True
                except OSError:
                    continue
        return False
    try:
        socket.create_connection((host, 6000 + n), timeout=timeout).close()
        return True
    except OSError:
        return False


def _ask_yes(stream, question: str) -> bool:
    """Ask on a terminal; anything not a terminal (a pipe, a file, nothing) answers no at once."""
    try:
        if not stream.isatty():
            return False
    except (AttributeError, ValueError):
        return False
    print(question, end="", flush=True)
    answer = stream.readline().strip().lower()
    return answer in ("", "y", "yes")


def _shown(text: str) -> str:
    from game.content.files import shown

    return shown(text, 60)


def cmd_validate(args: argparse.Namespace) -> int:
    from game.content.levels import validate_all

    paths = []
    for name in args.paths:
        try:
            paths.append(Path(name) if Path(name).exists() else find_level(name))
        except LevelNotFound as exc:
            print(exc, file=sys.stderr)
            return 1
    levels, problems, warnings = validate_all(paths or locate.search_dirs(), play=not args.no_play)
    for problem in sorted(problems + warnings):
        print(problem)
    if problems:
        found = "1 problem found" if len(problems) == 1 else f"{len(problems)} problems found"
        if warnings:
            found += ", and 1 warning" if len(warnings) == 1 else f", and {len(warnings)} warnings"
        print(found + ".", file=sys.stderr)
        return 1
    for level in levels:
        print(f"ok  {level.id}: {len(level.cards)} cards, {len(level.characters)} characters, "
              f"{len(level.rulebook.acts)} rules, {len(level.rulebook.policies)} policies")
    if warnings:
        print(("1 warning" if len(warnings) == 1 else f"{len(warnings)} warnings")
              + (": --strict counts them as problems." if args.strict else "."),
              file=sys.stderr)
        return 1 if args.strict else 0
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.play.simulate import report, simulate

    level = _load(args.level, "simulate")
    if level is None:
        return 1
    if args.experiment is not None:
        return _bot_experiment(level, args)
    if args.cards:
        from game.play.simulate import card_report, card_table

        table = card_table(level, args.games, str(args.seed))
        print(json.dumps(table, indent=1) if args.json else card_report(table))
        return 0
    if args.sweep:
        from game.play.simulate import sweep

        rates = sweep(level, args.games, str(args.seed))
        if args.json:
            print(json.dumps({"sweep": "appetite", "games": args.games, "seed": str(args.seed),
                              "good_year_rate": {f"{w:g}": r for w, r in rates.items()}}, indent=1))
        else:
            print(f"Good years by appetite for points, {args.games} games each (seed {args.seed}):")
            for weight, rate in rates.items():
                print(f"  appetite:{weight:<5g} {100 * rate:5.1f}%")
        return 0
    result = simulate(level, args.policy, args.games, str(args.seed), stakes=args.json)
    print(json.dumps(result, indent=1) if args.json else report(result, level))
    return 0


def _bot_experiment(level, args: argparse.Namespace) -> int:
    """What a split class of bots shows, policy by policy: what kind of difference to expect in class."""
    from game.core import bots
    from game.play.botclass import MIXED, split_class
    from game.report import experiment

    name = args.experiment or level.control
    if not name:
        print(f"The level '{level.id}' names no control level: give one, e.g. --experiment "
              f"{level.id}_no_score", file=sys.stderr)
        return 2
    control = _load(name if name.startswith(level.base or level.id) or "/" in name else
                    f"{level.base or level.id}_{name}")
    if control is None:
        return 1
    if args.classes:
        result = experiment.claims_rate(level, control, args.design, args.classes, args.size or args.students,
                                        args.aware, str(args.seed), args.months or 6, args.outcome)
        if args.json:
            print(json.dumps(result, indent=1))
        else:
            truth = ("no student weighs the score, so every claim is a false positive" if not args.aware else
                     f"{round(100 * args.aware)} % of the students weigh the score")
            print(f"{args.classes} simulated classes of {result['size']} ({args.design}, {result['months']} months, "
                  f"primary outcome: {experiment.OUTCOMES[args.outcome]}); {truth}.")
            print(f"The report claims an effect on the primary outcome in {100 * result['claims_rate']:.1f} % of them "
                  f"(claims_rate {result['claims_rate']:.3f}).")
        return 0
    students = args.students
    print(f"A split class of {students} bots per policy on seed {args.seed}: half under {level.title}, "
          f"half under {control.title}, the same deck.")
    for policy in (MIXED, *bots.POLICIES):
        scored, unscored = split_class(level, control, policy, students, str(args.seed))
        print()
        print(f"== {policy} ==")
        print("\n".join(experiment.lines(experiment.compare(level, scored, control, unscored), top=3)))
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    """The docs' figures the game computes: print one, or put them all in place in README.md and
    docs/teachers.md (`--write`), which must be run from the project's folder."""
    from game.text import figures

    if args.name and args.name not in figures.FIGURES:
        print(f"No figure called {args.name!r}: one of {', '.join(figures.FIGURES)}", file=sys.stderr)
        return 2
    level = _load(DEFAULT_LEVEL)
    control = _load(level.control) if level is not None and level.control else None
    if level is None or control is None:
        return 1
    made = figures.Figures(level, {control.id: control})
    if args.write:
        root = Path.cwd()
        if not all((root / doc).exists() for doc in figures.DOCS):
            print(f"--write rewrites {' and '.join(figures.DOCS)}: run it in the project's folder", file=sys.stderr)
            return 2
        changed = figures.write(root, made)
        print("\n".join(f"updated {doc}" for doc in changed) or "every figure was already right")
        return 0
    for name in [args.name] if args.name else list(figures.FIGURES):
        print(f"[{name}]" if not args.name else "", end="\n" if not args.name else "")
        print(figures.render(name, made).strip("\n"))
    return 0


def cmd_words(args: argparse.Namespace) -> int:
    level = _load(args.level, "count words")
    if level is None:
        return 1
    from game.text import wordcount

    for months in args.months or (6, level.months):
        print(wordcount.report(level, months, args.games, wordcount.measure(level, months, args.games)))
    return 0


def _window_size(text: str) -> tuple[int, int] | None:
    """`1280x720` as (1280, 720); None after saying what is wrong."""
    try:
        width, height = (int(n) for n in text.lower().split("x"))
    except ValueError:
        print(f"--size should look like 1280x720, not {text!r}", file=sys.stderr)
        return None
    return width, height


def cmd_screenshots(args: argparse.Namespace) -> int:
    level = _load(args.level, "take screenshots")
    if level is None:
        return 1
    from game.ui.screenshots import take_screenshots

    size = _window_size(args.size)
    if size is None:
        return 2
    width, height = size
    for path in take_screenshots(level, Path(args.out), args.seed, (width, height), args.text_size):
        print(path)
    return 0


def cmd_preview(args: argparse.Namespace) -> int:
    level = _load(args.level, "preview")
    if level is None:
        return 1
    from game.ui.preview import PreviewError, Staging, preview

    size = _window_size(args.size)
    if size is None:
        return 2
    width, height = size
    staging = Staging(args.card, args.character, args.month, args.grade)
    try:
        result = preview(level, staging, Path(args.out) if args.out else None, (width, height), args.text_size,
                         None if args.choice is None else args.choice - 1)
    except PreviewError as exc:
        print(f"Cannot preview: {exc}", file=sys.stderr)
        return 2
    if isinstance(result, Path):  # given --out: the picture it wrote
        print(result)
        return 0
    return result


def cmd_schema(args: argparse.Namespace) -> int:
    from game.content.schema import FILES, write

    folder = Path(args.out)
    try:
        paths = write(folder)
    except OSError as exc:
        print(f"Could not write to {folder}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    where = folder.resolve().as_posix()
    settings = {"yaml.schemas": {f"{where}/{kind}.schema.json": [f"**/{glob}" for glob in globs]
                                 for kind, globs in FILES.items()}}
    print("\nFor VS Code with the YAML extension, add to your settings.json (see docs/authoring.md):")
    print(json.dumps(settings, indent=1))
    return 0


def cmd_upgrade(args: argparse.Namespace) -> int:
    """Rewrite an older level in the current format, say each change, then check the result."""
    from game.content import formats
    from game.content.level import check_level, shown_path
    from game.content.upgrade import upgrade_level

    try:
        folder = Path(args.level) if Path(args.level).is_dir() else find_level(args.level)
        result = upgrade_level(folder, write=not args.dry_run)
    except (LevelNotFound, formats.FormatError) as exc:
        print(f"Cannot upgrade: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"Cannot upgrade: could not write the level's files: {exc.strerror or exc}", file=sys.stderr)
        return 1
    current = formats.CURRENT["level"]
    where = shown_path(folder)
    if not result.needed:
        print(f"{where} is already format {current}: nothing to change.")
        return 0
    verb = "would change" if args.dry_run else "changed"
    print(f"{where}: format {result.version} to format {current}; {verb}:")
    for line in result.changes:
        print(f"  {line}")
    if any("marked invented" in line for line in result.changes):
        print("A source marked invented says only that nobody wrote one down: replace it with where the rule "
              "comes from.")
    if args.dry_run:
        return 0
    _level, problems, warnings = check_level(folder)
    for problem in problems + warnings:
        print(problem)
    print("It now validates." if not problems else "It still has problems (above): python -m game validate "
          f"{where} lists them.")
    return 1 if problems else 0


def cmd_bench(args: argparse.Namespace) -> int:
    from game.ui import bench

    result = bench.run(args.compare_python, args.runs)
    if not args.web:
        print(json.dumps(result, indent=1) if args.json else bench.report(result))
        return 0
    from game.web import bench as web_bench
    from game.web.drive import Missing

    try:
        web = web_bench.run(min(args.runs, 3))
    except Missing as exc:
        print(bench.report(result))
        print(f"The browser version cannot be measured here: {exc}", file=sys.stderr)
        return 1
    print(json.dumps({"window": result, "web": web}, indent=1) if args.json else
          bench.report(result) + "\n" + web_bench.report(web))
    return 0


def cmd_web(args: argparse.Namespace) -> int:
    """Build the browser version into a folder; with --serve, serve it from this machine too."""
    from game.web import build

    if args.screenshots:
        from game.web import shots
        from game.web.drive import Missing

        try:
            for path in shots.take(Path(args.screenshots)):
                print(path)
        except Missing as exc:
            print(f"Cannot take the browser screenshots here: {exc}", file=sys.stderr)
            return 1
        return 0
    out = Path(args.out) if args.out else build.cache_root() / "site"
    if not args.out and not args.serve:
        print("Say where to build the site (--out FOLDER), or --serve to build and play it here.", file=sys.stderr)
        return 2
    status = build.main(str(out), serving=args.serve)
    if status or not args.serve:
        return status
    from game.web.serve import serve

    return serve(out, args.host, args.port)


def cmd_export(args: argparse.Namespace) -> int:
    from game.content.files import shown
    from game.play.paths import NoDataDir
    from game.report.export import ExportError, export, newest_log, read_year

    try:
        path = Path(args.log) if args.log else newest_log(_data_dir(args)[0])
        year = read_year(path)
        written = export(year, Path(args.out))
    except NoDataDir as exc:
        print(f"Cannot export: {exc}", file=sys.stderr)
        return 1
    except ExportError as exc:
        print(f"Cannot export: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"Could not write to {shown(args.out)}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Exported {shown(path.name)} to {shown(Path(args.out).resolve())}:")
    for name in written.values():
        print(f"  {name.name}")
    if "chart" not in written:
        print("The chart could not be drawn here; the report has text only.")
    if year.code:
        print(f"Game code: {year.code}")
    return 0


def expand_paths(names: list[str]) -> list[Path]:
    """Files and folders as given, and patterns the shell did not expand (as on Windows)."""
    import glob

    out: list[Path] = []
    for name in names:
        matches = sorted(glob.glob(name)) if any(ch in name for ch in "*?[") else [name]
        out += [Path(m) for m in matches or [name]]
    return out


def cmd_class_report(args: argparse.Namespace) -> int:
    from game.content.files import shown
    from game.report.classreport import write_report

    try:
        report = write_report(expand_paths(args.files), Path(args.out), args.level, args.seed)
    except OSError as exc:
        print(f"Could not write to {shown(args.out)}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for line in report.skipped:
        print(line)
    n = len(report.years) + len(report.control_years)
    where = shown(Path(args.out).resolve())
    if report.level is not None:
        from game.words.i18n import ngettext

        counted = ngettext("{n} student year counted", "{n} student years counted", n).format(n=n)
        left = ngettext("{n} file not counted", "{n} files not counted", len(report.entries) - n).format(
            n=len(report.entries) - n)
        design = "a crossover class" if report.experiment is not None and report.experiment.design == "crossover" \
            else "a split class"
        halves = f" and {report.control.id}, {design}" if report.control is not None else ""
        print(f"{counted} ({report.level.id}{halves}, seed {report.seed}); {left}.")
    else:
        print("No student year could be counted.")
    print(f"Wrote class.html and class.md (to project) and teacher.html and teacher.md (the files) to {where}")
    return 0 if n else 1


def _positive(text: str) -> int:
    import argparse

    if not text.isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"should be a whole number of at least 1, not {text!r}")
    return int(text)


def _share(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"should be a share from 0 to 1, like 0.5, not {text!r}")
    return value


def _levels_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--levels", action="append", default=[], metavar="DIR",
                        help=f"a folder of levels to look in, besides the shipped ones (repeatable; "
                             f"also read from {locate.ENV_VAR})")


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(prog="model-citizen", description="Model Citizen: one year under a "
                                     "points-based social credit score. With no command, the game opens.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command")

    play = sub.add_parser("play", help="play the game (in a window, or --text in the terminal)")
    play.add_argument("--text", action="store_true", help="play in the terminal")
    play.add_argument("--level", default=DEFAULT_LEVEL, help="level id or folder (default: %(default)s)")
    play.add_argument("--seed", help="seed code: the same seed deals the same deck (default: a new one)")
    play.add_argument("--character", help="character id (default: ask)")
    play.add_argument("--new", action="store_true", help="start a new game even if one is saved")
    play.add_argument("--months", type=int, help="a shorter year: 6 fits one lesson (the seed then ends in -6M, "
                      "so everyone on it plays the same length)")
    play.add_argument("--leave-out", action="append", metavar="OPTION",
                      help="leave cards out for a class, e.g. family_planning (the seed then ends in -NOFP, so "
                           "everyone on it gets the same deck)")
    play.add_argument("--code", help="a game code from the end of a year: replays it exactly")
    play.add_argument("--check", action="store_true",
                      help="the two-minute check before the year and after the debrief (skippable)")
    play.add_argument("--data-dir", help="where saves and logs go (default: your user data folder)")
    _levels_option(play)
    play.set_defaults(func=cmd_play)

    val = sub.add_parser("validate", help="check levels; exit 1 and list problems as file:line")
    val.add_argument("paths", nargs="*",
                     help="level names, level folders, or folders of levels (default: every level found)")
    val.add_argument("--strict", action="store_true", help="warnings count as problems (exit 1)")
    val.add_argument("--no-play", action="store_true", help="check the files only; do not play the level with bots")
    _levels_option(val)
    val.set_defaults(func=cmd_validate)

    sim = sub.add_parser("simulate", help="play many games with a bot and sum them up")
    sim.add_argument("--policy", default="balanced", choices=_Policies(), metavar="POLICY",
                     help="how the bots choose: %(choices)s (default: %(default)s)")
    sim.add_argument("--games", type=_positive, default=1000)
    sim.add_argument("--seed", default="1")
    sim.add_argument("--level", default=DEFAULT_LEVEL)
    sim.add_argument("--json", action="store_true", help="print one JSON object")
    sim.add_argument("--sweep", choices=("appetite",),
                     help="the good-year rate of appetite:L for L from 0 to 1.6 (a player weighing points L to 1 "
                          "against its meters)")
    sim.add_argument("--cards", action="store_true",
                     help="per card: how often each bot met it and took each option, and which options are dominated")
    sim.add_argument("--experiment", nargs="?", const="", metavar="CONTROL",
                     help="a split class of bots per policy: the same seed under the level and under CONTROL "
                          "(default: the level's control), compared card by card as the class report does")
    sim.add_argument("--students", type=_positive, default=24, help="with --experiment: the class's size")
    sim.add_argument("--classes", type=_positive, help="with --experiment: run this many simulated classes of students "
                     "through the class report's own analysis and print claims_rate, the share where it claims an "
                     "effect on the primary outcome")
    sim.add_argument("--design", choices=("split", "crossover"), default="split",
                     help="with --classes: split halves, or crossover (two short years per student, one under each "
                          "rulebook)")
    sim.add_argument("--size", type=_positive, help="with --classes: students per class (default: --students)")
    sim.add_argument("--aware", type=_share, default=0.0,
                     help="with --classes: the share of students who weigh the score (0: a false-positive rate)")
    sim.add_argument("--months", type=int, help="with --classes: the year's length (default 6)")
    sim.add_argument("--outcome", choices=("civic", "penalised"), default="penalised",
                     help="with --classes: the primary outcome the class code fixes")
    _levels_option(sim)
    sim.set_defaults(func=cmd_simulate)

    fig = sub.add_parser("figures", help="print the docs' figures the game computes, or put them in place (--write)")
    fig.add_argument("name", nargs="?", help="one figure (default: all; an unknown name lists them)")
    fig.add_argument("--write", action="store_true", help="rewrite them in README.md and docs/teachers.md")
    fig.set_defaults(func=cmd_figures)
    words = sub.add_parser("words", help="count the words a player reads before the debrief, over many bot years")
    words.add_argument("--months", type=int, action="append", help="year length (default: 6 and the full year)")
    words.add_argument("--games", type=_positive, default=100, help="years per bot policy (default: %(default)s)")
    words.add_argument("--level", default=DEFAULT_LEVEL)
    _levels_option(words)
    words.set_defaults(func=cmd_words)

    shots = sub.add_parser("screenshots", help="play a scripted game headless and save a PNG of every screen")
    shots.add_argument("--out", required=True, help="folder for the PNG files")
    shots.add_argument("--seed", default="CLASS-1")
    shots.add_argument("--size", default="1280x720", help="window size, WxH (default: %(default)s)")
    shots.add_argument("--text-size", type=int, choices=(100, 125, 150), default=100)
    shots.add_argument("--level", default=DEFAULT_LEVEL)
    _levels_option(shots)
    shots.set_defaults(func=cmd_screenshots)

    web = sub.add_parser("web", help="build the game as a static site that plays in a browser (--serve: play it here)")
    web.add_argument("--out", help="folder to build the site into (with --serve, default: a cache folder)")
    web.add_argument("--serve", action="store_true", help="serve the site from this machine after building it")
    web.add_argument("--host", default="127.0.0.1",
                     help="address to serve on (default: %(default)s, this computer only; 0.0.0.0 lets a "
                          "classroom's machines connect)")
    web.add_argument("--port", type=int, default=8000, help="port to serve on (default: %(default)s)")
    web.add_argument("--screenshots", metavar="FOLDER",
                     help="play every screen in Chromium and save a PNG of each at 100 %% and 150 %% text")
    web.set_defaults(func=cmd_web)

    export = sub.add_parser("export", help="write a finished year's report, chart and log to a folder")
    export.add_argument("log", nargs="?", help="a log file from the data folder's logs/ (default: the newest)")
    export.add_argument("--out", required=True, help="folder to write into")
    export.add_argument("--data-dir", help="where the logs are (default: your user data folder)")
    _levels_option(export)
    export.set_defaults(func=cmd_export)

    cc = sub.add_parser("class-code", help="the code a class shares; --split puts half the class under no score")
    cc.add_argument("--seed", help="the class's seed (default: a new one)")
    cc.add_argument("--level", default="harmony_city")
    cc.add_argument("--months", type=int, help="a shorter year, e.g. 6 for one lesson")
    cc.add_argument("--split", action="store_true",
                    help="half the class plays the level's control level (its 'control:', e.g. no score)")
    cc.add_argument("--cross", action="store_true",
                    help="a crossover class: each student plays two short years, one under each rulebook, on the "
                         "same deck (the order balanced by their number); two codes per student")
    cc.add_argument("--outcome", choices=("civic", "penalised"),
                    help="with --split or --cross: the one outcome the experiment tests, fixed before play "
                         "(the share of penalised acts taken, the default, or civic acts a month)")
    cc.add_argument("--check", action="store_true",
                    help="every student takes the two-minute check before and after the year (the code ends in -QUIZ)")
    cc.add_argument("--students", type=int, default=24, help="how many student codes to print (default 24)")
    _levels_option(cc)
    cc.set_defaults(func=cmd_class_code)

    report = sub.add_parser("class-report", help="merge a class's exported logs into one summary")
    report.add_argument("files", nargs="+", help="the students' log.json files, or folders holding them")
    report.add_argument("--out", required=True, help="folder to write class.html, class.md, teacher.html and "
                        "teacher.md into")
    report.add_argument("--seed", help="the class's seed (default: the seed most of the years share)")
    report.add_argument("--level", help="the class's level (default: the level most of the years share)")
    _levels_option(report)
    report.set_defaults(func=cmd_class_report)

    prev = sub.add_parser("preview", help="open the window on one card (F5 reads the level again), or write a PNG")
    prev.add_argument("card", help="the card's id")
    prev.add_argument("--level", default=DEFAULT_LEVEL, help="level id or folder (default: %(default)s)")
    prev.add_argument("--character", help="character id (default: the card's first, or the level's first)")
    prev.add_argument("--month", type=int, help="the month it is dealt in (default: the first of its months)")
    prev.add_argument("--grade", help="the player's grade (default: the starting score's)")
    prev.add_argument("--choice", type=int, choices=(1, 2, 3), help="show what this choice does instead")
    prev.add_argument("--out", help="write a PNG here instead of opening the window")
    prev.add_argument("--size", default="1280x720", help="window size, WxH (default: %(default)s)")
    prev.add_argument("--text-size", type=int, choices=(100, 125, 150), default=100)
    _levels_option(prev)
    prev.set_defaults(func=cmd_preview)

    schema = sub.add_parser("schema", help="write the level format as JSON Schema files, for an editor")
    schema.add_argument("--out", default="schema", help="folder to write into (default: %(default)s)")
    schema.set_defaults(func=cmd_schema)

    up = sub.add_parser("upgrade", help="rewrite an older level in the current format and say what changed")
    up.add_argument("level", help="the level's folder (or its id)")
    up.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    _levels_option(up)
    up.set_defaults(func=cmd_upgrade)

    bench = sub.add_parser("bench", help="measure start-up, frame time and memory on this machine")
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.add_argument("--runs", type=int, default=5, help="start-ups timed for each (the median counts)")
    bench.add_argument("--web", action="store_true",
                       help="also measure the browser version in Chromium: cold start, each decision, transfer size")
    bench.add_argument("--compare-python", action="append", metavar="PATH",
                       help="also time the start-up under this Python (say, a venv with pygame-ce)")
    bench.set_defaults(func=cmd_bench)
    return parser


def play_defaults() -> SimpleNamespace:
    """What `play` means with no options, as the parser would give it (a test holds the two equal)."""
    return SimpleNamespace(command="play", func=cmd_play, text=False, level=DEFAULT_LEVEL, seed=None,
                           character=None, new=False, months=None, code=None, data_dir=None, levels=[], leave_out=None,
                           check=False)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args: argparse.Namespace | SimpleNamespace
    if not argv:  # `python -m game` alone, as a player starts it: the window, without building the parser
        args = play_defaults()
    else:
        parser = build_parser()
        if argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
            argv = ["play", *argv]  # `model-citizen --seed X` means `model-citizen play --seed X`
        args = parser.parse_args(argv)
        if args.command is None:
            args = play_defaults()
    locate.use_level_dirs(getattr(args, "levels", None) or [])
    level = getattr(args, "level", None)
    if level and Path(level).expanduser().is_dir():  # a level given by its folder: its siblings, its code's level
        locate.use_level_dirs([Path(level).expanduser().resolve().parent])
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
