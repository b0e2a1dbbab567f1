"""Format versions of levels, saves and logs, and the steps that upgrade an older one to the current.

Each kind has a current version and a table of steps, as Tuxemon upgrades its saves: a step turns
version n into n + 1, so a file of any supported version is upgraded step by step, and a file too
old (no step from its version) or too new (written by a later game) is refused with the reason.
Pure: dicts in, dicts out.
"""

from __future__ import annotations

from collections.abc import Callable

CURRENT = {"level": 1, "save": 1, "log": 1}


class FormatError(ValueError):
    """A file whose format this version of the game cannot read; the message says why and what to do."""


class NewerFormat(FormatError):
    """A file written by a later version of the game: sound, only not for this version to read or touch."""


def _level_0(data: dict) -> dict:
    """Levels written before formats were numbered: the fields are those of format 1."""
    return data


# kind -> {from version: (what changed, step to the next version)}
STEPS: dict[str, dict[int, tuple[str, Callable[[dict], dict]]]] = {
    "level": {0: ("levels with no 'format' field read as format 1", _level_0)},
    "save": {},
    "log": {},
}

WORDS = {"level": "level", "save": "saved game", "log": "game log"}


def version_of(data: dict, kind: str) -> int:
    """The format a file says it has; a level with none is format 0 (written before formats were numbered)."""
    version = data.get("format", 0 if kind == "level" else None)
    if isinstance(version, bool) or not isinstance(version, int):
        raise FormatError(f"its format is {str(version)[:20]!r}, not a version number")
    return version


def _reads(kind: str) -> str:
    current = CURRENT[kind]
    oldest = min(STEPS[kind], default=current)
    return f"format {current}" if oldest == current else f"formats {oldest} to {current}"


def upgrade(data: dict, kind: str) -> dict:
    """`data` upgraded to the current format of its kind (the same dict, changed in place), or FormatError."""
    current = CURRENT[kind]
    version = version_of(data, kind)
    if version > current:
        raise NewerFormat(f"this {WORDS[kind]} is format {version}, from another version of the game (a newer one); "
                          f"this one reads {_reads(kind)}: update the game")
    while version < current:
        step = STEPS[kind].get(version)
        if step is None:
            raise FormatError(f"this {WORDS[kind]} is format {version}, from another version of the game "
                              f"(an older one); this one reads {_reads(kind)}")
        data = step[1](data)
        version += 1
        data["format"] = version
    return data
