"""The debrief in words, page by page, feelings first: for the terminal, the window and the reports.

Reads the data from `game.core.debrief` (ids and numbers) and says only what it holds; each page is
(title, prompt, [(heading, lines)]). Every number goes through `ngettext`, so every plural is a real one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from game.core.debrief import BotYear, Debrief, Highlight, Question, Ref, WhatIf
from game.core.engine import at_minimum
from game.core.model import OUTCOME_RANK, Level
from game.words import narrate
from game.words.i18n import _, ngettext

Page = tuple[str, str, list[tuple[str, list[str]]]]

SOURCE_ORDER = ("documented", "reported", "thought_experiment", "invented")
WHY = {"points": "For the points", "values": "For my values or my people", "goal": "To reach my goal",
       "other": "Something else"}
MAX_WORDS = 600
READINGS = 6  # readings named by title on the debrief page (the three readings, then hard edges); the report's
# appendix and the sources screen have them all in full
# (moments, facts, questions) from the fullest debrief to the shortest
TRIMS = ((5, 1, 3, False), (5, 1, 2, False), (5, 0, 2, False), (4, 1, 2, False), (4, 0, 2, False), (3, 0, 2, False),
         (3, 0, 1, False), (3, 0, 1, True))  # the last: what-if tells the goal and leaves out its services, the year
# page leaves the needs to the verdict and the moments, and the readings are named by half as many titles
URL = re.compile(r"\(?https?://\S+")


def why_choices() -> list[tuple[str, str]]:
    """The answers a player can give to "why did you choose this?", in order."""
    return [(key, _(words)) for key, words in WHY.items()]


def points(n: int) -> str:
    return ngettext("{n} point", "{n} points", abs(n)).format(n=abs(n))


def signed_points(n: int) -> str:
    return ngettext("{n} point", "{n} points", abs(n)).format(n=narrate.signed(n))


def _cost(level: Level, cost: dict[str, int]) -> str:
    return ", ".join(f"{level.meters[m].label} {n}" for m, n in cost.items() if n) or _("nothing")


def _month(level: Level, month: int) -> str:
    return narrate.month_name(level, month)


def where(level: Level, ref: Mapping[str, Any]) -> str:
    """A decision a player can find again: its month and its card, or the civic act done."""
    month = _month(level, ref["month"])
    if ref["card"] and ref["card"] in level.cards:
        return _("{month}, “{card}”").format(month=month, card=level.cards[ref["card"]].title)
    if ref["civic"] and ref["civic"] in level.civic:
        return _("{month}, {act}").format(month=month, act=level.civic[ref["civic"]].label)
    return month


def choice(ref: Mapping[str, Any], level: Level | None = None) -> str:
    return narrate.option_label(ref, level)


def moment(level: Level, ref: Mapping[str, Any]) -> str:
    """A decision and the choice made: 'June, “A card”: “Its choice”', or 'June: “A civic act”'."""
    if ref["card"] and ref["card"] in level.cards:
        return _("{where}: “{choice}”").format(where=where(level, ref), choice=choice(ref, level))
    return _("{month}: “{choice}”").format(month=_month(level, ref["month"]), choice=choice(ref, level))


def _ref_by_step(d: Debrief) -> dict[int, Ref]:
    return {r["step"]: r for h in d["highlights"] for r in h["refs"]} | {q["step"]: q["ref"] for q in d["questions"]}


def _service(level: Level, service: str) -> str:
    return level.services[service].label


def _outcome(outcome: str) -> str:
    return _(narrate.OUTCOME_WORDS[outcome])


# --- the moments ---------------------------------------------------------------------------


def _acts_list(level: Level, d: Debrief, acts: list[dict]) -> str:
    refs: Mapping[int, Mapping[str, Any]] = _ref_by_step(d)
    civic = [a for a in acts if refs.get(a["step"], {}).get("civic")]
    if len(civic) == len(acts) and len(acts) > 2:
        return ngettext("{n} civic act from {start} to {end} ({pts})", "{n} civic acts from {start} to {end} ({pts})",
                        len(acts)).format(n=len(acts), start=_month(level, acts[0]["month"]),
                                          end=_month(level, acts[-1]["month"]),
                                          pts=signed_points(sum(a["points"] for a in acts)))
    items = [_("{where} ({pts})").format(where=where(level, refs[a["step"]]) if a["step"] in refs
                                         else _month(level, a["month"]), pts=narrate.signed(a["points"]))
             for a in acts[:3]]
    if len(acts) > 3:
        items.append(ngettext("{n} more", "{n} more", len(acts) - 3).format(n=len(acts) - 3))
    return narrate.and_list(items)


def _instead_choice(level: Level, cf: dict) -> str:
    """The other choice a replayed year made: “Stop and wait”, or not doing the civic act that month."""
    if cf["skip"] or (not cf["card"] and not cf["choice"]):
        return _("nothing in the market in {month}").format(month=_month(level, cf["month"]))
    return _("“{choice}” in {month}").format(choice=cf["choice"], month=_month(level, cf["month"]))


def _decisive(level: Level, d: Debrief, f: dict[str, Any]) -> str:
    acts = _acts_list(level, d, f["acts"])
    service = _service(level, f["service"]).lower()
    judged = _("Your {service}, judged in {month} at grade {g}: {outcome} ({instead} at your starting grade "
               "{s}).").format(service=service, month=_month(level, f["month"]), g=f["grade"],
                               outcome=_outcome(f["outcome"]), s=f["start_grade"], instead=_outcome(f["instead"]))
    cfs = f["counterfactuals"]
    got = sorted({cf["service_outcome"] for cf in cfs if cf.get("service_outcome")}, key=OUTCOME_RANK.__getitem__)
    without = _(" or ").join(_outcome(o) for o in got) if got else _outcome(f["without"])
    if f["for"] == "goal" and f["goal_reached"] is not None and cfs[0]["goal_reached"] is not None \
            and cfs[0]["goal_reached"] != f["goal_reached"]:
        without += _(", and your goal reached") if cfs[0]["goal_reached"] else _(", and your goal missed")
    if f["mode"] == "one":
        cause = _("The act that decided it: {acts}; had you chosen {other}, it would have been {without}.").format(
            acts=acts, other=_instead_choice(level, cfs[0]), without=without)
    elif f["mode"] == "any":
        cause = ngettext("Any one of these decided it: {acts}; had you chosen otherwise at any one, it would have "
                         "been {without}.", "Any one of these {n} decided it: {acts}; had you chosen otherwise at "
                         "any one, it would have been {without}.", len(f["acts"])).format(
            acts=acts, n=len(f["acts"]), without=without)
    else:
        cause = _("Only these together decided it: {acts} ({pts}); without all of them, it would have been "
                  "{without}.").format(acts=acts, pts=signed_points(f["points"]), without=without)
    text = f"{judged} {cause}"
    for e in f.get("judged_again", ()):
        text += " " + _("Your {service} ({outcome} in {when} for a card) was judged again: {now}.").format(
            service=_service(level, e["service"]).lower(), outcome=_outcome(e["outcome"]),
            when=_month(level, e["month"]), now=_outcome(e["now"]))
    return text


def _need(level: Level, f: dict[str, Any]) -> str:
    """An unannounced need the grade decided: what it got at the player's grade, what the grade beside
    would have got and how many points lay between, and a choice that would have changed it where a
    replayed year shows one (never otherwise: a need met or missed by many small acts names none)."""
    ref = {"month": f["month"], "card": f["card"], "civic": None}
    service = _service(level, f["service"])
    parts = {"where": where(level, ref), "service": service, "g": f["grade"], "outcome": _outcome(f["outcome"]),
             "other": _outcome(f["other_outcome"]), "o": f["other"], "n": points(f["points"])}
    if f["case"] == "paid":
        cost = _(" ({cost})").format(cost=_cost(level, f["cost"])) if f["cost"] else ""
        text = _("{where}: you chose “{choice}”{cost}. {service} if asked: {outcome} at grade {g}, {other} at "
                 "grade {o}, {n} more.").format(choice=f["choice"], cost=cost, **parts)
    elif f["case"] == "short":
        text = _("{where}: {service} {outcome} at grade {g}; {other} at grade {o}, {n} more.").format(**parts)
    else:
        text = _("{where}: {service} {outcome} at grade {g}; {other} at grade {o}, {n} fewer.").format(**parts)
    cfs = f["counterfactuals"]
    if cfs:
        cf = cfs[0]
        moved = cf["acts"] or cf["adds"]
        pts = narrate.signed(sum(a["points"] for a in moved))
        what = (_(", not “{played}” ({pts})") if cf["acts"] else _(" ({pts})")).format(
            played=cf["instead_of"], pts=pts) if moved else ""
        text += " " + _("Had you chosen {choice}{what}, it would have been {got}").format(
            choice=_instead_choice(level, cf), what=what, got=_outcome(cf["service_outcome"]))
        text += (ngettext("; so would {n} other choice.", "; so would {n} other choices.", len(cfs) - 1).format(
            n=len(cfs) - 1) if len(cfs) > 1 else ".")
    return text


def _blacklist(level: Level, d: Debrief, h: Highlight) -> str:
    f = h["facts"]
    ref = h["refs"][0] if h["refs"] else None
    text = _("{act} ({where}) put you on the {list}.").format(
        act=level.acts[f["act"]].label, where=where(level, ref) if ref else _month(level, f["month"]), list=f["list"])
    if f["refused"]:
        refused = narrate.and_list([_("{service} in {month}").format(service=_service(level, r["service"]),
                                                         month=_month(level, r["month"])) for r in f["refused"]])
        text += " " + _("It refused your {refused}, whatever your grade").format(refused=refused)
        ended = narrate.own(level, _(": you ended the year at grade {g}."))
        text += ended.format(g=f["grade"]) if f["grade"] else "."
    else:
        text += " " + _("It refused nothing you asked for afterwards.")
    return text


def _spare(level: Level, f: dict[str, Any]) -> str:
    text = (_("In {month} your goal needed grade {g} (late there, but reached); you had {score}, {margin} more.")
            if f.get("late") else _("In {month} your goal needed grade {g}; you had {score}, {margin} more.")).format(
        g=f["grade"], month=_month(level, f["month"]), score=points(f["score"]), margin=f["margin"])
    if f["unneeded"] == f["paid"]:
        acts = ngettext("Your civic act before it was not needed ({pts}, for {cost})",
                        "None of your {n} civic acts before it was needed ({pts}, for {cost})", f["paid"])
    else:
        acts = ngettext("{n} of your {paid} civic acts before it was not needed ({pts}, for {cost})",
                        "{n} of your {paid} civic acts before it were not needed ({pts}, for {cost})", f["unneeded"])
    text += " " + acts.format(n=f["unneeded"], paid=f["paid"], pts=points(f["points"]), cost=_cost(level, f["cost"]))
    if f["after"]:
        text += ngettext("; after it, {n} more choice won points, for {cost}.",
                         "; after it, {n} more choices won points, for {cost}.",
                         f["after"]).format(n=f["after"], cost=_cost(level, f["after_cost"]))
    text += "" if f["after"] else "."
    worse = [_("“{need}” in {month} {outcome}").format(need=level.cards[w["card"]].title,
                                                      month=_month(level, w["month"]),
                                                      outcome=_(NEED_WORDS[w["here"]]))
             for w in f.get("needs_worse", ()) if w["card"] in level.cards]
    if worse:  # the margin the goal did not need met a need nobody announced
        text += " " + _("But without them: {needs}.").format(needs=narrate.and_list(worse))
    return text


def _value_price(level: Level, d: Debrief, h: Highlight) -> str:
    f = h["facts"]
    values = narrate.and_list([level.values[v].label for v in f["values"]])
    if f["lost"]:
        items = [_("{moment} ({pts})").format(moment=moment(level, r),
                                              pts=narrate.signed(f["each"].get(str(r["step"]), 0)))
                 for r in h["refs"]]
        if f["lost"] > len(items):
            items.append(ngettext("{n} more", "{n} more", f["lost"] - len(items)).format(n=f["lost"] - len(items)))
        return _("Acting on {values} cost you {pts}: {items}.").format(values=values, pts=points(f["points"]),
                                                                        items="; ".join(items))
    items = [moment(level, r) for r in h["refs"]]
    return ngettext("Acting on {values}, you risked points once and nobody saw: {items}.",
                    "Acting on {values}, you risked points {n} times and nobody saw: {items}.",
                    f["risked"]).format(values=values, n=f["risked"], items="; ".join(items))


def _bought_back(level: Level, d: Debrief, f: dict[str, Any]) -> str:
    refs = _ref_by_step(d)
    parts = []
    if f["losses"]:
        losses = narrate.and_list([where(level, refs[s]) for s in f["loss_steps"] if s in refs])
        lost = ngettext("You lost {pts} for {n} offence ({where})", "You lost {pts} for {n} offences (first: {where})",
                        f["losses"]).format(pts=points(f["lost"]), n=f["losses"], where=losses)
        if f["bought"]:
            lost += " " + ngettext("and bought back {b} with {n} civic act, in {start}.",
                                   "and bought back {b} with {n} civic acts, {start} to {end}.",
                                   f["civic"]).format(b=f["bought"], n=f["civic"],
                                                      start=_month(level, f["from"]), end=_month(level, f["to"]))
        else:
            lost += " " + _("and bought none back.")
        parts.append(lost)
    if f["unseen"]:
        unseen = narrate.and_list([where(level, refs[s]) for s in f["unseen_steps"] if s in refs])
        parts.append(ngettext("{n} offence went unseen ({where}), sparing you {pts}.",
                              "{n} offences went unseen (first: {where}), sparing you {pts}.",
                              f["unseen"]).format(n=f["unseen"], where=unseen, pts=points(f["unseen_points"])))
    return " ".join(parts)


def _watched(level: Level, d: Debrief, f: dict[str, Any]) -> str:
    refs = _ref_by_step(d)
    w, u = f["watched"], f["unwatched"]
    if not w["offered"] and not u["offered"]:
        return _("No card offered you an act the rulebook punishes, watched or not.")

    def side(s: dict, noun: bool) -> str:
        text = (ngettext("{done} of {n} offence on offer", "{done} of {n} offences on offer", s["offered"]) if noun
                else _("{done} of {n}")).format(done=s["done"], n=s["offered"])
        if s["steps"]:
            text += f" ({narrate.and_list([where(level, refs[k]) for k in s['steps'] if k in refs])})"
        return text

    text = _("Where you were likely to be seen, you did {w}; where you were not, {u}.").format(
        w=side(w, True) if w["offered"] else _("none was on offer"),
        u=side(u, not w["offered"]) if u["offered"] else _("none was on offer"))
    if w["offered"] and u["offered"] and w["done"] * u["offered"] == u["done"] * w["offered"]:
        text += " " + _("The same everywhere.")
    return text


def _goal(level: Level, f: dict[str, Any]) -> str:
    if not f["settled"]:
        if f.get("stopped") and f.get("by"):
            return _("You stopped in {month}, before your goal was due in {due}: not missed, never judged.").format(
                month=_month(level, f["stopped"]), due=_month(level, f["by"]))
        if f.get("stopped"):
            return _("You stopped in {month}, before your goal was due.").format(month=_month(level, f["stopped"]))
        return narrate.own(level, _("The year ended before your goal was due."))
    if f["how"] == "dropped":
        return _("You gave your goal up yourself in {month}.").format(month=_month(level, f["month"]))
    if f["how"] == "other_way":
        return _("You reached your goal another way, without the services, in {month}.").format(
            month=_month(level, f["month"]))
    if f["how"] == "early":
        items = narrate.and_list([_("your {service}, {outcome} in {when}").format(
            service=_service(level, e["service"]).lower(), outcome=_outcome(e["outcome"]),
            when=where(level, {"month": e["month"], "card": e["card"], "civic": None})) for e in f["settled_by"]])
        return _("{services} settled your goal (due in {month}).").format(
            services=items[:1].upper() + items[1:], month=_month(level, f["month"]))
    services = narrate.and_list([_("{service} {outcome} ({why})").format(
        service=_service(level, s["service"]), outcome=_outcome(s["outcome"]),
        why=narrate.service_reason(level, s)) for s in f["services"]])
    result = _("goal reached") if f["reached"] else _("goal missed")
    text = _("In {month} your goal was judged: {services}; {result}.").format(
        month=_month(level, f["month"]), services=services, result=result)
    for e in f.get("judged_again", ()):
        text += " " + _("Your {service} {outcome} in {when} for a card did not settle your goal: the grade "
                        "at the deadline did.").format(service=_service(level, e["service"]).lower(),
                                                       outcome=_outcome(e["outcome"]),
                                                       when=_month(level, e["month"]))
    return text


def _life(level: Level, d: Debrief, f: dict[str, Any]) -> str:
    refs = _ref_by_step(d)
    low = {a["meter"] for a in f["at_minimum"]}
    end = ", ".join(f"{level.meters[m].label} {v}/{level.meters[m].max}" for m, v in f["end"].items()
                    if v is not None and m not in low)
    if not f["at_minimum"]:
        return _("No meter of yours hit its minimum; you ended with {end}.").format(end=end)
    hits = narrate.and_list([_("{meter} in {where}").format(meter=level.meters[a["meter"]].label,
                                                where=where(level, refs[a["step"]]) if a["step"] in refs
                                                else _month(level, a["month"])) for a in f["at_minimum"]])
    text = _("Your meters hit their minimum: {hits}.").format(hits=hits)
    return text + (" " + _("Still left at the end: {end}.").format(end=end) if end else "")


def highlight_text(level: Level, d: Debrief, h: Highlight, told: set[int] | None = None) -> str:
    """One moment as one chain of cause and effect, with the player's own answer beside it (once:
    `told` holds the decisions whose answer another moment already showed)."""
    f = h["facts"]
    kind = h["kind"]
    text = {"decisive": lambda: _decisive(level, d, f), "blacklist": lambda: _blacklist(level, d, h),
            "spare": lambda: _spare(level, f), "value_price": lambda: _value_price(level, d, h),
            "bought_back": lambda: _bought_back(level, d, f), "watched": lambda: _watched(level, d, f),
            "goal": lambda: _goal(level, f), "life": lambda: _life(level, d, f),
            "need": lambda: _need(level, f)}[kind]()
    told = set() if told is None else told
    said = [a for a in d["answers"] if a["step"] in {r["step"] for r in h["refs"]} and a["step"] not in told]
    for a in said[:1]:
        told.add(a["step"])
        text += " " + _("You said ({moment}): {why}.").format(
            moment=_month(level, _ref_by_step(d)[a["step"]]["month"]), why=_(WHY[a["answer"]]).lower())
    return text


HEADINGS = {"decisive": "What decided it", "blacklist": "The list", "spare": "More than you needed",
            "value_price": "The price of your values", "bought_back": "Lost, bought back, unseen",
            "watched": "Watched and unwatched", "goal": "Your goal", "life": "What the year left you",
            "need": "A need nobody announced"}


def question_text(level: Level, q: Question) -> str:
    """The "why did you choose this?" prompt for one moment where points were at stake."""
    ref = q["ref"]
    return _("{moment} ({pts} expected). Why did you choose it?").format(
        moment=moment(level, ref), pts=signed_points(q["points"]))


# --- the other pages -----------------------------------------------------------------------


def _values(level: Level, d: Debrief) -> list[tuple[str, list[str]]]:
    v = d["values"]
    counts = v["counts"]
    lines = []
    for value in v["named"]:
        c = counts.get(value, {"served": 0, "given_up": 0})
        line = ngettext("{value}: {n} choice for it, {m} against", "{value}: {n} choices for it, {m} against",
                        c["served"]).format(value=level.values[value].label, n=c["served"], m=c["given_up"])
        example = v["examples"].get(value)
        lines.append(line + (f" ({where(level, example)})" if example else "") + ".")
    top = v["most_served"]
    if top and (len(top) > 1 or top[0] not in v["named"]):
        n = counts[top[0]]["served"]
        names = narrate.and_list([level.values[x].label for x in top])
        lines.append((ngettext("Served most: {names} ({n} choice).", "Served most: {names} ({n} choices).", n)
                      if len(top) == 1 else
                      ngettext("Served most, tied: {names} ({n} choice each).",
                               "Served most, tied: {names} ({n} choices each).", n)).format(names=names, n=n))
    if v["given_up"]:
        lines.append(_("Given up more often than served: {names}.").format(
            names=narrate.and_list([level.values[x].label for x in v["given_up"]])))
    else:
        lines.append(_("No value was given up more often than served."))
    return [("", lines)]


def _asked(level: Level, services: list[dict]) -> str:
    """The services asked for, grouped by outcome; the grade (or the list) is named where it was not a yes."""
    groups: dict[str, dict[str, list[str]]] = {}
    for s in services:
        when = _month(level, s["month"])
        if s["outcome"] != "granted":
            when = _("{month}, {why}").format(month=when, why=narrate.service_reason(level, s))
        groups.setdefault(s["outcome"], {}).setdefault(_service(level, s["service"]), []).append(when)
    return "; ".join(f"{_outcome(o)}: " + ", ".join(f"{name} ({'; '.join(whens)})" for name, whens in groups[o].items())
                     for o in ("granted", "delayed", "denied") if o in groups)


NEED_WORDS = {"met": "met", "delayed": "met late", "unmet": "unmet"}


def needs_line(level: Level, d: Debrief) -> str | None:
    """The needs nobody announced, each with its month and outcome, in the order they came."""
    needs = (d["year"].get("verdict") or {}).get("needs", ())
    if not needs:
        return None
    items = [_("“{title}” in {month}, {outcome}").format(title=level.cards[n["card"]].title,
                                                         month=_month(level, n["month"]),
                                                         outcome=_(NEED_WORDS[n["outcome"]]))
             for n in needs if n["card"] in level.cards]
    return _("Needs nobody announced: {needs}.").format(needs="; ".join(items))


def verdict_text(level: Level, d: Debrief) -> str:
    """Whether it was a good year, with every reason it was not: the line the first page says."""
    who = level.characters[d["character"]]
    goal = d["cost_and_gain"]["goal"]
    last = d["year"]["points"][-1]["meters"]
    end = d["year"].get("verdict") or {}
    return narrate.verdict_line(level, goal["reached"] if goal else None,
                                at_minimum(level, last),
                                d["year"].get("stopped"), who.goal.by, end.get("needs_unmet", ()),
                                end.get("months_at_min", 0))


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def rulebook_sentence(summary: str) -> str:
    """What a rulebook is, in one plain sentence taken from its own summary."""
    return _first_sentence(summary)


def _because(level: Level, w: WhatIf) -> str:
    return _because_of(level, w["because"] or {})


def _because_of(level: Level, b: dict) -> str:
    kind = b.get("kind")
    if kind == "not_asked":
        return _("it does not ask your grade for that")
    if kind == "no_list":
        return _("it keeps no list that refuses it")
    if kind == "listed":
        return _("its list would have held you")
    if kind == "act":
        ref = b.get("ref")
        return _("{act} ({where}) counts {here} here, {played} as played").format(
            act=level.acts[b["act"]].label, where=where(level, ref) if ref else _month(level, b["month"]),
            here=narrate.signed(b["here"]), played=narrate.signed(b["played"]))
    return _("its grade lines are drawn elsewhere: grade {g} here, {p} as played").format(
        g=b.get("grade"), p=b.get("grade_played"))


def whatif_lines(level: Level, d: Debrief, brief: bool = False) -> list[tuple[str, str, str]]:
    """(title, what the rulebook is, what it changes for this player and why) for each other rulebook."""
    out: list[tuple[str, str, str]] = []
    said: dict[str, str] = {}
    for w in d["whatif"]:
        is_ = rulebook_sentence(w["summary"])
        g = w.get("goal") or {}
        # the goal first; then, where the goal goes otherwise, the first of its services that turns it
        # (within the page's words); else the first service that differs
        goal_changes = [c for c in [dict(w["first"] or {}, because=w["because"])] + list(w.get("also", ()))
                        if c.get("for") == "goal" and (c["here"] == "denied") != (c["as_played"] == "denied")]
        shown = goal_changes[:1] if goal_changes and g.get("here") != g.get("as_played") else (
            [dict(w["first"] or {}, because=w["because"])] if w["differs"] else [])
        parts = []
        if g.get("as_played") is not None and g.get("here") is not None:
            month = _month(level, g["month"]) if g.get("month") else ""
            if g["here"] != g["as_played"]:
                parts.append((_("Your goal: reached in {month}, not missed.") if g["here"] else
                              _("Your goal: missed in {month}, not reached.")).format(month=month))
            else:
                parts.append(_("Your goal: reached here too.") if g["here"] else _("Your goal: missed here too."))
        for c in shown if not (brief and parts) else ():
            parts.append(_("Your {service} in {month}: {here} instead of {played}, because {because}.").format(
                service=_service(level, c["service"]).lower(), month=_month(level, c["month"]),
                here=_outcome(c["here"]), played=_outcome(c["as_played"]), because=_because_of(level, c["because"])))
        if not w["differs"]:
            parts.append(_("Nothing you asked for would change."))
        change = " ".join(parts)
        if change in said:
            change = _("The same as under “{title}”.").format(title=said[change])
        else:
            said[change] = w["title"]
        out.append((w["title"], is_, change))
    return out


def bought_nothing_lines(level: Level, d: Debrief) -> list[str]:
    """The civic acts whose points another rulebook ignores: one line, for the rulebook that ignores most."""
    spent = [w for w in d["whatif"] if w["bought_nothing"]["n"]]
    if not spent:
        return []
    w = max(spent, key=lambda w: w["bought_nothing"]["n"])
    lost = w["bought_nothing"]
    return [ngettext("Under “{rules}”, your civic act would have bought nothing; it cost you {cost}.",
                     "Under “{rules}”, your {n} civic acts would have bought nothing; they cost you {cost}.",
                     lost["n"]).format(rules=w["title"], n=lost["n"], cost=_cost(level, lost["cost"]))]


def like_you_line(level: Level, d: Debrief) -> list[str]:
    """The same player without the score: a bot with this player's habits, under the rules as played and
    under the rulebook with no score (or the first other one), from its replays."""
    like = d.get("like_you")
    if not like or len(like["years"]) < 2:
        return []
    here = like["years"][0]
    there = next((y for y in like["years"][1:] if not y["scored"]), like["years"][1])
    f = like["fit"]
    habits = narrate.and_list([t.format(a=f[k][0], b=f[k][1]) for k, t in (
        ("points", _("points taken {a}/{b}")), ("watched", _("watched offences {a}/{b}")),
        ("market", _("market {a}/{b}"))) if f[k][1]])

    def result(y: dict) -> str:
        goal = {True: _("goal reached"), False: _("goal missed"), None: _("goal not due")}[y["goal_reached"]]
        if not y["goal_reached"]:
            return goal
        if y["good_year"]:
            return _("{goal}, {good}").format(goal=goal, good=narrate.own(level, _("a good year")))
        return _("{goal}, but {why}").format(goal=goal, why=not_good(level, y))

    text = ngettext("A bot with your habits ({habits}): {here}; under “{title}”, {n} choice otherwise: {there}.",
                    "A bot with your habits ({habits}): {here}; under “{title}”, {n} choices otherwise: {there}.",
                    there["otherwise"]).format(habits=habits, here=result(here), title=there["title"],
                                           n=there["otherwise"], there=result(there))
    return [text]


def not_good(level: Level, y: Mapping[str, Any]) -> str:
    """Why a year whose goal was reached was not a good one, from its verdict: the needs left unmet, the
    meters empty at the end, the month-ends with one empty beyond what the level allows."""
    unmet = len(y.get("needs_unmet", ()))
    empty = narrate.and_list([level.meters[m].label for m in y.get("meters_at_min", y.get("at_minimum", ()))])
    lean = y.get("months_at_min", 0)
    why = [ngettext("{n} need unmet", "{n} needs unmet", unmet).format(n=unmet)] if unmet else []
    if lean > level.empty_months_allowed:  # a meter empty at the end is empty at the last month-end too
        why.append(narrate.own(level, ngettext("a meter empty at {n} month-end", "a meter empty at {n} month-ends",
                                               lean)).format(n=lean))
    elif empty:
        why.append(_("{meters} empty at the end").format(meters=empty))
    return narrate.and_list(why) if why else _("not a good year")


def bot_line(level: Level, b: BotYear) -> str:
    """One comparison bot's year on the player's seed: its grade, goal, civic acts, needs and whether the
    year was good (it meets the same unannounced needs as the player)."""
    who = (_("A bot that ignores the score, on your seed") if b["policy"] == "free"
           else _("A bot that complies only as needed"))
    goal = {True: _("goal reached"), False: _("goal missed"), None: _("goal not due")}[b["goal_reached"]]
    grade = _("grade {g}").format(g=b["grade"]) if b["grade"] else _("no grade")
    civic = ngettext("{n} civic act", "{n} civic acts", b["civic_acts"]).format(n=b["civic_acts"])
    text = f"{who}: {grade}, {goal}, {civic}"
    needs = b.get("needs", [])
    if needs:
        met = sum(1 for n in needs if n != "unmet")
        text += ngettext(", {met} of {n} need met", ", {met} of {n} needs met", len(needs)).format(met=met,
                                                                                                  n=len(needs))
    if b.get("good_year"):
        return text + "; " + narrate.own(level, _("a good year")) + "."
    if not b["goal_reached"]:
        low = narrate.and_list([level.meters[m].label for m in b["at_minimum"]])
        return text + (_("; at the minimum: {meters}.").format(meters=low) if low else ".")
    return text + _("; not a good year: {why}.").format(why=not_good(level, b))


def discussion_text(level: Level, q: dict) -> str:
    kind = q["kind"]
    if kind == "level":
        return q["text"]
    if kind == "decisive" and q.get("mode", "one") != "one":
        service = level.services[q["service"]].label.lower() if q.get("service") in level.services else ""
        what = _("your goal") if q.get("for") == "goal" else _("your {service}").format(service=service)
        return ngettext("{what} turned on the points of {n} act. Should acts like these decide what you may get?",
                        "{what} turned on the points of {n} acts. Should acts like these decide what you may get?",
                        q["n"]).format(what=what[:1].upper() + what[1:], n=q["n"])
    if kind == "decisive":
        act = level.acts[q["act"]].label.lower()
        service = level.services[q["service"]].label.lower() if q.get("service") in level.services else ""
        if q["sign"] > 0:
            return _("The points of one act ({act}) lifted your grade. Should a good deed buy a service?").format(
                act=act)
        if q.get("for") == "goal":
            return _("Your goal turned on the points of one act ({act}). Should that act decide what you may "
                     "get?").format(act=act)
        return _("Your {service} turned on the points of one act ({act}). Should that act decide it?").format(
            service=service, act=act)
    if kind == "need":
        return _("Your grade decided a need you could not see coming. How much margin would you keep, not "
                 "knowing what you will need, or when?")
    if kind == "blacklist":
        return _("One act put you on the {list}, whatever your grade. Is a public list fair?").format(list=q["list"])
    if kind == "said_points":
        return _("You said you chose for the points. Did the score change what you thought was right?")
    if kind == "civic":
        return ngettext("You did {n} civic act that earned points. Is a good deed done for points still a good deed?",
                        "You did {n} civic acts that earned points. Is a good deed done for points still a good "
                        "deed?",
                        q["n"]).format(n=q["n"])
    if kind == "no_civic":
        return _("You never bought points back. What would have made you do it?")
    if kind == "cameras":
        return _("You acted differently where you were likely to be seen. Would you in real life?")
    if kind == "rules":
        return _("Under “{title}” your goal would have gone otherwise. Which rules seem fairer, and why?").format(
            title=q["title"])
    if kind == "value_price":
        return _("Acting on {value} cost you points. Should a score weigh that?").format(
            value=level.values[q["value"]].label)
    return ""


def points_origin(d: Debrief) -> str | None:
    """Where the points you lost came from, in reality terms (`points_by_label`): one sentence, true of
    the log, so the class sees whether the pressure it felt was a real scheme's or the imagined city's."""
    by = d.get("points_by_label", {}).get("lost", {})
    lost = sum(by.values())
    if not lost:
        return None
    imagined = by.get("thought_experiment", 0) + by.get("invented", 0)
    return _("Of the {lost} you lost, {imagined} came from rules the article imagined or the game invented, "
             "{reported} from reported practice and {documented} from documented schemes.").format(
        lost=points(lost), imagined=imagined, reported=by.get("reported", 0), documented=by.get("documented", 0))


def _real_world(level: Level, d: Debrief, most: int, brief: bool = False) -> list[tuple[str, list[str]]]:
    """The facts behind your moments (a few: their cards, the list, the services judged), and the
    readings of the real system."""
    names = [level.cards[r["card"]].title for h in d["highlights"] for r in h["refs"] if r["card"] in level.cards]
    for h in d["highlights"]:
        if h["kind"] == "blacklist":
            names.insert(0, h["facts"]["list"])
        if h["kind"] in ("decisive", "goal"):
            names += [level.services[s].label for s in [h["facts"].get("service")]
                      + [x["service"] for x in h["facts"].get("services", ())] if s in level.services]
    chosen, seen = [], set()
    for name in names:
        fact = next((f for f in d["real_world"] if f["what"] == name), None)
        if fact is not None and name not in seen:
            seen.add(name)
            chosen.append(fact)
    chosen = chosen[:most] or d["real_world"][:most]
    out = [f"{f['what']} · {_(narrate.SOURCE_WORDS[f['label']])}: {narrate.source_words(f['fact'], f['ref'])}"
           for f in chosen]
    if any(f["ref"] == "article" for f in chosen) and narrate.article_name(level):
        out.append(_("“The article” is {article}.").format(article=narrate.article_name(level)))
    origin = points_origin(d)
    sections = [(_("Where your points came from"), [origin])] if origin else []
    sections += [(_("Behind your moments"), out)] if out else []
    readings = [r["title"] for r in level.debrief.get("readings", ())]
    if readings:
        named = READINGS // 2 if brief else READINGS
        lines = ["; ".join(f"“{r}”" for r in readings[:named]) + "."]
        if len(readings) > named:
            lines.append(ngettext("{n} more, with sources, in the exported report.",
                                  "{n} more, with sources, in the exported report.",
                                  len(readings) - named).format(n=len(readings) - named))
        else:
            lines.append(_("Each in full, with its source: the sources screen and the exported report."))
        sections.append((_("Readings"), lines))
    return sections


def readings(level: Level) -> list[str]:
    """Every reading of the real system in full, with its source: the exported report's appendix."""
    return [f"{r['title']}: {r['text']} ({r['ref']})" for r in level.debrief.get("readings", ())]


def otherwise_lines(level: Level, d: Debrief) -> list[str]:
    """The years where the player chose otherwise, each a game code to play: the evidence of every
    "what decided it" and "more than you needed"."""
    out = []
    for h in d["highlights"]:
        f = h["facts"]
        cfs = f.get("counterfactuals", []) if h["kind"] in ("decisive", "need") else (
            [f["counterfactual"]] if h["kind"] == "spare" and f.get("counterfactual") else [])
        for cf in cfs:
            if not cf.get("code"):
                continue
            if h["kind"] == "spare":
                what = _("without the civic acts your goal did not need")
            elif len(cf["steps"]) > 1:
                what = _("where you chose otherwise at all of them")
            else:
                what = _("where you chose {other}").format(other=_instead_choice(level, cf))
            goal = {True: _("goal reached"), False: _("goal missed"), None: _("goal not due")}[cf["goal_reached"]]
            out.append(narrate.own(level, _("The year {what} ({goal}, grade {grade}): {code}")).format(
                what=what, goal=goal, grade=cf["grade"] or "-", code=cf["code"]))
    return out


def pages(level: Level, d: Debrief, chart: bool = True) -> list[Page]:
    """The debrief's pages, built from the debrief data alone, at most MAX_WORDS words: if a year's story
    runs long, the fewest facts and the least weighty moments give way first (never below three)."""
    out: list[Page] = []
    for moments, facts, asked, brief in TRIMS:
        out = _pages(level, d, moments, facts, asked, chart, brief)
        if words(out) <= MAX_WORDS:
            break
    return out


def with_otherwise(level: Level, d: Debrief, pages_: list[Page]) -> list[Page]:
    """The pages with the years where the player chose otherwise offered on the last one: for the window
    and the report (the terminal prints them after the game code). Codes to type, not words to read, so
    they come after the pages are held to their words."""
    other = otherwise_lines(level, d)
    if not other or not pages_:
        return pages_
    title, prompt, sections = pages_[-1]
    heading = narrate.own(level, _("Play the year where you chose otherwise"))
    return pages_[:-1] + [(title, prompt, sections + [(heading, other)])]


def _pages(level: Level, d: Debrief, most_moments: int, facts: int, asked: int, chart: bool = True,
           brief: bool = False) -> list[Page]:
    who = level.characters[d["character"]]
    played = d["counterfactuals"][0]
    goal = d["cost_and_gain"]["goal"]
    out: list[Page] = []

    # 1. How do you feel?
    summary = [_("You played {name}, {role}.").format(name=who.name, role=who.role)]
    if played["score"] is not None:
        summary.append(narrate.own(level, _("You ended the year with {score}, grade {grade}.")).format(
            score=points(played["score"]), grade=narrate.grade_label(level, played["grade"])))
    stop = d["year"].get("stopped")
    result = (_("not due yet when you stopped in {month}").format(month=_month(level, stop)) if goal is None and stop
              else _("not settled") if goal is None else _("reached") if goal["reached"] else _("missed"))
    summary.append(_("Your goal, {goal}: {result}.").format(goal=who.goal.text.rstrip(".").lower()[:1] +
                                                            who.goal.text.rstrip(".")[1:], result=result))
    summary.append(verdict_text(level, d))
    out.append((_("How do you feel?"), _("One word, then one sentence."), [("", summary)]))

    # 2. Your year
    ends = [e for e in d["year"]["points"] if e["kind"] != "start"]
    by_month: dict[int, int] = {}
    for p in ends:
        if p["score"] is not None:
            by_month[p["month"]] = p["score"]
    year = []
    low, high = d["year"].get("low"), d["year"].get("high")
    if by_month and low and high:
        year.append(_("Score: lowest {low} in {low_month}, highest {high} in {high_month}, {end} at the end.").format(
            low=low["score"], low_month=_month(level, low["month"]), high=high["score"],
            high_month=_month(level, high["month"]), end=by_month[max(by_month)]))
    requested = _asked(level, d["cost_and_gain"]["services"])
    if requested:
        year.append(_("What you asked for: {services}.").format(services=requested))
    needs = None if brief else needs_line(level, d)  # the shortest debrief leaves it to the verdict and moments
    if needs:
        year.append(needs)
    sections = [("", year)] if year else []
    out.append((narrate.own(level, _("Your year")), _("What you asked for, and what you got."), sections))

    # 3. Moments
    must = [h for h in d["highlights"] if h["kind"] in ("watched", "blacklist")]
    kept = must + [h for h in sorted(d["highlights"], key=lambda h: -h["weight"]) if h not in must]
    kept = kept[:max(most_moments, len(must))]
    told: set[int] = set()
    moments = [("", [_("{heading}: {story}").format(heading=narrate.own(level, _(HEADINGS[h["kind"]])),
                                                    story=highlight_text(level, d, h, told))
                     for h in d["highlights"] if h in kept])]
    out.append((_("Moments that shaped your {year}").format(year=narrate.word(level, "year")),
                _("Find them on the chart by {period}.").format(period=narrate.word(level, "period")) if chart
                else _("Each with its {period} and card.").format(period=narrate.word(level, "period")), moments))

    # 4. Why you chose, and the values
    why = []
    refs = _ref_by_step(d)
    for a in d["answers"]:
        if a["step"] in refs and a["step"] not in told:  # not already shown beside its moment
            why.append(_("{moment}: {why}.").format(moment=moment(level, refs[a["step"]]), why=_(WHY[a["answer"]])))
    sections = []
    if why:
        sections.append((_("Why you chose"), why))
    sections += [("" if not why else _("Your values and your acts"), _values(level, d)[0][1])]
    out.append((_("Your values"), _("Named, served, given up."), sections))

    # 5. What if?
    rows = []
    for title, is_, change in whatif_lines(level, d, brief):
        rows.append((title, [is_, change]))
    rows.append((_("Other rules, other players"),
                 bought_nothing_lines(level, d) + like_you_line(level, d)
                 + ([] if like_you_line(level, d) else [bot_line(level, b) for b in d["bots"]])))
    out.append((_("What if?"), _("Your choices and dice, judged by other rules."), rows))

    # 6. The real world
    out.append((_("The real world"), _("Documented, reported or imagined?"),
                _real_world(level, d, facts, brief)))

    # 7. Questions
    out.append((_("Questions for your class"), narrate.own(level, _("From your year.")),
                [("", [discussion_text(level, q) for q in d["discussion"][:asked]])]))
    return out


def words(pages_: list[Page]) -> int:
    """How many words the debrief shows, links left out (they are for following, not reading)."""
    total = 0
    for title, prompt, sections in pages_:
        parts = [title, prompt] + [heading for heading, _items in sections] + [i for _h, items in sections
                                                                               for i in items]
        total += sum(len(URL.sub(" ", part).split()) for part in parts)
    return total


CF_KEYS = ("code", "month", "card", "choice", "goal_reached", "good_year", "grade")


def _highlight_json(level: Level, d: Debrief, h: Highlight) -> dict[str, Any]:
    """One moment for `debrief.json`; a moment that names a cause carries the year that proves it."""
    out: dict[str, Any] = {"kind": h["kind"], "text": highlight_text(level, d, h), "months": h["months"],
           "cards": [r["card"] for r in h["refs"] if r["card"]]}
    f = h["facts"]
    cfs = f.get("counterfactuals") or ([f["counterfactual"]] if f.get("counterfactual") else [])
    if cfs:
        out["counterfactuals"] = [{k: cf.get(k) for k in CF_KEYS} | {"service": cf.get("service_outcome")}
                                  for cf in cfs]
        out["counterfactual"] = out["counterfactuals"][0]
    return out


def as_json(level: Level, d: Debrief) -> dict[str, Any]:
    """The debrief as the data a class tool can read: `debrief.json`."""
    whatif = []
    for w, (_title, is_, change) in zip(d["whatif"], whatif_lines(level, d), strict=True):
        whatif.append({"rulebook": w["level"], "title": w["title"], "summary": is_, "differs": w["differs"],
                       "goal": {"as_played": w["goal"]["as_played"], "here": w["goal"]["here"]},
                       "changes": change, "first": w["first"], "bought_nothing": w["bought_nothing"],
                       "because": _because(level, w) if w["differs"] else None})
    refs: Mapping[int, Mapping[str, Any]] = _ref_by_step(d)
    return {
        "level": d["level"], "character": d["character"], "seed": d["seed"],
        "verdict": {**(d["year"].get("verdict") or {}), "text": verdict_text(level, d)},
        "highlights": [_highlight_json(level, d, h) for h in d["highlights"]],
        "values": {"named": d["values"]["named"], "served": d["values"]["served"],
                   "given_up": d["values"]["given_up"], "counts": d["values"]["counts"]},
        "whatif": whatif,
        "bots": d["bots"],
        "like_you": d.get("like_you"),
        "answers": [{**a, "month": refs.get(a["step"], {}).get("month")} for a in d["answers"]],
        "asked": [{"step": q["step"], "text": question_text(level, q)} for q in d["questions"]],
        "questions": [discussion_text(level, q) for q in d["discussion"]],
    }

