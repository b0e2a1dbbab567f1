"""Where the game keeps saves, logs and settings on each platform, and fresh seed codes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "model-citizen"


class NoDataDir(Exception):
    """There is no home folder to keep saves in (and no --data-dir was given)."""


def default_data_dir() -> Path:
    """The platform's per-user data folder, or MODEL_CITIZEN_DATA when set; NoDataDir if there is none."""
    if os.environ.get("MODEL_CITIZEN_DATA"):
        return Path(os.environ["MODEL_CITIZEN_DATA"])
    try:
        return _platform_dir()
    except (RuntimeError, KeyError, OSError) as exc:  # Path.home() with no HOME and no passwd entry
        raise NoDataDir("there is no home folder to keep saves and logs in: give one with --data-dir FOLDER "
                        "(or set MODEL_CITIZEN_DATA)") from exc


def _platform_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / "ModelCitizen"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Model Citizen"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP


_SEED_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no O, I, L, U, 0 or 1: nothing to misread
SEED_MAX = 24  # room for a class seed, its options, a split with a student's number and a length


class SeedError(ValueError):
    """A class seed that cannot be used, with the reason in plain words."""


def new_seed() -> str:
    """A short seed code a teacher can write on the board, without look-alike letters."""
    import secrets  # here, not at the top: it costs the window's start-up a few milliseconds

    code = "".join(secrets.choice(_SEED_ALPHABET) for _ in range(6))
    return f"{code[:3]}-{code[3:]}"


def normalise_seed(text: str) -> str:
    """A class seed as the game uses it: capitals, one '-' between words; SeedError says what is wrong.

    `class 7`, ` Class_7 ` and `CLASS-7` are the same seed, so a class that types them differently still
    shares one deck. Letters and digits only, because a seed is written into game codes and file names.
    """
    words = [w for w in text.replace("_", " ").replace("-", " ").split() if w]
    seed = "-".join(words).upper()
    if not seed:
        raise SeedError("a seed code needs at least one letter or digit")
    bad = sorted({ch for ch in seed if not (ch.isascii() and (ch.isalnum() or ch == "-"))})
    if bad:
        shown = " ".join(repr(ch) if ch.isprintable() else f"U+{ord(ch):04X}" for ch in bad[:5])
        raise SeedError(f"a seed code is letters A-Z, digits and '-' only; it cannot hold {shown}")
    if len(seed) > SEED_MAX:
        raise SeedError(f"a seed code is at most {SEED_MAX} characters; this one has {len(seed)}")
    return seed
