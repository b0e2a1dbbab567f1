"""Every content error names its file and line and says what to do; the shipped levels are clean."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.content.level import ContentError, load_level
from game.content.levels import validate
from tests.conftest import MINI, ROOT, write_docs_example

CASES = sorted((Path(__file__).parent / "malformed").glob("*.yaml"))


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_a_malformed_file_is_reported_with_its_file_line_and_message(tmp_path, case):
    lines = case.read_text(encoding="utf-8").split("\n")
    target = lines[0].removeprefix("# file: ")
    expected = lines[1].removeprefix("# expect: ")
    level = tmp_path / "mini"
    shutil.copytree(MINI, level)
    (level / target).write_text("\n".join(lines[2:]), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_level(level)
    shown = [f"{Path(p.path).relative_to(level).as_posix()}:{p.line}: {p.message}" for p in err.value.problems]
    assert any(s.startswith(expected) for s in shown), shown


def test_validate_reports_every_problem_at_once_sorted(tmp_path):
    level = tmp_path / "mini"
    shutil.copytree(MINI, level)
    cards = level / "cards" / "street.yaml"
    text = cards.read_text(encoding="utf-8")
    cards.write_text(text.replace("traffic_violation]", "trafic_violation]").replace("category: street",
                                                                                      "category: streets"))
    _levels, problems = validate([level])
    assert len(problems) >= 6
    assert problems == sorted(problems)


def test_validate_command_exits_1_with_file_line_and_no_traceback(tmp_path):
    level = tmp_path / "mini"
    shutil.copytree(MINI, level)
    (level / "civic.yaml").write_text("- id: x\n  label: [unclosed\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "game", "validate", str(level)], capture_output=True, text=True,
                         cwd=ROOT)
    assert out.returncode == 1
    assert "civic.yaml:" in out.stdout and "YAML syntax error" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_playing_a_broken_level_gives_the_same_messages_and_no_traceback(tmp_path):
    level = tmp_path / "mini"
    shutil.copytree(MINI, level)
    (level / "rulebook.yaml").write_text("name: x\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "game", "play", "--text", "--level", str(level), "--data-dir",
                          str(tmp_path / "data")], capture_output=True, text=True, cwd=ROOT, input="")
    assert out.returncode == 1
    assert "rulebook.yaml:1: rulebook.yaml: missing field 'summary'" in out.stderr
    assert "Traceback" not in out.stderr


def test_validate_command_passes_on_the_shipped_levels():
    out = subprocess.run([sys.executable, "-m", "game", "validate"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "ok  harmony_city" in out.stdout


def test_the_example_level_in_the_authoring_guide_is_valid_and_playable(tmp_path):
    level = load_level(write_docs_example(tmp_path))
    assert level.id == "merit_school" and len(level.cards) == 3
    from game.content.levels import validate_all

    _levels, problems, warnings = validate_all([tmp_path / "merit_school"])
    assert not problems and not warnings, warnings  # the guide's own example passes `validate --strict`


def test_only_the_safe_yaml_loader_is_used():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "game").rglob("*.py"))
    for unsafe in ("yaml.load(", "full_load", "unsafe_load", "FullLoader", "UnsafeLoader", "eval(", "exec("):
        assert unsafe not in sources


def test_a_level_can_extend_another_and_bring_only_its_own_rulebook(tmp_path):
    shutil.copytree(MINI, tmp_path / "mini")
    child = tmp_path / "mini_no_score"
    child.mkdir()
    (child / "level.yaml").write_text("id: mini_no_score\nextends: mini\ntitle: Mini, no score\n"
                                      "summary: The same town without a score.\n", encoding="utf-8")
    (child / "rulebook.yaml").write_text("name: No score\nsummary: Nobody keeps points.\n"
                                         "access: {loan: {grades: granted, source: {label: invented, fact: x}}, "
                                         "flight: {grades: granted, source: {label: invented, fact: x}}}\n",
                                         encoding="utf-8")
    level = load_level(child)
    assert level.id == "mini_no_score" and level.rulebook.score is None
    assert set(level.cards) == set(load_level(tmp_path / "mini").cards) and level.months == 3
    (child / "rulebook.yaml").write_text("name: No score\nsummary: x\n"
                                         "access: {loan: {grades: granted, source: {label: invented, fact: x}}}\n",
                                         encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_level(child)
    assert any(p.path.endswith("mini_no_score/rulebook.yaml") and "flight" in p.message for p in err.value.problems)
    (child / "level.yaml").write_text("id: mini_no_score\nextends: mini_typo\ntitle: x\nsummary: y\n")
    with pytest.raises(ContentError) as err:
        load_level(child)
    assert any("extends names 'mini_typo'" in p.message for p in err.value.problems)


def test_a_need_slot_and_its_cards_are_checked_with_their_file_and_line(tmp_path):
    """level.yaml's `needs:` names cards kept out of the deck, within the year; a need card's choice without a
    request says what it does to the need, and no other card's choice does."""
    level = tmp_path / "mini"
    shutil.copytree(MINI, level)
    with (level / "level.yaml").open("a", encoding="utf-8") as f:
        f.write("needs:\n  - {months: [2, 5], cards: [leak, roof, street_need_typo]}\n")
    (level / "cards" / "needs.yaml").write_text(
        "- id: leak\n  title: A leak\n  category: street\n  text: Water.\n  source: {label: invented, fact: Test.}\n"
        "  when: {deck: false}\n  choices:\n    - {label: Ask the bank, request: loan}\n"
        "    - {label: Fix it yourself, effects: {money: -2}}\n"
        "- id: roof\n  title: A roof\n  category: street\n  text: Rain.\n  source: {label: invented, fact: Test.}\n"
        "  choices:\n    - {label: Ask the bank, request: loan}\n"
        "    - {label: Leave it, effects: {family: -1}, need: unmet}\n"
        "- id: stray\n  title: Stray\n  category: street\n  text: A cat.\n  source: {label: invented, fact: Test.}\n"
        "  choices:\n    - {label: Feed it, effects: {money: -1}, need: met}\n"
        "    - {label: Walk on, effects: {family: -1}}\n",
        encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_level(level)
    shown = [f"{Path(p.path).relative_to(level).as_posix()}:{p.line}: {p.message}" for p in err.value.problems]
    expected = [
        "level.yaml:32: level.yaml: need 1: months [2, 5] goes past the year's 3 rounds",
        "level.yaml:32: level.yaml: need 1: card 'roof' is also in the deck: give it 'when: {deck: false}'",
        "level.yaml:32: level.yaml: need 1: cards names unknown card 'street_need_typo'",
        "cards/needs.yaml:9: card 'leak' is an unannounced need: choice 2 ('Fix it yourself') asks for no service",
        "cards/needs.yaml:24: card 'stray': choice 1 says 'need: met', but the card is not in level.yaml's needs",
    ]
    for want in expected:
        assert any(s.startswith(want) for s in shown), (want, shown)
