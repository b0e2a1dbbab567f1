"""Model Citizen: a tabletop game about living one year under a points-based score."""

__version__ = "0.1.0"

import os as _os

_os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # pygame's greeting is noise in a terminal game
