"""The debrief in words, page by page, feelings first: for the terminal, the window and the reports.

Reads the data from `game.core.debrief`; each page is (title, prompt, [(heading, lines)]).
"""

from __future__ import annotations

from game.core.model import Level
from game.words import narrate
from game.words.i18n import _

Page = tuple[str, str, list[tuple[str, list[str]]]]

SOURCE_ORDER = ("documented", "reported", "thought_experiment", "invented")


def _meters(level: Level, amounts: dict[str, int]) -> str:
    return ", ".join(f"{level.meters[m].label} {n}" for m, n in amounts.items()) or _("nothing")


def _service(level: Level, s: dict) -> str:
    why = {"blacklist": _("blacklist"), "grade": _("grade {g}").format(g=s["grade"]),
           "everyone": _("same for everyone")}[s["why"]]
    goal = _(", for your goal") if s["for"] == "goal" else ""
    return f"{level.services[s['service']].label}: {narrate.OUTCOME_WORDS[s['outcome']]} ({why}{goal})"


def pages(level: Level, d: dict) -> list[Page]:
    who = level.characters[d["character"]]
    played = d["counterfactuals"][0]
    cost = d["cost_and_gain"]
    goal = cost["goal"]
    goal_words = (_("not settled") if goal is None else _("reached") if goal["reached"] else _("missed"))
    year = d["year"]["points"]
    out: list[Page] = []

    # 1. How do you feel?
    summary = [_("You played {name}, {role}.").format(name=who.name, role=who.role)]
    if played["score"] is not None:
        summary.append(_("You ended the year with {score} points, grade {grade}.").format(
            score=played["score"], grade=narrate.grade_label(level, played["grade"])))
    summary.append(_("Your goal ({goal}): {result}.").format(goal=who.goal.text.rstrip("."), result=goal_words))
    out.append((_("How do you feel?"), _("Before anything else: how do you feel about your year? Say it in one "
                                        "word, then in one sentence."), [("", summary)]))

    # 2. What happened?
    months = []
    for month in range(1, level.months + 1):
        steps = [p for p in year if p["month"] == month and p["kind"] != "start"]
        if not steps:
            continue
        last = steps[-1]
        score = f"{last['score']} · " if last["score"] is not None else ""
        choices = "; ".join(p["label"] or _("Not this month") for p in steps)
        months.append(f"{narrate.month_name(level, month)}: {score}{choices}")
    happened = [(_("Month by month"), months)]
    services = [_service(level, s) for s in cost["services"]]
    if services:
        happened.append((_("Services you asked for"), services))
    out.append((_("What happened?"), _("Your score through the year, and every decision you made."), happened))

    # 3. What did you learn?
    learned = []
    steered = [
        _("{month}: you chose \"{chosen}\" over \"{other}\", giving up {lost}{values} for about {pts} points.").format(
            month=narrate.month_name(level, s["month"]), chosen=s["chosen"] or _("Not this month"),
            other=s["instead_of"] or _("Not this month"),
            lost=_meters(level, s["gave_up"]) if s["gave_up"] else _("no meters"),
            values=(_(" and your value {v}").format(v=", ".join(level.values[v].label for v in s["values_given_up"]))
                    if s["values_given_up"] else ""),
            pts=round(s["points_for_it"]))
        for s in d["steered"]
    ]
    learned.append((_("Where the rules steered you"), steered or [_("No choice of yours traded something you "
                                                                   "care about for points.")]))
    watched = [_("{act}: avoided {a} time(s) where it was watched, done {b} time(s) where it was not.").format(
        act=level.acts[w["act"]].label, a=w["avoided_watched"], b=w["done_unwatched"]) for w in d["watched"]]
    if watched:
        learned.append((_("Cameras and you"), watched))
    gave = cost["given_up_for_points"]
    learned.append((_("What it cost and what it gave"), [
        _("Given up for points: {what}.").format(what=_meters(level, gave)),
        _("Points lost: {lost}; points won: {won}; of those, {bought} bought with {n} civic act(s).").format(
            lost=cost["points_lost"], won=cost["points_won"], bought=cost["points_bought_with_civic_acts"],
            n=cost["civic_acts"]),
    ]))
    values = d["values"]
    named = ", ".join(level.values[v].label for v in values["named"])
    most = ", ".join(level.values[v].label for v in values["most_served"])
    match = (_("Your choices served what you said mattered.") if len(values["matches"]) >= 2 else
             _("Your choices served other things than the ones you named."))
    learned.append((_("Your values and your acts"), [
        _("You said mattered most: {named}.").format(named=named),
        _("Your choices served most: {most}.").format(most=most), match]))
    out.append((_("What did you learn?"), _("Where did you give something up to keep your score? Would you "
                                           "have chosen the same with nobody watching?"), learned))

    # 4. How does it relate to the real world?
    real = []
    if any(f["ref"] == "article" for f in d["real_world"]):
        real.append((_("The article"), [_("Where a fact says \"the article\", it is {article}.").format(
            article=narrate.article_name())]))
    for label in SOURCE_ORDER:
        facts = [f"{f['what']}: {narrate.source_words(f['fact'], f['ref'])}"
                 for f in d["real_world"] if f["label"] == label]
        if facts:
            real.append((_(narrate.SOURCE_WORDS[label]), facts))
    for reading in level.debrief.get("readings", ()):
        real.append((reading["title"], [f"{reading['text']} ({reading['ref']})"]))
    out.append((_("How does it relate to the real world?"), _("What in your year is documented, what is "
                                                            "reported, and what did the game imagine?"), real))

    # 5. What if?
    rows = []
    for c in d["counterfactuals"]:
        score = f"{c['score']}, {_('grade')} {c['grade']}" if c["score"] is not None else _("no score")
        goal_word = {True: _("goal reached"), False: _("goal missed"), None: _("goal not due")}[c["goal_reached"]]
        mark = _(" (as you played it)") if c["as_played"] else ""
        rows.append(f"{c['title']}{mark}: {score}; {_('refused')} {c['refused']}; {goal_word}")
    out.append((_("What if?"), _("The same choices and the same die rolls, judged by other rules."),
                [("", rows)]))

    # 6. What next?
    questions = list(level.debrief.get("questions", ()))
    out.append((_("What next?"), _("Questions to talk about with your class."), [("", questions)]))
    return out


def as_markdown(level: Level, d: dict, chart: str | None = None) -> str:
    """The debrief as a one-page Markdown report; `chart` is an image file name to show."""
    who = level.characters[d["character"]]
    out = [f"# {_('Model Citizen: a year in {level}').format(level=level.title)}", "",
           _("{name}, {role} · seed {seed}").format(name=who.name, role=who.role, seed=d["seed"]), ""]
    if chart:
        out += [f"![{_('Score through the year')}]({chart})", ""]
    for title, prompt, sections in pages(level, d):
        out += [f"## {title}", "", f"*{prompt}*", ""]
        for heading, items in sections:
            if heading:
                out += [f"### {heading}", ""]
            out += [f"- {item}" for item in items] + [""]
    return "\n".join(out)
