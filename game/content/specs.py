"""The level format, written once: every file's fields, how each is checked, and what each means.

The loader (`game.content.level`) checks files with these specs and then checks what the fields must
agree on across the level; `game.content.schema` turns the same specs into the JSON Schema an editor
shows as hover help. A spec needs the names the level declares (its meters, acts, services...) to
check references; the schema is built from `BLANK`, which declares none, so a reference there is any
id. Every field carries its sentence of help: a test holds every field of the schema to having one.
"""

from __future__ import annotations

import re
from typing import Any

from game.content import checks as c
from game.content import formats
from game.content.checks import BAD, Context, described, opt, req
from game.content.limits import COUNT, LIMITS
from game.content.locate import shipped_dir
from game.core import model as m

DATA_KINDS = ("financial", "criminal", "social")
SEED_TAG = re.compile(r"^[A-Z0-9]{2,6}$")
RESERVED_TAG = re.compile(r"^(\d{1,2}M|SPLIT\d{0,2})$")  # a seed's length marker (6M) and a split class's SPLIT
ACCESS_FIELDS = ("grades", "source", "reality")
UNREAL = ("thought_experiment",)  # a rule the article imagined must say, in play, what is real

# What a level declares, as the specs need it; `BLANK` declares nothing, for the schema.
Head = dict[str, Any]
BLANK: Head = {"meters": {}, "values": {}, "services": {}, "places": {}, "categories": {}, "acts": {},
               "counters": {}, "months": COUNT["months"][1]}


def _source() -> c.Check:
    spec = {
        "label": req(c.one_of(m.SOURCE_LABELS, "source label"),
                     "how sure the fact is: documented (policy text, official data), reported (journalism), "
                     "thought_experiment (imagined by the article) or invented (made up for the game)"),
        "fact": req(c.text(LIMITS["fact"]), "the fact, in your own words, one or two sentences (quote it if it "
                                            "has a comma)"),
        "ref": opt(c.text(), None, "'article' for the feature article, or the URL of the source; needed unless "
                                   "the label is invented"),
    }

    def check(ctx: Context, value: Any, line: int, what: str) -> Any:
        got = c.fields(ctx, value, line, what, spec)
        if got is BAD:
            return BAD
        if got["label"] != "invented" and not got["ref"]:
            return ctx.error(getattr(value, "line", line), f"{what}: a '{got['label']}' source needs a 'ref': "
                                                            f"'article' or the URL it comes from")
        if got["ref"] and got["ref"] != "article" and not got["ref"].startswith(("http://", "https://")):
            return ctx.error(getattr(value, "line", line), f"{what}: ref should be 'article' or a URL starting "
                                                            f"with http:// or https://")
        return m.Source(**got)

    schema = c.spec_schema(spec)
    schema["properties"]["ref"]["pattern"] = "^(article|https?://)"
    schema["if"] = {"properties": {"label": {"not": {"const": "invented"}}}}
    schema["then"] = {"required": ["ref"]}
    return described(check, schema)


SOURCE = "where the fact it rests on comes from: {label, fact, ref}"


def icon_names() -> set[str]:
    """The icons the game can draw: the SVG files in assets/icons."""
    return {p.stem for p in (shipped_dir("assets") / "icons").glob("*.svg")}


def _icon(names: set[str]) -> c.Check:
    """An icon from the game's icon set: a name it cannot draw would leave an empty space on screen."""
    def check(ctx: Context, value: Any, line: int, what: str) -> Any:
        got = c.text()(ctx, value, line, what)
        if got is BAD or not names or got in names:
            return got
        return ctx.error(line, f"{what}: there is no icon '{got}'{c.did_you_mean(got, names)}; the icons are the "
                               f"names in assets/icons (listed in docs/authoring.md)")
    return described(check, {"enum": sorted(names)})


def _named(kind: str, icons: set[str], extra: dict[str, c.Field] | None = None) -> c.Check:
    label = LIMITS["service_label"] if kind == "service" else LIMITS["named_label"]
    spec = {"label": req(c.text(label), f"the {kind}'s name as the player reads it"),
            "icon": opt(_icon(icons), "", "an icon from assets/icons, drawn beside the label"),
            "note": opt(c.text(LIMITS["note"]), "", f"one line telling the player what the {kind} is"),
            **(extra or {})}
    return c.record(spec)


def _effects(meters) -> c.Check:
    return c.map_of(c.ref(meters, "meter"), c.integer(*COUNT["effect"]))


def _count_map(counters) -> c.Check:
    def counter(ctx: Context, value: Any, line: int, what: str) -> Any:
        if isinstance(value, str) and value in counters:
            return value
        return ctx.error(line, f"{what} names unknown counter '{value}'{c.did_you_mean(str(value), counters)}: "
                               f"declare it under 'counters:' in level.yaml")
    return c.map_of(described(counter, dict(c.ID_SCHEMA)), c.integer(*COUNT["effect"]))


def _value_map(values) -> c.Check:
    return c.map_of(c.ref(values, "value"), c.integer(-1, 1))


def _seed_tag(ctx: Context, value: Any, line: int, what: str) -> Any:
    """The word a class seed ends with to turn an option on ('MAPLE-42-NOFP'): what a seed box accepts."""
    if not isinstance(value, str) or not SEED_TAG.match(value):
        return ctx.error(line, f"{what} should be 2 to 6 capital letters or digits, such as NOFP, so that it can "
                               f"be typed at the end of a seed")
    if RESERVED_TAG.match(value):
        return ctx.error(line, f"{what} '{value}' is a word seeds already use ('6M' sets a short year, 'SPLIT' "
                               f"splits a class): every such seed would turn the option on; choose another tag")
    return value


described(_seed_tag, {"type": "string", "pattern": SEED_TAG.pattern, "not": {"pattern": RESERVED_TAG.pattern}})


def _detect(places) -> c.Check:
    chance = c.number(0.0, 1.0)
    by_place = c.map_of(c.ref({**{"default": None}, **places}, "place"), chance)

    def check(ctx: Context, value: Any, line: int, what: str) -> Any:
        if isinstance(value, dict):
            got = by_place(ctx, value, line, what)
            if got is BAD:
                return BAD
            if "default" not in got:
                return ctx.error(line, f"{what}: add a 'default' chance for places not named")
            return got
        got = chance(ctx, value, line, what)
        return BAD if got is BAD else {"default": got}
    return described(check, {"anyOf": [c.schema_of(chance), {**c.schema_of(by_place), "required": ["default"]}]})


def _access(conds: c.Check) -> c.Check:
    outcome = c.one_of(m.OUTCOMES, "outcome")
    by_grade = c.map_of(c.text(COUNT["grade_letters"][1]), outcome, 1)
    rows = c.list_of(c.record({
        "if": opt(conds, (), "conditions that must all hold for this row's outcome"),
        "outcome": req(outcome, "granted, delayed or denied")}), *COUNT["access_rows"], item_name="row")

    def check(ctx: Context, value: Any, line: int, what: str) -> Any:
        if isinstance(value, dict):
            return by_grade(ctx, value, line, what)
        if isinstance(value, list):
            return rows(ctx, value, line, what)
        got = outcome(ctx, value, line, what)
        return BAD if got is BAD else {"*": got}
    return described(check, {"anyOf": [c.schema_of(outcome), c.schema_of(by_grade), c.schema_of(rows)]})


def _access_rule(conds: c.Check) -> c.Check:
    """One service's rule: who gets it by grade (or by rows of conditions), where that comes from, and
    (if it is not real) what is."""
    spec = {"grades": req(_access(conds), "one outcome for everyone (granted, delayed, denied), grade: outcome, "
                                          "or rows of {if, outcome} read in order, the last without 'if'"),
            "source": req(_source(), "where the rule comes from"),
            "reality": opt(c.text(LIMITS["reality"]), "", "what happens in reality, told each time a "
                                                           "thought-experiment rule refuses or delays")}

    def check(ctx: Context, value: Any, line: int, what: str) -> Any:
        if isinstance(value, str) or (isinstance(value, dict) and value and not set(value) & set(ACCESS_FIELDS)):
            return ctx.error(line, f"{what}: every rule needs a source: write it as 'grades:' (one outcome, or "
                                   f"grade: outcome) beside 'source: {{label, fact, ref}}' (see docs/authoring.md)")
        return c.fields(ctx, value, line, what, spec)
    return described(check, c.spec_schema(spec))


# --- conditions ------------------------------------------------------------------------------

COND = re.compile(r"^(not\s+)?([a-z][a-z0-9_]*)\s*(?:(<=|>=|==|!=|<|>|\bin\b)\s*(.*?))?$")
NUMERIC = ("<", "<=", ">", ">=", "==", "!=")
COND_HINT = ("write 'money >= 3' (a meter, a counter, score or month, compared with a whole number), "
             "'grade in A B', 'character == lin_yue', or a flag alone ('has_car', 'not defaulted')")
COND_SCHEMA = {"type": "string", "pattern": COND.pattern}


class Conditions:
    """Reads the `if:` lists of cards, choices, civic acts, triggers and access rows into `Cond`s.

    Meters and counters are known when it is made; grades, characters and flags are only known once
    every file is read, so those names are checked at the end (`finish`).
    """

    def __init__(self, meters, counters) -> None:
        self.meters, self.counters = meters, counters
        self.later: list[tuple[Context, int, str, str, str]] = []  # (ctx, line, what, kind, name)

    def check(self) -> c.Check:
        def one(ctx: Context, value: Any, line: int, what: str) -> Any:
            if isinstance(value, bool) or not isinstance(value, str):
                return ctx.error(line, f"{what}: a condition should be text in quotes, not {c.describe(value)}: "
                                       f"{COND_HINT}")
            text = " ".join(value.split())
            match = COND.match(text)
            if not match:
                return ctx.error(line, f"{what}: cannot read the condition '{text}': {COND_HINT}")
            negate, name, op, rest = match.groups()
            if op is None:
                if name in self.meters or name in self.counters or name in ("score", "month", "grade", "character"):
                    return ctx.error(line, f"{what}: '{text}' names {name} but compares it with nothing: "
                                           f"write for example '{name} >= 1'")
                self.later.append((ctx, line, what, "flag", name))
                return m.Cond("flag", name, "has", not negate, text)
            if negate:
                return ctx.error(line, f"{what}: 'not' goes only before a flag; for '{text}' turn the "
                                       f"comparison round instead (for example '<' for '>=')")
            if name in ("grade", "character"):
                if op not in ("in", "==", "!="):
                    return ctx.error(line, f"{what}: '{text}': a {name} is matched with 'in', '==' or '!=', "
                                           f"as in '{name} in A B'")
                names = tuple(w for w in rest.replace(",", " ").split() if w)
                if not names:
                    return ctx.error(line, f"{what}: '{text}' names no {name}")
                for n in names:
                    self.later.append((ctx, line, what, name, n))
                return m.Cond(name, name, op, names, text)
            if op == "in":
                return ctx.error(line, f"{what}: '{text}': 'in' is for grade and character; compare numbers "
                                       f"with {', '.join(NUMERIC)}")
            try:
                number = int(rest)
            except ValueError:
                return ctx.error(line, f"{what}: '{text}' compares {name} with '{rest}', which is not a whole number")
            if name in self.meters:
                return m.Cond("meter", name, op, number, text)
            if name in self.counters:
                return m.Cond("counter", name, op, number, text)
            if name in ("score", "month"):
                return m.Cond(name, name, op, number, text)
            known = list(self.meters) + list(self.counters) + ["score", "month"]
            return ctx.error(line, f"{what}: '{text}' compares '{name}', which is no meter, counter, score or "
                                   f"month{c.did_you_mean(name, known)}; declare counters under 'counters:' "
                                   f"in level.yaml")

        inner = c.list_of(described(one, dict(COND_SCHEMA)), 1)

        def conds(ctx: Context, value: Any, line: int, what: str) -> Any:
            if isinstance(value, str):
                value = [value]
            return inner(ctx, value, line, what)
        return described(conds, {"anyOf": [COND_SCHEMA, c.schema_of(inner)],
                                 "description": "conditions that must all hold: " + COND_HINT.removeprefix("write ")})

    def finish(self, grades, characters, flags_tested: list) -> None:
        for ctx, line, what, kind, name in self.later:
            if kind == "flag":
                flags_tested.append((ctx, line, what, name))
            elif kind == "grade" and grades is not None and name not in grades:
                ctx.error(line, f"{what}: unknown grade '{name}'{c.did_you_mean(name, grades)}; the rulebook's "
                                f"grades are {', '.join(grades) or 'none'}")
            elif kind == "character" and characters is not None and name not in characters:
                ctx.error(line, f"{what}: unknown character '{name}'{c.did_you_mean(name, characters)}")


def _ids(min_items: int = 0) -> c.Check:
    return c.list_of(c.ident, min_items, unique=True)


# --- the files -------------------------------------------------------------------------------

def triggers_check() -> c.Check:
    """level.yaml `triggers:`, as the schema shows it; the loader checks them once meters and counters are
    built (`trigger_spec` with the level's names), so here they pass through."""
    schema = c.schema_of(c.list_of(c.record(trigger_spec(BLANK, Conditions({}, {}).check())), 0, MAX_TRIGGERS))
    return described(lambda ctx, value, line, what: value, schema)


MAX_TRIGGERS = 40
MAX_NEEDS = 6


def level_spec(raw: Any = None) -> dict[str, c.Field]:
    """level.yaml. `civic_skip` names meters declared in the same file, read from `raw` before they are built."""
    meters = raw.get("meters") if isinstance(raw, dict) and isinstance(raw.get("meters"), dict) else {}
    icons = icon_names()
    meter = {"start": req(c.integer(*COUNT["meter"]), "where the meter starts (a character may start elsewhere)"),
             "min": req(c.integer(*COUNT["meter"]), "the lowest it goes: a year that ends here is not a good one"),
             "max": req(c.integer(*COUNT["meter"]), "the highest it goes")}
    act = {"data": req(c.one_of(DATA_KINDS, "kind of data"), "the record it leaves: financial, criminal or social")}
    option = {"label": req(c.text(LIMITS["option_label"]), "names the option in the window's settings"),
              "seed_tag": req(_seed_tag, "2 to 6 capitals: a seed ending in -TAG turns the option on (CLASS-7-NOFP)"),
              "leaves_out": req(_ids(1), "the cards the option removes"),
              "adds": opt(_ids(), (), "cards dealt only with the option on, in their place")}
    need_slot = {"months": req(c.list_of(c.integer(*COUNT["months"]), 2, 2), "[from, to]: the rounds it may come in"),
                 "cards": req(_ids(1), "need cards (when: deck: false), one of which the seed picks for the year")}
    reading = {"title": req(c.text(LIMITS["reading_title"]), "the reading's title"),
               "text": req(c.text(LIMITS["fact"]), "the reading, a few sentences"),
               "ref": req(c.text(), "where it comes from: 'article' or a URL")}
    words = {"period": opt(c.text(LIMITS["word"]), None, "what a round is called (default month)"),
             "periods": opt(c.text(LIMITS["word"]), None, "the same, more than one (default months)"),
             "tagline": opt(c.text(LIMITS["tagline"]), None, "the line under the game's title"),
             "year": opt(c.text(LIMITS["word"]), None, "what the whole game is called: 'Play another year' "
                                                       "(default year; a school might say term)"),
             "score": opt(c.text(LIMITS["word"]), None, "what the score is called in sentences (default score)"),
             "about": opt(c.text(LIMITS["about"]), None, "the sources screen's opening paragraph: what the level is "
                                                         "about and what it rests on, in the level's own words"),
             "article": opt(c.text(LIMITS["article"]), None, "the work a source's 'ref: article' means, named "
                                                             "once on each screen that cites it; needed if any "
                                                             "source says ref: article")}

    return {
        "format": opt(c.integer(0, formats.CURRENT["level"]), None,
                      f"the version of the level format: write {formats.CURRENT['level']}; an older level is "
                      f"rewritten by python -m game upgrade"),
        "id": req(c.ident, "the level's id, the same as its folder's name"),
        "extends": opt(c.ident, None, "a level beside this one whose files and keys fill in those left out here"),
        "control": opt(c.ident, "", "the sibling level a split class's other half plays (usually no score)"),
        "title": req(c.text(LIMITS["level_title"]), "shown on the title screen"),
        "words": opt(c.record(words), {}, "the engine's own words, renamed for this level"),
        "summary": req(c.text(LIMITS["summary"]), "two or three sentences shown when the level is picked"),
        "months": req(c.integer(*COUNT["months"]), "rounds in a year"),
        "cards_per_month": req(c.record({
            "min": req(c.integer(*COUNT["cards_per_month"]), "fewest event cards a round"),
            "max": req(c.integer(1, COUNT["cards_per_month"][1]), "most event cards a round")}),
            "how many event cards a round draws; the die decides between min and max"),
        "civic_offers": opt(c.integer(*COUNT["civic_offers"]), 2,
                            "civic acts offered each round (0 turns the virtue market off)"),
        "meters": req(c.map_of(c.ident, _named("meter", icons, meter), 1),
                      "the player's own tracks (money, wellbeing...)"),
        "values": req(c.map_of(c.ident, _named("value", icons), COUNT["values"][0]),
                      "at least three; the player names the three that matter most"),
        "services": req(c.map_of(c.ident, _named("service", icons), 1), "what the rulebook grants, delays or denies"),
        "places": opt(c.map_of(c.ident, _named("place", icons)), {},
                      "where a card happens; the rulebook can watch places differently"),
        "categories": req(c.map_of(c.ident, _named("category", icons), 1),
                          "a card's kind; its icon is the card's art"),
        "acts": req(c.map_of(c.ident, _named("act", icons, act), 1),
                    "what a player can do, as tags the rulebook judges"),
        "counters": opt(c.map_of(c.ident, _named("counter", icons)), {},
                        "numbers the year keeps, from 0 (times late, good deeds); conditions compare them"),
        "civic_skip": opt(_effects(meters), {}, "meter: change, what 'not this round' at the market gives back"),
        "triggers": opt(triggers_check(), (), "what happens during the year when conditions hold: deal a card, "
                                              "effects, set, count"),
        "options": opt(c.map_of(c.ident, c.record(option)), {}, "cards a teacher may leave out for a class"),
        "needs": opt(c.list_of(c.record(need_slot), 0, MAX_NEEDS, item_name="need"), (),
                     "unannounced needs: each year deals one card of each, in a month of its window the seed "
                     "picks; the player is never told in advance"),
        "empty_months_allowed": opt(c.integer(0, COUNT["months"][1]), 1,
                                    "month-ends with a meter at its minimum that a good year may have"),
        "debrief": opt(c.record({
            "questions": opt(c.list_of(c.text(LIMITS["fact"])), (), "questions for a class discussion"),
            "readings": opt(c.list_of(c.record(reading)), (), "readings of the real system, each with its source"),
        }), {"questions": (), "readings": ()}, "what the debrief adds after the year"),
    }


def trigger_spec(head: Head, conds: c.Check) -> dict[str, c.Field]:
    return {"id": req(c.ident, "the trigger's id"),
            "if": req(conds, "conditions that must all hold for it to fire"),
            "deal": opt(c.ident, None, "a card dealt next (or at the start of the next round)"),
            "effects": opt(_effects(head["meters"]), {}, "meter: change"),
            "set": opt(_ids(), (), "flags to set"),
            "count": opt(_count_map(head["counters"]), {}, "counter: change"),
            "repeat": opt(c.boolean, False, "true: fires again each time its conditions come to hold after a "
                                            "time they did not (default: once a year)")}


def rulebook_spec(head: Head, conds: c.Check) -> dict[str, c.Field]:
    acts, meters, services, months = head["acts"], head["meters"], head["services"], head["months"]
    detect = _detect(head["places"])
    points = c.integer(*COUNT["score"])
    act_rule = {"points": req(c.integer(*COUNT["points"]), "points won (positive) or lost (negative) when seen"),
                "detect": req(detect, "the chance it is seen, 0 to 1, or {default: 0.3, place: 0.9} by place"),
                "watcher": opt(c.text(LIMITS["watcher"]), "", "who sees it, shown beside the eye"),
                "source": req(_source(), SOURCE),
                "lasts": opt(c.integer(1, months), None, "rounds after which points lost for it come back")}
    change = {"act": req(c.ref(acts, "act"), "the act whose rule changes"),
              "points": opt(c.integer(*COUNT["points"]), None, "its new points"),
              "detect": opt(detect, None, "its new chance of being seen"),
              "watcher": opt(c.text(LIMITS["watcher"]), None, "its new watcher"),
              "remove": opt(c.boolean, False, "true: the act is no longer judged")}
    access_change = {"service": req(c.ref(services, "service"), "the service whose rule it replaces"),
                     "grades": req(_access(conds), "the new rule: one outcome, grade: outcome, or rows of "
                                                   "{if, outcome}, the last without 'if'")}
    grade_line = {"grade": req(c.text(COUNT["grade_letters"][1]), "the grade whose line moves"),
                  "min": req(points, "its new lowest score")}
    policy = {"id": req(c.ident, "the policy's id"),
              "month": req(c.integer(1, months), "the round it comes in (from its start)"),
              "title": req(c.text(LIMITS["title"]), "a few words, as on a card"),
              "text": req(c.text(LIMITS["policy_text"]), "what changes, as the player reads it"),
              "source": req(_source(), SOURCE),
              "changes": opt(c.list_of(c.record(change), 1, item_name="change"), (),
                             "act rules added, changed or removed: {act, points, detect, watcher} or {act, remove}"),
              "access": opt(c.list_of(c.record(access_change), 1, item_name="access change"), (),
                            "access rules it replaces: {service, grades}, grades written as in access"),
              "grade_lines": opt(c.list_of(c.record(grade_line), 1, item_name="grade line"), (),
                                 "grade lines it moves: {grade, min}, the grade's new lowest score")}
    return {
        "name": req(c.text(LIMITS["rulebook_name"]), "shown on the rulebook screen"),
        "summary": req(c.text(LIMITS["summary"]), "shown on the rulebook screen"),
        "score": opt(c.record({"label": req(c.text(LIMITS["score_label"]), "the score's name on screen"),
                               "start": req(points, "where everyone starts"),
                               "min": req(points, "the lowest it goes"),
                               "max": req(points, "the highest it goes")}), None,
                     "leave it out for a world with no score (then leave out grades too)"),
        "grades": opt(c.list_of(c.record({"grade": req(c.text(COUNT["grade_letters"][1]), "the letter: A, AA, B-"),
                                          "min": req(points, "a score at or above this gets the grade"),
                                          "label": opt(c.text(LIMITS["score_label"]), "", "a name beside the "
                                                                                          "letter")}),
                                *COUNT["grades"]), None, "highest first: {grade, min, label}"),
        "acts": opt(c.map_of(c.ref(acts, "act"), c.record(act_rule)), {},
                    "act: its rule; an act with no rule is never judged"),
        "access": req(c.map_of(c.ref(services, "service"), _access_rule(conds)),
                      "service: who gets it, and where that rule comes from"),
        "delay_cost": opt(_effects(meters), {}, "meter: change, paid when a service is delayed"),
        "blacklist": opt(c.record({"label": req(c.text(LIMITS["blacklist_label"]), "the list's name"),
                                   "acts": req(c.list_of(c.ref(acts, "act"), 1, unique=True),
                                               "being seen at one of these puts you on the list"),
                                   "denies": req(c.list_of(c.ref(services, "service"), 1, unique=True),
                                                 "services the list denies whatever your grade"),
                                   "source": req(_source(), SOURCE),
                                   "reality": opt(c.text(LIMITS["reality"]), "", "what happens in reality, told "
                                                                                  "with each refusal"),
                                   "months": opt(c.integer(1, months), None, "rounds on the list (default: until "
                                                                             "a choice with unlist)")}),
                          None, "a list that denies services whatever the grade"),
        "grade_effects": opt(c.map_of(c.text(COUNT["grade_letters"][1]), c.record({
            "effects": req(_effects(meters), "meter: change"),
            "text": req(c.text(LIMITS["grade_effect_text"]), "what the perk or penalty is"),
            "source": req(_source(), SOURCE)})), {}, "grade: a perk or penalty applied each round at that grade"),
        "policies": opt(c.list_of(c.record(policy)), (), "rule changes that come in at a given round"),
    }


def character_spec(head: Head) -> dict[str, c.Field]:
    goal = {"text": req(c.text(LIMITS["goal_text"]), "the life goal, as the player reads it"),
            "needs": req(c.list_of(c.ref(head["services"], "service"), 1, unique=True),
                         "the services applied for at the end of round 'by'"),
            "by": req(c.integer(1, head["months"]), "the round by which it must be met"),
            "dropped_by": opt(_ids(), (), "flags that mean the player gave the goal up"),
            "met_by": opt(_ids(), (), "flags that mean the goal was met another way")}
    return {"id": req(c.ident, "the character's id"),
            "name": req(c.text(LIMITS["name"]), "their name"),
            "role": req(c.text(LIMITS["role"]), "a few words: 'delivery driver, 29'"),
            "text": req(c.text(LIMITS["character_text"]), "their situation, two or three sentences"),
            "goal": req(c.record(goal), "{text, needs, by, dropped_by, met_by}"),
            "meters": opt(c.map_of(c.ref(head["meters"], "meter"), c.integer(*COUNT["meter"])), {},
                          "meter: start value, instead of the level's"),
            "flags": opt(_ids(), (), "flags they start with")}


def civic_spec(head: Head, conds: c.Check) -> dict[str, c.Field]:
    return {"id": req(c.ident, "the civic act's id"),
            "label": req(c.text(LIMITS["label"]), "the choice the player reads"),
            "text": req(c.text(LIMITS["civic_text"]), "one sentence on what it involves"),
            "acts": req(c.list_of(c.ref(head["acts"], "act"), 1), "the acts it performs"),
            "effects": opt(_effects(head["meters"]), {}, "meter: change, what it costs or gives"),
            "values": opt(_value_map(head["values"]), {}, "value: +1 or -1, which values it serves or goes against"),
            "source": req(_source(), SOURCE),
            "unless": opt(_ids(), (), "flags that keep it off the market"),
            "if": opt(conds, (), "conditions that must all hold for it to be offered"),
            "count": opt(_count_map(head["counters"]), {}, "counter: change when it is taken"),
            "count_seen": opt(_count_map(head["counters"]), {}, "counter: change only when one of its acts is "
                                                                "seen")}


def statement_spec() -> dict[str, c.Field]:
    return {"id": req(c.ident, "the statement's id"),
            "text": req(c.text(LIMITS["statement"]), "one claim, in a plain sentence, with no double negative; the "
                                                     "player says what kind of fact it is"),
            "source": req(_source(), "where the claim comes from: its label is the answer the check expects")}


def card_spec(head: Head, ids, conds: c.Check) -> dict[str, c.Field]:
    meters, acts, services, months = head["meters"], head["acts"], head["services"], head["months"]
    outcome = c.text(LIMITS["outcome"])
    branch = {"outcome": opt(outcome, "", "one or two sentences told then"),
              "effects": opt(_effects(meters), {}, "meter: change"),
              "set": opt(_ids(), (), "flags to set")}
    chance = {"chance": req(c.number(0.01, 1.0), "its chance, 0.01 to 1"),
              "outcome": opt(outcome, "", "what is told when it is drawn"),
              "effects": opt(_effects(meters), {}, "meter: change"),
              "set": opt(_ids(), (), "flags to set"),
              "count": opt(_count_map(head["counters"]), {}, "counter: change")}
    choice = {"label": req(c.text(LIMITS["label"]), "what the player does, short ('Drive through')"),
              "outcome": opt(outcome, "", "one or two sentences shown after the choice"),
              "effects": opt(_effects(meters), {}, "meter: change, the personal effect on you"),
              "acts": opt(c.list_of(c.ref(acts, "act")), (), "the acts it performs; the rulebook judges them"),
              "values": opt(_value_map(head["values"]), {}, "value: +1 or -1"),
              "set": opt(_ids(), (), "flags to set"),
              "clear": opt(_ids(), (), "flags to clear"),
              "request": opt(c.ref(services, "service"), None, "a service it applies for"),
              "granted": opt(c.record(branch), None, "what follows if the service is granted (or delayed)"),
              "denied": opt(c.record(branch), None, "what follows if the service is denied"),
              "follow_up": opt(c.ref(ids, "card"), None, "a card that comes first in a later round"),
              "after": opt(c.integer(1, months), None, "rounds until the follow-up (default 1)"),
              "if": opt(conds, (), "conditions; when one fails the choice is greyed with it as the reason"),
              "hide": opt(c.boolean, False, "true: when its 'if' fails the choice is not shown"),
              "place": opt(c.ref(head["places"], "place"), None, "where its acts happen, instead of the card's"),
              "outcome_seen": opt(outcome, "", "told instead of 'outcome' when one of its acts is seen"),
              "chances": opt(c.list_of(c.record(chance), *COUNT["chances"], item_name="chance"), (),
                             "outcomes of which one may be drawn after the choice: {chance, outcome, effects, set, "
                             "count}"),
              "count": opt(_count_map(head["counters"]), {}, "counter: change"),
              "effects_seen": opt(_effects(meters), {}, "meter: change, only when one of its acts is seen"),
              "count_seen": opt(_count_map(head["counters"]), {}, "counter: change, only when one of its acts is "
                                                                  "seen"),
              "unlist": opt(c.boolean, False, "true: takes the player off the blacklist"),
              "need": opt(c.one_of(("met", "unmet"), "need outcome"), "",
                          "on an unannounced need's card, a choice with no request: met (another way, such as "
                          "paying) or unmet (given up); a request's outcome says it otherwise"),
              "points_source": opt(_source(), None, "{label, fact, ref}: what kind of fact its points rest on, "
                                                    "where not the card's kind (validate asks for it there)")}
    when = {"months": opt(c.list_of(c.integer(1, months), 2, 2), (1, months), "[from, to]: only in these rounds"),
            "needs": opt(_ids(), (), "only if the player has all these flags"),
            "unless": opt(_ids(), (), "never if the player has any of these flags"),
            "characters": opt(c.list_of(c.ident, 1, unique=True), (), "only for these characters"),
            "always": opt(c.boolean, False, "true: guaranteed once, in a round the die picks"),
            "deck": opt(c.boolean, True, "false: never drawn from the deck, only as a follow-up or a trigger's "
                                         "deal"),
            "if": opt(conds, (), "only while every condition holds")}
    return {"id": req(c.ident, "unique in the level"),
            "title": req(c.text(LIMITS["title"]), "a few words"),
            "category": req(c.ref(head["categories"], "category"), "one of the level's categories"),
            "place": opt(c.ref(head["places"], "place"), None, "one of the level's places"),
            "text": req(c.text(LIMITS["card_text"]), "the situation, in the second person"),
            "source": req(_source(), SOURCE),
            "when": opt(c.record(when), None, "when the card may be drawn"),
            "choices": req(c.list_of(c.record(choice), *COUNT["choices"], item_name="choice"), "2 or 3 choices")}
