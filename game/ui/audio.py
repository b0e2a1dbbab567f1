"""Optional sound: three short effects. With no audio device the game simply stays silent."""

from __future__ import annotations

import os
import sys

import pygame

from game.content.locate import shipped_dir

NAMES = ("draw", "roll", "stamp")


class Sounds:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.sounds: dict[str, pygame.mixer.Sound] = {}
        self.available = False
        try:
            _quietly(pygame.mixer.init)
        except pygame.error:
            return  # no audio device: silent, and nothing alarming to say
        folder = shipped_dir("assets") / "sounds"
        for name in NAMES:
            for ext in ("ogg", "wav"):
                path = folder / f"{name}.{ext}"
                if path.exists():
                    try:
                        self.sounds[name] = pygame.mixer.Sound(str(path))
                    except pygame.error:
                        pass
                    break
        self.available = bool(self.sounds)

    def play(self, name: str) -> None:
        if self.enabled and self.available and name in self.sounds:
            self.sounds[name].play()


def _quietly(action):
    """Run `action` with the process's stderr closed: with no sound card, the audio libraries print
    pages of errors from C that would alarm a student, although the game simply stays silent."""
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        return action()
    sys.stderr.flush()
    saved, devnull = os.dup(fd), os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    try:
        return action()
    finally:
        os.dup2(saved, fd)
        os.close(saved)
        os.close(devnull)
