"""The level format as JSON Schema, one schema per file kind, for an author's editor to complete and check.

Generated from the validator's own field specs (`game.content.specs`), so the two cannot drift: each
field's type, allowed words, limits and hover help come from the spec that checks it. The validator
remains the judge of what a schema cannot know (an act a card names must exist; a choice's follow-up
must not loop); a test holds the two to rejecting the same mutants of the shipped levels.
"""

from __future__ import annotations

import json
from pathlib import Path

from game.content import checks as c
from game.content import formats, specs
from game.content.limits import COUNT, NO_LIMIT

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# kind -> the files of that kind, as editor globs (the loader reads cards.yaml and cards/ at any depth)
FILES = {"level": ["level.yaml"], "rulebook": ["rulebook.yaml"], "characters": ["characters.yaml"],
         "civic": ["civic.yaml"], "check": ["check.yaml"], "cards": ["cards.yaml", "cards/**/*.yaml"]}


def _items(spec: dict[str, c.Field], lo: int, hi: int, description: str) -> dict:
    """A file that is a list of records."""
    schema: dict = {"type": "array", "description": description, "items": c.spec_schema(spec), "minItems": lo}
    if hi < NO_LIMIT:
        schema["maxItems"] = hi
    return schema


def level_schema() -> dict:
    schema = c.spec_schema(specs.level_spec())
    full = schema["required"]
    # a level that extends another needs only its id: the rest comes from the level it extends
    return {**schema, "required": ["id"], "description": "a level's head: its names, its year and its words",
            "if": {"required": ["extends"]}, "then": {"required": ["id"]}, "else": {"required": full}}


def rulebook_schema() -> dict:
    conds = specs.Conditions({}, {}).check()
    return {**c.spec_schema(specs.rulebook_spec(specs.BLANK, conds)),
            "description": "the rules: what acts cost in points, and who gets each service"}


def characters_schema() -> dict:
    return _items(specs.character_spec(specs.BLANK), *COUNT["characters"], "the characters a player may be")


def civic_schema() -> dict:
    conds = specs.Conditions({}, {}).check()
    return _items(specs.civic_spec(specs.BLANK, conds), 0, COUNT["civic_acts"][1],
                  "the civic acts the market offers")


def check_schema() -> dict:
    return _items(specs.statement_spec(), *COUNT["statements"], "the two-minute check's statements")


def cards_schema() -> dict:
    conds = specs.Conditions({}, {}).check()
    return _items(specs.card_spec(specs.BLANK, {}, conds), *COUNT["cards_per_file"], "event cards")


MAKERS = {"level": level_schema, "rulebook": rulebook_schema, "characters": characters_schema,
          "civic": civic_schema, "check": check_schema, "cards": cards_schema}


def schemas() -> dict[str, dict]:
    """kind -> a complete JSON Schema for that file."""
    out = {}
    for kind, make in MAKERS.items():
        schema = make()
        out[kind] = {"$schema": DRAFT, "$id": f"model-citizen/{kind}.schema.json",
                     "title": f"Model Citizen {FILES[kind][0]} (level format {formats.CURRENT['level']})",
                     **schema}
    return out


def write(folder: Path) -> list[Path]:
    """Write `<kind>.schema.json` for every file kind into `folder`; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind, schema in schemas().items():
        path = folder / f"{kind}.schema.json"
        path.write_text(json.dumps(schema, indent=1) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
