"""Every screen of the window; importing this package registers each one by name (see game.ui.scene)."""

from game.ui.scenes import debrief, end, reading, settings, setup, table, title, why  # noqa: F401
