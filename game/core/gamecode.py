"""A game code: a short string a student can write down that replays their year exactly.

`level:SEED:WHO:CHOICES:CHK`: the level id, the seed, the character's and the three values'
positions in the level's lists, the choices as base-3 digits packed into base 32 (a leading 1 keeps
any leading zeros, a leading 2 says the player ended the year early; every card and market offers at
most three options), and a three-character check over all of it and the level's content, so a typo,
or a code from another version of the cards, is refused rather than replayed into a different year.

A year whose player answered the debrief's "why did you choose?" carries the answers too, as a part
before the check (`level:SEED:WHO:CHOICES:ANSWERS:CHK`): one digit per question the debrief asked, in
its order, 1 to 4 for the answer (see ANSWER_KEYS) and 0 for one skipped. The questions are worked out
from the replayed year, so the code is the whole hand-in: a class report needs no file.

A year whose player took the two-minute check carries its answers as one more part before the check
(`level:SEED:WHO:CHOICES:ANSWERS:CHECKED:CHK`, ANSWERS empty when no "why" was answered): see
`game.core.check.digits`. Its check covers the level's statements, so a code read against another pool
is refused rather than misread.

Everything after the level id is written in Crockford's base 32: digits and capitals without O, I, L
or U, so nothing in a code can be misread; typed O is read as 0, and I or L as 1, in any case. A seed
is written the same way (an O in `CLASS-7` shows as 0): the check tells which letters it stood for.

A code carries no year length or level options of its own: a class seed carries them in its text
(`MAPLE-42-6M`, `MAPLE-42-NOFP`), read by `game.play.seeds` where a code is made or replayed
(`seeds.code_for` refuses a year whose length or options its seed does not say).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only
    from game.core.model import Level

DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_UNFOLD = MappingProxyType({"0": "0O", "1": "1IL", "V": "VU"})
MAX_CODE = 200
MAX_ANSWERS = 8
MAX_CHECKED = 10  # the two-minute check: four placements and a pull, twice
ANSWER_KEYS = ("points", "values", "goal", "other")  # the debrief's answers, in the order a code numbers them
MAX_SEED_GUESSES = 243  # a seed with up to five 0/O, 1/I/L or V/U in it is written folded


class CodeError(ValueError):
    """A code that cannot be read, with the reason in plain words."""


_CROSS_STUDENT = re.compile(r"-CROSS\d{1,2}[AB](?=-|$)", re.IGNORECASE)


def deck_seed(seed: str) -> str:
    """The text a year's deck and dice are drawn from: the seed, with a crossover class's student number and
    year letter (`-CROSS7A`) taken out, so every student of the class meets the same deck in both years,
    while the seed their code keeps still says who played which year."""
    return _CROSS_STUDENT.sub("-CROSS", str(seed))


def _fold(seed: str) -> str:
    return seed.upper().translate(_READ_AS).replace("U", "V")


def _seed_guesses(written: str) -> list[str]:
    """Every seed a folded seed may stand for, the written one first; at most MAX_SEED_GUESSES."""
    out = [""]
    for ch in written:
        options = _UNFOLD.get(ch, ch)
        if len(out) * len(options) > MAX_SEED_GUESSES:
            return [written]
        out = [o + x for o in out for x in options]
    return [written] + [o for o in out if o != written]


def _pack(n: int) -> str:
    out = ""
    while n:
        n, digit = divmod(n, 32)
        out = DIGITS[digit] + out
    return out


def answer_digits(asked_steps: Iterable[int], answers: Iterable[Any] | None) -> str:
    """The answers to the questions asked (their steps, in order) as code digits; trailing skips dropped."""
    by_step = {a["step"]: a["answer"] for a in answers or () if isinstance(a, dict)}
    digits = "".join(str(ANSWER_KEYS.index(by_step[step]) + 1) if by_step.get(step) in ANSWER_KEYS else "0"
                     for step in asked_steps)
    return digits.rstrip("0")


def answers_from(asked_steps: Iterable[int], digits: str) -> list[dict[str, Any]]:
    """The answers a code's digits stand for, as a log keeps them; CodeError for more digits than questions."""
    steps = list(asked_steps)
    if len(digits) > len(steps):
        raise CodeError("this code has more answers than its year asked questions: check it letter by letter")
    return [{"step": step, "answer": ANSWER_KEYS[int(d) - 1]} for step, d in zip(steps, digits, strict=False)
            if d != "0"]


def encode(level: Level, seed: str, character: str, values: Sequence[str], choices: Sequence[int],
           answers: str = "", checked: str = "") -> str:
    """The code of a year; `answers` are its answer digits (see answer_digits), `checked` the two-minute check's
    (see game.core.check.digits); none by default."""
    seed = seed.upper()
    if not checked.isdigit() and checked or len(checked) > MAX_CHECKED:
        raise CodeError("the check's answers are written as digits")
    if any(ch not in "01234" for ch in answers) or len(answers) > MAX_ANSWERS:
        raise CodeError("answers are written as digits 0 to 4, one per question")
    if any(not (ch.isascii() and (ch.isalnum() or ch == "-")) for ch in seed) or not seed:
        raise CodeError("only a seed of letters, digits and '-' can be written in a game code")
    choices = list(choices)
    ended = bool(choices) and choices[-1] == -1  # the engine's END_NOW, always the last choice
    if ended:
        choices.pop()
    if any(not 0 <= c <= 2 for c in choices):
        raise CodeError("a choice outside 1 to 3 cannot be written in a game code")
    people, named = list(level.characters), list(level.values)
    if len(people) > 32 or len(named) > 32:
        raise CodeError("a level with more than 32 characters or values cannot be written in a game code")
    who = DIGITS[people.index(character)] + "".join(DIGITS[named.index(v)] for v in values)
    number = 2 if ended else 1
    for c in choices:
        number = number * 3 + c
    packed = _pack(number)
    written = _fold(seed)
    if len(_seed_guesses(written)) == 1 and written != seed:
        written = seed  # too many look-alikes to guess back: the seed is written as it is
    answers = answers.rstrip("0")
    middle = f"{packed}:{answers}" if answers or checked else packed
    middle += f":{checked}" if checked else ""
    return f"{level.id}:{written}:{who}:{middle}:{_check(level, seed, who, packed, answers, checked)}"


def _check(level: Level, seed: str, who: str, packed: str, answers: str = "", checked: str = "") -> str:
    tail = f"|{answers}" if answers else ""  # a code without answers keeps the check it always had
    if checked:
        pool = "/".join(f"{s.id}={s.source.label}" for s in level.statements)
        tail += f"|c{checked}|{pool}"
    n = zlib.crc32(f"{level.id}|{seed}|{who}|{packed}|{level.content_hash}{tail}".encode()) % (32 ** 3)
    return DIGITS[n // 1024] + DIGITS[n // 32 % 32] + DIGITS[n % 32]


def decode(code: str) -> dict[str, Any]:
    """Split a code into level id, written seed, and the positions of character, values and choices.

    Checked before any decoding, in time linear in its length: a long or odd string is refused at once.
    """
    code = "".join(str(code).split())  # spaces and line breaks copied with it mean nothing
    if len(code) > MAX_CODE:
        raise CodeError(f"a game code is at most {MAX_CODE} characters; this is {len(code):,}")
    parts = code.split(":")
    if len(parts) not in (5, 6, 7):
        raise CodeError("a game code has five to seven parts separated by ':' (level:seed:who:choices:check)")
    checked = parts.pop(5).upper().translate(_READ_AS) if len(parts) == 7 else ""
    if len(checked) > MAX_CHECKED or not checked.isdigit() and (checked or len(code.split(":")) == 7):
        raise CodeError("this game code has a typo: check it letter by letter")
    answers = parts.pop(4).upper().translate(_READ_AS) if len(parts) == 6 else ""
    if len(answers) > MAX_ANSWERS or any(ch not in "01234" for ch in answers):
        raise CodeError("this game code has a typo: check it letter by letter")
    level_id, seed, who, packed, check = (parts[0].lower(), *(p.upper().translate(_READ_AS) for p in parts[1:]))
    seed = seed.replace("U", "V")
    if not level_id or any(not (ch.isascii() and (ch.isalnum() or ch == "_")) for ch in level_id):
        raise CodeError("the first part of a game code is a level's name (letters, digits and '_')")
    if not seed or any(not (ch.isascii() and (ch.isalnum() or ch == "-")) for ch in seed):
        raise CodeError("the second part of a game code is a seed (letters, digits and '-')")
    if len(who) != 4 or len(check) != 3 or not packed or any(ch not in DIGITS for ch in who + packed + check):
        raise CodeError("this game code has a typo: check it letter by letter")
    number = int(packed.translate(_TO_BASE32), 32)
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
            "who": who, "packed": packed, "check": check, "answers": answers, "checked": checked,
            "written": parts[1].upper()}  # as written: a seed with too many look-alikes to fold is written as it is


_TO_BASE32 = str.maketrans(DIGITS, "0123456789abcdefghijklmnopqrstuv")


def same_level(typed: str, level_id: str) -> bool:
    """A level id as typed in a code names this level, look-alikes (l/1, o/0) aside."""
    return _fold(typed) == _fold(level_id)


def resolve(level: Level, parts: dict[str, Any]) -> tuple[str, str, list[str], list[int]]:
    """(seed, character id, value ids, choices) of a decoded code, checked against the level."""
    people, named = list(level.characters), list(level.values)
    if not same_level(parts["level"], level.id):
        raise CodeError(f"this code is for the level '{parts['level']}', not '{level.id}'")
    written = [parts["written"]] if parts.get("written", "") not in ("", parts["seed"]) else []
    seed = next((s for s in written + _seed_guesses(parts["seed"])
                 if _check(level, s, parts["who"], parts["packed"], parts.get("answers", ""),
                           parts.get("checked", "")) == parts["check"]),
                None)
    if seed is None:
        raise CodeError("this code has a typo, or was made with another version of the game's cards: "
                        "check it letter by letter")
    if parts["character"] >= len(people) or any(v >= len(named) for v in parts["values"]):
        raise CodeError("this code does not fit this level's characters and values")
    return seed, people[parts["character"]], [named[v] for v in parts["values"]], parts["choices"]
