"""Every construct an author can write is used by a level the game ships, not only by a test level.

A field documented in docs/authoring.md (and so in the JSON Schema `game schema` writes) that no
shipped level uses is untried by players and by the playtests of `validate`. The walk follows the
schema through the raw YAML of every level in `levels/`; each kind of condition (`money >= 3`,
`grade in A B`, `not has_car`...) is counted from the loaded levels. A field may stay unused only
with its reason in UNUSED, and that list may not go stale.
"""

import dataclasses

import pytest
import yaml

from game.content import schema
from game.content.level import load_level
from game.core.model import Cond
from tests.conftest import ROOT

LEVELS = ROOT / "levels"
FILES = {"level": "*/level.yaml", "rulebook": "*/rulebook.yaml", "characters": "*/characters.yaml",
         "civic": "*/civic.yaml", "check": "*/check.yaml", "cards": "*/cards/**/*.yaml"}

# Fields no shipped level needs, each with the reason. Cosmetic notes and icons are not constructs.
UNUSED = {
    "level/words/period": "every shipped level is a year of months, the default",
    "level/words/periods": "every shipped level is a year of months, the default",
    "level/words/year": "every shipped level is a year, the default; tests/levels/school is a term",
    "level/acts/*/icon": "cosmetic: acts are shown by their card's category icon",
    "level/acts/*/note": "cosmetic",
    "level/categories/*/note": "cosmetic",
    "level/counters/*/icon": "cosmetic",
    "level/meters/*/note": "cosmetic",
    "level/places/*/icon": "cosmetic",
    "level/services/*/note": "cosmetic",
    "level/values/*/icon": "cosmetic",
    "level/values/*/note": "cosmetic",
    "level/triggers/[]/count": "no shipped trigger needs to count; tests/levels/constructs tries it",
    "level/triggers/[]/repeat": "no shipped trigger needs to fire twice; tests/test_more_constructs.py plays it",
    "cards/[]/choices/[]/effects_seen": "no shipped card needs it yet; tests/test_more_constructs.py plays it",
    "cards/[]/choices/[]/count_seen": "no shipped card needs it yet; tests/test_more_constructs.py plays it",
    "civic/[]/count_seen": "no shipped civic act needs it yet; tests/test_more_constructs.py plays it",
    "rulebook/policies/[]/access": "no shipped policy replaces a service's rule yet; tests/test_more_constructs.py "
                                   "plays one",
    "rulebook/policies/[]/access/[]/service": "as policies' access",
    "rulebook/policies/[]/grade_lines": "no shipped policy moves a grade line yet; tests/test_more_constructs.py "
                                        "plays one",
    "rulebook/policies/[]/grade_lines/[]/grade": "as policies' grade_lines",
    "rulebook/policies/[]/grade_lines/[]/min": "as policies' grade_lines",
    "rulebook/policies/[]/access/[]/grades": "as policies' access",
    "rulebook/policies/[]/access/[]/grades/[]/if": "as policies' access",
    "rulebook/policies/[]/access/[]/grades/[]/outcome": "as policies' access",
    "level/triggers/[]/set": "no shipped trigger needs to set a flag; tests/levels/constructs tries it",
}
CONDITIONS = ("meter", "counter", "score", "month", "grade", "character", "flag", "not flag")
UNUSED_CONDITIONS = {
    "month": "cards say their months with `when: months`; no shipped choice needs more",
    "character": "cards say their characters with `when: characters`; no shipped choice needs more",
}


def _walk(node: dict, data, path: tuple, defs: dict, used: set, every: set) -> None:
    """Every field path the schema allows under `node`, and those `data` fills in."""
    if "$ref" in node:
        node = defs[node["$ref"].split("/")[-1]]
    for alternative in node.get("anyOf", ()):
        _walk(alternative, data, path, defs, used, every)
    kind = node.get("type")
    if kind == "object" and "properties" in node:
        for key, sub in node["properties"].items():
            here = (*path, key)
            every.add(here)
            present = isinstance(data, dict) and key in data
            if present:
                used.add(here)
            _walk(sub, data[key] if present else None, here, defs, used, every)
    elif kind == "object" and isinstance(node.get("additionalProperties"), dict):
        values = list(data.values()) if isinstance(data, dict) else [None]
        for value in values:
            _walk(node["additionalProperties"], value, (*path, "*"), defs, used, every)
    elif kind == "array" and "items" in node:
        for value in data if isinstance(data, list) else [None]:
            _walk(node["items"], value, (*path, "[]"), defs, used, every)


def fields(root) -> tuple[set[str], set[str]]:
    """(used, every): the schema's field paths, such as `cards/[]/choices/[]/place`, and those the levels fill."""
    used: set[tuple] = set()
    every: set[tuple] = set()
    for kind, made in schema.schemas().items():
        files = sorted(root.glob(FILES[kind])) or [None]
        for path in files:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) if path else None
            _walk(made, data, (kind,), made.get("$defs", {}), used, every)
    return {"/".join(p) for p in used}, {"/".join(p) for p in every}


def _conds(value, seen: set[int]):
    if isinstance(value, Cond):
        yield value
    elif id(value) in seen:
        return
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        seen.add(id(value))
        for f in dataclasses.fields(value):
            yield from _conds(getattr(value, f.name), seen)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _conds(v, seen)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from _conds(v, seen)


def condition_kinds(root) -> set[str]:
    kinds = set()
    for folder in sorted(p.parent for p in root.glob("*/level.yaml")):
        for cond in _conds(load_level(folder), set()):
            kinds.add("not flag" if cond.kind == "flag" and cond.value is False else cond.kind)
    return kinds


@pytest.fixture(scope="module")
def shipped():
    return fields(LEVELS)


def test_every_documented_field_is_used_by_a_shipped_level(shipped):
    used, every = shipped
    missing = sorted(every - used - set(UNUSED))
    assert not missing, f"no shipped level in levels/ uses {missing}: put each to use, or say why in UNUSED"


def test_the_list_of_unused_fields_is_not_stale(shipped):
    used, every = shipped
    assert set(UNUSED) <= every, f"UNUSED names fields the schema does not have: {sorted(set(UNUSED) - every)}"
    assert not set(UNUSED) & used, f"now used by a shipped level, take them out of UNUSED: {sorted(set(UNUSED) & used)}"


def test_every_kind_of_condition_is_used_by_a_shipped_level():
    kinds = condition_kinds(LEVELS)
    missing = [k for k in CONDITIONS if k not in kinds and k not in UNUSED_CONDITIONS]
    assert not missing, f"no shipped level writes a condition on {missing}"
    stale = set(UNUSED_CONDITIONS) & kinds
    assert not stale, f"now used by a shipped level, take them out of UNUSED_CONDITIONS: {sorted(stale)}"


def test_the_walk_sees_a_construct_go_missing(tmp_path):
    """Take away the only shipped use of a field (a choice's own place) and the audit names it."""
    used, _ = fields(LEVELS)
    assert "cards/[]/choices/[]/place" in used
    copy = tmp_path / "levels"
    for path in LEVELS.rglob("*.yaml"):
        target = copy / path.relative_to(LEVELS)
        target.parent.mkdir(parents=True, exist_ok=True)
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        # a choice's own place is the only six-space `place:` key: drop it
        target.write_text("".join(x for x in lines if not x.startswith("      place:")), encoding="utf-8")
    after, _ = fields(copy)
    assert "cards/[]/choices/[]/place" not in after
    assert used - after == {"cards/[]/choices/[]/place"}


def test_a_service_judged_by_rows_says_which_row_decided_it():
    """Rideshare's peak hours look at cancelled rides, then the grade: the ticket names what decided."""
    from game.core import engine
    from game.words import narrate

    level = load_level(LEVELS / "rideshare")
    state = engine.new_game(level, "rows", "tomasz_nowak", ("family", "honesty", "freedom")).clone()
    state.phase, state.queue = engine.CARD, ["concert_surge"]
    state.counters = {**state.counters, "cancelled": 3}
    options = engine.pending(level, state).options
    ask = next(i for i, o in enumerate(options) if o.get("request") == "good_shifts")
    assert options[ask]["request_outcome"] == "denied"  # shown before the choice, whatever the grade
    after = engine.apply(level, state, ask)
    event = next(e for e in after.log if e["t"] == "service")
    assert (event["outcome"], event["why"]) == ("denied", "rule")
    assert "Rides cancelled >= 3" in narrate.event_lines(level, event)[0]
    assert narrate.service_reason(level, {**event, "why": "everyone", "outcome": "denied"}) != \
        narrate.service_reason(level, {**event, "why": "everyone", "outcome": "denied", "service": "cash_out"})
