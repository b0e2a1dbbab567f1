"""A game code: a short string a student can write down that replays their year exactly.

`LEVEL:SEED:CVVV:CHOICES:CK`: the level id, the seed, the character's and the three values'
positions in the level's lists, the choices as base-3 digits packed into base 36 (a leading 1 keeps
any leading zeros; every card and market offers at most three options), and a two-character check
over all of it and the level's content, so a typo, or a code from another version of the cards, is
refused rather than replayed into a different year.
"""

from __future__ import annotations

import string
import zlib

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
    body = f"{level.id}:{seed}:{who}:{packed}"
    return f"{body}:{_check(body, level)}"


def _check(body: str, level: Level) -> str:
    n = zlib.crc32(f"{body.upper()}|{level.content_hash}".encode()) % (36 * 36)
    return DIGITS[n // 36] + DIGITS[n % 36]


def decode(code: str) -> dict:
    """Split a code into level id, seed, and the positions of character, values and choices."""
    parts = code.strip().split(":")
    if len(parts) != 5:
        raise CodeError("a game code has five parts separated by ':' (level:seed:who:choices:check)")
    level_id, seed, who, packed, check = parts
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
            "values": [DIGITS.index(ch) for ch in who[1:]], "choices": choices[::-1],
            "body": ":".join(parts[:4]), "check": check.upper()}


def resolve(level: Level, parts: dict) -> tuple[str, str, list[str], list[int]]:
    """(seed, character id, value ids, choices) of a decoded code, checked against the level."""
    people, named = list(level.characters), list(level.values)
    if parts["level"] != level.id:
        raise CodeError(f"this code is for the level '{parts['level']}', not '{level.id}'")
    if _check(parts["body"], level) != parts["check"]:
        raise CodeError("this code has a typo, or was made with another version of the game's cards: "
                        "check it letter by letter")
    if parts["character"] >= len(people) or any(v >= len(named) for v in parts["values"]):
        raise CodeError("this code does not fit this level's characters and values")
    return parts["seed"], people[parts["character"]], [named[v] for v in parts["values"]], parts["choices"]
