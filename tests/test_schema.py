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


def test_every_field_has_hover_help_and_icons_are_a_list():
    found = schemas()
    missing = []

    def walk(node, path):
        if isinstance(node, dict):
            for key, prop in node.get("properties", {}).items():
                if "description" not in prop and "/if" not in path:
                    missing.append(f"{path}/{key}")
            for key, value in node.items():
                walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for value in node:
                walk(value, path)

    for kind, schema in found.items():
        walk(schema, kind)
    assert not missing, missing
    icon = found["level"]["properties"]["meters"]["additionalProperties"]["properties"]["icon"]
    assert "car" in icon["enum"] and "gavel" in icon["enum"]
    assert "cards/**/*.yaml" in FILES["cards"] and "cards.yaml" in FILES["cards"]


# --- the schema and the validator reject the same mutants -------------------------------------

MUTANT_LEVELS = ("rideshare", "rideshare_no_rating")
N_MUTANTS = 200


def _schema_at(schema, value):
    """The branch of an anyOf that fits a value's shape (a detect chance or a map, a rule's forms...)."""
    if "anyOf" not in schema:
        return schema
    kind = "object" if isinstance(value, dict) else "array" if isinstance(value, list) else None
    for branch in schema["anyOf"]:
        if branch.get("type") == kind or (kind is None and branch.get("type") not in ("object", "array")):
            return branch
    return schema["anyOf"][0]


def _nodes(value, schema, path=()):
    """Every (path, value, schema) in a file, the schema found beside each value."""
    schema = _schema_at(schema, value)
    yield path, value, schema
    if isinstance(value, dict):
        for key, item in value.items():
            sub = schema.get("properties", {}).get(key) or schema.get("additionalProperties")
            if isinstance(sub, dict):
                yield from _nodes(item, sub, (*path, key))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(value):
            yield from _nodes(item, schema["items"], (*path, i))


def _mutate(data, nodes, rng):
    """One deterministic mutation a schema can judge: a required field dropped, an unknown field added, a
    value of the wrong kind, a number or a text past its limit, or a text rewritten within its limit
    (which both must accept). The file is copied only along the path to the change."""
    while True:
        path, value, sub = rng.choice(nodes)
        moves = []
        if isinstance(value, dict) and sub.get("additionalProperties") is False:
            moves.append("unknown_field")
            if [k for k in sub.get("required", ()) if k in value]:
                moves.append("drop_required")
        if isinstance(value, str) and "maxLength" in sub:
            moves += ["too_long", "rewrite", "to_number"]
        if isinstance(value, int) and not isinstance(value, bool) and "maximum" in sub:
            moves += ["too_big", "to_text"]
        if isinstance(value, float):
            moves += ["too_big", "to_text"]
        if isinstance(value, bool):
            moves.append("to_text")
        if isinstance(value, list) and sub.get("minItems"):
            moves.append("to_text")
        if not moves or not path:
            continue
        move = rng.choice(moves)
        out = parent = _copy(data)
        for key in path[:-1]:
            parent[key] = _copy(parent[key])
            parent = parent[key]
        last = path[-1]
        if move == "unknown_field":
            parent[last] = {**value, "colour_scheme": "blue"}
        elif move == "drop_required":
            gone = rng.choice([k for k in sub["required"] if k in value])
            parent[last] = {k: v for k, v in value.items() if k != gone}
        elif move == "too_long":
            parent[last] = "Word " * (sub["maxLength"] // 5 + 2)
        elif move == "rewrite":
            parent[last] = "Changed"
        elif move == "to_number":
            parent[last] = 12345
        elif move == "too_big":
            parent[last] = (sub["maximum"] + 1) if isinstance(value, int) else 5.0
        else:
            parent[last] = "a few words"
        return f"{move} at {'/'.join(map(str, path))}", out


def _copy(node):
    return dict(node) if isinstance(node, dict) else list(node)


@pytest.fixture(scope="module")
def mutants(tmp_path_factory):
    """200 mutants of shipped levels' files, each as (level folder, file name, what changed, data)."""
    import random
    import shutil

    rng = random.Random(24)
    root = tmp_path_factory.mktemp("mutants")
    shutil.copytree(ROOT / "levels", root, dirs_exist_ok=True)  # with the siblings their `control` names
    found = schemas()
    files = {}
    for name in MUTANT_LEVELS:
        for path in sorted((root / name).rglob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            files[(root / name, path.relative_to(root / name).as_posix())] = (data, list(_nodes(
                data, found[kind_of(path.name if path.parent == root / name else "cards/x")])))
    keys = list(files)
    out = []
    for _ in range(N_MUTANTS):
        folder, name = rng.choice(keys)
        data, nodes = files[(folder, name)]
        what, mutant = _mutate(data, nodes, rng)
        out.append((folder, name, what, mutant))
    return out


def test_the_schema_and_the_validator_reject_the_same_mutants(mutants, monkeypatch, tmp_path):
    from game.content import level as level_module

    parsed, real, target = {}, level_module.read_yaml, tmp_path / "mutant.yaml"
    mutated = [None]

    def read(path, shown):  # the files a mutant leaves alone are read once, not 200 times
        if path == mutated[0]:
            return real(target, shown)
        if path not in parsed:
            parsed[path] = real(path, shown)
        return parsed[path]

    monkeypatch.setattr(level_module, "read_yaml", read)
    monkeypatch.setattr(level_module, "content_hash", lambda *args: "mutant")  # a fingerprint, not a check
    validators = {kind: jsonschema.Draft202012Validator(schema) for kind, schema in schemas().items()}
    disagree, rejected = [], 0
    for folder, name, what, mutant in mutants:
        target.write_text(json.dumps(mutant), encoding="utf-8")  # JSON is YAML, and quick to write
        mutated[0] = folder / name
        _level, problems, _warnings = level_module.check_level(folder)
        by_schema = next(validators[kind_of(name)].iter_errors(mutant), None)
        if bool(problems) != (by_schema is not None):
            disagree.append(f"{folder.name}/{name}: {what}: validator {problems[:1]}, schema "
                            f"{by_schema.message[:80] if by_schema else None}")
        rejected += bool(problems)
    assert len(mutants) == N_MUTANTS
    assert not disagree, disagree[:5]
    assert N_MUTANTS * 0.5 < rejected < N_MUTANTS, "the mutants hold both kinds: ones to refuse and ones to accept"
