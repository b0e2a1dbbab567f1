"""The title screen: new game, continue, settings, sources, quit; the level and the class seed code."""

from __future__ import annotations

import sys

import pygame

from game import saves
from game.content.locate import list_levels
from game.i18n import _
from game.ui import text
from game.ui.app import Scene
from game.ui.widgets import Button, FocusGroup, badge_rect, key_badge, panel

SEED_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
SEED_MAX = 16


class TitleScene(Scene):
    def __init__(self, app, message: str = "") -> None:
        super().__init__(app)
        self.focus = FocusGroup()
        self.message = message
        self.seed = (app.seed or "").upper()
        self.editing_seed = False
        self.level_paths = None
        self.drawn = False
        self.has_save = False
        self._check_save()

    def _check_save(self) -> None:
        try:
            saved = saves.load_save(self.app.data_dir)
            self.has_save = saved is not None and saved.level == self.app.level_id
        except saves.SaveError as exc:
            self.message = str(exc)
            self.has_save = False

    def layout(self) -> None:
        th = self.app.theme
        w, h = th.size
        bw, bh = th.px(400), th.px(50)
        playable = not self.app.level_error
        labels = [
            (_("New game"), self.new_game, playable),
            (_("Continue"), self.resume, self.has_save and playable),
            (_("Settings"), self.settings, True),
            (_("Sources and about"), self.sources, True),
            (_("Quit"), self.quit, True),
        ]
        buttons = []
        y = round(h * 0.47)
        for label, action, enabled in labels:
            b = Button(label, action, pygame.Rect(0, 0, bw, bh), enabled=enabled)
            b.rect.midtop = (w // 2, y)
            y += bh + th.space("m")
            buttons.append(b)
        self.focus.set(buttons)
        if self.has_save and self.focus.focus == 0 and not self.app.new:
            self.focus.focus = 1

    def update(self, dt_ms: int) -> None:
        """Read the level once the title is on screen, so the window opens as fast as pygame allows."""
        if self.drawn and not self.app.level_loaded and not self.app.level_error:
            self._level_ok()
            self.layout()

    def _level_ok(self) -> bool:
        """Load the level if needed; on problems, say so here and on stderr, and return False."""
        from game.content.level import ContentError

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
        from game.cli import new_seed
        from game.ui.scenes.setup import CharacterScene

        if not self._level_ok():
            self.layout()
            return
        seed = self.seed.strip("-") or new_seed()
        self.app.push(CharacterScene(self.app, seed))

    def resume(self) -> None:
        from game.ui.scenes.table import TableScene
        from game.ui.session import Session

        if not self._level_ok():
            self.layout()
            return
        try:
            session = Session.resume(self.app.level, self.app.data_dir)
        except saves.SaveError as exc:
            self.message = str(exc)
            self.has_save = False
            self.layout()
            return
        if session is None:
            self.message = _("The saved game no longer fits this level; start a new one.")
            return
        self.app.reset(TableScene(self.app, session))

    def settings(self) -> None:
        from game.ui.scenes.settings import SettingsScene

        self.app.push(SettingsScene(self.app))

    def sources(self) -> None:
        from game.ui.scenes.reading import sources_scene

        if not self._level_ok():
            self.layout()
            return

        self.app.push(sources_scene(self.app))

    def quit(self) -> None:
        self.app.running = False

    def switch_level(self, step: int) -> None:
        from game.content.level import ContentError, load_level

        if self.level_paths is None:
            self.level_paths = list_levels()
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
                if len(self.seed) < SEED_MAX:
                    self.seed += char
                return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if getattr(self, "seed_rect", None) and self.seed_rect.collidepoint(event.pos):
                self.editing_seed = True
                return
            for rect, step in getattr(self, "arrows", []):
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
        text.draw_line(surface, _("MODEL CITIZEN"), (w // 2, round(h * 0.08)), th.text_px("display"), p.on_table,
                       "bold", anchor="midtop")
        sub = _("One year under a social credit score")
        text.draw_line(surface, sub, (w // 2, round(h * 0.08) + th.px(78)), th.text_px("h3"), p.on_table_soft,
                       anchor="midtop")
        # the level and the seed, on a small card
        box = pygame.Rect(0, 0, th.px(620), th.px(150))
        box.midtop = (w // 2, round(h * 0.24))
        panel(surface, box, th)
        pad = th.space("l")
        size = th.text_px("body")
        lh = text.line_height(size)
        text.draw_line(surface, _("Level"), (box.left + pad, box.top + pad), th.text_px("small"), p.ink_soft)
        title_rect = text.draw_line(surface, self.app.level_title, (box.left + pad, box.top + pad + lh),
                                    th.text_px("h3"), p.ink, "bold", max_width=box.width // 2)
        self.arrows = []
        if self.level_paths is None or len(self.level_paths) > 1:
            hint = badge_rect(_("PgUp/PgDn"), th)
            hint.topleft = (box.left + pad, title_rect.bottom + th.space("s"))
            key_badge(surface, _("PgUp/PgDn"), hint.center, th, p.paper, p.ink)
            text.draw_line(surface, _("other levels"), (hint.right + th.space("s"), hint.top), th.text_px("small"),
                           p.ink_soft)
            self.arrows = [(title_rect.inflate(th.px(10), th.px(10)), 1)]
        sx = box.centerx + pad
        text.draw_line(surface, _("Class seed code"), (sx, box.top + pad), th.text_px("small"), p.ink_soft)
        self.seed_rect = pygame.Rect(sx, box.top + pad + lh, box.right - pad - sx, th.px(44))
        pygame.draw.rect(surface, p.button, self.seed_rect, border_radius=th.px(6))
        pygame.draw.rect(surface, p.accent if self.editing_seed else p.paper_edge, self.seed_rect,
                         width=th.px(2), border_radius=th.px(6))
        shown = self.seed or _("random")
        color = p.ink if self.seed else p.ink_soft
        caret = "|" if self.editing_seed and (pygame.time.get_ticks() // 500) % 2 == 0 else ""
        text.draw_line(surface, shown + caret, (self.seed_rect.left + th.space("s"), self.seed_rect.centery),
                       th.text_px("h3"), color, "bold", anchor="midleft")
        text.draw_line(surface, _("Same code, same deck: type to change it."),
                       (sx, self.seed_rect.bottom + th.space("xs")), th.text_px("small"), p.ink_soft,
                       max_width=box.right - pad - sx)
        self.focus.draw(surface, th)
        if self.message:
            rect = pygame.Rect(th.px(80), h - th.px(90), w - th.px(160), th.px(70))
            text.draw_block(surface, self.message, rect, th.text_px("body"), p.accent, align="center")
        hint = _("Arrows and Enter, or the mouse  ·  F11 full screen")
        text.draw_line(surface, hint, (w // 2, h - th.space("l")), th.text_px("small"), p.on_table_soft,
                       anchor="midbottom")
