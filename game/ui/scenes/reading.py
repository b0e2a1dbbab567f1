"""Screens to read: the month summary, the rulebook, the sources, and the in-game menu."""

from __future__ import annotations

import pygame

from game.draw import text
from game.draw.shapes import panel
from game.ui.dialog import DialogScene
from game.ui.scene import Scene, register
from game.ui.scrolltext import Page, ScrollText
from game.ui.widgets import Button, FocusGroup
from game.words import narrate
from game.words.i18n import _


class ReadingScene(Scene):
    """A paper sheet over the table with text that scrolls; Esc (or its close keys) closes it."""

    overlay = True

    def __init__(self, app, title: str, page: Page, close_label: str | None = None, on_close=None,
                 close_keys=(pygame.K_ESCAPE,)) -> None:
        super().__init__(app)
        self.title = title
        self.page = page
        self.body = ScrollText()
        self.on_close = on_close
        self.close_keys = close_keys
        self.focus = FocusGroup()
        self.close_label = close_label or _("Close")

    def layout(self) -> None:
        th = self.app.theme
        w, h = th.size
        self.sheet = pygame.Rect(0, 0, min(w - th.px(80), th.px(980)), h - th.px(60))
        self.sheet.center = (w // 2, h // 2)
        pad = th.space("xl")
        button = pygame.Rect(0, 0, th.px(220), th.button_h())
        button.bottomright = (self.sheet.right - pad, self.sheet.bottom - th.space("l"))
        self.focus.set([Button(self.close_label, self.close, button)])
        top = self.sheet.top + pad + text.line_height(th.text_px("h2"), "bold") + th.space("m")
        self.body.set(th, pygame.Rect(self.sheet.left + pad, top, self.sheet.width - 2 * pad,
                                      button.top - th.space("m") - top), self.page)

    def close(self) -> None:
        self.app.pop()
        if self.on_close:
            self.on_close()

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in self.close_keys:
            self.close()
            return
        if not self.body.handle(event, self.app.theme):
            self.focus.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.app.theme
        p = th.palette
        self.app.draw_veil(surface)
        panel(surface, self.sheet, th)
        pad = th.space("xl")
        text.draw_line(surface, self.title, (self.sheet.left + pad, self.sheet.top + pad), th.text_px("h2"), p.ink,
                       "bold", max_width=self.sheet.width - 2 * pad)
        self.body.draw(surface, th)
        if self.body.hint():
            text.draw_line(surface, self.body.hint(), (self.sheet.left + pad, self.focus.buttons[0].rect.centery),
                           th.text_px("small"), p.ink_soft, anchor="midleft")
        self.focus.draw(surface, th)


@register("month_summary")
class MonthSummaryScene(ReadingScene):
    """The end of a month: points won and lost with their rules, the grade, services, new policies."""

    def __init__(self, app, month: int, on_close) -> None:
        level = app.session.level
        log = app.session.state.log
        page: Page = []
        for heading, items in narrate.month_report(level, log, month):
            page += [("h", heading)] + [("li", item) for item in items]
        policies = [e for e in log if e["t"] == "policy" and e["month"] == month + 1]
        for event in policies:
            policy = next(p for p in level.rulebook.policies if p.id == event["policy"])
            page += [("h", _("New policy from {month}: {title}").format(
                month=narrate.month_name(level, month + 1), title=policy.title)), ("p", policy.text),
                ("small", _("Source: {label}").format(label=narrate.SOURCE_WORDS[policy.source.label]))]
        last = month >= level.months
        title = _("End of {month}").format(month=narrate.month_name(level, month))
        close = _("See the {year}").format(year=narrate.word(level, "year")) if last else \
            _("Next {period}").format(period=narrate.word(level, "period"))
        super().__init__(app, title, page, close_label=close,
                         on_close=on_close, close_keys=(pygame.K_RETURN, pygame.K_KP_ENTER,
                                                                   pygame.K_ESCAPE))


@register("rulebook")
def rulebook_scene(app, policies: tuple[str, ...]) -> ReadingScene:
    page: Page = []
    for heading, items in narrate.rulebook_report(app.level, policies):
        page += ([("h", heading)] if heading else []) + [("li" if heading else "p", item) for item in items]
    page += [("gap", ""), ("small", _("Policies marked * are in force now. Press R or Esc to close."))]
    return ReadingScene(app, app.level.rulebook.name, page, close_keys=(pygame.K_ESCAPE, pygame.K_r))


@register("sources")
def sources_scene(app) -> ReadingScene:
    """Where every fact comes from, grouped by how sure we are of it (the browser shows the same page)."""
    return ReadingScene(app, _("Sources and about"), narrate.sources_page(app.level))


@register("menu")
class MenuScene(DialogScene):
    """Esc during a game: resume, rules, settings, or back to the title. The game is already saved."""

    def __init__(self, app) -> None:
        super().__init__(app)
        self.title = _("Paused")
        self.note = _("Your game is saved after every decision.")

    def items(self):
        return [(_("Resume"), self.app.pop, ""), (_("Rulebook"), self.rules, ""), (_("Settings"), self.settings, ""),
                (narrate.own(self.app.level, _("End the year now")), self.end_year, ""),
                (_("Save and go to the title"), self.go_to_title, "")]

    def end_year(self) -> None:
        self.app.pop()
        self.app.push("end_now")

    def rules(self) -> None:
        self.app.pop()
        session = self.app.session
        assert session is not None  # the menu opens over a game
        self.app.push("rulebook", session.state.policies)

    def settings(self) -> None:
        self.app.pop()
        self.app.push("settings")

    def go_to_title(self) -> None:
        self.app.reset("title")


@register("end_now")
class EndNowScene(DialogScene):
    """Ending the year early asks once: the debrief then covers only the months played."""

    width = 480

    def __init__(self, app) -> None:
        super().__init__(app)
        self.title = narrate.own(app.level, _("End the year now?"))
        self.note = narrate.own(app.level, _("The debrief and the game code cover the months you played."))

    def items(self):
        end = narrate.own(self.app.level, _("End the year and see the debrief"))
        return [(_("Keep playing"), self.app.pop, ""), (end, self.confirm, "")]

    def confirm(self) -> None:
        self.app.pop()
        from game.ui.scenes.table import TableScene

        table = self.app.scene
        assert isinstance(table, TableScene)  # the table under this dialog
        table.end_now()
