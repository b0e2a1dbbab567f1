"""The debrief in the window: seven pages, feelings first, with the year's charts. Export from here.

Leaving the feelings page the first time, the player is asked why they chose as they did in a few
moments where points were at stake (the "why" scene); the answers are kept beside the year's log.
"""

from __future__ import annotations

import pygame

from game.content.levels import comparison_levels
from game.core import debrief, engine
from game.draw import charts, text
from game.draw.shapes import panel, stamp
from game.report import debrief_text
from game.report.export import ExportError, export
from game.ui.scene import Scene, register
from game.ui.scrolltext import Page, ScrollText
from game.ui.widgets import Button, FocusGroup, button_width
from game.words.i18n import _

CHART_PAGES = {1: "year", 4: "what_if"}  # page index -> the chart drawn above its text


@register("debrief")
class DebriefScene(Scene):
    def __init__(self, app, session) -> None:
        super().__init__(app)
        self.session = session
        self.level = session.level
        self.others = comparison_levels(self.level)
        self.answers: list[dict] = []
        self.data = debrief.debrief(self.level, session.state.log, self.others)
        self.pages = debrief_text.with_otherwise(self.level, self.data, debrief_text.pages(self.level, self.data))
        self.asked = not self.data["questions"]
        self.index = 0
        self.body = ScrollText()
        self.focus = FocusGroup()
        self.message = ""
        self.chart: pygame.Surface | None = None

    def notes(self) -> dict[str, list[str]]:
        """What each other rulebook is and changes, drawn inside its box on the what-if chart."""
        lines = debrief_text.whatif_lines(self.level, self.data)
        return {w["level"]: [is_, change] for w, (_t, is_, change) in zip(self.data["whatif"], lines, strict=True)}

    def page_text(self) -> Page:
        _title, _prompt, sections = self.pages[self.index]
        boxed = {w["title"] for w in self.data["whatif"]} if CHART_PAGES.get(self.index) == "what_if" else set()
        page: Page = []
        for heading, items in sections:
            if heading in boxed:
                continue  # told inside its box on the chart
            if heading:
                page.append(("h", heading))
            page += [("li" if heading else "p", item) for item in items]
        return page

    def layout(self) -> None:
        th = self.app.theme
        w, h = th.size
        m = th.space("m")
        self.sheet = pygame.Rect(m, m, w - 2 * m, h - 2 * m)
        pad = th.space("l")
        bh = th.button_h()
        y = self.sheet.bottom - pad - bh
        specs = [(_("Previous"), self.previous, self.index > 0), (_("Next"), self.next, True),
                 (_("Export report"), self.export, True), (_("Title screen"), self.title, True)]
        if self.index == len(self.pages) - 1:
            specs[1] = (_("Back to the start"), lambda: self.go(0), True)
        # each button as wide as its words need at this text size, the spare room shared out
        gap = th.space("m")
        needs = [button_width(label, th) for label, _a, _e in specs]
        spare = max(0, self.sheet.width - 2 * pad - 3 * gap - sum(needs)) // 4
        buttons, x = [], self.sheet.left + pad
        for need, (label, action, enabled) in zip(needs, specs, strict=True):
            buttons.append(Button(label, action, pygame.Rect(x, y, need + spare, bh), enabled=enabled))
            x += need + spare + gap
        self.focus.set(buttons, keep_focus=True)
        if not buttons[self.focus.focus].enabled or self.index == 0:
            self.focus.focus = 1
        title_px, prompt_px = th.text_px("h2"), th.text_px("body")
        top = self.sheet.top + pad + text.line_height(th.text_px("small")) + text.line_height(title_px, "bold")
        prompt = self.pages[self.index][1]
        self.prompt_rect = pygame.Rect(self.sheet.left + pad, top, self.sheet.width - 2 * pad, 0)
        self.prompt_rect.height = text.block_height(prompt, prompt_px, self.prompt_rect.width, "italic")
        top = self.prompt_rect.bottom + th.space("m")
        # room for a hint, or for the export's message whole (a data folder's path is long at 150 %)
        small_px, width = th.text_px("small"), self.sheet.width - 2 * pad
        note_h = text.block_height(self.message, small_px, width) if self.message else text.line_height(small_px)
        self.message_rect = pygame.Rect(self.sheet.left + pad, y - th.space("s") - note_h, width, note_h)
        bottom = y - th.space("m") - note_h
        self.chart = None
        self.chart_cut = False
        kind = CHART_PAGES.get(self.index)
        if kind:
            width = self.sheet.width - 2 * pad
            self.body.set(th, pygame.Rect(self.sheet.left + pad, top, width, bottom - top), self.page_text())
            room = bottom - top - self.body.height() - th.space("m")
            notes = self.notes() if kind == "what_if" else None
            needed = th.px(200) if kind == "year" else charts.counterfactual_height(th, self.data, width, notes)
            # the rulebooks' boxes whole, the lines beneath scrolling if they must (large text): at least
            # two lines of them stay in view
            keep = 2 * text.line_height(th.text_px("body"))
            height = max(room, needed) if kind == "year" else \
                max(th.px(120), min(needed, max(room, bottom - top - keep)))
            self.chart_cut = needed > height  # the chart's text would not fit: a test checks it never happens
            area = pygame.Rect(self.sheet.left + pad, top, width, height)
            self.chart = pygame.Surface(area.size)
            self.chart.fill(th.palette.paper)
            self.chart_pos = area.topleft
            local = self.chart.get_rect()
            if kind == "year":
                score = local.copy()
                score.width = round(local.width * 0.64)
                meters = pygame.Rect(score.right + th.space("m"), 0, local.width - score.width - th.space("m"),
                                     local.height)
                charts.score_chart(self.chart, score, th, self.level, self.data)
                charts.meters_chart(self.chart, meters, th, self.level, self.data)
            else:
                charts.counterfactual_chart(self.chart, local, th, self.level, self.data, notes)
            top = area.bottom + th.space("m")
        self.body.scroll = 0 if getattr(self, "_last_index", None) != self.index else self.body.scroll
        self._last_index = self.index
        self.body.set(th, pygame.Rect(self.sheet.left + pad, top, self.sheet.width - 2 * pad, bottom - top),
                      self.page_text())

    # --- actions -------------------------------------------------------------------------------

    def go(self, index: int) -> None:
        if index > 0 and not self.asked:
            self.asked = True
            self.app.push("why", self.level, self.data["questions"], self.answered)
            return
        self.index = max(0, min(len(self.pages) - 1, index))
        self.layout()

    def answered(self, answers: list[dict]) -> None:
        """Keep the answers beside the log and tell the debrief again with them, then go on."""
        self.answers = answers
        if answers:
            self.session.keep_answers(answers)
            self.data = debrief.debrief(self.level, self.session.state.log, self.others, answers)
            self.pages = debrief_text.with_otherwise(self.level, self.data, debrief_text.pages(self.level, self.data))
        self.go(1)

    def next(self) -> None:
        self.go(self.index + 1 if self.index < len(self.pages) - 1 else 0)

    def previous(self) -> None:
        self.go(self.index - 1)

    def export(self) -> None:
        from game.core import gamecode
        from game.report.export import code_name

        state = self.session.state
        try:
            code = gamecode.encode(self.level, state.seed, state.character, state.values, state.choices)
        except gamecode.CodeError:
            code = ""
        folder = self.app.data_dir / "exports" / code_name(code, self.level.id, state.seed, state.character)
        try:
            export({"format": 1, "record": self._record(), "log": self.session.state.log, "answers": self.answers},
                   folder, self.level)
            self.message = _("Report, chart and log written to {folder}").format(folder=folder)
        except (ExportError, OSError) as exc:
            self.message = _("Could not export: {err}").format(err=exc)
        self.layout()

    def _record(self) -> dict:
        return engine.record(self.session.state, self.level)

    def title(self) -> None:
        self.app.reset("title")

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            keys = {pygame.K_RIGHT: self.next, pygame.K_LEFT: self.previous, pygame.K_ESCAPE: self.app.pop,
                    pygame.K_e: self.export}
            if event.key in keys:
                keys[event.key]()
                return
            if event.unicode.isdecimal() and event.unicode.isascii() and 1 <= int(event.unicode) <= len(self.pages):
                self.go(int(event.unicode) - 1)
                return
        if not self.body.handle(event, self.app.theme):
            self.focus.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.app.theme
        p = th.palette
        panel(surface, self.sheet, th)
        pad = th.space("l")
        x, y = self.sheet.left + pad, self.sheet.top + pad
        small = th.text_px("small")
        step = _("Debrief · page {n} of {total} · keys 1 to {total}, arrows, E to export").format(
            n=self.index + 1, total=len(self.pages))
        text.draw_line(surface, step, (x, y), small, p.ink_soft)
        y += text.line_height(small)
        text.draw_line(surface, self.pages[self.index][0], (x, y), th.text_px("h2"), p.ink, "bold",
                       max_width=self.sheet.width - 2 * pad)
        text.draw_block(surface, self.pages[self.index][1], self.prompt_rect, th.text_px("body"), p.ink_soft,
                        "italic")
        if self.chart is not None:
            surface.blit(self.chart, self.chart_pos)
        grade = self.data["counterfactuals"][0]["grade"]
        if self.index == 0 and grade:
            color = tuple(max(0, c - 60) for c in p.bands.get(grade, p.ink))
            stamp(surface, _("GRADE {g}").format(g=grade), (self.sheet.right - th.px(170), self.sheet.centery),
                  th, color, th.text_px("display", 1.0), angle=-10)
        self.body.draw(surface, th)
        if self.message:
            text.draw_block(surface, self.message, self.message_rect, small, p.granted)
        elif self.body.hint():
            text.draw_line(surface, self.body.hint(), (x, self.focus.buttons[0].rect.top - th.space("s")), small,
                           p.ink_soft, anchor="bottomleft")
        self.focus.draw(surface, th)
