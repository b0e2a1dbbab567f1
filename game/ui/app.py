"""The window: a stack of scenes, the main loop, and what every screen shares (theme, settings, sound).

Scenes only read the game state and send choices through the session; the rules stay in game/core.
"""

from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.draw import text
from game.draw.icons import icon, window_icon
from game.draw.theme import HIGH_CONTRAST, NORMAL, Theme
from game.ui.scene import SCENES, Scene
from game.ui.settings import Settings, load_settings, save_settings

if TYPE_CHECKING:  # the level's classes and the rules load with the level, after the first frame
    from game.core.model import Level
    from game.play.session import Session
    from game.ui.audio import Sounds

MIN_SIZE = (960, 540)
DEFAULT_SIZE = (1280, 720)


class App:
    def __init__(self, level: Level | Path, data_dir: Path, seed: str | None = None, new: bool = False,
                 size: tuple[int, int] = DEFAULT_SIZE) -> None:
        """`level` is a loaded level, or its folder: then it is read after the first frame is shown,
        on a worker thread, so the title answers keys while the cards load."""
        pygame.display.init()
        if not os.environ.get("SDL_VIDEODRIVER") and pygame.display.get_driver() in ("offscreen", "dummy"):
            pygame.display.quit()  # SDL found no screen and would draw where no one sees it
            raise pygame.error("no display answers here, so SDL would draw off screen")
        pygame.font.init()
        text.clear_caches(fonts=True)
        icon.cache_clear()
        pygame.key.set_repeat(350, 40)
        self._level = None if isinstance(level, Path) else level
        self.level_path = level if isinstance(level, Path) else None
        self.level_error = ""
        self._loading: tuple[threading.Thread, dict] | None = None
        self._title_hint: str | None = None
        self.data_dir = data_dir
        self.seed = seed
        self.new = new
        self.settings: Settings = load_settings(data_dir)
        self.windowed_size = size
        self.months: int | None = None  # a length asked for on the command line: the title screen starts on it
        self.leave_out: list[str] = []  # level options asked for on the command line, for new games
        pygame.display.set_caption("Model Citizen")
        palette = HIGH_CONTRAST if self.settings.high_contrast else NORMAL
        badge = window_icon(64, palette.paper, palette.table)
        if badge is not None:
            pygame.display.set_icon(badge)
        self.screen = self._open_window()
        self.theme = Theme(self.screen.get_size(), self.settings.text_scale, self.settings.high_contrast)
        self.scenes: list[Scene] = []
        self.session: Session | None = None  # the game being played, shared by every scene
        self.running = True
        self.sounds: Sounds | None = None
        self.background: pygame.Surface | None = None
        self._veil: pygame.Surface | None = None  # the dimming sheet under overlays, for this window size
        self.notice = ""  # one line over every scene until the next key (what F5 did)
        self.check = False  # the two-minute check before and after the year, asked for on the title screen
        self.held: set[int] = set()  # keys down now (pressed, not yet released): a question takes a fresh press

    # --- the level ----------------------------------------------------------------------------

    @property
    def level(self) -> Level:
        """The level being played, read from its folder on first use (ContentError if it is broken).

        If the worker thread is reading it, wait for it rather than read it twice."""
        if self._level is None:
            if self._loading is not None:
                worker, result = self._loading
                worker.join()
                self._loading = None
                if "error" in result:
                    raise result["error"]
                self._level = result["level"]
            else:
                from game.content.level import load_level

                self._level = load_level(self._folder())
        return self._level

    @level.setter
    def level(self, value: Level) -> None:
        self._level = value
        self._loading = None  # a level being read in the background is no longer wanted
        self.level_error = ""

    @property
    def level_loaded(self) -> bool:
        return self._level is not None

    def level_ready(self) -> bool:
        """Start reading the level on a worker thread if nobody has; True once `level` will not wait.

        The level is pure data (YAML in, frozen objects out) and the worker touches nothing of pygame,
        so the main loop keeps drawing and answering keys while it loads."""
        if self._level is not None:
            return True
        if self._loading is None:
            result: dict = {}
            path = self._folder()

            def work() -> None:
                try:
                    from game.content.level import load_level  # its imports cost time too: here, off the loop

                    result["level"] = load_level(path)
                except Exception as exc:  # handed to the main thread by `level`
                    result["error"] = exc
                from game.ui.scenes import load_all  # and the screens after the title, ready when wanted

                load_all()

            worker = threading.Thread(target=work, name="level-loader", daemon=True)
            self._loading = (worker, result)
            worker.start()
        return not self._loading[0].is_alive()

    def _folder(self) -> Path:
        """The level's folder: given whenever the level was (then it is read later, so `_level` is unset)."""
        assert self.level_path is not None
        return self.level_path

    @property
    def level_id(self) -> str:
        return self._level.id if self._level is not None else self._folder().name

    @property
    def level_title(self) -> str:
        """The level's title; before the level is loaded, read from the `title:` line of its level.yaml."""
        if self._level is not None:
            return self._level.title
        if self._title_hint is None:
            self._title_hint = _title_line(self._folder()) or self._folder().name.replace("_", " ").title()
        return self._title_hint

    # --- window --------------------------------------------------------------------------------

    def _open_window(self) -> pygame.Surface:
        if self.settings.fullscreen:
            try:
                return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            except pygame.error:
                self.settings.fullscreen = False
        return pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)

    def toggle_fullscreen(self) -> None:
        self.settings.fullscreen = not self.settings.fullscreen
        if self.settings.fullscreen:
            self.windowed_size = self.screen.get_size()
        self.screen = self._open_window()
        self.save_settings()
        self.relayout()

    def resize(self, size: tuple[int, int]) -> None:
        size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        if not self.settings.fullscreen:
            self.windowed_size = size
            if self.screen.get_size() != size:
                self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.relayout()

    def relayout(self) -> None:
        """After a resize or a settings change: new theme, fresh caches, every scene laid out again."""
        self.theme = Theme(self.screen.get_size(), self.settings.text_scale, self.settings.high_contrast)
        text.clear_caches()
        self.background = None
        self._veil = None
        for scene in self.scenes:
            scene.layout()

    def save_settings(self) -> None:
        save_settings(self.data_dir, self.settings)

    # --- sound ---------------------------------------------------------------------------------

    def play(self, name: str) -> None:
        if self.sounds is None:
            from game.ui.audio import Sounds  # mixer set-up waits until a sound is first wanted

            self.sounds = Sounds(self.settings.sound)
        self.sounds.enabled = self.settings.sound
        self.sounds.play(name)

    # --- scenes --------------------------------------------------------------------------------

    @property
    def scene(self) -> Scene:
        return self.scenes[-1]

    def make(self, scene: Scene | str, *args, **kwargs) -> Scene:
        """A scene, or a new one made by its registered name (so no scene imports another)."""
        if isinstance(scene, str) and scene not in SCENES:
            from game.ui.scenes import load_all  # usually done already, beside the level

            load_all()
        return SCENES[scene](self, *args, **kwargs) if isinstance(scene, str) else scene

    def push(self, scene: Scene | str, *args, **kwargs) -> Scene:
        """Put a scene on top; the one beneath is paused."""
        scene = self.make(scene, *args, **kwargs)
        if self.scenes:
            self.scenes[-1].pause()
        self.scenes.append(scene)
        scene.enter()
        scene.layout()
        return scene

    def pop(self) -> None:
        """Close the top scene; the one beneath resumes."""
        self.scenes.pop().leave()
        if not self.scenes:
            self.running = False
        else:
            self.scenes[-1].resume()

    def replace(self, scene: Scene | str, *args, **kwargs) -> Scene:
        self.scenes.pop().leave()
        return self.push(scene, *args, **kwargs)

    def reset(self, scene: Scene | str, *args, **kwargs) -> Scene:
        while self.scenes:
            self.scenes.pop().leave()
        return self.push(scene, *args, **kwargs)

    # --- the loop ------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False  # every decision is already saved: closing loses nothing else
        elif event.type == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F5:  # for authors: read the level again
            from game.ui.staging import reload

            self.notice = reload(self)
        elif self.scenes:
            if event.type == pygame.KEYDOWN:
                self.notice = ""
                self.held.add(event.key)
            elif event.type == pygame.KEYUP:
                self.held.discard(event.key)
            self.scene.handle(event)

    def draw_background(self, surface: pygame.Surface) -> None:
        """The felt of the table: one band of its grid, made once per size and laid down the window
        (a band costs a fraction of a whole-window sheet to make, and the same to draw)."""
        step = self.theme.px(48)
        band = self.background
        if band is None or band.get_size() != (surface.get_width(), step):
            band = pygame.Surface((surface.get_width(), step), 0, surface)
            p = self.theme.palette
            band.fill(p.table)
            for x in range(0, band.get_width(), step):
                band.fill(p.table_line, (x, 0, 1, step))
            band.fill(p.table_line, (0, 0, band.get_width(), 1))
            self.background = band
        for y in range(0, surface.get_height(), step):
            surface.blit(band, (0, y))

    def draw_veil(self, surface: pygame.Surface) -> None:
        """Dim the scene beneath an overlay; the translucent sheet is made once per window size."""
        if self._veil is None or self._veil.get_size() != surface.get_size():
            self._veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            self._veil.fill((*self.theme.palette.shadow, 170))
        surface.blit(self._veil, (0, 0))

    def draw(self) -> None:
        first = len(self.scenes) - 1
        while first > 0 and self.scenes[first].overlay:
            first -= 1
        self.draw_background(self.screen)
        for scene in self.scenes[first:]:
            scene.draw(self.screen)
        if self.notice:
            th = self.theme
            size = th.text_px("small")
            w, h = self.screen.get_size()
            box = pygame.Rect(0, 0, min(text.font(size, "bold").size(self.notice)[0], w - 4 * th.space("m")),
                              text.line_height(size, "bold"))
            box.midbottom = (w // 2, h - th.space("s"))
            pygame.draw.rect(self.screen, th.palette.ink, box.inflate(th.px(16), th.px(8)), border_radius=th.px(6))
            text.draw_line(self.screen, self.notice, box.topleft, size, th.palette.paper, "bold", max_width=box.width)

    def step(self, dt_ms: int, events: list[pygame.event.Event] | None = None) -> None:
        """One frame: events, animation, drawing. Tests and screenshots call it directly."""
        for event in pygame.event.get() if events is None else events:
            self.handle(event)
            if not self.running:
                return
        if self.scenes:
            self.scene.update(dt_ms)
            self.draw()

    def run(self) -> int:
        clock = pygame.time.Clock()
        dt = 0
        probe = _Probe() if os.environ.get("MODEL_CITIZEN_FIRST_FRAME_PROBE") == "1" else None
        while self.running:
            started = time.perf_counter()
            events = pygame.event.get()
            if not events and not (self.scenes and self.scene.busy()) and probe is None:
                # Nothing moves and nobody typed: sleep until an event (or half a second, for the
                # blinking caret) instead of drawing the same frame 60 times a second.
                event = pygame.event.wait(500)
                events = ([event] if event.type != pygame.NOEVENT else []) + pygame.event.get()
                clock.tick()
            self.step(dt, events)
            pygame.display.flip()
            if probe is not None and probe.frame_done(self, time.perf_counter() - started):
                break
            dt = clock.tick(60)
        pygame.quit()
        return 0


class _Probe:
    """For `python -m game bench`: says "ready" once the first frame is on screen, then, once the title
    has settled (its level read beside the running loop), the longest frame it took meanwhile, and stops.
    A long frame there would mean start-up work had only been pushed past the first frame."""

    def __init__(self) -> None:
        self.frames = 0
        self.longest = 0.0
        self.first = 0.0

    def frame_done(self, app: App, seconds: float) -> bool:
        self.frames += 1
        if self.frames == 1:
            print("ready", time.process_time(), flush=True)  # and the CPU time it took
            self.first = time.perf_counter()
            return False
        self.longest = max(self.longest, seconds)
        if (app.scenes and app.scene.busy()) and time.perf_counter() - self.first < 10:
            return False
        settle = time.perf_counter() - self.first
        print(f"settled {settle * 1000:.1f} ms, {self.frames} frames, longest {self.longest * 1000:.1f} ms",
              flush=True)
        return True


def _title_line(folder: Path) -> str:
    """The plain `title:` of a level.yaml, found without parsing YAML (that waits until after the first
    frame); empty if the line is missing or anything but plain text."""
    try:
        head = (folder / "level.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    found = re.search(r"^title:[ \t]*(.*?)[ \t]*$", head, re.MULTILINE)
    value = found.group(1) if found else ""
    if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return "" if not value or value[0] in "'\"&*!|>[{#%@`" or " #" in value else value


def run_window(level: Level | Path, data_dir: Path, seed: str | None = None, new: bool = False,
               finished=None, months: int | None = None, leave_out: list[str] | None = None,
               check: bool = False) -> int:
    """Open the game window on the title screen (or on a `finished` year's end) and play until closed."""
    os.environ.setdefault("SDL_VIDEO_CENTERED", "1")
    try:
        app = App(level, data_dir, seed, new)
    except pygame.error as exc:
        print(f"The window cannot open here ({exc}). Try: python -m game play --text")
        return 1
    app.months = months  # a length asked for on the command line: the title screen starts on it
    app.leave_out = list(leave_out or [])  # level options asked for on the command line, for new games
    app.check = check  # play --check: the two-minute check, on until the title screen turns it off
    from game.ui.scenes import title  # noqa: F401 - the first screen; the others load beside the level

    app.push("title")
    if finished is not None:
        from game.play.session import Session

        app.push("end", Session(app.level, finished, data_dir))
    return app.run()
