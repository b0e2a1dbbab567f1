"""The one door every player-facing string in the code passes through: standard `gettext`.

Content text lives in the level YAML; the few sentences the code itself writes go through `_()`,
and every sentence with a number through `ngettext()`, so that a translation can later map them
(and choose the right plural for its language) without hunting strings across modules. With no
catalog installed the English text is used as written.
"""

from __future__ import annotations

import gettext

DOMAIN = "model_citizen"


class _Catalog(gettext.NullTranslations):
    """A translation from a plain mapping (English text to translated text); plurals keyed by (singular, n)."""

    def __init__(self, catalog: dict) -> None:
        super().__init__()
        self.catalog = dict(catalog)

    def gettext(self, message: str) -> str:
        return self.catalog.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalog.get((singular, n), super().ngettext(singular, plural, n))


_translation: gettext.NullTranslations = gettext.NullTranslations()


def _(text: str) -> str:
    """Return the translation of `text`, or `text` itself while none is loaded."""
    return _translation.gettext(text)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or the plural form for `n`, translated when a catalog is loaded."""
    return _translation.ngettext(singular, plural, n)


def load_catalog(catalog: dict) -> None:
    """Install a translation from a mapping from the English text to the translated one."""
    global _translation
    _translation = _Catalog(catalog) if catalog else gettext.NullTranslations()


def install(localedir: str, languages: list[str] | None = None) -> None:
    """Install compiled gettext catalogs (`localedir/<lang>/LC_MESSAGES/model_citizen.mo`), falling back
    to English when there are none."""
    global _translation
    _translation = gettext.translation(DOMAIN, localedir, languages, fallback=True)
