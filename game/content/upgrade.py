"""`python -m game upgrade LEVEL_DIR`: rewrite an older level's files in the current format, saying what changed.

The edits come from `game.content.formats` (the same the loader makes in memory when it reads an older
level); here they are written into the files' text at the lines the YAML reader found, so comments,
order and layout survive. Only the files in the level's own folder are changed: a level it extends is
upgraded on its own.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.content import formats
from game.content.files import MAX_YAML_BYTES, read_text
from game.content.level import STANDARD_FILES, shown_path
from game.content.yamlfile import LDict, read_yaml


@dataclass
class Upgrade:
    """What an upgrade found and did: the level's format before, and one line per change."""

    folder: Path
    version: int
    changes: list[str] = field(default_factory=list)

    @property
    def needed(self) -> bool:
        return self.version < formats.CURRENT["level"]


def _flow(value: Any) -> str:
    """A value as YAML on one line: mappings in braces, text in double quotes (JSON's quoting is YAML's)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str) and re.fullmatch(r"[a-z_]+", value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _span(lines: list[str], at: int) -> tuple[str, int, int]:
    """For the key on line index `at`: (its value written on that line, the index of the value's last
    line, the indentation of the lines under the key)."""
    line = lines[at]
    own = _indent(line)
    rest = line.split(":", 1)[1].strip() if ":" in line else ""
    end, child = at, own + 2
    for i in range(at + 1, len(lines)):
        text = lines[i]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if _indent(text) <= own:
            break
        if end == at:
            child = _indent(text)
        end = i
    return rest, end, child


def _apply(lines: list[str], parent: LDict, edit: formats.Edit) -> int:
    """Write one edit into a file's lines (a list changed in place); return how many lines it added."""
    before = len(lines)
    if edit.key not in parent:  # a new top-level key, written at the end of the file
        while lines and not lines[-1].strip():
            lines.pop()
        lines += [f"{edit.key}: {_flow(dict(edit.add))}", ""]
        return len(lines) - before
    at = parent.line_of(edit.key) - 1
    rest, end, child = _span(lines, at)
    pad = " " * child
    added = [f"{pad}{k}: {_flow(v)}" for k, v in edit.add]
    if edit.wrap and rest:
        lines[at] = lines[at].split(":", 1)[0] + ":"
        lines[at + 1:at + 1] = [f"{pad}{edit.wrap}: {rest}", *added]
    elif edit.wrap:
        body = ["  " + text if text.strip() else text for text in lines[at + 1:end + 1]]
        lines[at + 1:end + 1] = [f"{pad}{edit.wrap}:", *body, *added]
    elif rest.startswith("{") and rest.endswith("}"):
        inner = ", ".join(f"{k}: {_flow(v)}" for k, v in edit.add)
        head = lines[at][:lines[at].rindex("}")]
        lines[at] = f"{head}, {inner}}}" + lines[at][lines[at].rindex("}") + 1:]
    else:
        lines[end + 1:end + 1] = added
    return len(lines) - before


def upgrade_level(folder: Path, write: bool = True) -> Upgrade:
    """Bring a level folder's files to the current format (FormatError if it cannot be read as a level of a
    known format); with `write=False` only say what would change."""
    paths = {name: folder / name for name in STANDARD_FILES if (folder / name).is_file()}
    paths.update({p.relative_to(folder).as_posix(): p for p in sorted((folder / "cards").rglob("*.yaml"))})
    if (folder / "cards.yaml").is_file():
        paths["cards.yaml"] = folder / "cards.yaml"
    if "level.yaml" not in paths:
        raise formats.FormatError(f"{shown_path(folder)} has no level.yaml: it is not a level folder")
    parsed: dict[str, Any] = {}
    for name, path in paths.items():
        data, problems = read_yaml(path, shown_path(path))
        if problems and name in ("level.yaml", "rulebook.yaml"):
            raise formats.FormatError(f"{problems[0]}: fix this first (the upgrade needs to read the file)")
        parsed[name] = data
    head = parsed["level.yaml"]
    if not isinstance(head, LDict):
        raise formats.FormatError(f"{shown_path(paths['level.yaml'])}: level.yaml should be a mapping of fields")
    version, edits = formats.level_edits(parsed)
    result = Upgrade(folder, version)
    if not result.needed:
        return result
    texts = {name: read_text(path, MAX_YAML_BYTES).split("\n") for name, path in paths.items()}
    located = []
    for edit in edits:
        parent = parsed[edit.file]
        for key in edit.path:
            parent = parent[key]
        line = parent.line_of(edit.key) if edit.key in parent else len(texts[edit.file])
        located.append((edit, parent, line))
    grew = {}
    for n, (edit, parent, _line) in sorted(enumerate(located), key=lambda x: -x[1][2]):  # bottom up: lines stay put
        grew[n] = _apply(texts[edit.file], parent, edit)
    current = formats.CURRENT["level"]
    lines = texts["level.yaml"]
    if "format" in head:
        at = head.line_of("format") - 1
        lines[at] = f"format: {current}"
        result.changes.append(f"level.yaml:{at + 1}: format: {version} -> {current}")
    else:
        at = min(head.key_lines.values(), default=1) - 1
        lines.insert(at, f"format: {current}")
        result.changes.append(f"level.yaml:{at + 1}: format: {current} added (it had none: format {version})")
    shift = {edit.file: int(edit.file == "level.yaml" and "format" not in head) for edit in edits}
    for n, (edit, _parent, line) in sorted(enumerate(located), key=lambda x: (x[1][0].file, x[1][2])):
        result.changes.append(f"{edit.file}:{line + shift[edit.file]}: {edit.says}")
        shift[edit.file] += grew[n]
    if write:
        for name in {"level.yaml", *(edit.file for edit in edits)}:
            paths[name].write_text("\n".join(texts[name]), encoding="utf-8")
    return result
