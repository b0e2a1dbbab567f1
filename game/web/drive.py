"""A real browser on the built site, for `bench --web` and the web screenshots: the site built, served
from 127.0.0.1, and the distribution's Chromium driven through the playwright package.

Neither is needed to build or play the site; where one is missing, `Missing` says what to install.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

LINK = "index.html?seed={seed}&months={months}&character={character}&values={values}"


class Missing(Exception):
    """Something a real browser run needs is not installed: the message says what to install."""


def chromium() -> str:
    found = os.environ.get("MODEL_CITIZEN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise Missing("Chromium is not installed (Debian/Ubuntu: sudo apt-get install chromium)")
    return found


@contextlib.contextmanager
def served(folder: Path | None = None) -> Iterator[tuple[Path, str]]:
    """The site (built into a temporary folder unless given) served on a free port: (folder, base URL)."""
    from game.web import build
    from game.web.serve import make_server

    with tempfile.TemporaryDirectory(prefix="model-citizen-web-") as tmp:
        site = folder or Path(tmp) / "site"
        if folder is None:
            try:
                build.build(site, say=lambda _m: None)
            except build.BuildError as exc:
                raise Missing(str(exc)) from exc
        server = make_server(site, port=0, quiet=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield site, f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            server.server_close()


@contextlib.contextmanager
def browser() -> Iterator:
    """Chromium through playwright, headless."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise Missing("the playwright package is not installed (pip install playwright)") from exc
    path = chromium()
    with sync_playwright() as p:
        chrome = p.chromium.launch(executable_path=path, args=["--no-sandbox"])
        try:
            yield chrome
        finally:
            chrome.close()


def play_to_end(page, first: int = 0, on_screen=None) -> list[int]:
    """Play on by keyboard from the table to the end screen (Enter through outcomes and months), choosing
    options in turn from `first`; `on_screen(name)` is told each new kind of screen. The choices made."""
    choices: list[int] = []
    for _step in range(400):
        if page.query_selector(".options button"):
            buttons = page.query_selector_all(".options button")
            pick = (first + len(choices)) % len(buttons)
            if buttons[pick].is_disabled():
                pick = 0
            choices.append(pick)
            page.keyboard.press(str(pick + 1))
            page.wait_for_selector(".outcome", timeout=10_000)
            if on_screen:
                on_screen("outcome")
        elif page.query_selector("section.end"):
            return choices
        else:
            if on_screen and page.query_selector("#month-h"):
                on_screen("month")
            page.keyboard.press("Enter")  # Continue, Next month: drawn at once, no call to the Python
    raise RuntimeError("the year did not end within 400 steps")
