"""The two-minute check in the window: four claims placed by kind of fact, and the score's pull, before the year
and again after the debrief; then each claim's answer and source. The same words as the terminal
(game.words.checkwords), one question a screen, built like the "why" scene: an answer takes a key pressed after
the question is shown, and the check is skipped in one key (s or Esc). Nothing is scored while it runs.
"""

from __future__ import annotations

from functools import partial

import pygame

from game.core import check as checking
from game.draw import text
from game.draw.shapes import panel
from game.ui.scene import FreshKeys, Scene, register
from game.ui.widgets import Button, FocusGroup, sheet_rect
from game.words import checkwords as cw
from game.words.i18n import _


@register("check")
class CheckScene(Scene):
    """One round of the check for a session: 'before' (offered first) or 'after' (ends with the answers)."""

    def __init__(self, app, session, when: str) -> None:
        super().__init__(app)
        self.session = session
        self.when = when
        if session.check is None:
            session.check = checking.blank(checking.draw(session.level, session.state.seed))
        self.check = session.check
        ids = self.check["statements"]
        self.order = ids if when == "before" else checking.after_order(ids)
        self.steps: list[tuple[str, str]] = [("offer", "")] if when == "before" else []
        self.steps += [("place", sid) for sid in self.order] + [("pull", "")]
        if when == "after":
            self.steps += [("changed", ""), ("answers", "")]
        self.index = 0
        self.typed = ""
        self.typing = False  # a key pressed on the free line's screen: its text is the student's
        self.focus = FocusGroup()
        self.fresh = FreshKeys(app)  # a key held from the screen before never answers the first question
        if when == "after":
            session.check_after = True

    @property
    def step(self) -> tuple[str, str]:
        return self.steps[self.index]

    # --- input ---------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        if not self.fresh.passes(event) or event.type == pygame.KEYUP:
            return
        if self.step[0] == "changed":
            if event.type == pygame.TEXTINPUT:
                if self.typing:  # text from the key that answered the question before is not the line's
                    self.typed = (self.typed + event.text)[:200]
                return
            if event.type == pygame.KEYDOWN:
                self.typing = True
            if event.type == pygame.KEYDOWN and event.key == pygame.K_BACKSPACE:
                self.typed = self.typed[:-1]
                return
            if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.keep_line()
                return
            if event.type == pygame.KEYDOWN and event.key != pygame.K_ESCAPE:
                return  # a letter typed (a space too) is the line's, never a button's
        super().handle(event)

    def back(self) -> None:
        """Esc skips the rest of the check (what was answered is kept); on the answers, it closes them."""
        self.finish()

    def pick(self, value: int | None) -> None:
        kind, sid = self.step
        if kind == "place":
            self.check[self.when][self.check["statements"].index(sid)] = \
                cw.kinds()[value - 1][0] if value else None
        elif kind == "pull":
            self.check["pull_" + self.when] = value
        self.advance()

    def keep_line(self) -> None:
        line = " ".join(self.typed.split())
        if line:
            self.check["changed"] = line[:300]
        self.advance()

    def advance(self) -> None:
        self.index += 1
        self.typing = False
        self.fresh.reset()
        if self.index >= len(self.steps):
            self.finish()
        else:
            self.layout()

    def start(self) -> None:
        self.advance()

    def finish(self) -> None:
        if self.when == "after" and self.step[0] not in ("answers",) and checking.answered(self.check) \
                and self.index < len(self.steps) - 1:
            self.index = len(self.steps) - 1  # skipping the rest still shows the answers and their sources
            self.fresh.reset()
            self.layout()
            return
        self.session.keep_check(self.check)
        self.app.pop()

    # --- layout --------------------------------------------------------------------------------

    def layout(self) -> None:
        th = self.app.theme
        self.sheet = sheet_rect(th)
        pad, gap = th.space("xl"), th.space("s")
        width = self.sheet.width - 2 * pad
        kind, _sid = self.step
        if kind == "offer":
            choices = [(_("Start the check"), self.start, ""), (_("Skip it"), self.finish, "s")]
        elif kind == "place":
            choices = [(words, partial(self.pick, n), str(n)) for n, (_k, words) in enumerate(cw.kinds(), 1)]
            choices += [(_("Pass"), lambda: self.pick(None), "0"), (_("Skip the rest"), self.finish, "s")]
        elif kind == "pull":
            choices = [(f"{words}", partial(self.pick, n), str(n)) for n, words in enumerate(cw.pull_steps(), 1)]
            choices += [(_("Pass"), lambda: self.pick(None), "0"), (_("Skip the rest"), self.finish, "s")]
        elif kind == "changed":
            choices = [(_("Done"), self.keep_line, "")]
        else:
            choices = [(_("Done"), self.finish, "")]
        bh = max(th.px(50), text.line_height(th.text_px("label"), "bold") + 2 * th.space("m"))
        cols = 2 if len(choices) > 3 else 1
        col_w = (width - (cols - 1) * gap) // cols
        rows = -(-len(choices) // cols)
        top = self.sheet.bottom - pad - rows * (bh + gap) + gap
        buttons = [Button(label, action, pygame.Rect(self.sheet.left + pad + (i % cols) * (col_w + gap),
                                                     top + (i // cols) * (bh + gap), col_w, bh), key=key)
                   for i, (label, action, key) in enumerate(choices)]
        start = 0 if kind in ("offer", "changed", "answers") else None  # no answer is Enter's by default
        self.focus.set(buttons, keep_focus=False, start=start)
        self.buttons_top = top

    # --- drawing -------------------------------------------------------------------------------

    def header(self) -> tuple[str, str, str]:
        """(the small line, the heading, the question or claim) for the step shown."""
        kind, sid = self.step
        places = [s for s in self.steps if s[0] == "place"]
        if kind == "offer":
            return _("Before the year"), cw.offer(), _("Four claims and one question, now and again after the "
                                                      "debrief. s skips it.")
        if kind == "place":
            n = places.index(self.step) + 1
            line = _("Claim {n} of {total}") if self.when == "before" else _("After the year · claim {n} of {total}")
            return (line.format(n=n, total=len(places)), cw.statement_text(self.session.level, sid), cw.place_prompt())
        if kind == "pull":
            return "", cw.pull_question("before"), cw.pull_scale()
        if kind == "changed":
            return _("Optional · Enter when done"), cw.changed_prompt(), ""
        return _("After the year"), cw.answers_title(), ""

    def draw(self, surface: pygame.Surface) -> None:
        th = self.app.theme
        p = th.palette
        panel(surface, self.sheet, th)
        pad = th.space("xl")
        x, y = self.sheet.left + pad, self.sheet.top + pad
        width = self.sheet.width - 2 * pad
        small, h1, h3, body = th.text_px("small"), th.text_px("h1"), th.text_px("h3"), th.text_px("body")
        line, heading, question = self.header()
        text.draw_line(surface, line, (x, y), small, p.ink_soft)
        y += text.line_height(small)
        y += text.draw_block(surface, heading, pygame.Rect(x, y, width, 0), h1, p.ink, "bold") + th.space("m")
        kind, _sid = self.step
        if question:
            y += text.draw_block(surface, question, pygame.Rect(x, y, width, 0), h3, p.ink, "bold") + th.space("m")
        if kind == "changed":
            box = pygame.Rect(x, y, width, text.line_height(body) + 2 * th.space("s"))
            pygame.draw.rect(surface, p.ink_soft, box, width=max(1, th.px(2)), border_radius=th.px(6))
            text.draw_line(surface, self.typed + "|", (box.left + th.space("s"), box.top + th.space("s")), body, p.ink)
        if kind == "answers":
            ids = self.check["statements"]
            for n, sid in enumerate(self.order, start=1):
                if y >= self.buttons_top:
                    break
                said = f"{n}) {cw.statement_text(self.session.level, sid)}"
                y += text.draw_block(surface, said, pygame.Rect(x, y, width, 0), body, p.ink, "bold")
                answer = cw.answer_line(self.session.level, sid, self.check["after"][ids.index(sid)])
                y += text.draw_block(surface, answer, pygame.Rect(x, y, width, 0), small, p.ink_soft)
                y += th.space("s")
        self.focus.draw(surface, th)
