"""Before the year starts: who you are, and the three things that matter most to you."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

import pygame

from game.draw import text
from game.draw.icons import draw_icon
from game.draw.shapes import panel
from game.play.classcode import asks_check
from game.play.session import Session
from game.ui.scene import Scene, register
from game.ui.widgets import Button, FocusGroup, badge_rect
from game.words.i18n import _
from game.words.narrate import month_name, own


def heading_bottom(th, sub: str) -> int:
    """Where the felt below a screen title starts: the subtitle wraps rather than being cut."""
    y = th.space("xl") + text.line_height(th.text_px("h1"), "bold") + th.space("s")
    return y + text.block_height(sub, th.text_px("body"), th.size[0] - 2 * th.space("xl")) + th.space("l")


def heading(surface, th, title: str, sub: str) -> int:
    """A screen title on the felt; returns the y below it."""
    p = th.palette
    r = text.draw_line(surface, title, (th.size[0] // 2, th.space("xl")), th.text_px("h1"), p.on_table, "bold",
                       anchor="midtop")
    width = th.size[0] - 2 * th.space("xl")
    text.draw_block(surface, sub, pygame.Rect(th.space("xl"), r.bottom + th.space("s"), width, 0),
                    th.text_px("body"), p.on_table_soft, align="center")
    return heading_bottom(th, sub)


def footer_top(th) -> int:
    """The top of the key hint at the foot of the screen, which nothing above may reach."""
    return th.size[1] - th.space("l") - text.line_height(th.text_px("small"))


def footer(surface, th, words: str) -> None:
    p = th.palette
    text.draw_line(surface, words, (th.size[0] // 2, th.size[1] - th.space("l")), th.text_px("small"),
                   p.on_table_soft, anchor="midbottom", max_width=th.size[0] - 2 * th.space("xl"))


@dataclass
class CardType:
    """The sizes the character card's text is drawn at: one scale for all, so the type stays in proportion."""

    name: int
    role: int
    body: int
    label: int
    goal: int


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
        self.types: dict[str, CardType] = {}

    def layout(self) -> None:
        """The list and the card share the room between the title and the key hint. The list's words grow
        with the text size as far as all its rows fit whole, the card's as far as each card fits whole;
        neither ever below its size at 100 %."""
        th = self.app.theme
        w, _h = th.size
        margin = th.px(70) if th.text_scale <= 1 else th.space("xl")
        top = heading_bottom(th, self.subtitle)
        bottom = footer_top(th) - th.space("m")
        gap = th.space("s")
        for cap in th.text_scales():
            bw, bh = self.row_size(cap)
            if len(self.people) * (bh + gap) - gap <= bottom - top and bw <= w * 0.4:
                break
        y = top
        buttons = []
        for i, who in enumerate(self.people):
            b = Button(who.name, partial(self.pick, i), pygame.Rect(margin, y, bw, bh), key=str(i + 1),
                       detail=[("user", who.role)], cap=cap)
            buttons.append(b)
            y += bh + gap
        self.focus.set(buttons)
        left = margin + bw + th.space("xl")
        self.card = pygame.Rect(left, top, w - left - margin, bottom - top)
        self.types = {}
        # then as tall as the longest card needs (and the list), so no sheet stands half empty
        inner = self.inner()
        needed = max(self.card_height(who, self.card_type(who), inner.width) for who in self.people)
        self.card.height = min(self.card.height, max(y - gap - top, needed + self.card.height - inner.height))
        drop = (bottom - top - max(y - gap - top, self.card.height)) // 2  # the pair centred on the felt
        for b in buttons:
            b.rect.y += drop
        self.card.y += drop

    def row_size(self, cap: float) -> tuple[int, int]:
        """The size of a row whose name and role show whole at a text scale (the design's at least)."""
        th = self.app.theme
        pad = th.space("m")
        label, small = th.text_px("label", cap), th.text_px("small", cap)
        icon = small + th.px(2) + th.px(4)
        inner = max(max(text.font(label, "bold").size(who.name)[0], icon + text.font(small).size(who.role)[0])
                    for who in self.people)
        badge = badge_rect(str(len(self.people)), th).width + th.space("m")
        width = max(th.px(330), pad + badge + inner + pad)
        content = text.line_height(label, "bold") + th.px(2) + max(small + th.px(6), text.font(small).get_height())
        return width, max(th.px(64), content + 2 * th.space("s"))

    def card_type(self, who) -> CardType:
        """The largest text scale at which this person's card fits its panel whole; at 100 % a long story
        may shrink towards the smallest legible size instead, as it always could."""
        if who.id not in self.types:
            th = self.app.theme
            inner = self.inner()
            for scale in th.text_scales():
                t = CardType(th.text_px("h1", scale), th.text_px("h3", scale), th.text_px("body", scale),
                             th.text_px("small", scale), th.text_px("body", scale))
                if self.card_height(who, t, inner.width) <= inner.height:
                    break
            else:
                while t.body > th.min_text_px() and self.card_height(who, t, inner.width) > inner.height:
                    t = replace(t, body=t.body - 1)
            self.types[who.id] = t
        return self.types[who.id]

    def inner(self) -> pygame.Rect:
        pad = self.app.theme.space("xl")
        return self.card.inflate(-2 * pad, -2 * pad)

    def card_height(self, who, t: CardType, width: int) -> int:
        """The height the card's words take at sizes `t`; `draw` spends it in the same order."""
        th = self.app.theme
        h = text.line_height(t.name, "bold") + text.line_height(t.role) + th.space("l")
        h += text.block_height(who.text, t.body, width) + th.space("l") + th.px(2) + th.space("m")
        h += text.line_height(t.label, "bold") + text.block_height(who.goal.text, t.goal, width, "bold")
        return h + th.space("s") + len(self.goal_rows(who, t, width)) * text.line_height(t.goal)

    def goal_rows(self, who, t: CardType, width: int) -> list[list[tuple[str | None, str, bool]]]:
        """The services the goal needs and its month, as (icon, words, soft) items wrapped to rows."""
        th = self.app.theme
        items: list[tuple[str | None, str, bool]] = [
            (self.app.level.services[s].icon, self.app.level.services[s].label, False) for s in who.goal.needs]
        items.append((None, _("by {month}").format(month=month_name(self.app.level, who.goal.by)), True))
        rows: list[list] = [[]]
        x = 0
        for item in items:
            w = self.item_width(item, t.goal)
            if rows[-1] and x + w > width:
                rows.append([])
                x = 0
            rows[-1].append(item)
            x += w + th.space("l")
        return rows

    def item_width(self, item, size: int) -> int:
        icon = size + self.app.theme.space("xs") if item[0] else 0
        return icon + text.font(size).size(item[1])[0]

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
        heading(surface, th, own(self.app.level, _("Who are you this year?")), self.subtitle)
        self.focus.draw(surface, th)
        who = self.people[max(0, self.focus.focus)]
        panel(surface, self.card, th)
        inner = self.inner()
        t = self.card_type(who)
        y = inner.top
        r = text.draw_line(surface, who.name, (inner.left, y), t.name, p.ink, "bold", max_width=inner.width)
        y = r.bottom
        r = text.draw_line(surface, who.role, (inner.left, y), t.role, p.ink_soft, max_width=inner.width)
        y = r.bottom + th.space("l")
        y += text.draw_block(surface, who.text, pygame.Rect(inner.left, y, inner.width, 0), t.body, p.ink)
        y += th.space("l")
        pygame.draw.line(surface, p.paper_edge, (inner.left, y), (inner.right, y), th.px(2))
        y += th.px(2) + th.space("m")
        r = text.draw_line(surface, _("Life goal"), (inner.left, y), t.label, p.ink_soft, "bold")
        y = r.bottom
        y += text.draw_block(surface, who.goal.text, pygame.Rect(inner.left, y, inner.width, 0), t.goal, p.ink, "bold")
        y += th.space("s")
        for row in self.goal_rows(who, t, inner.width):
            x = inner.left
            for icon, words, soft in row:
                if icon:
                    draw_icon(surface, icon, (x + t.goal // 2, y + t.goal // 2 + th.px(2)), t.goal, p.ink)
                    x += t.goal + th.space("xs")
                r = text.draw_line(surface, words, (x, y), t.goal, p.ink_soft if soft else p.ink)
                x = r.right + th.space("l")
            y += text.line_height(t.goal)
        footer(surface, th, _("1 to {n} or arrows, Enter to choose  ·  Esc back").format(n=len(self.people)))


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
        self.subtitle = own(self.app.level, _("Pick three. At the end of the year you will see whether your "
                                             "choices served them."))

    def layout(self) -> None:
        """Three columns of values, the start button and the count, centred between the title and the key hint."""
        th = self.app.theme
        w, _h = th.size
        cols = 3
        size = th.text_px("h3")
        pad = th.space("m")
        gap = th.space("l")
        badge = badge_rect(str(min(9, len(self.values))), th).width + th.space("m")
        widest = max(text.font(size, "bold").size(v.label)[0] for v in self.values)
        bw = min(max(th.px(300), pad + badge + widest + th.px(26) + pad), (w - 2 * th.space("xl") - 2 * gap) // cols)
        bh = max(th.px(80), text.line_height(size, "bold") + 2 * pad)
        done_label = own(self.app.level, _("Start the year"))
        done_w = max(th.px(360), text.font(size, "bold").size(done_label)[0] + 2 * pad)
        done_h = max(th.px(58), text.line_height(size, "bold") + 2 * pad)
        rows = (len(self.values) + cols - 1) // cols
        count_h = text.line_height(th.text_px("body"))
        height = rows * (bh + gap) + th.space("l") + done_h + th.space("m") + count_h
        top = heading_bottom(th, self.subtitle)
        top = max(top, top + (footer_top(th) - th.space("m") - top - height) // 2)
        left = (w - cols * bw - (cols - 1) * gap) // 2
        buttons = []
        for i, value in enumerate(self.values):
            rect = pygame.Rect(left + (i % cols) * (bw + gap), top + (i // cols) * (bh + gap), bw, bh)
            b = Button(value.label, partial(self.toggle, i), rect, key=str(i + 1) if i < 9 else "",
                       selected=value.id in self.picked)
            buttons.append(b)
        done = Button(done_label, self.start, pygame.Rect(0, 0, done_w, done_h), enabled=len(self.picked) == 3)
        done.rect.midtop = (w // 2, top + rows * (bh + gap) + th.space("l"))  # apart from the values
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
        if (self.app.check or asks_check(self.seed)) and self.app.level.statements:
            self.app.push("check", session, "before")  # the two-minute check, over the year's first screen

    def draw(self, surface: pygame.Surface) -> None:
        th = self.app.theme
        p = th.palette
        heading(surface, th, _("What matters most to you?"), self.subtitle)
        self.focus.draw(surface, th, "h3")
        count = _("{n} of 3 chosen").format(n=len(self.picked))
        last = self.focus.buttons[-1].rect
        text.draw_line(surface, count, (th.size[0] // 2, last.bottom + th.space("m")), th.text_px("body"),
                       p.on_table, anchor="midtop")
        footer(surface, th, _("1 to {n} to pick or unpick  ·  Enter  ·  Esc back").format(n=len(self.values)))
