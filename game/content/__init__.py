"""Reading levels from disk: YAML files in, checked `game.core.model.Level` objects out."""

from game.content.level import ContentError, load_level
from game.content.levels import find_level, levels_root, list_levels, validate

__all__ = ["ContentError", "load_level", "find_level", "levels_root", "list_levels", "validate"]
