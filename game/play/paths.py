"""Where the game keeps saves, logs and settings on each platform, and fresh seed codes."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

APP = "model-citizen"


def default_data_dir() -> Path:
    """The platform's per-user data folder, or MODEL_CITIZEN_DATA when set."""
    if os.environ.get("MODEL_CITIZEN_DATA"):
        return Path(os.environ["MODEL_CITIZEN_DATA"])
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / "ModelCitizen"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Model Citizen"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP


_SEED_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_seed() -> str:
    """A short seed code a teacher can write on the board, without look-alike letters."""
    code = "".join(secrets.choice(_SEED_ALPHABET) for _ in range(6))
    return f"{code[:3]}-{code[3:]}"
