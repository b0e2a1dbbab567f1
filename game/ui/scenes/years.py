"""Which kept year to continue: on a shared computer several students' unfinished years wait side by
side, and Continue must not hand one student another's year because it is newer."""

from __future__ import annotations

from game.ui.dialog import DialogScene
from game.ui.scene import register
from game.words.i18n import _

SHOWN = 6  # a column that fits 1280x720 at 150 % text; the terminal lists them all


@register("years")
class YearsScene(DialogScene):
    width = 560

    def __init__(self, app, years: list, open_year) -> None:
        super().__init__(app)
        self.title = _("Which year is yours?")
        self.years = years
        self.open_year = open_year
        self.note = _("Newest first; the others stay kept.") if len(years) <= SHOWN else \
            _("The {n} newest of {total} kept years; the others stay kept.").format(n=SHOWN, total=len(years))

    def items(self):
        from game.play.session import describe  # brings the rules: not before the window is up

        rows = [(describe(self.app.level, saved, short=True), lambda s=saved: self.pick(s), str(i + 1))
                for i, saved in enumerate(self.years[:SHOWN])]
        return rows + [(_("Back"), self.app.pop, "")]

    def pick(self, saved) -> None:
        self.app.pop()
        self.open_year(saved)
