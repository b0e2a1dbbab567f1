"""The constructs authors asked for (issue 24): effects and counts only when an act is seen, a policy that
replaces an access rule, and a trigger that fires each time its condition comes to hold again. Each is
written in a copy of tests/levels/constructs, checked by validate with file and line, and played."""

import shutil

import pytest

from game.content.level import ContentError, load_level
from game.core import engine, rules
from game.words import narrate
from tests.conftest import ROOT
from tests.test_constructs import facing, take  # one way to put a card before the player

CONSTRUCTS = ROOT / "tests" / "levels" / "constructs"

MORE_CARDS = """
- id: bank
  title: The bank
  category: street
  text: The bank has a loan for you.
  source: {label: invented, fact: For the tests.}
  choices:
    - label: Ask for the loan
      request: loan
    - label: Leave it
      effects: {money: -1}
"""


def _write(folder):
    shutil.copytree(CONSTRUCTS, folder)
    head = folder / "level.yaml"
    head.write_text(head.read_text()
                    .replace("  late: {label: Times late}\n",
                             "  late: {label: Times late}\n  noticed: {label: Times noticed}\n")
                    .replace("triggers:\n", "triggers:\n  - {id: short, if: ['money <= 1'], effects: {family: -1}, "
                                            "repeat: true}\n"))
    cards = folder / "cards" / "constructs.yaml"
    cards.write_text(cards.read_text().replace(
        "      outcome_seen: A camera flashes as you pass.\n",
        "      outcome_seen: A camera flashes as you pass.\n      effects_seen: {money: -2}\n"
        "      count_seen: {noticed: 1}\n") + MORE_CARDS)
    civic = folder / "civic.yaml"
    civic.write_text(civic.read_text().replace("  acts: [party_event]\n",
                                               "  acts: [party_event]\n  count_seen: {noticed: 1}\n"))
    book = folder / "rulebook.yaml"
    book.write_text(book.read_text() + """policies:
  - id: no_more_loans
    month: 2
    title: Loans frozen
    text: From this month the bank lends to nobody.
    source: {label: invented, fact: For the tests.}
    access:
      - {service: loan, grades: denied}
  - id: stricter_a
    month: 3
    title: A is harder to reach
    text: From this month grade A starts at 1,080 points.
    source: {label: invented, fact: For the tests.}
    grade_lines:
      - {grade: A, min: 1080}
""")
    return folder


@pytest.fixture(scope="module")
def level(tmp_path_factory):
    return load_level(_write(tmp_path_factory.mktemp("more") / "constructs"))


def test_effects_and_counts_come_only_when_an_act_is_seen(level):
    option = next(o for o in engine.pending(level, facing(level, "back_gate")).options
                  if o["label"] == "Speed down the main road")
    assert "If one of its acts is seen: Money -2" in narrate.option_lines(level, option)
    seen = take(level, facing(level, "back_gate", forced_rolls=[1]), "Speed down the main road")
    unseen = take(level, facing(level, "back_gate", forced_rolls=[100]), "Speed down the main road")
    assert seen.meters["money"] == unseen.meters["money"] - 2
    assert seen.counters.get("noticed") == 1 and not unseen.counters.get("noticed")
    told = [line for e in seen.log for line in narrate.event_lines(level, e)]
    assert "Because you were seen: Money -2" in told


def test_a_civic_act_counts_only_when_it_is_seen(level):
    state = engine.new_game(level, "c", "driver", ("family", "honesty", "freedom"))
    while engine.pending(level, state).kind != engine.CIVIC:
        state = engine.apply(level, state, 0)
    decision = engine.pending(level, state)
    index = next(i for i, o in enumerate(decision.options) if o.get("civic") == "party_evening")
    after = engine.apply(level, state, index)
    assert after.counters.get("noticed", 0) == state.counters.get("noticed", 0) + 1  # party_event: always seen


def test_a_policy_replaces_an_access_rule_from_its_month(level):
    before = facing(level, "bank", meters={"money": 5, "family": 5})
    assert engine.pending(level, before).options[0]["request_outcome"] == "granted"
    frozen = facing(level, "bank", policies=("no_more_loans",))
    assert engine.pending(level, frozen).options[0]["request_outcome"] == "denied"
    after = take(level, frozen, "Ask for the loan")
    service = next(e for e in after.log if e["t"] == "service")
    assert service["outcome"] == "denied"
    assert rules.access(level.rulebook, "loan", "A", False, frozen) == ("denied", "everyone")


def test_a_policy_moves_a_grade_line_from_its_month(level):
    rb = level.rulebook
    assert rules.grade_of(rb, 1060) == "A" and rules.grade_of(rb, 1060, ("stricter_a",)) == "B"
    state = facing(level, "bank", score=1060, policies=("no_more_loans", "stricter_a"))
    assert "Grade B" in narrate.status_line(level, state.score, state.meters, state.policies)
    after = take(level, state, "Ask for the loan")
    assert next(e for e in after.log if e["t"] == "service")["grade"] == "B"


def test_a_repeating_trigger_fires_each_time_its_condition_comes_to_hold_again(level):
    state = facing(level, "late_bus", meters={"money": 1, "family": 8}, forced_rolls=[100])
    state = take(level, state, "Wait and be late")
    assert [e["trigger"] for e in state.log if e["t"] == "trigger"] == ["short"]
    state = facing(level, "late_bus", meters={"money": 1, "family": 8}, forced_rolls=[100], fired={"short"})
    still = take(level, state, "Wait and be late")
    assert not [e for e in still.log if e["t"] == "trigger"], "it holds still: it does not fire again"
    risen = facing(level, "late_bus", meters={"money": 4, "family": 8}, forced_rolls=[100], fired={"short"})
    risen = take(level, risen, "Wait and be late")
    assert "short" not in risen.fired, "armed again once money is above 1"
    risen.meters["money"], risen.phase, risen.queue = 1, engine.CARD, ["late_bus"]
    again = take(level, risen, "Wait and be late")
    assert [e["trigger"] for e in again.log[len(risen.log):] if e["t"] == "trigger"][:1] == ["short"]


@pytest.mark.parametrize("where, old, new, message", [
    ("cards/constructs.yaml", "      effects_seen: {money: -2}\n", "      effects_seen: {money: -2}\n"
     "      place: suburbs\n", None),
    ("cards/constructs.yaml", "    - label: Leave it\n", "    - label: Leave it\n      count_seen: {noticed: 1}\n",
     "cards/constructs.yaml:{line}: card 'bank': choice 2: 'count_seen' counts when one of its acts is seen"),
    ("rulebook.yaml", "      - {service: loan, grades: denied}\n", "      - {service: loan, grades: {A: denied}}\n",
     "rulebook.yaml:{line}: policy 'no_more_loans': access: loan says nothing for grades B, C, D"),
    ("rulebook.yaml", "      - {grade: A, min: 1080}\n", "      - {grade: A, min: 990}\n",
     "rulebook.yaml:{line}: policy 'stricter_a': grade_lines: from month 3 the lines would be A 990, B 1000"),
    ("rulebook.yaml", "      - {grade: A, min: 1080}\n", "      - {grade: AAA, min: 1080}\n",
     "rulebook.yaml:{line}: policy 'stricter_a': grade_lines: unknown grade 'AAA'"),
    ("level.yaml", "repeat: true}", "repeat: often}",
     "level.yaml:{line}: level.yaml: trigger 1: repeat should be true or false"),
])
def test_each_new_construct_is_checked_with_its_file_and_line(tmp_path, where, old, new, message):
    folder = _write(tmp_path / "constructs")
    path = folder / where
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    if message is None:
        load_level(folder)
        return
    with pytest.raises(ContentError) as err:
        load_level(folder)
    shown = [f"{p.path.split('constructs/')[-1]}:{p.line}: {p.message}" for p in err.value.problems]
    head, rest = message.split("{line}")
    assert any(s.startswith(head) and rest in s for s in shown), shown
