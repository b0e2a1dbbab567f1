"""`python -m game web --out FOLDER`: the game as a static site that plays in a browser, offline.

The site is the page (static/), the game's Python package as the browser needs it (rules, words,
debrief; never pygame), every level checked by the project's own loader and prepared so the browser
reads no YAML, the fonts and icons, and the Python runtime (Pyodide) from the npm package pinned in
package.json and package-lock.json beside this file. npm installs that package once into a cache
folder; nothing else is fetched, at build time or when the site is played.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import json
import os
import pickle
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
GAME = HERE.parent
STATIC = HERE / "static"
# the rooms the browser runs, whole; from draw only the palette (the rest draws with pygame)
ROOMS = ("core", "content", "words", "play", "report", "web")
ALSO = ("__init__.py", "draw/__init__.py", "draw/theme.py", "draw/track.py")
RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
NPM_HINT = ("npm is not installed, and the browser build takes the Python runtime from the npm package "
            "'pyodide'. Install Node.js with npm, then run this again: on Debian or Ubuntu "
            "`sudo apt-get install npm`, on macOS `brew install node`, on Windows the installer from the "
            "Node.js website.")


class BuildError(Exception):
    """The site cannot be built, with what to do about it."""


def cache_root() -> Path:
    """Where npm's install of the runtime is kept between builds (one folder per lock file)."""
    env = os.environ.get("MODEL_CITIZEN_WEB_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "model-citizen" / "web"


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One build at a time may install into the cache (two test workers may start at once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: builds there are one at a time anyway
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def node_modules(say=print) -> Path:
    """The npm packages of package-lock.json, installed once (`npm ci`) into the cache; their folder."""
    lock = (HERE / "package-lock.json").read_bytes()
    folder = cache_root() / hashlib.sha256(lock + (HERE / "package.json").read_bytes()).hexdigest()[:16]
    done = folder / "installed"
    if done.exists():
        return folder / "node_modules"
    npm = shutil.which("npm")
    if npm is None:
        raise BuildError(NPM_HINT)
    with _locked(folder.with_suffix(".lock")):
        if done.exists():
            return folder / "node_modules"
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(HERE / name, folder / name)
        say(f"Installing the browser runtime with npm into {folder} (once)...")
        run = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                             cwd=folder, capture_output=True, text=True)
        if run.returncode != 0:
            raise BuildError(f"npm ci failed in {folder}:\n{(run.stderr or run.stdout).strip()[-2000:]}")
        done.write_text("ok\n")
    return folder / "node_modules"


def _levels() -> list:
    """Every shipped level, checked as `validate` checks its files; the build stops on any problem."""
    from game.content.levels import validate
    from game.content.locate import list_levels, search_dirs

    folders = [f for d in search_dirs() for f in list_levels(d)]
    levels, problems = validate(folders)
    if problems:
        raise BuildError("The levels have problems; fix them first (python -m game validate):\n"
                         + "\n".join(str(p) for p in problems[:20]))
    seen: dict[str, object] = {}
    for level in levels:  # the first found wins, as the resolver does
        seen.setdefault(level.id, dataclasses.replace(level, folder=f"levels/{level.id}"))
    return list(seen.values())


def _python_zip() -> bytes:
    """The game's package as the browser needs it, and PyYAML's pure-Python reader (the content
    modules import it; the prepared levels never use it)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        files = [GAME / name for name in ALSO] + sorted(p for room in ROOMS for p in (GAME / room).rglob("*.py"))
        for path in files:
            z.write(path, "game/" + path.relative_to(GAME).as_posix())
        import yaml

        yaml_dir = Path(yaml.__file__).parent
        for path in sorted(yaml_dir.glob("*.py")):
            z.write(path, "yaml/" + path.name)
    return buf.getvalue()


def _theme_css() -> str:
    """The window's palette as CSS variables, normal and high contrast: one palette for both."""
    from game.draw.theme import HIGH_CONTRAST, NORMAL

    def block(p) -> str:
        out = []
        for f in dataclasses.fields(p):
            value = getattr(p, f.name)
            if f.name == "bands":
                out += [f"--band-{g}: rgb{c};" for g, c in value.items()]
            else:
                out.append(f"--{f.name.replace('_', '-')}: rgb{value};")
        return " ".join(out)

    return f":root {{ {block(NORMAL)} }}\n:root.contrast {{ {block(HIGH_CONTRAST)} }}\n"


def build(out: Path, say=print) -> dict[str, int]:
    """Write the site into `out`; return the size of each file written (bytes, by relative path)."""
    from game import __version__

    modules = node_modules(say)
    levels = _levels()
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, bytes] = {}
    for path in sorted(STATIC.rglob("*")):
        if path.is_file():
            written[path.relative_to(STATIC).as_posix()] = path.read_bytes()
    written["theme.css"] = _theme_css().encode()
    written["game.zip"] = _python_zip()
    written["levels.pickle"] = pickle.dumps(levels, protocol=4)
    assets = GAME / "assets" if (GAME / "assets").is_dir() else GAME.parent / "assets"
    for font in sorted((assets / "fonts").iterdir()):
        written[f"fonts/{font.name}"] = font.read_bytes()
    for icon in sorted((assets / "icons").iterdir()):
        written[f"icons/{icon.name}"] = icon.read_bytes()
    for name in RUNTIME:
        src = modules / "pyodide" / name
        if not src.exists():
            raise BuildError(f"{src} is missing: remove {modules.parent} and build again")
        written[f"pyodide/{name}"] = src.read_bytes()
    written["pyodide/LICENSE.txt"] = b"Pyodide: Mozilla Public License 2.0, https://github.com/pyodide/pyodide\n"
    stamp = hashlib.sha256(b"".join(written[k] for k in sorted(written))).hexdigest()[:12]
    written["version.json"] = json.dumps({"game": __version__, "build": stamp}).encode()
    for rel, data in written.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != data:
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
    return {rel: len(data) for rel, data in written.items()}


def axe_script() -> Path | None:
    """axe-core as npm installed it into the cache (for the browser tests), or None."""
    try:
        path = node_modules(lambda _msg: None) / "axe-core" / "axe.min.js"
    except BuildError:
        return None
    return path if path.exists() else None


def main(out: str, serving: bool = False) -> int:
    try:
        sizes = build(Path(out))
    except BuildError as exc:
        print(f"Cannot build the browser version: {exc}", file=sys.stderr)
        return 1
    total = sum(sizes.values())
    print(f"Built the browser version in {Path(out).resolve()}: {len(sizes)} files, {total / 1e6:.1f} MB.")
    if not serving:
        print(f"Serve it with: python -m game web --serve --out {out}   (or put the folder on any static web host)")
    return 0
