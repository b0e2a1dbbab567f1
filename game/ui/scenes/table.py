"""The table seen from above: calendar, score track, meters, the card and its choices, die, tickets.

It draws the session's state and sends the player's choice to it; what a choice does is the
engine's business, and what to say about it is `game.words.narrate`'s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from types import SimpleNamespace
from typing import Any

import pygame

from game.core import engine
from game.core.rules import grade_of
from game.draw import text
from game.draw.charts import score_window
from game.draw.icons import draw_icon
from game.draw.shapes import panel, pattern, stamp
from game.draw.theme import BAND_PATTERNS, SIDE_CAP, Theme
from game.ui.scene import Anim, Scene, register
from game.ui.widgets import Button, FocusGroup, badge_rect, key_badge
from game.words import narrate
from game.words.i18n import _

CIVIC_TITLE = "Civic acts this {period}"
CIVIC_TEXT = "You may do one of these this {period}, or none. Each one is recorded, and the rulebook counts it."
CARD_CAP = SIDE_CAP  # the largest text scale the card strip, title and choice rows use: the body gets the room


def month_labels(level, th: Theme, size: int, room: int) -> tuple[int, list[str]]:
    """The month strip's labels, all alike: three letters at the text size chosen, else at 100 %,
    else initials; a strip mixing "J" and "Jul" reads as a glitch."""
    months = level.months
    names = [narrate.month_name(level, m + 1)[:3] if months == 12 else str(m + 1) for m in range(months)]
    for px in (size, th.text_px("small", 1.0)):
        if max(text.font(px, "bold").size(name)[0] for name in names) <= room:
            return px, names
    return th.text_px("small", 1.0), [name[:1] for name in names]


@dataclass
class Areas:
    """Where each part of the table goes, for the current window size and text size."""

    top: pygame.Rect
    track: pygame.Rect
    left: pygame.Rect
    card: pygame.Rect
    choices: pygame.Rect
    right: pygame.Rect


def areas(th: Theme, n_choices: int, extra_lines: int = 0) -> Areas:
    """`extra_lines`: chip lines beyond one per choice, for choices whose chips wrap."""
    w, h = th.size
    m = th.space("m")
    top = pygame.Rect(m, m, w - 2 * m, th.px(44))
    small = th.text_px("small", SIDE_CAP)
    track = pygame.Rect(m, top.bottom + th.space("xs"), w - 2 * m, text.line_height(small) + th.px(48))
    body_top = track.bottom + th.space("m")
    side = th.px(252)
    left = pygame.Rect(m, body_top, side, h - body_top - m)
    right = pygame.Rect(w - m - side, body_top, side, h - body_top - m)
    center_x = left.right + th.space("l")
    center_w = right.left - th.space("l") - center_x
    choices_h = n_choices * choice_height(th) + (n_choices - 1) * th.space("s") \
        + extra_lines * (th.text_px("small", CARD_CAP) + th.px(6))
    card = pygame.Rect(center_x, body_top, center_w, h - body_top - m - choices_h - th.space("m"))
    choices = pygame.Rect(center_x, card.bottom + th.space("m"), center_w, choices_h)
    return Areas(top, track, left, card, choices, right)


def choice_height(th: Theme, chip_lines: int = 1) -> int:
    return (text.line_height(th.text_px("label", CARD_CAP), "bold")
            + (th.text_px("small", CARD_CAP) + th.px(6)) * chip_lines
            + 2 * th.space("s"))


@dataclass
class CardLayout:
    """The inside of the event card: header strip, title, body text at a size that fits, source."""

    header: pygame.Rect
    title: pygame.Rect
    title_px: int
    body: pygame.Rect
    body_px: int | None
    source: pygame.Rect


def card_layout(th: Theme, rect: pygame.Rect, title: str, body: str) -> CardLayout:
    """The card's text gets the room: its body is never drawn smaller than at 100 % text, so at larger
    text sizes the strip, the title and the choices grow only up to CARD_CAP."""
    pad = th.space("l")
    header = pygame.Rect(rect.left, rect.top, rect.width, th.text_px("small", CARD_CAP) + 2 * th.space("s"))
    inner_w = rect.width - 2 * pad
    title_px = th.text_px("h2", CARD_CAP)
    while title_px > th.min_text_px() and text.font(title_px, "bold").size(title)[0] > inner_w:
        title_px -= 1
    source_h = text.line_height(th.text_px("small", CARD_CAP))
    source = pygame.Rect(rect.left + pad, rect.bottom - th.space("m") - source_h, inner_w, source_h)
    floor = max(th.min_text_px(), th.text_px("body", 1.0))  # never smaller than at 100 % text (every shipped card)
    while True:  # a long text on a short card (large text, wrapped chips) takes room from the title's size
        title_rect = pygame.Rect(rect.left + pad, header.bottom + th.space("m"), inner_w,
                                 text.line_height(title_px, "bold"))
        body_rect = pygame.Rect(rect.left + pad, title_rect.bottom + th.space("s"), inner_w, 0)
        body_rect.height = source.top - th.space("s") - body_rect.top
        body_px = text.fit_size(body, body_rect.width, body_rect.height, th.text_px("body"), floor)
        if body_px is None and title_px <= th.text_px("label"):  # a text at the content limits: fit it all
            body_px = text.fit_size(body, body_rect.width, body_rect.height, floor, th.min_text_px())
        if body_px is not None or title_px <= th.text_px("label"):
            return CardLayout(header, title_rect, title_px, body_rect, body_px, source)
        title_px -= 2


@dataclass
class CardHeader:
    """The card's header strip: the category's words, the need badge (if any) and the month, left to right."""

    words: str          # the category and, where there is room, the place
    words_room: int     # the width the words may take before the badge or the month
    badge: pygame.Rect | None
    fits: bool          # the category's name at least is whole


def card_header(th: Theme, header: pygame.Rect, left: int, category: str, place: str, month: str,
                tag: str) -> CardHeader:
    """Where the strip's words go. A need's badge sits before the month; the place gives way to it
    before the category's own name is cut."""
    size = th.text_px("small", CARD_CAP)
    bold = text.font(size, "bold")
    end = header.right - th.space("l") - bold.size(month)[0] - th.space("m")
    badge = None
    if tag:
        w = bold.size(tag)[0] + 2 * th.space("s")
        badge = pygame.Rect(0, 0, w, min(header.height - th.px(6), text.line_height(size) + th.px(4)))
        badge.midright = (end, header.centery)
        end = badge.left - th.space("m")
    room = end - left
    words = category.upper() + (f"  ·  {place}" if place else "")
    if place and badge is not None and bold.size(words)[0] > room:
        words = category.upper()
    return CardHeader(words, room, badge, bold.size(category.upper())[0] <= room)


def option_chips(level, option: Mapping[str, Any], compact: bool = False, card=None) -> list[tuple[str, str]]:
    """Icons and numbers for what an option touches: meters, watched acts, a service.

    `compact` drops the name of a meter that has an icon (the icon and the side panel name it), for a
    choice that touches so much that the full chips would not fit their line."""
    chips = []
    kind = narrate.points_kind(level, card, option)  # where the points rest on another kind of fact than the card
    if option.get("available") is False:
        chips.append(("ban", _("needs {why}").format(why=_(" and ").join(option["blocked"]))))
    for meter_id, delta in option["effects"].items():
        if delta:
            meter = level.meters[meter_id]
            words = narrate.signed(delta) if compact and meter.icon else f"{meter.label} {narrate.signed(delta)}"
            chips.append((meter.icon, words))
    for act in option["acts"]:
        if act["judged"] and act["chance"] > 0:
            words = _("{pts} pts · {pct}%").format(pts=narrate.signed(act["points"]), pct=round(act["chance"] * 100))
            if kind and act["points"]:
                words += f" · {_(narrate.POINTS_WORDS[kind])}"
            chips.append(("eye", words))
        elif act["judged"]:
            chips.append(("eye-off", _("unseen here")))
        if act.get("blacklist") and level.rulebook.blacklist:  # the full name is on the rulebook page
            chips.append(("gavel", _("listed") if compact else _("on the list")))
        if act.get("lasts"):
            chips.append(("hourglass", _("back in {n}").format(n=narrate.periods(level, act["lasts"]))))
    for chance in option.get("chances", ()):
        what = ", ".join(narrate.signed(v) if compact and level.meters[m].icon else f"{level.meters[m].label} "
                         f"{narrate.signed(v)}" for m, v in chance["effects"].items() if v) or _("something")
        chips.append(("dice-5", f"{round(chance['chance'] * 100)}%: {what}"))
    if option["request"]:
        service = level.services[option["request"]]
        chips.append((service.icon, f"{service.label}: {_(option['request_outcome'])}"))
        if option.get("goal_later"):
            chips.append(("hourglass", _("goal: decided in {month}").format(
                month=narrate.month_name(level, option["goal_later"]))))
    if not chips:
        chips.append(("", _("no effect")))
    return chips


def chip_room(th: Theme, rect: pygame.Rect, key: str) -> int:
    """The width a choice button leaves for its label and chips, after its key badge."""
    pad = th.space("m")
    return rect.width - 2 * pad - (badge_rect(key, th).width + th.space("m") if key else 0)


def chip_lines(th: Theme, chips: list[tuple[str, str]], room: int) -> int:
    """How many lines the chips take in this width, wrapped as `Button.draw_chips` wraps them."""
    size = th.text_px("small", CARD_CAP)
    icon_px = size + th.px(2)
    lines, x = 1, 0
    for icon, words in chips:
        width = (icon_px + th.px(4) if icon else 0) + text.font(size).size(words)[0]
        if x and x + width > room:
            lines, x = lines + 1, 0
        x += width + th.space("m")
    return lines


def button_fits(th: Theme, button: Button) -> bool:
    """Whether a choice's label and its chips fit on their lines, as `Button.draw` lays them out."""
    room = chip_room(th, button.rect, button.key)
    if text.font(th.text_px("label", button.cap), "bold").size(button.label)[0] > room:
        return False
    size = th.text_px("small", button.cap)
    widest = max(((size + th.px(6) if icon else 0) + text.font(size).size(words)[0] for icon, words in button.detail),
                 default=0)
    return chip_lines(th, button.detail, room) <= button.chip_lines and widest <= room


def outcome_height(th: Theme, width: int, lines: list[str]) -> int:
    """The height the outcome needs at its preferred sizes in a box this wide."""
    pad = th.space("m")
    inner_w = width - 2 * pad
    first, rest = (lines[0].removeprefix("> "), lines[1:]) if lines else ("", [])
    return (2 * pad + text.block_height(first, th.text_px("label"), inner_w, "bold") + th.space("xs")
            + text.block_height("\n".join(rest), th.text_px("body"), inner_w))


def outcome_fits(th: Theme, box: pygame.Rect, lines: list[str]) -> bool:
    """Whether the outcome's first line and the rest fit the outcome box, as `draw_outcome` lays them out."""
    pad = th.space("m")
    inner = box.inflate(-2 * pad, -2 * pad)
    first, rest = (lines[0].removeprefix("> "), lines[1:]) if lines else ("", [])
    used = text.block_height(first, th.text_px("label"), inner.width, "bold") + th.space("xs")
    return text.fit_size("\n".join(rest), inner.width, inner.height - used, th.text_px("body"),
                         th.min_text_px()) is not None


@register("table")
class TableScene(Scene):
    def __init__(self, app, session) -> None:
        super().__init__(app)
        self.session = session
        app.session = session  # the summaries, the menu and the rulebook read the game from the app
        self.level = session.level
        self.focus = FocusGroup()
        self.phase = "decide"
        self.events: Sequence[Mapping[str, Any]] = []
        self.card_anim = Anim(app)
        self.roll_anim = Anim(app, 0)
        self.stamp_anim = Anim(app, 0)
        self.stamped: set[str] = set()
        self.counters_told: set[str] = set()  # counters whose note was said, and whether the market closed
        self.score_from = session.state.score
        self.track_cache: pygame.Surface | None = None
        self.outcome_lines: list[str] = []
        self._update_tickets()

    # --- state ---------------------------------------------------------------------------------

    @property
    def state(self) -> engine.State:
        return self.session.state

    def _update_tickets(self) -> None:
        self.tickets: dict[str, str] = {}
        self.ticket_tags: dict[str, str | None] = {}  # "imagined" under a refusal the article imagined
        for e in self.state.log:
            if e["t"] == "service":
                self.tickets[e["service"]] = e["outcome"]
                self.ticket_tags[e["service"]] = narrate.reality_tag(self.level, e)
        acts = [e for e in self.state.log if e["t"] == "act" and e["judged"]]
        self.last_roll: Mapping[str, Any] | None = acts[-1] if acts else None
        self.played = sum(1 for e in self.state.log if e["t"] == "decision" and e["kind"] == "card")

    def choose(self, index: int) -> None:
        self.score_from = self.state.score
        counted = dict(self.state.counters)
        self.events = self.session.choose(index)
        self.outcome_lines = narrate.decision_lines(self.level, self.events) \
            + narrate.counter_lines(self.level, counted, self.state.counters, self.counters_told)
        closed = narrate.market_closed_line(self.level, self.events, self.counters_told)
        self.outcome_lines += [closed] if closed else []
        rolls = [e for e in self.events if e["t"] == "act" and e["judged"]]
        self._update_tickets()
        if rolls:
            self.last_roll = rolls[-1]
            self.roll_anim = Anim(self.app)
            self.app.play("roll")
        self.stamped = {e["service"] for e in self.events if e["t"] == "service"}
        if self.stamped:
            self.stamp_anim = Anim(self.app)
            self.app.play("stamp")
        self.phase = "outcome"
        self.layout()

    def proceed(self) -> None:
        """After reading the outcome: the month summary if the month ended, then the next decision."""
        month_end = next((e for e in self.events if e["t"] == "month_end"), None)
        if month_end is not None:
            self.app.push("month_summary", month_end["month"], self.next_decision)
            return
        self.next_decision()

    def end_now(self) -> None:
        """End the year where it stands (a choice the log and the game code keep), then its end screen."""
        if not self.state.over:
            self.session.choose(engine.END_NOW)
        self.app.replace("end", self.session)

    def next_decision(self) -> None:
        if self.state.over:
            self.app.replace("end", self.session)
            return
        self.phase = "decide"
        self.events = []
        self.score_from = self.state.score
        self.card_anim = Anim(self.app)
        self.app.play("draw")
        self.layout()

    # --- layout --------------------------------------------------------------------------------

    def layout(self) -> None:
        th = self.app.theme
        decision = self.session.decision
        n = len(decision.options) if decision and self.phase == "decide" else 1
        self.areas = areas(th, max(n, 2) if self.phase == "decide" else 3)
        self.track_cache = None
        buttons = []
        if self.phase == "decide" and decision:
            # chips that do not fit one line lose their meter names; if they still do not, they wrap
            room = chip_room(th, self.areas.choices, "1")
            card = decision.card
            chips = [option_chips(self.level, o, card=card) for o in decision.options]
            chips = [c if chip_lines(th, c, room) == 1 else option_chips(self.level, o, compact=True, card=card)
                     for c, o in zip(chips, decision.options, strict=True)]
            lines = [chip_lines(th, c, room) for c in chips]
            if sum(lines) > len(lines):
                self.areas = areas(th, max(n, 2), sum(lines) - len(lines))
            y = self.areas.choices.top
            for i, option in enumerate(decision.options):
                rect = pygame.Rect(self.areas.choices.left, y, self.areas.choices.width, choice_height(th, lines[i]))
                buttons.append(Button(narrate.option_label(option, self.level), partial(self.choose, i), rect,
                                      key=str(i + 1), detail=chips[i], chip_lines=lines[i],
                                      enabled=option.get("available", True), cap=CARD_CAP))
                y = rect.bottom + th.space("s")
            same = getattr(self, "_laid_out_for", None) == len(self.state.log)  # a resize, not a new card
            self.focus.set(buttons, keep_focus=same, start=None)  # a choice takes a number, a click, or a move
            self._laid_out_for = len(self.state.log)
        else:
            rect = pygame.Rect(0, 0, th.px(190), th.button_h(56))
            rect.bottomright = (self.areas.choices.right, self.areas.choices.bottom)
            self.focus.set([Button(_("Continue"), self.proceed, rect, key="")], keep_focus=False)

    def overflows(self) -> list[str]:
        """What does not fit its box as laid out now (the preview test asks): empty when everything fits."""
        th = self.app.theme
        out = []
        card = self._shown_card()
        if card is not None:
            lay = card_layout(th, self.areas.card, card.title, card.text)
            if text.font(lay.title_px, "bold").size(card.title)[0] > lay.title.width:
                out.append(f"the title of '{card.id}'")
            if lay.body_px is None:
                out.append(f"the text of '{card.id}'")
            if not self._header(th, lay.header, card).fits:
                out.append(f"the strip of '{card.id}'")
        small = th.text_px("small", SIDE_CAP)
        room = self.areas.right.width - th.px(40) - 2 * th.space("s")  # a ticket's label before it is stamped
        for service in self.level.services.values():
            if text.font(small).size(service.label)[0] > room:
                out.append(f"the service '{service.label}'")
        if self.phase == "decide":
            for button in self.focus.buttons:
                if not button_fits(th, button):
                    out.append(f"the choice '{button.label}'")
        elif not outcome_fits(th, self._outcome_box(th), self.outcome_lines):
            out.append(f"the outcome ({' / '.join(self.outcome_lines)})")
        return out

    # --- input ---------------------------------------------------------------------------------

    def animating(self) -> bool:
        return not (self.card_anim.done and self.roll_anim.done and self.stamp_anim.done)

    def busy(self) -> bool:
        return self.animating()

    def handle(self, event: pygame.event.Event) -> None:
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN) and self.animating():
            for anim in (self.card_anim, self.roll_anim, self.stamp_anim):
                anim.skip()
            return
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_r:
                self.app.push("rulebook", self.state.policies)
                return
            if event.key == pygame.K_ESCAPE:
                self.app.push("menu")
                return
        self.focus.handle(event)

    def update(self, dt_ms: int) -> None:
        for anim in (self.card_anim, self.roll_anim, self.stamp_anim):
            anim.update(dt_ms)

    # --- drawing -------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        th = self.app.theme
        a = self.areas
        self.draw_top(surface, th, a.top)
        self.draw_track(surface, th, a.track)
        self.draw_left(surface, th, a.left)
        self.draw_right(surface, th, a.right)
        self.draw_card(surface, th, a.card)
        if self.phase == "outcome":
            self.draw_outcome(surface, th)
        self.focus.draw(surface, th)

    def draw_top(self, surface, th: Theme, rect: pygame.Rect) -> None:
        p = th.palette
        size = th.text_px("small", SIDE_CAP)
        months = self.level.months
        cell = min(th.px(40), (rect.width // 2) // max(months, 1))
        goal_month = self.level.characters[self.state.character].goal.by
        first, last = self._shown_span()
        size, names = month_labels(self.level, th, size, cell - th.px(8))
        for i in range(months):
            box = pygame.Rect(rect.left + i * cell, rect.top, cell - th.px(4), rect.height)
            month = i + 1
            now = first <= month <= last
            fill = p.accent if now else p.paper if month > last else p.on_table_soft
            pygame.draw.rect(surface, fill, box, border_radius=th.px(5))
            text.draw_line(surface, names[i], box.center, size, p.ink, "bold" if now else "regular", anchor="center")
            if month == goal_month:
                draw_icon(surface, "flag", (box.right - th.px(6), box.top + th.px(7)), th.px(13), p.denied)
        who = self.level.characters[self.state.character]
        when = narrate.goal_status(self.level, SimpleNamespace(goal_reached=self.state.goal_reached,
                                                               character=self.state.character, month=last))
        x = rect.right
        for label, key in ((_("rules"), "R"), (_("menu"), "Esc")):
            r = text.draw_line(surface, label, (x, rect.centery), size, p.on_table_soft, anchor="midright")
            badge = badge_rect(key, th)
            badge.midright = (r.left - th.space("xs"), rect.centery)
            key_badge(surface, key, badge.center, th, p.paper, p.ink)
            x = badge.left - th.space("m")
        text.draw_line(surface, f"{who.name} · {when}", (x - th.space("s"), rect.centery),
                       th.text_px("body", SIDE_CAP), p.on_table, "bold", anchor="midright",
                       max_width=x - th.space("l") - rect.left - months * cell)

    def draw_track(self, surface, th: Theme, rect: pygame.Rect) -> None:
        p = th.palette
        rb = self.level.rulebook
        if rb.score is None:
            panel(surface, rect, th)
            banner, box = narrate.no_score_banner(self.level), rect.inflate(-2 * th.space("m"), -th.space("s"))
            body = th.text_px("body")
            size = text.fit_size(banner, box.width, box.height, body, max(8, body * 2 // 3)) or max(8, body * 2 // 3)
            high = text.block_height(banner, size, box.width)
            text.draw_block(surface, banner, pygame.Rect(box.left, box.centery - high // 2, box.width, high), size,
                            p.ink, align="center")
            return
        lo, hi = score_window(rb)
        small = th.text_px("small", SIDE_CAP)
        number_px = th.text_px("h3", SIDE_CAP)
        label_w = text.font(number_px, "bold").size("0000")[0] + text.font(small).size(_("grade A"))[0] \
            + th.space("l")
        top = rect.top + text.line_height(small)
        bar = pygame.Rect(rect.left + label_w, top, rect.width - label_w - th.px(16),
                          max(th.px(20), rect.bottom - top - th.px(20)))

        def x_of(score: float) -> int:
            score = max(lo, min(hi, score))
            return bar.left + round((score - lo) / (hi - lo) * bar.width)

        if self.track_cache is None or self.track_cache.get_size() != rect.size:
            cache = pygame.Surface(rect.size, pygame.SRCALPHA)
            local = bar.move(-rect.left, -rect.top)
            upper = hi
            for g in rb.grades:
                left = x_of(max(g.min, lo)) - rect.left
                right = x_of(upper) - rect.left
                band = pygame.Rect(left, local.top, max(0, right - left), local.height)
                if band.width > 0:
                    color = p.bands.get(g.grade, p.paper)
                    pygame.draw.rect(cache, color, band)
                    shade = tuple(max(0, c - 45) for c in color)
                    pattern(cache, band, BAND_PATTERNS.get(g.grade, "plain"), shade, th.px(12))
                    letter = text.render(g.grade, min(small + 4, local.height), p.ink, "bold")
                    tag = letter.get_rect(center=band.center)
                    pygame.draw.rect(cache, p.paper, tag.inflate(th.px(10), 0), border_radius=th.px(4))
                    cache.blit(letter, tag)
                    if g.min > lo:
                        num = text.render(str(g.min), small, p.on_table_soft)
                        cache.blit(num, num.get_rect(midbottom=(left, local.top - th.px(1))))
                upper = g.min
            pygame.draw.rect(cache, p.paper_edge, local, width=th.px(2), border_radius=th.px(3))
            cache.blit(text.render(rb.score.label, small, p.on_table_soft), (0, 0))
            self.track_cache = cache
        surface.blit(self.track_cache, rect.topleft)
        # the token: a marker across the bar and a pawn under it, so it never hides a band's letter
        t = self.roll_anim.t if self.phase == "outcome" else 1.0
        score = self.score_from + (self.state.score - self.score_from) * t
        cx = x_of(score)
        pygame.draw.line(surface, p.ink, (cx, bar.top - th.px(3)), (cx, bar.bottom + th.px(2)), th.px(4))
        pygame.draw.line(surface, p.accent, (cx, bar.top - th.px(3)), (cx, bar.bottom + th.px(2)), th.px(2))
        radius = th.px(9)
        cy = bar.bottom + radius + th.px(1)
        pygame.draw.circle(surface, p.accent, (cx, cy), radius)
        pygame.draw.circle(surface, p.ink, (cx, cy), radius, th.px(2))
        number = text.draw_line(surface, str(round(score)), (rect.left, bar.centery + th.px(4)), number_px,
                                p.on_table, "bold", anchor="midleft")
        words = _("grade {g}").format(g=grade_of(rb, round(score), self.state.policies))
        text.draw_line(surface, words, (number.right + th.space("s"), number.centery), small, p.on_table_soft,
                       anchor="midleft")

    def draw_left(self, surface, th: Theme, rect: pygame.Rect) -> None:
        p = th.palette
        panel(surface, rect, th)
        pad = th.space("m")
        x, y = rect.left + pad, rect.top + pad
        width = rect.width - 2 * pad
        small = th.text_px("small", SIDE_CAP)
        size = th.text_px("body", SIDE_CAP)
        text.draw_line(surface, _("You"), (x, y), small, p.ink_soft, "bold")
        y += text.line_height(small)
        for meter in self.level.meters.values():
            value = self.state.meters[meter.id]
            draw_icon(surface, meter.icon, (x + size // 2, y + size // 2 + th.px(2)), size, p.ink)
            text.draw_line(surface, meter.label, (x + size + th.space("s"), y), size, p.ink,
                           max_width=width - size - th.space("s"))
            y += text.line_height(size)
            number = text.font(small, "bold").size(f"{meter.max}/{meter.max}")[0]
            bar = pygame.Rect(x, y + th.px(4), width - number - th.space("s"), th.px(10))
            pygame.draw.rect(surface, p.paper_edge, bar, border_radius=th.px(5))
            span = max(1, meter.max - meter.min)
            fill = bar.copy()
            fill.width = round(bar.width * (value - meter.min) / span)
            pygame.draw.rect(surface, p.ink_soft, fill, border_radius=th.px(5))
            pygame.draw.rect(surface, p.ink_soft, bar, width=1, border_radius=th.px(5))  # the whole track shows
            if span <= 20:
                for k in range(1, span):
                    tx = bar.left + round(bar.width * k / span)
                    pygame.draw.line(surface, p.paper, (tx, bar.top), (tx, bar.bottom))
            text.draw_line(surface, f"{value}/{meter.max}", (rect.right - pad, bar.centery), small, p.ink, "bold",
                           anchor="midright")
            y = bar.bottom + th.space("m")
        for heading, words in ((_("What matters to you"), ", ".join(self.level.values[v].label
                                                                      for v in self.state.values)),
                               (_("Your goal"), self.level.characters[self.state.character].goal.text)):
            pygame.draw.line(surface, p.paper_edge, (x, y), (rect.right - pad, y), th.px(2))
            y += th.space("s")
            text.draw_line(surface, heading, (x, y), small, p.ink_soft, "bold", max_width=width)
            y += text.line_height(small)
            room = pygame.Rect(x, y, width, rect.bottom - pad - y)
            fit = text.fit_size(words, width, room.height, size, th.min_text_px()) or th.min_text_px()
            clip = surface.get_clip()
            surface.set_clip(room)
            y += text.draw_block(surface, words, room, fit, p.ink) + th.space("s")
            surface.set_clip(clip)

    def draw_right(self, surface, th: Theme, rect: pygame.Rect) -> None:
        p = th.palette
        small = th.text_px("small", SIDE_CAP)
        # the deck and the discard pile
        pile_h, pile_w = th.px(74), th.px(50)
        deck_left = len([c for c in self.state.deck if self.level.cards[c].when.deck])
        half = rect.width // 2
        for i, (label, count) in enumerate(((_("Deck"), deck_left), (_("Played"), self.played))):
            base = pygame.Rect(rect.left + i * half, rect.top, pile_w, pile_h)
            for k in range(min(3, count // 8 + 1) if count else 0):
                layer = base.move(th.px(3) * k, -th.px(3) * k)
                panel(surface, layer, th, color=p.paper if i else p.bands["B"], radius=th.px(6), shadow=k == 0)
            if not count:
                pygame.draw.rect(surface, p.on_table_soft, base, width=th.px(2), border_radius=th.px(6))
            tx = base.right + th.space("s")
            text.draw_line(surface, label, (tx, base.top), small, p.on_table_soft,
                           max_width=rect.left + (i + 1) * half - tx)
            text.draw_line(surface, str(count), (tx, base.top + text.line_height(small)),
                           th.text_px("h3", SIDE_CAP), p.on_table, "bold")
        # the die
        y = rect.top + pile_h + th.space("l")
        die = pygame.Rect(rect.left, y, th.px(74), th.px(74))
        panel(surface, die, th, radius=th.px(12))
        tx = die.right + th.space("s")
        tw = rect.right - tx
        roll = self.last_roll
        text.draw_line(surface, _("Detection roll"), (tx, die.top), small, p.on_table_soft, max_width=tw)
        if roll is None:
            text.draw_line(surface, "d100", die.center, th.px(24), p.ink_soft, "bold", anchor="center")
            text.draw_line(surface, _("none yet"), (tx, die.top + text.line_height(small)), small,
                           p.on_table_soft, max_width=tw)
        else:
            rolling = not self.roll_anim.done
            shown = (self.roll_anim.elapsed * 37) % 100 + 1 if rolling else roll["roll"]
            text.draw_line(surface, str(shown), die.center, th.px(36), p.ink, "bold", anchor="center")
            chance = round(roll["chance"] * 100)
            odds = _("always seen") if chance >= 100 else _("seen on {n} or less").format(n=chance)
            text.draw_line(surface, odds, (tx, die.top + text.line_height(small)), small, p.on_table_soft,
                           max_width=tw)
            if not rolling:
                word = _("SEEN") if roll["caught"] else _("NOT SEEN")
                color = p.denied if roll["caught"] else p.granted
                drawn = text.render(word, small, p.paper, "bold")
                where = drawn.get_rect(topleft=(tx + th.px(6), die.top + 2 * text.line_height(small) + th.px(4)))
                pygame.draw.rect(surface, color, where.inflate(th.px(12), th.px(4)), border_radius=th.px(5))
                surface.blit(drawn, where)
        # the service tickets
        y = die.bottom + th.space("l")
        text.draw_line(surface, _("Services"), (rect.left, y), small, p.on_table_soft, "bold")
        y += text.line_height(small)
        n = len(self.level.services)
        ticket_h = min(th.px(58), (rect.bottom - y - (n - 1) * th.space("s")) // max(n, 1))
        for service_id, service in self.level.services.items():
            ticket = pygame.Rect(rect.left, y, rect.width, ticket_h)
            panel(surface, ticket, th, radius=th.px(4), shadow=False)
            stub = ticket.left + th.px(40)
            pygame.draw.line(surface, p.paper_edge, (stub, ticket.top + th.px(4)), (stub, ticket.bottom - th.px(4)))
            draw_icon(surface, service.icon, (ticket.left + th.px(20), ticket.centery), th.px(22), p.ink)
            outcome = self.tickets.get(service_id)
            room = ticket.right - stub - th.space("s") - (th.px(110) if outcome else th.space("s"))
            tag = self.ticket_tags.get(service_id)
            if tag and ticket_h >= 2 * text.line_height(small):
                text.draw_line(surface, service.label, (stub + th.space("s"), ticket.centery), small, p.ink,
                               anchor="bottomleft", max_width=room)
                text.draw_line(surface, tag, (stub + th.space("s"), ticket.centery), small, p.ink_soft,
                               "italic", anchor="topleft", max_width=room)
            else:
                text.draw_line(surface, service.label, (stub + th.space("s"), ticket.centery), small, p.ink,
                               anchor="midleft", max_width=room)
            if outcome:
                color = {"granted": p.granted, "delayed": p.delayed, "denied": p.denied}[outcome]
                # a fresh stamp comes down on the ticket: large, then its own size
                grow = 1 + (1 - self.stamp_anim.t) * 0.9 if service_id in self.stamped else 1
                stamp(surface, _(narrate.OUTCOME_WORDS[outcome]), (ticket.right - th.px(58), ticket.centery), th, color,
                      round(th.px(17) * grow))
            y = ticket.bottom + th.space("s")

    def draw_card(self, surface, th: Theme, rect: pygame.Rect) -> None:
        p = th.palette
        decision = self.session.decision if self.phase == "decide" else None
        card = self._shown_card()
        offset = round((1 - self.card_anim.t) * th.px(260))
        rect = rect.move(offset, 0)
        if card is None:
            period = narrate.word(self.level, "period")
            title, body, category, source = (_(CIVIC_TITLE).format(period=period), _(CIVIC_TEXT).format(
                period=period), "civic", None)
            if decision is None and self.phase == "decide":
                body = ""
        else:
            title, body, category, source = card.title, card.text, card.category, card.source
        lay = card_layout(th, rect, title, body)
        panel(surface, rect, th)
        cat = self.level.categories.get(category)
        pygame.draw.rect(surface, p.ink, lay.header.inflate(-2 * th.px(2), 0).move(0, th.px(2)),
                         border_top_left_radius=th.px(9), border_top_right_radius=th.px(9))
        small = th.text_px("small", CARD_CAP)
        month = self._month_words()
        head = self._header(th, lay.header, card)
        if cat:
            icon_px = small + th.px(4)
            hx = lay.header.left + th.space("l")
            draw_icon(surface, cat.icon, (hx + icon_px // 2, lay.header.centery), icon_px, p.paper)
            text.draw_line(surface, head.words, (hx + icon_px + th.space("s"), lay.header.centery), small, p.paper,
                           "bold", anchor="midleft", max_width=head.words_room)
        if head.badge is not None:  # an unexpected need: a tag in the month's colour, before the month
            pygame.draw.rect(surface, p.accent, head.badge, border_radius=th.px(5))
            text.draw_line(surface, narrate.need_tag(self.state, card).upper(), head.badge.center, small, p.ink,
                           "bold", anchor="center")
        text.draw_line(surface, month, (lay.header.right - th.space("l"), lay.header.centery),
                       small, p.accent, "bold", anchor="midright")
        text.draw_line(surface, title, lay.title.topleft, lay.title_px, p.ink, "bold")
        if body:
            text.draw_block(surface, body, lay.body, lay.body_px or th.min_text_px(), p.ink)
        if source is not None:
            words = _("Source: {label}").format(label=_(narrate.SOURCE_WORDS[source.label]))
            text.draw_line(surface, words, lay.source.topleft, th.text_px("small", CARD_CAP), p.ink_soft, "italic",
                           max_width=lay.source.width)
        elif card is None and self.state.offers:
            labels = sorted({narrate.SOURCE_WORDS[self.level.civic[a].source.label] for a in self.state.offers})
            words = _("Sources: {labels}").format(labels="; ".join(_(w) for w in labels))
            text.draw_line(surface, words, lay.source.topleft, th.text_px("small", CARD_CAP), p.ink_soft, "italic",
                           max_width=lay.source.width)

    def _month_words(self) -> str:
        """The month on the card's strip: "SEPTEMBER", or a round of a short year: "MAR–APR"."""
        first, last = self._shown_span()
        month = narrate.month_name(self.level, last)
        if first != last:
            month = f"{narrate.month_name(self.level, first)[:3]}–{month[:3]}"
        return month.upper()

    def _header(self, th: Theme, header: pygame.Rect, card) -> CardHeader:
        """The card's strip as drawn: the category and place, a need's badge, the month."""
        category = self.level.categories[card.category] if card is not None else self.level.categories.get("civic")
        place = card.place if card is not None else None
        left = header.left + th.space("l") + th.text_px("small", CARD_CAP) + th.px(4) + th.space("s")
        return card_header(th, header, left, category.label if category else "",
                           self.level.places[place].label if place else "", self._month_words(),
                           narrate.need_tag(self.state, card).upper())

    def _shown_span(self) -> tuple[int, int]:
        """The months the board shows: the round just played while its outcome and summary are on
        screen, so the board moves on only after the month's summary."""
        month = self.state.month
        played = next((e for e in self.events if e["t"] == "decision"), None)
        if self.phase == "outcome" and played is not None:
            month = played["month"]
        ends = engine.calendar(self.level, self.state)
        earlier = [m for m in ends if m < month]
        return (earlier[-1] + 1 if earlier else 1), month

    def _shown_card(self):
        """The card on the table: the pending one, or the one just played while its outcome shows."""
        if self.phase == "decide":
            decision = self.session.decision
            return decision.card if decision else None
        played = next((e for e in self.events if e["t"] == "decision"), None)
        if played and played["card"]:
            return self.level.cards[played["card"]]
        return None

    def _outcome_box(self, th: Theme) -> pygame.Rect:
        """Beside the Continue button; a long outcome grows the box up over the card's text, never past its title."""
        area = self.areas.choices
        button = self.focus.buttons[0].rect
        box = pygame.Rect(area.left, area.top, button.left - th.space("m") - area.left, area.height)
        need = outcome_height(th, box.width, self.outcome_lines)
        if need > box.height:
            card = card_layout(th, self.areas.card, "", "")
            box.top = max(card.title.bottom + th.space("s"), box.bottom - need)
            box.height = area.bottom - box.top
        return box

    def draw_outcome(self, surface, th: Theme) -> None:
        p = th.palette
        box = self._outcome_box(th)
        panel(surface, box, th, color=p.button)
        pad = th.space("m")
        inner = box.inflate(-2 * pad, -2 * pad)
        first, rest = (self.outcome_lines[0].removeprefix("> "), self.outcome_lines[1:]) \
            if self.outcome_lines else ("", [])
        y = inner.top + text.draw_block(surface, first, inner, th.text_px("label"), p.ink, "bold")
        inner.height -= y - inner.top
        inner.top = y + th.space("xs")
        words = "\n".join(rest)
        size = text.fit_size(words, inner.width, inner.height, th.text_px("body"), th.min_text_px()) \
            or th.min_text_px()
        text.draw_block(surface, words, inner, size, p.ink)
