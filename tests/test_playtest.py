"""The validator plays the level and warns of what ruins a year; it reads files explicitly; siblings once."""

import re
import shutil
import subprocess
import sys

from game.content.levels import validate_all
from game.content.limits import COUNTS, TEXT, guide_table
from tests.conftest import MINI, ROOT

ORPHAN = """
- id: boat_offer
  title: A boat for sale
  category: street
  text: A neighbour sells a boat.
  source: {label: invented, fact: For the tests.}
  when: {deck: false}
  choices:
    - label: Buy it
      effects: {money: -2}
      set: [has_boat]
    - label: Leave it
      effects: {family: 1}
- id: boat_trip
  title: On the water
  category: street
  text: A trip on your boat.
  source: {label: invented, fact: For the tests.}
  when: {always: true, needs: [has_boat]}
  choices:
    - label: Sail
      effects: {family: 2}
    - label: Stay home
      effects: {money: 1}
"""


def ruined(tmp_path):
    """The mini level, valid field by field, but with a deck that runs dry, two cards never dealt, a goal no
    one can reach and a grade above the score's maximum."""
    level = tmp_path / "mini"
    shutil.copytree(MINI, level)
    head = level / "level.yaml"
    head.write_text(head.read_text().replace("months: 3", "months: 6"))
    rules = level / "rulebook.yaml"
    rules.write_text(rules.read_text().replace("{grade: A, min: 1050}", "{grade: A, min: 1200}").replace(
        "loan: {grades: {A: granted, B: granted, C: delayed, D: denied}", "loan: {grades: denied"))
    (level / "cards" / "boats.yaml").write_text(ORPHAN)
    return level


def line_of(path, text):
    return next(n for n, line in enumerate(path.read_text().split("\n"), 1) if text in line)


def test_a_level_that_fails_its_players_gets_a_warning_for_each_with_file_and_line(tmp_path):
    level = ruined(tmp_path)
    levels, problems, warnings = validate_all([level])
    assert not problems and levels
    shown = [str(w) for w in warnings]
    chars, cards, rules = "mini/characters.yaml", "mini/cards/boats.yaml", "mini/rulebook.yaml"
    walker = line_of(level / "characters.yaml", "id: walker")
    assert any(f"{chars}:{walker}: warning: character 'walker': the deck ran dry" in s for s in shown), shown
    assert any(f"{cards}:2: warning: card 'boat_offer' was never dealt" in s and "follow_up" in s for s in shown)
    trip = line_of(level / "cards" / "boats.yaml", "id: boat_trip")
    assert any(f"{cards}:{trip}: warning: card 'boat_trip' was never dealt" in s and "has_boat" in s for s in shown)
    assert any(f"{chars}:{walker}: warning: character 'walker': the goal was reached in none" in s
               and "'loan' is denied at every grade" in s for s in shown), shown
    grade_a = line_of(level / "rulebook.yaml", "{grade: A")
    assert any(f"{rules}:{grade_a}: warning: grade 'A' was never reached" in s and "max is 1100" in s
               for s in shown), shown


def test_warnings_fail_validate_only_with_strict(tmp_path):
    level = ruined(tmp_path)
    run = [sys.executable, "-m", "game", "validate", str(level)]
    plain = subprocess.run(run, capture_output=True, text=True, cwd=ROOT)
    strict = subprocess.run(run + ["--strict"], capture_output=True, text=True, cwd=ROOT)
    assert plain.returncode == 0 and "warning:" in plain.stdout and "ok  mini" in plain.stdout
    assert strict.returncode == 1 and "--strict" in strict.stderr


def test_the_shipped_levels_deal_every_card_and_never_run_dry():
    _levels, problems, warnings = validate_all([ROOT / "levels"])
    assert not problems
    assert not [w for w in warnings if "never dealt" in w.message or "ran dry" in w.message], warnings


def test_yml_files_are_refused_and_card_subfolders_read(tmp_path):
    level = tmp_path / "mini"
    shutil.copytree(MINI, level)
    (level / "cards" / "more.yml").write_text("[]")
    (level / "notes.yaml").write_text("todo: more cards\n")
    (level / "cards" / "boats").mkdir()
    (level / "cards" / "boats" / "boats.yaml").write_text(ORPHAN.replace("always: true, ", ""))
    levels, problems, warnings = validate_all([level], play=False)
    assert any(p.path.endswith("more.yml") and "rename it to more.yaml" in p.message for p in problems)
    assert any(w.path.endswith("notes.yaml") and "not read" in w.message for w in warnings)
    (level / "cards" / "more.yml").unlink()
    levels, problems, _warnings = validate_all([level], play=False)
    assert not problems and "boat_trip" in levels[0].cards


def sibling(tmp_path, rulebook=True):
    shutil.copytree(MINI, tmp_path / "mini")
    child = tmp_path / "mini_free"
    child.mkdir()
    (child / "level.yaml").write_text("id: mini_free\nextends: mini\ntitle: Mini, free\nsummary: No score.\n")
    if rulebook:
        (child / "rulebook.yaml").write_text(
            "name: No score\nsummary: Nobody keeps points.\naccess:\n"
            "  loan: {grades: granted, source: {label: invented, fact: x}}\n"
            "  flight: {grades: granted, source: {label: invented, fact: x}}\n")
    return tmp_path / "mini", child


def test_a_sibling_without_its_own_rulebook_is_an_error(tmp_path):
    _parent, child = sibling(tmp_path, rulebook=False)
    _levels, problems, _warnings = validate_all([child], play=False)
    assert [p for p in problems if p.path.endswith("mini_free/level.yaml") and "own rulebook.yaml" in p.message]


def test_an_error_in_the_parent_is_reported_once_at_the_parents_file(tmp_path):
    parent, child = sibling(tmp_path)
    head = parent / "level.yaml"
    head.write_text(head.read_text().replace("  money: {label: Money,", "  money: {label: [Money],"))
    _levels, problems, _warnings = validate_all([parent, child], play=False)
    at_parent = [p for p in problems if "/mini/" in p.path]
    assert at_parent and len(at_parent) == len(set(at_parent))
    at_child = [p for p in problems if "mini_free" in p.path]
    assert len(at_child) == 1 and "extends 'mini', which has problems" in at_child[0].message
    broken = parent / "level.yaml"
    broken.write_text("id: mini\ntitle: [unclosed\n")  # the parent does not even parse
    _levels, problems, _warnings = validate_all([child], play=False)
    assert [p.message for p in problems if "mini_free" in p.path] == [
        "extends 'mini', which has problems (listed at its own files): fix those first"]
    assert any("YAML syntax error" in p.message and p.path.endswith("mini/level.yaml") for p in problems)


def test_a_sibling_of_a_sound_parent_repeats_none_of_its_warnings(tmp_path):
    parent, child = sibling(tmp_path)
    (parent / "cards" / "boats.yaml").write_text(ORPHAN)
    _levels, problems, warnings = validate_all([parent, child])
    assert not problems
    orphan = [w for w in warnings if "boat_offer" in w.message]
    assert len(orphan) == 1 and orphan[0].path.endswith("mini/cards/boats.yaml")


def test_a_comma_inside_braces_gets_a_quoting_hint(tmp_path):
    level = tmp_path / "mini"
    shutil.copytree(MINI, level)
    cards = level / "cards" / "street.yaml"
    cards.write_text(cards.read_text().replace("fact: Camera example.,", "fact: To ask whether, or not, it helps,", 1))
    _levels, problems, _warnings = validate_all([level], play=False)
    assert any("unknown field 'or not'" in p.message and "in quotes" in p.message for p in problems), problems


def test_a_typo_in_one_card_raises_no_false_alarm_about_flags_elsewhere(tmp_path):
    level = tmp_path / "mini"
    shutil.copytree(MINI, level)
    cards = level / "cards" / "street.yaml"
    cards.write_text(cards.read_text().replace("      effects: {money: -1}\n      set: [gave_up_loan]",
                                               "      effects: {money: -1}\n      acts: [party_evnt]\n"
                                               "      set: [gave_up_loan]"))
    _levels, problems, _warnings = validate_all([level], play=False)
    assert any("party_evnt" in p.message for p in problems)
    assert not [p for p in problems if "no character or choice sets" in p.message], problems


def test_the_guide_prints_the_limits_table_the_validator_checks():
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    printed = re.search(r"<!-- limits: .*? -->\n(.*?)<!-- /limits -->", guide, re.S)
    assert printed, "docs/authoring.md needs the limits table between its markers"
    assert printed.group(1) == guide_table(), "paste game.content.limits.guide_table() into docs/authoring.md"
    assert len(TEXT) >= 20 and len(COUNTS) >= 10


def test_a_text_over_its_limit_names_the_limit_from_the_table(tmp_path):
    level = tmp_path / "mini"
    shutil.copytree(MINI, level)
    head = level / "level.yaml"
    head.write_text(head.read_text().replace("services:\n  loan: {label: Loan}",
                                             "services:\n  loan: {label: A loan from the bank downtown}"))
    _levels, problems, _warnings = validate_all([level], play=False)
    assert any("the limit is 18" in p.message and "loan" in p.message for p in problems), problems


def test_the_guide_lists_every_icon_the_validator_accepts():
    from game.content.level import icon_names

    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    listed = re.search(r"<!-- icons: .*? -->\n(.*?)\n<!-- /icons -->", guide, re.S).group(1)
    assert set(re.findall(r"`([a-z0-9-]+)`", listed)) == icon_names()


def test_an_icon_the_game_cannot_draw_is_refused(tmp_path):
    level = tmp_path / "mini"
    shutil.copytree(MINI, level)
    head = level / "level.yaml"
    head.write_text(head.read_text().replace("  street: {label: Street}", "  street: {label: Street, icon: hom}"))
    _levels, problems, _warnings = validate_all([level], play=False)
    assert any("no icon 'hom'" in p.message and "did you mean 'home'" in p.message for p in problems), problems


def test_playing_a_sibling_of_an_unreadable_parent_says_so_in_one_line(tmp_path):
    from game.content.level import ContentError, load_level

    parent, child = sibling(tmp_path)
    (parent / "level.yaml").write_text("id: mini\ntitle: [unclosed\n")
    try:
        load_level(child)
    except ContentError as exc:
        problems = exc.problems
    assert len(problems) == 1 and "cannot be read: fix it first" in problems[0].message, problems
