"""Shared fixtures. Tests never open a real window or sound device."""

import os
import re
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.content.level import load_level  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "levels" / "mini"
HARMONY = ROOT / "levels" / "harmony_city"


def write_docs_example(folder: Path) -> Path:
    """Write the complete example level from docs/authoring.md, file by file, into folder/merit_school."""
    doc = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    level = folder / "merit_school"
    for block in re.findall(r"```yaml\n(.*?)```", doc, re.S):
        name = re.match(r"# (\S+\.yaml)\n", block)
        if name:
            path = level / name.group(1)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(block, encoding="utf-8")
    return level


@pytest.fixture(scope="session")
def mini():
    return load_level(MINI)


@pytest.fixture(scope="session")
def harmony():
    return load_level(HARMONY)
