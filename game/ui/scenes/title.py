"""The title screen: new game, continue, settings, sources, quit; the level and the class seed code."""

from __future__ import annotations

import sys
from pathlib import Path

import pygame

from game.content.locate import LevelNotFound, all_levels, find_level
from game.draw import text
from game.draw.shapes import panel
from game.draw.theme import SIDE_CAP
from game.play.paths import SEED_MAX, SeedError, new_seed, normalise_seed
from game.play.saves import SaveError, list_saves
from game.play.seeds import class_seed, with_length, year_length
from game.ui.scene import Scene, register
from game.ui.widgets import Button, FocusGroup, badge_rect, button_width, key_badge
from game.words.i18n import _

SHORT_YEAR = 6  # months: one lesson with its debrief
SEED_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")


@register("title")
class TitleScene(Scene):
    def __init__(self, app, message: str = "") -> None:
        super().__init__(app)
        self.focus = FocusGroup()
        self.message = message
        self.seed = (app.seed or "").upper()
        asked = getattr(app, "months", None)  # --months on the command line
        self.short_months = asked if asked and asked < 12 else SHORT_YEAR
        self.short = bool(asked and asked < 12) or year_length(self.seed, 12) < 12
        self.editing_seed = False
        self.level_paths: list[Path] | None = None  # the levels PgUp/PgDn go through, found when first asked
        self.drawn = False
        self.focused_once = False
        self.has_save = False
        self._check_save()

    def _check_save(self) -> None:
        """Which unfinished years of this level are kept; a save that cannot be used is moved aside and said."""
        years, notes = list_saves(self.app.data_dir)  # not the session module: it brings the rules
        self.saved_years = [s for s in years if s.level == self.app.level_id]
        self.has_save = bool(self.saved_years)
        others = sorted({s.level for s in years if s.level != self.app.level_id})
        lines = list(notes)
        if len(self.saved_years) > 1:
            lines.append(_("{n} unfinished years of this level are kept on this computer; Continue asks which "
                           "one is yours.").format(n=len(self.saved_years)))
        if others:
            lines.append(_("Unfinished years are also kept in: {levels} (PgUp/PgDn).").format(levels=", ".join(others)))
        if lines:
            self.message = " ".join(lines)

    def layout(self) -> None:
        """Stack title, level card, buttons, message and footer, sized from the type scale."""
        th = self.app.theme
        w, h = th.size
        self.tagline = self._tagline()
        self.sizes = {"title": th.text_px("display", 1.0), "sub": th.text_px("h3", SIDE_CAP),
                      "small": th.text_px("small", SIDE_CAP), "name": th.text_px("h3", SIDE_CAP)}
        small_h = text.line_height(self.sizes["small"])
        name_h = text.line_height(self.sizes["name"], "bold")
        pad = th.space("l")
        box_h = 2 * pad + small_h + name_h + th.space("s") + badge_rect("Pg", th).height
        bw, bh = th.px(400), th.button_h(50)
        playable = not self.app.level_error
        full = self._full()
        length = self._length_label(self.short_months if self.short else full)
        labels = [
            (_("New game"), self.new_game, playable),
            (_("Continue"), self.resume, self.has_save and playable),
            (length, self.toggle_length, playable),
            (_("Two-minute check: on") if self.app.check else _("Two-minute check: off"), self.toggle_check, playable),
            (_("Settings"), self.settings, True),
            (_("Sources and about"), self.sources, True),
            (_("Quit"), self.quit, True),
        ]
        message_h = 2 * text.line_height(th.text_px("body")) if self.message else 0
        fixed = (text.line_height(self.sizes["title"], "bold") + text.line_height(self.sizes["sub"]) + box_h
                 + len(labels) * bh + message_h + small_h)
        gap = max(th.space("xs"), min(th.space("l"), (h - fixed) // (len(labels) + 6)))
        y = gap * 2
        self.title_y = y
        y += text.line_height(self.sizes["title"], "bold")
        self.sub_y = y
        y += text.line_height(self.sizes["sub"]) + gap
        self.box = pygame.Rect(0, 0, min(w - 2 * pad, th.px(660)), box_h)
        self.box.midtop = (w // 2, y)
        y = self.box.bottom + gap * 2
        bw = min(max(bw, *(button_width(label, th) for label, _a, _e in labels)), w - 2 * pad)
        buttons = []
        small_gap = max(th.space("xs"), gap // 2)
        footer = text.line_height(self.sizes["small"]) + th.space("s")
        columns = 1 if y + len(labels) * (bh + small_gap) + message_h + footer <= h else 2  # large text: a grid
        bw = bw if columns == 1 else min(bw, (w - 2 * pad - small_gap) // 2)
        for i, (label, action, enabled) in enumerate(labels):
            b = Button(label, action, pygame.Rect(0, 0, bw, bh), enabled=enabled)
            col = i % columns
            twice_x = 2 * (w // 2) + (2 * col - (columns - 1)) * (bw + small_gap)  # a half pixel rounds up
            b.rect.midtop = ((twice_x + 1) // 2, y)
            if col == columns - 1:
                y += bh + small_gap
            buttons.append(b)
        if len(labels) % columns:
            y += bh + small_gap
        self.message_rect = pygame.Rect(th.px(60), y + gap, w - th.px(120), message_h)
        self._place_level_card(th)
        self.focus.set(buttons)
        if not self.focused_once:  # the first layout picks the default; later ones keep the player's focus
            self.focused_once = True
            if self.has_save and playable and not self.app.new and not self.seed:
                self.focus.focus = 1

    DEFAULT_TAGLINE = "One year under a social credit score"  # narrate.LEVEL_WORDS' own (a test holds them equal)

    def _tagline(self) -> str:
        """The level's tagline once it is read; before, the engine's default, without importing the rules."""
        if not self.app.level_loaded:
            return _(self.DEFAULT_TAGLINE)
        from game.words import narrate

        return narrate.word(self.app.level, "tagline")

    def update(self, dt_ms: int) -> None:
        """Read the level once the title is on screen, so the window opens as fast as pygame allows;
        it loads on a worker thread, and the title takes it (and lays out again) once it is ready."""
        if self.drawn and not self.app.level_loaded and not self.app.level_error and self.app.level_ready():
            self._level_ok()
            self.layout()

    def busy(self) -> bool:
        """While the level loads, keep the loop turning, so the title takes it as soon as it is ready."""
        return self.drawn and not self.app.level_loaded and not self.app.level_error

    def _level_ok(self) -> bool:
        """Load the level if needed; on problems, say so here and on stderr, and return False."""
        from game.content.level import ContentError  # here: the title is drawn before the level is read

        if self.app.level_loaded:
            return True
        if not self.app.level_error:
            try:
                self.app.level  # noqa: B018 - loads it
                return True
            except ContentError as exc:
                self.app.level_error = _("The level '{id}' has problems and cannot be played:").format(
                    id=self.app.level_id) + " " + str(exc.problems[0])
                print(self.app.level_error, file=sys.stderr)
                for problem in exc.problems:
                    print(f"  {problem}", file=sys.stderr)
        self.message = self.app.level_error
        return False

    # --- actions -------------------------------------------------------------------------------

    def new_game(self) -> None:
        if not self._level_ok():
            self.layout()
            return
        try:
            seed = normalise_seed(self.seed) if self.seed.strip("-") else new_seed()
        except SeedError as exc:
            self.message = _("This seed code cannot be used: {why}").format(why=exc)
            self.layout()
            return
        from game.play import classcode

        if classcode.is_split(seed):
            joined = self._join_half(seed)
            if joined is None:
                return
            seed = joined
        level = self.app.level
        asked = self.app.settings.left_out + getattr(self.app, "leave_out", [])  # the setting, or --leave-out
        full = self._full()
        months = self.short_months if self.short else full
        if self.short and year_length(seed, full) < full:
            months = year_length(seed, full)  # a length typed in the seed (-4M) is the class's
        self.app.push("character", class_seed(level, seed, months, asked))

    def _length_label(self, n: int) -> str:
        """"Full year: 12 months", or in the level's own words ("Full term: 10 weeks") once it is read."""
        year, periods = "year", f"{n} months"
        if self.app.level_loaded:
            from game.words import narrate

            year, periods = narrate.word(self.app.level, "year"), narrate.periods(self.app.level, n)
        text = _("Short {year}: {periods}") if self.short else _("Full {year}: {periods}")
        return text.format(year=year, periods=periods)

    def _full(self) -> int:
        return self.app.level.months if self.app.level_loaded else 12

    def toggle_length(self) -> None:
        """A short year for one lesson, or the full year; the seed shown carries the length (-6M)."""
        self.short = not self.short
        if self.seed.strip("-"):
            full = self._full()
            self.seed = with_length(self.seed, self.short_months if self.short else full, full)
        self.layout()

    def toggle_check(self) -> None:
        """The two-minute check before the year and after the debrief, for anyone (a class code can ask too)."""
        self.app.check = not self.app.check
        self.layout()

    def _join_half(self, seed: str) -> str | None:
        """A split class code: play under the score or under the control level, as the code places you.
        Returns the class's seed (the student's number taken out), or None after saying what is wrong."""
        from game.content.level import ContentError, load_level
        from game.play import classcode

        try:
            placement = classcode.place(self.app.level, seed)
            if placement.level_id != self.app.level_id:
                self.app.level = load_level(find_level(placement.level_id))
        except (classcode.SplitError, LevelNotFound, ContentError) as exc:
            shown = exc.problems[0] if isinstance(exc, ContentError) else exc
            self.message = _("This class code cannot be used here: {why}").format(why=shown)
            self.layout()
            return None
        return placement.seed

    def resume(self) -> None:
        """Continue a kept year of this level: the only one, or the one the player picks from the list."""
        if not self._level_ok():
            self.layout()
            return
        if len(self.saved_years) > 1:
            self.app.push("years", self.saved_years, self.open_year)
        elif self.saved_years:
            self.open_year(self.saved_years[0])

    def open_year(self, saved) -> None:
        """Open one kept year; one that no longer fits is moved aside and said, and the others stay."""
        from game.play.session import Session

        try:
            session = Session.open(self.app.level, self.app.data_dir, saved)
        except SaveError as exc:
            self._check_save()
            self.message = str(exc)
            self.focus.focus = 0
            self.layout()
            return
        self.app.reset("end" if session.state.over else "table", session)

    def settings(self) -> None:
        self.app.push("settings")

    def sources(self) -> None:
        if not self._level_ok():
            self.layout()
            return

        self.app.push("sources")

    def quit(self) -> None:
        self.app.running = False

    def switch_level(self, step: int) -> None:
        from game.content.level import ContentError, load_level

        if self.level_paths is None:
            self.level_paths = all_levels()
        if len(self.level_paths) < 2:
            return
        ids = [p.name for p in self.level_paths]
        i = ids.index(self.app.level_id) if self.app.level_id in ids else 0
        path = self.level_paths[(i + step) % len(ids)]
        try:
            self.app.level = load_level(path)
            self.message = ""
        except ContentError as exc:
            self.message = _("The level '{id}' has problems: {first}").format(id=path.name, first=exc.problems[0])
            return
        self._check_save()
        self.layout()

    # --- input ---------------------------------------------------------------------------------

    def _place_level_card(self, th) -> None:
        """Where the level's name, its PgUp/PgDn hint and the seed field go: the click areas are set here,
        never while drawing."""
        box, sz, pad = self.box, self.sizes, th.space("l")
        small_h = text.line_height(sz["small"])
        half = box.width // 2 - pad
        self.name_px = sz["name"]  # a long level title is set smaller rather than cut (down to the smallest size)
        while self.name_px > th.min_text_px() and text.font(self.name_px, "bold").size(self.app.level_title)[0] > half:
            self.name_px -= 1
        name_w = min(text.font(self.name_px, "bold").size(self.app.level_title)[0], half)
        self.title_rect = pygame.Rect(box.left + pad, box.top + pad + small_h, name_w,
                                      text.line_height(sz["name"], "bold"))
        many = self.level_paths is None or len(self.level_paths) > 1
        self.arrows = [(self.title_rect.inflate(th.px(10), th.px(10)), 1)] if many else []
        sx = box.centerx + pad // 2
        field_h = text.line_height(sz["name"], "bold") + th.space("xs")
        self.seed_rect = pygame.Rect(sx, box.top + pad + small_h, box.right - pad - sx, field_h)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.editing_seed = False
                return
            if event.key == pygame.K_PAGEUP or (event.key == pygame.K_l and event.mod & pygame.KMOD_CTRL):
                self.switch_level(-1)
                return
            if event.key == pygame.K_PAGEDOWN:
                self.switch_level(1)
                return
            if event.key == pygame.K_BACKSPACE:
                self.seed = self.seed[:-1]
                return
            char = event.unicode.upper() if event.unicode else ""
            if char and char in SEED_CHARS:
                self.editing_seed = True
                self.focus.focus = 0  # a new seed means a new game, not the saved one
                if len(self.seed) < SEED_MAX:
                    self.seed += char
                if year_length(self.seed, self._full()) < self._full() and not self.short:
                    self.short, self.short_months = True, year_length(self.seed, self._full())
                    self.layout()
                return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if self.seed_rect.collidepoint(event.pos):
                self.editing_seed = True
                return
            for rect, step in self.arrows:
                if rect.collidepoint(event.pos):
                    self.switch_level(step)
                    return
        self.focus.handle(event)

    # --- drawing -------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        self.drawn = True
        th = self.app.theme
        p = th.palette
        w, h = th.size
        sz = self.sizes
        text.draw_line(surface, _("MODEL CITIZEN"), (w // 2, self.title_y), sz["title"], p.on_table, "bold",
                       anchor="midtop")
        text.draw_line(surface, self.tagline, (w // 2, self.sub_y), sz["sub"],
                       p.on_table_soft, anchor="midtop")
        # the level and the class seed, on a small card
        box = self.box
        panel(surface, box, th)
        pad = th.space("l")
        half = box.width // 2 - pad
        text.draw_line(surface, _("Level"), (box.left + pad, box.top + pad), sz["small"], p.ink_soft)
        title_rect = text.draw_line(surface, self.app.level_title, self.title_rect.topleft, self.name_px, p.ink, "bold",
                                    max_width=half)
        if self.arrows:
            hint = badge_rect(_("PgUp/PgDn"), th)
            hint.topleft = (box.left + pad, title_rect.bottom + th.space("s"))
            key_badge(surface, _("PgUp/PgDn"), hint.center, th, p.paper, p.ink)
            text.draw_line(surface, _("other levels"), (hint.right + th.space("s"), hint.centery), sz["small"],
                           p.ink_soft, anchor="midleft", max_width=box.centerx - hint.right - th.space("m"))
        sx = self.seed_rect.left
        text.draw_line(surface, _("Class seed code"), (sx, box.top + pad), sz["small"], p.ink_soft)
        pygame.draw.rect(surface, p.button, self.seed_rect, border_radius=th.px(6))
        pygame.draw.rect(surface, p.accent if self.editing_seed else p.paper_edge, self.seed_rect,
                         width=th.px(2), border_radius=th.px(6))
        shown = self.seed or _("random")
        caret = "|" if self.editing_seed and (pygame.time.get_ticks() // 500) % 2 == 0 else ""
        text.draw_line(surface, shown + caret, (self.seed_rect.left + th.space("s"), self.seed_rect.centery),
                       sz["name"], p.ink if self.seed else p.ink_soft, "bold", anchor="midleft")
        text.draw_line(surface, _("Same code, same deck"), (sx, self.seed_rect.bottom + th.space("xs")),
                       sz["small"], p.ink_soft, max_width=box.right - pad - sx)
        self.focus.draw(surface, th)
        if self.message:
            text.draw_block(surface, self.message, self.message_rect, th.text_px("body"), p.accent, align="center")
        keys = _("Arrows and Enter, or the mouse  ·  type a seed code  ·  F11 full screen")
        text.draw_line(surface, keys, (w // 2, h - th.space("s")), sz["small"], p.on_table_soft,
                       anchor="midbottom", max_width=w - 2 * pad)
