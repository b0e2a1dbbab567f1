"""A shared computer never loses a year: every unfinished year has its own save, a broken one is kept aside
with its reason, and the hint to continue names the level and pastes as printed."""

import json
import os
import shlex
import subprocess
import sys

import pytest

from game.play import saves
from game.play.session import Session, unfinished
from tests.conftest import MINI, ROOT


def run(args, answers, data_dir, env=None, timeout=60):
    return subprocess.run([sys.executable, "-m", "game", "play", "--text", "--data-dir", str(data_dir), *args],
                          input=answers, capture_output=True, text=True, cwd=ROOT, timeout=timeout, env=env)


def saved_seeds(data_dir):
    return sorted(json.loads(p.read_text())["seed"] for p in (data_dir / "saves").glob("*.json"))


def test_playing_another_level_keeps_the_unfinished_rideshare_year_and_says_how_to_continue_it(tmp_path):
    first = run(["--level", "rideshare", "--seed", "R1", "--new"], "1\n1\n1\n1\n1\n", tmp_path)
    assert "--level rideshare" in first.stdout  # the hint names the level
    second = run([], "1\n" * 30, tmp_path)  # no --level: Harmony City
    assert "An unfinished year in the level 'rideshare' is kept" in second.stdout
    assert "R1" in saved_seeds(tmp_path)


def test_new_keeps_the_other_years_of_the_same_level(tmp_path):
    run(["--level", str(MINI), "--seed", "AAA", "--new"], "1\n1\n1\n1\n1\n", tmp_path)
    run(["--level", str(MINI), "--seed", "BBB", "--new"], "1\n1\n1\n1\n1\n", tmp_path)
    assert saved_seeds(tmp_path) == ["AAA", "BBB"]


def test_with_two_unfinished_years_the_player_is_asked_which_to_continue(tmp_path):
    run(["--level", str(MINI), "--seed", "AAA", "--new"], "1\n1\n1\n1\n1\n", tmp_path)
    run(["--level", str(MINI), "--seed", "BBB", "--new"], "1\n1\n1\n1\n1\n", tmp_path)
    out = run(["--level", str(MINI)], "3\n" + "1\n" * 60, tmp_path)  # 3 = start a new year
    assert "Unfinished years of this level" in out.stdout and "Start a new year" in out.stdout
    assert saved_seeds(tmp_path) == ["AAA", "BBB"]  # the new year finished; both others kept


def test_the_resume_hint_quotes_a_data_folder_with_spaces_so_it_pastes(tmp_path):
    data = tmp_path / "my saves; here"
    out = run(["--level", str(MINI), "--seed", "Q", "--new"], "1\n1\n1\n1\nq\n", data)
    command = next(x for x in out.stdout.splitlines() if "python -m game play" in x)
    assert shlex.split(command)[-2:] == ["--data-dir", str(data)]


@pytest.mark.parametrize("content", ["[]", "null", "1", '"x"', "true", '{"format": 1, "level": null}',
                                     '{"format": 1, "level": "../../etc", "seed": "A"}',
                                     '{"format": 1, "choices": [1e400]}', '{"format": 1, "choices": [Infinity]}',
                                     "[" * 100_000, "", "\x00\xff"])
def test_a_damaged_save_is_kept_aside_with_its_reason_and_a_new_year_starts(tmp_path, content):
    (tmp_path / "saves").mkdir()
    (tmp_path / "saves" / "old.json").write_text(content, encoding="utf-8", errors="surrogateescape")
    out = run(["--level", str(MINI), "--seed", "2"], "1\n" * 60, tmp_path)
    assert out.returncode == 0 and "Traceback" not in out.stderr and "THE YEAR IS OVER" in out.stdout
    said = " ".join(out.stdout.split())
    assert "cannot be used" in said and "kept as saves/aside/old.broken-" in said
    kept = list((tmp_path / "saves" / "aside").glob("old.broken-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == content.encode("utf-8", "surrogateescape")
    assert kept[0].with_suffix(".why.txt").read_text().strip()


def test_a_save_that_is_a_folder_or_a_link_to_a_device_is_refused_without_hanging(tmp_path):
    (tmp_path / "saves" / "dir.json").mkdir(parents=True)
    os.symlink("/dev/zero", tmp_path / "saves" / "zero.json")
    os.mkfifo(tmp_path / "saves" / "fifo.json")
    out = run(["--level", str(MINI), "--seed", "2"], "1\n" * 60, tmp_path, timeout=15)
    assert out.returncode == 0 and "Traceback" not in out.stderr
    said = " ".join(out.stdout.split())
    assert "is a folder" in said and "not a plain file" in said


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_a_broken_save_in_a_read_only_folder_is_left_in_place_with_a_message(tmp_path):
    (tmp_path / "saves").mkdir()
    (tmp_path / "saves" / "old.json").write_text("[]")
    os.chmod(tmp_path / "saves", 0o555)
    try:
        years, notes = unfinished(tmp_path)
    finally:
        os.chmod(tmp_path / "saves", 0o755)
    assert years == [] and "left where it is" in notes[0]


def test_leftover_temporary_files_are_cleaned_on_the_next_start(tmp_path, mini):
    (tmp_path / "saves").mkdir()
    (tmp_path / "saves" / ".x.json.abc.tmp").write_text("{")
    (tmp_path / ".autosave.json.abc.tmp").write_text("{")
    unfinished(tmp_path)
    assert not list(tmp_path.rglob("*.tmp"))


def test_an_older_single_autosave_is_adopted_as_one_of_the_kept_years(tmp_path, mini):
    session = Session.new(mini, tmp_path / "other", "OLD", list(mini.characters)[0], list(mini.values)[:3])
    session.choose(0)
    (tmp_path / "autosave.json").write_text(session.path.read_text())
    years, notes = unfinished(tmp_path, mini.id)
    assert notes == [] and [y.seed for y in years] == ["OLD"] and not (tmp_path / "autosave.json").exists()
    assert Session.open(mini, tmp_path, years[0]).state.choices == [0]


def test_a_finished_year_removes_only_its_own_save(tmp_path, mini):
    chars, values = list(mini.characters), list(mini.values)[:3]
    a = Session.new(mini, tmp_path, "A", chars[0], values)
    b = Session.new(mini, tmp_path, "B", chars[0], values)
    while not b.state.over:
        b.choose(0)
    assert b.log_path.exists() and a.path.exists() and not b.path.exists()


def test_a_data_dir_works_without_a_home_folder(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_DATA_HOME", "MODEL_CITIZEN_DATA")}
    code = "import pathlib; pathlib.Path.home = lambda: (_ for _ in ()).throw(RuntimeError('no home'));" \
           "import sys; from game.cli import main; sys.exit(main(sys.argv[1:]))"
    out = subprocess.run([sys.executable, "-c", code, "play", "--text", "--level", str(MINI), "--seed", "1",
                          "--data-dir", str(tmp_path)], input="1\n" * 60, capture_output=True, text=True,
                         cwd=ROOT, env=env, timeout=60)
    assert out.returncode == 0 and "THE YEAR IS OVER" in out.stdout, out.stderr
    nohome = subprocess.run([sys.executable, "-c", code, "play", "--text"], input="", capture_output=True,
                            text=True, cwd=ROOT, env=env, timeout=60)
    assert nohome.returncode == 1 and "--data-dir" in nohome.stderr and "Traceback" not in nohome.stderr


def test_a_save_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    path = tmp_path / "saves" / "x.json"
    saves.write_json_atomic(path, {"a": 1})

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        saves.write_json_atomic(path, {"a": 2})
    assert json.loads(path.read_text()) == {"a": 1} and not list(tmp_path.rglob("*.tmp"))
