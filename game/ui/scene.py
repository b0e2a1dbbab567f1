"""What every screen is, and the registry that lets scenes open each other by name.

Scenes form a stack in the app (push, pop, replace, reset), as in Tuxemon's state manager. A scene is
registered under a name with `@register("name")`, and opened with `app.push("name", ...)`, so no scene
imports another. Hooks: `enter` when pushed, `pause` when another scene covers it, `resume` when that
one closes, `leave` when it is closed for good.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

if TYPE_CHECKING:
    from game.ui.app import App

ANIM_MS = 300

SCENES: dict[str, Callable[..., Scene]] = {}


def register(name: str) -> Callable:
    """Register a scene class (or a function that makes a scene) under a name."""

    def wrap(maker: Callable[..., Any]) -> Callable[..., Any]:
        if name in SCENES:
            raise ValueError(f"two scenes registered as {name!r}")
        SCENES[name] = maker
        return maker

    return wrap


class Scene:
    """One screen. Overlays are drawn over the scene beneath them."""

    overlay = False

    def __init__(self, app: App) -> None:
        self.app = app

    def enter(self) -> None:
        """Pushed onto the stack."""

    def pause(self) -> None:
        """Another scene now covers this one."""

    def resume(self) -> None:
        """The scene above closed: this one is on top again."""

    def leave(self) -> None:
        """Closed for good."""

    def back(self) -> None:
        """What Esc does: close this scene, unless the scene says otherwise."""
        self.app.pop()

    def layout(self) -> None:
        """Place everything for the current window size and settings."""

    def handle(self, event: pygame.event.Event) -> None:
        """React to one input event: Esc goes `back`, and the rest goes to the scene's buttons."""
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.back()
            return
        focus = getattr(self, "focus", None)
        if focus is not None:
            focus.handle(event)

    def update(self, dt_ms: int) -> None:
        """Advance animations."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the scene; never load files or render new text that could be cached."""

    def busy(self) -> bool:
        """True while something moves on its own (an animation), so the loop must not sleep."""
        return False


class FreshKeys:
    """Keys already down when a question appeared (Enter held from the screen before, repeating) never
    answer it: an answer takes a key pressed after the question is shown. `reset` after each answer, so
    the key that answered one question does not answer the next."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.stale: set[int] = set(app.held)

    def reset(self) -> None:
        self.stale = set(self.app.held)

    def passes(self, event: pygame.event.Event) -> bool:
        """False for a key press that was already down; a key's release makes its next press fresh."""
        if event.type == pygame.KEYUP:
            self.stale.discard(event.key)
        return not (event.type == pygame.KEYDOWN and event.key in self.stale)


class Anim:
    """A short animation that any key skips and 'reduce motion' turns off."""

    def __init__(self, app: App, ms: int = ANIM_MS) -> None:
        self.total = 0 if app.settings.reduce_motion else ms
        self.elapsed = 0

    def update(self, dt_ms: int) -> None:
        self.elapsed = min(self.total, self.elapsed + dt_ms)

    def skip(self) -> None:
        self.elapsed = self.total

    @property
    def done(self) -> bool:
        return self.elapsed >= self.total

    @property
    def t(self) -> float:
        """Progress from 0 to 1, eased out."""
        if self.total == 0:
            return 1.0
        x = self.elapsed / self.total
        return 1 - (1 - x) ** 3
