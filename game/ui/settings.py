"""The player's settings, kept as JSON beside the saves so they survive a restart."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from game.content.files import FileRefused, read_json
from game.play.saves import write_json_atomic

TEXT_SIZES = (100, 125, 150)


@dataclass
class Settings:
    text_size: int = 100
    reduce_motion: bool = False
    sound: bool = True
    high_contrast: bool = False
    fullscreen: bool = False
    left_out: list[str] = field(default_factory=list)  # level options on for new games ("family_planning")

    @property
    def text_scale(self) -> float:
        return self.text_size / 100


def load_settings(data_dir: Path) -> Settings:
    """Read the settings; anything missing or unreadable falls back to the default."""
    path = data_dir / "settings.json"
    try:
        raw = read_json(path, 100_000) if path.exists() else {}
    except FileRefused:  # a device, a pipe, a folder or nonsense: bounded, and the defaults stand
        return Settings()
    settings = Settings()
    if not isinstance(raw, dict):
        return settings
    for f in fields(Settings):
        value = raw.get(f.name)
        if isinstance(value, type(getattr(settings, f.name))):
            setattr(settings, f.name, value)
    settings.left_out = [x for x in settings.left_out if isinstance(x, str)]
    if settings.text_size not in TEXT_SIZES:
        settings.text_size = 100
    return settings


def save_settings(data_dir: Path, settings: Settings) -> None:
    try:
        write_json_atomic(data_dir / "settings.json", asdict(settings))
    except OSError:
        pass  # settings are a comfort; failing to keep them must not stop the game
