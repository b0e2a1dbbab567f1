"""Saves and logs as JSON files, written atomically; each unfinished year has a file of its own.

A save holds only what a game is a function of (level, content hash, seed, character, values,
choices): loading replays it, so a save can never disagree with the rules. Years are kept one file
each under `saves/`, so a shared computer never loses a student's year to another's new game; a
save that cannot be used is moved to `saves/aside/` with a note saying why, never deleted.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from game.content import formats
from game.content.files import FileRefused, clean_line, read_json
from game.words.i18n import _

FORMAT = formats.CURRENT["save"]
LOG_FORMAT = formats.CURRENT["log"]
SAVES = "saves"
ASIDE = "aside"
LEGACY = "autosave.json"  # where one save lived before years had a file each
MAX_SAVE_BYTES = 200_000
MAX_CHOICES = 1000
MAX_SEED = 64
IDENT = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class SaveError(Exception):
    """A save that cannot be used, with a message for the player."""


class SaveFromNewer(SaveError):
    """A save written by a newer version of the game: left where it is, for that version to continue."""


@dataclass(frozen=True)
class Saved:
    level: str
    content_hash: str
    seed: str
    character: str
    values: tuple[str, ...]
    choices: tuple[int, ...]
    path: Path | None = None
    record: dict = field(default_factory=dict, compare=False)  # as saved, so fields added later survive


def write_json_atomic(path: Path, data: object) -> None:
    """Write to a temp file in the same folder, fsync, then rename over: never a half-written file.

    On a full disk the temp file is removed and the old file, if any, stays as it was.
    """
    write_bytes_atomic(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # saves and logs are not secret; a teacher collects exported logs
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def clean_temporary(folder: Path) -> int:
    """Remove the temp files a killed game left behind (`.name.xxxx.tmp`); return how many."""
    n = 0
    try:
        leftovers = [p for p in folder.glob(".*.tmp") if p.is_file() and not p.is_symlink()]
    except OSError:
        return 0
    for p in leftovers:
        try:
            p.unlink()
            n += 1
        except OSError:
            pass
    return n


def parse_save(data: object) -> dict:
    """Check a save's fields one by one; return the record, or SaveError saying what is wrong."""
    if not isinstance(data, dict):
        raise SaveError(_("it is not a saved game"))
    try:
        data = formats.upgrade(data, "save")
    except formats.NewerFormat as exc:
        raise SaveFromNewer(clean_line(str(exc))) from exc
    except formats.FormatError as exc:
        raise SaveError(clean_line(str(exc))) from exc
    for key in ("level", "character"):
        if not isinstance(data.get(key), str) or not IDENT.match(data[key]):
            raise SaveError(_("its {key} is missing or not a name the game uses").format(key=key))
    seed = data.get("seed")
    if not isinstance(seed, str) or not 0 < len(seed) <= MAX_SEED or clean_line(seed) != seed:
        raise SaveError(_("its seed is missing or not a seed code"))
    if not isinstance(data.get("content_hash"), str) or len(data["content_hash"]) > 64:
        raise SaveError(_("its content fingerprint is missing"))
    values = data.get("values")
    if not isinstance(values, list) or len(values) != 3 or not all(isinstance(v, str) and IDENT.match(v)
                                                                   for v in values):
        raise SaveError(_("its three values are missing"))
    choices = data.get("choices")
    if not valid_choices(choices):
        raise SaveError(_("its choices are not numbers from 0 to 2"))
    return data


def valid_choices(choices: object) -> bool:
    """A list of option indexes 0 to 2, the last of which may be -1 (the year ended early)."""
    if not isinstance(choices, list) or len(choices) > MAX_CHOICES:
        return False
    if choices and choices[-1] == -1 and type(choices[-1]) is int:
        choices = choices[:-1]
    return all(type(c) is int and 0 <= c <= 2 for c in choices)


def _saved(data: dict, path: Path | None) -> Saved:
    return Saved(level=data["level"], content_hash=data["content_hash"], seed=data["seed"],
                 character=data["character"], values=tuple(data["values"]), choices=tuple(data["choices"]),
                 path=path, record={k: v for k, v in data.items() if k != "format"})


def read_save(path: Path) -> Saved:
    """One save file, checked; SaveError with the reason in words otherwise (the file is left alone)."""
    try:
        data = read_json(path, MAX_SAVE_BYTES)
    except FileRefused as exc:
        raise SaveError(str(exc)) from exc
    return _saved(parse_save(data), path)


def saves_dir(data_dir: Path) -> Path:
    return data_dir / SAVES


def list_saves(data_dir: Path) -> tuple[list[Saved], list[str]]:
    """Every unfinished year kept in the data folder, newest first, and a sentence for each file that
    could not be used (moved aside, with its reason kept beside it). Cleans leftover temp files."""
    folder = saves_dir(data_dir)
    notes: list[str] = []
    for place in (data_dir, folder, data_dir / "logs"):
        clean_temporary(place)
    legacy = data_dir / LEGACY
    if legacy.exists() or legacy.is_symlink():
        notes += _adopt_legacy(legacy, folder)
    years: list[tuple[float, Saved]] = []
    try:
        files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    except OSError as exc:
        return [], [_("The saved games in {dir} cannot be listed ({err}).").format(
            dir=clean_line(str(folder)), err=exc.strerror)]
    for path in files:
        try:
            saved = read_save(path)
            years.append((path.stat().st_mtime, saved))
        except SaveFromNewer:  # on a computer shared by two versions, the newer one's year is not ours to move
            notes.append(_("A year saved by a newer version of the game is kept in {name}: open it with that "
                           "version.").format(name=f"{SAVES}/{clean_line(path.name)}"))
        except (SaveError, OSError) as exc:
            notes.append(set_aside(path, str(exc)))
    years.sort(key=lambda t: (-t[0], t[1].path.name if t[1].path else ""))
    return [s for _t, s in years], notes


def _adopt_legacy(legacy: Path, folder: Path) -> list[str]:
    """Move the single save of older versions into saves/, checked like any other."""
    try:
        saved = read_save(legacy)
    except SaveError as exc:
        return [set_aside(legacy, str(exc))]
    target = new_save_path(folder.parent, saved.level, saved.seed, saved.character)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(legacy, target)
    except OSError as exc:
        return [_("The saved game {name} could not be moved into {dir} ({err}); it is left where it is.").format(
            name=legacy.name, dir=clean_line(str(folder)), err=exc.strerror)]
    return []


def set_aside(path: Path, reason: str) -> str:
    """Move a save that cannot be continued to saves/aside/ with its reason beside it; say so in one line."""
    reason = clean_line(reason)[:300]
    try:
        aside = move_aside(path, "broken", reason)
    except OSError as exc:
        return _("The saved game {name} cannot be used ({reason}), and it could not be moved aside ({err}); "
                 "it is left where it is.").format(name=clean_line(path.name), reason=reason, err=exc.strerror)
    return _("The saved game {name} cannot be used ({reason}). It was kept as {aside} in the data folder.").format(
        name=clean_line(path.name), reason=reason, aside=f"{SAVES}/{ASIDE}/{clean_line(aside.name)}")


def move_aside(path: Path, why: str = "broken", reason: str = "") -> Path:
    """Rename a save out of the way into saves/aside/, keeping it: nothing a player made is ever deleted."""
    folder = path.parent / ASIDE if path.parent.name == SAVES else path.parent / SAVES / ASIDE
    folder.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", path.stem)[:80] or "save"
    aside = folder / f"{stem}.{why}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    n = 1
    while aside.exists():
        n += 1
        aside = aside.with_name(f"{stem}.{why}-{time.strftime('%Y%m%d-%H%M%S')}-{n}.json")
    os.replace(path, aside)
    if reason:
        try:
            aside.with_suffix(".why.txt").write_text(reason + "\n", encoding="utf-8")
        except OSError:
            pass
    return aside


def _slug(text: str, n: int = 24) -> str:
    return "".join(ch for ch in text if ch.isascii() and (ch.isalnum() or ch in "-_"))[:n] or "x"


def new_save_path(data_dir: Path, level_id: str, seed: str, character: str) -> Path:
    """A file name no other year uses: level, seed, character and the time it started."""
    folder = saves_dir(data_dir)
    stem = f"{_slug(level_id, 40)}-{_slug(seed)}-{_slug(character, 40)}-{time.strftime('%Y%m%d-%H%M%S')}"
    path, n = folder / f"{stem}.json", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.json"
    return path


def save_game(path: Path, record: dict) -> Path:
    write_json_atomic(path, {"format": FORMAT, **record})
    return path


def write_log(data_dir: Path, record: dict, log: list[dict], extra: dict | None = None) -> Path:
    """Keep a finished game's record and full log under logs/, named by time, seed and character."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    name = f"{stamp}-{_slug(record['level'], 40)}-{_slug(record['seed'])}-{_slug(record['character'], 40)}"
    path = data_dir / "logs" / f"{name}.json"
    n = 1
    while path.exists():
        n += 1
        path = path.with_name(f"{name}-{n}.json")
    write_json_atomic(path, {"format": LOG_FORMAT, **(extra or {}), "record": record, "log": log})
    return path
