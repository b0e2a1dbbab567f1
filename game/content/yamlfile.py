"""Read YAML safely, keeping the line of every key and list item, and refusing duplicate keys.

PyYAML quietly lets a repeated key win, and its plain dicts forget where they came from; authors
need both caught and located, so mappings and lists are built as `Located` containers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from game.content import files
from game.content.files import clean_line

MAX_MESSAGE = 400
MAX_PROBLEMS = 50  # listed from one file's reading; the rest are counted

try:  # the C parser is about three times faster; the marks on its nodes are the same
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a level, located to a file and line."""

    path: str
    line: int
    message: str
    warning: bool = False  # a warning does not stop the level from being played

    def __str__(self) -> str:
        """One line, whatever the message quotes: control characters shown as '?', long values cut."""
        message = clean_line(self.message)
        if len(message) > MAX_MESSAGE:
            message = message[: MAX_MESSAGE - 1] + "…"
        return f"{clean_line(self.path)}:{self.line}: {'warning: ' if self.warning else ''}{message}"


class LDict(dict):
    """A mapping that remembers its own line and the line of each key."""

    line: int = 0
    key_lines: dict
    flow: bool = False  # written inline as {a: 1, b: 2}, where a comma in a value splits it

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LList(list):
    """A list that remembers its own line and the line of each item."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
MAX_DEPTH = 40
MAX_NUMBER = 30  # characters in a number; PyYAML builds a long one in time that grows with its square


class _Unread:
    """A value the reader refused and already reported: every check counts it wrong without a second message."""

    def __repr__(self) -> str:
        return "a value that could not be read"

    __str__ = __repr__

    def __bool__(self) -> bool:  # code that reads raw data loosely (`x or ()`, `for y in x`) sees nothing there
        return False

    def __iter__(self):
        return iter(())


UNREAD = _Unread()


def odd_number(tag: str, text: str) -> str:
    """Why a number written this way is refused (YAML 1.1's base 60 and leading-0 octal, or sheer length), or ''."""
    plain = text.strip().lstrip("+-").replace("_", "")
    if tag not in (_INT, _FLOAT):
        return ""
    shown = clean_line(text[:24]) + ("…" if len(text) > 24 else "")
    if ":" in plain:
        return (f"'{shown}' reads as a base-60 number in YAML 1.1 (1:30 is 90): write the number out, or put it "
                f"in quotes if it is text")
    if tag == _INT and len(plain) > 1 and plain[0] == "0" and plain[1:].isdigit():
        return (f"'{shown}' starts with 0, which YAML 1.1 reads as octal (010 is 8): write it without the "
                f"leading 0, or in quotes if it is text")
    if len(plain) > MAX_NUMBER:
        return (f"'{shown}' is a very large number ({len(text):,} characters): no field of a level takes one; "
                f"put it in quotes if it is text")
    return ""


class _Builder:
    """Turns the parsed node tree into located containers, noting what an author must fix.

    Walking the nodes directly (rather than through PyYAML's general constructor) halves the time
    to load a level, which is most of the game's start-up beyond pygame itself. It also refuses
    what level files never need and what could hang or crash the loader: anchors and aliases
    (a few lines of them can expand to gigabytes), absurd nesting, and values no type accepts.
    """

    def __init__(self, loader) -> None:
        self.loader = loader
        self.duplicates: list[tuple[int, str]] = []  # (line, message) for every problem found here
        self.seen: set[int] = set()

    def problem(self, node, message: str) -> None:
        self.duplicates.append((node.start_mark.line + 1, message))

    def build(self, node, depth: int = 0):
        if id(node) in self.seen:
            self.problem(node, "anchors and aliases ('&name', '*name') are not used in level files: "
                               "write the value out in full")
            return UNREAD
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.problem(node, f"nested more than {MAX_DEPTH} levels deep: a level file never needs that")
            return UNREAD
        if isinstance(node, yaml.ScalarNode):
            if node.tag in (_STR, _TIMESTAMP):  # a date-like value is kept as the text it is
                return node.value
            odd = odd_number(node.tag, node.value)
            if odd:
                self.problem(node, odd)
                return UNREAD
            try:
                return self.loader.construct_object(node, deep=True)
            except (ValueError, TypeError, AttributeError, OverflowError, KeyError, IndexError,
                    yaml.YAMLError) as exc:  # PyYAML's constructors raise all of these on odd scalars
                kind = node.tag.rsplit(":", 1)[-1] or node.tag
                why = clean_line(str(exc))[:80]
                if isinstance(exc, (KeyError, IndexError)):
                    why = "not a value of that kind"
                self.problem(node, f"'{clean_line(node.value[:40])}' cannot be read as {kind} ({why}): "
                                   f"put it in quotes if it is text")
                return UNREAD
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            out = LList(self.build(child, depth + 1) for child in node.value)
            out.line = node.start_mark.line + 1
            out.item_lines = [child.start_mark.line + 1 for child in node.value]
            return out
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self.mapping(node, depth)
        self.problem(node, f"the tag '{node.tag}' is not used in level files: remove it")
        return UNREAD

    def mapping(self, node: yaml.MappingNode, depth: int) -> LDict:
        out = LDict()
        out.line = node.start_mark.line + 1
        out.flow = bool(node.flow_style)
        out.key_lines = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, "merge keys ('<<') are not used in level files: write the fields out")
                continue
            key = self.build(key_node, depth + 1)
            line = key_node.start_mark.line + 1
            if key is UNREAD:
                continue
            try:
                hash(key)
            except TypeError:
                self.duplicates.append((line, "a key must be a plain word, not a list or a mapping"))
                continue
            if key in out:
                self.duplicates.append(
                    (line, f"duplicate key '{key}' (first at line {out.key_lines[key]}): keep only one of them")
                )
                continue
            out[key] = self.build(value_node, depth + 1)
            out.key_lines[key] = line
        return out


def read_yaml(path: Path, shown: str) -> tuple[object, list[Problem]]:
    """Parse one file; return (data, problems). `shown` is the path as errors should print it."""
    try:
        text = files.read_text(path, files.MAX_YAML_BYTES)
    except files.FileRefused as exc:
        return None, [Problem(shown, 1, _refusal(str(exc), path))]
    deep = _too_deep(text)
    if deep:
        return None, [Problem(shown, deep, f"nested more than {MAX_DEPTH} levels deep: a level file never needs "
                                           f"that (lists or mappings inside each other)")]
    loader = _BaseLoader(text)
    builder = _Builder(loader)
    try:
        node = loader.get_single_node()
        data = builder.build(node) if node is not None else None
        data = None if data is UNREAD else data
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return None, [Problem(shown, line, f"YAML syntax error: {_marked_message(exc)}")]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as NUL or ESC
        line = text.count("\n", 0, exc.position) + 1
        what = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        return None, [Problem(shown, line, f"the file holds a character YAML does not allow ({what}, a control "
                                           f"character): remove it")]
    except yaml.YAMLError as exc:
        return None, [Problem(shown, 1, f"YAML error: {clean_line(str(exc))[:200]}")]
    finally:
        loader.dispose()
    problems = [Problem(shown, line, message) for line, message in builder.duplicates[:MAX_PROBLEMS]]
    if len(builder.duplicates) > MAX_PROBLEMS:
        more = len(builder.duplicates) - MAX_PROBLEMS
        problems.append(Problem(shown, builder.duplicates[MAX_PROBLEMS][0], f"and {more:,} more problems like "
                                                                            f"these in this file, not listed"))
    if data is None and not problems:
        problems.append(Problem(shown, 1, "the file is empty: it needs the fields described in docs/authoring.md"))
    return data, problems


_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _too_deep(text: str) -> int:
    """The line where the text nests deeper than MAX_DEPTH, or 0. PyYAML builds its tree by recursion in C,
    which a few kilobytes of '- - - …' or '[[[…' overflow (the process dies); its events come from a loop,
    so they are counted first, and the count stops at the first line too deep."""
    loader = _BaseLoader(text)
    depth = 0
    try:
        while True:
            event = loader.get_event()
            if event is None:
                return 0
            if isinstance(event, _OPEN):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1 if event.start_mark else 1
            elif isinstance(event, _CLOSE):
                depth -= 1
    except yaml.YAMLError:
        return 0  # the parse proper reports it, with its place
    finally:
        loader.dispose()


def _marked_message(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's problem first (with our hint), then its context kept: which anchor, which document,
    which tag, and the line of the first part of a pair when it stands on another line."""
    problem = clean_line(exc.problem or "") or "invalid YAML"
    if problem == "second occurrence" and "duplicate anchor" in (exc.context or ""):  # PyYAML puts it backwards
        first = f" (first at line {exc.context_mark.line + 1})" if exc.context_mark else ""
        return (f"an anchor of this name is defined a second time here{first}; anchors ('&name') are not "
                f"used in level files: write the values out in full")
    out = problem + _syntax_hint(problem)
    if exc.context:
        where = ""
        if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            where = f" (line {exc.context_mark.line + 1})"
        out += f"; {clean_line(exc.context)}{where}"
    return out


def _refusal(message: str, path: Path) -> str:
    """A refusal from the bounded reader, without the path (the problem's own place names the file)."""
    name = files.shown(path)
    message = message[len(name) + 1:] if message.startswith(name + " ") else message
    return f"the file cannot be used: {message}"


def _syntax_hint(what: str) -> str:
    if "mapping values are not allowed" in what:
        return " (a ': ' inside a value? put the value in quotes)"
    if "found character '\\t'" in what or "tab" in what:
        return " (indent with spaces, not tabs)"
    if "could not find expected ':'" in what:
        return " (a key without ':'? or a value broken over lines that needs quotes or '>-')"
    return ""
