"""The shapes of what the engine hands out: an option of a decision, and the events of the log.

Plain dicts (so a log is JSON as it stands), typed here so that the front ends, the debrief and the
tests agree on the keys. Every event has `t`, a literal that tells its kind: `if e["t"] == "act":`
lets mypy read `e` as an `ActEvent` after it. `Event` is the union of them all; a log is a
`list[Event]`. Keys marked NotRequired are written only when they say something.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, TypedDict, Union, cast

if TYPE_CHECKING:  # annotations only: nothing here is needed when the game runs
    from typing_extensions import NotRequired


class ActPreview(TypedDict):
    act: str
    judged: bool
    points: int
    chance: float
    watcher: str
    blacklist: NotRequired[bool]  # being seen puts the player on the blacklist
    lasts: NotRequired[int]       # months until the points come back


class ChancePreview(TypedDict):
    chance: float
    effects: dict[str, int]
    outcome: str


class Option(TypedDict):
    label: str
    effects: dict[str, int]
    acts: list[ActPreview]
    values: dict[str, int]
    request: str | None
    request_outcome: str | None
    expected_points: float
    available: NotRequired[bool]          # False: shown greyed; `blocked` says why
    blocked: NotRequired[list[str]]       # the author's words of each condition not met
    choice: NotRequired[int]              # which of the card's choices (hidden ones are not offered)
    chances: NotRequired[list[ChancePreview]]
    civic: NotRequired[str]
    skip: NotRequired[bool]
    goal_later: NotRequired[int]          # a service the goal needs, and this does not settle it: month N will
    effects_seen: NotRequired[dict[str, int]]  # meter changes only if one of its acts is seen


class StartEvent(TypedDict):
    """The year's first event: who plays, on what, from where."""

    t: Literal["start"]
    level: str
    content_hash: str
    seed: str
    character: str
    values: list[str]
    meters: dict[str, int]
    score: int | None
    grade: str | None
    months: NotRequired[int]           # the rounds of a short year (absent: the level's months)
    options: NotRequired[list[str]]    # the level options on
    left_out: NotRequired[list[str]]   # the cards they leave out


class DrawEvent(TypedDict):
    """A draw of the dice: `what` is deck_order, guaranteed_months, needs, cards_this_month or civic_offers."""

    t: Literal["draw"]
    what: str
    outcome: list[str] | dict[str, int] | int
    chance: NotRequired[float]


# "from" is a keyword: the key is declared the functional way, in a base the class adds to
_MonthFrom = TypedDict("_MonthFrom", {"from": int}, total=False)  # a round of a short year: its first month


class MonthEvent(_MonthFrom):
    t: Literal["month"]
    month: int


class PolicyEvent(TypedDict):
    t: Literal["policy"]
    policy: str
    month: int


class ExpiredEvent(TypedDict):
    """A penalty whose months are up: its points come back."""

    t: Literal["expired"]
    act: str
    points: int
    score: int | None
    grade: str | None
    month: int


class UnlistedEvent(TypedDict):
    t: Literal["unlisted"]
    why: str  # "time" or "card"
    month: int
    card: NotRequired[str]


class DealEvent(TypedDict):
    t: Literal["deal"]
    month: int
    cards: list[str]


class DecisionEvent(TypedDict):
    t: Literal["decision"]
    kind: str            # "card" or "civic"
    month: int
    card: str | None
    options: list[Option]
    chosen: int          # index into options
    choice: NotRequired[int]   # index into the card's choices
    seen: NotRequired[bool]    # a card's: one of its acts was seen
    meters_after: NotRequired[dict[str, int]]
    score_after: NotRequired[int | None]


class EffectsEvent(TypedDict):
    t: Literal["effects"]
    why: str  # choice, granted, denied, delay, grade, chance, trigger, rest
    applied: dict[str, int]


class ActEvent(TypedDict):
    t: Literal["act"]
    act: str
    place: str | None
    roll: int
    month: int
    judged: bool
    chance: float
    caught: bool
    points: int
    forced: NotRequired[bool]
    rule_points: NotRequired[int]
    watcher: NotRequired[str]
    score: NotRequired[int | None]
    grade: NotRequired[str | None]
    lasts: NotRequired[int]
    listed: NotRequired[bool]


class BlacklistEvent(TypedDict):
    t: Literal["blacklist"]
    act: str
    month: int
    list: str
    until: int | None


class ChanceEvent(TypedDict):
    t: Literal["chance"]
    card: str
    roll: int
    outcome: int | None  # which of the choice's chances came up (None: none did)
    month: int
    forced: NotRequired[bool]


# "for" is a keyword: the key is declared the functional way, in a base the class adds to
_ServiceFor = TypedDict("_ServiceFor", {"for": str})  # what asked: card or goal


class ServiceEvent(_ServiceFor):
    t: Literal["service"]
    service: str
    outcome: str
    why: str
    grade: str | None
    month: int
    card: str | None
    meters: dict[str, int]
    counters: dict[str, int]
    flags: list[str]
    perk: NotRequired[str]  # at the top grade, what the grade below would have got instead (worse)


class TriggerEvent(TypedDict):
    t: Literal["trigger"]
    trigger: str
    month: int
    deal: str | None


class GoalEvent(TypedDict):
    t: Literal["goal"]
    reached: bool
    how: str  # dropped, other_way (met_by with no needed service given), early (met_by with one), services
    month: int
    needs: list[str]
    outcomes: list[str]
    settled_by: NotRequired[list[dict[str, Any]]]  # early: the services that settled it (service, outcome, month, card)


class MonthEndEvent(TypedDict):
    t: Literal["month_end"]
    month: int
    score: int | None
    grade: str | None
    grade_effect: str | None
    meters: dict[str, int]
    blacklisted: bool


class EndNowEvent(TypedDict):
    t: Literal["end_now"]
    month: int


class NeedEvent(TypedDict):
    """An unannounced need answered: met (granted, or met another way), delayed, or unmet (denied, or
    given up). `service`: what was asked for, if anything was."""

    t: Literal["need"]
    card: str
    month: int
    outcome: str
    service: str | None


class Verdict(TypedDict):
    """How the year went as a whole life: the meters left at their minimum, the month-ends any meter
    spent there, the needs left unmet, and whether it was good."""

    meters_at_min: list[str]
    months_at_min: int
    needs_unmet: list[str]
    good_year: bool


class EndEvent(Verdict):
    t: Literal["end"]
    score: int | None
    grade: str | None
    meters: dict[str, int]
    goal_reached: bool | None
    blacklisted: bool


Event = Union[  # noqa: UP007  # a runtime alias: `|` between classes needs 3.10's types.UnionType
    StartEvent, DrawEvent, MonthEvent, PolicyEvent, ExpiredEvent, UnlistedEvent, DealEvent, DecisionEvent,
    EffectsEvent, ActEvent, BlacklistEvent, ChanceEvent, ServiceEvent, TriggerEvent, GoalEvent,
    MonthEndEvent, EndNowEvent, EndEvent, NeedEvent,
]
Log = list[Event]


def plain(log: Sequence[Event]) -> list[dict[str, Any]]:
    """The same log, seen as plain dicts: for a reader not yet written event kind by event kind
    (it reads keys without `if e["t"] == ...` first). No copy is made."""
    return cast("list[dict[str, Any]]", log)

