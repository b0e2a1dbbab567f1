"""Load a level folder into `game.core.model` objects, collecting every problem with its line.

Files are read in dependency order: level.yaml declares the names (meters, acts, services...)
that the rulebook, characters, civic acts and cards may refer to.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from game.content import checks as c
from game.content import formats
from game.content import specs as s
from game.content.checks import BAD, Context
from game.content.files import MAX_LEVEL_BYTES, MAX_YAML_BYTES, FileRefused, read_bytes
from game.content.limits import COUNT
from game.content.specs import UNREAL, icon_names  # noqa: F401  (icon_names: read from here by tests)
from game.content.yamlfile import LDict, LList, Problem, read_yaml
from game.core import model as m
from game.core.engine import indexed


class ContentError(Exception):
    """A level that cannot be played, with every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def shown_path(path: Path) -> str:
    """A path as an author will look for it: relative to where they ran the command, if inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, RuntimeError, OSError):  # outside the folder, or a link loop (resolve refuses it)
        return str(path)


STANDARD_FILES = ("level.yaml", "rulebook.yaml", "characters.yaml", "civic.yaml", "check.yaml")
STATEMENT_WORDS, STATEMENT_FACT_WORDS = 11, 12  # four of each, shown twice and once, fit the check's 250 words
NOT_HASHED = ("check.yaml",)  # the check never changes a year: a code's check part carries the pool's own


def extends_chain(folder: Path) -> list[tuple[Path, Any]]:
    """The level and every level it extends, nearest first, each with its parsed level.yaml.

    The one place that walks `extends:`; it stops at a missing folder, a loop, or after 16 steps.
    """
    chain: list[tuple[Path, Any]] = []
    seen: set[Path] = set()
    current: Path | None = folder
    while current is not None and (current / "level.yaml").exists() and current.resolve() not in seen:
        if len(chain) > 16:
            break
        seen.add(current.resolve())
        data, _problems = read_yaml(current / "level.yaml", "")  # its own problems are reported when it is checked
        chain.append((current, data))
        name = data.get("extends") if isinstance(data, dict) else None
        current = current.parent / name if isinstance(name, str) and name and name != current.name else None
    return chain


MAX_CARD_FILES = 500  # card files in one level; more is refused rather than read
MAX_CARD_DEPTH = 8    # folders inside cards/


def _inside(path: Path, folder: Path) -> str:
    """'' when path (after its links) stays inside folder; otherwise why it is refused."""
    try:
        path.resolve(strict=False).relative_to(folder.resolve())
        return ""
    except ValueError:
        return "it is a link that leads out of the level folder: a level is read from its own folder only"
    except (RuntimeError, OSError):  # a loop of links
        return "it is a link that leads back to itself"


def _card_files(folder: Path, refused: list[tuple[Path, str]], suffix: str = ".yaml") -> list[Path]:
    """Every file ending in suffix under folder/cards (a folder so named too: reading it says what it is),
    walked with bounds, links out of the level folder refused."""
    cards = folder / "cards"
    why = _inside(cards, folder) if cards.is_symlink() else ""
    if why:
        refused.append((cards, why))
        return []
    found: list[Path] = []
    stack = [(cards, 0)]
    while stack:
        here, depth = stack.pop()
        try:
            with os.scandir(here) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue  # no cards folder (or not a folder): the loader says what is missing
        for entry in entries:
            path = Path(entry.path)
            why = _inside(path, folder) if entry.is_symlink() else ""
            if why:
                if entry.name.endswith(suffix):
                    refused.append((path, why))
                continue
            if entry.name.endswith(suffix):
                found.append(path)
            elif entry.is_dir(follow_symlinks=False):
                if depth + 1 > MAX_CARD_DEPTH:
                    refused.append((path, f"it is more than {MAX_CARD_DEPTH} folders deep inside cards/"))
                else:
                    stack.append((path, depth + 1))
            if len(found) > MAX_CARD_FILES:
                refused.append((cards, f"it holds more than {MAX_CARD_FILES} card files"))
                return []
    return sorted(found)


def resolved_files(folder: Path, chain: list[tuple[Path, Any]] | None = None,
                   refused: list[tuple[Path, str]] | None = None) -> dict[str, Path]:
    """Each file the level is made of, from its own folder or, where it has none, from the level it extends.
    A file that is a link out of its level folder is left out and, given a `refused` list, noted there."""
    refused = refused if refused is not None else []
    folders = [f for f, _data in (chain if chain is not None else extends_chain(folder))] or [folder]
    files: dict[str, Path] = {}
    for name in STANDARD_FILES:
        found = next((f / name for f in folders if (f / name).exists() or (f / name).is_symlink()), None)
        if found is not None:
            why = _inside(found, found.parent) if found.is_symlink() else ""
            if why:
                refused.append((found, why))
            else:
                files[name] = found
    for f in folders:  # cards come whole from the first level in the chain that has any
        one = f / "cards.yaml"
        cards = ([one] if one.exists() and not _inside(one, f) else []) + _card_files(f, refused)
        if cards:
            for card_file in cards:
                files[card_file.relative_to(f).as_posix()] = card_file
            break
    return files


def content_hash(folder: Path, chain: list[tuple[Path, Any]] | None = None) -> str:
    """A fingerprint of everything the level is made of, the level.yaml of every level it extends included."""
    chain = chain if chain is not None else extends_chain(folder)
    digest = hashlib.sha256()
    files = {k: v for k, v in resolved_files(folder, chain).items() if k not in NOT_HASHED}
    for n, (parent, _data) in enumerate(chain[1:]):
        files[f"extends/{n}/level.yaml"] = parent / "level.yaml"
    for name, path in files.items():
        digest.update(name.encode())
        digest.update(b"\0")
        try:
            digest.update(read_bytes(path, MAX_YAML_BYTES))
        except FileRefused as exc:  # reported where the file is read; the fingerprint just notes it
            digest.update(str(exc).encode())
    return digest.hexdigest()[:16]


def load_level(folder: Path) -> m.Level:
    """Load and check a level; raise `ContentError` listing every problem if it is not playable."""
    level, problems, _warnings = check_level(folder)
    if problems or level is None:
        raise ContentError(problems or [Problem(shown_path(Path(folder)), 1, "the level could not be loaded")])
    return indexed(level)  # the engine's tables, built once as the level loads and freed with it


def check_level(folder: Path) -> tuple[m.Level | None, list[Problem], list[Problem]]:
    """Load a level; return it (None if it is not playable, which is whenever it has a problem: a level with an
    error may hold a name that points at nothing, so nothing may play it), its problems and its warnings."""
    problems: list[Problem] = []
    builder = _Builder(Path(folder), problems)
    level = builder.build()
    return (None if problems else level), problems, builder.warnings


def stray_files(folder: Path) -> list[tuple[Path, str, bool]]:
    """Files in a level folder the game does not read: (path, what to do, is it an error)."""
    out = []
    for path in sorted([*folder.glob("*.yml"), *_card_files(folder, [], ".yml")]):
        out.append((path, f"files ending in .yml are not read: rename it to {path.stem}.yaml", True))
    for path in sorted(folder.glob("*.yaml")):
        if path.name not in STANDARD_FILES and path.name != "cards.yaml":
            out.append((path, f"this file is not read: a level reads {', '.join(STANDARD_FILES)}, cards.yaml "
                              f"and cards/**/*.yaml", False))
    return out


_NAMED_KINDS = ("meters", "values", "services", "places", "categories", "acts", "counters")
_STAND_IN = {"icon": "", "note": "", "data": "social", "start": 0, "min": COUNT["meter"][0], "max": COUNT["meter"][1]}


class _Builder:
    """Reads one level folder; each `_read_*` fills `problems` and returns model objects or None."""

    def __init__(self, folder: Path, problems: list[Problem]) -> None:
        self.folder = folder
        self.problems = problems
        self.flags_set: set[str] = set()
        self.option_lines: dict[str, int] = {}
        self.flags_tested: list[tuple[Context, int, str, str]] = []
        self.character_ids: set[str] | None = None  # None while characters.yaml cannot be read: nothing is checked
        self.chain = extends_chain(folder) if folder.is_dir() else []
        self.refused: list[tuple[Path, str]] = []  # files that are links out of the level folder
        self.bytes_read = 0
        self.files = resolved_files(folder, self.chain, self.refused) if folder.is_dir() else {}
        self.warnings: list[Problem] = []
        self.conds = s.Conditions({}, {})  # made again with the level's meters and counters once they are read
        self.grades: list[str] | None = None  # None until the rulebook's grades are read: then nothing is checked
        self.cards_dealt: list[tuple[Context, int, str, str]] = []  # trigger -> card, checked once cards are read
        self.card_ids: dict[str, tuple[str, int]] = {}  # every card id written, a card with problems included
        self.card_lines: dict[str, tuple[Context, int]] = {}
        self.choice_lines: dict[str, list[int]] = {}
        self.version = formats.CURRENT["level"]  # the level's format, read from its level.yaml
        self.upgraded: list[tuple[Context, formats.Edit]] = []  # what reading an older level changed

    def ctx(self, name: str) -> Context:
        return Context(shown_path(self.files.get(name, self.folder / name)), self.problems)

    def read(self, name: str, required: bool = True) -> tuple[Context, Any]:
        ctx = self.ctx(name)
        path = self.files.get(name, self.folder / name)
        if not path.exists():
            if required and not any(path == refused for refused, _why in self.refused):  # said once, as refused
                ctx.error(1, f"missing file: a level needs {name} (see docs/authoring.md)")
            return ctx, None
        try:
            size = path.stat().st_size
        except OSError:
            size = 0  # the reader says why it cannot be read
        self.bytes_read += size
        if self.bytes_read > MAX_LEVEL_BYTES:  # parsing costs time with every byte: a level's files have a cap
            ctx.error(1, f"the file is not read: with it the level's files come to more than "
                         f"{MAX_LEVEL_BYTES:,} bytes, more than any level needs")
            return ctx, None
        data, found = read_yaml(path, ctx.shown)
        self.problems.extend(found)
        if self.version < formats.CURRENT["level"] and name != "level.yaml" and data is not None:
            files = {"level.yaml": {"format": self.version}, name: data}
            edits = [edit for edit in formats.level_edits(files)[1] if edit.file == name]
            formats.apply_edits(files, edits, _located)
            self.upgraded += [(ctx, edit) for edit in edits]
        return ctx, data

    def _note_format(self, ctx: Context, raw: LDict) -> None:
        """A warning for a level older than the game's format: what reading it changed, and the command that
        writes those changes into its files."""
        current = formats.CURRENT["level"]
        if self.version == current:
            return
        how = f"python -m game upgrade {shown_path(self.folder)}"
        if "format" not in raw:
            message = f"level.yaml has no 'format': add 'format: {current}' so later versions can upgrade it"
        else:
            message = f"this level is format {self.version}; this game reads format {current}"
        if self.upgraded:
            names = sorted({ctx.shown.rsplit("/", 1)[-1] for ctx, _edit in self.upgraded})
            what = "; ".join(formats.STEPS["level"][v][0] for v in range(max(self.version, 1), current))
            message += (f". It was read with {len(self.upgraded)} changes to {', '.join(names)} ({what}): "
                        f"`{how}` writes them into the files and lists them")
        elif "format" in raw:
            message += f": write 'format: {current}' (nothing else changes), or run `{how}`"
        self.warnings.append(Problem(ctx.shown, raw.line_of("format") if "format" in raw else 1, message, True))

    def build(self) -> m.Level | None:
        if not self.folder.is_dir():
            self.ctx("").error(1, "no such level folder")
            return None
        for path, why in self.refused:
            self.problems.append(Problem(shown_path(path), 1, f"the file cannot be used: {why}"))
        for path, message, error in stray_files(self.folder):
            (self.problems if error else self.warnings).append(Problem(shown_path(path), 1, message, not error))
        ctx, raw = self.read("level.yaml")
        if raw is None:
            return None
        raw = self._inherit(ctx, raw)
        if raw is None:
            return None
        if isinstance(raw, LDict):
            try:
                self.version = formats.version_of(raw, "level")
                formats.check_version(self.version, "level")
            except formats.FormatError as exc:
                ctx.error(raw.line_of("format"), str(exc))
                return None
        head = self._read_level(ctx, raw)
        if head is BAD:
            return None
        self.conds = s.Conditions(head["meters"], head["counters"])
        triggers = self._read_triggers(ctx, raw, head)
        rulebook = self._read_rulebook(head)
        characters = self._read_characters(head)
        civic = self._read_civic(head)
        cards = self._read_cards(head)
        needs = self._read_needs(ctx, raw, head, cards)
        statements = self._read_check()
        if rulebook is not None and cards is not None:
            self._check_points_kinds(rulebook, cards)
        self.conds.finish(self.grades, self.character_ids, self.flags_tested)
        if cards is not None:
            for tctx, line, what, card in self.cards_dealt:
                if card not in self.card_ids:
                    tctx.error(line, f"{what} names unknown card '{card}'{c.did_you_mean(card, cards)}")
        if characters is not None and cards is not None:  # otherwise flag tests would raise false alarms
            self._check_flags()
        if cards is not None:
            for oid, option in head["options"].items():
                for key, ids in (("leaves_out", option.leaves_out), ("adds", option.adds)):
                    for card_id in ids:
                        if card_id not in self.card_ids:
                            ctx.error(self.option_lines[oid], f"option '{oid}': {key} names unknown card "
                                                              f"'{card_id}'{c.did_you_mean(card_id, cards)}")
        if rulebook is not None and civic is not None and cards is not None:
            self._check_article(ctx, raw, head, rulebook, civic, cards)
        if isinstance(raw, LDict):
            self._note_format(ctx, raw)
        if rulebook is None or characters is None or civic is None or cards is None or triggers is None:
            return None
        return m.Level(
            id=head["id"], title=head["title"], summary=head["summary"], months=head["months"],
            cards_min=head["cards_per_month"]["min"], cards_max=head["cards_per_month"]["max"],
            civic_offers=head["civic_offers"], meters=head["meters"], values=head["values"],
            services=head["services"], places=head["places"], categories=head["categories"],
            acts=head["acts"], rulebook=rulebook, characters=characters, civic=civic, cards=cards,
            counters=head["counters"], triggers=triggers, civic_skip=head["civic_skip"],
            content_hash=content_hash(self.folder, self.chain),
            base=self._base(), debrief=head["debrief"],
            options=head["options"], control=head["control"], words={k: v for k, v in head["words"].items() if v},
            folder=str(self.folder), statements=statements, needs=needs,
            empty_months_allowed=head["empty_months_allowed"],
        )

    def _read_needs(self, ctx: Context, raw: Any, head: dict, cards: dict | None) -> tuple[m.NeedSlot, ...]:
        """level.yaml `needs:`: each slot's window and cards. A need's card is kept out of the deck (it comes
        only when the seed deals it), and each of its choices says what it does to the need: a request's
        outcome does, otherwise `need: met` or `need: unmet`; no other card's choice says `need`."""
        slots = []
        lines = raw["needs"].line_of if isinstance(raw, LDict) and isinstance(raw.get("needs"), LList) else None
        need_cards: set[str] = set()
        for i, slot in enumerate(head["needs"]):
            line = lines(i) if lines else 1
            lo, hi = slot["months"]
            if lo > hi:
                ctx.error(line, f"level.yaml: need {i + 1}: months [{lo}, {hi}] runs backwards: write [{hi}, {lo}]")
            if hi > head["months"]:
                ctx.error(line, f"level.yaml: need {i + 1}: months [{lo}, {hi}] goes past the year's "
                                f"{head['months']} rounds: end it at {head['months']} or before")
            for card_id in slot["cards"]:
                self.cards_dealt.append((ctx, line, f"level.yaml: need {i + 1}: cards", card_id))
                need_cards.add(card_id)
                card = cards.get(card_id) if cards else None
                if card is not None and card.when.deck:
                    ctx.error(line, f"level.yaml: need {i + 1}: card '{card_id}' is also in the deck: give it "
                                    f"'when: {{deck: false}}' so that it comes only as a need")
            slots.append(m.NeedSlot((lo, hi), tuple(slot["cards"])))
        for card_id, card in (cards or {}).items():
            where = self.card_lines.get(card_id)
            if where is None:
                continue
            cctx, line = where
            at = self.choice_lines.get(card_id, [])
            for n, choice in enumerate(card.choices, start=1):
                cline = at[n - 1] if n - 1 < len(at) else line
                if card_id in need_cards and not choice.request and not choice.need:
                    cctx.error(cline, f"card '{card_id}' is an unannounced need: choice {n} ('{choice.label}') asks "
                                      f"for no service, so say what it does to the need: 'need: met' (met another "
                                      f"way) or 'need: unmet' (given up)")
                elif choice.need and (card_id not in need_cards or choice.request):
                    why = "its request's outcome says it" if choice.request else "the card is not in level.yaml's needs"
                    cctx.error(cline, f"card '{card_id}': choice {n} says 'need: {choice.need}', but {why}: "
                                      f"remove 'need'")
        return tuple(slots)

    def _check_article(self, ctx: Context, raw: Any, head: dict, rulebook: m.Rulebook, civic: dict,
                       cards: dict) -> None:
        """A source that says `ref: article` needs the level to say which work that is: the engine names no
        article of its own (a school level must not be told it rests on one about China)."""
        if head["words"].get("article"):
            return
        if self.version < 2:  # format 1's engine named the article itself: read it as that one
            head["words"]["article"] = formats.FORMAT_1_ARTICLE
            self.upgraded.append((ctx, formats.Edit("level.yaml", (), "words", "", (), "words: article")))
            return
        sources = [(f"card '{k}'", x.source) for k, x in cards.items()]
        sources += [(f"civic act '{k}'", x.source) for k, x in civic.items()]
        sources += [(f"rulebook: acts: {k}", r.source) for k, r in rulebook.acts.items()]
        sources += [(f"rulebook: access: {k}", n.source) for k, n in rulebook.access_notes.items()]
        sources += [(f"rulebook: policy '{p.id}'", p.source) for p in rulebook.policies]
        sources += [(f"rulebook: grade_effects: {g}", e.source) for g, e in rulebook.grade_effects.items()]
        sources += [("rulebook: blacklist", rulebook.blacklist.source)] if rulebook.blacklist else []
        citing = [what for what, source in sources if source is not None and source.ref == "article"]
        citing += [f"debrief reading '{r['title']}'" for r in head["debrief"]["readings"] if r["ref"] == "article"]
        if citing:
            more = f" and {len(citing) - 1} more" if len(citing) > 1 else ""
            line = raw.line_of("words") if isinstance(raw, LDict) and "words" in raw else 1
            ctx.error(line, f"{citing[0]}{more} cite 'ref: article', but level.yaml does not say which work that "
                            f"is: add it to words, as in words: {{article: 'the feature \"Title\" (Outlet, 2019)'}}")

    def _base(self) -> str:
        """The id of the level at the root of this one's `extends` chain."""
        return self.chain[-1][0].name if self.chain else self.folder.name

    def _inherit(self, ctx: Context, raw: Any) -> Any:
        """With `extends:`, the keys this level.yaml leaves out come from the levels it extends, nearest first."""
        if not isinstance(raw, LDict) or "extends" not in raw:
            return raw
        if raw["extends"] == self.folder.name:
            ctx.error(raw.line_of("extends"), "a level cannot extend itself: name another level, or remove extends")
            return raw
        if len(self.chain) < 2:
            ctx.error(raw.line_of("extends"), f"extends names '{raw['extends']}', but there is no level folder "
                                              f"of that name beside this one")
            return raw
        if not (self.folder / "rulebook.yaml").exists():
            ctx.error(raw.line_of("extends"), f"a level that extends '{raw['extends']}' needs its own rulebook.yaml "
                                              f"beside its level.yaml: the same cards under other rules are the "
                                              f"point of it")
        broken = next((parent for parent, base in self.chain[1:] if not isinstance(base, LDict)), None)
        if broken is not None:  # one line saying so, not a "missing field" for every key it would have given
            ctx.error(raw.line_of("extends"), f"extends '{raw['extends']}', but {shown_path(broken / 'level.yaml')} "
                                              f"cannot be read: fix it first (validate it to see why)")
            return None
        merged = LDict(raw)
        merged.line, merged.key_lines = raw.line, dict(raw.key_lines)
        for _parent, base in self.chain[1:]:
            for key, value in base.items():
                if key == "words" and isinstance(merged.get(key), dict) and isinstance(value, dict):
                    words = LDict({**value, **merged[key]})  # each word the level leaves out comes from its parent
                    words.line = merged[key].line if isinstance(merged[key], LDict) else merged.line_of(key)
                    words.key_lines = {**{k: raw.line_of("extends") for k in value},
                                       **getattr(merged[key], "key_lines", {})}
                    merged[key] = words
                elif key not in merged and key not in ("id", "extends"):
                    merged[key] = value
                    merged.key_lines[key] = raw.line_of("extends")
        return merged

    # level.yaml
    def _read_level(self, ctx: Context, raw: Any) -> dict | Any:
        spec = s.level_spec(raw)
        got: Any = c.fields(ctx, raw, 1, "level.yaml", spec)
        if got is BAD:  # reported; the other files are still checked, against what level.yaml names
            got = self._lenient_head(raw, spec)
            if got is None:
                return BAD
        lines = raw.line_of
        if got["id"] != self.folder.name:
            ctx.error(lines("id"), f"level id '{got['id']}' differs from its folder name '{self.folder.name}': "
                                   f"make them the same")
        control = got["control"]
        if control and control != self.folder.name and not (self.folder.parent / control / "level.yaml").exists():
            ctx.error(lines("control"), f"control names '{control}', but there is no level folder of that name "
                                        f"beside this one: a split class's other half plays a sibling level")
        per = got["cards_per_month"]
        if per["min"] > per["max"]:
            ctx.error(lines("cards_per_month"), "cards_per_month: min is larger than max")
        meters = {}
        for mid, d in got["meters"].items():
            if not d["min"] <= d["start"] <= d["max"]:
                ctx.error(raw["meters"].line_of(mid), f"meter '{mid}': start {d['start']} is outside "
                                                       f"min..max ({d['min']}..{d['max']})")
            meters[mid] = m.Meter(mid, d["label"], d["start"], d["min"], d["max"], d["icon"])
        got["meters"] = meters
        for cid in got["counters"]:
            if cid in meters or cid in ("score", "month", "grade", "character"):
                ctx.error(raw["counters"].line_of(cid), f"counter '{cid}' has the name of a meter or of score, "
                                                        f"month, grade or character: name it differently")
        for key in ("values", "services", "places", "categories", "acts", "counters"):
            got[key] = {k: m.Named(k, d["label"], d.get("icon", ""), d.get("note", ""), d.get("data", ""))
                        for k, d in got[key].items()}
        tags: dict[str, str] = {}
        for oid, o in got["options"].items():
            if o["seed_tag"] in tags:
                ctx.error(raw["options"].line_of(oid), f"option '{oid}': seed_tag '{o['seed_tag']}' is already "
                                                       f"option '{tags[o['seed_tag']]}'s: give each its own")
            tags[o["seed_tag"]] = oid
        self.option_lines = {oid: raw["options"].line_of(oid) for oid in got["options"]}
        got["options"] = {oid: m.LevelOption(oid, o["label"], o["seed_tag"], o["leaves_out"], o["adds"])
                          for oid, o in got["options"].items()}
        return got

    def _lenient_head(self, raw: Any, spec: dict) -> dict | None:
        """level.yaml read leniently, once its problems are reported: each field that passes as it is, each
        declared name kept (a meter with a wrong field is still a meter, so no file that names it is told it
        is unknown), neutral stand-ins elsewhere. The level will not play; the other files are checked in
        the same pass instead of after this one is fixed. None if there is nothing to go on."""
        if not isinstance(raw, dict):
            return None
        scratch = Context("", [])
        wide = {"months": COUNT["months"][1], "cards_per_month": {"min": 1, "max": 1}, "civic_offers": 0,
                "title": "?", "summary": "?", "id": self.folder.name}
        out: dict = {}
        for name, field in spec.items():
            check, default = field[0], field[2]
            got = check(scratch, raw[name], 1, name) if name in raw else default
            if got is BAD and name in _NAMED_KINDS and isinstance(raw[name], dict):
                got = {}
                for key, entry in raw[name].items():
                    one = check(scratch, {key: entry}, 1, name)
                    got[key] = one[key] if one is not BAD else {**_STAND_IN, "label": str(key)}
            elif got is BAD or (got is None and field[1]):
                got = wide.get(name, {} if name in _NAMED_KINDS else default)
            out[name] = got
        return out

    def _read_triggers(self, ctx: Context, raw: Any, head: dict) -> tuple[m.Trigger, ...] | None:
        """level.yaml `triggers:`: what happens during the year when conditions first hold."""
        if not isinstance(raw, LDict) or "triggers" not in raw:
            return ()
        spec = s.trigger_spec(head, self.conds.check())
        check = c.list_of(c.record(spec), 0, s.MAX_TRIGGERS, item_name="trigger")
        items = check(ctx, raw["triggers"], raw.line_of("triggers"), "level.yaml: triggers")
        if items is BAD:
            return None
        out, seen = [], set()
        lines = raw["triggers"].line_of
        for i, t in enumerate(items):
            what = f"level.yaml: trigger '{t['id']}'"
            if t["id"] in seen:
                ctx.error(lines(i), f"{what}: the id is used twice")
            seen.add(t["id"])
            if not (t["deal"] or t["effects"] or t["set"] or t["count"]):
                ctx.error(lines(i), f"{what} does nothing: give it 'deal' (a card), 'effects', 'set' or 'count'")
            if t["deal"]:
                self.cards_dealt.append((ctx, lines(i), f"{what}: deal", t["deal"]))
            self.flags_set.update(t["set"])
            out.append(m.Trigger(t["id"], t["if"], t["deal"], t["effects"], t["set"], t["count"], repeat=t["repeat"]))
        return tuple(out)

    # rulebook.yaml
    def _read_rulebook(self, head: dict) -> m.Rulebook | None:
        ctx, raw = self.read("rulebook.yaml")
        if raw is None:
            return None
        listed = raw.get("grades") if isinstance(raw, dict) else None
        if isinstance(listed, list):  # the grade names, even where a grade has another problem: no false alarms
            self.grades = [g["grade"] for g in listed if isinstance(g, dict) and isinstance(g.get("grade"), str)]
        elif listed is None and isinstance(raw, dict):
            self.grades = []
        services = head["services"]
        spec = s.rulebook_spec(head, self.conds.check())
        got: Any = c.fields(ctx, raw, 1, "rulebook.yaml", spec)
        if got is BAD:
            return None
        line = raw.line_of
        score, grades = got["score"], got["grades"] or ()
        spec_score = None
        if score is not None:
            spec_score = m.ScoreSpec(**score)
            if not score["min"] <= score["start"] <= score["max"]:
                ctx.error(line("score"), "score: start is outside min..max")
            if not grades:
                ctx.error(line("score"), "a rulebook with a score needs 'grades' (A to D, highest first)")
        else:
            for key in ("grades", "acts", "blacklist", "grade_effects", "policies"):
                if raw.get(key):
                    ctx.error(line(key), f"{key} without a score: in a world with no score nothing is judged; "
                                         f"add 'score' or remove '{key}'")
        grade_list = tuple(m.Grade(**g) for g in grades)
        names = [g.grade for g in grade_list]
        self.grades = names
        for i in range(1, len(grade_list)):
            if grade_list[i].min >= grade_list[i - 1].min:
                ctx.error(raw["grades"].line_of(i), f"grades: '{names[i]}' must have a lower min than "
                                                    f"'{names[i - 1]}' (list grades highest first)")
        if len(set(names)) != len(names):
            ctx.error(line("grades"), "grades: a grade letter is used twice")
        access: dict[str, dict[str | None, str]] = {}
        notes: dict[str, m.AccessNote] = {}
        rows: dict[str, tuple] = {}
        for service in services:
            rule: Any = got["access"].get(service)
            if rule is not None and isinstance(rule["grades"], tuple):  # rows; the last is for everyone else
                table = rule["grades"]
                rows[service] = tuple((r["if"], r["outcome"]) for r in table[:-1])
                if table[-1]["if"]:
                    ctx.error(raw["access"].line_of(service), f"access: {service}: the last row needs no 'if': it "
                                                              f"says what happens when no row above it holds")
                for r in table[:-1]:
                    if not r["if"]:
                        ctx.error(raw["access"].line_of(service), f"access: {service}: only the last row may "
                                                                  f"leave out 'if'")
                rule = dict(rule, grades={"*": table[-1]["outcome"]})
            if rule is None:
                ctx.error(line("access"), f"access: service '{service}' has no rule: say who gets it "
                                          f"(for example '{service}: granted')")
                continue
            table = rule["grades"]
            missing = [g for g in names if g not in table and "*" not in table]
            unknown = [g for g in table if g != "*" and g not in names]
            where = raw["access"].line_of(service)
            if missing:
                grades = _plural(len(missing), "grade")
                ctx.error(where, f"access: {service} says nothing for {grades} {', '.join(missing)}")
            if unknown:
                grades = _plural(len(unknown), "grade")
                ctx.error(where, f"access: {service} names unknown {grades} {', '.join(unknown)}"
                                 f"{' (this rulebook has no grades)' if not names else ''}")
            if rule["source"].label in UNREAL and set(table.values()) - {"granted"} and not rule["reality"]:
                ctx.error(where, f"access: {service}: this rule is the article's thought experiment and refuses or "
                                 f"delays: add 'reality:', one line saying what happens in reality; the player "
                                 f"reads it each time the rule refuses or delays")
            access[service] = table
            notes[service] = m.AccessNote(rule["source"], rule["reality"])
        for g in got["grade_effects"]:
            if g not in names:
                ctx.error(raw["grade_effects"].line_of(g),
                          f"grade_effects: unknown grade '{g}'{c.did_you_mean(g, names)}")
        policies = []
        seen_ids: set[str] = set()
        moved: dict[str, int] = {}  # grade lines as the policies so far have moved them
        for i, p in enumerate(got["policies"]):
            if p["id"] in seen_ids:
                ctx.error(raw["policies"].line_of(i), f"policy id '{p['id']}' is used twice")
            seen_ids.add(p["id"])
            changes = []
            for j, ch in enumerate(p["changes"]):
                where = raw["policies"][i]["changes"].line_of(j)
                if ch["remove"] and any(ch[k] is not None for k in ("points", "detect", "watcher")):
                    ctx.error(where, f"policy '{p['id']}': a change that removes a rule cannot also set it")
                if not ch["remove"] and all(ch[k] is None for k in ("points", "detect", "watcher")):
                    ctx.error(where, f"policy '{p['id']}': a change must set points, detect or watcher, "
                                     f"or say remove: true")
                changes.append(m.RuleChange(**ch))
            where = raw["policies"].line_of(i)
            if not changes and not p["access"] and not p["grade_lines"]:
                ctx.error(where, f"policy '{p['id']}' changes nothing: give it 'changes' (act rules), 'access' "
                                 f"(service rules) or 'grade_lines'")
            lines_moved = {g["grade"]: g["min"] for g in p["grade_lines"]}
            for grade in lines_moved:
                if grade not in names:
                    ctx.error(where, f"policy '{p['id']}': grade_lines: unknown grade '{grade}'"
                                     f"{c.did_you_mean(grade, names)}; the rulebook's grades are "
                                     f"{', '.join(names) or 'none'}")
            moved.update(lines_moved)
            mins = [moved.get(g.grade, g.min) for g in grade_list]
            if lines_moved and any(mins[k] >= mins[k - 1] for k in range(1, len(mins))):
                shown = ", ".join(f"{g.grade} {n}" for g, n in zip(grade_list, mins, strict=True))
                ctx.error(where, f"policy '{p['id']}': grade_lines: from month {p['month']} the lines would be "
                                 f"{shown}: each grade needs a lower min than the one above it")
            replaced = {}
            for change in p["access"]:
                what = f"policy '{p['id']}': access: {change['service']}"
                if change["service"] in replaced:
                    ctx.error(where, f"{what}: the service is named twice")
                replaced[change["service"]] = self._rule_table(ctx, where, what, change["grades"], names)
            policies.append(m.Policy(p["id"], p["month"], p["title"], p["text"], p["source"], tuple(changes),
                                     replaced, lines_moved))
        blacklist = None
        if got["blacklist"]:
            b = got["blacklist"]
            blacklist = m.Blacklist(b["label"], b["acts"], b["denies"], b["source"], b["reality"], b["months"])
        return m.Rulebook(
            name=got["name"], summary=got["summary"], score=spec_score, grades=grade_list,
            acts={a: m.ActRule(r["points"], r["detect"], r["watcher"], r["source"], r["lasts"])
                  for a, r in got["acts"].items()},
            access=access, access_notes=notes, access_rows=rows, delay_cost=got["delay_cost"], blacklist=blacklist,
            grade_effects={g: m.GradeEffect(e["effects"], e["text"], e["source"])
                           for g, e in got["grade_effects"].items()},
            policies=tuple(policies),
        )

    def _rule_table(self, ctx: Context, where: int, what: str, grades: Any, names: list[str]) -> tuple[dict, tuple]:
        """An access rule as the engine reads it, (grade: outcome, rows read first), with the same checks as the
        rulebook's own `access:` (a policy that replaces a rule writes it the same way)."""
        rows: tuple = ()
        if isinstance(grades, tuple):  # rows; the last is for everyone else
            rows = tuple((r["if"], r["outcome"]) for r in grades[:-1])
            if grades[-1]["if"] or not all(r["if"] for r in grades[:-1]):
                ctx.error(where, f"{what}: every row but the last needs an 'if', and the last none")
            grades = {"*": grades[-1]["outcome"]}
        missing = [g for g in names if g not in grades and "*" not in grades]
        unknown = [g for g in grades if g != "*" and g not in names]
        if missing:
            ctx.error(where, f"{what} says nothing for {_plural(len(missing), 'grade')} {', '.join(missing)}")
        if unknown:
            ctx.error(where, f"{what} names unknown {_plural(len(unknown), 'grade')} {', '.join(unknown)}")
        return grades, rows

    # characters.yaml
    def _read_characters(self, head: dict) -> dict[str, m.Character] | None:
        ctx, raw = self.read("characters.yaml")
        if raw is None:
            return None
        if isinstance(raw, list):
            self.character_ids = {x["id"] for x in raw if isinstance(x, dict) and isinstance(x.get("id"), str)}
            for x in raw:  # count their flags as set even if the character has other problems
                if isinstance(x, dict) and isinstance(x.get("flags"), list):
                    self.flags_set.update(f for f in x["flags"] if isinstance(f, str))
        spec = s.character_spec(head)
        items = self._items(ctx, raw, "characters.yaml", *COUNT["characters"], spec, "character")
        if items is None:
            return None
        out = {}
        for got, line in items:
            for meter_id, start in got["meters"].items():
                meter = head["meters"][meter_id]
                if not meter.min <= start <= meter.max:
                    ctx.error(line, f"character '{got['id']}': {meter_id} starts at {start}, outside "
                                    f"{meter.min}..{meter.max}")
            self.flags_set.update(got["flags"])
            for flag in got["goal"]["dropped_by"] + got["goal"]["met_by"]:
                self.flags_tested.append((ctx, line, f"character '{got['id']}': goal", flag))
            got["goal"] = m.Goal(**got["goal"])
            out[got["id"]] = m.Character(**got)
        return out

    # civic.yaml
    def _read_civic(self, head: dict) -> dict[str, m.CivicAct] | None:
        ctx, raw = self.read("civic.yaml", required=head["civic_offers"] > 0)
        if raw is None:
            return {} if head["civic_offers"] == 0 else None
        spec = s.civic_spec(head, self.conds.check())
        items = self._items(ctx, raw, "civic.yaml", head["civic_offers"], COUNT["civic_acts"][1], spec, "civic act")
        if items is None:
            return None
        for got, line in items:
            for flag in got["unless"]:
                self.flags_tested.append((ctx, line, f"civic act '{got['id']}'", flag))
        out = {}
        for got, _line in items:
            got["conds"] = got.pop("if")
            out[got["id"]] = m.CivicAct(**got)
        return out

    # check.yaml
    def _read_check(self) -> tuple[m.Statement, ...]:
        """The two-minute check's statements; a level without check.yaml offers no check. A pool needs at least
        three times the four a student is shown, and both kinds of fact (true and not), so the draw is fair."""
        ctx, raw = self.read("check.yaml", required=False)
        if raw is None:
            return ()
        items = self._items(ctx, raw, "check.yaml", *COUNT["statements"], s.statement_spec(), "statement")
        if not items:
            return ()
        out = tuple(m.Statement(**got) for got, _line in items)
        true = [x for x in out if x.source.label in ("documented", "reported")]
        line = getattr(raw, "line", 1)
        false = len(out) - len(true)
        for kind, n in (("documented or reported", len(true)), ("the article's idea or invented", false)):
            if n < len(out) // 4:
                self.warnings.append(Problem(ctx.shown, line, f"check.yaml: only {n} of {len(out)} statements are "
                                                              f"{kind}: balance true and false kinds", True))
        for got, line in items:
            for what, words, most in (("text", got["text"], STATEMENT_WORDS), ("source's fact", got["source"].fact,
                                                                              STATEMENT_FACT_WORDS)):
                n = sum(1 for token in words.split() if any(ch.isalnum() for ch in token))
                if n > most:
                    ctx.error(line, f"statement '{got['id']}': its {what} has {n} words; at most {most}, so the "
                                    f"whole check stays within 250 words")
            text = got["text"].lower()
            if sum(text.count(w) for w in (" not ", "n't ", " never ", " no ")) > 1:
                ctx.error(line, f"statement '{got['id']}': two negatives in one claim; say it positively")
        return out

    # cards
    def _read_cards(self, head: dict) -> dict[str, m.Card] | None:
        names = [n for n in self.files if n == "cards.yaml" or n.startswith("cards/")]
        if not names:
            if not any(path.name == "cards" for path, _why in self.refused):  # said already
                self.ctx("cards").error(1, "no cards: put a list of cards in cards/*.yaml")
            return None
        raw_files = []
        ids: dict[str, tuple[str, int]] = {}
        for name in names:
            ctx, raw = self.read(name)
            raw_files.append((ctx, raw))
            if isinstance(raw, LList):
                self._note_flags_set(raw)
                for i, item in enumerate(raw):
                    if isinstance(item, dict) and isinstance(item.get("id"), str):
                        line = raw.line_of(i)
                        got_choices = item.get("choices")
                        if isinstance(got_choices, LList):
                            self.choice_lines.setdefault(item["id"], [got_choices.line_of(j)
                                                                      for j in range(len(got_choices))])
                        if item["id"] in ids:
                            first = ids[item["id"]]
                            ctx.error(line, f"card id '{item['id']}' is used twice (first at {first[0]}:{first[1]})")
                        else:
                            ids[item["id"]] = (ctx.shown, line)
        self.card_ids = ids
        card_spec = s.card_spec(head, ids, self.conds.check())
        cards: dict[str, m.Card] = {}
        lines: dict[str, tuple[Context, int]] = {}
        ok = True
        for ctx, raw in raw_files:
            items = self._items(ctx, raw, ctx.shown, *COUNT["cards_per_file"], card_spec, "card")
            if items is None:
                ok = False
                continue
            for got, line in items:
                if got["id"] in cards:
                    continue
                cards[got["id"]] = self._make_card(ctx, line, got, head)
                lines[got["id"]] = (ctx, line)
        self._check_follow_up_loops(cards, lines)
        self.card_lines = lines
        return cards if ok else None

    def _check_points_kinds(self, rulebook: m.Rulebook, cards: dict[str, m.Card]) -> None:
        """A choice whose points rest on another kind of fact than its card (a documented survey whose
        answers are scored by an invented rule) must say so: `points_source` is shown beside its points.
        Checked where the cards were written for this rulebook: a level that only borrows its cards
        under other rules is judged by what its own rules say (see docs/authoring.md)."""
        rules_file = self.files.get("rulebook.yaml")
        homes = [f for f, _data in self.chain if (f / "cards.yaml").exists() or (f / "cards").is_dir()]
        if rules_file is None or not homes or homes[0].resolve() != rules_file.parent.resolve():
            return
        for card_id, card in cards.items():
            ctx, line = self.card_lines.get(card_id, (None, 0))
            if ctx is None:
                continue
            for i, choice in enumerate(card.choices, start=1):
                kinds = sorted({rule.source.label for a in choice.acts
                                if (rule := rulebook.acts.get(a)) is not None and rule.points and rule.source}
                               - {card.source.label})
                if kinds and choice.points_source is None:
                    where = self.choice_lines.get(card_id, [])
                    at = where[i - 1] if i - 1 < len(where) else line
                    acts = ", ".join(a for a in choice.acts if a in rulebook.acts and rulebook.acts[a].points)
                    ctx.error(at, f"card '{card_id}': choice {i} ('{choice.label}'): its points ({acts}) rest on "
                                  f"a '{kinds[0]}' rule but the card is '{card.source.label}': say what its points "
                                  f"are with 'points_source: {{label, fact, ref}}', shown beside them in play")

    def _note_flags_set(self, raw: list) -> None:
        """Count the flags a file's choices set even where the card has other problems: a typo in one card
        must not raise a false "no choice sets" on another."""
        for item in raw:
            choices = item.get("choices") if isinstance(item, dict) else None
            for ch in choices if isinstance(choices, list) else ():
                if not isinstance(ch, dict):
                    continue
                for part in (ch, ch.get("granted"), ch.get("denied")):
                    if isinstance(part, dict) and isinstance(part.get("set"), list):
                        self.flags_set.update(f for f in part["set"] if isinstance(f, str))

    def _make_card(self, ctx: Context, line: int, got: dict, head: dict) -> m.Card:
        name = f"card '{got['id']}'"
        when = got["when"] or {"months": (1, head["months"]), "needs": (), "unless": (), "characters": (),
                               "always": False, "deck": True, "if": ()}
        lo, hi = when["months"]
        if when["always"] and not when["deck"]:
            ctx.error(line, f"{name}: when: 'always: true' and 'deck: false' cannot go together: a card kept out "
                            f"of the deck is never dealt on its own; remove one of them")
        if lo > hi:
            ctx.error(line, f"{name}: when: months [{lo}, {hi}] runs backwards: write [{hi}, {lo}]")
        for who in when["characters"]:
            if self.character_ids is not None and who not in self.character_ids:
                ctx.error(line, f"{name}: when: characters names unknown character '{who}'"
                                f"{c.did_you_mean(who, self.character_ids)}")
        for flag in when["needs"] + when["unless"]:
            self.flags_tested.append((ctx, line, f"{name}: when", flag))
        choices = []
        for i, ch in enumerate(got["choices"], start=1):
            self.flags_set.update(ch["set"])
            for key in ("granted", "denied"):
                if ch[key] is not None and not ch["request"]:
                    ctx.error(line, f"{name}: choice {i} says what happens if {key} but requests no service: "
                                    f"add 'request' or remove '{key}'")
                if ch[key] is not None:
                    self.flags_set.update(ch[key]["set"])
            granted = m.Branch(**ch["granted"]) if ch["granted"] else m.Branch()
            denied = m.Branch(**ch["denied"]) if ch["denied"] else m.Branch()
            self._check_choice(ctx, line, f"{name}: choice {i}", ch)
            chances = tuple(m.Chance(**x) for x in ch["chances"])
            choices.append(m.Choice(label=ch["label"], outcome=ch["outcome"], effects=ch["effects"], acts=ch["acts"],
                                    values=ch["values"], set=ch["set"], clear=ch["clear"], request=ch["request"],
                                    granted=granted, denied=denied, follow_up=ch["follow_up"],
                                    after=ch["after"] or 1, conds=ch["if"], hide=ch["hide"], place=ch["place"],
                                    outcome_seen=ch["outcome_seen"], chances=chances, count=ch["count"],
                                    unlist=ch["unlist"], points_source=ch["points_source"],
                                    effects_seen=ch["effects_seen"], count_seen=ch["count_seen"], need=ch["need"]))
        if all(x.conds for x in choices):
            ctx.error(line, f"{name}: every choice has an 'if': leave at least one choice open to everyone, "
                            f"so the card can always be answered")
        if len({(repr(x.effects), x.acts, x.request, x.set, repr(x.chances), x.unlist) for x in choices}) < 2:
            ctx.error(line, f"{name}: its choices all do the same thing: make at least two of them differ")
        return m.Card(id=got["id"], title=got["title"], category=got["category"], text=got["text"],
                      source=got["source"], choices=tuple(choices), place=got["place"],
                      when=m.When(months=(lo, hi), needs=when["needs"], unless=when["unless"],
                                  characters=when["characters"], always=when["always"], deck=when["deck"],
                                  conds=when["if"]))

    def _check_choice(self, ctx: Context, line: int, name: str, ch: dict) -> None:
        """What the fields of one choice must agree on."""
        if ch["after"] is not None and not ch["follow_up"]:
            ctx.error(line, f"{name}: 'after' says when the follow-up comes, but there is no follow_up: "
                            f"add one or remove 'after'")
        for key, verb, instead in (("outcome_seen", "is told", "outcome"), ("effects_seen", "applies", "effects"),
                                   ("count_seen", "counts", "count")):
            if ch[key] and not ch["acts"]:
                ctx.error(line, f"{name}: '{key}' {verb} when one of its acts is seen, but it has no acts: "
                                f"add acts or use '{instead}'")
        if ch["hide"] and not ch["if"]:
            ctx.error(line, f"{name}: 'hide' hides the choice when its 'if' fails, but it has no 'if'")
        total = sum(x["chance"] for x in ch["chances"])
        if total > 1.0 + 1e-9:
            ctx.error(line, f"{name}: its chances add up to {total:g}, more than 1: lower them (what is left "
                            f"below 1 is the chance that nothing more happens)")
        for x in ch["chances"]:
            self.flags_set.update(x["set"])

    def _items(self, ctx: Context, raw: Any, what: str, lo: int, hi: int, spec, kind: str):
        """Check a file that is a list of records with unique ids; return [(fields, line)] or None."""
        if raw is None and any(p.path == ctx.shown for p in self.problems):
            return None  # the file did not parse; its syntax error is already reported
        if not isinstance(raw, list):
            ctx.error(getattr(raw, "line", 1), f"{what} should be a list of {kind}s, each starting with '- id: ...'")
            return None
        if not lo <= len(raw) <= hi:
            count = f"{len(raw)} {_plural(len(raw), kind)}"
            ctx.error(getattr(raw, "line", 1), f"{what} has {count}; it needs {lo} to {hi}")
        out, seen, ok = [], set(), True
        for i, item in enumerate(raw):
            line = raw.line_of(i) if isinstance(raw, LList) else 1
            ident = item.get("id") if isinstance(item, dict) else None
            label = f"{kind} '{ident}'" if isinstance(ident, str) else f"{kind} {i + 1}"
            got = c.fields(ctx, item, line, label, spec)
            if got is BAD:
                ok = False
                continue
            if kind != "card" and got["id"] in seen:
                ctx.error(line, f"{kind} id '{got['id']}' is used twice")
            seen.add(got["id"])
            out.append((got, line))
        return out if ok or out else None

    def _check_flags(self) -> None:
        for ctx, line, name, flag in self.flags_tested:
            if flag not in self.flags_set:
                ctx.error(line, f"{name} tests flag '{flag}', which no character or choice sets"
                                f"{c.did_you_mean(flag, self.flags_set)}")

    def _check_follow_up_loops(self, cards: dict[str, m.Card], lines) -> None:
        """Every chain of follow-ups, through any choice, must end: report each loop once."""
        edges = {cid: [ch.follow_up for ch in card.choices if ch.follow_up in cards] for cid, card in cards.items()}
        done: set[str] = set()
        reported: set[str] = set()

        def visit(node: str, path: list[str]) -> None:
            if node in path:
                cycle = path[path.index(node):] + [node]
                if not reported & set(cycle):
                    ctx, line = lines[node]
                    ctx.error(line, f"card '{node}': follow-ups loop back to it ({' -> '.join(cycle)}): "
                                    f"end the chain with a card that has no follow_up")
                    reported.update(cycle)
                return
            if node in done:
                return
            for nxt in edges[node]:
                visit(nxt, path + [node])
            done.add(node)

        for start in cards:
            visit(start, [])

__all__ = ["ContentError", "load_level", "LDict"]


def _located(parent: Any, key: str, items: dict) -> LDict:
    """A mapping an upgrade made, placed at the line of the key it stands under, as if read there."""
    out = LDict(items)
    line = parent.line_of(key) if isinstance(parent, LDict) else 1
    old = parent.get(key)
    out.line = getattr(old, "line", 0) or line
    out.key_lines = {**{k: line for k in items}, **getattr(old, "key_lines", {})}
    return out


def _plural(n: int, noun: str) -> str:
    """An author-facing noun in the right number: "1 grade", "2 grades"."""
    return noun if n == 1 else noun + "s"
