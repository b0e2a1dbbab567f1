"""A year that fits a lesson: the short year carried by the seed, and ending the year early."""

import json
import subprocess
import sys

import pytest

from game.core import bots, engine, gamecode
from game.play import seeds
from tests.conftest import ROOT


def play(level, seed, character, policy="balanced", stop_after=None):
    state = seeds.new_year(level, seed, character, list(level.values)[:3])
    bot = 1
    while not state.over:
        if stop_after is not None and len(state.choices) == stop_after:
            return engine.apply(level, state, engine.END_NOW)
        bot, pick = bots.choose(policy, engine.pending(level, state), bot)
        state = engine.apply(level, state, pick)
    return state


def test_the_seed_carries_the_length_so_a_class_shares_it():
    assert seeds.year_length("MAPLE-42-6M", 12) == 6
    assert seeds.year_length("maple-42-6m", 12) == 6
    assert seeds.year_length("MAPLE-42", 12) == 12
    assert seeds.with_length("MAPLE-42", 6, 12) == "MAPLE-42-6M"
    assert seeds.with_length("MAPLE-42-6M", 12, 12) == "MAPLE-42"
    assert seeds.with_length("MAPLE-42-6M", 4, 12) == "MAPLE-42-4M"


@pytest.mark.parametrize("character", ["zhao_lei", "lin_yue", "xu_ning", "guo_fang", "sun_deming"])
def test_a_six_month_year_has_six_rounds_and_still_settles_the_goal(harmony, character):
    state = play(harmony, "CLASS-7-6M", character)
    ends = [e["month"] for e in state.log if e["t"] == "month_end"]
    assert ends == [2, 4, 6, 8, 10, 12]
    assert sum(1 for e in state.log if e["t"] == "goal") == 1 and state.goal_reached is not None
    policies = {e["policy"] for e in state.log if e["t"] == "policy"}
    assert policies == {p.id for p in harmony.rulebook.policies}  # every rule change still happens
    cards = [e for e in state.log if e["t"] == "decision" and e["kind"] == "card"]
    assert 6 <= len(cards) <= 9 and 11 <= len(state.choices) <= 15  # about half a full year's 25 to 29
    # the cards still come inside their windows: a round stands for the months it covers
    for event in (e for e in state.log if e["t"] == "deal"):
        first = next(e.get("from", e["month"]) for e in state.log if e["t"] == "month" and e["month"] == event["month"])
        for card in event["cards"]:
            lo, hi = harmony.cards[card].when.months
            assert lo <= event["month"] and hi >= first or card in {c for c in harmony.cards if not
                                                                   harmony.cards[c].when.deck}


def test_the_full_year_is_unchanged_by_the_length_rules(harmony):
    state = play(harmony, "CLASS-7", "lin_yue")
    assert [e["month"] for e in state.log if e["t"] == "month_end"] == list(range(1, 13))


def test_ending_now_finishes_the_year_and_its_code_replays_it(harmony):
    state = play(harmony, "CLASS-7-6M", "guo_fang", stop_after=5)
    assert state.over and state.choices[-1] == engine.END_NOW
    assert state.log[-1]["t"] == "end" and state.log[-2]["t"] == "end_now"
    assert engine.pending(harmony, state) is None
    code = seeds.code_for(harmony, state)
    seed, who, values, choices = gamecode.resolve(harmony, gamecode.decode(code))
    again = engine.replay(harmony, seed, who, values, choices, *seeds.terms(harmony, seed))
    assert again.log == state.log and again.choices == state.choices


def test_ending_now_is_the_last_choice_or_nothing(harmony):
    state = play(harmony, "CLASS-7", "guo_fang", stop_after=1)
    assert isinstance(engine.apply(harmony, state, 0), engine.Refusal)
    code = gamecode.encode(harmony, state.seed, state.character, state.values, state.choices)
    assert gamecode.decode(code)["choices"] == [state.choices[0], engine.END_NOW]


def run(args, answers, data_dir):
    return subprocess.run([sys.executable, "-m", "game", "play", "--text", "--data-dir", str(data_dir), *args],
                          input=answers, capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_months_on_the_command_line_plays_a_short_year_named_in_its_seed(tmp_path):
    out = run(["--seed", "MAPLE-42", "--months", "6", "--new"], "1\n" * 200, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "1 OF 6" in out.stdout and "6 OF 6" in out.stdout and "7 OF 6" not in out.stdout
    log = json.loads(next((tmp_path / "logs").glob("*.json")).read_text())
    assert log["record"]["seed"] == "MAPLE-42-6M"
    assert "harmony_city:MAP1E-42-6M:" in out.stdout  # the game code carries the length (L is written 1)


def test_e_in_the_terminal_ends_the_year_with_a_debrief_and_a_code_that_replays(tmp_path):
    out = run(["--seed", "MAPLE-42", "--new", "--character", "lin_yue"], "1\n1\n1\n1\n1\ne\n2\n1\ne\n1\n", tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Stopped in" in out.stdout and "your goal was due in" in out.stdout and "DEBRIEF" in out.stdout
    code = next(line.strip() for line in out.stdout.splitlines() if line.strip().startswith("harmony_city:"))
    log = json.loads(next((tmp_path / "logs").glob("*.json")).read_text())
    assert log["record"]["choices"] == [0, 0, 0, engine.END_NOW]  # "2" (no) kept playing: one more choice
    again = subprocess.run([sys.executable, "-m", "game", "play", "--text", "--code", code],
                           capture_output=True, text=True, cwd=ROOT, timeout=60, input="")
    assert again.returncode == 0, again.stderr
    assert "Stopped in" in again.stdout


BUDGET = {6: 1800, 12: 3000}  # words before the debrief: 12 and 20 minutes at 150 words a minute (issue 12)


@pytest.mark.parametrize("months", sorted(BUDGET))
def test_every_year_reads_within_the_lesson_budget_whatever_the_player_does(harmony, months):
    """The words a player is shown before the debrief, as the terminal prints them, over the 100 bot years
    of every built-in policy that `python -m game words` (and docs/teachers.md) reports: not the average,
    every single year fits, the longest too (a year on the debtors list, or one of crises)."""
    from game.text import wordcount

    result = wordcount.measure(harmony, months, 100)
    assert set(result) == set(bots.POLICIES)
    longest = max(result.items(), key=lambda item: item[1]["max"])
    assert longest[1]["max"] <= BUDGET[months], (months, longest)


def test_the_word_count_counts_what_the_terminal_prints(harmony):
    from game.text import wordcount

    words, shown = wordcount.words_shown(harmony, "balanced", 3, 6)
    assert "THE YEAR IS OVER" in shown and "DEBRIEF" not in shown
    assert words == wordcount.count_words(shown) and wordcount.count_words("--- a 1,000 · b") == 3


def test_the_engine_reads_no_length_from_a_seed_and_keeps_the_one_it_is_given(harmony):
    """A seed is only the dice: `ROOM-6M` through the engine is a full year, unless six months are asked."""
    values = list(harmony.values)[:3]
    full = engine.new_game(harmony, "ROOM-6M", "zhao_lei", values)
    short = engine.new_game(harmony, "ROOM", "zhao_lei", values, months=6)
    assert full.months == harmony.months and "months" not in full.log[0]
    assert short.months == 6 and short.log[0]["months"] == 6
    record = engine.record(short, harmony)
    assert record["months"] == 6 and record["options"] == []
    assert engine.new_game(harmony, "ROOM", "zhao_lei", values, months=40).code == "bad_months"
    assert engine.new_game(harmony, "ROOM", "zhao_lei", values, options=["nope"]).code == "bad_options"


def test_a_record_from_before_the_length_was_kept_replays_as_its_seed_said(harmony):
    state = play(harmony, "CLASS-7-6M", "guo_fang")
    old = {k: v for k, v in engine.record(state, harmony).items() if k not in ("months", "options")}
    again = seeds.replay(harmony, old)
    assert again.months == 6 and again.log == state.log
