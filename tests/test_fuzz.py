"""Saves, logs and levels mutated at random (seeded, bounded): the game never shows a traceback, it refuses
with a reason or carries on, and it never loses the file a player made."""

import json
import random
import re
import shutil
import subprocess
import sys
import time

import pytest

from game.play import yearlog
from game.play.session import SaveError, Session, unfinished
from game.report.export import level_finder
from tests.conftest import MINI, ROOT

RUNS = 40


def mutate_text(rnd: random.Random, text: str) -> str:
    """One of the edits a careless hand, a bad disk or an attacker makes."""
    kind = rnd.randrange(8)
    if not text:
        return "{"
    i = rnd.randrange(len(text))
    if kind == 0:
        return text[:i]  # cut short
    if kind == 1:
        return text[:i] + rnd.choice(["\x00", "\x1b[31m", "\u202e", "\ufeff", "\xff", "[" * 500, "-1", "1e400",
                                      "Infinity", "null", "true", '"', "}", ":", "&a", "*a", "!!bool x"]) + text[i:]
    if kind == 2:
        j = min(len(text), i + rnd.randrange(1, 40))
        return text[:i] + text[j:]  # a piece missing
    if kind == 3:
        return text[:i] + chr(rnd.randrange(32, 127)) + text[i + 1:]
    if kind == 4:
        lines = text.splitlines(keepends=True)
        rnd.shuffle(lines)
        return "".join(lines)
    if kind == 5:
        return text[:i] + text[i:i + 200] * rnd.randrange(2, 5) + text[i + 200:]
    if kind == 6:
        return text.replace("0", str(rnd.choice([-1, 3, 99, 10**30])), 1)
    return text.upper()


def mutate_json(rnd: random.Random, data):
    """Change one value somewhere in a JSON document to another type or range."""
    def walk(node, depth=0):
        if isinstance(node, dict) and node and depth < 6:
            key = rnd.choice(list(node))
            if rnd.random() < 0.3:
                node[key] = rnd.choice([None, [], {}, "x", -1, 3, 10**20, 1.5, True, "../../etc", "a\nb"])
            elif rnd.random() < 0.1:
                del node[key]
            else:
                walk(node[key], depth + 1)
        elif isinstance(node, list) and node and depth < 6:
            i = rnd.randrange(len(node))
            if rnd.random() < 0.4:
                node[i] = rnd.choice([None, -1, 2, 7, "1", [], {}])
            else:
                walk(node[i], depth + 1)
    walk(data)
    return data


@pytest.fixture(scope="module")
def originals(tmp_path_factory, mini):
    root = tmp_path_factory.mktemp("fuzz")
    s = Session.new(mini, root / "d", "FUZZ", list(mini.characters)[0], list(mini.values)[:3])
    s.choose(0)
    save = s.path.read_text()
    while not s.state.over:
        s.choose(1)
    return {"save": save, "log": s.log_path.read_text()}


def test_mutated_saves_are_continued_or_kept_aside_never_lost_never_a_crash(originals, tmp_path, mini):
    rnd = random.Random(8)
    for n in range(RUNS):
        data = tmp_path / f"d{n}"
        (data / "saves").mkdir(parents=True)
        text = mutate_text(rnd, originals["save"]) if n % 2 else json.dumps(
            mutate_json(rnd, json.loads(originals["save"])))
        (data / "saves" / "year.json").write_bytes(text.encode("utf-8", "surrogatepass"))
        years, notes = unfinished(data, mini.id)
        kept = list((data / "saves").rglob("*.json"))
        assert len(kept) == 1 and kept[0].read_bytes() == text.encode("utf-8", "surrogatepass"), n
        assert len(years) + len(notes) == 1 and all("\n" not in x for x in notes)
        for saved in years:
            try:
                Session.open(mini, data, saved)
            except SaveError as exc:  # it no longer replays: moved aside, with the reason
                assert "kept as" in str(exc) and len(list((data / "saves").rglob("*.json"))) == 1


def test_mutated_logs_are_refused_with_a_reason_or_replay_to_the_same_year(originals, tmp_path, mini):
    rnd = random.Random(9)
    find = level_finder(mini)
    genuine = json.loads(originals["log"])
    for n in range(RUNS):
        text = mutate_text(rnd, originals["log"]) if n % 2 else json.dumps(mutate_json(rnd, json.loads(
            originals["log"])))
        path = tmp_path / f"log{n}.json"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            year = yearlog.load(path, find)
        except yearlog.LogProblem as exc:
            assert str(exc) and "\n" not in str(exc) and exc.kind
            continue
        assert year.log == genuine["log"] or json.loads(json.dumps(year.log)) == genuine["log"]


LEVEL_MUTANTS = 300
ODD_NUMBERS = ["0x" + "f" * 60, "1:30", "1:0:0:0:0", "010", "0b101", "1_000", ".nan", ".inf", "-.inf", "1e400",
               "9" * 40, "-" + "9" * 31, "+7", "0o17", "1:30.5", "!!int 1:0", "!!float x", "!!int 0x" + "f" * 40]
ODD_TAGS = ["&a 3", "*a", "!!python/name:os.system", "!!binary aGk=", "!!set {a}", "2001-12-14", "!!timestamp x",
            "[" * 60, "- " * 60 + "x", "{a: " * 50, "? [a]", "!!omap [a: 1]", "yes", "no", "~", "'\u202e'"]


def _paths(node, path=()):
    """Every place in a parsed YAML document, with the value there."""
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*path, i))


def _put(doc, path, value):
    if not path:
        return value
    node = doc
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return doc


def _nested(depth: int, leaf):
    for _ in range(depth):
        leaf = [leaf] if depth % 2 else {"a": leaf}
    return leaf


def _dump(doc) -> str:
    import yaml

    return yaml.dump(doc, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)


def mutate_level(rnd: random.Random, texts: dict, docs: dict, ids: list) -> tuple[str, str]:
    """(file, new text): one change an author, a careless tool or an attacker makes to one level file."""
    import copy

    name = rnd.choice(sorted(texts))
    text = texts[name]
    kind = rnd.randrange(10)
    if kind == 0:  # an odd or huge number where a number stood
        numbers = list(re.finditer(r"(?<=[:\[, ] )-?\d+(\.\d+)?(?=[,}\]\n])", text))
        if numbers:
            m = rnd.choice(numbers)
            return name, text[:m.start()] + rnd.choice(ODD_NUMBERS) + text[m.end():]
    if kind == 1:  # a tag, an alias, a date, a deep nest or a YAML 1.1 word where a value stood
        values = list(re.finditer(r"(?<=: )[^\n{}\[\],]+(?=\n)", text))
        if values:
            m = rnd.choice(values)
            return name, text[:m.start()] + rnd.choice(ODD_TAGS) + text[m.end():]
    doc = copy.deepcopy(docs[name])
    places = list(_paths(doc))
    path, old = rnd.choice(places)
    if kind == 2:  # another type
        new = rnd.choice([None, True, "text", "", 3, -1, 0, 1.5, [], {}, [1, 2], {"a": 1}, "x" * 3000])
    elif kind == 3:  # a huge number
        new = rnd.choice([10**40, -(10**40), 10**18, -(10**18), 1e300, -1e300, 2**63])
    elif kind == 4:  # nested deep
        new = _nested(rnd.choice([5, 30, 45, 200]), old)
    elif kind == 5:  # a dangling reference, or an id of the wrong kind
        new = rnd.choice(["no_such_id", rnd.choice(ids), "A", "Z", "self"])
    elif kind == 6:  # a cycle: a card that follows itself, a level that extends itself or the other one
        cards = [(p, v) for p, v in places if isinstance(v, dict) and "choices" in v and "id" in v]
        if name.startswith("cards") and cards:
            _cpath, card = rnd.choice(cards)
            card["choices"][0]["follow_up"] = rnd.choice([card["id"], rnd.choice(ids)])
            return name, _dump(doc)
        if name == "level.yaml":
            doc["extends"] = rnd.choice(["mini", "constructs", doc.get("id", "x")])
            return name, _dump(doc)
        new = old
    elif kind == 7 and isinstance(old, (dict, list)) and old:  # a part missing
        if isinstance(old, dict):
            del old[rnd.choice(list(old))]
        else:
            del old[rnd.randrange(len(old))]
        new = old
    elif kind == 8 and isinstance(old, list) and old:  # an item twice (a duplicate id, a repeated act)
        old.append(old[rnd.randrange(len(old))])
        new = old
    else:  # a small change that often keeps the level playable
        if isinstance(old, bool) or not isinstance(old, (int, float)):
            new = old
        else:
            new = rnd.randint(-3, 3) if isinstance(old, int) else round(rnd.random(), 2)
    doc = _put(doc, path, new)
    return name, _dump(doc)


@pytest.fixture(scope="module")
def level_mutants(tmp_path_factory):
    """LEVEL_MUTANTS mutated small test levels, each checked, and played for one short year when it loads:
    (problems lines of every mutant refused, how many played)."""
    import yaml

    from game.content.level import check_level
    from game.core import bots, engine
    from game.core import rng as gen

    rnd = random.Random(25)
    root = tmp_path_factory.mktemp("levels")
    bases, docs = {}, {}
    for base in ("mini", "constructs"):
        shutil.copytree(ROOT / "tests" / "levels" / base, root / base)
        texts = {p.relative_to(root / base).as_posix(): p.read_text() for p in (root / base).rglob("*.yaml")}
        bases[base] = texts
        docs[base] = {rel: yaml.load(text, Loader=yaml.CSafeLoader) for rel, text in texts.items()}
    ids = sorted({m for texts in bases.values() for t in texts.values() for m in re.findall(r"\b[a-z][a-z_]{2,}\b",
                                                                                          t)})
    refused, played, slow = [], 0, []
    for n in range(LEVEL_MUTANTS):
        base = "mini" if n % 3 else "constructs"
        texts = bases[base]
        rel, text = mutate_level(rnd, texts, docs[base], ids)
        (root / base / rel).write_bytes(text.encode("utf-8", "surrogatepass"))
        start = time.monotonic()
        level, problems, _warnings = check_level(root / base)
        if problems:
            assert level is None, n
            refused.append([str(p) for p in problems])
        else:
            seed = f"FUZZ-{n}"
            state = bots.play_year(level, seed, list(level.characters)[0], list(level.values)[:3],
                                   bots.POLICIES[n % len(bots.POLICIES)], gen.seed_state(seed),
                                   months=min(2, level.months))[1]
            assert isinstance(state, engine.State) and state.over, n
            played += 1
        slow.append((time.monotonic() - start, n))
        (root / base / rel).write_text(texts[rel])  # as it was, for the next mutant
    return refused, played, max(slow)


def test_level_mutants_each_give_clean_problems_or_load_and_play_a_short_year(level_mutants):
    refused, played, (slowest, n) = level_mutants
    assert len(refused) + played == LEVEL_MUTANTS
    assert played >= 20 and len(refused) >= 150  # both ways out are taken, often
    for lines in refused:
        assert lines and all("\n" not in x and "\x1b" not in x and "\u2028" not in x and len(x) < 700 for x in lines)
        assert len(lines) <= 60, lines[:3]  # one change, a bounded list: no cascade of hundreds
    assert slowest < 1.0, f"mutant {n} took {slowest:.2f} s"


def test_the_command_line_refuses_mutated_files_with_status_1_and_no_traceback(originals, tmp_path):
    rnd = random.Random(11)
    for n in range(2):
        path = tmp_path / f"log{n}.json"
        path.write_text(mutate_text(rnd, originals["log"]))
        out = subprocess.run([sys.executable, "-m", "game", "export", str(path), "--out", str(tmp_path / f"o{n}"),
                              "--levels", str(MINI.parent)], capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert out.returncode in (0, 1) and "Traceback" not in out.stderr, out.stderr
