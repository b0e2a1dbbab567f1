"""A game code: a short string a student can write down that replays their year exactly.

`LEVEL:SEED:CVVV:CHOICES`: the level id, the seed, the character's and the three values' positions
in the level's lists, and the choices as base-3 digits packed into base 36 (a leading 1 keeps any
leading zeros). Every card and market offers at most three options, so a choice is one base-3 digit.
"""

from __future__ import annotations

import string

from game.core.model import Level

DIGITS = string.digits + string.ascii_uppercase


class CodeError(ValueError):
    """A code that cannot be read, with the reason in plain words."""


def encode(level: Level, seed: str, character: str, values, choices) -> str:
    if ":" in seed:
        raise CodeError("a seed with ':' in it cannot be written in a game code")
    if any(not 0 <= c <= 2 for c in choices):
        raise CodeError("a choice outside 1 to 3 cannot be written in a game code")
    people, named = list(level.characters), list(level.values)
    who = DIGITS[people.index(character)] + "".join(DIGITS[named.index(v)] for v in values)
    number = 1
    for c in choices:
        number = number * 3 + c
    packed = ""
    while number:
        number, digit = divmod(number, 36)
        packed = DIGITS[digit] + packed
    return f"{level.id}:{seed}:{who}:{packed}"


def decode(code: str) -> dict:
    """Split a code into level id, seed, and the positions of character, values and choices."""
    parts = code.strip().split(":")
    if len(parts) != 4:
        raise CodeError("a game code has four parts separated by ':' (level:seed:who:choices)")
    level_id, seed, who, packed = parts
    who, packed = who.upper(), packed.upper()
    if len(who) != 4 or any(ch not in DIGITS for ch in who + packed) or not packed:
        raise CodeError("this game code has a typo: check it letter by letter")
    number = 0
    for ch in packed:
        number = number * 36 + DIGITS.index(ch)
    choices = []
    while number > 1:
        number, c = divmod(number, 3)
        choices.append(c)
    if number != 1:
        raise CodeError("this game code has a typo: check it letter by letter")
    return {"level": level_id, "seed": seed, "character": DIGITS.index(who[0]),
            "values": [DIGITS.index(ch) for ch in who[1:]], "choices": choices[::-1]}


def resolve(level: Level, parts: dict) -> tuple[str, str, list[str], list[int]]:
    """(seed, character id, value ids, choices) of a decoded code, checked against the level."""
    people, named = list(level.characters), list(level.values)
    if parts["level"] != level.id:
        raise CodeError(f"this code is for the level '{parts['level']}', not '{level.id}'")
    if parts["character"] >= len(people) or any(v >= len(named) for v in parts["values"]):
        raise CodeError("this code does not fit this level's characters and values")
    return parts["seed"], people[parts["character"]], [named[v] for v in parts["values"]], parts["choices"]
