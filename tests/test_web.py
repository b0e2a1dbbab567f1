"""The browser version: built, served from this machine, and played by keyboard in a real Chromium.

One site build and one browser for the whole module (the scenario runs once, in a fixture; the tests
read what it saw). Where Chromium, playwright or npm is missing the browser tests skip, saying why;
`.ci/run` installs them and sets MODEL_CITIZEN_REQUIRE_BROWSER=1, which turns that skip into a failure.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import threading
import time
from pathlib import Path

import pytest

from game.content.level import load_level
from game.core import engine, gamecode
from game.play import seeds
from game.text import terminal
from game.words import narrate
from tests.conftest import HARMONY

pytestmark = pytest.mark.xdist_group("browser")  # one worker runs them all: one build, one browser

SEED, MONTHS, CHARACTER, VALUES = "MAPLE-42", 6, "lin_yue", ["family", "honesty", "freedom"]
LINK = f"index.html?seed={SEED}&months={MONTHS}&character={CHARACTER}&values={','.join(VALUES)}"
CHROMIUM = os.environ.get("MODEL_CITIZEN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def _missing() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install playwright)"
    if not CHROMIUM:
        return "Chromium is not installed (apt-get install chromium)"
    if shutil.which("npm") is None:
        return "npm is not installed (apt-get install npm)"
    return ""


def _skip_or_fail(why: str) -> None:
    if os.environ.get("MODEL_CITIZEN_REQUIRE_BROWSER"):
        pytest.fail(f"the browser tests must run here, but {why}")
    pytest.skip(why)


def terminal_year(data_dir: Path, choices: list[int]) -> tuple[bytes, str]:
    """The same year played in the terminal: its log file's bytes and its game code."""
    level = load_level(HARMONY)
    left = list(level.values)
    typed = []
    for value in VALUES:  # the terminal asks for each value from those not yet picked
        typed.append(left.index(value) + 1)
        left.remove(value)
    lines = [str(n) for n in typed] + [str(c + 1) for c in choices]
    seed = seeds.with_length(SEED, MONTHS, level.months)
    out = io.StringIO()
    terminal.play(level, data_dir, seed, CHARACTER, True, io.StringIO("\n".join(lines) + "\n"), out)
    log = next((data_dir / "logs").glob("*.json"))
    state = engine.replay(level, seed, CHARACTER, VALUES, choices, *seeds.terms(level, seed))
    return log.read_bytes(), gamecode.encode(level, seed, CHARACTER, VALUES, state.choices)


# --- without a browser ------------------------------------------------------------------------------

def test_the_build_says_what_to_install_when_npm_is_missing(monkeypatch, tmp_path):
    from game.web import build

    monkeypatch.setenv("MODEL_CITIZEN_WEB_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(build.BuildError, match="apt-get install npm"):
        build.build(tmp_path / "site", say=lambda _m: None)


def test_the_bridge_plays_a_year_whose_log_is_the_terminals(tmp_path):
    """The browser's Python, run here: the same year gives the same log file, byte for byte."""
    import pickle

    from game.web import bridge

    levels = tmp_path / "levels.pickle"
    levels.write_bytes(pickle.dumps([load_level(HARMONY)]))
    game = bridge.Game.from_file(levels, tmp_path / "web")
    setup = game.setup({"seed": SEED, "months": MONTHS})
    screen = game.start(setup["level"], setup["seed"], CHARACTER, VALUES)
    choices, tagged, told = [], [], []
    while not screen["over"]:
        pick = len(choices) % len(screen["decision"]["options"])
        if not screen["decision"]["options"][pick]["available"]:
            pick = 0
        choices.append(pick)
        tagged += [screen["decision"]["card"]["title"]] if screen["decision"]["card"]["tag"] else []
        screen = game.choose(pick)
        told += [line for line in screen["outcome"]["lines"] if line.startswith("Need ")]
    # the page tags each unannounced need's card, and says what became of it
    state = game.session.state
    assert tagged == [game.level.cards[c].title for c in state.needs if c in state.seen] and tagged
    assert told == [narrate.NEED_WORDS[e["outcome"]] for e in state.log if e["t"] == "need"]
    log, code = terminal_year(tmp_path / "term", choices)
    assert game.log_text().encode("utf-8") == log
    assert screen["end"]["code"] == code
    assert "<svg" in game.report_html() and code in game.report_html()
    # the terminal's code replays on the page (a fresh one, as another browser), to the same log
    other = bridge.Game.from_file(levels, tmp_path / "other")
    assert other.play_code(code)["end"]["code"] == code
    assert other.log_text().encode("utf-8") == log


# --- in Chromium --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    why = _missing()
    if why:
        _skip_or_fail(why)
    from game.web import build
    from game.web.serve import make_server

    out = tmp_path_factory.mktemp("site")
    try:
        build.build(out, say=lambda _m: None)
    except build.BuildError as exc:
        _skip_or_fail(f"the site could not be built: {exc}")
    server = make_server(out, port=0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield out, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


AXE_SKIP = {"region"}  # every screen's text sits in <main>; the settings bar is a <nav>


def check_axe(page, axe: str, screen: str, found: dict) -> None:
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe)  # the script's text, not its URL: no request for it
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                           ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))"
                           ".slice(0, 3)}))")
    bad = [v for v in result if v["impact"] in ("serious", "critical") and v["id"] not in AXE_SKIP]
    if bad:
        found[screen] = bad


def overflow(page) -> int:
    """How far the page is wider than its window (0: no horizontal scrolling)."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.fixture(scope="module")
def played(site, tmp_path_factory):
    """Play a short year by keyboard, reloading part-way, and keep what a player and the checks saw."""
    from playwright.sync_api import sync_playwright

    from game.web.build import axe_script

    folder, base = site
    axe = axe_script()
    assert axe is not None, "axe-core is in package-lock.json: npm ci installs it beside the runtime"
    axe_text = axe.read_text(encoding="utf-8")
    seen: dict = {"requests": [], "axe": {}, "overflow": {}, "screens": [], "choices": []}
    downloads = tmp_path_factory.mktemp("downloads")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
        context.on("request", lambda r: seen["requests"].append(r.url))
        sent: list = []
        context.on("requestfinished", lambda r: sent.append(r))
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        started = time.monotonic()
        page.goto(base + LINK)
        page.wait_for_selector(".options button", timeout=30_000)
        seen["first_card_s"] = time.monotonic() - started
        page.wait_for_timeout(300)  # the requests' sizes are known once they finished
        seen["transfer_mb"] = sum(r.sizes()["responseBodySize"] for r in list(sent)) / 1e6
        check_axe(page, axe_text, "table", seen["axe"])
        reloaded = False
        month_checked = outcome_checked = False
        for _step in range(200):
            if page.query_selector(".options button"):
                if len(seen["choices"]) == 3 and not reloaded:  # close the tab, as it were, and come back
                    reloaded = True
                    page.reload()
                    page.wait_for_selector(".options button", timeout=30_000)
                    seen["after_reload"] = page.inner_text(".side.right")
                seen["need_tags"] = seen.get("need_tags", []) + [t.text_content() for t in page.query_selector_all(
                    ".card .need-tag")]
                n = len(page.query_selector_all(".options button"))
                pick = len(seen["choices"]) % n
                if page.query_selector_all(".options button")[pick].is_disabled():
                    pick = 0
                seen["choices"].append(pick)
                page.keyboard.press(str(pick + 1))
                page.wait_for_selector(".outcome", timeout=10_000)
                if not outcome_checked:
                    outcome_checked = True
                    seen["live"] = page.inner_text("#live") if page.wait_for_function(
                        "() => document.getElementById('live').textContent.length > 0", timeout=5000) else ""
                    check_axe(page, axe_text, "outcome", seen["axe"])
            elif page.query_selector("section.end"):
                break
            else:
                if page.query_selector("#month-h") and not month_checked:
                    month_checked = True
                    check_axe(page, axe_text, "month", seen["axe"])
                page.keyboard.press("Enter")
                page.wait_for_timeout(30)
        seen["end_text"] = page.inner_text("section.end")
        check_axe(page, axe_text, "end", seen["axe"])
        with page.expect_download() as got:
            page.click("[data-download=log]")
        got.value.save_as(downloads / "log.json")
        with page.expect_download() as got:
            page.click("[data-download=report]")
        got.value.save_as(downloads / "report.html")
        seen["log"] = (downloads / "log.json").read_bytes()
        seen["report"] = (downloads / "report.html").read_text(encoding="utf-8")
        seen["code"] = page.inner_text("#game-code")
        page.keyboard.press("1")  # see the debrief: first the "why" questions, answered here by skipping
        page.wait_for_selector("#why-h", timeout=10_000)
        check_axe(page, axe_text, "why", seen["axe"])
        page.click("text=" + "Skip the questions")
        page.wait_for_selector("#debrief-h", timeout=10_000)
        seen["chart"] = page.query_selector(".chart-box svg") is not None
        check_axe(page, axe_text, "debrief", seen["axe"])
        # the rulebook and the sources, and the title screen, each at 150 % on a laptop and a tablet
        page.click("input[name=size][value='150']")
        for size in ({"width": 1366, "height": 768}, {"width": 768, "height": 1024}):
            page.set_viewport_size(size)
            seen["overflow"][f"debrief {size['width']}"] = overflow(page)
        page.click("text=Title screen")  # no reload: the title is drawn again by the page
        page.wait_for_selector("#title-h", timeout=30_000)
        check_axe(page, axe_text, "title", seen["axe"])
        page.click("text=Sources and about")
        page.wait_for_selector("#reading-h")
        check_axe(page, axe_text, "sources", seen["axe"])
        seen["overflow"]["sources 768"] = overflow(page)
        page.keyboard.press("Escape")
        page.wait_for_selector("#title-h")
        for size in ({"width": 1366, "height": 768}, {"width": 768, "height": 1024}):
            page.set_viewport_size(size)
            seen["overflow"][f"title {size['width']}"] = overflow(page)
        page.click("text=New game")
        page.wait_for_selector("#who-h")
        check_axe(page, axe_text, "character", seen["axe"])
        seen["overflow"]["character 768"] = overflow(page)
        page.keyboard.press("2")
        page.wait_for_selector("#values-h")
        check_axe(page, axe_text, "values", seen["axe"])
        for key in "123":
            page.keyboard.press(key)
        page.click("text=Start the year")
        page.wait_for_selector(".options button")
        seen["overflow"]["table 768"] = overflow(page)
        page.set_viewport_size({"width": 1366, "height": 768})
        seen["overflow"]["table 1366"] = overflow(page)
        page.keyboard.press("r")
        page.wait_for_selector("#reading-h")
        check_axe(page, axe_text, "rulebook", seen["axe"])
        seen["overflow"]["rulebook 1366"] = overflow(page)
        # two years unfinished on this browser: Continue asks whose year it is
        page.keyboard.press("Escape")
        for _year in range(2):
            page.click("[data-title]")
            page.wait_for_selector("#title-h")
            if _year == 0:
                page.click("button.primary")  # New game
                page.wait_for_selector("#who-h")
                page.keyboard.press("1")
                for key in "123":
                    page.keyboard.press(key)
                page.keyboard.press("Enter")
                page.wait_for_selector(".options button")
        page.click("text=Continue")
        page.wait_for_selector("#years-h")
        seen["which"] = [b.inner_text() for b in page.query_selector_all("#app ol.choices button")]
        check_axe(page, axe_text, "which year", seen["axe"])
        page.keyboard.press("2")
        page.wait_for_selector(".options button")
        seen["picked"] = page.inner_text(".about")
        seen["errors"] = errors
        browser.close()
    return seen


def test_an_unannounced_needs_card_is_tagged_on_the_page(played):
    assert played["need_tags"] and set(played["need_tags"]) == {"Unexpected need"}


def test_a_short_year_plays_by_keyboard_to_its_end(played):
    assert played["errors"] == []
    assert played["first_card_s"] < 30
    assert "THE YEAR IS OVER" in played["end_text"]
    assert len(played["choices"]) >= 5


def test_the_browser_log_is_the_terminals_byte_for_byte_and_the_codes_agree(played, tmp_path):
    log, code = terminal_year(tmp_path, played["choices"])
    assert played["log"] == log
    assert played["code"] == code


def test_a_reload_resumes_the_year_where_it_was(played):
    assert played["after_reload"]  # the table came back without the set-up screens
    # the deck count on the table: three cards played before the reload (civic turns are not cards)
    assert json.loads(played["log"])["record"]["choices"][:3] == played["choices"][:3]


def test_the_downloads_are_the_report_with_its_chart_and_the_log(played):
    assert "<svg" in played["report"] and played["code"] in played["report"]
    assert json.loads(played["log"])["record"]["seed"].startswith(SEED)
    assert played["chart"]


def test_a_shared_browser_asks_which_year_is_yours(played):
    assert len(played["which"]) == 2 and all("0 decisions" in b for b in played["which"])
    assert "Lin Yue" in played["which"][1] and "Zhao Lei" in played["which"][0]  # newest first
    assert "Lin Yue" in played["picked"]  # the year picked is the one played on


def test_outcomes_are_read_out_in_a_live_region(played):
    assert played["live"].strip()


def test_no_request_leaves_this_machine(played, site):
    _folder, base = site
    assert played["requests"], "the requests were recorded"
    away = [u for u in played["requests"] if not u.startswith((base, "data:", "blob:"))]
    assert away == []


def test_the_site_downloads_in_at_most_8_mb(played):
    assert 1 < played["transfer_mb"] <= 8  # served compressed: about half the 15 MB on disk


def test_axe_finds_nothing_serious_on_any_screen(played):
    assert played["axe"] == {}


def test_150_percent_text_never_needs_horizontal_scrolling(played):
    assert {k: v for k, v in played["overflow"].items() if v > 0} == {}


def test_every_shipped_level_plays_through_the_page_to_its_debrief(tmp_path):
    """What `?level=` offers: each level the site is built with, played on the page's Python to the end."""
    import pickle

    from game.content.locate import list_levels
    from game.web import bridge

    levels = tmp_path / "levels.pickle"
    levels.write_bytes(pickle.dumps([load_level(f) for f in list_levels(HARMONY.parent)]))
    game = bridge.Game.from_file(levels, tmp_path / "data")
    for level_id in game.order:
        setup = game.setup({"seed": "ALL-1", "months": 3, "level": level_id})
        screen = game.start(setup["level"], setup["seed"], setup["characters"][0]["id"],
                            [v["id"] for v in setup["values"][:3]])
        while not screen["over"]:
            screen = game.choose(0)
        debrief = game.answer([])
        assert debrief["pages"] and debrief["code"].startswith(level_id + ":"), level_id
        assert game.log_text() and "<svg" in game.report_html(), level_id


def test_the_page_speaks_in_the_levels_own_words_once_a_year_starts(tmp_path):
    """A term of weeks (tests/levels/school) is a term on the page too: its labels and month summary
    take the level's words, as the terminal and the window do."""
    import pickle

    from game.web import bridge

    school = load_level(HARMONY.parent.parent / "tests" / "levels" / "school")
    levels = tmp_path / "levels.pickle"
    levels.write_bytes(pickle.dumps([school]))
    game = bridge.Game.from_file(levels, tmp_path / "data")
    setup = game.setup({"seed": "TERM-1", "level": school.id})
    screen = game.start(school.id, setup["seed"], setup["characters"][0]["id"],
                        [v["id"] for v in setup["values"][:3]])
    said = " ".join(screen["words"].values())
    assert "term" in said and not re.search(r"\b(years?|months?)\b", said, re.I), said
