"""The level format as JSON Schema, one schema per file kind, for an author's editor to complete and check.

The validator remains the judge (it knows cross-references: an act a card names must exist); the
schema gives fields, types, allowed words and the limits of `game.content.limits`, as the author types.
"""

from __future__ import annotations

import json
from pathlib import Path

from game.content import formats
from game.content.limits import COUNT, LIMITS
from game.core.model import OUTCOMES, SOURCE_LABELS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$", "description": "lower_snake_case id"}
FILES = {"level": "level.yaml", "rulebook": "rulebook.yaml", "characters": "characters.yaml",
         "civic": "civic.yaml", "cards": "cards/*.yaml"}


def _text(limit: str | None = None, description: str = "") -> dict:
    out: dict = {"type": "string", "minLength": 1}
    if limit:
        out["maxLength"] = LIMITS[limit]
    if description:
        out["description"] = description
    return out


def _int(lo: int | None = None, hi: int | None = None, description: str = "") -> dict:
    out: dict = {"type": "integer"}
    if lo is not None:
        out["minimum"] = lo
    if hi is not None:
        out["maximum"] = hi
    if description:
        out["description"] = description
    return out


def _obj(required: list[str], props: dict, description: str = "") -> dict:
    out = {"type": "object", "additionalProperties": False, "required": required, "properties": props}
    if description:
        out["description"] = description
    return out


def _map(value: dict, description: str = "", min_items: int = 0) -> dict:
    out: dict = {"type": "object", "propertyNames": {"pattern": ID["pattern"]}, "additionalProperties": value}
    if min_items:
        out["minProperties"] = min_items
    if description:
        out["description"] = description
    return out


def _ids(description: str = "", min_items: int = 0) -> dict:
    return {"type": "array", "items": {"$ref": "#/$defs/id"}, "uniqueItems": True, "minItems": min_items,
            "description": description}


def _defs() -> dict:
    """The pieces every file shares."""
    effect = _int(*COUNT["effect"])
    chance = {"type": "number", "minimum": 0, "maximum": 1}
    return {
        "id": ID,
        "source": _obj(["label", "fact"], {
            "label": {"enum": list(SOURCE_LABELS), "description": "how sure the fact is"},
            "fact": _text("fact", "the fact, in your own words (quote it if it has a comma)"),
            "ref": {"type": "string", "description": "'article' or a URL; needed unless the label is invented"},
        }, "where a fact comes from"),
        "effects": _map(effect, "meter: change"),
        "values": _map({"enum": [-1, 1]}, "value: +1 or -1"),
        "counts": _map(_int(-100, 100), "counter: change"),
        "conditions": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
                       "description": "conditions such as 'has_car', 'not has_loan', 'money >= 3', 'grade in A B'"},
        "detect": {"oneOf": [chance, {"type": "object", "additionalProperties": chance, "required": ["default"]}],
                   "description": "chance of being seen, 0 to 1, or {default: 0.3, place: 0.9}"},
        "named": _obj(["label"], {"label": _text("named_label"), "icon": {"type": "string"},
                                  "note": _text("note")}),
    }


def level_schema() -> dict:
    named = {"$ref": "#/$defs/named"}
    meter = _obj(["label", "start", "min", "max"], {
        "label": _text("named_label"), "icon": {"type": "string"}, "note": _text("note"),
        "start": _int(*COUNT["meter"]), "min": _int(*COUNT["meter"]), "max": _int(*COUNT["meter"])})
    act = _obj(["label", "data"], {"label": _text("named_label"), "icon": {"type": "string"}, "note": _text("note"),
                                   "data": {"enum": ["financial", "criminal", "social"]}})
    service = _obj(["label"], {"label": _text("service_label"), "icon": {"type": "string"}, "note": _text("note")})
    full = ["id", "title", "summary", "months", "cards_per_month", "meters", "values", "services", "categories",
            "acts"]
    schema = _obj(["id"], {
        "format": _int(0, formats.CURRENT["level"], "the level format's version: write 1"),
        "id": {"$ref": "#/$defs/id", "description": "the same as the folder's name"},
        "extends": {"$ref": "#/$defs/id", "description": "a level beside this one whose files and keys fill in"},
        "control": {"$ref": "#/$defs/id", "description": "the sibling level a split class's other half plays"},
        "title": _text("level_title"),
        "summary": _text("summary"),
        "words": _obj([], {"period": _text("word"), "periods": _text("word"), "tagline": _text("tagline"),
                           "score": _text("word")}, "the engine's words renamed for this level"),
        "months": _int(*COUNT["months"]),
        "cards_per_month": _obj(["min", "max"], {"min": _int(*COUNT["cards_per_month"]),
                                                 "max": _int(1, COUNT["cards_per_month"][1])}),
        "civic_offers": _int(*COUNT["civic_offers"]),
        "meters": _map(meter, min_items=1),
        "values": _map(named, min_items=COUNT["values"][0]),
        "services": _map(service, min_items=1),
        "places": _map(named),
        "categories": _map(named, min_items=1),
        "acts": _map(act, min_items=1),
        "counters": _map(named),
        "civic_skip": {"$ref": "#/$defs/effects", "description": "what 'not this month' gives back"},
        "triggers": {"type": "array", "items": _obj(["id", "if"], {
            "id": {"$ref": "#/$defs/id"}, "if": {"$ref": "#/$defs/conditions"}, "deal": {"$ref": "#/$defs/id"},
            "effects": {"$ref": "#/$defs/effects"}, "set": _ids(), "count": {"$ref": "#/$defs/counts"}})},
        "options": _map(_obj(["label", "seed_tag", "leaves_out"], {
            "label": _text("option_label"), "seed_tag": {"type": "string", "pattern": "^[A-Z0-9]{2,6}$"},
            "leaves_out": _ids(min_items=1), "adds": _ids()})),
        "debrief": _obj([], {
            "questions": {"type": "array", "items": _text("fact")},
            "readings": {"type": "array", "items": _obj(["title", "text", "ref"], {
                "title": _text("reading_title"), "text": _text("fact"), "ref": {"type": "string"}})}}),
    })
    # a level that extends another needs only its id: the rest comes from the level it extends
    return {**schema, "if": {"required": ["extends"]}, "then": {"required": ["id"]}, "else": {"required": full}}


def rulebook_schema() -> dict:
    source = {"$ref": "#/$defs/source"}
    points = _int(*COUNT["points"])
    grade = {"type": "string", "minLength": COUNT["grade_letters"][0], "maxLength": COUNT["grade_letters"][1]}
    outcome = {"enum": list(OUTCOMES)}
    grades = {"oneOf": [outcome, {"type": "object", "additionalProperties": outcome},
                        {"type": "array", "items": _obj(["outcome"], {"if": {"$ref": "#/$defs/conditions"},
                                                                      "outcome": outcome})}],
              "description": "one outcome, grade: outcome, or rows of {if, outcome}"}
    return _obj(["name", "summary", "access"], {
        "name": _text("rulebook_name"), "summary": _text("summary"),
        "score": _obj(["label", "start", "min", "max"], {"label": _text("score_label"), "start": _int(),
                                                         "min": _int(), "max": _int()}),
        "grades": {"type": "array", "minItems": COUNT["grades"][0], "maxItems": COUNT["grades"][1],
                   "items": _obj(["grade", "min"], {"grade": grade, "min": _int(), "label": _text("score_label")})},
        "acts": _map(_obj(["points", "detect", "source"], {
            "points": points, "detect": {"$ref": "#/$defs/detect"}, "watcher": _text("watcher"), "source": source,
            "lasts": _int(1)})),
        "access": _map(_obj(["grades", "source"], {"grades": grades, "source": source,
                                                   "reality": _text("reality")})),
        "delay_cost": {"$ref": "#/$defs/effects"},
        "blacklist": _obj(["label", "acts", "denies", "source"], {
            "label": _text("blacklist_label"), "acts": _ids(min_items=1), "denies": _ids(min_items=1),
            "source": source, "reality": _text("reality"), "months": _int(1)}),
        "grade_effects": {"type": "object", "additionalProperties": _obj(["effects", "text", "source"], {
            "effects": {"$ref": "#/$defs/effects"}, "text": _text("grade_effect_text"), "source": source})},
        "policies": {"type": "array", "items": _obj(["id", "month", "title", "text", "source", "changes"], {
            "id": {"$ref": "#/$defs/id"}, "month": _int(1), "title": _text("title"), "text": _text("policy_text"),
            "source": source, "changes": {"type": "array", "minItems": 1, "items": _obj(["act"], {
                "act": {"$ref": "#/$defs/id"}, "points": points, "detect": {"$ref": "#/$defs/detect"},
                "watcher": _text("watcher"), "remove": {"type": "boolean"}})}})},
    })


def characters_schema() -> dict:
    lo, hi = COUNT["characters"]
    return {"type": "array", "minItems": lo, "maxItems": hi, "items": _obj(["id", "name", "role", "text", "goal"], {
        "id": {"$ref": "#/$defs/id"}, "name": _text("name"), "role": _text("role"), "text": _text("character_text"),
        "goal": _obj(["text", "needs", "by"], {"text": _text("goal_text"), "needs": _ids(min_items=1),
                                               "by": _int(1), "dropped_by": _ids(), "met_by": _ids()}),
        "meters": _map(_int()), "flags": _ids()})}


def civic_schema() -> dict:
    return {"type": "array", "maxItems": COUNT["civic_acts"][1], "items": _obj(
        ["id", "label", "text", "acts", "source"], {
            "id": {"$ref": "#/$defs/id"}, "label": _text("label"), "text": _text("civic_text"),
            "acts": {"type": "array", "items": {"$ref": "#/$defs/id"}, "minItems": 1},
            "effects": {"$ref": "#/$defs/effects"}, "values": {"$ref": "#/$defs/values"},
            "source": {"$ref": "#/$defs/source"}, "unless": _ids(), "if": {"$ref": "#/$defs/conditions"},
            "count": {"$ref": "#/$defs/counts"}})}


def cards_schema() -> dict:
    branch = _obj([], {"outcome": _text("outcome"), "effects": {"$ref": "#/$defs/effects"}, "set": _ids()})
    chance = _obj(["chance"], {"chance": {"type": "number", "minimum": 0.01, "maximum": 1},
                               "outcome": _text("outcome"), "effects": {"$ref": "#/$defs/effects"}, "set": _ids(),
                               "count": {"$ref": "#/$defs/counts"}})
    choice = _obj(["label"], {
        "label": _text("label"), "outcome": _text("outcome"), "effects": {"$ref": "#/$defs/effects"},
        "acts": {"type": "array", "items": {"$ref": "#/$defs/id"}}, "values": {"$ref": "#/$defs/values"},
        "set": _ids(), "clear": _ids(), "request": {"$ref": "#/$defs/id"}, "granted": branch, "denied": branch,
        "follow_up": {"$ref": "#/$defs/id"}, "after": _int(1), "if": {"$ref": "#/$defs/conditions"},
        "hide": {"type": "boolean"}, "place": {"$ref": "#/$defs/id"}, "outcome_seen": _text("outcome"),
        "chances": {"type": "array", "minItems": COUNT["chances"][0], "maxItems": COUNT["chances"][1],
                    "items": chance},
        "count": {"$ref": "#/$defs/counts"}, "unlist": {"type": "boolean"}})
    when = _obj([], {
        "months": {"type": "array", "items": _int(1), "minItems": 2, "maxItems": 2, "description": "[from, to]"},
        "needs": _ids(), "unless": _ids(), "characters": _ids(min_items=1), "always": {"type": "boolean"},
        "deck": {"type": "boolean"}, "if": {"$ref": "#/$defs/conditions"}})
    lo, hi = COUNT["choices"]
    card = _obj(["id", "title", "category", "text", "source", "choices"], {
        "id": {"$ref": "#/$defs/id"}, "title": _text("title"), "category": {"$ref": "#/$defs/id"},
        "place": {"$ref": "#/$defs/id"}, "text": _text("card_text"), "source": {"$ref": "#/$defs/source"},
        "when": when, "choices": {"type": "array", "minItems": lo, "maxItems": hi, "items": choice}})
    return {"type": "array", "minItems": COUNT["cards_per_file"][0], "maxItems": COUNT["cards_per_file"][1],
            "items": card}


MAKERS = {"level": level_schema, "rulebook": rulebook_schema, "characters": characters_schema,
          "civic": civic_schema, "cards": cards_schema}


def schemas() -> dict[str, dict]:
    """kind -> a complete JSON Schema for that file."""
    out = {}
    for kind, make in MAKERS.items():
        schema = make()
        out[kind] = {"$schema": DRAFT, "$id": f"model-citizen/{kind}.schema.json",
                     "title": f"Model Citizen {FILES[kind]} (level format {formats.CURRENT['level']})",
                     **schema, "$defs": _defs()}
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
