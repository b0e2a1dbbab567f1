"""Issue 21: what is real, on every choice, and the hard edges as true as the reassurances.

Each correction of the second fact-check (facts.md section 11) is listed here with the file it
lives in, and the test asserts the new text or the absence of the old claim.
"""

import shutil
import subprocess
import sys

import pytest

from game.content.levels import validate
from tests.conftest import HARMONY, ROOT

LEVELS = ROOT / "levels"

# (file, text that must no longer be there, text that must be there); None where only one side applies
CORRECTIONS = [
    # the documented teacher was blacklisted for beating pupils, not after a dispute with a parent
    ("levels/harmony_city/cards/work.yaml", "dispute with a parent", "hit pupils with a textbook"),
    # Suining deducted for *taking* bribes: offering one is scored by an invented rule
    ("levels/harmony_city/rulebook.yaml", "Bribery was one of the offences Suining deducted", "for taking bribes"),
    ("levels/harmony_city/cards/money.yaml", "Bribery was one of the offences", "for taking bribes"),
    ("levels/harmony_city/cards/work.yaml", "Bribery was one of the offences", "for taking bribes"),
    ("levels/harmony_city_suining/rulebook.yaml", "Bribery was among the offences", "for taking bribes"),
    # ...and for loans left unpaid on purpose
    ("levels/harmony_city/rulebook.yaml", "Suining deducted points for unpaid loans", "left unpaid on purpose"),
    # the phone survey is documented, scoring the answers is invented (and named as such in the debrief)
    ("levels/harmony_city/rulebook.yaml", None, "no scheme is known to score the answers"),
    ("levels/harmony_city/level.yaml", None, "Telling a survey you disapprove"),
    # the FTC's credit-report finding is an analogy for a rating appeal, not its documentation
    ("levels/rideshare/rulebook.yaml", None, "Invented for the game, by analogy"),
    ("levels/rideshare/cards/app_money.yaml", None, "Invented for the game, by analogy"),
    # the court counts entries, not people
    ("levels/harmony_city/cards/money.yaml", "13 million people", "13 million entries"),
    ("levels/harmony_city/cards/health_travel.yaml", "13 million people", "13 million entries"),
    # flight bans are wider than "the list of those who can pay and refuse"
    ("levels/harmony_city/rulebook.yaml", "only the court's list of judgment debtors who can pay and refuse does",
     "courts bar judgment debtors who miss their deadline"),
    ("levels/harmony_city/level.yaml", "and only one who can pay and refuses", "any debtor who misses the"),
    ("README.md", "barred only by a court's list", "judgment debtors who miss the deadline"),
    ("docs/teachers.md", "debtors who can pay and refuse bars them, not a score", None),
    # exit bans exist beyond courts: national security, used against rights lawyers and their families
    ("levels/harmony_city/rulebook.yaml", "In reality a passport is enough", "rights lawyers and their families"),
    # the 2020 rules allow policy documents, not only laws
    ("levels/harmony_city/cards/money.yaml", "must rest on a law,", "policy documents of the Party"),
    ("docs/teachers.md", "must rest on a law", None),
    # the court list blocks loans; Qufu and Suining tied credit to a grade
    ("levels/harmony_city/rulebook.yaml", "no grade decides a bank loan", "debtors list blocks loans"),
    # criticism online: the practice (rumours) is reported, the points invented
    ("levels/harmony_city/rulebook.yaml", 'Suining is said to have counted online "defamation"',
     '"spreading rumours" on a blacklist'),
    # petitions: "disrupting petition order" was reported
    ("levels/harmony_city/rulebook.yaml", "we found no primary source for it.", "disrupting petition order"),
    # the video-game remark has a source
    ("levels/harmony_city/rulebook.yaml", "for which we found no primary source", "Li Yingyun"),
    # informing: cash rewards for reports did exist
    ("levels/harmony_city/rulebook.yaml", None, "Cash rewards for informing did exist"),
    ("levels/harmony_city/civic.yaml", None, "Cash rewards for informing did exist"),
    ("levels/harmony_city/cards/neighbours.yaml", None, "Cash rewards for informing did exist"),
    ("docs/teachers.md", None, "Cash rewards for informing did exist"),
    # README card count (the figure itself is checked by tests/test_doc_figures.py)
    ("README.md", "81 cards", None),
    # tone: the joke is on the scoring, not on people
    ("levels/harmony_city/cards/health_travel.yaml", "revolutionary museums", "The points are for the list"),
    ("levels/harmony_city/cards/family.yaml", "You clap in the right places", None),
    # the handout carries the hard edges
    ("docs/handout.md", None, "national-security exit bans"),
    ("docs/handout.html", None, "national-security exit bans"),
]


@pytest.mark.parametrize("path,old,new", CORRECTIONS, ids=[f"{p}:{(n or o)[:30]}" for p, o, n in CORRECTIONS])
def test_each_correction_is_made(path, old, new):
    text = " ".join((ROOT / path).read_text(encoding="utf-8").split())  # as read, whatever the line breaks
    if old:
        assert old not in text, f"{path} still says {old!r}"
    if new:
        assert new in text, f"{path} does not say {new!r}"


def test_the_readings_add_regulatory_compliance_and_the_reach_into_families(harmony):
    texts = " ".join(r["text"] for r in harmony.debrief["readings"])
    assert "regulatory compliance" in texts
    assert "his father was" in texts and "private schools" in texts


def test_every_act_the_score_counts_is_labelled_beside_its_points_in_the_rulebook(harmony):
    from game.words import narrate
    acts = dict(narrate.rulebook_report(harmony))["What each act is worth"]
    assert acts and all(line.endswith(")") for line in acts)
    party = next(line for line in acts if "Party" in line)
    assert party.startswith("+10") and "the article's idea" in party


def test_validate_wants_a_label_where_a_choices_points_differ_in_kind_from_its_card(tmp_path):
    level = tmp_path / "harmony_city"
    shutil.copytree(HARMONY, level)
    cards = level / "cards" / "family.yaml"
    text = cards.read_text(encoding="utf-8")
    start = text.index("    - label: Go to the parents' Party evening\n")
    block_end = text.index("      acts: [party_event]", start)
    cards.write_text(text[:start] + "    - label: Go to the parents' Party evening\n" + text[block_end:],
                     encoding="utf-8")
    line = text[:start].count("\n") + 1
    _levels, problems = validate([level])
    said = [str(p) for p in problems]
    assert any(s.startswith(f"{cards.relative_to(tmp_path).as_posix()}:{line}: ") or f"family.yaml:{line}: " in s
               for s in said), said
    assert any("school_place" in s and "points_source" in s and "'thought_experiment'" in s for s in said), said


def test_every_shipped_level_passes_validate():
    _levels, problems = validate([LEVELS])
    assert not problems, [str(p) for p in problems]


def test_the_terminal_shows_the_readings_in_full_with_a_hard_edge_and_a_reassurance(tmp_path):
    """`s` at a prompt prints every reading with its source, then the game goes on."""
    run = subprocess.run([sys.executable, "-m", "game", "play", "--text", "--new", "--data-dir", str(tmp_path),
                          "--seed", "FACTS-1", "--months", "6"],
                         input="1\n1\n1\n1\ns\nq\n", capture_output=True, text=True, timeout=60, cwd=ROOT)
    out = run.stdout
    assert "A third reading: rules for firms and judgments" in out
    assert "being unable to pay does not rule it out" in out          # a hard edge
    assert "There is no single national score" in out                 # a reassurance
    assert "https://www.chinalawtranslate.com/en/court-blacklist/" in out


def test_the_debrief_says_where_the_points_came_from_and_it_adds_up_to_the_log(harmony):
    from game.core import bots, debrief
    from game.report import debrief_text

    _, state = bots.play_year(harmony, "FACTS-3", "zhao_lei", ["family", "honesty", "freedom"], "free", 0)
    d = debrief.debrief(harmony, state.log)
    by = d["points_by_label"]
    caught = [e["points"] for e in state.log if e["t"] == "act" and e.get("judged") and e.get("caught")]
    assert sum(by["lost"].values()) == -sum(p for p in caught if p < 0) > 0
    assert sum(by["won"].values()) == sum(p for p in caught if p > 0)
    assert by["lost"]["thought_experiment"] + by["lost"]["invented"] > by["lost"]["documented"]
    said = debrief_text.points_origin(d)
    assert said and f"Of the {sum(by['lost'].values())} points you lost" in said
    page = " ".join(" ".join(items) for _title, _prompt, sections in debrief_text.pages(harmony, d)
                    for _h, items in sections)
    assert said in page
