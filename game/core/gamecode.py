"""A game code: a short string a student can write down that replays their year exactly.

`LEVEL:SEED:CVVV:CHOICES:CK`: the level id, the seed, the character's and the three values'
positions in the level's lists, the choices as base-3 digits packed into base 36 (a leading 1 keeps
any leading zeros, a leading 2 says the player ended the year early; every card and market offers at
most three options), and a two-character check
over all of it and the level's content, so a typo, or a code from another version of the cards, is
refused rather than replayed into a different year.

A short year is carried by its seed: `MAPLE-42-6M` plays six months of the deck `MAPLE-42-6M` deals,
so a class that shares one seed shares the length too, and every code made from it replays it.
Level options ride the same way: `MAPLE-42-NOFP` leaves out the cards of the option tagged NOFP.
"""

from __future__ import annotations

import re
import string
import zlib

from game.core.model import Level

DIGITS = string.digits + string.ascii_uppercase
_LENGTH = re.compile(r"-(\d{1,2})M$", re.IGNORECASE)


class CodeError(ValueError):
    """A code that cannot be read, with the reason in plain words."""


def year_length(seed: str, full: int) -> int:
    """How many months a year on this seed lasts: the `-NM` its seed ends with, or the full year."""
    found = _LENGTH.search(seed)
    months = int(found.group(1)) if found else full
    return months if 2 <= months < full else full


def length_marker(seed: str) -> tuple[str, str]:
    """The seed split into its body and its `-NM` length marker (empty for a full year)."""
    body = _LENGTH.sub("", seed)
    return body, seed[len(body):]


def with_length(seed: str, months: int, full: int) -> str:
    """The seed that plays `months` months: the length marker added or replaced (none for a full year)."""
    base = _LENGTH.sub("", seed)
    return base if not 2 <= months < full else f"{base}-{months}M"


def seed_options(level: Level, seed: str) -> tuple[str, ...]:
    """The level options a seed turns on: each whose tag is one of the seed's '-' parts after the first.

    The class seed carries them, so everyone who types it gets the same deck, and every code replays it."""
    parts = str(seed).strip().upper().split("-")[1:]
    return tuple(o.id for o in level.options.values() if o.seed_tag in parts)


def with_options(level: Level, seed: str, options) -> str:
    """The seed with the tag of each named option added (before a length marker), unless already there."""
    seed = str(seed).strip()
    base = _LENGTH.sub("", seed)
    have = seed_options(level, seed)
    for option_id in options:
        if option_id not in have:
            base = f"{base}-{level.options[option_id].seed_tag}"
    return base + seed[len(_LENGTH.sub("", seed)):]


def encode(level: Level, seed: str, character: str, values, choices) -> str:
    if ":" in seed:
        raise CodeError("a seed with ':' in it cannot be written in a game code")
    choices = list(choices)
    ended = bool(choices) and choices[-1] == -1  # the engine's END_NOW, always the last choice
    if ended:
        choices.pop()
    if any(not 0 <= c <= 2 for c in choices):
        raise CodeError("a choice outside 1 to 3 cannot be written in a game code")
    people, named = list(level.characters), list(level.values)
    who = DIGITS[people.index(character)] + "".join(DIGITS[named.index(v)] for v in values)
    number = 2 if ended else 1
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
    while number > 2:
        number, c = divmod(number, 3)
        choices.append(c)
    if number == 2:
        choices.insert(0, -1)  # ended early: END_NOW comes last once the list is turned round
    elif number != 1:
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
