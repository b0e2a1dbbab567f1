"""Every figure of the README and docs/teachers.md that the game computes is made by a command shown
beside it (`python -m game figures`); this remakes them all, once, and fails when a doc says otherwise."""

import re
import shutil

import pytest

from game.content.level import load_level
from game.text import figures
from tests.conftest import HARMONY, ROOT

pytestmark = pytest.mark.xdist_group("doc_figures")  # one worker remakes the figures once for both tests


@pytest.fixture(scope="module")
def made(harmony):
    control = load_level(HARMONY.parent / harmony.control)
    return figures.Figures(harmony, {control.id: control})


def test_every_figure_in_the_docs_is_what_its_command_makes(made):
    drift = figures.check(ROOT, made)
    assert not drift, "\n".join(f"{doc}: figure '{name}' says {said!r}, its command makes {new!r}; "
                                f"run `python -m game figures --write` in the project folder"
                                for doc, name, said, new in drift)
    marked = {m.group(2) for doc in figures.DOCS for m in figures.MARK.finditer((ROOT / doc).read_text("utf-8"))}
    assert marked == set(figures.FIGURES), set(figures.FIGURES) ^ marked


def test_a_figure_edited_by_hand_is_caught(made, tmp_path):
    for doc in figures.DOCS:
        (tmp_path / doc).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / doc, tmp_path / doc)
    readme = tmp_path / "README.md"
    readme.write_text(re.sub(r"-->\d+ cards", "-->1 cards", readme.read_text("utf-8"), count=1), encoding="utf-8")
    drift = figures.check(tmp_path, made, {"cards"})
    assert [(doc, name) for doc, name, _said, _new in drift] == [("README.md", "cards")]
    assert figures.write(tmp_path, made) == ["README.md"]
    assert figures.check(tmp_path, made) == []
