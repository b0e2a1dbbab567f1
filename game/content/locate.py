"""Where levels and assets live: the one resolver every command uses to find a level by name.

A level is looked for, in order, in the folders given with `--levels DIR` (on the command line),
in the folders named by the environment variable MODEL_CITIZEN_LEVELS (separated like PATH), and
among the levels shipped with the game. Never in the current folder by accident: a bare name is an id,
and a folder named like a level among a student's hand-ins must not stand in for the real one. A level
elsewhere that takes a shipped level's id is refused unless it is an exact copy. Imports nothing heavy.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
ENV_VAR = "MODEL_CITIZEN_LEVELS"
_extra_dirs: list[Path] = []  # set once by the command line (`--levels DIR`), read by every command


class LevelNotFound(LookupError):
    """A level asked for by name that is in none of the folders searched; says where it looked."""

    def __init__(self, name: str, looked: list[Path], hint: str = "") -> None:
        self.name = name
        self.looked = looked
        where = ", ".join(str(p) for p in looked) or "nowhere (no level folders)"
        super().__init__(f"the level '{name}' was not found; looked in {where}. Give the folder that holds it "
                         f"with --levels DIR, or set {ENV_VAR}{hint}")


class LevelShadowed(LevelNotFound):
    """A folder outside the game that holds a level under a shipped level's id, with other content."""

    def __init__(self, name: str, folder: Path) -> None:
        self.name = name
        self.looked = [folder]
        LookupError.__init__(self, f"the level '{name}' in {folder} has the id of a level shipped with the game but "
                                   f"other content: it is not used in place of the shipped one. Give it an id of "
                                   f"its own (its folder name and its 'id:')")


MAX_LEVEL_FILES = 2000  # files compared when a copy of a shipped level is checked for changes


def shipped_dir(name: str) -> Path:
    """A top-level folder of the project (`levels`, `assets`) in a checkout or an installed copy."""
    for candidate in (_PACKAGE.parent / name, _PACKAGE / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE.parent / name


def levels_root() -> Path:
    """The folder of the levels shipped with the game."""
    return shipped_dir("levels")


def use_level_dirs(dirs: Iterable[str | Path]) -> None:
    """Add folders of levels for this run (the command line's `--levels`), searched before the others."""
    for d in dirs:
        path = Path(d).expanduser()
        if path not in _extra_dirs:
            _extra_dirs.append(path)


def reset_level_dirs() -> None:
    """Forget the folders added with `use_level_dirs` (for tests)."""
    _extra_dirs.clear()


def search_dirs() -> list[Path]:
    """Every folder a level is looked for in, in the order searched."""
    env = [Path(p).expanduser() for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    out: list[Path] = []
    for d in [*_extra_dirs, *env, levels_root()]:
        if d not in out:
            out.append(d)
    return out


def list_levels(root: Path | None = None) -> list[Path]:
    """Every level folder directly under one folder, in name order."""
    root = root or levels_root()
    return sorted(p for p in root.iterdir() if (p / "level.yaml").exists()) if root.is_dir() else []


def all_levels() -> list[Path]:
    """Every level found in every folder searched; a name found twice is the first one found, and a changed
    copy of a shipped level is left out (the shipped one is listed)."""
    seen: dict[str, Path] = {}
    for root in search_dirs():
        for path in list_levels(root):
            if path.name not in seen and not shadows(path):
                seen[path.name] = path
    return list(seen.values())


def _yaml_files(folder: Path) -> dict[str, bytes] | None:
    """The YAML files of a level folder by relative name (links not followed), or None if there are too
    many to compare."""
    out: dict[str, bytes] = {}
    for here, dirs, names in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(names):
            path = Path(here) / name
            if not name.endswith(".yaml"):
                continue
            if len(out) >= MAX_LEVEL_FILES or path.is_symlink() or not path.is_file():
                return None
            with open(path, "rb") as f:
                out[path.relative_to(folder).as_posix()] = f.read(4_000_001)
    return out


def shadows(folder: Path) -> bool:
    """True for a level folder outside the shipped levels that takes a shipped level's id with other content."""
    shipped = levels_root() / folder.name
    if not (shipped / "level.yaml").exists():
        return False
    try:
        if folder.resolve() == shipped.resolve():
            return False
        mine = _yaml_files(folder)
        return mine is None or mine != _yaml_files(shipped)
    except (OSError, RuntimeError):  # unreadable or a link loop: not the shipped level either
        return True


def is_bare_name(text: str) -> bool:
    """A level id as typed (`harmony_city`), not a path (`./harmony_city`, `levels/harmony_city`)."""
    return bool(text) and os.sep not in text and "/" not in text and text not in (".", "..") and text[0] != "~"


def find_level(name_or_path: str | Path) -> Path:
    """A level given by id (`harmony_city`) or by folder path; `LevelNotFound` says where it looked.

    An id is looked for only in the level folders (never the current folder); a path is taken as given.
    A changed copy of a shipped level found by id is refused (`LevelShadowed`).
    """
    name = str(name_or_path)
    looked = search_dirs()
    if is_bare_name(name):
        for root in looked:
            if (root / name / "level.yaml").exists():
                if shadows(root / name):
                    raise LevelShadowed(name, root / name)
                return root / name
        here = Path(name)
        if (here / "level.yaml").exists():  # say how to mean it, rather than use it unasked
            raise LevelNotFound(name, looked, f"; there is a folder '{name}' here: give it as ./{name} if you "
                                              f"mean that one")
        raise LevelNotFound(name, looked)
    path = Path(name).expanduser()
    if path.is_dir():
        return path  # a folder with no level.yaml: loading it says so
    raise LevelNotFound(name, [path])
