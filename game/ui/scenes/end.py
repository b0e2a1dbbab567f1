"""The end of the year: final grade, the goal and the rule that decided it, and where to go next."""

from __future__ import annotations

import pygame

from game.core import check as checking
from game.draw import text
from game.draw.shapes import panel, stamp, stamp_rect
from game.play import yearlog
from game.play.paths import new_seed
from game.ui.scene import Scene, register
from game.ui.widgets import Button, FocusGroup, button_width, sheet_rect
from game.words import narrate
from game.words.i18n import _


@register("end")
class EndScene(Scene):
    def __init__(self, app, session) -> None:
        super().__init__(app)
        self.session = session
        self.focus = FocusGroup()
        self.copied = ""
        self.from_debrief = False
        log = session.state.log
        self.end = next(e for e in log if e["t"] == "end")
        self.lines = narrate.end_summary(session.level, log, session.state.character)[1:]
        self.ended_early = any(e["t"] == "end_now" for e in log)
        self._read_code()

    def _read_code(self) -> None:
        """The code to hand in: after the debrief's "why" questions it carries the answers too."""
        session = self.session
        self.answered = (len(session.answers), checking.digits(session.check))
        self.code = yearlog.code_of(session.level, session.state, session.answers, session.check)
        with_answers = bool(session.answers) or checking.answered(session.check)
        self.code_heading = narrate.code_heading(self.app.level, with_answers)

    def resume(self) -> None:
        """Back from the debrief: the two-minute check's second round, if the first was taken; then the code
        carries the answers given there."""
        session = self.session
        if self.from_debrief and checking.answered(session.check) and not session.check_after:
            self.from_debrief = False
            self.app.push("check", session, "after")
            return
        if (len(session.answers), checking.digits(session.check)) != self.answered:
            self._read_code()
            self.copied = ""
            self.layout()

    def copy(self) -> None:
        """Put the code on the clipboard, so it can be pasted into the class's shared list."""
        try:
            if not pygame.scrap.get_init():
                pygame.scrap.init()
            pygame.scrap.put(pygame.SCRAP_TEXT, self.code.encode("utf-8"))
            self.copied = _("Copied: paste it into the class list")
        except (pygame.error, AttributeError, NotImplementedError):
            self.copied = _("Not copied here: write it down")

    def layout(self) -> None:
        """Buttons as wide as their words need; the game code large, on its own, above them."""
        th = self.app.theme
        self.sheet = sheet_rect(th)
        pad, gap = th.space("xl"), th.space("m")
        labels = [(_("See the debrief"), self.debrief),
                  (narrate.own(self.app.level, _("Play another year")), self.again),
                  (_("Title screen"), self.title)]
        widths = [button_width(label, th) for label, _action in labels]
        bh = th.button_h(54)
        room = self.sheet.width - 2 * pad
        rows = [list(range(3))] if sum(widths) + 2 * gap <= room else [[0], [1, 2]]
        y = self.sheet.bottom - pad - len(rows) * bh - (len(rows) - 1) * gap
        buttons: list[Button | None] = [None] * 3
        for row in rows:
            x = self.sheet.centerx - (sum(widths[i] for i in row) + gap * (len(row) - 1)) // 2
            for i in row:
                buttons[i] = Button(labels[i][0], labels[i][1], pygame.Rect(x, y, widths[i], bh))
                x += widths[i] + gap
            y += bh + gap
        top_of_buttons = min(b.rect.top for b in buttons if b is not None)
        # the code: a label, then the code as large as fits one line beside its copy button, then the log, small
        copy_w = button_width(_("Copy code"), th) if self.code else 0
        code_room = room - copy_w - gap if self.code else room
        small = th.text_px("small")
        self.code_px = th.text_px("h2")
        while self.code_px > th.text_px("body") and text.font(self.code_px, "bold").size(self.code)[0] > code_room:
            self.code_px -= 1
        path = str(self.session.log_path) if self.session.log_path else ""
        self.path_px = th.text_px("small", 1.0)
        self.path_w = code_room  # beside the copy button, never under it
        self.path_h = text.block_height(_("Log: {path}").format(path=path), self.path_px, code_room) if path else 0
        code_h = (text.line_height(small) + text.line_height(self.code_px, "bold")) if self.code else 0
        self.code_box = pygame.Rect(self.sheet.left + pad, 0, room, code_h + self.path_h + 2 * th.space("s"))
        self.code_box.bottom = top_of_buttons - th.space("l")
        if self.code:
            code_top = self.code_box.top + th.space("s") + text.line_height(small)
            copy_h = min(bh, max(text.line_height(self.code_px, "bold"), th.button_h(40)))
            buttons.append(Button(_("Copy code"), self.copy, pygame.Rect(self.code_box.right - copy_w, code_top,
                                                                         copy_w, copy_h)))
        self.focus.set([b for b in buttons if b is not None])
        self._lay_out_text()

    def _lay_out_text(self) -> None:
        """The heading beside the grade's stamp, then the verdict, then the summary above the code. A long
        verdict (every reason the year was not good) takes the sheet's width below the stamp and steps
        down in size, never below the body text at 100 %, until the summary's lines fit under it."""
        th = self.app.theme
        pad = th.space("xl")
        x, y = self.sheet.left + pad, self.sheet.top + pad
        grade = self.end["grade"]
        self.stamp_px = th.text_px("h1", 1.0)  # the stamp is a picture of a stamp: its size does not follow the text
        self.stamp_w = text.font(self.stamp_px, "bold").size(_("GRADE {g}").format(g=grade))[0] + th.px(70) \
            if grade else 0
        self.stamp_center = (self.sheet.right - pad - self.stamp_w // 2 + th.px(20), y + th.px(40))
        stamp_bottom = stamp_rect(_("GRADE {g}").format(g=grade), self.stamp_center, self.stamp_px).bottom \
            if grade else y
        self.heading_room = self.sheet.width - 2 * pad - self.stamp_w  # the heading stays clear of the stamp
        y += text.line_height(th.text_px("h1"), "bold") + th.space("s")
        width = self.sheet.width - 2 * pad if y >= stamp_bottom else self.heading_room
        verdict = self.lines[0].strip()
        floor = max(th.min_text_px(), th.text_px("body", 1.0))
        for px in range(th.text_px("h3"), floor - 1, -1):
            high = text.block_height(verdict, px, width, "bold")
            body = pygame.Rect(x, y + high + th.space("s"), width, 0)
            body.width = self.sheet.width - 2 * pad
            body.height = self.code_box.top - th.space("m") - body.top
            self.summary_words, self.summary_px, self.summary_fits = self._summary(body)
            if self.summary_fits:
                break
        self.verdict_px = px
        self.verdict_rect = pygame.Rect(x, y, width, high)
        self.summary_rect = body

    def _summary(self, body: pygame.Rect) -> tuple[str, int, bool]:
        """The year in a few lines, never in smaller text than at 100 %: with large text, the lines the
        debrief shows anyway (meters, points, acts watched) give way first. False: even so they do not fit."""
        th = self.app.theme
        floor = max(th.min_text_px(), th.text_px("body", 1.0))
        lines = [line.strip() for line in self.lines[1:]]  # the verdict is drawn above, as a heading
        level, end = self.session.level, self.end
        optional = [narrate.status_line(level, None, end["meters"]), _("Points lost"), _("Acts the rulebook"),
                    _("Services refused"), _("The article's thought experiment."), _("The game simplifies.")]
        optional += [f"{s.label}: " for s in level.services.values()]  # the goal's services: its last line sums them
        while True:
            words = "\n".join(lines)
            size = text.fit_size(words, body.width, body.height, th.text_px("body"), floor)
            droppable = [i for i, line in enumerate(lines) if any(line.startswith(o) for o in optional)]
            if size is not None or not droppable:
                return words, size or floor, size is not None and body.height > 0
            lines.pop(droppable[-1])

    def debrief(self) -> None:
        self.from_debrief = True
        self.app.push("debrief", self.session)

    def again(self) -> None:
        self.app.reset("title")
        self.app.push("character", new_seed())

    def title(self) -> None:
        self.app.reset("title")

    def back(self) -> None:
        self.title()

    def draw(self, surface: pygame.Surface) -> None:
        th = self.app.theme
        p = th.palette
        panel(surface, self.sheet, th)
        pad = th.space("xl")
        x, y = self.sheet.left + pad, self.sheet.top + pad
        heading = narrate.own(self.app.level, _("You ended the year early") if self.ended_early else
                              _("The year is over"))
        grade = self.end["grade"]
        room = self.heading_room
        heading_px = th.text_px("h1")
        while heading_px > th.text_px("h1", 1.0) and text.font(heading_px, "bold").size(heading)[0] > room:
            heading_px -= 1
        text.draw_line(surface, heading, (x, y), heading_px, p.ink, "bold")
        if grade:
            color = p.bands.get(grade, p.ink)
            stamp(surface, _("GRADE {g}").format(g=grade), self.stamp_center, th, tuple(max(0, c - 60) for c in color),
                  self.stamp_px)
        # the verdict judges the whole year, so it reads first and louder than the grade's stamp
        stopped = self.ended_early and self.end.get("goal_reached") is None  # not due yet: not a failure
        verdict_color = p.granted if self.end.get("good_year") else p.ink if stopped else p.denied
        text.draw_block(surface, self.lines[0].strip(), self.verdict_rect, self.verdict_px, verdict_color, "bold")
        text.draw_block(surface, self.summary_words, self.summary_rect, self.summary_px, p.ink)
        box = self.code_box
        small = th.text_px("small")
        cy = box.top + th.space("s")
        if self.code:
            pygame.draw.rect(surface, p.paper_edge, box.inflate(th.space("m"), 0), width=th.px(2),
                             border_radius=th.px(8))
            text.draw_line(surface, self.copied or self.code_heading, (box.left, cy), small,
                           p.granted if self.copied else p.ink_soft, "bold", max_width=box.width)
            cy += text.line_height(small)
            text.draw_line(surface, self.code, (box.left, cy), self.code_px, p.ink, "bold")
            cy += text.line_height(self.code_px, "bold")
        if self.session.log_path:
            text.draw_block(surface, _("Log: {path}").format(path=self.session.log_path),
                            pygame.Rect(box.left, cy, self.path_w, self.path_h), self.path_px, p.ink_soft)
        self.focus.draw(surface, th)
