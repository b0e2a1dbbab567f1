"""Handing in a code: 24 students paste their game codes into one shared document, and the class report
reads it as it reads their log files; every odd hand-in is named as a teacher would name it."""

import json
import re
import shutil

import pytest

from game.core import bots, engine, rng
from game.play import saves, seeds, yearlog
from game.report import classreport
from game.report.export import level_finder

SEED = "10C-6M"
NAMES = ["Ann", "Ben", "Cleo", "Dev", "Ema", "Finn", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lena", "Mo", "Nia",
         "Oli", "Pia", "Quin", "Rosa", "Sam", "Tia", "Uma", "Vic", "Wes", "Zoe"]


def _year(level, seed, n, stop_at=None):
    """Student n's year: a character, values and a bot's way of choosing of their own; stopped early if asked."""
    people, values = list(level.characters), list(level.values)
    state = seeds.new_year(level, seed, people[n % len(people)], [values[(n + k) % len(values)] for k in range(3)])
    bot = rng.seed_state(f"student-{n}")
    while not state.over:
        if stop_at is not None and len(state.choices) == stop_at:
            state = engine.apply(level, state, engine.END_NOW)
            continue
        bot, pick = bots.choose(bots.POLICIES[n % len(bots.POLICIES)], engine.pending(level, state), bot, level,
                                state)
        state = engine.apply(level, state, pick)
    return state


def _answers(level, state, n):
    keys = ("points", "values", "goal", "other")
    return [{"step": s, "answer": keys[(n + i) % 4]} for i, s in enumerate(yearlog.question_steps(level, state.log))
            if (n + i) % 5]  # some questions skipped


def _log(folder, level, state, answers=None):
    extra = {"answers": answers} if answers is not None else None
    return saves.write_log(folder, engine.record(state, level), state.log, extra)


@pytest.fixture(scope="module")
def hand_in(tmp_path_factory, harmony):
    root = tmp_path_factory.mktemp("handin")
    logs, lines = [], ["Name\tGame code"]
    for n in range(24):
        state = _year(harmony, SEED, n, stop_at=3 if n in (5, 11, 17) else None)
        answers = _answers(harmony, state, n)
        logs.append(_log(root / f"pc{n}", harmony, state, answers))
        code = yearlog.code_of(harmony, state, answers)
        assert code.count(":") == 5 or not answers
        if n % 6 == 1:  # read aloud, typed by hand: small letters, spaces after the colons
            code = code.lower().replace(":", ": ")
        elif n % 6 == 2:  # a name glued on, and the letter O for the digit 0
            code = NAMES[n] + ":" + code.replace("0", "O")
        lines.append(f"{NAMES[n]} {n + 1}\t{code}" if n % 6 != 2 else code)
    good = yearlog.code_of(harmony, _year(harmony, SEED, 30))
    typo = good[:-5] + ("X" if good[-5] != "X" else "Y") + good[-4:]
    lines += ["", f"Yara (late)\t{typo}", "see you tomorrow: 10:30 in room 4"]
    (root / "codes.txt").write_text("\n".join(lines) + "\n")
    from_codes = classreport.write_report([root / "codes.txt"], root / "out-codes")
    from_logs = classreport.write_report(logs, root / "out-logs")
    return {"root": root, "logs": logs, "codes": root / "codes.txt", "lines": lines, "from_codes": from_codes,
            "from_logs": from_logs}


def _page(out, name="class.md"):
    """The projected page without its files-not-counted section (a list of codes has a typo line more)."""
    return (out / name).read_text().split("Files not counted")[0]


def test_codes_pasted_into_one_document_give_the_same_report_as_the_students_log_files(hand_in):
    from_codes, from_logs = hand_in["from_codes"], hand_in["from_logs"]
    assert len(from_codes.years) == len(from_logs.years) == 24
    assert _page(hand_in["root"] / "out-codes") == _page(hand_in["root"] / "out-logs")
    assert _page(hand_in["root"] / "out-codes", "class.html") == _page(hand_in["root"] / "out-logs", "class.html")
    said = from_codes.skipped
    assert len(said) == 1 and "codes.txt, line 27" in said[0] and "typo" in said[0], said


def test_the_answers_ride_in_the_code(hand_in, harmony):
    counted = [e.year for e in hand_in["from_codes"].entries if e.counted]
    for n, year in enumerate(counted):
        assert year.data["answers"] == _answers(harmony, year.state, n)


def test_no_name_from_the_list_reaches_any_page(hand_in):
    out = hand_in["root"] / "out-codes"
    for page in ("class.md", "class.html", "teacher.md", "teacher.html"):
        text = (out / page).read_text()
        assert not [name for name in NAMES + ["Yara", "tomorrow"] if re.search(rf"\b{name}\b", text)], page


# --- each odd hand-in, named as a teacher would name it -------------------------------------------------------


@pytest.fixture(scope="module")
def odd(tmp_path_factory, harmony):
    """Four years of the class, and one odd file each."""
    root = tmp_path_factory.mktemp("odd")
    base = [_log(root / f"s{n}", harmony, _year(harmony, SEED, n)) for n in range(4)]
    return {"root": root, "base": base}


def _verdict(odd, path, level_id=None, count_up=False):
    report = classreport.choose_class(classreport.gather(odd["base"] + [path], level_finder()), level_id,
                                      count_up=count_up)
    entry = next(e for e in report.entries if e.path == path)
    return entry, report


def test_another_seed_is_named_another_seed(odd, harmony):
    entry, _ = _verdict(odd, _log(odd["root"] / "x1", harmony, _year(harmony, "OTHER-6M", 1)))
    assert entry.kind == classreport.OTHER_SEED and "OTHER-6M" in entry.why and "typo" in entry.why


def test_another_length_is_named_another_length(odd, harmony):
    entry, _ = _verdict(odd, _log(odd["root"] / "x2", harmony, _year(harmony, "10C-4M", 1)))
    assert entry.kind == classreport.OTHER_LENGTH and "4 months" in entry.why and "played 6" in entry.why


def test_a_split_class_code_in_a_plain_class_is_another_class(odd, harmony):
    entry, _ = _verdict(odd, _log(odd["root"] / "x3", harmony, _year(harmony, "10C-SPLIT-6M", 1)))
    assert entry.kind == classreport.OTHER_CLASS and "split" in entry.why


def test_a_year_of_another_seed_in_a_split_class_is_not_called_another_level(tmp_path, harmony):
    from game.content.level import load_level
    from tests.conftest import ROOT

    control = load_level(ROOT / "levels" / "harmony_city_no_score")
    paths = [_log(tmp_path / f"c{n}", control, _year(control, "10C-SPLIT-6M", n)) for n in range(3)]
    paths.append(_log(tmp_path / "s", harmony, _year(harmony, "10C-SPLIT-6M", 1)))
    paths.append(_log(tmp_path / "o", harmony, _year(harmony, "11D-SPLIT-6M", 1)))
    report = classreport.choose_class(classreport.gather(paths, level_finder()), count_up=False)
    entry = report.entries[-1]
    assert entry.kind == classreport.OTHER_SEED and "level" not in entry.why, entry.why


def test_a_save_is_an_unfinished_year_to_continue(odd, harmony):
    path = odd["root"] / "save.json"
    state = seeds.new_year(harmony, SEED, list(harmony.characters)[0], list(harmony.values)[:3])
    saves.save_game(path, engine.record(state, harmony))
    entry, _ = _verdict(odd, path)
    assert entry.kind == yearlog.UNFINISHED and "continues it to the end" in entry.why


def test_a_year_ended_early_is_counted_and_counted_apart(odd, harmony):
    path = _log(odd["root"] / "x4", harmony, _year(harmony, SEED, 9, stop_at=2))
    entry, report = _verdict(odd, path, count_up=True)
    assert entry.counted and "ended the year early" in classreport._status(entry)
    assert report.summary["stopped"] == 1


def test_an_altered_file_is_named_altered(odd):
    data = json.loads(odd["base"][0].read_text())
    data["log"][-1]["grade"] = "A" if data["log"][-1].get("grade") != "A" else "B"
    path = odd["root"] / "altered.json"
    path.write_text(json.dumps(data))
    entry, _ = _verdict(odd, path)
    assert entry.kind == yearlog.ALTERED and "altered" in entry.why


def test_a_copied_file_is_counted_once_and_nobody_is_blamed(odd):
    path = odd["root"] / "copy.json"
    shutil.copy(odd["base"][2], path)
    entry, report = _verdict(odd, path)
    assert entry.kind == classreport.DUPLICATE and "byte for byte" in entry.why and "counted once" in entry.why
    first = next(e for e in report.entries if e.path == odd["base"][2])
    assert first.counted and "cop" not in classreport._status(first)


def test_the_same_choices_in_two_files_are_both_counted_without_blame(odd, harmony):
    twin = _log(odd["root"] / "twin", harmony, _year(harmony, SEED, 1), answers=[])  # other bytes, same year
    entry, report = _verdict(odd, twin)
    assert entry.counted and len(report.years) == 5
    assert "the same choices as" in classreport._status(entry) and "not a sign of copying" in classreport._status(entry)


def test_a_damaged_file_says_so_without_the_parser_s_words(odd):
    path = odd["root"] / "cut.json"
    path.write_text(odd["base"][0].read_text()[:500])
    entry, _ = _verdict(odd, path)
    assert "damaged or cut short" in entry.why and "char" not in entry.why and "Unterminated" not in entry.why


def test_a_changed_first_event_is_not_called_event_1(odd):
    data = json.loads(odd["base"][1].read_text())
    data["log"][0]["character"] = "someone"
    path = odd["root"] / "start.json"
    path.write_text(json.dumps(data))
    entry, _ = _verdict(odd, path)
    assert entry.kind == yearlog.ALTERED and "event 1" not in entry.why and "start of the year" in entry.why


def test_a_text_file_with_no_code_says_what_a_code_looks_like(odd):
    path = odd["root"] / "notes.txt"
    path.write_text("my notes about the game\n")
    entry, _ = _verdict(odd, path)
    assert entry.kind == classreport.NO_CODE and re.search(r"harmony_city:SEED", entry.why)


def test_every_student_code_of_a_crossover_class_survives_a_game_code(harmony):
    """A class code full of look-alikes (1, L, 0, O: `10C-PENAL-CROSS11A`) is written as it is, and read back."""
    from game.core import gamecode
    from game.play import classcode

    people, values = list(harmony.characters), list(harmony.values)[:3]
    for n in range(1, 41):
        for seed in classcode.cross_codes("10C-PENAL-CROSS-6M", n):
            code = gamecode.encode(harmony, seed, people[0], values, [0, 1, 2], "12")
            assert gamecode.resolve(harmony, gamecode.decode(code))[0] == seed, code
