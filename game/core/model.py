"""The content of a level as plain, immutable Python objects.

These are built by `game.content` from validated YAML; the rules in `game.core` only read them.
They carry no behaviour beyond small lookups, so a level is data and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.core.index import LevelIndex

Effects = dict[str, int]

SOURCE_LABELS = ("documented", "reported", "thought_experiment", "invented")
OUTCOMES = ("granted", "delayed", "denied")
OUTCOME_RANK = MappingProxyType({o: i for i, o in enumerate(OUTCOMES)})  # a service's outcomes, better first


@dataclass(frozen=True)
class Source:
    """Where a card or a rule comes from, and how sure we are of it."""

    label: str
    fact: str
    ref: str | None = None


@dataclass(frozen=True)
class Meter:
    id: str
    label: str
    start: int
    min: int
    max: int
    icon: str = ""


@dataclass(frozen=True)
class Named:
    """A declared thing with a label: a value, service, place, category or act."""

    id: str
    label: str
    icon: str = ""
    note: str = ""
    data: str = ""


@dataclass(frozen=True)
class Cond:
    """One condition an author wrote, such as `money >= 3`, `grade in A B`, `late >= 2` or `not defaulted`.

    kind: meter, counter, score, month, grade, character or flag; `text` is the author's words,
    kept so a greyed choice can say what it waits for.
    """

    kind: str
    key: str
    op: str
    value: int | tuple[str, ...] | bool
    text: str


Conds = tuple[Cond, ...]


@dataclass(frozen=True)
class Chance:
    """One possible outcome of a choice, drawn from the state's generator with this probability."""

    chance: float
    outcome: str = ""
    effects: Effects = field(default_factory=dict)
    set: tuple[str, ...] = ()
    count: Effects = field(default_factory=dict)


@dataclass(frozen=True)
class Trigger:
    """When its conditions first hold during the year (a meter at 0, a third lateness), it deals a card
    or applies an effect: once, or with `repeat` each time they come to hold again after a time they did not."""

    id: str
    conds: Conds
    deal: str | None = None
    effects: Effects = field(default_factory=dict)
    set: tuple[str, ...] = ()
    count: Effects = field(default_factory=dict)
    text: str = ""
    repeat: bool = False


@dataclass(frozen=True)
class Branch:
    """What follows a service request once it is granted (or delayed) or denied."""

    outcome: str = ""
    effects: Effects = field(default_factory=dict)
    set: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choice:
    label: str
    outcome: str = ""
    effects: Effects = field(default_factory=dict)
    acts: tuple[str, ...] = ()
    values: Effects = field(default_factory=dict)
    set: tuple[str, ...] = ()
    clear: tuple[str, ...] = ()
    request: str | None = None
    granted: Branch = field(default_factory=Branch)
    denied: Branch = field(default_factory=Branch)
    follow_up: str | None = None
    after: int = 1                  # months until the follow-up
    conds: Conds = ()               # when they fail the choice is greyed with the reason, or hidden
    hide: bool = False
    place: str | None = None        # overrides the card's place for this choice's acts
    outcome_seen: str = ""          # the outcome when one of its acts was seen
    chances: tuple[Chance, ...] = ()
    count: Effects = field(default_factory=dict)
    unlist: bool = False            # takes the player off the blacklist
    points_source: Source | None = None  # what kind of fact the points of its acts are, where not the card's
    effects_seen: Effects = field(default_factory=dict)  # meter changes only when one of its acts is seen
    count_seen: Effects = field(default_factory=dict)    # counter changes only when one of its acts is seen
    need: str = ""  # on a need's card, a choice with no request: "met" (another way) or "unmet" (given up)


@dataclass(frozen=True)
class When:
    months: tuple[int, int] = (1, 99)
    needs: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    characters: tuple[str, ...] = ()
    always: bool = False
    deck: bool = True
    conds: Conds = ()


@dataclass(frozen=True)
class Card:
    id: str
    title: str
    category: str
    text: str
    source: Source
    choices: tuple[Choice, ...]
    place: str | None = None
    when: When = field(default_factory=When)


@dataclass(frozen=True)
class NeedSlot:
    """One unannounced need of a year: the seed picks one of `cards` that suits the character, and a month
    in `months`, so the player never knows in advance what the grade will be asked for, or when."""

    months: tuple[int, int]
    cards: tuple[str, ...]


NEED_OUTCOMES = ("met", "delayed", "unmet")


@dataclass(frozen=True)
class CivicAct:
    id: str
    label: str
    text: str
    source: Source
    acts: tuple[str, ...] = ()
    effects: Effects = field(default_factory=dict)
    values: Effects = field(default_factory=dict)
    unless: tuple[str, ...] = ()
    conds: Conds = ()
    count: Effects = field(default_factory=dict)
    count_seen: Effects = field(default_factory=dict)  # counter changes only when one of its acts is seen


@dataclass(frozen=True)
class Statement:
    """One statement of the two-minute check: the player says what kind of fact it is; its source answers."""

    id: str
    text: str
    source: Source


@dataclass(frozen=True)
class Goal:
    text: str
    needs: tuple[str, ...]
    by: int
    dropped_by: tuple[str, ...] = ()  # flags meaning the player gave the goal up
    met_by: tuple[str, ...] = ()      # flags meaning the player reached it another way


@dataclass(frozen=True)
class Character:
    id: str
    name: str
    role: str
    text: str
    goal: Goal
    meters: Effects = field(default_factory=dict)
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActRule:
    """How the rulebook judges one act: the points, and the chance of being seen per place."""

    points: int
    detect: dict[str, float]
    watcher: str = ""
    source: Source | None = None
    lasts: int | None = None  # months until a lost score comes back; None: for good

    def chance(self, place: str | None) -> float:
        """The chance of detection at `place` (the 'default' entry where the place is not named)."""
        if place is not None and place in self.detect:
            return self.detect[place]
        return self.detect.get("default", 0.0)


@dataclass(frozen=True)
class RuleChange:
    act: str
    points: int | None = None
    detect: dict[str, float] | None = None
    watcher: str | None = None
    remove: bool = False


@dataclass(frozen=True)
class Policy:
    id: str
    month: int
    title: str
    text: str
    source: Source
    changes: tuple[RuleChange, ...]
    # service -> (grade: outcome, rows of (conditions, outcome) read first): access rules it replaces
    access: dict[str, tuple[dict[str | None, str], tuple[tuple[Conds, str], ...]]] = field(default_factory=dict)
    grade_lines: dict[str, int] = field(default_factory=dict)  # grade -> its new lowest score


@dataclass(frozen=True)
class Grade:
    grade: str
    min: int
    label: str = ""


@dataclass(frozen=True)
class ScoreSpec:
    label: str
    start: int
    min: int
    max: int


@dataclass(frozen=True)
class AccessNote:
    """Where a service rule comes from and, for a rule that is not real, what happens in reality."""

    source: Source
    reality: str = ""


@dataclass(frozen=True)
class Blacklist:
    label: str
    acts: tuple[str, ...]
    denies: tuple[str, ...]
    source: Source | None = None
    reality: str = ""
    months: int | None = None  # months on the list before one is taken off; None: until a card lifts it


@dataclass(frozen=True)
class GradeEffect:
    effects: Effects
    text: str
    source: Source | None = None


@dataclass(frozen=True, eq=False)
class Rulebook:
    """How the system judges acts. Compared by identity, so rule caches can key on it."""

    name: str
    summary: str
    score: ScoreSpec | None
    grades: tuple[Grade, ...]
    acts: dict[str, ActRule]
    access: dict[str, dict[str | None, str]]
    access_notes: dict[str, AccessNote] = field(default_factory=dict)
    # rows of (conditions, outcome) read before the grade table
    access_rows: dict[str, tuple[tuple[Conds, str], ...]] = field(default_factory=dict)
    delay_cost: Effects = field(default_factory=dict)
    blacklist: Blacklist | None = None
    grade_effects: dict[str, GradeEffect] = field(default_factory=dict)
    policies: tuple[Policy, ...] = ()

    # `rules.effective_rules` of each set of policies asked for, kept by the rulebook and freed with it
    # (not in a cache of the process; a copy made with `dataclasses.replace` starts with its own). A plain
    # attribute, not a cached_property: the interpreter reads those far faster, and it is read every act.
    rules_in_force: dict[tuple[str, ...], dict[str, ActRule]] = field(
        init=False, default_factory=dict, repr=False, compare=False)
    # the policies that move a grade's line: most rulebooks have none, and then a grade is found without
    # looking at the policies in force at all (it is found at every act judged)
    grade_moves: frozenset[str] = field(init=False, default=frozenset(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "grade_moves", frozenset(p.id for p in self.policies if p.grade_lines))


@dataclass(frozen=True)
class LevelOption:
    """Cards a teacher may leave out for a class; a seed with a -TAG part turns it on.

    `adds` are cards dealt only with the option on (in place of those left out), and never without it."""

    id: str
    label: str
    seed_tag: str
    leaves_out: tuple[str, ...]
    adds: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Level:
    """A whole scenario. Compared by identity: two loads of the same files are two levels."""

    id: str
    title: str
    summary: str
    months: int
    cards_min: int
    cards_max: int
    civic_offers: int
    meters: dict[str, Meter]
    values: dict[str, Named]
    services: dict[str, Named]
    places: dict[str, Named]
    categories: dict[str, Named]
    acts: dict[str, Named]
    rulebook: Rulebook
    characters: dict[str, Character]
    civic: dict[str, CivicAct]
    cards: dict[str, Card]
    counters: dict[str, Named] = field(default_factory=dict)
    triggers: tuple[Trigger, ...] = ()
    civic_skip: Effects = field(default_factory=dict)  # what "not this month" gives back: the evening is yours
    content_hash: str = ""
    base: str = ""  # the level at the root of its `extends` chain: levels with one base compare their rules
    folder: str = ""  # where it was loaded from; its sibling folders hold the levels it compares with
    debrief: dict[str, Any] = field(default_factory=dict)  # questions and readings for the debrief
    options: dict[str, LevelOption] = field(default_factory=dict)
    control: str = ""  # the sibling level a split class lives in: the same cards with no score
    words: dict[str, str] = field(default_factory=dict)  # the engine's words this level renames ("period": "week")
    statements: tuple[Statement, ...] = ()  # the two-minute check's pool (check.yaml); none: no check offered
    needs: tuple[NeedSlot, ...] = ()  # unannounced needs: one card of each slot, in a month the seed picks
    empty_months_allowed: int = 1  # month-ends with a meter at its minimum a good year may have

    # The engine's tables for this level (`game.core.index`), built once by `engine.indexed` (the loader
    # asks as it loads; a new game asks again) and freed with the level. A plain attribute read at every
    # step; None until built, and in a copy made with `dataclasses.replace`, which must build its own.
    index: LevelIndex = field(init=False, default=None, repr=False, compare=False)  # type: ignore[assignment]
