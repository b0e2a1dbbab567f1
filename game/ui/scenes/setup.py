"""Before the year starts: who you are, and the three things that matter most to you."""

from __future__ import annotations

import pygame

from game.draw import text
from game.draw.icons import draw_icon
from game.draw.shapes import panel
from game.play.session import Session
from game.ui.scene import Scene, register
from game.ui.widgets import Button, FocusGroup
from game.words.i18n import _
from game.words.narrate import month_name


def heading(surface, th, title: str, sub: str) -> int:
    """A screen title on the felt; returns the y below it."""
    p = th.palette
    y = th.space("xl")
    r = text.draw_line(surface, title, (th.size[0] // 2, y), th.text_px("h1"), p.on_table, "bold", anchor="midtop")
    r2 = text.draw_line(surface, sub, (th.size[0] // 2, r.bottom + th.space("s")), th.text_px("body"),
                        p.on_table_soft, anchor="midtop", max_width=th.size[0] - 2 * th.space("xl"))
    return r2.bottom + th.space("l")


def footer(surface, th, words: str) -> None:
    p = th.palette
    text.draw_line(surface, words, (th.size[0] // 2, th.size[1] - th.space("l")), th.text_px("small"),
                   p.on_table_soft, anchor="midbottom")


@register("character")
class CharacterScene(Scene):
    """The characters as a column of names and one large card for the one in focus."""

    def __init__(self, app, seed: str) -> None:
        super().__init__(app)
        self.seed = seed
        self.people = list(app.level.characters.values())
        self.focus = FocusGroup()
        score = app.level.rulebook.score
        self.subtitle = (_("Each person starts with {n} {label} and a goal that needs services in time.").format(
            n=f"{score.start:,}", label=score.label.lower()) if score else
            _("Each person has a goal that needs services in time."))

    def layout(self) -> None:
        th = self.app.theme
        w, h = th.size
        top = th.px(150)
        bw = th.px(330)
        bh = th.px(64)
        gap = th.space("s")
        total = len(self.people) * (bh + gap)
        y = max(top, (h - total) // 2 + th.px(30))
        buttons = []
        for i, who in enumerate(self.people):
            b = Button(who.name, lambda i=i: self.pick(i), pygame.Rect(th.px(70), y, bw, bh), key=str(i + 1),
                       detail=[("user", who.role)])
            buttons.append(b)
            y += bh + gap
        self.focus.set(buttons)
        self.card = pygame.Rect(th.px(70) + bw + th.space("xl"), top, 0, 0)
        self.card.width = w - self.card.left - th.px(70)
        self.card.height = h - top - th.px(70)

    def pick(self, index: int) -> None:
        self.app.push("values", self.seed, self.people[index].id)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEMOTION:  # the big card follows the pointer, not only the keys
            hit = next((i for i, b in enumerate(self.focus.buttons) if b.rect.collidepoint(event.pos)), None)
            if hit is not None:
                self.focus.focus = hit
        super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.app.theme
        p = th.palette
        heading(surface, th, _("Who are you this year?"), self.subtitle)
        self.focus.draw(surface, th)
        who = self.people[self.focus.focus]
        panel(surface, self.card, th)
        pad = th.space("xl")
        inner = self.card.inflate(-2 * pad, -2 * pad)
        y = inner.top
        r = text.draw_line(surface, who.name, (inner.left, y), th.text_px("h1"), p.ink, "bold", max_width=inner.width)
        y = r.bottom
        r = text.draw_line(surface, who.role, (inner.left, y), th.text_px("h3"), p.ink_soft, max_width=inner.width)
        y = r.bottom + th.space("l")
        size = fit_or_min(who.text, inner.width, inner.height // 2, th.text_px("body"), th)
        y += text.draw_block(surface, who.text, pygame.Rect(inner.left, y, inner.width, 0), size, p.ink)
        y += th.space("l")
        pygame.draw.line(surface, p.paper_edge, (inner.left, y), (inner.right, y), th.px(2))
        y += th.space("m")
        text.draw_line(surface, _("Life goal"), (inner.left, y), th.text_px("small"), p.ink_soft, "bold")
        y += text.line_height(th.text_px("small"))
        y += text.draw_block(surface, who.goal.text, pygame.Rect(inner.left, y, inner.width, 0),
                             th.text_px("body"), p.ink, "bold")
        y += th.space("s")
        month = month_name(self.app.level, who.goal.by)
        x = inner.left
        icon_px = th.text_px("body")
        for service in who.goal.needs:
            named = self.app.level.services[service]
            draw_icon(surface, named.icon, (x + icon_px // 2, y + icon_px // 2 + th.px(2)), icon_px, p.ink)
            r = text.draw_line(surface, named.label, (x + icon_px + th.space("xs"), y), th.text_px("body"), p.ink)
            x = r.right + th.space("l")
        text.draw_line(surface, _("by {month}").format(month=month), (x, y), th.text_px("body"), p.ink_soft)
        footer(surface, th, _("1 to {n} or arrows, Enter to choose  ·  Esc back").format(n=len(self.people)))


def fit_or_min(words: str, width: int, height: int, preferred: int, th) -> int:
    return text.fit_size(words, width, height, preferred, th.min_text_px()) or th.min_text_px()


@register("values")
class ValuesScene(Scene):
    """Pick three values; they are kept in the log and compared with your choices at the end."""

    def __init__(self, app, seed: str, character: str) -> None:
        super().__init__(app)
        self.seed = seed
        self.character = character
        self.values = list(app.level.values.values())
        self.picked: list[str] = []
        self.focus = FocusGroup()

    def layout(self) -> None:
        th = self.app.theme
        w, h = th.size
        cols = 3
        bw, bh = th.px(300), th.px(80)
        gap = th.space("l")
        rows = (len(self.values) + cols - 1) // cols
        left = (w - cols * bw - (cols - 1) * gap) // 2
        top = max(th.px(190), (h - rows * (bh + gap)) // 2)
        buttons = []
        for i, value in enumerate(self.values):
            rect = pygame.Rect(left + (i % cols) * (bw + gap), top + (i // cols) * (bh + gap), bw, bh)
            b = Button(value.label, lambda i=i: self.toggle(i), rect, key=str(i + 1) if i < 9 else "",
                       selected=value.id in self.picked)
            buttons.append(b)
        done = Button(_("Start the year"), self.start, pygame.Rect(0, 0, th.px(360), th.button_h(58)),
                      enabled=len(self.picked) == 3)
        done.rect.midtop = (w // 2, top + rows * (bh + gap) + th.space("l"))
        buttons.append(done)
        self.focus.set(buttons)

    def toggle(self, index: int) -> None:
        value = self.values[index].id
        if value in self.picked:
            self.picked.remove(value)
        elif len(self.picked) < 3:
            self.picked.append(value)
        self.layout()
        if len(self.picked) == 3:
            self.focus.focus = len(self.focus.buttons) - 1

    def start(self) -> None:
        session = Session.new(self.app.level, self.app.data_dir, self.seed, self.character, self.picked)
        self.app.reset("table", session)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.app.theme
        p = th.palette
        heading(surface, th, _("What matters most to you?"),
                _("Pick three. At the end of the year you will see whether your choices served them."))
        self.focus.draw(surface, th, "h3")
        count = _("{n} of 3 chosen").format(n=len(self.picked))
        last = self.focus.buttons[-1].rect
        text.draw_line(surface, count, (th.size[0] // 2, last.bottom + th.space("m")), th.text_px("body"),
                       p.on_table, anchor="midtop")
        footer(surface, th, _("1 to {n} to pick or unpick  ·  Enter  ·  Esc back").format(n=len(self.values)))
