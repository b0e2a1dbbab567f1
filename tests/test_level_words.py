"""The engine's words come from the level: a school term of weeks under merit points reads as one, from the
title screen's length to the debrief, and a level that says nothing of China is told nothing of it."""

import io
import re
import shutil

import pytest

from game.content.level import ContentError, load_level
from game.core import debrief as core_debrief
from game.text import terminal
from game.words import narrate
from tests.conftest import MINI, ROOT

LEVELS = ROOT / "tests" / "levels"


@pytest.fixture(scope="module")
def school():
    return load_level(LEVELS / "school")


@pytest.fixture(scope="module")
def no_merits():
    return load_level(LEVELS / "school_no_merits")


def _year(level, tmp_path) -> str:
    """A whole term in the terminal, the sources and the debrief included."""
    answers = io.StringIO("\n".join(["1", "1", "2", "3"] + ["1"] * 40) + "\n")
    out = io.StringIO()
    terminal.play(level, tmp_path, "SCHOOL-1", "sam", True, answers, out)
    return out.getvalue()


ENGINE_WORDS = re.compile(r"\b(months?|years?|China|Chinese)\b|depend on nothing", re.I)


@pytest.mark.parametrize("name", ["school", "school_no_merits"])
def test_a_term_of_weeks_is_told_in_its_own_words_from_start_to_debrief(name, tmp_path):
    level = load_level(LEVELS / name)
    shown = _year(level, tmp_path)
    assert "week 1 of 4" in shown.lower() and "THE TERM IS OVER" in shown
    assert not ENGINE_WORDS.findall(shown), [line for line in shown.splitlines() if ENGINE_WORDS.search(line)][:5]
    asked = "civic acts that earned points" in shown or "civic act that earned points" in shown
    assert asked is (name == "school"), "asked only where good deeds earn merit"


def test_the_engine_sentences_take_the_level_words(school, harmony):
    assert narrate.own(school, "Full year: 10 months") == "Full term: 10 weeks"
    assert narrate.own(school, "Next month") == "Next week" and narrate.own(school, "Years") == "Terms"
    assert narrate.own(harmony, "Next month") == "Next month"
    assert narrate.periods(school, 3) == "3 weeks" and narrate.periods(school, 1) == "1 week"
    act = {"act": "homework_late", "judged": True, "chance": 1.0, "watcher": "", "points": -15, "lasts": 2}
    assert narrate.act_text(school, act).endswith("the points come back after 2 weeks")


def test_the_no_score_banner_is_worked_out_from_the_rules(no_merits, harmony):
    assert narrate.no_score_banner(no_merits) == "No score in this world, but Scholarship turns on marks."
    no_score = load_level(ROOT / "levels" / "harmony_city_no_score")
    assert narrate.no_score_banner(no_score) == "No score in this world: every service is granted, whatever you do."
    assert "depend on nothing you do" not in narrate.no_score_banner(no_merits)


def test_a_debrief_asks_about_civic_acts_for_points_only_where_they_earn_points(school, no_merits):
    def kinds(level):
        return {q["kind"] for q in core_debrief.discussion(level, [], {"watched": {"offered": 0, "done": 0},
                                                                       "unwatched": {"offered": 0, "done": 0}},
                                                           [], [], 0)}
    assert "no_civic" in kinds(school)
    assert not {"civic", "no_civic"} & kinds(no_merits)


def test_nothing_about_china_in_a_level_that_does_not_say_it(school, harmony):
    assert not any("China" in line for line in narrate.about_lines(school))
    ride = load_level(ROOT / "levels" / "rideshare")
    assert not any(re.search("China|Chinese|article", line) for line in narrate.about_lines(ride))
    assert any("China" in line for line in narrate.about_lines(harmony))
    assert narrate.article_name(school) == "" and "Chinese" in narrate.article_name(harmony)


def test_a_source_citing_the_article_needs_the_level_to_name_it(tmp_path):
    level = tmp_path / "mini"
    shutil.copytree(MINI, level)
    head = level / "level.yaml"
    head.write_text("\n".join(line for line in head.read_text().split("\n") if not line.startswith("words:")))
    with pytest.raises(ContentError) as err:
        load_level(level)
    assert "cite 'ref: article', but level.yaml does not say which work that is" in str(err.value)
    assert "level.yaml:1:" in str(err.value)
