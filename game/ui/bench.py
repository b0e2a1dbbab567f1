"""`python -m game bench`: start-up against a bare pygame window, table frame times, peak memory.

Both start-ups are measured in the same run, alternately, so the ratio holds on any machine.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_WINDOW = """
import pygame
pygame.display.init(); pygame.font.init()
screen = pygame.display.set_mode((1280, 720))
font = pygame.font.Font(None, 32)
screen.blit(font.render("Hello", True, (255, 255, 255)), (20, 20))
pygame.display.flip()
pygame.event.pump()
print("ready", flush=True)
"""

def _time_child(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, timeout=120)
    if "ready" not in out.stdout:
        raise RuntimeError(f"the start-up probe failed: {out.stderr.strip()[-400:]}")
    return time.perf_counter() - start


def startup(runs: int = 7) -> dict:
    env = dict(os.environ, PYGAME_HIDE_SUPPORT_PROMPT="1")
    env.setdefault("SDL_VIDEODRIVER", "dummy")
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    # the game exactly as a player starts it, stopping once its first interactive frame is on screen
    env["MODEL_CITIZEN_FIRST_FRAME_PROBE"] = "1"
    data = tempfile.mkdtemp()
    game_args = ["-m", "game", "play", "--data-dir", data]
    bare_args = ["-c", BARE_WINDOW]
    bare, game = [], []
    _time_child(bare_args, env)  # warm the disk cache for both
    _time_child(game_args, env)
    for _ in range(runs):
        bare.append(_time_child(bare_args, env))
        game.append(_time_child(game_args, env))
    b, g = statistics.median(bare), statistics.median(game)
    return {"startup_bare_s": round(b, 3), "startup_game_s": round(g, 3), "startup_ratio": round(g / b, 2)}


def frames(count: int = 600) -> dict:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.content.level import load_level
    from game.content.locate import find_level
    from game.play.session import Session
    from game.ui.app import App

    level = load_level(find_level("harmony_city"))
    with tempfile.TemporaryDirectory() as data:
        app = App(level, Path(data), size=(1280, 720))
        app.settings.reduce_motion = True
        session = Session.new(level, Path(data), "BENCH", list(level.characters)[0], list(level.values)[:3])
        for _ in range(6):  # mid-game: some tickets stamped, a roll on the die
            session.choose(0)
        table = app.push("table", session)
        times = []
        for i in range(count):
            if i == count // 2:
                table.choose(0)  # the second half shows an outcome
            start = time.perf_counter()
            app.step(16, [])
            times.append((time.perf_counter() - start) * 1000)
        times = times[20:]  # the first frames fill the caches
    times.sort()
    return {
        "frame_ms_median": round(statistics.median(times), 3),
        "frame_ms_p99": round(times[int(len(times) * 0.99) - 1], 3),
        "frames": len(times),
    }


def peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def run() -> dict:
    result = startup()
    result.update(frames())
    result["peak_rss_mb"] = peak_rss_mb()
    result["python"] = sys.version.split()[0]
    import pygame

    result["pygame"] = pygame.version.ver
    result["video_driver"] = os.environ.get("SDL_VIDEODRIVER", "default")
    return result


def report(r: dict) -> str:
    return "\n".join([
        f"Start-up to the first interactive frame: {r['startup_game_s'] * 1000:.0f} ms; a bare pygame window with "
        f"one line of text: {r['startup_bare_s'] * 1000:.0f} ms; ratio {r['startup_ratio']} (target <= 1.5)",
        f"Table frame at 1280x720 ({r['video_driver']} driver, {r['frames']} frames): median "
        f"{r['frame_ms_median']} ms, 99th percentile {r['frame_ms_p99']} ms (target: median <= 4 ms)",
        f"Peak memory: {r['peak_rss_mb']} MB (target < 120 MB)",
        f"Python {r['python']}, pygame {r['pygame']}",
    ])
