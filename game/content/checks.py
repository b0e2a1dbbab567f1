"""Small composable checks for YAML data that collect located problems instead of raising.

Each check is `check(ctx, value, line, what) -> value or BAD`. `what` names the place in words an
author recognises ("card 'red_light': choice 2: acts"); `line` is where it stands in the file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from game.content.files import HIDDEN, clean_line
from game.content.yamlfile import UNREAD, LDict, LList, Problem

BAD: Any = object()
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*")  # matched whole: an id never ends in a newline
INVISIBLE = HIDDEN  # the one list of characters that hide or reorder text (game.content.files)


def short(value: Any, n: int = 40) -> str:
    """A value as a message may quote it: one line, no control characters, at most n characters."""
    text = clean_line(str(value)) if not isinstance(value, int) or abs(value) < 10**30 else "a very large number"
    return text if len(text) <= n else text[: n - 1] + "…"

Check = Callable[["Context", Any, int, str], Any]
ID_SCHEMA = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}


def described(check: Check, schema: dict) -> Check:
    """`check` carrying the JSON Schema of what it accepts: `game.content.schema` builds the editor's
    schema from these, so the format is written once, here, beside the check that judges it."""
    check.schema = schema  # type: ignore[attr-defined]
    return check


def schema_of(check: Check) -> dict:
    """The JSON Schema a check carries (every check made in this module does; a custom one must)."""
    schema = getattr(check, "schema", None)
    if schema is None:
        raise TypeError(f"the check {getattr(check, '__qualname__', check)} carries no schema: wrap it in described()")
    return dict(schema)


class Context:
    """Where problems go while one file is checked."""

    def __init__(self, shown: str, problems: list[Problem]) -> None:
        self.shown = shown
        self.problems = problems

    def error(self, line: int, message: str) -> Any:
        self.problems.append(Problem(self.shown, line, message))
        return BAD


def describe(value: Any) -> str:
    """Name a YAML value's type the way an author would."""
    if value is UNREAD:
        return "a value that could not be read"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({short(value)})"
    if isinstance(value, str):
        return f"text ('{short(value, 30)}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(word)[:80], list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{short(close[0])}'?)" if close else ""


def text(max_len: int | None = None) -> Check:
    def check(ctx: Context, value: Any, line: int, what: str) -> Any:
        if not isinstance(value, str):
            hint = " (put it in quotes)" if isinstance(value, (bool, int, float)) else ""
            return ctx.error(line, f"{what} should be text, not {describe(value)}{hint}")
        hidden = INVISIBLE.search(value)
        if hidden:
            return ctx.error(line, f"{what} holds an invisible or control character (U+{ord(hidden.group()):04X}, "
                                   f"character {hidden.start() + 1}): it could hide or reorder text on screen; "
                                   f"remove it")
        value = " ".join(value.split())
        if not value:
            return ctx.error(line, f"{what} is empty: write something or remove the field")
        if max_len is not None and len(value) > max_len:
            return ctx.error(line, f"{what} is {len(value)} characters long; the limit is {max_len} so it fits "
                                   f"its box on screen: shorten it")
        return value
    schema: dict = {"type": "string", "minLength": 1, "pattern": r"\S"}
    if max_len is not None:
        schema["maxLength"] = max_len
    return described(check, schema)


def ident(ctx: Context, value: Any, line: int, what: str) -> Any:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        return ctx.error(line, f"{what} should be an id in lower_snake_case (letters, digits, '_'), "
                               f"not {describe(value)}")
    return value


described(ident, dict(ID_SCHEMA))


def integer(lo: int, hi: int) -> Check:
    def check(ctx: Context, value: Any, line: int, what: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            return ctx.error(line, f"{what} should be a whole number, not {describe(value)}")
        if not lo <= value <= hi:
            return ctx.error(line, f"{what} is {short(value)}, outside {lo}..{hi}")
        return value
    return described(check, {"type": "integer", "minimum": lo, "maximum": hi})


def number(lo: float, hi: float) -> Check:
    def check(ctx: Context, value: Any, line: int, what: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return ctx.error(line, f"{what} should be a number, not {describe(value)}")
        if not lo <= value <= hi:
            return ctx.error(line, f"{what} is {short(value)}, outside {lo}..{hi}")
        return float(value)
    return described(check, {"type": "number", "minimum": lo, "maximum": hi})


def boolean(ctx: Context, value: Any, line: int, what: str) -> Any:
    if not isinstance(value, bool):
        return ctx.error(line, f"{what} should be true or false, not {describe(value)}")
    return value


described(boolean, {"type": "boolean"})


def one_of(options: Iterable[str], kind: str) -> Check:
    options = tuple(options)

    def check(ctx: Context, value: Any, line: int, what: str) -> Any:
        if isinstance(value, str) and value in options:
            return value
        if isinstance(value, str):
            return ctx.error(line, f"{what}: '{short(value)}' is not a known {kind}{did_you_mean(value, options)}; "
                                   f"use one of: {', '.join(options)}")
        return ctx.error(line, f"{what} should be a {kind} ({', '.join(options)}), not {describe(value)}")
    return described(check, {"enum": list(options)})


def ref(known: Iterable[str], kind: str) -> Check:
    """An id that must name something declared elsewhere in the level."""
    known = known if isinstance(known, (dict, set, frozenset)) else set(known)

    def check(ctx: Context, value: Any, line: int, what: str) -> Any:
        if not isinstance(value, str):
            return ctx.error(line, f"{what} should name a {kind}, not {describe(value)}")
        if value not in known:
            return ctx.error(line, f"{what} names unknown {kind} '{short(value)}'{did_you_mean(value, known)}")
        return value
    return described(check, {"type": "string", "description": f"the id of a {kind} the level declares"})


def list_of(item: Check, min_items: int = 0, max_items: int | None = None, unique: bool = False,
            item_name: str = "") -> Check:
    """A list; with `item_name` each item is named by its number ("choice 2") in problems."""
    def check(ctx: Context, value: Any, line: int, what: str) -> Any:
        if not isinstance(value, list):
            return ctx.error(line, f"{what} should be a list (items starting with '- ' or [a, b]), "
                                   f"not {describe(value)}")
        lines = value.line_of if isinstance(value, LList) else (lambda i: line)
        if len(value) < min_items:
            items = "item" if len(value) == 1 else "items"
            return ctx.error(line, f"{what} has {len(value)} {items}; it needs at least {min_items}")
        if max_items is not None and len(value) > max_items:
            return ctx.error(line, f"{what} has {len(value)} items; at most {max_items} are allowed")
        out, ok = [], True
        for i, entry in enumerate(value):
            if entry is UNREAD:  # already reported where it was read
                ok = False
                continue
            item_what = f"{what.rsplit(': ', 1)[0]}: {item_name} {i + 1}" if item_name else what
            got = item(ctx, entry, lines(i), item_what)
            if got is BAD:
                ok = False
            elif unique and got in out:
                ctx.error(lines(i), f"{what} lists '{got}' twice")
                ok = False
            else:
                out.append(got)
        return tuple(out) if ok else BAD
    schema: dict = {"type": "array", "items": schema_of(item)}
    if min_items:
        schema["minItems"] = min_items
    if max_items is not None:
        schema["maxItems"] = max_items
    if unique:
        schema["uniqueItems"] = True
    return described(check, schema)


def map_of(key: Check, val: Check, min_items: int = 0) -> Check:
    def check(ctx: Context, value: Any, line: int, what: str) -> Any:
        if not isinstance(value, dict):
            return ctx.error(line, f"{what} should be a mapping (key: value), not {describe(value)}")
        if len(value) < min_items:
            return ctx.error(line, f"{what} needs at least {min_items} entries")
        lines = value.line_of if isinstance(value, LDict) else (lambda k: line)
        out, ok = {}, True
        for k, v in value.items():
            if v is UNREAD:
                ok = False
                continue
            k2 = key(ctx, k, lines(k), what)
            v2 = val(ctx, v, lines(k), f"{what}: {k}") if k2 is not BAD else BAD
            if k2 is BAD or v2 is BAD:
                ok = False
            else:
                out[k2] = v2
        return out if ok else BAD
    schema: dict = {"type": "object", "propertyNames": _name_schema(key), "additionalProperties": schema_of(val)}
    if min_items:
        schema["minProperties"] = min_items
    return described(check, schema)


def _name_schema(key: Check) -> dict:
    """What a mapping's keys may be: JSON Schema's propertyNames takes only string rules."""
    schema = schema_of(key)
    return {k: v for k, v in schema.items() if k in ("pattern", "enum", "maxLength", "minLength")} or {"minLength": 1}


class Field(NamedTuple):
    """One field of a record: how it is checked, whether it must be there, what it is without, and the
    sentence an editor shows on hover (the generated schema's description)."""

    check: Check
    required: bool
    default: Any
    doc: str

# What to write when a field is missing, where the name alone does not say it.
MISSING_HINTS = {
    "source": ": every card and every rule says where it comes from; add 'source: {label, fact, ref}' with a "
              "label of documented, reported, thought_experiment or invented (see docs/authoring.md)",
}


def req(check: Check, doc: str = "") -> Field:
    return Field(check, True, None, doc)


def opt(check: Check, default: Any = None, doc: str = "") -> Field:
    return Field(check, False, default, doc)


def spec_schema(spec: dict[str, Field]) -> dict:
    """The JSON Schema of a record with this field spec: known fields only, the required ones required."""
    props = {}
    for name, f in spec.items():
        prop = schema_of(f.check)
        if f.doc:
            prop["description"] = f.doc
        props[name] = prop
    return {"type": "object", "additionalProperties": False,
            "required": [name for name, f in spec.items() if f.required], "properties": props}


def fields(ctx: Context, value: Any, line: int, what: str, spec: dict[str, Field]) -> dict | Any:
    """Check a mapping against a field spec: unknown, missing and wrong fields are all reported."""
    if value is UNREAD:
        return BAD
    if not isinstance(value, dict):
        needed = ", ".join(k for k, f in spec.items() if f[1])
        fields_words = f"fields {needed}" if needed else f"any of the fields {', '.join(spec)}"
        return ctx.error(line, f"{what} should be a mapping with {fields_words}, not {describe(value)}")
    lines = value.line_of if isinstance(value, LDict) else (lambda k: line)
    own_line = getattr(value, "line", line)
    ok = True
    for key in value:
        if key not in spec:
            hint = did_you_mean(key, spec) or f" (known fields: {', '.join(spec)})"
            if getattr(value, "flow", False) and value[key] is None and " " in str(key):
                hint = (" (a comma inside {...} ends a value: put the text that has the comma in quotes, "
                        "for example fact: \"One, two.\")")
            ctx.error(lines(key), f"{what}: unknown field '{short(key)}'{hint}")
            ok = False
    out = {}
    for name, (check, required, default, _doc) in spec.items():
        if name not in value:
            if required:
                ctx.error(own_line, f"{what}: missing field '{name}'{MISSING_HINTS.get(name, '')}")
                ok = False
            out[name] = default
            continue
        got = BAD if value[name] is UNREAD else check(ctx, value[name], lines(name), f"{what}: {name}")
        if got is BAD:
            ok = False
        out[name] = got
    return out if ok else BAD


def record(spec: dict[str, Field], what: str = "") -> Check:
    def check(ctx: Context, value: Any, line: int, where: str) -> Any:
        return fields(ctx, value, line, where + (f" {what}" if what else ""), spec)
    return described(check, spec_schema(spec))
