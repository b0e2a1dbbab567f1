"""Where levels and assets live, in a checkout or an installed copy. Imports nothing heavy."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def shipped_dir(name: str) -> Path:
    """A top-level folder of the project (`levels`, `assets`) in a checkout or an installed copy."""
    for candidate in (_PACKAGE.parent / name, _PACKAGE / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE.parent / name


def levels_root() -> Path:
    return shipped_dir("levels")


def list_levels(root: Path | None = None) -> list[Path]:
    """Every level folder under the root, in name order."""
    root = root or levels_root()
    return sorted(p for p in root.iterdir() if (p / "level.yaml").exists()) if root.is_dir() else []


def find_level(name_or_path: str) -> Path:
    """A level given by id (`harmony_city`) or by folder path."""
    path = Path(name_or_path)
    if path.is_dir():
        return path
    return levels_root() / name_or_path
