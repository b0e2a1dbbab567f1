"""`python -m game bench --web`: the browser version measured in a real Chromium on this machine.

Cold start to the first card that takes a key (a new browser profile each run: nothing cached), the
time from a key press to the next screen for every decision of a short year, and what the browser
downloaded for the whole year (compressed, as `--serve` and any static host send it).
"""

from __future__ import annotations

import os
import statistics
import time

from game.web import drive

TARGETS = {"first_card_s": 5.0, "decision_ms": 100.0, "transfer_mb": 8.0}
YEAR = {"seed": "BENCH-1", "months": 6, "character": "lin_yue", "values": "family,honesty,freedom"}


def run(runs: int = 3) -> dict:
    """The figures, measured; drive.Missing when Chromium, playwright or npm is not here."""
    starts: list[float] = []
    decisions: list[float] = []
    sizes: dict[str, tuple[int, int]] = {}
    with drive.served() as (site, base), drive.browser() as chrome:
        for n in range(max(1, runs)):
            context = chrome.new_context(viewport={"width": 1366, "height": 768})
            page = context.new_page()
            got: list = []
            context.on("requestfinished", lambda r, got=got: got.append(r))
            started = time.perf_counter()
            page.goto(base + drive.LINK.format(**YEAR))
            page.wait_for_selector(".options button:not([disabled])", timeout=60_000)
            starts.append(time.perf_counter() - started)
            if n == 0:
                drive.play_to_end(page)
                decisions = page.evaluate("() => window.modelCitizen.decisions")
                for request in got:  # what came over the wire (gzip where it shrinks, as --serve sends it)
                    name = request.url.removeprefix(base).split("?", 1)[0] or "index.html"
                    sent = request.sizes()["responseBodySize"]
                    path = site / name
                    sizes[name] = (path.stat().st_size if path.is_file() else sent, sent)
            context.close()
    return {
        "load_average": round(os.getloadavg()[0], 1) if hasattr(os, "getloadavg") else None,
        "cores": os.cpu_count(), "runs": len(starts), "first_card_s": round(statistics.median(starts), 2),
        "first_card_runs_s": [round(s, 2) for s in starts], "decisions": len(decisions),
        "decision_ms_median": round(statistics.median(decisions), 1) if decisions else None,
        "decision_ms_max": round(max(decisions), 1) if decisions else None,
        "files": len(sizes), "transfer_mb": round(sum(z for _n, z in sizes.values()) / 1e6, 2),
        "unpacked_mb": round(sum(n for n, _z in sizes.values()) / 1e6, 2),
        "largest": sorted(((name, round(z / 1e6, 2)) for name, (_n, z) in sizes.items()), key=lambda x: -x[1])[:4],
    }


def report(r: dict) -> str:
    largest = ", ".join(f"{name} {mb} MB" for name, mb in r["largest"])
    return "\n".join([
        f"In a browser (Chromium, headless, site served from 127.0.0.1, median of {r['runs']} cold starts; "
        f"load average {r['load_average']} on {r['cores']} cores):",
        f"  cold start to the first card that takes a key: {r['first_card_s']} s (target <= "
        f"{TARGETS['first_card_s']:.0f} s; runs {', '.join(str(run) for run in r['first_card_runs_s'])})",
        f"  each decision, key to next screen, over a short year of {r['decisions']}: median "
        f"{r['decision_ms_median']} ms, longest {r['decision_ms_max']} ms (target <= {TARGETS['decision_ms']:.0f} ms)",
        f"  transfer: {r['transfer_mb']} MB downloaded (gzip) in {r['files']} files, {r['unpacked_mb']} MB "
        f"unpacked (target <= {TARGETS['transfer_mb']:.0f} MB); largest: {largest}",
    ])
