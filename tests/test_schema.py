"""`python -m game schema` writes JSON Schemas an editor can check level files against as the author types."""

import json
import subprocess
import sys

import pytest
import yaml

from game.content.level import resolved_files
from game.content.locate import list_levels
from game.content.schema import FILES, schemas
from tests.conftest import MINI, ROOT, write_docs_example

jsonschema = pytest.importorskip("jsonschema")


def kind_of(name: str) -> str:
    return "cards" if name == "cards.yaml" or name.startswith("cards/") else name.removesuffix(".yaml")


def check_folder(folder, found):
    for name, path in resolved_files(folder).items():
        schema = found[kind_of(name)]
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        errors = [f"{path}: {'/'.join(map(str, e.path))}: {e.message}"
                  for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
        assert not errors, errors[:5]


def test_every_shipped_level_and_the_guides_example_match_the_schema(tmp_path):
    found = schemas()
    assert set(found) == set(FILES)
    for schema in found.values():
        jsonschema.Draft202012Validator.check_schema(schema)
    for folder in [*list_levels(), MINI, write_docs_example(tmp_path)]:
        check_folder(folder, found)


def test_the_schema_catches_what_an_author_mistypes():
    cards = schemas()["cards"]
    card = {"id": "x", "title": "A title", "category": "street", "text": "Text.", "choices": [
        {"label": "One", "efects": {"money": 1}}, {"label": "Two"}],
        "source": {"label": "invented", "fact": "x"}}
    errors = list(jsonschema.Draft202012Validator(cards).iter_errors([card]))
    assert any("efects" in e.message for e in errors)
    card["choices"][0] = {"label": "y" * 60}
    assert any("too long" in e.message for e in jsonschema.Draft202012Validator(cards).iter_errors([card]))


def test_the_schema_command_writes_one_file_per_kind(tmp_path):
    out = subprocess.run([sys.executable, "-m", "game", "schema", "--out", str(tmp_path)], capture_output=True,
                         text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    written = sorted(p.name for p in tmp_path.glob("*.schema.json"))
    assert written == sorted(f"{k}.schema.json" for k in FILES)
    assert json.loads((tmp_path / "cards.schema.json").read_text())["$schema"].startswith("https://json-schema")
    assert "yaml.schemas" in out.stdout
