"""What is real and what is the article's: every rule says, and play says it where the rule acts."""

import subprocess
import sys

from game.core import engine
from tests.conftest import ROOT

FLIGHT_REALITY = "only the court's list of judgment debtors who can pay and refuse"


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
                   and e["outcome"] == "denied" and e["why"] == "grade"]
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
    after = text.split("Air ticket: DENIED (grade D)")[1]
    # the very next line says it is the article's idea, and what happens in reality
    assert after.removeprefix(".").lstrip().startswith(
        "The article's thought experiment. In reality no score stops a flight")
    assert FLIGHT_REALITY in after.split("Air ticket")[0]
    # the month summary says it too
    summary = text.split("End of ")[1:]
    assert any("Air ticket: DENIED" in part and FLIGHT_REALITY in part for part in summary)
