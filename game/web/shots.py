"""`python -m game web --screenshots FOLDER`: a PNG of every screen of the browser version, at 100 % and
150 % text, played through in Chromium as a student would (docs/screenshots/web/ holds the set)."""

from __future__ import annotations

from pathlib import Path

from game.web import drive

YEAR = {"seed": "CLASS-1", "months": 6, "character": "lin_yue", "values": "family,honesty,freedom"}


def take(out: Path, size: tuple[int, int] = (1366, 768)) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with drive.served() as (_site, base), drive.browser() as chrome:
        for scale in (100, 150):
            context = chrome.new_context(viewport={"width": size[0], "height": size[1]})
            saved += _walk(context.new_page(), base, scale, out)
            context.close()
        page = chrome.new_page(viewport={"width": 768, "height": 1024})  # a tablet held upright
        page.goto(base + drive.LINK.format(**{**YEAR, "seed": "TAB-1", "character": "zhao_lei"}))
        page.wait_for_selector(".options button", timeout=60_000)
        for scale in (100, 150):
            page.click(f"input[name=size][value='{scale}']")
            saved.append(out / f"tablet-table-{scale}.png")
            page.screenshot(path=str(saved[-1]), full_page=scale == 150)
        page.close()
    return saved


def _walk(page, base: str, scale: int, out: Path) -> list[Path]:
    """Every screen, in the order a student meets them, at one text size."""
    saved: list[Path] = []

    def shot(name: str) -> None:
        path = out / f"{len(saved) + 1:02d}-{name}-{scale}.png"
        page.screenshot(path=str(path))
        saved.append(path)

    page.goto(base + "index.html")
    page.wait_for_selector("#title-h", timeout=60_000)
    page.click(f"input[name=size][value='{scale}']")
    shot("title")
    page.click("text=Sources and about")
    page.wait_for_selector("#reading-h")
    shot("sources")
    page.keyboard.press("Escape")
    page.fill("#seed", YEAR["seed"])
    page.check("#short")
    page.click("button.primary")
    page.wait_for_selector("#who-h")
    shot("character")
    page.keyboard.press("2")
    page.wait_for_selector("#values-h")
    for key in "123":
        page.keyboard.press(key)
    shot("values")
    page.keyboard.press("Enter")  # the start button has the focus once three are picked
    page.wait_for_selector(".options button")
    shot("table")
    page.keyboard.press("1")
    page.wait_for_selector(".outcome")
    shot("outcome")
    page.keyboard.press("Enter")
    while not page.query_selector("#month-h"):
        if page.query_selector(".options button"):
            page.keyboard.press("2")
            page.wait_for_selector(".outcome")
        page.keyboard.press("Enter")
    shot("month")
    page.keyboard.press("Enter")
    page.wait_for_selector(".options button")
    page.keyboard.press("r")
    page.wait_for_selector("#reading-h")
    shot("rulebook")
    page.keyboard.press("Escape")
    page.wait_for_selector(".options button")
    page.evaluate("() => document.documentElement.classList.add('contrast')")
    shot("table-contrast")
    page.evaluate("() => document.documentElement.classList.remove('contrast')")
    # another year on this browser, so the title offers a choice: "Which year is yours?"
    page.goto(base + drive.LINK.format(**{**YEAR, "seed": "CLASS-2"}))
    page.wait_for_selector(".options button")
    page.keyboard.press("1")
    page.wait_for_selector(".outcome")
    page.goto(base + "index.html")
    page.wait_for_selector("#title-h")
    page.click("text=Continue")
    page.wait_for_selector("#years-h")
    shot("which-year")
    page.keyboard.press("1")
    page.wait_for_selector(".options button")
    drive.play_to_end(page)
    shot("end")
    page.keyboard.press("1")
    page.wait_for_selector("#why-h")
    shot("why")
    while page.query_selector("#why-h"):
        page.keyboard.press("2")
    page.wait_for_selector("#debrief-h")
    shot("debrief")
    pages = 1
    while page.query_selector("[data-key='2']"):
        page.keyboard.press("2")
        pages += 1
        if pages in (2, 3):
            shot(f"debrief-page{pages}")
    shot("debrief-last")
    return saved
