"""Where the game keeps saves, logs and settings on each platform."""

from __future__ import annotations

import os
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
