"""Every file and string the game reads is untrusted: each hostile case gives one clear line, the right exit
status and no traceback, quickly, and nothing the player made is lost."""

import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from game.core import engine, gamecode
from tests.conftest import MINI, ROOT


def cli(*args, env=None, timeout=30, stdin=""):
    return subprocess.run([sys.executable, "-m", "game", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=timeout)


@pytest.fixture
def level(tmp_path):
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    return folder


@pytest.mark.parametrize("line, said", [
    ("title: !!bool maybe", "cannot be read as bool"),
    ('title: !!bool ""', "cannot be read as bool"),
    ('title: !!int ""', "cannot be read as int"),
    ('title: !!float ""', "cannot be read as float"),
    ("title: 0x" + "f" * 3600, "a very large number"),
    ('title: "Mini \\u202eTown"', "invisible or control character (U+202E"),
    ('title: "Mini\\u200bTown"', "invisible or control character (U+200B"),
    ('title: "Mini \\x1b[31mTown"', "invisible or control character (U+001B"),
    ("title: &a Mini\nsummary: &a x", "defined a second time here (first at line"),
    ("title: Mini\n---\nother: 1", "but found another document"),
])
def test_validate_names_each_hostile_value_in_one_clean_line(level, line, said):
    head = level / "level.yaml"
    head.write_text("\n".join(x for x in head.read_text().splitlines() if not x.startswith("title:")) + "\n" + line
                    + "\n")
    out = cli("validate", "--no-play", str(level))
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert said in out.stdout and "\x1b" not in out.stdout + out.stderr
    assert all(x.startswith(str(level)) or not x for x in out.stdout.splitlines())  # file:line: message, each
    assert max(len(x) for x in out.stdout.splitlines()) < 600


def test_a_nul_on_line_100_is_reported_on_line_100(level):
    cards = sorted((level / "cards").glob("*.yaml"))[0]
    lines = cards.read_text().splitlines()
    lines += ["# padding"] * (99 - len(lines)) + ["# a \x00 here"]
    cards.write_text("\n".join(lines) + "\n")
    out = cli("validate", "--no-play", str(level))
    assert out.returncode == 1 and f"{cards.name}:100:" in out.stdout and "U+0000" in out.stdout


def test_an_id_ending_in_a_newline_is_refused(level):
    chars = level / "characters.yaml"
    chars.write_text(chars.read_text().replace("- id: driver", '- id: "driver\\n"', 1))
    out = cli("validate", "--no-play", str(level))
    assert out.returncode == 1 and "lower_snake_case" in out.stdout


@pytest.mark.parametrize("kind", ["loop", "dev_zero", "fifo", "folder"])
def test_a_card_file_that_is_not_a_plain_file_is_refused_quickly_and_named(level, kind):
    target = level / "cards" / "x.yaml"
    if kind == "loop":
        os.symlink("x.yaml", target)
    elif kind == "dev_zero":
        os.symlink("/dev/zero", target)
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
    start = time.monotonic()
    out = cli("validate", "--no-play", str(level), timeout=15)
    assert time.monotonic() - start < 15
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert "x.yaml" in out.stdout


def test_with_no_display_the_game_says_so_at_once_and_offers_the_terminal():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    start = time.monotonic()
    out = cli(env=env, timeout=20)
    assert time.monotonic() - start < 10
    assert out.returncode == 1 and "no display" in out.stderr and "play --text" in out.stderr


def test_a_huge_game_code_is_refused_at_once():
    start = time.monotonic()
    with pytest.raises(gamecode.CodeError, match="at most"):
        gamecode.decode("harmony_city:A:0000:" + "Z" * 100_000 + ":AAA")
    assert time.monotonic() - start < 0.1
    out = cli("play", "--text", "--code", "x" * 100_000)
    assert out.returncode == 2 and "at most" in out.stderr and len(out.stderr) < 300


def test_a_code_reads_the_same_with_o_for_0_and_i_or_l_for_1_in_any_case(mini):
    state = engine.new_game(mini, "CLASS-1", list(mini.characters)[0], list(mini.values)[:3])
    while not state.over:
        state = engine.apply(mini, state, 0)
    code = gamecode.encode(mini, state.seed, state.character, state.values, state.choices)
    assert not set(code.split(":", 1)[1]) & set("OILU")
    typed = code.replace("0", "o").replace("1", "l").lower()
    seed, character, values, choices = gamecode.resolve(mini, gamecode.decode(f" {typed} \n"))
    assert (seed, character, values, choices) == (state.seed, state.character, list(state.values), state.choices)


@pytest.mark.parametrize("seed, said", [("CLASS:7", "cannot hold ':'"), ("x" * 40, "characters; this one has 40"),
                                        ("\x1b[31mred", "U+001B"), ("", "at least one letter")])
def test_a_seed_the_guide_forbids_is_refused_with_the_reason(tmp_path, seed, said):
    out = cli("play", "--text", "--level", str(MINI), "--seed", seed, "--data-dir", str(tmp_path))
    assert out.returncode == 2 and said in out.stderr and "\x1b" not in out.stderr


def test_a_seed_with_spaces_and_small_letters_is_the_class_seed_in_capitals(tmp_path):
    out = cli("play", "--text", "--level", str(MINI), "--seed", "class 7", "--new", "--data-dir", str(tmp_path),
              stdin="1\n" * 60)
    assert out.returncode == 0 and "Seed: CLASS-7" in out.stdout


def test_text_from_a_file_never_reaches_the_terminal_as_escapes():
    from game.text.terminal import Terminal

    class Out:
        text = ""

        def write(self, s):
            Out.text += s

    Terminal(None, Out()).say("a \x1b[31mred\x07 \u202eword")
    assert "\x1b" not in Out.text and "\x07" not in Out.text and "\u202e" not in Out.text


# --- round two (issue 25): each reproducer gives a clean message or the right result, quickly ----------------

def _check(folder):
    from game.content.levels import validate_all

    start = time.monotonic()
    levels, problems, _warnings = validate_all([folder], play=True)
    assert time.monotonic() - start < 5
    lines = [str(p) for p in problems]
    assert all("\n" not in x and len(x) < 700 for x in lines)
    return levels, lines


@pytest.mark.parametrize("number, said", [
    ("0x" + "f" * 3600, "a very large number (3,602 characters)"),
    ("1:" + ":".join(["0"] * 3000), "base-60 number in YAML 1.1"),
    ("0b" + "1" * 15000, "a very large number"),
    ("1_" * 3000 + "1", "a very large number"),
    ("010", "reads as octal"),
    ("1:30", "base-60"),
    ("1:30.5", "base-60"),
    ("9" * 5000, "a very large number"),
])
def test_a_huge_or_odd_yaml_number_is_one_clean_problem_never_a_crash(level, number, said):
    head = level / "level.yaml"
    head.write_text(head.read_text().replace("months: 3", f"months: {number}"))
    levels, lines = _check(level)
    assert not levels and len(lines) == 1 and said in lines[0] and "level.yaml:" in lines[0], lines


def test_play_and_the_window_code_path_refuse_a_level_with_a_huge_number(level, tmp_path):
    head = level / "level.yaml"
    head.write_text(head.read_text().replace("months: 3", "months: 0x" + "f" * 3600))
    out = cli("play", "--text", "--level", str(level), "--new", "--data-dir", str(tmp_path / "d"), stdin="1\n" * 20)
    assert out.returncode == 1 and "Traceback" not in out.stderr and "very large number" in out.stderr, out.stderr


@pytest.fixture
def harmony_copy(tmp_path):
    """The shipped level under an id of its own (a changed copy under the shipped id is refused for that)."""
    folder = tmp_path / "levels" / "hc"
    shutil.copytree(ROOT / "levels" / "harmony_city", folder)
    head = folder / "level.yaml"
    head.write_text(head.read_text().replace("id: harmony_city\n", "id: hc\n").replace(
        "control: harmony_city_no_score", "# control:"))
    return folder


def _edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_the_shipped_level_copied_under_its_own_id_is_valid(harmony_copy):
    levels, lines = _check(harmony_copy)
    assert [lv.id for lv in levels] == ["hc"] and not lines


@pytest.mark.parametrize("mistake, said", [
    ("deal", "trigger 'family_empty': deal names unknown card 'letter_hom'"),
    ("service", "access: service 'disco' has no rule"),
    ("after", "after should be a whole number, not text ('fifty-ish')"),
    ("title", "card 'empty_chair': missing field 'title'"),
])
def test_validate_reports_each_authoring_mistake_once_without_playing_the_broken_level(harmony_copy, mistake, said):
    if mistake == "deal":
        _edit(harmony_copy / "level.yaml", "deal: empty_chair", "deal: letter_hom")
    elif mistake == "service":
        _edit(harmony_copy / "level.yaml", "services:\n", "services:\n  disco: {label: Disco, icon: landmark}\n")
    elif mistake == "after":
        _edit(harmony_copy / "cards" / "money.yaml", "after: 2", "after: fifty-ish")
    else:
        _edit(harmony_copy / "cards" / "crises.yaml", "  title: They stopped asking\n", "")
    levels, lines = _check(harmony_copy)  # it played the level with bots before, and died of a KeyError
    assert not levels and len(lines) == 1 and said in lines[0], lines


def test_a_deck_cut_to_three_cards_names_each_card_that_is_gone(harmony_copy):
    kept = (harmony_copy / "cards" / "street.yaml").read_text().split("\n- id:")
    for path in (harmony_copy / "cards").glob("*.yaml"):
        path.unlink()
    (harmony_copy / "cards" / "street.yaml").write_text("\n- id:".join(kept[:4]) + "\n")
    levels, lines = _check(harmony_copy)
    assert not levels and lines
    assert all("unknown card" in x or "which no character or choice sets" in x for x in lines), lines


def test_one_wrong_type_in_the_rulebook_brings_no_false_unknown_grades(tmp_path):
    folder = tmp_path / "constructs"
    shutil.copytree(ROOT / "tests" / "levels" / "constructs", folder)
    _edit(folder / "rulebook.yaml", "start: 1000", "start: lots")
    levels, lines = _check(folder)
    assert not levels and len(lines) == 1 and "start should be a whole number" in lines[0], lines


def test_mistakes_in_four_files_are_all_reported_in_one_pass(level):
    """A mistake in level.yaml once hid every other file's: an author fixed them over four rounds."""
    _edit(level / "level.yaml", "title: Mini Town", "title: 7")
    _edit(level / "level.yaml", "money: {label: Money, start: 5,", "money: {label: Money, start: lots,")
    _edit(level / "rulebook.yaml", "points: -", "points: lots #")
    _edit(level / "cards" / "street.yaml", "title: Red light downtown", "title: [a]")
    _edit(level / "characters.yaml", "name: ", "name: [x] #")
    levels, lines = _check(level)
    assert not levels and len(lines) == 5, lines
    assert {x.split(":")[0].rsplit("/", 1)[-1] for x in lines} == {"level.yaml", "rulebook.yaml", "street.yaml",
                                                                   "characters.yaml"}
    assert not any("unknown" in x for x in lines), lines


@pytest.mark.parametrize("old, new", [("choices:", "choices: 3\n  old_choices:"),
                                      ("title: Red light downtown", "title: !!int 1:30")])
def test_a_card_with_choices_of_the_wrong_type_is_a_clean_problem(level, old, new):  # found by the fuzz test
    _edit(level / "cards" / "street.yaml", old, new)
    levels, lines = _check(level)
    assert not levels and lines and all("street.yaml" in x for x in lines), lines


def _honest_log(tmp_path, level_dir=ROOT / "levels" / "harmony_city"):
    from game.content.level import load_level
    from game.play.session import Session

    lv = load_level(level_dir)
    s = Session.new(lv, tmp_path / "data", "HONEST-1", list(lv.characters)[0], list(lv.values)[:3])
    while not s.state.over:
        s.choose(0)
    return lv, s.log_path


@pytest.fixture
def hand_ins(tmp_path):
    """A folder of hand-ins with an honest log and a folder that poses as the shipped level (+100 a point)."""
    from tests.conftest import HARMONY

    folder = tmp_path / "hand-ins"
    forged = folder / "harmony_city"
    shutil.copytree(HARMONY, forged)
    rules = forged / "rulebook.yaml"
    rules.write_text(re.sub(r"points: -?\d+", "points: 100", rules.read_text()))
    lv, log = _honest_log(tmp_path)
    shutil.copy(log, folder / "honest.json")
    return folder, lv


def test_a_level_folder_in_the_current_folder_never_stands_in_for_the_shipped_level(hand_ins, monkeypatch):
    from game.content import locate
    from game.play import yearlog
    from game.report.export import level_finder

    folder, shipped = hand_ins
    monkeypatch.chdir(folder)
    assert locate.find_level("harmony_city") == locate.levels_root() / "harmony_city"
    assert yearlog.load(folder / "honest.json", level_finder()).level.content_hash == shipped.content_hash
    with pytest.raises(locate.LevelNotFound, match="give it as ./mini"):
        shutil.copytree(MINI, folder / "mini")
        locate.find_level("mini")


def test_a_changed_copy_under_a_shipped_id_is_refused_even_when_its_folder_is_named(hand_ins, monkeypatch):
    from game.content import locate
    from game.play import yearlog
    from game.report.export import level_finder

    folder, _shipped = hand_ins
    monkeypatch.setattr(locate, "_extra_dirs", [folder])
    with pytest.raises(locate.LevelShadowed, match="shipped with the game"):
        locate.find_level("harmony_city")
    with pytest.raises(yearlog.LogProblem, match="shipped with the game") as refused:
        yearlog.load(folder / "honest.json", level_finder())
    assert refused.value.kind == yearlog.NO_LEVEL
    assert (folder / "harmony_city") not in locate.all_levels()
    from game.content.levels import validate_all

    _levels, problems, _w = validate_all([folder / "harmony_city"], play=False)
    assert any("id of a level shipped with the game" in str(p) for p in problems)


def test_an_exact_copy_of_a_shipped_level_is_no_clash(tmp_path, monkeypatch):
    from game.content import locate

    shutil.copytree(ROOT / "levels" / "harmony_city", tmp_path / "harmony_city")
    monkeypatch.setattr(locate, "_extra_dirs", [tmp_path])
    assert locate.find_level("harmony_city") == tmp_path / "harmony_city"


def test_class_report_run_inside_the_hand_ins_counts_the_honest_log(hand_ins, tmp_path):
    folder, _shipped = hand_ins
    out = subprocess.run([sys.executable, "-m", "game", "class-report", ".", "--out", str(tmp_path / "r")],
                         capture_output=True, text=True, cwd=folder, timeout=60,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0 and "1 student year counted" in out.stdout, out.stdout + out.stderr
    assert "another version" not in out.stdout


def test_a_log_answers_only_the_questions_its_debrief_asked(tmp_path):
    import json

    from game.core import debrief
    from game.play import yearlog
    from game.play.session import keep_answers
    from game.report.export import level_finder

    lv, log = _honest_log(tmp_path)
    asked = sorted(debrief.asked_steps(lv, json.loads(log.read_text())["log"]))
    assert asked
    keep_answers(log, [{"step": k, "answer": "points"} for k in asked])
    assert len(yearlog.load(log, level_finder(lv)).data["answers"]) == len(asked)
    steps = sum(1 for e in json.loads(log.read_text())["log"] if e["t"] == "decision")
    for forged in ([{"step": k, "answer": "points"} for k in range(steps)],  # one per decision: 22 votes
                   [{"step": asked[0], "answer": "points"}] * 2,
                   [{"step": next(k for k in range(steps) if k not in asked), "answer": "points"}]):
        keep_answers(log, forged)
        with pytest.raises(yearlog.LogProblem, match="answers are not for the questions") as refused:
            yearlog.load(log, level_finder(lv))
        assert refused.value.kind == yearlog.ALTERED


@pytest.mark.parametrize("where", ["cards", "card_file", "rulebook_loop"])
def test_a_link_out_of_the_level_folder_is_refused_at_once(level, where):
    if where == "cards":
        shutil.rmtree(level / "cards")
        os.symlink("/", level / "cards")
        said = "cards:1: the file cannot be used: it is a link that leads out of the level folder"
    elif where == "card_file":
        os.symlink("/etc/hostname", level / "cards" / "host.yaml")
        said = "host.yaml:1: the file cannot be used: it is a link that leads out of the level folder"
    else:
        (level / "rulebook.yaml").unlink()
        os.symlink("rulebook.yaml", level / "rulebook.yaml")
        said = "rulebook.yaml:1: the file cannot be used: it is a link that leads back to itself"
    levels, lines = _check(level)
    assert not levels and any(said in x for x in lines), lines
    assert not any("missing file" in x or "no cards" in x for x in lines), lines


def test_with_display_set_and_no_x_server_the_game_says_so_and_offers_the_terminal():
    if os.path.exists("/tmp/.X11-unix/X97"):
        pytest.skip("an X server answers on :97 here")
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    env["DISPLAY"] = ":97"
    start = time.monotonic()
    out = cli("play", "--level", str(MINI), env=env, timeout=20)
    assert time.monotonic() - start < 10
    assert out.returncode == 1 and "no X server answers" in out.stderr and "play --text" in out.stderr


def test_class_report_takes_logs_before_junk_and_says_what_it_did_not_read(tmp_path, monkeypatch):
    from game.report import classreport

    _lv, log = _honest_log(tmp_path)
    folder = tmp_path / "hand-ins"
    folder.mkdir()
    for n in range(60):
        (folder / f"a{n:03}.txt").write_text("junk")
    shutil.copy(log, folder / "zzz.json")
    deep = folder.joinpath(*["d"] * 10)
    deep.mkdir(parents=True)
    shutil.copy(log, deep / "deep.json")
    monkeypatch.setattr(classreport, "MAX_FILES", 50)
    report = classreport.choose_class(classreport.gather([folder]))
    assert len(report.years) == 1
    said = " ".join(report.skipped)
    assert "11 more: a class report reads at most 50 files" in said
    assert "1 more: folders deeper than 8 levels are not opened" in said


HIDING = ["\u061c", "\U000e0041", "\xad", "\u2028", "\u2029", "\u2066", "\u200d", "\ufe0f", "\u3164", "\x85",
          "\U000e0001", "\u180e"]


@pytest.mark.parametrize("ch", HIDING)
def test_level_text_with_an_invisible_or_bidi_character_is_refused(level, ch):
    head = level / "level.yaml"
    text = "\n".join(x for x in head.read_text().splitlines() if not x.startswith("title:"))
    head.write_text(text + f'\ntitle: "Mini\\U{ord(ch):08x}Town"\n')
    levels, lines = _check(level)
    assert not levels and len(lines) == 1 and f"(U+{ord(ch):04X}" in lines[0], lines


def test_the_one_cleaner_covers_every_control_format_and_separator_character():
    import unicodedata

    from game.content.files import HIDDEN, clean_line

    missed = [f"U+{c:04X}" for c in range(0x110000) if c not in (9, 10)
              and unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp") and not HIDDEN.match(chr(c))]
    assert not missed
    assert clean_line("a\u2028b\U000e0041c\u061cd") == "a?b?c?d"


def test_markdown_output_escapes_autolinks_and_line_leading_markup():
    from game.report.export import md

    for text in ("https://evil.example/x", "www.evil.example", "me@evil.example", "# Heading", "1. item",
                 "- item", "+ item", "> quote", "    code", "= x"):
        out = md(text)
        assert "://" not in out and "www." not in out and "\\@" in out if "@" in text else True
        assert not re.match(r"\s*([#>+=-]|\d+[.)]|\s{4})", out), out


def test_a_seed_or_file_name_with_a_line_separator_reaches_no_page(tmp_path):
    import json

    from game.report.classreport import write_report

    _lv, log = _honest_log(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    data = json.loads(log.read_text())
    data["record"]["seed"] = "CLASS\u20281"
    (folder / "seed.json").write_text(json.dumps(data))
    shutil.copy(log, folder / "name\u2028\u202eevil.json")
    write_report([folder], tmp_path / "r")
    for page in ("teacher.md", "teacher.html", "class.md", "class.html"):
        text = (tmp_path / "r" / page).read_text()
        assert not re.search("[\u2028\u2029\u202e]", text), page


def test_a_chart_draws_tag_characters_as_visible_marks():
    import pygame

    from game.draw import text

    pygame.font.init()
    hidden = text.render("hid\U000e0041\U000e0042den", 20, (0, 0, 0))
    shown = text.render("hid??den", 20, (0, 0, 0))
    assert hidden.get_size() == shown.get_size()


def test_a_save_from_a_newer_version_is_left_alone_and_named_at_every_start(tmp_path, mini):
    import json

    from game.play.session import Session, unfinished

    s = Session.new(mini, tmp_path, "NEW-1", list(mini.characters)[0], list(mini.values)[:3])
    s.choose(0)
    data = json.loads(s.path.read_text())
    data["format"] = 99
    s.path.write_text(json.dumps(data))
    before = s.path.read_bytes()
    for _ in range(2):
        years, notes = unfinished(tmp_path)
        assert not years and len(notes) == 1 and "newer version" in notes[0] and s.path.name in notes[0]
        assert s.path.read_bytes() == before and not (tmp_path / "saves" / "aside").exists()


@pytest.mark.parametrize("tag, ok", [("6M", False), ("12M", False), ("SPLIT", False), ("SPLIT2", False),
                                     ("NOFP", True), ("M6", True)])
def test_a_seed_tag_may_not_be_a_word_seeds_already_use(tmp_path, tag, ok):
    from tests.conftest import HARMONY

    folder = tmp_path / "hc"
    shutil.copytree(HARMONY, folder)
    head = folder / "level.yaml"
    head.write_text(head.read_text().replace("id: harmony_city\n", "id: hc\n").replace(
        "control: harmony_city_no_score", "# control:").replace("seed_tag: NOFP", f"seed_tag: {tag}"))
    from game.content.level import check_level

    _lv, problems, _w = check_level(folder)
    lines = [str(p) for p in problems]
    assert (not lines) if ok else (len(lines) == 1 and "a word seeds already use" in lines[0]), lines


# --- every limit is a limit on work: the slow shapes at the caps, timed against an ordinary file as big -------

def _timed(read, path) -> float:
    start = time.perf_counter()
    try:
        read(path)
    except Exception as exc:  # noqa: BLE001 - a refusal is an outcome here; only the time is measured
        assert type(exc).__name__ in ("FileRefused", "LogProblem", "SaveError"), repr(exc)[:200]
    return time.perf_counter() - start


def _fill(unit: str, size: int, head: str = "", tail: str = "") -> str:
    body = unit * ((size - len(head) - len(tail)) // len(unit))
    return head + body + tail


@pytest.fixture(scope="module")
def slow_shapes(tmp_path_factory):
    """(what, seconds for the hostile file, seconds for an ordinary file): the same size and reader; the
    ordinary file is the reader's usual content (game events, card text) or, where a shape's cost lies in
    something ordinary files have little of (escapes, many keys), a twin with as much of it, only sound.
    A shape handled in linear time costs a small multiple; one that costs n^2 (as the JSON depth check and
    PyYAML's base-60 numbers did) costs hundreds of times."""
    from game.content import files
    from game.content.yamlfile import read_yaml
    from game.play import saves, yearlog
    from game.ui.settings import load_settings

    root = tmp_path_factory.mktemp("slow")
    log, save, conf, card = yearlog.MAX_LOG_BYTES, saves.MAX_SAVE_BYTES, 100_000, files.MAX_YAML_BYTES
    event = '{"t": "decision", "month": 1, "card": "red_light", "chosen": 0, "seen": false}, '
    cards = (ROOT / "levels" / "harmony_city" / "cards" / "street.yaml").read_text()
    readers = {  # reader, file name, cap, its ordinary content
        "log": (yearlog.read_log, "log.json", log, _fill(event, log, '{"record": {}, "log": [', "{}]}")),
        "save": (saves.read_save, "save.json", save, _fill('\\"', save, '"', '"')),
        "settings": (lambda p: load_settings(p.parent), "settings.json", conf, _fill('\\"', conf, '"', '"')),
        "cards": (lambda p: read_yaml(p, "x"), "cards.yaml", card, _fill(cards, card)),
    }
    third = card // 3  # many keys are slow to read whether or not they repeat: a third of the cap
    shapes = [  # (reader, what, hostile, its own ordinary twin or None for the reader's ordinary file)
        ("log", "an unclosed string of escaped quotes", _fill('\\"', log, '"'), _fill('\\"', log, '"', '"')),
        ("save", "an unclosed string of escaped quotes", _fill('\\"', save, '"'), None),
        ("settings", "an unclosed string of escaped quotes", _fill('\\"', conf, '"'), None),
        ("log", "brackets a million deep", "[" * log, None),
        ("log", "brackets 24 deep, over and over", _fill("[" * 24 + "]" * 24 + ",", log, "[", "1]"), None),
        ("log", "empty objects", _fill("{}, ", log, "[", "{}]"), _fill("[], ", log, "[", "[]]")),
        ("log", "a number of all the digits", "1" * log, None),
        ("log", "long numbers", _fill("9" * 29 + ", ", log, "[", "1]"), None),
        ("cards", "a base-60 number", _fill("0:", card, "a: 1:", "0"), None),
        ("cards", "a hex number", _fill("f", card, "a: 0x"), None),
        ("cards", "a decimal number", _fill("9", card, "a: "), None),
        ("cards", "'- ' nested (the C parser's recursion)", _fill("- ", card, "", "x"), None),
        ("cards", "'[' nested", _fill("[", card, "a: "), None),
        ("cards", "aliases", _fill("- *a\n", card, "- &a x\n"), None),
        ("cards", "duplicate keys", _fill("a: 1\n", third), "".join(f"k{i}: 1\n" for i in range(third // 9))),
    ]
    ordinary: dict = {}
    out = []
    for kind, what, hostile, twin in shapes:
        read, name, cap, usual = readers[kind]
        folder = root / f"{len(out)}"
        folder.mkdir()
        path = folder / name

        def timed(text, path=path, read=read, cap=cap):
            assert len(text.encode()) <= cap
            path.write_text(text)
            return _timed(read, path)

        if twin is None and kind not in ordinary:
            ordinary[kind] = timed(usual)
        times = [timed(twin) if twin is not None else ordinary[kind], timed(hostile)]
        if times[1] > 8 * times[0] + 0.05:  # a slice of time lost to another process: measure once more
            times[1] = min(times[1], timed(hostile))
            times[0] = min(times[0], timed(twin if twin is not None else usual))
        out.append((f"{kind}: {what}", times[1], times[0]))
    return out


def test_no_file_a_student_hands_in_costs_much_more_than_an_ordinary_file_of_its_size(slow_shapes):
    """At the size caps, each shape that once took n^2 time (or killed the process) costs at most a few
    times an ordinary file as big: a ratio, so a loaded machine slows both alike."""
    slow = [f"{what}: {t:.2f} s, an ordinary file {base:.2f} s" for what, t, base in slow_shapes
            if t > 8 * base + 0.05]
    assert not slow, slow
    assert sum(t for _w, t, _b in slow_shapes) < 20
