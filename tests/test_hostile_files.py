"""Every file and string the game reads is untrusted: each hostile case gives one clear line, the right exit
status and no traceback, quickly, and nothing the player made is lost."""

import os
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
