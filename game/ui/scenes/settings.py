"""Settings: text size, reduced motion, sound, high contrast, full screen, and the level's options
(cards a teacher leaves out). They are kept between games."""

from __future__ import annotations

from game.ui.dialog import DialogScene
from game.ui.scene import register
from game.ui.settings import TEXT_SIZES
from game.words.i18n import _


@register("settings")
class SettingsScene(DialogScene):
    width = 520

    def __init__(self, app) -> None:
        super().__init__(app)
        self.title = _("Settings")

    def items(self):
        s = self.app.settings
        on_off = lambda v: _("on") if v else _("off")  # noqa: E731
        rows = [
            (_("Text size"), f"{s.text_size} %", self.cycle_text),
            (_("Reduce motion"), on_off(s.reduce_motion), lambda: self.flip("reduce_motion")),
            (_("Sound"), on_off(s.sound), lambda: self.flip("sound")),
            (_("High contrast"), on_off(s.high_contrast), lambda: self.flip("high_contrast")),
            (_("Full screen (F11)"), on_off(s.fullscreen), self.app.toggle_fullscreen),
        ]
        for option in self._options():  # e.g. leave out the family-planning cards, for new games
            shown = _("left out") if option.id in s.left_out else _("dealt")
            rows.append((_(option.label), shown, lambda o=option.id: self.flip_option(o)))
        return [(f"{label}:  {value}", action, str(i + 1)) for i, (label, value, action) in enumerate(rows)] + [
            (_("Done"), self.app.pop, "")]

    def changed(self) -> None:
        self.app.save_settings()
        self.app.relayout()

    def cycle_text(self) -> None:
        s = self.app.settings
        s.text_size = TEXT_SIZES[(TEXT_SIZES.index(s.text_size) + 1) % len(TEXT_SIZES)]
        self.changed()

    def _options(self) -> list:
        from game.content.level import ContentError

        try:
            return list(self.app.level.options.values())
        except ContentError:  # a level that cannot be read has no options to offer
            return []

    def flip_option(self, option_id: str) -> None:
        """Turn a level option on or off for new games; the seed then carries it (see `with_options`)."""
        left_out = self.app.settings.left_out
        if option_id in left_out:
            left_out.remove(option_id)
        else:
            left_out.append(option_id)
        self.changed()

    def flip(self, name: str) -> None:
        setattr(self.app.settings, name, not getattr(self.app.settings, name))
        self.changed()
