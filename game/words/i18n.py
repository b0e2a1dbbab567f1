"""The one door every player-facing string in the code passes through.

Content text lives in the level YAML; the few sentences the code itself writes go through `_()`,
so that a translation can later map them without hunting strings across modules.
"""

_catalog: dict[str, str] = {}


def _(text: str) -> str:
    """Return the translation of `text`, or `text` itself while none is loaded."""
    return _catalog.get(text, text)


def load_catalog(catalog: dict[str, str]) -> None:
    """Install a translation: a mapping from the English text to the translated one."""
    _catalog.clear()
    _catalog.update(catalog)
