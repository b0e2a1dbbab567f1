"""Format versions of levels, saves and logs, and the steps that upgrade an older one to the current.

Each kind has a current version and a table of steps, as Tuxemon upgrades its saves: a step turns
version n into n + 1, so a file of any supported version is upgraded step by step, and a file too
old (no step from its version) or too new (written by a later game) is refused with the reason.
Pure: dicts in, dicts out.

A level is several files, so its steps do not change data directly: each names its `Edit`s (this key
of rulebook.yaml goes under `grades:`, that mapping gains a `source`). The loader applies them to what
it read (`apply_edits`), and `python -m game upgrade` writes the same edits into the files' text, so an
author's comments and layout survive (`game.content.upgrade`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

CURRENT = {"level": 2, "save": 1, "log": 1}


class FormatError(ValueError):
    """A file whose format this version of the game cannot read; the message says why and what to do."""


class NewerFormat(FormatError):
    """A file written by a later version of the game: sound, only not for this version to read or touch."""


@dataclass(frozen=True)
class Edit:
    """One change an upgrade makes to a level file: the mapping at `path` in `file` gets, at `key`, its old
    value moved under `wrap` (if any) and the keys in `add`."""

    file: str
    path: tuple[str, ...]
    key: str
    wrap: str
    add: tuple[tuple[str, Any], ...]
    says: str


# Rules written before every rule carried a source get this one: true, and plain about what is missing.
UNKNOWN_SOURCE = {"label": "invented",
                  "fact": "This rule's source was not written down when the level was made."}
RULE_FIELDS = ("grades", "source", "reality")
# In format 1 the engine itself named the work every `ref: article` meant; format 2 asks the level to.
FORMAT_1_ARTICLE = ("the feature \"Is the Chinese 'social credit' system really such a bad thing?\" (our copy "
                    "names neither its outlet nor its date)")


def cites_article(data: Any) -> bool:
    """Whether parsed level data holds a source with `ref: article` anywhere."""
    if isinstance(data, dict):
        return data.get("ref") == "article" or any(cites_article(v) for v in data.values())
    if isinstance(data, list):
        return any(cites_article(v) for v in data)
    return False


def _level_0(files: dict[str, Any]) -> list[Edit]:
    """Levels written before formats were numbered: the fields are those of format 1."""
    return []


def _level_1(files: dict[str, Any]) -> list[Edit]:
    """Format 2: every access rule is {grades, source, reality}, and perks, penalties and the blacklist
    carry a source. A format-1 level may still write a rule as a bare grade map (`loan: {A: granted}`)."""
    rulebook = files.get("rulebook.yaml")
    if not isinstance(rulebook, dict):
        return []
    out: list[Edit] = []
    source = (("source", dict(UNKNOWN_SOURCE)),)
    access = rulebook.get("access")
    if isinstance(access, dict):
        for service, rule in access.items():
            if isinstance(rule, str) or (isinstance(rule, dict) and rule and not set(rule) & set(RULE_FIELDS)):
                out.append(Edit("rulebook.yaml", ("access",), str(service), "grades", source,
                                f"access: {service}: its grades go under 'grades:', beside a source marked "
                                f"invented; write where the rule comes from"))
    effects = rulebook.get("grade_effects")
    if isinstance(effects, dict):
        for grade, effect in effects.items():
            if isinstance(effect, dict) and "source" not in effect:
                out.append(Edit("rulebook.yaml", ("grade_effects",), str(grade), "", source,
                                f"grade_effects: {grade}: gains a source marked invented; write where the perk "
                                f"or penalty comes from"))
    blacklist = rulebook.get("blacklist")
    if isinstance(blacklist, dict) and "source" not in blacklist:
        out.append(Edit("rulebook.yaml", (), "blacklist", "", source,
                        "blacklist: gains a source marked invented; write where the list comes from"))
    head = files.get("level.yaml")
    words = head.get("words") if isinstance(head, dict) else None
    if isinstance(head, dict) and not (isinstance(words, dict) and words.get("article")) and \
            any(cites_article(data) for name, data in files.items() if name != "level.yaml"):
        out.append(Edit("level.yaml", (), "words", "", (("article", FORMAT_1_ARTICLE),),
                        "words: article: names the feature article that format 1 meant by 'ref: article'"))
    return out


# kind -> {from version: (what changed, step to the next version)}. A save's or log's step turns the
# data into the next version's; a level's step names the edits that do (see Edit).
STEPS: dict[str, dict[int, tuple[str, Callable[[Any], Any]]]] = {
    "level": {0: ("levels with no 'format' field read as format 1", _level_0),
              1: ("access rules became {grades, source, reality}; perks, penalties and the blacklist carry a "
                  "source; the level names the work its sources call the article", _level_1)},
    "save": {},
    "log": {},
}

WORDS = {"level": "level", "save": "saved game", "log": "game log"}


def version_of(data: dict, kind: str) -> int:
    """The format a file says it has; a level with none is format 0 (written before formats were numbered)."""
    version = data.get("format", 0 if kind == "level" else None)
    if isinstance(version, bool) or not isinstance(version, int):
        raise FormatError(f"its format is {str(version)[:20]!r}, not a version number")
    return version


def _reads(kind: str) -> str:
    current = CURRENT[kind]
    oldest = min(STEPS[kind], default=current)
    return f"format {current}" if oldest == current else f"formats {oldest} to {current}"


def check_version(version: int, kind: str) -> None:
    """FormatError if no step leads from `version` to the current format."""
    if version > CURRENT[kind]:
        raise NewerFormat(f"this {WORDS[kind]} is format {version}, from another version of the game (a newer one); "
                          f"this one reads {_reads(kind)}: update the game")
    if any(v not in STEPS[kind] for v in range(version, CURRENT[kind])):
        raise FormatError(f"this {WORDS[kind]} is format {version}, from another version of the game "
                          f"(an older one); this one reads {_reads(kind)}")


def upgrade(data: dict, kind: str) -> dict:
    """A save or log upgraded to the current format of its kind (the same dict, changed in place), or
    FormatError. (A level is several files: see `level_edits`.)"""
    version = version_of(data, kind)
    check_version(version, kind)
    while version < CURRENT[kind]:
        data = STEPS[kind][version][1](data)
        version += 1
        data["format"] = version
    return data


def level_edits(files: dict[str, Any]) -> tuple[int, list[Edit]]:
    """(the level's format, the edits that bring its files to the current one), or FormatError.
    `files` maps a file name (level.yaml, rulebook.yaml...) to its parsed data."""
    head = files.get("level.yaml")
    version = version_of(head if isinstance(head, dict) else {}, "level")
    check_version(version, "level")
    edits: list[Edit] = []
    for step in range(version, CURRENT["level"]):
        edits += STEPS["level"][step][1](files)
    return version, edits


def apply_edits(files: dict[str, Any], edits: list[Edit],
                mapping: Callable[[Any, str, dict], dict] | None = None) -> None:
    """Make the edits in the parsed files, in place. `mapping(parent, key, items)` builds the new value at
    parent[key] (the loader's keeps the lines it was read at); by default a plain dict."""
    make = mapping or (lambda parent, key, items: dict(items))
    for edit in edits:
        node = files[edit.file]
        for key in edit.path:
            node = node[key]
        old = node.get(edit.key, {})
        items = {edit.wrap: old} if edit.wrap else dict(old)
        node[edit.key] = make(node, edit.key, {**items, **dict(edit.add)})
