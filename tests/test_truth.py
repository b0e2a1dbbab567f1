"""What is real and what is the article's: every rule says, and play says it where the rule acts."""

import json
import subprocess
import sys

from game.core import engine
from game.play import seeds
from tests.conftest import ROOT

FLIGHT_REALITY = "courts bar judgment debtors who miss their deadline"


def _score_chaser_choices(level, seed: str, character: str) -> tuple[list[int], engine.State]:
    """A player who takes the option that costs the most points, but never leaves a loan unpaid:
    their grade, not the debtors list, decides what they get."""
    state = engine.new_game(level, seed, character, ["family", "honesty", "freedom"])
    choices = []
    while not state.over:
        options = engine.pending(level, state).options
        no_default = [i for i, o in enumerate(options) if not any(a["act"] == "loan_default" for a in o["acts"])]
        pick = min(no_default or range(len(options)), key=lambda i: options[i]["expected_points"])
        choices.append(pick)
        state = engine.apply(level, state, pick)
    return choices, state


def test_a_year_played_in_the_terminal_to_a_refused_flight_says_it_is_the_articles_idea(harmony, tmp_path):
    for seed in ("A", "B", "C", "D", "E", "F", "G", "H"):
        choices, state = _score_chaser_choices(harmony, seed, "sun_deming")
        refused = [e for e in state.log if e["t"] == "service" and e["service"] == "air_travel"
                   and e["outcome"] == "denied" and e["why"] == "grade" and e["for"] == "card"]
        if refused:
            break
    assert refused, "no seed led to a flight refused for the grade"
    answers = "1\n1\n1\n" + "".join(f"{c + 1}\n" for c in choices)
    out = subprocess.run([sys.executable, "-m", "game", "play", "--text", "--new", "--seed", seed,
                          "--character", "sun_deming", "--data-dir", str(tmp_path)], input=answers,
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    text = " ".join(out.stdout.split())
    assert "Air ticket: DENIED (grade D)" in text
    # the first time the grade refuses a flight (and the first time it delays one), the next sentence, after
    # a delay's cost, says it is the article's idea and what happens in reality; the terminal tells each
    # such note once a year, the window's month summary every time (below)
    for word, done in (("DENIED", "Refused"), ("DELAYED", "Delayed")):
        if f"Air ticket: {word} (grade" not in text:
            assert word == "DELAYED"
            continue
        after = text.split(f"Air ticket: {word} (grade", 1)[1].split("Air ticket: ")[0]
        said = after.find(f"The article's thought experiment. {done} for a grade here. In reality no city score "
                          f"stops a flight")
        assert 0 < said < 120, after[:300]
        assert FLIGHT_REALITY in after
    # the window's month summary says it too, for the month the flight was refused
    from game.words import narrate

    month = refused[0]["month"]
    summary = " ".join(" ".join(items) for _heading, items in narrate.month_report(harmony, state.log, month))
    assert "Air ticket: DENIED" in summary and FLIGHT_REALITY in summary


FP_CARDS = {"second_child_question", "birth_registration", "neighbour_second_child"}


def _dealt(state) -> set[str]:
    return {c for e in state.log if e["t"] == "deal" for c in e["cards"]}


def _play_out(level, seed, character, values, pick):
    state = seeds.new_year(level, seed, character, values)
    while not state.over:
        options = engine.pending(level, state).options
        state = engine.apply(level, state, pick(len(options), len(state.choices)))
    return state


def test_a_class_seed_with_the_option_deals_everyone_the_same_deck_without_family_planning(harmony):
    from game.play.seeds import seed_options, with_options

    seed = with_options(harmony, "CLASS-7", ["family_planning"])
    assert seed == "CLASS-7-NOFP" and seed_options(harmony, seed) == ("family_planning",)
    decks, dealt = [], set()
    values = list(harmony.values)
    for n, character in enumerate(harmony.characters):  # five students, each their own choices
        state = _play_out(harmony, seed, character, values[n % 3:n % 3 + 3], lambda k, i, n=n: (i + n) % k)
        decks.append(next(e["outcome"] for e in state.log if e.get("what") == "deck_order"))
        dealt |= _dealt(state)
        if character == "lin_yue":  # her baby is still registered, with no norm to break
            assert "baby_registered" in _dealt(state) and "new_baby" in state.flags
    assert all(deck == decks[0] for deck in decks)
    assert not FP_CARDS & set(decks[0]) and not FP_CARDS & dealt
    # without the option, the family-planning cards come, and the stand-in never does
    plain = [_play_out(harmony, "CLASS-7", c, values[:3], lambda k, i: 0) for c in harmony.characters]
    assert all(FP_CARDS & _dealt(s) and "baby_registered" not in _dealt(s) for s in plain)


def test_the_option_rides_on_the_seed_through_a_short_year_and_a_game_code(harmony):
    from game.core import gamecode
    from game.play import seeds

    seed = seeds.with_options(harmony, "MAPLE-6M", ["family_planning"])
    assert seed == "MAPLE-NOFP-6M" and seeds.year_length(seed, harmony.months) == 6
    state = _play_out(harmony, seed, "zhao_lei", list(harmony.values)[:3], lambda k, i: i % k)
    code = seeds.code_for(harmony, state)
    seed, who, values, choices = gamecode.resolve(harmony, gamecode.decode(code))
    again = engine.replay(harmony, seed, who, values, choices, *seeds.terms(harmony, seed))
    assert again.log == state.log and not FP_CARDS & _dealt(again)


def test_the_terminal_flag_and_the_window_setting_give_the_same_seed(harmony, tmp_path):
    out = subprocess.run([sys.executable, "-m", "game", "play", "--text", "--new", "--seed", "maple",
                          "--leave-out", "family_planning", "--character", "zhao_lei", "--data-dir", str(tmp_path)],
                         input="1\n" * 200, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "Seed: MAPLE-NOFP" in out.stdout
    log = json.loads(next((tmp_path / "logs").glob("*.json")).read_text())
    assert log["record"]["seed"] == "MAPLE-NOFP"
    # Zhao Lei meets "A second child?" in every full year, except when the class leaves it out
    assert not FP_CARDS & {e["card"] for e in log["log"] if e["t"] == "decision"}
    bad = subprocess.run([sys.executable, "-m", "game", "play", "--text", "--new", "--leave-out", "nothing",
                          "--data-dir", str(tmp_path)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert bad.returncode == 2 and "family_planning" in bad.stderr

    import pygame

    from game.ui.app import App
    from game.ui.scenes.title import TitleScene

    app = App(harmony, tmp_path / "window", seed="MAPLE")
    try:
        app.settings.left_out = ["family_planning"]
        title = TitleScene(app)
        app.push(title)
        title.new_game()
        assert app.scene.seed == "MAPLE-NOFP"
    finally:
        pygame.display.quit()
