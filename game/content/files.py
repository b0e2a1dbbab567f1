"""Reading a file the game did not write itself: bounded, once, and only if it is a plain file.

Saves, logs, level files and collected exports all come from disks a student or a stranger can
touch. A link to /dev/zero, a FIFO, a directory or a link loop must give a sentence naming the file,
not a hang, an exhausted memory or a traceback; so must JSON nested 100,000 deep or numbers like 1e400.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import re
import stat
from pathlib import Path

MAX_JSON_BYTES = 1_000_000   # a finished year's log is about 60 KB; a save under 1 KB
MAX_JSON_DEPTH = 24          # logs nest about 6 deep
MAX_YAML_BYTES = 300_000     # the largest shipped card file is about 40 KB
MAX_LEVEL_BYTES = 600_000    # all of a level's files together; the largest shipped level is about 140 KB


class FileRefused(Exception):
    """A file that will not be read, with a one-line reason that names it."""


def shown(path: Path | str, limit: int = 120) -> str:
    """A path as it may safely appear in a one-line message: no control characters, not endless."""
    text = clean_line(str(path))
    return text if len(text) <= limit else text[: limit // 2] + "…" + text[-limit // 2:]


# Every character that is not seen yet changes what is seen, or that a terminal obeys: control characters
# (Unicode Cc, but tab and newline), format characters (Cf: soft hyphen, bidi marks and isolates, zero-width
# joiners, the Arabic letter mark, tag characters U+E0000-E007F, interlinear annotations), line and paragraph
# separators (Zl, Zp), lone surrogates, variation selectors and the blank letters (Hangul fillers, the braille
# blank, the combining grapheme joiner). tests/test_hostile_files.py checks it against unicodedata.
HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2"
    "\u115f-\u1160\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\u2800\u3164"
    "\ud800-\udfff\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f\U000e0100-\U000e01ef]")


def clean_line(text: str) -> str:
    """The one cleaner for text shown anywhere (a terminal, a page, a chart, Markdown): one line, every
    hidden character (see HIDDEN) as '?', newlines and tabs as spaces."""
    return HIDDEN.sub("?", str(text).replace("\r\n", " ").replace("\n", " ").replace("\t", " "))


def read_bytes(path: Path | str, limit: int) -> bytes:
    """The whole content of a regular file of at most `limit` bytes, read once; FileRefused otherwise."""
    name = shown(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileRefused(_os_reason(name, exc)) from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused(f"{name} is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"{name} is not a plain file (a device, a pipe or a socket): it is not read")
        if info.st_size > limit:
            raise FileRefused(f"{name} is {info.st_size:,} bytes, more than the {limit:,} such a file can be")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileRefused(f"{name} grew past {limit:,} bytes while it was read")
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefused(_os_reason(name, exc)) from exc
    finally:
        os.close(fd)


def _os_reason(name: str, exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return f"{name} does not exist"
    if exc.errno == errno.ELOOP:
        return f"{name} is a link that leads back to itself"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{name} cannot be opened: permission denied"
    if exc.errno == errno.EISDIR:
        return f"{name} is a folder, not a file"
    return f"{name} cannot be read ({exc.strerror or exc})"


def read_text(path: Path | str, limit: int) -> str:
    """A bounded file as UTF-8 text (a leading byte-order mark is dropped)."""
    data = read_bytes(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRefused(f"{shown(path)} is not UTF-8 text (byte {exc.start:,} is not)") from exc


# A string runs to its closing quote or, unclosed, to the end of the text: it always matches where it starts,
# so the scan never tries again from a later quote inside it (which made an unclosed string cost n^2).
_STRING = re.compile(r'"(?:[^"\\]+|\\.)*"?', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def json_depth(text: str) -> int:
    """How deep the brackets of a JSON text nest (strings skipped), in one linear pass; brackets left open
    (a file cut short) count as levels too."""
    marks = _NOT_BRACKET.sub("", _STRING.sub("", text)).encode()
    return max(0, max(itertools.accumulate(map(_STEP.__getitem__, marks)), default=0))


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number a game writes")


def _finite(text: str) -> float:
    if len(text) > 60:
        raise ValueError(f"a number of {len(text):,} characters")
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{text[:20]} is out of range")
    return value


MAX_DIGITS = 30  # a game writes no whole number longer; converting a longer one costs time in its square


def _bounded_int(text: str) -> int:
    if len(text) > MAX_DIGITS:
        raise ValueError(f"a number of {len(text):,} digits")
    return int(text)


def parse_json(text: str, name: str, max_depth: int = MAX_JSON_DEPTH) -> object:
    """JSON from an untrusted text: bounded nesting, no NaN or Infinity, no numbers out of range."""
    if json_depth(text) > max_depth:
        raise FileRefused(f"{name} nests brackets more than {max_depth} deep: it was not written by the game")
    try:
        return json.loads(text, parse_constant=_no_constant, parse_float=_finite, parse_int=_bounded_int)
    except ValueError as exc:  # JSONDecodeError is a ValueError; so is an int of too many digits
        first = clean_line(str(exc))[:120]
        if first.startswith("Expecting value: line 1 column 1"):
            first = "it is empty" if not text.strip() else "it does not start like a JSON file"
        raise FileRefused(f"{name} is not a readable JSON file ({first})") from exc
    except RecursionError as exc:  # pragma: no cover - json_depth stops this first
        raise FileRefused(f"{name} nests too deep") from exc


def read_json(path: Path | str, limit: int = MAX_JSON_BYTES, max_depth: int = MAX_JSON_DEPTH) -> object:
    """An untrusted JSON file, read once with every bound above; FileRefused names it on any problem."""
    return parse_json(read_text(path, limit), shown(path), max_depth)
