"""Saves, logs and levels mutated at random (seeded, bounded): the game never shows a traceback, it refuses
with a reason or carries on, and it never loses the file a player made."""

import json
import random
import shutil
import subprocess
import sys

import pytest

from game.content.level import ContentError, load_level
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


def test_mutated_levels_give_located_problems_or_load(tmp_path):
    rnd = random.Random(10)
    files = sorted(p.relative_to(MINI) for p in MINI.rglob("*.yaml"))
    for n in range(RUNS):
        folder = tmp_path / f"l{n}" / "mini"
        shutil.copytree(MINI, folder)
        target = folder / rnd.choice(files)
        target.write_bytes(mutate_text(rnd, target.read_text()).encode("utf-8", "surrogatepass"))
        try:
            load_level(folder)
        except ContentError as exc:
            assert exc.problems and all("\n" not in str(p) and "\x1b" not in str(p) for p in exc.problems)


def test_the_command_line_refuses_mutated_files_with_status_1_and_no_traceback(originals, tmp_path):
    rnd = random.Random(11)
    for n in range(4):
        path = tmp_path / f"log{n}.json"
        path.write_text(mutate_text(rnd, originals["log"]))
        out = subprocess.run([sys.executable, "-m", "game", "export", str(path), "--out", str(tmp_path / f"o{n}"),
                              "--levels", str(MINI.parent)], capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert out.returncode in (0, 1) and "Traceback" not in out.stderr, out.stderr
