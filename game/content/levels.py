"""Checking many levels at once."""

from __future__ import annotations

from pathlib import Path

from game.content.level import ContentError, load_level, shown_path
from game.content.locate import list_levels
from game.content.yamlfile import Problem
from game.core.model import Level


def validate(paths: list[Path]) -> tuple[list[Level], list[Problem]]:
    """Load every level named (or found under a folder of levels); return the good ones and all problems."""
    levels, problems = [], []
    for path in paths:
        folders = [path] if (path / "level.yaml").exists() or not path.is_dir() else list_levels(path)
        if not folders:
            problems.append(Problem(shown_path(path), 1, "no level here: a level folder holds a level.yaml"))
        for folder in folders:
            try:
                levels.append(load_level(folder))
            except ContentError as exc:
                problems.extend(exc.problems)
    return levels, sorted(problems)


def comparison_levels(level: Level, root: Path | None = None) -> list[Level]:
    """The other levels built on the same base level: the same cards under other rules."""
    out = []
    root = root or (Path(level.folder).parent if level.folder else None)
    for folder in list_levels(root):
        if folder.name == level.id:
            continue
        try:
            other = load_level(folder)
        except Exception:  # noqa: BLE001 - a broken sibling is reported by `validate`; the debrief leaves it out
            continue
        if other.base == level.base:
            out.append(other)
    return out
