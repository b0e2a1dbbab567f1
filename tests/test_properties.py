"""Properties that hold for any year: drawn by Hypothesis over every shipped level, any character,
values, seed, length, options and choices.

- replay equals play: a year played choice by choice and the same choices replayed give the same log;
- save and replay at every step: the record of any state, written as JSON and read back, replays to
  that very state, so a year saved and resumed at any decision is the year it was;
- the log is JSON as it stands.
Few examples, so the file runs in a couple of seconds; `derandomize` keeps a failure reproducible.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.level import load_level
from game.content.locate import levels_root, list_levels
from game.core import engine
from game.play import saves, seeds
from game.play.session import Session

LEVELS = {folder.name: load_level(folder) for folder in list_levels(levels_root())}


@st.composite
def years(draw):
    """A level, and the start and choices of a year in it, played as drawn."""
    level = LEVELS[draw(st.sampled_from(sorted(LEVELS)))]
    character = draw(st.sampled_from(list(level.characters)))
    values = draw(st.permutations(list(level.values)))[:3]
    seed = draw(st.text(alphabet="ABCXYZ0123-", min_size=1, max_size=10))
    months = draw(st.one_of(st.none(), st.integers(2, level.months)))
    options = draw(st.lists(st.sampled_from(list(level.options)), unique=True)) if level.options else []
    state = engine.new_game(level, seed, character, values, months, options)
    assert isinstance(state, engine.State), state
    states = [state]
    while not state.over:
        offered = engine.pending(level, state).options
        usable = [i for i, o in enumerate(offered) if o.get("available", True)]
        choice = draw(st.sampled_from(usable + [engine.END_NOW])) if len(state.choices) > 20 else \
            draw(st.sampled_from(usable))
        state = engine.apply(level, state, choice)
        assert isinstance(state, engine.State), state
        states.append(state)
    return level, states


EXAMPLES = settings(max_examples=8, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@EXAMPLES
@given(years())
def test_replay_equals_play(year):
    level, states = year
    played = states[-1]
    again = engine.replay(level, played.seed, played.character, played.values, played.choices, played.months,
                          played.options)
    assert isinstance(again, engine.State) and again.log == played.log
    assert json.loads(json.dumps(played.log)) == played.log


@EXAMPLES
@given(years())
def test_a_year_saved_at_any_step_replays_to_that_step(year):
    level, states = year
    for state in states:
        record = json.loads(json.dumps(engine.record(state, level)))
        again = seeds.replay(level, record)
        assert isinstance(again, engine.State) and again.log == state.log
        assert engine.pending(level, again) == engine.pending(level, state) or state.over


@EXAMPLES
@given(years(), st.floats(0, 1))
def test_a_save_file_written_mid_year_opens_at_the_same_decision(year, where):
    level, states = year
    state = states[min(len(states) - 2, int(where * (len(states) - 1)))] if len(states) > 1 else states[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = saves.save_game(Path(tmp) / "year.json", engine.record(state, level))
        session = Session.open(level, Path(tmp), saves.read_save(path))
        assert session.state.log == state.log and session.state.months == state.months
