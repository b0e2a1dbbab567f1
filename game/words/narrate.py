"""Sentences about the game: what an option would do, what just happened, how the month went.

Shared by the terminal and the window so both tell the player the same thing in the same words.
Reads the level and the log; changes nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from game.core.engine import at_minimum, calendar, span
from game.core.model import Blacklist, Level
from game.core.rules import access_rule, effective_rules, grade_of, policies_in
from game.words.i18n import _, ngettext

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
SOURCE_WORDS = {
    "documented": "Documented",
    "reported": "Reported",
    "thought_experiment": "The article's thought experiment",
    "invented": "Invented for the game",
}
# Beside a number of points: what kind of fact the rule behind them is (short, for a chip or a line).
POINTS_WORDS = {
    "documented": "documented",
    "reported": "reported",
    "thought_experiment": "the article's idea",
    "invented": "invented",
}
OUTCOME_WORDS = {"granted": "APPROVED", "delayed": "DELAYED", "denied": "DENIED"}
NEED_TAG = "Unexpected need"  # on a need's card: nobody announced it (the window's badge, the terminal's line)
# what became of a need, after its choice (the `need` event's outcome)
NEED_WORDS = {"met": "Need met.", "delayed": "Need met, late.",
              "unmet": "Need left unmet: it counts against your year."}
PERK_WORDS = {"denied": "refused", "delayed": "delayed"}  # what the grade below would have got


def article_name(level: Level) -> str:
    """The work a level's sources call "the article", as its level.yaml names it ('' if none)."""
    return word(level, "article")


def about_lines(level: Level) -> list[str]:
    """What the sources screen opens with: the level's own words on what it rests on, and which work
    "the article" is. Nothing here is the engine's: a school level says nothing of China."""
    out = [word(level, "about")]
    if article_name(level):
        out.append(_("“The article” in the sources is {article}.").format(article=article_name(level)))
    return out


def sources_page(level: Level) -> list[tuple[str, str]]:
    """The sources screen as (kind, text): "p" a paragraph, "h" a heading, "li" an item. What the level
    rests on, the readings of the real system, then every fact grouped by how sure we are of it."""
    groups: dict[str, list[tuple[str, str]]] = {k: [] for k in SOURCE_WORDS}
    seen = set()
    rb = level.rulebook
    items = [(c.title, c.source, "") for c in level.cards.values()]
    items += [(level.acts[a].label, r.source, "") for a, r in rb.acts.items() if r.source]
    items += [(level.services[s].label, n.source, n.reality) for s, n in rb.access_notes.items()]
    items += [(rb.blacklist.label, rb.blacklist.source, rb.blacklist.reality)] if rb.blacklist and rb.blacklist.source \
        else []
    items += [(_("Grade {g}").format(g=g), e.source, "") for g, e in rb.grade_effects.items() if e.source]
    items += [(p.title, p.source, "") for p in rb.policies]
    for name, source, reality in items:
        key = (source.fact, source.ref, reality)
        if key in seen:
            continue
        seen.add(key)
        fact = source_words(source.fact, source.ref) + (f" {reality}" if reality else "")
        groups[source.label].append((name, fact))
    page = [("p", line) for line in about_lines(level)]
    readings = level.debrief.get("readings", ())
    if readings:
        page.append(("h", _("The real world, the harsh parts included")))
        page += [("li", f"{r['title']}: {r['text']} ({r['ref']})") for r in readings]
    for label, entries in groups.items():
        if entries:
            page.append(("h", _(SOURCE_WORDS[label])))
            page += [("li", f"{name}: {fact}") for name, fact in entries]
    page += [("h", _("Credits")), ("p", _("Font: Atkinson Hyperlegible (SIL Open Font License). Icons: Lucide "
                                          "(ISC). Sounds made for the game (CC0). Code: MIT licence."))]
    return page


def source_words(fact: str, ref: str | None) -> str:
    """A fact and, in brackets, where it comes from. The article is named once per screen (see
    `article_name`), so here it is only "the article", and not even that where the fact says it."""
    if not ref:
        return fact
    if ref == "article":
        return fact if "article" in fact.lower() else _("{fact} (the article)").format(fact=fact)
    return f"{fact} ({ref})"


# The engine's own words a level may rename in its level.yaml `words:` (a school term has weeks, a
# platform a "rating"); these are today's words, used where a level says nothing.
LEVEL_WORDS = {"period": "month", "periods": "months", "year": "year",
               "tagline": "One year under a social credit score", "score": "score",
               "about": "Model Citizen is a game about living under a points-based score. Its world is fictional; "
                        "each card and rule says how sure we are of the fact it rests on.",
               "article": ""}


_ENGINE_WORD = re.compile(r"\b(years?|months?|Years?|Months?)\b")


def own(level: Level | None, text: str) -> str:
    """One of the engine's sentences ("The year is over", "Next month") in the level's own words for the
    year and its rounds ("The term is over", "Next week"). Only for the engine's sentences, never an author's."""
    words = getattr(level, "words", None) or {}
    if level is None or not (words.get("year") or words.get("period") or words.get("periods")):
        return text

    def swap(match: re.Match) -> str:
        found = match.group(0)
        base = found.lower()
        if base.startswith("year"):
            new = word(level, "year") + ("s" if base == "years" else "")
        else:
            new = word(level, "periods") if base == "months" else word(level, "period")
        return new[:1].upper() + new[1:] if found[0].isupper() else new
    return _ENGINE_WORD.sub(swap, text)


def periods(level: Level, n: int) -> str:
    """"3 months", "1 week": a count of the level's rounds."""
    return f"{n} {word(level, 'period') if n == 1 else word(level, 'periods')}"


def no_score_banner(level: Level) -> str:
    """What the table says where a score would stand, worked out from the rules: in a world with no score a
    service may still turn on a meter, a counter or a flag (a scholarship on marks), and then it says so."""
    rb = level.rulebook
    turns: list[str] = []
    for service, rows in rb.access_rows.items():
        names: list[str] = []
        for conds, _outcome in rows:
            for cond in conds:
                name = (level.meters[cond.key].label.lower() if cond.kind == "meter" else
                        level.counters[cond.key].label.lower() if cond.kind == "counter" else
                        word(level, "period") if cond.kind == "month" else
                        _("who you are") if cond.kind == "character" else cond.key.replace("_", " "))
                if name not in names:
                    names.append(name)
        if names:
            turns.append(_("{service} turns on {what}").format(service=level.services[service].label,
                                                                   what=and_list(names)))
    if rb.blacklist is not None:
        turns.append(_("the {list} refuses {services}").format(
            list=rb.blacklist.label, services=and_list([level.services[s].label for s in rb.blacklist.denies])))
    if not turns:
        outcomes = {o for table in rb.access.values() for o in table.values()}
        if outcomes == {"granted"}:
            return _("No score in this world: every service is granted, whatever you do.")
        return _("No score in this world: services depend on nothing you do.")
    return _("No score in this world, but {what}.").format(what="; ".join(turns))


def and_list(items: list[str]) -> str:
    """"Family, Money and Self-respect": a list as a sentence says it."""
    if len(items) < 2:
        return "".join(items)
    return _("{first} and {last}").format(first=", ".join(items[:-1]), last=items[-1])


def word(level: Level, key: str) -> str:
    """One of the engine's words as this level names it (see LEVEL_WORDS)."""
    return getattr(level, "words", {}).get(key) or _(LEVEL_WORDS[key])


def _named_months(level: Level) -> bool:
    """A year of twelve months is told with the calendar's names; any other length or period by number."""
    return level.months == 12 and word(level, "period") == LEVEL_WORDS["period"]


def month_name(level: Level, month: int) -> str:
    if _named_months(level):
        return _(MONTH_NAMES[month - 1])
    return _("{Period} {n}").format(Period=word(level, "period").capitalize(), n=month)


def round_name(level: Level, state) -> str:
    """Where the year stands: "March · month 3 of 12", or in a short year "May–June · 3 of 6"."""
    ends = calendar(level, state)
    first, last = span(level, state)
    name = month_name(level, last) if first == last else f"{month_name(level, first)}–{month_name(level, last)}"
    if len(ends) == level.months:
        if _named_months(level):
            return _("{name} · {m} of {n}").format(name=name, m=state.month, n=level.months)
        return _("{period} {m} of {n}").format(period=word(level, "period"), m=state.month, n=level.months)
    return _("{name} · {m} of {n}").format(name=name, m=ends.index(state.month) + 1, n=len(ends))


def goal_status(level: Level, state) -> str:
    """How the goal stands now: months left, or how it ended."""
    if state.goal_reached is not None:
        return _("goal reached") if state.goal_reached else _("goal missed")
    left = level.characters[state.character].goal.by - state.month
    if left > 1:
        return _("goal due in {n} {periods}").format(n=left, periods=word(level, "periods"))
    period = word(level, "period")
    return _("goal due next {period}").format(period=period) if left == 1 else \
        _("goal due this {period}").format(period=period)


def signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def effects_text(level: Level, effects: dict[str, int]) -> str:
    return ", ".join(f"{level.meters[k].label} {signed(v)}" for k, v in effects.items() if v)


def points_kind(level: Level, card, option: Mapping[str, Any]) -> str | None:
    """What kind of fact a card choice's points rest on, where it is not the card's own kind: a
    documented survey whose answers are scored by an invented rule says "invented" beside the points.

    The choice's own `points_source` where the level judges the cards by the rulebook they were
    written for; under another rulebook (a level that `extends` one), the kind of the rules in force."""
    if card is None or option.get("civic") or option.get("skip") or "choice" not in option:
        return None
    if not any(a["judged"] and a["points"] for a in option["acts"]):
        return None
    choice = card.choices[option["choice"]]
    if choice.points_source is not None and level.base in ("", level.id):
        kind = choice.points_source.label
    else:
        rules = level.rulebook.acts
        kinds = {rules[a["act"]].source.label for a in option["acts"]  # type: ignore[union-attr]
                 if a["judged"] and a["points"] and a["act"] in rules and rules[a["act"]].source}
        kind = max(kinds, key=SOURCE_ORDER.index) if kinds else None
    return kind if kind and kind != card.source.label else None


SOURCE_ORDER = ("documented", "reported", "thought_experiment", "invented")  # the most imagined last


def act_text(level: Level, act: dict, kind: str | None = None) -> str:
    """One act of an option: what the rulebook would make of it; `kind` (see `points_kind`) is said
    beside the points when they rest on another kind of fact than the card."""
    label = level.acts[act["act"]].label
    if not act["judged"]:
        return _("{act} (not scored)").format(act=label)
    chance = round(act["chance"] * 100)
    who = f", {act['watcher']}" if act["watcher"] else ""
    pts = signed(act["points"])
    if chance >= 100:
        text = _("{act}: {pts} points, always recorded{who}").format(act=label, pts=pts, who=who)
    else:
        text = _("{act}: {pts} points if seen ({chance}% chance{who})").format(
            act=label, pts=pts, chance=chance, who=who)
    if kind and act["points"]:
        text += _("; these points: {kind}").format(kind=_(POINTS_WORDS[kind]))
    if act.get("lasts"):
        text += _("; the points come back after {n}").format(n=periods(level, act["lasts"]))
    if act.get("blacklist") and level.rulebook.blacklist:
        text += _("; puts you on the {list}").format(list=level.rulebook.blacklist.label)
    return text


def chance_text(level: Level, chance: dict) -> str:
    """One chance outcome of an option, with its odds, before choosing."""
    what = effects_text(level, chance["effects"]) or chance["outcome"] or _("something happens")
    return _("{chance}% chance: {what}").format(chance=round(chance["chance"] * 100), what=what)


def option_label(option: Mapping[str, Any], level: Level | None = None) -> str:
    """An option's label; "not this month" (in the level's word for a month) is logged without one and worded here."""
    if not option.get("skip"):
        return option["label"]
    return _("Not this {period}").format(period=word(level, "period") if level else LEVEL_WORDS["period"])


REFUSALS = {
    "no_character": "There is no character '{id}' in this level.",
    "bad_values": "Pick three different values from the level's list.",
    "bad_months": "A year here lasts from 2 to {full} months, not {n}.",
    "bad_options": "This level has no option {ids}.",
    "year_over": "The year is over: there is nothing left to decide.",
    "bad_choice": "Choose a number from 1 to {n}.",
    "unavailable": "Choice {n} is not open to you now: it needs {why}.",
    "record_unplayable": "Choice {n} of the record cannot be played: {why}",
}


def refusal_text(refusal) -> str:
    """The engine's refusal in words a player understands."""
    args = dict(refusal.args)
    if isinstance(args.get("why"), list):
        args["why"] = _(" and ").join(args["why"])
    elif "why" in args:
        args["why"] = refusal_text(args["why"])
    return _(REFUSALS[refusal.code]).format(**args)


def option_lines(level: Level, option: Mapping[str, Any], card=None) -> list[str]:
    """What choosing this option would do, one fact per line; with the card, the kind of fact its
    points rest on where it is not the card's."""
    lines = []
    if option.get("available") is False:
        lines.append(_("Not open to you now: needs {why}").format(why=_(" and ").join(option["blocked"])))
    if option["effects"]:
        lines.append(effects_text(level, option["effects"]))
    if option.get("effects_seen"):
        lines.append(_("If one of its acts is seen: {changes}").format(
            changes=effects_text(level, option["effects_seen"])))
    kind = points_kind(level, card, option)
    lines += [act_text(level, a, kind) for a in option["acts"]]
    lines += [chance_text(level, c) for c in option.get("chances", ())]
    if option["request"]:
        service = level.services[option["request"]].label
        lines.append(_("Applies for: {service} (now: {outcome})").format(
            service=service, outcome=OUTCOME_WORDS[option["request_outcome"]].lower()))
        if option.get("goal_later"):
            lines.append(goal_later_text(level, option["goal_later"]))
    return lines or [_("No effect on your meters or your score")]


def goal_later_text(level: Level, month: int) -> str:
    """Said before choosing, beside a service the goal needs: this answer does not settle the goal."""
    return _("This does not settle your goal: your grade in {month} will.").format(month=month_name(level, month))


def watched(option: Mapping[str, Any]) -> bool:
    """True when the rulebook would notice at least one act of this option."""
    return any(a["judged"] and a["chance"] > 0 for a in option["acts"])


def grade_label(level: Level, grade: str | None) -> str:
    if grade is None:
        return _("no grade")
    for g in level.rulebook.grades:
        if g.grade == grade:
            return f"{grade} ({g.label})" if g.label else grade
    return grade


def status_line(level: Level, score: int | None, meters: dict[str, int], policies: tuple[str, ...] = ()) -> str:
    parts = []
    if score is not None:
        grade = grade_of(level.rulebook, score, policies)
        spec = level.rulebook.score
        assert spec is not None  # a score is kept only under a rulebook that has one
        parts.append(f"{spec.label} {score} · {_('Grade')} {grade}")
    parts += [f"{m.label} {meters[m.id]}/{m.max}" for m in level.meters.values()]
    return " · ".join(parts)


def service_reason(level: Level, event: Mapping[str, Any]) -> str:
    if event["why"] == "blacklist":
        return _("you are on the {list}").format(list=_the_list(level).label)
    if event["why"] == "grade":
        return _("grade {grade}").format(grade=event["grade"])
    rows = access_rule(level.rulebook, event["service"], policies_in(level.rulebook, 1, event.get("month", 0)))[1]
    if rows and event["why"] == "rule":
        row = next((conds for conds, outcome in rows if outcome == event["outcome"] and all(
            _held(c, event) for c in conds)), None)
        if row:
            return " and ".join(_cond_words(level, c) for c in row)
    if rows:  # judged by rows of conditions, and none of them held
        return _("none of its rule's conditions held")
    return _("the same for everyone")


def _cond_words(level: Level, cond) -> str:
    """A condition as a player reads it: 'Rides cancelled >= 3', 'grade B', else the author's words."""
    named = level.meters.get(cond.key) if cond.kind == "meter" else level.counters.get(cond.key) \
        if cond.kind == "counter" else None
    if named is not None:
        return f"{named.label} {cond.op} {cond.value}"
    if cond.kind == "grade" and cond.op in ("in", "=="):
        return _("grade {grade}").format(grade=" or ".join(cond.value))
    return cond.text


def _held(cond, event: Mapping[str, Any]) -> bool:
    """Whether a condition of an access row held at this service event, from what the event recorded."""
    kind, value = cond.kind, None
    if kind == "flag":
        return (cond.key in event.get("flags", ())) is cond.value
    if kind == "grade":
        inside = event.get("grade") in cond.value
        return inside if cond.op in ("in", "==") else not inside
    if kind == "meter":
        value = event.get("meters", {}).get(cond.key)
    elif kind == "counter":
        value = event.get("counters", {}).get(cond.key, 0)
    elif kind == "month":
        value = event.get("month")
    if value is None:  # the score or the character is not in the event: take the row's word for it
        return True
    ops = {"<": int.__lt__, "<=": int.__le__, ">": int.__gt__, ">=": int.__ge__, "==": int.__eq__,
           "!=": int.__ne__}
    return ops[cond.op](value, cond.value)


def _reality(level: Level, event: Mapping[str, Any]) -> tuple[str, str] | None:
    """(source label, reality) of the rule that refused or delayed this service, if it says what is real."""
    if event.get("t") != "service" or event["outcome"] == "granted":
        return None
    rb = level.rulebook
    if event["why"] == "grade" and event["service"] in rb.access_notes:
        note = rb.access_notes[event["service"]]
        source, reality = note.source, note.reality
    elif event["why"] == "blacklist" and rb.blacklist and rb.blacklist.source:
        source, reality = rb.blacklist.source, rb.blacklist.reality
    else:
        return None
    return (source.label, reality) if reality else None


def reality_line(level: Level, event: Mapping[str, Any]) -> str | None:
    """For a service refused or delayed by a rule that is not how things work: one line saying so,
    and what happens in reality. The rule carries the words (`reality:` in the rulebook), so the
    engine stays general. Each rule's line differs, so the terminal, which tells a note once a year,
    tells it once for each service held back."""
    found = _reality(level, event)
    if found is None:
        return None
    label, reality = found
    if label == "thought_experiment":  # a refusal and a delay each get their note, even for one service
        done = _("Refused for a grade here.") if event["outcome"] == "denied" else _("Delayed for a grade here.")
        return _("The article's thought experiment. {done} {reality}").format(done=done, reality=reality)
    return _("The game simplifies. {reality}").format(reality=reality)


def reality_tag(level: Level, event: Mapping[str, Any]) -> str | None:
    """A word for a stamped ticket whose refusal `reality_line` explains."""
    found = _reality(level, event)
    if found is None:
        return None
    return _("imagined") if found[0] == "thought_experiment" else _("simplified")


def event_lines(level: Level, event: Mapping[str, Any], choice=None) -> list[str]:
    """Sentences for one log event; empty for events the player need not read.

    `choice` is the card choice just played, so that a service's answer can be told in its words.
    """
    t = event["t"]
    if t == "decision":
        if event["kind"] == "card":
            choice = card_choice(level, event)
            outcome = choice.outcome_seen if event.get("seen") and choice.outcome_seen else choice.outcome
            return [f"> {choice.label}."] + ([outcome] if outcome else [])
        option = event["options"][event["chosen"]]
        return [f"> {option_label(option)}."]
    if t == "effects":
        changes = effects_text(level, event["applied"])
        if event["why"] == "delay":
            return [_("The wait costs you: {changes}").format(changes=changes)]
        if event["why"] == "grade":
            if event.get("grade"):  # the month's end explains the grade's perks the first time
                return [_("Grade {grade}: {changes}").format(grade=event["grade"], changes=changes)]
            return [_("Your grade's perks and penalties: {changes}").format(changes=changes)]
        if event["why"] == "rest":
            return [_("Your evening: {changes}").format(changes=changes)]
        if event["why"] == "trigger":
            return [_("It catches up with you: {changes}").format(changes=changes)]
        if event["why"] == "chance":
            return [_("As luck had it: {changes}").format(changes=changes)]
        if event["why"] == "seen":
            return [_("Because you were seen: {changes}").format(changes=changes)]
        return [_("Your meters: {changes}").format(changes=changes)]
    if t == "act":
        label = level.acts[event["act"]].label
        if not event["judged"]:
            return [_("{act}: no rule scores this.").format(act=label)]
        chance = round(event["chance"] * 100)
        if chance >= 100:
            # who records it and under which rule, the option said just before
            return [_("Recorded: {pts} points. {Score} {score}, grade {grade}.").format(
                Score=word(level, "score").capitalize(), pts=signed(event["rule_points"]),
                score=event["score"], grade=event["grade"])]
        roll = _("Roll {roll} of 100 (seen on {chance} or less)").format(roll=event["roll"], chance=chance)
        if event["caught"]:
            return [_("{roll}: SEEN, {pts} points. {Score} {score}, grade {grade}.").format(
                Score=word(level, "score").capitalize(), roll=roll, pts=signed(event["rule_points"]),
                score=event["score"], grade=event["grade"])]
        return [_("{roll}: not seen.").format(roll=roll)]
    if t == "blacklist":
        return [blacklist_sentence(level, event["list"])]
    if t == "chance":
        if event["outcome"] is None or choice is None:
            return []
        got = choice.chances[event["outcome"]]
        return [_("Roll {roll} of 100: {what}").format(roll=event["roll"], what=got.outcome or effects_text(
            level, got.effects))]
    if t == "expired":
        return [_("{act}: the {pts} points come back. {Score} {score}, grade {grade}.").format(
            Score=word(level, "score").capitalize(),
            act=level.acts[event["act"]].label, pts=signed(event["points"]), score=event["score"],
            grade=event["grade"])]
    if t == "unlisted":
        return [_("You are off the {list}.").format(list=_the_list(level).label)]
    if t == "trigger":  # a card it deals speaks for itself; an effect alone is told by its effects event
        return []
    if t == "service":
        service = level.services[event["service"]].label
        lines = [_("{service}: {outcome} ({why}).").format(
            service=service, outcome=OUTCOME_WORDS[event["outcome"]], why=service_reason(level, event))]
        reality = reality_line(level, event)
        lines += [reality] if reality else []
        perk = perk_line(level, event)
        lines += [perk] if perk else []
        if event.get("card") and choice is not None:
            branch = choice.denied if event["outcome"] == "denied" else choice.granted
            lines += [branch.outcome] if branch.outcome else []
        return lines
    if t == "goal":
        return goal_lines(level, event)
    if t == "need":
        return [own(level, _(NEED_WORDS[event["outcome"]]))]
    if t == "policy":
        policy = next(p for p in level.rulebook.policies if p.id == event["policy"])
        return [_("NEW POLICY: {title}").format(title=policy.title), policy.text]
    if t == "end":
        return []
    return []


def perk_line(level: Level, event: Mapping[str, Any]) -> str | None:
    """Said when the top grade changed what a service gave (the event's `perk`: what the grade below
    would have got), so grade A's perk is seen the moment it counts."""
    perk = event.get("perk")
    grades = level.rulebook.grades
    if not perk or len(grades) < 2:
        return None
    return _("Grade {top} counted: at grade {below} this would have been {outcome}.").format(
        top=event["grade"], below=grades[1].grade, outcome=_(PERK_WORDS.get(perk, perk)))


def need_tag(state, card) -> str:
    """The tag on a card that is one of the year's unannounced needs ('' on any other card)."""
    return _(NEED_TAG) if card is not None and card.id in getattr(state, "needs", {}) else ""


def card_choice(level: Level, event: Mapping[str, Any] | None):
    """The card choice a decision event took (hidden choices make its option index differ)."""
    if event is None or event.get("kind") != "card":
        return None
    return level.cards[event["card"]].choices[event.get("choice", event["chosen"])]


def _the_list(level: Level) -> Blacklist:
    """The level's blacklist, for lines about being on it: the log puts a player there only under a
    rulebook that has one."""
    on = level.rulebook.blacklist
    assert on is not None
    return on


def blacklist_sentence(level: Level, name: str) -> str:
    services = ", ".join(level.services[s].label for s in _the_list(level).denies)
    return _("You are now on the {list}: whatever your grade, it refuses you {services}.").format(
        list=name, services=services)


def goal_lines(level: Level, event: Mapping[str, Any]) -> list[str]:
    """How the goal was settled at its deadline, and the rule that decided it."""
    if event["how"] == "dropped":
        return [_("You gave up this goal yourself.")]
    if event["how"] == "other_way":
        return [_("You reached this goal another way, without the services.")]
    if event["how"] == "early":
        return [_("Goal reached: {services} settled it.").format(services=and_list([
            _("{service} {outcome} in {month}").format(service=level.services[e["service"]].label,
                                                      outcome=OUTCOME_WORDS[e["outcome"]],
                                                      month=month_name(level, e["month"]))
            for e in event.get("settled_by", ())]))]
    if event["reached"]:
        late = [level.services[s].label for s, o in zip(event["needs"], event["outcomes"], strict=True)
                if o == "delayed"]
        if late:
            return [_("Goal reached, late: {services} came only after a delay.").format(services=", ".join(late))]
        return [_("Goal reached: every service it needed was granted.")]
    denied = [level.services[s].label for s, o in zip(event["needs"], event["outcomes"], strict=True)
              if o == "denied"]
    return [_("Goal missed: refused {services}.").format(services=", ".join(denied))]


def decision_lines(level: Level, events: Sequence[Mapping[str, Any]]) -> list[str]:
    """What one decision did, in order: the choice, its outcome, the meters, the rolls, the services."""
    choice, lines = None, []
    perks = next((e["grade_effect"] for e in events if e["t"] == "month_end"), None)
    for event in events:
        if event["t"] == "decision" and event["kind"] == "card":
            choice = card_choice(level, event)
        if event["t"] in ("month_end", "month", "policy", "end", "goal") or event.get("for") == "goal":
            continue
        if event["t"] == "effects" and event["why"] == "grade" and perks:
            event = {**event, "grade": perks}  # which grade's perks, from the month's end that follows
        lines += event_lines(level, event, choice)
    return lines


def counter_lines(level: Level, before: dict[str, int], after: dict[str, int], told: set[str]) -> list[str]:
    """A declared counter that a decision moved, told as it moves ("Good deeds counted: 1"), with its
    note the first time (`told` keeps which): a rule may turn on it, as the civic market closes at four."""
    lines = []
    for c in level.counters.values():
        if after.get(c.id, 0) != before.get(c.id, 0):
            lines.append(_("{counter}: {n}").format(counter=c.label, n=after.get(c.id, 0)))
            if c.note and c.id not in told:
                told.add(c.id)
                lines[-1] += f". {c.note}"
    return lines


def market_closed_line(level: Level, events: Sequence[Mapping[str, Any]], told: set[str]) -> str:
    """Said the first month the civic market offers nothing (`told` keeps that it was said): the acts'
    conditions rule them all out (Harmony City counts four good deeds a year) or none can be paid for."""
    drawn = next((e for e in events if e["t"] == "draw" and e["what"] == "civic_offers"), None)
    if drawn is None or drawn["outcome"] or not level.civic or "market closed" in told:  # no counter id has a space
        return ""
    told.add("market closed")
    return _("No civic act is open to you this {period}.").format(period=word(level, "period"))


def month_report(level: Level, log: Sequence[Mapping[str, Any]], month: int,
                 wait_cost: bool = True) -> list[tuple[str, list[str]]]:
    """The end of a month in sections: points with the rule behind each, the grade, services, goal, perks.

    `wait_cost=False` leaves out what a delay cost, for a reader who was just told it (the terminal)."""
    acts = [e for e in log if e["t"] == "act" and e.get("month") == month and e["judged"]]
    points = [f"{signed(e['rule_points'])}  {level.acts[e['act']].label}"
              + (f" ({e['watcher']})" if e["watcher"] else "") for e in acts if e["caught"]]
    points += [_("Not seen: {act} (no points)").format(act=level.acts[e["act"]].label)
               for e in acts if not e["caught"]]
    sections = []
    if level.rulebook.score:
        sections.append((_("Points"), points or [_("No points won or lost.")]))
    ends = [e for e in log if e["t"] == "month_end"]
    end = next(e for e in ends if e["month"] == month)
    index = ends.index(end)
    before = ends[index - 1] if index else next(e for e in log if e["t"] == "start")
    if end["score"] is not None:
        grade = end["grade"] if end["grade"] == before["grade"] else _("{new} (was {old})").format(
            new=end["grade"], old=before["grade"])
        sections.append((_("Your grade"), [_("{Score} {score} (was {old}) · Grade {grade}").format(
            Score=word(level, "score").capitalize(), score=end["score"], old=before["score"], grade=grade)]))
    asked = [e for e in log if e["t"] == "service" and e["month"] == month]
    delay = effects_text(level, level.rulebook.delay_cost)

    def service_line(e: Mapping[str, Any]) -> str:
        line = _("{service}: {outcome} ({why})").format(
            service=level.services[e["service"]].label, outcome=OUTCOME_WORDS[e["outcome"]],
            why=service_reason(level, e))
        if e["outcome"] == "delayed" and delay and wait_cost:
            line += _("; the wait cost you {cost}").format(cost=delay)
        return line

    def with_reality(events: Sequence[Mapping[str, Any]]) -> list[str]:
        out = []
        for e in events:
            out.append(service_line(e))
            out += [line for line in (reality_line(level, e), perk_line(level, e)) if line]
        return out

    services = with_reality([e for e in asked if e["for"] != "goal"])
    if services:
        sections.append((_("Services"), services))
    goal = next((e for e in log if e["t"] == "goal" and e["month"] == month), None)
    if goal is not None:
        sections.append((_("Your goal"), with_reality([e for e in asked if e["for"] == "goal"])
                         + goal_lines(level, goal)))
    if end["blacklisted"]:
        on = _the_list(level)
        sections.append((on.label, [_("You are on it: refused {services}.").format(
            services=", ".join(level.services[s].label for s in on.denies))]))
    if end["grade_effect"]:
        sections.append((_("Perks and penalties"), [level.rulebook.grade_effects[end["grade_effect"]].text]))
    empty = empty_month_line(level, ends[:index + 1])
    if empty:
        sections.append((own(level, _("Your year")), [empty]))
    return sections


def empty_month_line(level: Level, ends: Sequence[Mapping[str, Any]]) -> str | None:
    """Said at a month's end with a meter at its minimum (`ends`: the month-end events so far, this one
    last): the verdict counts such month-ends, so the player learns it as it happens, not in December."""
    empty = at_minimum(level, ends[-1]["meters"])
    if not empty:
        return None
    n = sum(1 for e in ends if at_minimum(level, e["meters"]))
    names = and_list([level.meters[m].label for m in empty])
    if level.empty_months_allowed == 0:
        if n == 1:
            return own(level, _("{meters} empty: this month's end counts against your year.")).format(meters=names)
        return own(level, _("{meters} empty: this month's end counts against your year ({n} so far).")).format(
            meters=names, n=n)
    return own(level, ngettext("{meters} empty: {n} month-end so far; a good year allows {allowed}, none at its end.",
                               "{meters} empty: {n} month-ends so far; a good year allows {allowed}, none at its end.",
                               n)).format(meters=names, n=n, allowed=level.empty_months_allowed)


def verdict_line(level: Level, reached: bool | None, empty: list[str], stopped: int | None = None,
                 due: int | None = None, unmet: Sequence[str] = (), lean: int = 0, say_goal: bool = False) -> str:
    """The year judged as a life, not a grade: a good year reaches the goal, meets every need that came,
    ends with no meter empty and has at most the level's allowed month-ends with one empty (`lean`: how
    many it had; `unmet`: the cards of the needs left unmet, named if one). A year stopped before its goal
    was due (`stopped`: the month) has not missed it. Every reason the year was not good is named; a reached goal
    only where more than empty meters is named, or `say_goal` (the goal is not told beside it)."""
    names = and_list([level.meters[m].label for m in empty])
    if reached is None and stopped is not None:
        text = _("Stopped in {month}: your goal was due in {due}.").format(
            month=month_name(level, stopped), due=month_name(level, due) if due else "?")
        return text + (" " + _("{meters} ran out.").format(meters=names) if empty else "")
    reasons = [] if reached else [_("goal missed")]
    if len(unmet) == 1:  # one is named; more are counted, so the verdict stays a headline
        reasons.append(_("{need} left unmet").format(
            need=f"\u201c{level.cards[unmet[0]].title}\u201d" if unmet[0] in level.cards else unmet[0]))
    elif unmet:
        reasons.append(_("{n} needs left unmet").format(n=len(unmet)))
    if empty:
        reasons.append(_("{meters} ran out").format(meters=names))
    if lean > level.empty_months_allowed:
        reasons.append(own(level, ngettext("a meter empty at {n} month-end", "a meter empty at {n} month-ends",
                                           lean)).format(n=lean))
    if not reasons:
        parts = [_("goal reached")] + ([_("every need met")] if level.needs else []) + \
            [own(level, _("no meter empty at any month's end")) if level.empty_months_allowed == 0
             else _("no meter empty")]
        return own(level, _("A good year: {parts}.")).format(parts=", ".join(parts))
    if reached and not say_goal and not unmet and empty and lean <= level.empty_months_allowed:
        return own(level, _("Not a good year: {meters} ran out.")).format(meters=names)
    lead = [_("goal reached, but")] if reached else []
    return own(level, _("Not a good year: {reasons}.")).format(reasons=" ".join(lead + [", ".join(reasons)]))


def code_heading(level: Level, answered: bool) -> str:
    """What the year's code is for: before the debrief's questions it only replays the year; after them it
    carries the answers and is the code a student hands in (the window and the browser say it alike)."""
    return own(level, _("Your code to hand in, with your answers") if answered
               else _("Your game code: it replays this year"))


def end_summary(level: Level, log: Sequence[Mapping[str, Any]], character: str, goal_told: bool = False) -> list[str]:
    """A short account of the year: final grade, the goal and why, services, points.

    `goal_told`: the reader saw the goal settled at its deadline (the terminal's month summary), so
    the verdict's "goal reached" or "goal missed" is all that comes again."""
    end = next(e for e in log if e["t"] == "end")
    who = level.characters[character]
    stop = next((e for e in log if e["t"] == "end_now"), None)
    lines = [own(level, _("You ended the year early") if stop else _("The year is over")).upper()]
    empty = end.get("meters_at_min", at_minimum(level, end["meters"]))
    verdict = verdict_line(level, end["goal_reached"], empty, stop["month"] if stop else None, who.goal.by,
                           end.get("needs_unmet", ()), end.get("months_at_min", 0),
                           say_goal=goal_told)  # the goal is not named below, so the verdict names it
    lines.append(verdict)
    if end["score"] is not None:
        lines.append(_("Final {score_word} {score}, grade {grade}.").format(
            score_word=word(level, "score"), score=end["score"], grade=grade_label(level, end["grade"])))
    lines.append(status_line(level, None, end["meters"]))
    if stop is not None and end["goal_reached"] is not None:  # else the verdict above says when you stopped
        lines.append(own(level, _("You ended the year early, in {month}.")).format(
            month=month_name(level, stop["month"])))
    goal = next((e for e in log if e["t"] == "goal"), None)
    if goal is not None and goal_told:
        pass  # the verdict above says reached or missed; the month of the deadline said why
    elif goal is None:
        lines.append(_("Your goal: {text}").format(text=who.goal.text))
        lines.append("  " + _("The deadline never came."))
    else:
        lines.append(_("Your goal: {text}").format(text=who.goal.text))
        services = [e for e in log if e["t"] == "service" and e["for"] == "goal"]
        for e in services:
            lines.append("  " + _("{service}: {outcome} ({why})").format(
                service=level.services[e["service"]].label, outcome=OUTCOME_WORDS[e["outcome"]],
                why=service_reason(level, e)))
            reality = reality_line(level, e)
            lines += ["  " + reality] if reality else []
        lines += ["  " + line for line in goal_lines(level, goal)]
    acts = [e for e in log if e["t"] == "act" and e["judged"]]
    lost = sum(e["points"] for e in acts if e["points"] < 0)
    won = sum(e["points"] for e in acts if e["points"] > 0)
    if level.rulebook.score:
        lines.append(_("Points lost: {lost}; points won: {won}.").format(lost=-lost, won=won))
    seen = sum(1 for e in acts if e["caught"])
    lines.append(_("Acts the rulebook watched: {n}; seen: {seen}; unseen: {unseen}.").format(
        n=len(acts), seen=seen, unseen=len(acts) - seen))
    refused = Counter(e["service"] for e in log if e["t"] == "service" and e["outcome"] == "denied")
    if refused:
        lines.append(_("Services refused: {list}.").format(list=", ".join(
            level.services[s].label + (f" ({n} times)" if n > 1 else "") for s, n in refused.items())))
    if end["blacklisted"]:
        lines.append(own(level, _("You ended the year on the {list}.")).format(list=_the_list(level).label))
    return lines


def good_year_rule(level: Level) -> list[str]:
    """What the year is judged on, for the rules screen: needs come unannounced (where the level has
    any), and what a good year takes, as `verdict_line` judges it."""
    lines = []
    if level.needs:
        lines.append(own(level, _("Needs come unannounced, in months you are not told. Your grade when one "
                                  "comes decides it.") if level.rulebook.grades else
                         _("Needs come unannounced, in months you are not told.")))
    parts = [_("goal reached")] + ([_("every need met")] if level.needs else [])
    allowed = level.empty_months_allowed
    if allowed == 0:
        parts.append(own(level, _("no meter empty at any month's end")))
    else:
        parts.append(own(level, ngettext("no meter empty at the end, and at most {n} month-end with one empty",
                                         "no meter empty at the end, and at most {n} month-ends with one empty",
                                         allowed)).format(n=allowed))
    lines.append(own(level, _("A good year: {parts}.")).format(parts=", ".join(parts)))
    return lines


def rulebook_report(level: Level, policies: tuple[str, ...] = ()) -> list[tuple[str, list[str]]]:
    """The rules in force, in sections: what a good year takes, acts, grades, services, the blacklist,
    perks, policies."""
    rb = level.rulebook
    sections: list[tuple[str, list[str]]] = [("", [rb.summary]),
                                             (own(level, _("How the year is judged")), good_year_rule(level))]
    acts = []
    for act_id, rule in effective_rules(rb, policies).items():
        odds = ", ".join(f"{round(v * 100)}%" if k == "default" else f"{level.places[k].label} {round(v * 100)}%"
                         for k, v in rule.detect.items())
        who = f" · {rule.watcher}" if rule.watcher else ""
        kind = f" ({_(POINTS_WORDS[rule.source.label])})" if rule.source else ""
        acts.append(_("{pts}  {act}: seen {odds}{who}{kind}").format(
            pts=signed(rule.points), act=level.acts[act_id].label, odds=odds, who=who, kind=kind))
    if acts:
        sections.append((_("What each act is worth"), acts))
    if rb.grades:
        ranges, upper = [], None
        for g in rb.grades:
            if g is rb.grades[-1]:
                words = _("below {n}").format(n=rb.grades[-2].min) if len(rb.grades) > 1 else _("any score")
            elif upper is None:
                words = _("{n} or more").format(n=g.min)
            else:
                words = _("{lo} to {hi}").format(lo=g.min, hi=upper - 1)
            ranges.append(f"{g.grade}: {words}" + (f" ({g.label})" if g.label else ""))
            upper = g.min
        sections.append((_("Grades"), ranges))
    services = []
    for service, table in rb.access.items():
        row = ", ".join(f"{g} {o}" if g != "*" else _("otherwise {o}").format(o=o) for g, o in table.items())
        if list(table) == ["*"]:
            row = table["*"]
        note = rb.access_notes.get(service)
        varies = note is not None and bool(rb.grades) and len(set(table.values())) > 1
        label = f" ({_(SOURCE_WORDS[note.source.label]).lower()})" if varies and note is not None else ""
        services.append(f"{level.services[service].label}: {row}{label}")
    if rb.delay_cost:
        services.append(_("A delay costs you {cost}.").format(cost=effects_text(level, rb.delay_cost)))
    sections.append((_("Services by grade"), services))
    if rb.blacklist:
        sections.append((rb.blacklist.label, [_("You go on it for: {acts}. It refuses you: {services}.").format(
            acts=", ".join(level.acts[a].label.lower() for a in rb.blacklist.acts),
            services=", ".join(level.services[s].label for s in rb.blacklist.denies))]))
    if rb.grade_effects:
        sections.append((_("Perks and penalties each {period}").format(period=word(level, "period")),
                         [f"{g}: {e.text}" + (f" ({effects_text(level, e.effects)})" if e.effects else "")
                          for g, e in rb.grade_effects.items()]))
    if rb.policies:
        sections.append((_("Policies"), [("* " if p.id in policies else "") + f"{month_name(level, p.month)}: "
                                         f"{p.title}" for p in rb.policies]))
    return sections


def rulebook_lines(level: Level, policies: tuple[str, ...] = ()) -> list[str]:
    """The rulebook as plain lines, for the terminal."""
    lines = [level.rulebook.name]
    for heading, items in rulebook_report(level, policies):
        lines += ([heading + ":"] if heading else []) + ["  " + item for item in items]
    if level.rulebook.policies:
        lines.append(_("(* = in force now)"))
    return lines
