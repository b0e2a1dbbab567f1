"""Checking many levels at once."""

from __future__ import annotations

from pathlib import Path

from game.content.level import ContentError, check_level, extends_chain, load_level, shown_path
from game.content.locate import list_levels, shadows
from game.content.yamlfile import LDict, Problem
from game.core.model import Level


def validate(paths: list[Path]) -> tuple[list[Level], list[Problem]]:
    """Load every level named (or found under a folder of levels); return the good ones and all problems."""
    levels, problems, _warnings = validate_all(paths, play=False)
    return levels, problems


def validate_all(paths: list[Path], play: bool = True) -> tuple[list[Level], list[Problem], list[Problem]]:
    """Check every level named (or found under a folder of levels): the good ones, the problems, the warnings.

    A level that extends another is checked after it; the parent's problems are reported once, at the
    parent's files, and a sibling of a broken parent says only that. With `play`, each good level is
    also played by bots (`game.content.playtest`) for what only shows in play.
    """
    results: dict[Path, tuple] = {}
    order: list[Path] = []

    def check(folder: Path) -> tuple:
        key = folder.resolve()
        if key in results:
            return results[key]
        results[key] = (None, [], [])  # a loop of extends ends here; the loader reports it
        chain = extends_chain(folder) if folder.is_dir() else []
        parent = chain[1][0] if len(chain) > 1 else None
        if parent is not None and check(parent)[1]:
            data = chain[0][1]
            line = data.line_of("extends") if isinstance(data, LDict) else 1
            broken = Problem(shown_path(folder / "level.yaml"), line, f"extends '{parent.name}', which has "
                             f"problems (listed at its own files): fix those first")
            result: tuple[Level | None, list[Problem], list[Problem]] = (None, [broken], [])
        else:
            level, problems, warnings = check_level(folder)
            if folder.is_dir() and shadows(folder):
                problems = [*problems, Problem(shown_path(folder / "level.yaml"), 1, f"the id '{folder.name}' is the "
                            f"id of a level shipped with the game, and this level differs from it: a game would "
                            f"not use it in place of the shipped one. Give it an id of its own (the folder's name "
                            f"and 'id:')")]
                level = None
            if level is not None and play:
                from game.content.playtest import playtest

                warnings = warnings + playtest(level)
            if parent is not None:  # a warning its parent already gives is the parent's, given once
                known = {(w.path, w.line) for w in results[parent.resolve()][2]}
                warnings = [w for w in warnings if (w.path, w.line) not in known]
            result = (level, problems, warnings)
        results[key] = result
        order.append(key)
        return result

    wanted: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        folders = [path] if (path / "level.yaml").exists() or not path.is_dir() else list_levels(path)
        if not folders:
            problems.append(Problem(shown_path(path), 1, "no level here: a level folder holds a level.yaml"))
        for folder in folders:
            check(folder)
            wanted.append(folder.resolve())
    levels = [results[k][0] for k in dict.fromkeys(wanted) if results[k][0] is not None]
    problems += [p for k in order for p in results[k][1]]
    warnings = [w for k in order for w in results[k][2]]
    return levels, sorted(set(problems)), sorted(set(warnings))


def comparison_levels(level: Level, root: Path | None = None) -> list[Level]:
    """The other levels built on the same base level: the same cards under other rules."""
    out = []
    root = root or (Path(level.folder).parent if level.folder else None)
    for folder in list_levels(root):
        if folder.name == level.id:
            continue
        try:
            other = load_level(folder)
        except ContentError:  # a broken sibling is reported by `validate`; the debrief leaves it out
            continue
        if other.base == level.base:
            out.append(other)
    return out
