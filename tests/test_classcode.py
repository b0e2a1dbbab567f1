"""A split class: the teacher's code puts half the class under the score and half without, on one deck."""

import subprocess
import sys
from collections import Counter

import pytest

from game.core import engine
from game.play import classcode
from tests.conftest import ROOT

VALUES = ["family", "honesty", "freedom"]


def test_numbered_students_make_two_even_halves_that_share_the_seed(harmony):
    code = classcode.split_code("9B-6M")
    assert code == "9B-SPLIT-6M"
    placed = [classcode.place(harmony, classcode.student_code(code, n)) for n in range(1, 25)]
    assert Counter(p.level_id for p in placed) == {"harmony_city": 12, "harmony_city_no_score": 12}
    assert {p.seed for p in placed} == {"9B-SPLIT-6M"}  # the student's number never reaches the deck


def test_without_a_number_a_student_is_placed_by_a_coin():
    from game.content.level import load_level

    level = load_level(ROOT / "levels" / "harmony_city")
    heads = classcode.place(level, "9B-SPLIT", coin=lambda n: 0)
    tails = classcode.place(level, "9B-SPLIT", coin=lambda n: 1)
    assert (heads.group, tails.group) == ("score", "control")
    assert tails.level_id == "harmony_city_no_score"


def test_both_halves_are_dealt_the_same_deck_for_the_same_character(harmony):
    from game.content.level import load_level

    control = load_level(ROOT / "levels" / "harmony_city_no_score")
    for character in harmony.characters:
        decks = [next(e["outcome"] for e in engine.new_game(level, "9B-SPLIT", character, VALUES).log
                      if e.get("what") == "deck_order") for level in (harmony, control)]
        assert decks[0] == decks[1]


def test_a_level_without_a_control_cannot_split(mini):
    with pytest.raises(classcode.SplitError, match="control"):
        classcode.place(mini, "9B-SPLIT1")


def test_a_random_seed_is_never_mistaken_for_a_split():
    from game.play.paths import new_seed

    assert not any(classcode.is_split(new_seed()) for _ in range(2000))


def test_an_even_student_plays_without_a_score_in_the_terminal(tmp_path):
    out = subprocess.run([sys.executable, "-m", "game", "play", "--text", "--new", "--seed", "9b-split4-6m",
                          "--data-dir", str(tmp_path)], input="1\n" * 80, capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    head = out.stdout.upper().split("WHO ARE YOU")[0]
    assert "WITHOUT A SCORE" not in head and "HARMONY CITY" in head  # one neutral title in both halves
    assert any("harmony_city_no_score" in f.name for f in tmp_path.rglob("*.json"))  # yet the year is without
    assert "Seed: 9B-SPLIT-6M" in out.stdout


def test_the_class_code_command_prints_one_code_per_student():
    out = subprocess.run([sys.executable, "-m", "game", "class-code", "--seed", "9B", "--split", "--students", "24"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "Split class code: 9B-PENAL-SPLIT" in out.stdout  # the primary outcome fixed in the code, before play
    assert out.stdout.count("9B-PENAL-SPLIT") == 25 and "student 24: 9B-PENAL-SPLIT24" in out.stdout
