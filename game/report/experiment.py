"""A class experiment: what the score did to the class's choices, measured on the class itself.

The class code fixes the design and one primary outcome before anyone plays (`classcode`), so the
report cannot go looking for a difference after the fact. Two designs:

- split halves: half the class under the score, half under the control level, one deck; the primary
  outcome's means compared;
- crossover: every student plays two short years on one deck, one under each rulebook, odd numbers meeting
  the score first; the primary outcome compared within each student (the period differences of the two
  orders compared, as a crossover is analysed, so a first-year/second-year difference cancels).

Either way the p-value comes from a randomisation test (the groups reshuffled as the code could have dealt
them), which holds its 5 % whatever the numbers' shape; the 95 % interval and the effect a class would
notice come from the t distribution.

The report claims an effect only on the primary outcome (p < 0.05), gives its size with a 95 % interval,
and says how large an effect a class of this size would likely notice. Card-by-card differences are
exploratory: Fisher's exact test, Holm-corrected for the number of cards compared, never a headline.
No count below SMALL is ever shown, nor a share that would let a reader work one out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from game.core.model import Level
from game.play.yearlog import Year
from game.report.stats import fisher_exact, holm, randomisation_test, t_interval
from game.words import narrate

SMALL = 3  # a count below this is never shown on the projected page
MIN_MET = 5  # a card needs at least this many students in each half to be compared
LIKELY = 0.05  # a p-value under this is called "unlikely by chance"
SPLIT, CROSSOVER = "split", "crossover"
CIVIC, PENALISED = "civic", "penalised"
OUTCOMES = {CIVIC: "civic acts a month", PENALISED: "share of penalised acts taken when on offer"}


@dataclass
class Primary:
    """The one outcome the class code fixed before play, compared between the rulebooks."""

    design: str
    outcome: str
    means: tuple[float, float]  # with the score, without
    effect: float  # with the score minus without
    low: float  # its 95 % interval
    high: float
    p_value: float
    detectable: float  # the effect this class would notice 8 times in 10
    students: tuple[int, int]  # the two groups' sizes (crossover: each order's)

    @property
    def claims(self) -> bool:
        return self.p_value < LIKELY


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
    answers: tuple[Counter[str], Counter[str]] = field(default_factory=lambda: (Counter(), Counter()))
    too_small: bool = False
    design: str = SPLIT
    primary: Primary | None = None
    unpaired: int = 0  # crossover: years whose student's other year was not handed in

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


def penalised_acts(scored: list) -> frozenset[str]:
    """The acts the score's rulebook took points for in the class's years: the same acts are counted in both
    groups, though without a score nothing is penalised."""
    return frozenset(a["act"] for y in scored for e in y.log if e["t"] == "decision"
                     for o in e["options"] for a in o["acts"] if a["judged"] and a["points"] < 0)


def outcome(year, name: str, penal: frozenset[str] = frozenset()) -> float | None:
    """One year's primary outcome: civic acts a month, or the share of options with an act in `penal` taken
    when on offer (None when none was on offer)."""
    if name == PENALISED:
        offered = taken = 0
        for e in year.log:
            if e["t"] == "decision":
                for i, option in enumerate(e["options"]):
                    if any(a["act"] in penal for a in option["acts"]):
                        offered += 1
                        taken += i == e["chosen"]
        return taken / offered if offered else None
    return _civic_per_month([year])


def _mean_sd(xs: list[float]) -> tuple[float, float]:
    m = _mean(xs)
    return m, (sum((x - m) ** 2 for x in xs) / (len(xs) - 1)) ** 0.5 if len(xs) > 1 else 0.0


def _two_groups(a: list[float], b: list[float], design: str, name: str, means, halve: bool) -> Primary | None:
    """The t-test and interval for the difference of two groups' means (halved for a crossover's period
    differences, where the effect is half the difference between the two orders)."""
    if len(a) < 2 or len(b) < 2:
        return None
    (ma, sa), (mb, sb) = _mean_sd(a), _mean_sd(b)
    df = len(a) + len(b) - 2
    pooled = (((len(a) - 1) * sa ** 2 + (len(b) - 1) * sb ** 2) / df) ** 0.5
    scale = 0.5 if halve else 1.0
    se = scale * pooled * (1 / len(a) + 1 / len(b)) ** 0.5
    effect = scale * (ma - mb)
    half, detectable = t_interval(se, df)
    return Primary(design, name, means, effect, effect - half, effect + half, randomisation_test(a, b, design),
                   detectable, (len(a), len(b)))


def primary_split(scored: list, control: list, name: str) -> Primary | None:
    penal = penalised_acts(scored)
    a = [v for v in (outcome(y, name, penal) for y in scored) if v is not None]
    b = [v for v in (outcome(y, name, penal) for y in control) if v is not None]
    return _two_groups(a, b, SPLIT, name, (_mean(a), _mean(b)), halve=False)


def crossover_pairs(scored: list, control: list) -> tuple[list[tuple[object, object, bool]], int]:
    """Each student's two years, (under the score, without, score first?), paired by the number in their
    class code; and how many years had no partner."""
    from game.play import classcode

    by_number: dict[int, dict[str, object]] = {}
    for group, years in ((classcode.SCORE, scored), (classcode.CONTROL, control)):
        for year in years:
            number, period = classcode.cross_student(year.state.seed)
            if number is not None:
                by_number.setdefault(number, {})[group] = year
                by_number[number][group + "_period"] = period
    pairs = [(d[classcode.SCORE], d[classcode.CONTROL], d[classcode.SCORE + "_period"] == "A")
             for d in by_number.values() if classcode.SCORE in d and classcode.CONTROL in d]
    return pairs, len(scored) + len(control) - 2 * len(pairs)


def primary_crossover(scored: list, control: list, name: str) -> tuple[Primary | None, int]:
    """The crossover analysis: per student, first year minus second; the score-first students' mean against
    the score-last students', halved, is the effect of the score with any first/second-year effect cancelled."""
    pairs, unpaired = crossover_pairs(scored, control)
    penal = penalised_acts(scored)
    first: list[float] = []
    last: list[float] = []
    with_: list[float] = []
    without: list[float] = []
    for a, b, score_first in pairs:
        va, vb = outcome(a, name, penal), outcome(b, name, penal)
        if va is None or vb is None:
            continue
        with_.append(va)
        without.append(vb)
        (first if score_first else last).append(va - vb if score_first else vb - va)
    return _two_groups(first, last, CROSSOVER, name, (_mean(with_), _mean(without)), halve=True), unpaired


def compare(level: Level, scored: list, control_level: Level, control: list, design: str = SPLIT,
            primary: str = PENALISED) -> Experiment:
    """Compare the years played under `level`'s score with those played under `control_level`: the primary
    outcome as the design says, then every card, exploratory."""
    exp = Experiment((level.title, control_level.title), (len(scored), len(control)), design=design)
    exp.too_small = min(exp.sizes) < MIN_MET
    if design == CROSSOVER:
        exp.primary, exp.unpaired = primary_crossover(scored, control, primary)
    else:
        exp.primary = primary_split(scored, control, primary)
    a, b = _choices(scored), _choices(control)
    for card_id in a.keys() & b.keys():
        met = (a[card_id][None], b[card_id][None])
        if min(met) < MIN_MET:
            continue
        best = None
        for label in sorted((set(a[card_id]) | set(b[card_id])) - {None}):  # a tie goes the same way every run
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
    for card, adjusted in zip(exp.cards, holm([c.p_value for c in exp.cards]), strict=True):
        card.p_value = adjusted  # exploratory: corrected for every card compared
    exp.cards.sort(key=lambda c: (-abs(c.difference), c.p_value, c.card))
    exp.civic_per_month = (_civic_per_month(scored), _civic_per_month(control))
    for meter in level.meters.values():
        exp.meters_at_end[meter.label] = (_mean([y.state.meters[meter.id] for y in scored]),
                                          _mean([y.state.meters[meter.id] for y in control]))
    exp.answers = (_answers(scored), _answers(control))
    return exp


def _answers(years: list[Year]) -> Counter[str]:
    """How often each "why" answer was given in these years (answers kept beside a log are untrusted)."""
    return Counter(ans["answer"] for y in years for ans in (y.data.get("answers") or ())
                   if isinstance(ans, dict) and isinstance(ans.get("answer"), str))


def _civic_per_month(years) -> float:
    acts = sum(1 for y in years for e in y.log if e["t"] == "decision" and e["kind"] == "civic"
               and not e["options"][e["chosen"]].get("skip"))
    months = sum(1 for y in years for e in y.log if e["t"] == "month")
    return acts / months if months else 0.0


def _mean(xs: list) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def number(x: float) -> str:
    return f"{x:.2f}" if abs(x) < 10 else f"{x:.1f}"


def _amount(name: str, x: float) -> str:
    return f"{round(100 * x)} percentage points" if name == PENALISED else f"{number(x)} civic acts a month"


def design_text(exp: Experiment) -> str:
    """What the class code fixed before play, in plain words."""
    name = exp.primary.outcome if exp.primary else PENALISED
    if exp.design == CROSSOVER:
        how = (f"Crossover: each student played two short years on the same deck, one under {exp.halves[0]} and one "
               f"under {exp.halves[1]}; odd numbers met the score first, even numbers second.")
    else:
        how = f"Split halves: half the class lived under {exp.halves[0]}, half under {exp.halves[1]}, on the same deck."
    return f"{how} The one outcome chosen before play: {OUTCOMES[name]}."


def primary_text(exp: Experiment) -> list[str]:
    """The primary result with its uncertainty, and what a class this size can and cannot tell, in plain words."""
    pr = exp.primary
    if pr is None or min(pr.students) < 2:
        return ["Too few students (or too few pairs of years) to compare the outcome chosen before play."]
    name = pr.outcome
    if name == PENALISED:
        means = (f"With the score, students took {round(100 * pr.means[0])} % of the penalised acts on offer; "
                 f"without it, {round(100 * pr.means[1])} %.")
    else:
        means = (f"With the score, students did {number(pr.means[0])} civic acts a month; without it, "
                 f"{number(pr.means[1])}.")
    if pr.low > 0 or pr.high < 0:  # the whole interval on one side: say it as more or fewer
        way = "more" if pr.effect > 0 else "fewer"
        near, far = sorted((abs(pr.low), abs(pr.high)))
        size = (f"With the score: {_amount(name, abs(pr.effect))} {way}; the true difference is most likely between "
                f"{_amount(name, near)} and {_amount(name, far)} {way} (95 % interval).")
    else:
        size = (f"The difference is {_amount(name, pr.effect)} (with the score minus without); the true difference "
                f"is most likely between {_amount(name, pr.low)} and {_amount(name, pr.high)} (95 % interval), "
                f"so it may be either way.")
    if pr.claims:
        verdict = (f"If the rules made no difference, a difference this large would turn up by chance in under "
                   f"5 % of classes (p = {pr.p_value:.3f}): the class's answer is that the score changed this.")
    else:
        verdict = (f"A difference this large turns up by chance often when the rules make no difference "
                   f"(p = {pr.p_value:.2f}): this class cannot tell it from chance. That is not proof of no effect.")
    power = (f"A class this size would notice a difference of about {_amount(name, pr.detectable)} or more 8 times "
             f"in 10; a smaller one may be real and still go unseen. It cannot tell why students chose as they did: "
             f"for that, read the 'why' answers.")
    out = [means, size, verdict, power]
    if exp.unpaired:
        out.append(f"{'Some years' if exp.unpaired >= SMALL else 'A few years'} had no partner year under the other "
                   f"rulebook and are left out of this comparison.")
    return out


def headline(exp: Experiment) -> str:
    """The exploratory card-by-card line: never the experiment's answer."""
    if exp.too_small:
        return (f"Too few students in each group to compare cards (at least {MIN_MET} each are needed; "
                f"{count_text(exp.sizes[0])} and {count_text(exp.sizes[1])}).")
    found = exp.findings
    if not found:
        return "Card by card, no difference was larger than chance would give once every card compared is counted."
    more = [c for c in found if c.difference > 0][:2]
    less = [c for c in found if c.difference < 0][:2]
    parts = []
    if more:
        parts.append("more often " + " and ".join(f'"{c.option}" ({c.title})' for c in more))
    if less:
        parts.append("less often " + " and ".join(f'"{c.option}" ({c.title})' for c in less))
    return "With the score, the class chose " + "; ".join(parts) + "."


def count_text(n: int) -> str:
    return str(n) if n >= SMALL else f"fewer than {SMALL}"


def lines(exp: Experiment, top: int = 5) -> list[str]:
    """The experiment as plain lines, for the terminal and the Markdown report: design, primary result,
    then the exploratory cards."""
    out = [design_text(exp), *primary_text(exp),
           f"Exploratory, card by card (corrected for {len(exp.cards)} comparisons; a hint to discuss, not a finding):",
           headline(exp)]
    for c in exp.cards[:top]:
        verdict = "unlikely by chance" if c.unlikely_by_chance else "could be chance"
        out.append(f"- {c.title}: \"{c.option}\" {share(c.chose[0], c.met[0])} with the score, "
                   f"{share(c.chose[1], c.met[1])} without ({verdict})")
    return out


def share(chose: int, met: int) -> str:
    """How many of those who met a card chose an option, as a share a reader cannot work a count below SMALL
    out of: 'about 40 %' in steps of 10, 'fewer than 3', 'all but fewer than 3', 'none', 'all'."""
    if met < SMALL:
        return f"fewer than {SMALL} met it"
    if chose == 0:
        return "none"
    if chose == met:
        return "all"
    if chose < SMALL:
        return f"fewer than {SMALL}"
    if met - chose < SMALL:
        return f"all but fewer than {SMALL}"
    return f"about {bar_share(chose, met):.0f} %"


def bar_share(chose: int, met: int) -> float:
    """A bar's length in percent, saying no more than `share` prints: in steps of 10, and one length for
    every count below SMALL (and one for all but one below it)."""
    if met < SMALL or chose == 0:
        return 0.0
    if chose == met:
        return 100.0
    if chose < SMALL:
        return 10.0
    if met - chose < SMALL:
        return 90.0
    return float(min(80, max(20, round(10 * chose / met) * 10)))


def claims_rate(level: Level, control: Level, design: str, classes: int, size: int, aware: float,
                seed: str = "SIM", months: int = 6, outcome: str = "penalised") -> dict:
    """Run `classes` simulated classes through the report's own analysis: the share where it claims an
    effect on the primary outcome (false positives when no student is aware, detection otherwise)."""
    from game.play.botclass import experiment_class
    from game.play.seeds import with_length

    claims, effects, p_values = 0, [], []
    for k in range(classes):
        code = with_length(f"{seed}{k}", months, level.months)
        scored, unscored = experiment_class(level, control, design, size, aware, code)
        exp = compare(level, scored, control, unscored, design, outcome)
        if exp.primary is not None:
            claims += exp.primary.claims
            effects.append(exp.primary.effect)
            p_values.append(exp.primary.p_value)
    return {"design": design, "classes": classes, "size": size, "aware": aware, "months": months,
            "outcome": outcome, "claims_rate": claims / classes if classes else 0.0,
            "mean_effect": sum(effects) / len(effects) if effects else 0.0}
