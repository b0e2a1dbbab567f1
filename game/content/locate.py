"""Where levels and assets live: the one resolver every command uses to find a level by name.

A level is looked for, in order, in the folders given with `--levels DIR` (on the command line),
in the folders named by the environment variable MODEL_CITIZEN_LEVELS (separated like PATH), and
among the levels shipped with the game. Imports nothing heavy.
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

    def __init__(self, name: str, looked: list[Path]) -> None:
        self.name = name
        self.looked = looked
        where = ", ".join(str(p) for p in looked) or "nowhere (no level folders)"
        super().__init__(f"the level '{name}' was not found; looked in {where}. Give the folder that holds it "
                         f"with --levels DIR, or set {ENV_VAR}")


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
    """Every level found in every folder searched; a name found twice is the first one found."""
    seen: dict[str, Path] = {}
    for root in search_dirs():
        for path in list_levels(root):
            seen.setdefault(path.name, path)
    return list(seen.values())


def find_level(name_or_path: str | Path) -> Path:
    """A level given by id (`harmony_city`) or by folder path; `LevelNotFound` says where it looked."""
    path = Path(name_or_path).expanduser()
    if path.is_dir() and (path / "level.yaml").exists():
        return path
    name = str(name_or_path)
    looked = search_dirs()
    if name and os.sep not in name and "/" not in name:
        for root in looked:
            if (root / name / "level.yaml").exists():
                return root / name
    elif path.is_dir():
        return path  # a folder with no level.yaml: loading it says so
    raise LevelNotFound(name, looked if path.name == name else [path])
