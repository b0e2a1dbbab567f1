"""Saves and logs as JSON, written atomically; a save that cannot be read is moved aside.

A save holds only what a game is a function of (level, content hash, seed, character, values,
choices): loading replays it, so a save can never disagree with the rules.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from game.words.i18n import _

FORMAT = 1
AUTOSAVE = "autosave.json"


class SaveError(Exception):
    """A save that cannot be used, with a message for the player."""


@dataclass(frozen=True)
class Saved:
    level: str
    content_hash: str
    seed: str
    character: str
    values: tuple[str, ...]
    choices: tuple[int, ...]


def write_json_atomic(path: Path, data: object) -> None:
    """Write to a temp file in the same folder, fsync, then rename over: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # saves and logs are not secret; a teacher collects exported logs
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_game(data_dir: Path, record: dict) -> Path:
    path = data_dir / AUTOSAVE
    write_json_atomic(path, {"format": FORMAT, **record})
    return path


def _upgrade(data: dict) -> dict:
    """Bring an older save up to the current format, one version at a time."""
    version = data.get("format")
    if version == FORMAT:
        return data
    raise SaveError(_("This save was made by another version of the game (format {v}).").format(v=version))


def load_save(data_dir: Path) -> Saved | None:
    """The autosave, or None when there is none. A broken one is moved aside and SaveError raised."""
    path = data_dir / AUTOSAVE
    if not path.exists():
        return None
    try:
        data = _upgrade(json.loads(path.read_text(encoding="utf-8")))
        return Saved(
            level=str(data["level"]),
            content_hash=str(data["content_hash"]),
            seed=str(data["seed"]),
            character=str(data["character"]),
            values=tuple(str(v) for v in data["values"]),
            choices=tuple(int(c) for c in data["choices"]),
        )
    except (ValueError, KeyError, TypeError, SaveError, UnicodeDecodeError) as exc:
        aside = move_aside(path)
        reason = str(exc) if isinstance(exc, SaveError) else _("it is damaged or incomplete")
        raise SaveError(
            _("The saved game could not be read ({reason}). It was moved to {aside}; a new game starts.").format(
                reason=reason, aside=aside.name)
        ) from exc


def move_aside(path: Path, why: str = "broken") -> Path:
    """Rename a save out of the way, keeping it: nothing a player made is ever deleted."""
    aside = path.with_name(f"{path.stem}.{why}-{time.strftime('%Y%m%d-%H%M%S')}{path.suffix}")
    os.replace(path, aside)
    return aside


def clear_save(data_dir: Path) -> None:
    (data_dir / AUTOSAVE).unlink(missing_ok=True)


def write_log(data_dir: Path, record: dict, log: list[dict]) -> Path:
    """Keep a finished game's record and full log under logs/, named by time, seed and character."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    safe_seed = "".join(ch for ch in record["seed"] if ch.isalnum() or ch in "-_")[:24]
    path = data_dir / "logs" / f"{stamp}-{record['level']}-{safe_seed}-{record['character']}.json"
    n = 1
    while path.exists():
        n += 1
        path = path.with_name(f"{path.stem}-{n}.json")
    write_json_atomic(path, {"format": FORMAT, "record": record, "log": log})
    return path
