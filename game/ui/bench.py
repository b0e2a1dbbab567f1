"""`python -m game bench`: start-up against a bare pygame window, table frame times, peak memory.

Both start-ups are measured in the same run, alternately, so the ratio holds on any machine. With
`--compare-python`, the same is measured under a second interpreter in the same rounds: one whose
environment has the other pygame (pygame-ce beside pygame), so both are seen side by side.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BARE_WINDOW = """
import time
import pygame
pygame.display.init(); pygame.font.init()
screen = pygame.display.set_mode((1280, 720))
font = pygame.font.Font(None, 32)
screen.blit(font.render("Hello", True, (255, 255, 255)), (20, 20))
pygame.display.flip()
pygame.event.pump()
print("ready", time.process_time(), flush=True)
"""

READY = "ready"


def _child_env(cache: str, data: str) -> dict:
    env = dict(os.environ, PYGAME_HIDE_SUPPORT_PROMPT="1")
    env.setdefault("SDL_VIDEODRIVER", "dummy")
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")  # this checkout, whichever interpreter
    # Compiled bytecode as an installed copy has it (pip compiles on install), kept in a private folder:
    # a machine that forbids writing it would otherwise time the compiling of every module on every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = cache
    # the game exactly as a player starts it (`python -m game`, a new player: no save, no settings yet);
    # it says "ready" once its first interactive frame is on screen
    env["MODEL_CITIZEN_DATA"] = data
    env["MODEL_CITIZEN_FIRST_FRAME_PROBE"] = "1"
    return env


def _time_child(python: str, args: list[str], env: dict) -> tuple[float, float | None, str]:
    """Seconds from launch until the child says it is ready, the CPU seconds it had used by then (which a
    busy machine does not inflate), and whatever it said after that."""
    start = time.perf_counter()
    child = subprocess.Popen([python, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                             stdin=subprocess.DEVNULL)
    ready, cpu = None, None
    assert child.stdout is not None  # piped above
    for line in child.stdout:
        if line.startswith(READY):
            ready = time.perf_counter() - start
            said = line.split()
            cpu = float(said[1]) if len(said) > 1 else None
            break
    try:
        rest, err = child.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        child.kill()
        rest, err = child.communicate()
    if ready is None or child.returncode != 0:
        raise RuntimeError(f"the start-up probe failed under {python}: {err.strip()[-400:]}")
    return ready, cpu, rest


def which_pygame(python: str) -> dict:
    """The Python and the pygame (pygame or pygame-ce) that an interpreter runs."""
    code = ("import sys, pygame; print(sys.version.split()[0]); "
            "print(('pygame-ce ' if getattr(pygame, 'IS_CE', False) else 'pygame ') + pygame.version.ver)")
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=60,
                         env=dict(os.environ, PYGAME_HIDE_SUPPORT_PROMPT="1"), stdin=subprocess.DEVNULL)
    if out.returncode != 0:
        raise RuntimeError(f"{python} cannot import pygame: {out.stderr.strip()[-300:]}")
    version, flavour = out.stdout.split("\n")[:2]
    return {"python": version, "pygame": flavour, "executable": python}


def _ratio(game: list, bare: list) -> float | None:
    """Median against median, where both were reported."""
    game, bare = [g for g in game if g is not None], [b for b in bare if b is not None]
    return round(statistics.median(game) / statistics.median(bare), 2) if game and bare else None


def startup(pythons: list[str] | None = None, runs: int = 5) -> list[dict]:
    """Start-up of the game against a bare window, for each interpreter, all in one run.

    Each round launches a bare window and the game under every interpreter in turn, so a busy machine
    weighs on all of them alike; the medians of `runs` rounds are compared.
    """
    pythons = pythons or [sys.executable]
    infos = [which_pygame(py) for py in pythons]
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as data:
        env = _child_env(cache, data)
        game_args = ["-m", "game"]
        bare_args = ["-c", BARE_WINDOW]
        # seconds per python and measure; a CPU time is None where the child could not report it
        times: dict[str, dict[str, list[Any]]] = {
            py: {"bare": [], "game": [], "bare_cpu": [], "game_cpu": [], "settle": [], "longest": []} for py in pythons}
        for py in pythons:  # warm the disk cache and compile the bytecode, for both
            _time_child(py, bare_args, env)
            _time_child(py, game_args, env)
        for _ in range(runs):
            for py in pythons:
                bare, bare_cpu, _ = _time_child(py, bare_args, env)
                game, game_cpu, said = _time_child(py, game_args, env)
                times[py]["bare"].append(bare)
                times[py]["game"].append(game)
                times[py]["bare_cpu"].append(bare_cpu)
                times[py]["game_cpu"].append(game_cpu)
                found = re.search(r"settled ([\d.]+) ms, \d+ frames, longest ([\d.]+) ms", said)
                if found:
                    times[py]["settle"].append(float(found.group(1)))
                    times[py]["longest"].append(float(found.group(2)))
    results = []
    for py, info in zip(pythons, infos, strict=True):
        t = times[py]
        b, g = statistics.median(t["bare"]), statistics.median(t["game"])
        results.append({
            **info,
            "startup_bare_s": round(b, 3),
            "startup_game_s": round(g, 3),
            "startup_ratio": round(g / b, 2),
            "startup_own_ms": round((g - b) * 1000, 1),
            "startup_cpu_ratio": _ratio(t["game_cpu"], t["bare_cpu"]),
            "title_settle_ms": round(statistics.median(t["settle"]), 1) if t["settle"] else None,
            "title_longest_frame_ms": round(max(t["longest"]), 1) if t["longest"] else None,
            "runs": runs,
        })
    return results


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
        from game.ui.scenes.table import TableScene

        table = app.push("table", session)
        assert isinstance(table, TableScene)
        times: list[float] = []
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


def run(compare: list[str] | None = None, runs: int = 5) -> dict:
    here, *others = startup([sys.executable, *(compare or [])], runs)
    result = {k: v for k, v in here.items() if k != "executable"}
    if others:
        result["compared"] = others
    result["bytecode"] = "cached, as an installed copy has it"
    result.update(frames())
    result["peak_rss_mb"] = peak_rss_mb()
    result["video_driver"] = os.environ.get("SDL_VIDEODRIVER", "default")
    return result


def _startup_lines(r: dict) -> list[str]:
    return [
        f"  {r['pygame']}, Python {r['python']}: first interactive frame {r['startup_game_s'] * 1000:.0f} ms, "
        f"bare window {r['startup_bare_s'] * 1000:.0f} ms, ratio {r['startup_ratio']} (target <= 1.3; "
        f"in CPU time {r['startup_cpu_ratio']})",
        f"    the game's own start-up work {r['startup_own_ms']:.0f} ms; then the level loads beside the title "
        f"in {_ms(r['title_settle_ms'])}, its longest frame meanwhile {_ms(r['title_longest_frame_ms'])}",
    ]


def _ms(value: float | None) -> str:
    return "? ms" if value is None else f"{value:.0f} ms"


def report(r: dict) -> str:
    lines = [f"Start-up against a bare pygame window with one line of text, median of {r['runs']} runs each:"]
    for one in [r, *r.get("compared", [])]:
        lines += _startup_lines(one)
    lines += [
        f"Table frame at 1280x720 ({r['video_driver']} driver, {r['frames']} frames): median "
        f"{r['frame_ms_median']} ms, 99th percentile {r['frame_ms_p99']} ms (target: median <= 4 ms)",
        f"Peak memory: {r['peak_rss_mb']} MB (target < 120 MB)",
    ]
    return "\n".join(lines)
