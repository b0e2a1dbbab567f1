"""A class experiment: what the score did to the class's choices, measured on the class itself.

Half the class played under the score, half under the control level, on one deck. For every card
both halves met often enough, the share of each half that chose each option, the difference, and
how likely a difference that large would be if the rules made no difference (Fisher's exact test,
`game.report.stats`). No count below SMALL is ever shown; with halves too small, it says so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from game.core.model import Level
from game.report.stats import fisher_exact
from game.words import narrate

SMALL = 3  # a count below this is never shown on the projected page
MIN_MET = 5  # a card needs at least this many students in each half to be compared
LIKELY = 0.05  # a p-value under this is called "unlikely by chance"


@dataclass
class CardDifference:
    """One card that both halves met: the option whose share differs most between them."""

    card: str
    title: str
    option: str  # the option's label
    chose: tuple[int, int]  # how many chose it under the score, and without
    met: tuple[int, int]  # how many met the card in each half
    p_value: float

    @property
    def shares(self) -> tuple[float, float]:
        return self.chose[0] / self.met[0], self.chose[1] / self.met[1]

    @property
    def difference(self) -> float:
        return self.shares[0] - self.shares[1]

    @property
    def unlikely_by_chance(self) -> bool:
        return self.p_value < LIKELY


@dataclass
class Experiment:
    """The two halves of a split class, compared."""

    halves: tuple[str, str]  # the two levels' titles: under the score, without
    sizes: tuple[int, int]
    cards: list[CardDifference] = field(default_factory=list)  # largest difference first
    civic_per_month: tuple[float, float] = (0.0, 0.0)
    meters_at_end: dict[str, tuple[float, float]] = field(default_factory=dict)  # meter label -> means
    answers: tuple[Counter, Counter] = field(default_factory=lambda: (Counter(), Counter()))
    too_small: bool = False

    @property
    def findings(self) -> list[CardDifference]:
        return [c for c in self.cards if c.unlikely_by_chance]


def _choices(years) -> dict[str, Counter]:
    """Per card, how many chose each option (by label), and `None` for how many met it."""
    out: dict[str, Counter] = {}
    for year in years:
        for e in year.log:
            if e["t"] == "decision" and e["card"]:
                counts = out.setdefault(e["card"], Counter())
                counts[None] += 1
                counts[narrate.option_label(e["options"][e["chosen"]])] += 1
    return out


def compare(level: Level, scored: list, control_level: Level, control: list) -> Experiment:
    """Compare the years played under `level`'s score with those played under `control_level`."""
    exp = Experiment((level.title, control_level.title), (len(scored), len(control)))
    exp.too_small = min(exp.sizes) < MIN_MET
    a, b = _choices(scored), _choices(control)
    for card_id in a.keys() & b.keys():
        met = (a[card_id][None], b[card_id][None])
        if min(met) < MIN_MET:
            continue
        best = None
        for label in (set(a[card_id]) | set(b[card_id])) - {None}:
            chose = (a[card_id][label], b[card_id][label])
            gap = abs(chose[0] / met[0] - chose[1] / met[1])
            if best is None or gap > best[0]:
                best = (gap, label, chose)
        if best is None:
            continue
        _gap, label, chose = best
        p = fisher_exact(chose[0], met[0] - chose[0], chose[1], met[1] - chose[1])
        title = level.cards[card_id].title if card_id in level.cards else card_id
        exp.cards.append(CardDifference(card_id, title, label, chose, met, p))
    exp.cards.sort(key=lambda c: (-abs(c.difference), c.p_value, c.card))
    exp.civic_per_month = tuple(_civic_per_month(years) for years in (scored, control))
    for meter in level.meters.values():
        exp.meters_at_end[meter.label] = tuple(_mean([y.state.meters[meter.id] for y in years])
                                               for years in (scored, control))
    exp.answers = tuple(Counter(ans["answer"] for y in years for ans in (y.data.get("answers") or ())
                                if isinstance(ans, dict) and isinstance(ans.get("answer"), str))
                        for years in (scored, control))
    return exp


def _civic_per_month(years) -> float:
    acts = sum(1 for y in years for e in y.log if e["t"] == "decision" and e["kind"] == "civic"
               and not e["options"][e["chosen"]].get("skip"))
    months = sum(1 for y in years for e in y.log if e["t"] == "month")
    return acts / months if months else 0.0


def _mean(xs: list[int]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def headline(exp: Experiment) -> str:
    """One line for the projector."""
    if exp.too_small:
        return (f"Too few students in each half to tell ({exp.sizes[0]} and {exp.sizes[1]}; at least {MIN_MET} "
                f"each are needed).")
    found = exp.findings
    if not found:
        return "The two halves chose alike: no difference on any card was larger than chance would give."
    more = [c for c in found if c.difference > 0][:2]
    less = [c for c in found if c.difference < 0][:2]
    parts = []
    if more:
        parts.append("more often " + " and ".join(f'"{c.option}" ({c.title})' for c in more))
    if less:
        parts.append("less often " + " and ".join(f'"{c.option}" ({c.title})' for c in less))
    return "With the score, the class chose " + "; ".join(parts) + "."


def lines(exp: Experiment, top: int = 5) -> list[str]:
    """The comparison as plain lines, for the terminal and the Markdown report."""
    out = [headline(exp), f"Halves: {exp.halves[0]} ({exp.sizes[0]}), {exp.halves[1]} ({exp.sizes[1]})."]
    for c in exp.cards[:top]:
        verdict = "unlikely by chance" if c.unlikely_by_chance else "could be chance"
        out.append(f"- {c.title}: \"{c.option}\" {share(c.chose[0], c.met[0])} with the score, "
                   f"{share(c.chose[1], c.met[1])} without ({p_text(c.p_value)}, {verdict})")
    out.append(f"Civic acts a month: {exp.civic_per_month[0]:.2f} with the score, "
               f"{exp.civic_per_month[1]:.2f} without.")
    return out


def share(chose: int, met: int) -> str:
    """How many of those who met a card chose an option, never showing a count below SMALL (nor one that
    would let a reader work it out): "10 of 12", "fewer than 3 of 12", "all but fewer than 3 of 12"."""
    if met < SMALL:
        return f"fewer than {SMALL} met it"
    if 0 < chose < SMALL:
        return f"fewer than {SMALL} of {met}"
    if 0 < met - chose < SMALL:
        return f"all but fewer than {SMALL} of {met}"
    return f"{chose} of {met}"


def p_text(p: float) -> str:
    """A p-value as a reader takes it in: "p < 0.001", "p = 0.08"."""
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def bar_share(chose: int, met: int) -> float:
    """A bar's length in percent, rounded to tens: a bar must not give away a count below three."""
    return round(10 * chose / met) * 10 if met else 0.0
