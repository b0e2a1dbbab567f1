"""The level's own words, and format versions: older files upgraded step by step, newer ones refused with why."""

import json
import shutil

import pytest

from game.content import formats
from game.content.level import ContentError, check_level, load_level
from game.core import engine
from game.play import saves
from game.words import narrate
from tests.conftest import MINI


def with_words(tmp_path, words: str):
    level = tmp_path / "mini"
    shutil.copytree(MINI, level)
    head = level / "level.yaml"
    head.write_text(head.read_text().replace("words: {article: ", "words: {" + words.strip("{}") + ", article: "))
    return level


def test_a_level_renames_the_period_the_tagline_and_the_score(tmp_path):
    level = load_level(with_words(tmp_path, "{period: week, periods: weeks, tagline: One term of merit points, "
                                            "score: merit}"))
    assert narrate.month_name(level, 2) == "Week 2"
    assert narrate.word(level, "tagline") == "One term of merit points"
    state = engine.new_game(level, "W", "driver", ["family", "honesty", "freedom"])
    assert narrate.goal_status(level, state) == "goal due in 2 weeks"
    assert narrate.round_name(level, state) == "week 1 of 3"
    while not state.over:
        state = engine.apply(level, state, 0)
    lines = narrate.end_summary(level, state.log, state.character)
    assert any(line.startswith("Final merit ") for line in lines), lines
    said = [line for e in state.log for line in narrate.decision_lines(level, [e]) if "Merit " in line]
    assert said, "the act's points are told with the level's name for the score"


def test_a_level_without_words_keeps_todays_words(mini, harmony):
    assert narrate.month_name(mini, 2) == "Month 2" and narrate.month_name(harmony, 3) == "March"
    assert narrate.word(mini, "tagline") == "One year under a social credit score"


def test_a_word_over_its_limit_is_refused(tmp_path):
    with pytest.raises(ContentError, match="tagline"):
        load_level(with_words(tmp_path, "{tagline: " + "A very long tagline that will not fit under the title" + "}"))


def test_a_level_with_no_format_is_read_with_a_warning_and_a_newer_one_refused(tmp_path):
    level = tmp_path / "mini"
    shutil.copytree(MINI, level)
    head = level / "level.yaml"
    head.write_text(head.read_text().replace("format: 2\n", ""))
    loaded, problems, warnings = check_level(level)
    assert loaded is not None and not problems
    assert any(f"add 'format: {formats.CURRENT['level']}'" in w.message for w in warnings)
    head.write_text("format: 3\n" + head.read_text())
    with pytest.raises(ContentError) as err:
        load_level(level)
    assert "level.yaml:1: this level is format 3, from another version of the game (a newer one)" in str(err.value)


def test_saves_and_logs_of_an_unknown_format_are_refused_with_the_reason(tmp_path):
    record = {"level": "mini", "content_hash": "x", "seed": "S", "character": "driver",
              "values": ["family", "honesty", "freedom"], "choices": [0]}
    for version, word in ((2, "newer"), (0, "older")):
        path = tmp_path / f"save{version}.json"
        path.write_text(json.dumps({"format": version, **record}))
        with pytest.raises(saves.SaveError, match=f"format {version}, from another version of the game .an {word}|"
                                                   f"format {version}, from another version of the game .a {word}"):
            saves.read_save(path)


def test_an_older_save_is_upgraded_step_by_step(tmp_path, monkeypatch):
    """A made-up history: format 2 renamed `picks` to `choices`; format 3 added `values`' order. A format-1
    save goes through both steps and loads."""
    def rename(data):
        data["choices"] = data.pop("picks")
        return data

    def add_values(data):
        data.setdefault("values", ["family", "honesty", "freedom"])
        return data

    monkeypatch.setitem(formats.CURRENT, "save", 3)
    monkeypatch.setitem(formats.STEPS, "save", {1: ("choices were picks", rename), 2: ("values", add_values)})
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format": 1, "level": "mini", "content_hash": "x", "seed": "S",
                                "character": "driver", "picks": [0, 1]}))
    saved = saves.read_save(path)
    assert saved.choices == (0, 1) and saved.values == ("family", "honesty", "freedom")
    path.write_text(json.dumps({"format": 0, "level": "mini"}))
    with pytest.raises(saves.SaveError, match="reads formats 1 to 3"):
        saves.read_save(path)


OLD_TOWN = MINI.parent.parent / "old_levels" / "town_v1"


def test_an_outside_level_in_format_1_loads_after_upgrade_which_says_what_it_changed(tmp_path, capsys):
    """town_v1 was written before access rules carried a source (a bare grade map, a blacklist and a perk
    without one). `upgrade` rewrites it in place, keeps its comments, and the level then loads with no
    warning and plays a year."""
    from game.cli import main

    level = tmp_path / "town_v1"
    shutil.copytree(OLD_TOWN, level)
    assert main(["upgrade", str(level)]) == 0
    said = capsys.readouterr().out
    assert "format 1 to format 2" in said and "It now validates." in said
    assert "rulebook.yaml:24: access: loan: its grades go under 'grades:'" in said
    assert "blacklist: gains a source marked invented" in said and "grade_effects: A:" in said
    assert "words: article: names the feature article that format 1 meant" in said
    rulebook = (level / "rulebook.yaml").read_text()
    assert "# flights: only the list stops them" in rulebook and "    grades:\n      A: granted" in rulebook
    loaded, problems, warnings = check_level(level)
    assert loaded is not None and not problems and not warnings
    assert loaded.rulebook.access["flight"]["D"] == "denied"
    assert loaded.rulebook.access_notes["loan"].source.label == "invented"
    state = engine.new_game(loaded, "OLD", "driver", ["family", "honesty", "freedom"])
    while not state.over:
        state = engine.apply(loaded, state, 0)
    assert main(["upgrade", str(level)]) == 0
    assert "already format 2: nothing to change" in capsys.readouterr().out


def test_an_older_level_is_read_with_a_warning_that_names_the_command(tmp_path):
    level = tmp_path / "town_v1"
    shutil.copytree(OLD_TOWN, level)
    before = (level / "rulebook.yaml").read_text()
    loaded, problems, warnings = check_level(level)
    assert loaded is not None and not problems
    assert [w.line for w in warnings] == [3]
    assert "format 1" in warnings[0].message and "5 changes to level.yaml, rulebook.yaml" in warnings[0].message
    assert "python -m game upgrade" in warnings[0].message
    assert (level / "rulebook.yaml").read_text() == before, "reading a level never writes it"
