"""Every `python -m game` command shown to a teacher or a student runs, and every game code shown replays.

The commands are read from the README, docs/teachers.md and the handout (fenced blocks and `backticks`),
and run as shown, headless, in a temporary folder with its own data folder (MODEL_CITIZEN_DATA):
- commands that play in the terminal get answers on standard input;
- commands that open the window run with SDL's dummy driver and the first-frame probe `bench` uses
  (MODEL_CITIZEN_FIRST_FRAME_PROBE): each must put its first frame on screen, load its level beside the
  title and end cleanly, with no error;
- what a command measures is not under test here, only that it runs: `bench` times one start-up instead
  of five and `words` reads 5 years of each length instead of 100;
- placeholders are filled in: CODE with a real game code, `--policy P` with a policy, FOLDER with a new
  folder, FILE... with the logs, levels/your_level with the example level of docs/authoring.md.
"""

import itertools
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from game.content.level import load_level
from game.content.locate import find_level
from game.core import engine, gamecode
from game.play import seeds
from tests.conftest import ROOT, write_docs_example

DOCS = [ROOT / "README.md", ROOT / "docs" / "teachers.md", ROOT / "docs" / "handout.md",
        ROOT / "docs" / "handout.html"]
CODE = re.compile(r"\b([a-z][a-z0-9_]*:[A-Za-z0-9-]+:[0-9A-Za-z]{4}:[0-9A-Za-z]+:[0-9A-Za-z]{2,3})\b")


def shown_commands() -> list[str]:
    """Each distinct command line that runs the game, as printed in the docs."""
    found: list[str] = []
    for doc in DOCS:
        if not doc.exists():
            continue
        words = doc.read_text(encoding="utf-8")
        pieces = [line for block in re.findall(r"```[^\n]*\n(.*?)```", words, re.S) for line in block.splitlines()]
        pieces += re.findall(r"`([^`\n]+)`", words)
        pieces += [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<code>(.*?)</code>", words, re.S)]
        for piece in pieces:
            for part in piece.removeprefix("$ ").split("&&"):
                part = part.strip()
                if ("-m game" in part or part.startswith("model-citizen")) and part not in found:
                    found.append(part)
    return found


def game_args(command: str) -> tuple[list[str], str | None]:
    """The arguments after `python -m game` (whatever the interpreter is called), and text to pipe in."""
    stdin = None
    if "|" in command:
        feeder, command = (p.strip() for p in command.split("|", 1))
        stdin = "1\n" * 400 if feeder.startswith("yes 1") else ""
    words = command.split()
    if words[0] == "model-citizen":
        return words[1:], stdin
    return words[words.index("game") + 1:], stdin


_FOLDERS = itertools.count()


def fill(args: list[str], tmp: Path, code: str) -> list[str]:
    out: list[str] = []
    for a in args:
        if a == "P" and out and out[-1] == "--policy":
            out.append("balanced")
        elif a == "CODE":
            out.append(code)
        elif a == "FOLDER":
            out.append(str(tmp / f"out-{next(_FOLDERS)}"))
        elif a == "FILE...":
            out += [str(p) for p in sorted((tmp / "data" / "logs").glob("*.json"))]
        elif a == "codes.txt":  # a class's codes as pasted into a shared document, a name on the line
            (tmp / "codes.txt").write_text(f"Name\tCode\nAnn\t{code}\n", encoding="utf-8")
            out.append(str(tmp / "codes.txt"))
        elif a == "levels/your_level":
            out.append(str(write_docs_example(tmp / "example")))
        else:
            out.append(a)
    if out[:1] == ["bench"] and "--runs" not in out:
        out += ["--runs", "1"]
    if "--classes" in out:  # simulated classes: what is measured is not under test here, only that it runs
        out[out.index("--classes") + 1] = "2"
    if out[:1] == ["words"] and "--games" not in out:
        out += ["--games", "5"]
    return out


def opens_window(args: list[str]) -> bool:
    if "--help" in args or "-h" in args:
        return False
    return not args or (args[0] == "play" and "--text" not in args) or args[0].startswith("--") and \
        "--text" not in args and "--version" not in args


def run(args: list[str], tmp: Path, stdin: str | None) -> tuple[bool, str]:
    env = {**os.environ, "MODEL_CITIZEN_DATA": str(tmp / "data"), "PYTHONPATH": str(ROOT),
           "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "MODEL_CITIZEN_SERVE_PROBE": "1"}
    if args[:1] == ["web"] and shutil.which("npm") is None:
        return True, "no npm here: the browser build says what to install (tests/test_web.py checks it)"
    if args[:1] == ["bench"] and "--web" in args and not (shutil.which("chromium") and shutil.which("npm")):
        return True, "no Chromium or npm here: bench --web says what to install"
    if args[:1] == ["web"] and "--serve" in args and "--port" not in args:
        args = [*args, "--port", "0"]  # any free port: the docs' commands run side by side
    cmd = [sys.executable, "-m", "game", *args]
    if opens_window(args):
        env["MODEL_CITIZEN_FIRST_FRAME_PROBE"] = "1"
        done = subprocess.run(cmd, cwd=tmp, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=120)
        ok = done.returncode == 0 and "Traceback" not in done.stderr and "ready" in done.stdout \
            and "settled" in done.stdout
        return ok, f"window ended {done.returncode}\n{done.stdout[-800:]}\n{done.stderr[-1500:]}"
    if stdin is None:
        stdin = "1\n" * 400 if args and args[0] == "play" else ""
    done = subprocess.run(cmd, cwd=tmp, env=env, input=stdin, capture_output=True, text=True, timeout=300)
    ok = done.returncode == 0 and "Traceback" not in done.stderr
    return ok, f"exit {done.returncode}\n{done.stdout[-800:]}\n{done.stderr[-1500:]}"


def test_the_docs_show_commands_to_run():
    commands = shown_commands()
    assert len(commands) >= 20
    for needed in ("--months 6", "play --text", "export --out", "class-report", "words"):
        assert any(needed in c for c in commands), needed


def test_every_command_in_the_docs_runs(tmp_path):
    code = next(iter(documented_codes()), None)
    assert code, "the teachers' guide shows a game code"
    # years in terminal first (they leave logs for export and the class report), then everything else
    commands = sorted(shown_commands(), key=lambda c: (0 if "--text" in c and "--code" not in c else 1, c))
    (tmp_path / "class-logs").mkdir()
    todo, seen = [], set()
    for command in commands:
        args, stdin = game_args(command)
        if (tuple(args), stdin) in seen:  # `python` and `python3` spellings of one command run once
            continue
        if any(a.startswith("/") and not Path(a).exists() for a in args):
            continue  # a transcript from another machine (bench --compare-python /its/python): not runnable here
        seen.add((tuple(args), stdin))
        todo.append((command, args, stdin))
    years = [t for t in todo if t[1][:1] == ["play"] and "--text" in t[1] and "--code" not in t[1]]
    failures = []
    for command, args, stdin in years:  # one after another: they share the data folder's saved year
        ok, what = run(fill(args, tmp_path, code), tmp_path, stdin)
        if not ok:
            failures.append(f"{command}\n{what}")
    for log in (tmp_path / "data" / "logs").glob("*.json"):  # the class's hand-ins, for class-report
        (tmp_path / "class-logs" / log.name).write_bytes(log.read_bytes())
    rest = [(command, fill(args, tmp_path, code), stdin) for command, args, stdin in todo
            if (command, args, stdin) not in years]
    with ThreadPoolExecutor(max_workers=3) as pool:  # the rest only read the years: side by side
        results = pool.map(lambda t: (t[0], *run(t[1], tmp_path, t[2])), rest)
        failures += [f"{command}\n{what}" for command, ok, what in results if not ok]
    assert not failures, "\n\n".join(failures)


def documented_codes() -> list[str]:
    codes = []
    for doc in DOCS:
        if doc.exists():
            codes += [c for c in CODE.findall(doc.read_text(encoding="utf-8")) if c not in codes]
    return codes


def test_every_game_code_in_the_docs_replays():
    """A code a teacher copies from the guide must replay; after a change of cards, regenerate it with
    `python -m game play --text --new --seed CLASS-7 --months 6 --character lin_yue` (answer 1 throughout)."""
    codes = documented_codes()
    assert codes
    for code in codes:
        parts = gamecode.decode(code)
        level = load_level(find_level(parts["level"]))
        try:
            seed, character, values, choices = gamecode.resolve(level, parts)
        except gamecode.CodeError as exc:
            raise AssertionError(f"{code} in the docs no longer replays ({exc}): the cards changed; make a new "
                                 "one with `yes 1 | python -m game play --text --new --seed CLASS-7 --months 6 "
                                 "--character lin_yue` and put it in docs/teachers.md") from exc
        state = engine.replay(level, seed, character, values, choices, *seeds.terms(level, seed))  # its length too
        assert not isinstance(state, engine.Refusal), (code, state)


def test_the_handout_prints_on_one_page_a4_and_letter(tmp_path):
    """Printed from a browser (headless Chromium, when the machine has it) on A4 and on Letter paper."""
    import shutil

    import pytest

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not browser or not shutil.which("pdfinfo"):
        pytest.skip("needs chromium and pdfinfo (apt-get install -y chromium poppler-utils)")
    page = (ROOT / "docs" / "handout.html").read_text(encoding="utf-8")
    assert "no single national score" in page and "@page" in page and 'class="line"' in page
    wide = re.sub(r"html \{ font-family: [^;]+;", 'html { font-family: "DejaVu Sans";', page, count=1)
    assert wide != page  # the wide fallback font a school PC may well print with
    for paper, text in (("A4", page), ("letter", page), ("A4", wide), ("letter", wide)):
        html = tmp_path / f"handout-{paper}.html"
        html.write_text(text.replace("@page {", f"@page {{ size: {paper};", 1), encoding="utf-8")
        pdf = tmp_path / f"handout-{paper}.pdf"
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", html.as_uri()], capture_output=True, timeout=120)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60).stdout
        assert re.search(r"^Pages:\s+1$", info, re.M), (paper, info)
