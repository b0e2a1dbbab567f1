"""The terminal game, end to end, through the front door: a subprocess fed on standard input."""

import json
import subprocess
import sys

import pytest

from tests.conftest import MINI, ROOT


def run(args, answers, data_dir, timeout=60):
    return subprocess.run([sys.executable, "-m", "game", "play", "--text", "--data-dir", str(data_dir), *args],
                          input=answers, capture_output=True, text=True, cwd=ROOT, timeout=timeout)


@pytest.mark.parametrize("answer", ["1", "2"])
def test_a_whole_year_plays_on_piped_answers_and_writes_its_log(tmp_path, answer):
    out = run(["--seed", "7", "--new"], f"{answer}\n" * 400, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "THE YEAR IS OVER" in out.stdout
    assert "Traceback" not in out.stderr
    logs = list((tmp_path / "logs").glob("*.json"))
    assert len(logs) == 1
    data = json.loads(logs[0].read_text())
    assert data["record"]["seed"] == "7" and data["log"][-1]["t"] == "end"
    assert not list((tmp_path / "saves").glob("*.json"))


def test_the_same_seed_and_answers_give_the_same_output(tmp_path):
    a = run(["--seed", "CLASS-1", "--new"], "1\n2\n3\n1\n" * 100, tmp_path / "a")
    b = run(["--seed", "CLASS-1", "--new"], "1\n2\n3\n1\n" * 100, tmp_path / "b")
    strip = lambda s: "\n".join(line for line in s.splitlines() if "log of your year" not in line  # noqa: E731
                                and "/logs/" not in line)
    assert a.returncode == b.returncode == 0
    assert strip(a.stdout) == strip(b.stdout)


def test_bad_input_is_asked_again(tmp_path):
    out = run(["--level", str(MINI), "--seed", "1", "--new"], "zero\n9\n1\n" + "1\n" * 60, tmp_path)
    assert out.returncode == 0
    assert out.stdout.count("Please type a number from 1 to 2.") == 2


def test_end_of_input_mid_game_saves_and_the_game_resumes_where_it_stopped(tmp_path):
    first = run(["--level", str(MINI), "--seed", "5", "--new"], "1\n1\n1\n1\n1\n", tmp_path)
    assert first.returncode == 0
    assert "Your game is saved" in first.stdout and "python -m game play --text" in first.stdout
    saved = json.loads(next((tmp_path / "saves").glob("*.json")).read_text())
    assert saved["choices"] == [0] and saved["seed"] == "5"
    second = run(["--level", str(MINI)], "2\n" * 60, tmp_path)
    assert "Continuing your saved game" in second.stdout
    assert "THE YEAR IS OVER" in second.stdout
    log = json.loads(next((tmp_path / "logs").glob("*.json")).read_text())
    assert log["record"]["choices"][0] == 0 and set(log["record"]["choices"][1:]) <= {1}


def test_a_damaged_save_is_moved_aside_with_a_message_and_a_new_game_starts(tmp_path):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "autosave.json").write_text("{not json", encoding="utf-8")
    out = run(["--level", str(MINI), "--seed", "2"], "1\n" * 60, tmp_path)
    assert out.returncode == 0 and "THE YEAR IS OVER" in out.stdout
    assert "cannot be used" in out.stdout and "kept as" in out.stdout
    assert list((tmp_path / "saves" / "aside").glob("autosave.broken-*.json"))


def test_an_unknown_character_is_refused_clearly(tmp_path):
    out = run(["--character", "nobody", "--new"], "", tmp_path)
    assert out.returncode == 2 and "There is no character 'nobody'" in out.stderr


def test_the_rules_are_one_letter_away(tmp_path):
    out = run(["--level", str(MINI), "--seed", "1", "--new"], "1\n1\n1\n1\nr\n" + "1\n" * 60, tmp_path)
    assert "Traffic offence" in out.stdout and "A: 1050 or more" in out.stdout and "D: below 950" in out.stdout


def test_options_without_the_play_command_mean_play(tmp_path):
    out = subprocess.run([sys.executable, "-m", "game", "--text", "--level", str(MINI), "--seed", "1", "--new",
                          "--data-dir", str(tmp_path)], input="1\n" * 60, capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "THE YEAR IS OVER" in out.stdout


def test_odd_digits_and_blank_lines_are_asked_again_not_crashed_on(tmp_path):
    out = run(["--level", str(MINI), "--seed", "1", "--new"], "²\n\n٣\n" + "1\n" * 60, tmp_path)
    assert out.returncode == 0 and "Traceback" not in out.stderr and "THE YEAR IS OVER" in out.stdout


def test_quitting_before_the_first_decision_keeps_the_game(tmp_path):
    first = run(["--level", str(MINI), "--seed", "Q1", "--new"], "1\n1\n1\n1\nq\n", tmp_path)
    assert "Your game is saved" in first.stdout
    assert json.loads(next((tmp_path / "saves").glob("*.json")).read_text())["choices"] == []


def test_asking_for_another_seed_starts_it_and_keeps_the_old_save(tmp_path):
    run(["--level", str(MINI), "--seed", "OLD", "--new"], "1\n1\n1\n1\n1\n", tmp_path)
    out = run(["--level", str(MINI), "--seed", "NEW"], "1\n" * 60, tmp_path)
    assert "1 other unfinished year of this level is kept" in out.stdout and "Seed: NEW" in out.stdout
    kept = [json.loads(p.read_text()) for p in (tmp_path / "saves").glob("*.json")]
    assert [k["seed"] for k in kept] == ["OLD"]


def test_a_counter_is_told_as_it_moves_and_the_closed_market_is_said_once(harmony):
    """The civic market closed silently after four good deeds: a player could not tell why it was gone."""
    from game.text.wordcount import words_shown

    _, shown = words_shown(harmony, "conformist", 0, 12)
    assert shown.count("Good deeds counted: 1. Only four count a year.") == 1
    assert "Good deeds counted: 4" in shown and "Good deeds counted: 5" not in shown
    closed = "No civic act is open to you this month."
    assert shown.count(closed) == 1 and shown.index("Good deeds counted: 4") < shown.index(closed)


def test_a_greyed_choice_typed_is_named_and_piped_input_that_repeats_it_stops(tmp_path):
    """`yes 1 | play --text` wrote 53 MB a minute when option 1 was greyed: the card came back without a word.
    Now the reason is said; a person can type again, and piped input that sends it three times running stops
    there, saved, with exit status 1 (it would send the same line for ever)."""
    import io
    import shutil

    from game.content.level import load_level
    from game.text import terminal
    from tests.conftest import MINI

    level_dir = tmp_path / "mini"
    shutil.copytree(MINI, level_dir)
    cards = level_dir / "cards" / "street.yaml"
    cards.write_text(cards.read_text().replace("    - label: Drive through\n",
                                               "    - label: Drive through\n      if: 'money >= 99'\n"))
    level = load_level(level_dir)
    out = io.StringIO()
    status = terminal.play(level, tmp_path / "data", "GREY-1", "walker", True, io.StringIO("1\n" * 10_000), out)
    shown = " ".join(out.getvalue().split())
    assert status == 1 and len(shown) < 20_000
    assert "Choice 1 is not open to you now: it needs money >= 99." in shown
    assert "sent a choice that is not open 3 times in a row; stopping here. Your game is saved." in shown
    out = io.StringIO()  # a person who reads the reason and picks another goes on
    status = terminal.play(level, tmp_path / "data", "GREY-1", "walker", False, io.StringIO("1\n2\n" * 200), out)
    assert status == 0 and "THE YEAR IS OVER" in out.getvalue()


def bot_year(level, policy, game, data_dir):
    """A year the terminal shows a bot playing: what it printed, and the year's state."""
    import io

    from game.text import terminal, wordcount

    out = io.StringIO()
    term = wordcount._BotTerminal(level, policy, game, out)
    terminal._play_one(level, data_dir, f"WORDS-{game}", None, True, term)
    assert term.state is not None and term.state.over
    return out.getvalue(), term.state


def test_a_need_says_it_came_unannounced_and_what_became_of_it(harmony, tmp_path):
    """A need's card is tagged under its title (no other card is), and after its choice one line says
    whether it was met, met late, or left unmet and counted against the year, in the order they came."""
    from game.words import narrate

    told, expected = [], []
    for policy, game in (("free", 1), ("conformist", 0)):
        shown, state = bot_year(harmony, policy, game, tmp_path / policy)
        lines = shown.splitlines()
        tagged = [lines[i - 1].split("]  ", 1)[1] for i, line in enumerate(lines) if line == "  Unexpected need."]
        assert tagged == [harmony.cards[c].title.upper() for c in state.needs if c in state.seen] and tagged
        told += [line.strip() for line in lines if line.strip() in narrate.NEED_WORDS.values()]
        expected += [narrate.NEED_WORDS[e["outcome"]] for e in state.log if e["t"] == "need"]
    assert told == expected and {"Need met.", "Need left unmet: it counts against your year."} <= set(told)


def test_grade_as_perk_is_said_when_it_changed_a_service_and_never_otherwise(harmony, tmp_path):
    shown, state = bot_year(harmony, "conformist", 0, tmp_path / "a")
    perks = [e for e in state.log if e["t"] == "service" and e.get("perk")]
    said = [line.strip() for line in shown.splitlines() if "counted: at grade" in line]
    words = {"denied": "refused", "delayed": "delayed"}
    assert perks and said == [f"Grade A counted: at grade B this would have been {words[e['perk']]}." for e in perks]
    shown, state = bot_year(harmony, "free", 0, tmp_path / "b")
    assert not any(e.get("perk") for e in state.log) and "counted: at grade" not in shown


def test_the_rules_say_needs_come_unannounced_and_what_a_good_year_takes(tmp_path):
    out = run(["--seed", "R1", "--new", "--character", "zhao_lei"], "1\n1\n1\nr\n" + "1\n" * 5, tmp_path)
    said = " ".join(out.stdout.split())  # as read, not as wrapped
    assert "Needs come unannounced, in months you are not told. Your grade when one comes decides it." in said
    assert "A good year: goal reached, every need met, no meter empty at any month's end." in said
    mini = run(["--level", str(MINI), "--seed", "1", "--new"], "1\n1\n1\n1\nr\n" + "1\n" * 5, tmp_path / "mini")
    said = " ".join(mini.stdout.split())
    assert "How the year is judged" in said and "Needs come" not in said  # a level without needs says nothing of them
    assert "A good year: goal reached, no meter empty at the end, and at most 1 month-end with one empty." in said


def test_a_meter_empty_at_a_months_end_is_said_to_count_against_the_year(harmony, tmp_path):
    """The verdict counts the month-ends a meter spent empty; the terminal says so the first time it
    happens (the header's meters show it after), the month's report every time, with the count so far."""
    from game.words import narrate

    shown, state = bot_year(harmony, "conformist", 0, tmp_path)
    lean = [e["month"] for e in state.log if e["t"] == "month_end"
            and any(e["meters"][m.id] <= m.min for m in harmony.meters.values())]
    assert len(lean) == state.log[-1]["months_at_min"] >= 2
    assert shown.count("empty: this month's end counts against your year.") == 1
    first = shown.index("empty: this month's end counts against your year.")
    assert shown.rindex("End of ", 0, first) == shown.index(f"End of {narrate.month_name(harmony, lean[0])}")
    report = dict(narrate.month_report(harmony, state.log, lean[-1]))
    assert report["Your year"][0].endswith(f"counts against your year ({len(lean)} so far).")
    assert "Your year" not in dict(narrate.month_report(harmony, state.log, next(
        e["month"] for e in state.log if e["t"] == "month_end" and e["month"] not in lean)))
