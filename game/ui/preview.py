"""A quick look at one card: the window opened on it (or a PNG); F5 reads the level again (see `staging`)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from game.core.model import Level
from game.ui.staging import PreviewError, Staging, open_on, reload, stage

__all__ = ["PreviewError", "Staging", "open_on", "preview", "reload", "stage"]


def preview(level: Level, staging: Staging, out: Path | None = None, size=(1280, 720), text_size: int = 100,
            choose: int | None = None) -> Path | int:
    """Open the window on a card until it is closed, or with `out` write one PNG of it and return its path.

    `choose` (0-based) shows the outcome of that choice instead of the choices.
    """
    if out is not None:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.ui.app import App

    stage(level, staging)  # a bad card, character, month or grade is said before a window opens
    with tempfile.TemporaryDirectory() as data:
        app = App(level, Path(data), size=size)
        app.settings.text_size = text_size
        app.settings.reduce_motion = out is not None or app.settings.reduce_motion
        app.relayout()
        open_on(app, level, staging)
        if choose is not None:
            from game.ui.scenes.table import TableScene

            table = app.scene
            assert isinstance(table, TableScene)  # open_on puts the staged card on the table
            table.choose(choose)
        if out is None:
            pygame.display.set_caption(f"Model Citizen: preview of {staging.card} (F5 reads the level again)")
            return app.run()
        app.step(16, [])
        out.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(app.screen, str(out))
        return out
