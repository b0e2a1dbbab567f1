"""The core keeps no state of its own: what a game is lives in its State, what a level is in its Level.

A level reloaded many times (F5 in the preview) must not pile up in the process, and a front end that
edits what the engine handed out must not change what `apply` lets the player do.
"""

from __future__ import annotations

import ast
import gc
import weakref
from pathlib import Path

import pytest

from game.content.level import load_level
from game.core import bots, engine
from tests.conftest import MINI, ROOT

CORE = ROOT / "game" / "core"
# pure functions of small integers, bounded: nothing about a level or a game is kept in them
PURE_CACHES = {("rng.py", "_lanes"), ("engine.py", "_calendar"), ("engine.py", "_span"), ("engine.py", "_next_round")}


def _module_level_mutables(path: Path) -> list[str]:
    """`global` statements, module-level dict/list/set values, and caches on functions, in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [f"{path.name}:{node.lineno} global" for node in ast.walk(tree) if isinstance(node, ast.Global)]
    for node in tree.body:
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        if isinstance(node, ast.AnnAssign) and "Final" in ast.unparse(node.annotation):
            continue  # a constant table, said so: mypy refuses to let it be assigned again
        if isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)) or (
                isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
                and value.func.id in ("dict", "list", "set", "defaultdict", "OrderedDict")):
            found.append(f"{path.name}:{node.lineno} a mutable module-level value")
        if isinstance(node, ast.FunctionDef):
            for deco in node.decorator_list:
                name = ast.unparse(deco)
                if "cache" in name and (path.name, node.name) not in PURE_CACHES:
                    found.append(f"{path.name}:{node.lineno} {name} on {node.name}")
    return found


def test_the_core_keeps_no_mutable_state_of_its_own():
    found = [hit for path in sorted(CORE.glob("*.py")) for hit in _module_level_mutables(path)]
    assert found == []


def test_the_scan_finds_what_it_looks_for(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text("import functools\n_memo = {}\nKEPT = dict()\n\n\n@functools.lru_cache(maxsize=8)\n"
                      "def f(level):\n    global _memo\n    return level\n", encoding="utf-8")
    assert len(_module_level_mutables(sample)) == 4


def test_a_hundred_reloads_keep_one_level_alive():
    """Each load is played a little (filling every table the engine keeps), then dropped."""
    alive: list[weakref.ref] = []
    for n in range(100):
        level = load_level(MINI)
        if n % 10 == 0:
            bots.play_year(level, str(n), next(iter(level.characters)), list(level.values)[:3], "balanced", 0)
        alive.append(weakref.ref(level))
        del level
    gc.collect()
    assert sum(ref() is not None for ref in alive) <= 1


def _facing_a_greyed_option(level) -> tuple[engine.State, int]:
    """A state whose decision has an option greyed out, found by a seeded random player."""
    for seed in range(60):
        for character in level.characters:
            state = engine.new_game(level, str(seed), character, list(level.values)[:3])
            bot = seed
            while not state.over:
                decision = engine.pending(level, state)
                greyed = [i for i, o in enumerate(decision.options) if o.get("available") is False]
                if greyed:
                    return state, greyed[0]
                bot, choice = bots.choose("random", decision, bot)
                state = engine.apply(level, state, choice)
    raise AssertionError(f"no greyed option found in {level.id}")


@pytest.mark.parametrize("where", ["rideshare", "constructs"])
def test_a_greyed_option_edited_to_look_available_is_refused(where):
    if where == "constructs":
        level = load_level(ROOT / "tests" / "levels" / "constructs")
        state = engine.new_game(level, "c", "driver", ("family", "honesty", "freedom"))
        state.phase, state.queue, state.meters["money"] = engine.CARD, ["deposit"], 1
        index = 0
    else:
        level = load_level(ROOT / "levels" / where)
        state, index = _facing_a_greyed_option(level)
    option = engine.pending(level, state).options[index]
    assert option["available"] is False
    with pytest.raises(TypeError):
        option["available"] = True  # handed out read-only
    dict.__setitem__(option, "available", True)  # forced past it, as a careless front end might
    dict.__delitem__(option, "blocked")
    refused = engine.apply(level, state, index)
    assert isinstance(refused, engine.Refusal) and refused.code == "unavailable"
    assert refused.args["why"]  # the reason the state gives, not the edited option's
