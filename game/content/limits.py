"""Every limit a level must keep, in one table: the validator checks these and docs/authoring.md prints them.

Text limits are in characters and come from the boxes the text is drawn in at 150 % text size; a
test renders every card of every shipped level to keep them honest, and another checks that the
guide's table is this one.
"""

from __future__ import annotations

# (key, where, limit in characters)
TEXT = (
    ("level_title", "`level.yaml` `title` (title screen)", 32),
    ("tagline", "`level.yaml` `words` `tagline` (under the title)", 48),
    ("word", "`level.yaml` `words` `period`, `periods`, `year`, `score` (one or two words)", 14),
    ("about", "`level.yaml` `words` `about` (the sources screen's opening)", 600),
    ("article", "`level.yaml` `words` `article` (the work \"the article\" is)", 160),
    ("option_label", "a level option's `label` (a checkbox on the title screen)", 18),
    ("summary", "`level.yaml` `summary`, `rulebook.yaml` `summary`", 400),
    ("named_label", "a meter, value, place, category or act `label`", 40),
    ("service_label", "a service `label` (drawn on its ticket and in the chips)", 18),
    ("note", "a `note` on a meter, value, service, place, category or act", 120),
    ("reading_title", "`debrief` reading `title`", 60),
    ("rulebook_name", "`rulebook.yaml` `name`", 60),
    ("score_label", "`score` `label` and a grade's `label`", 30),
    ("watcher", "an act rule's `watcher`", 40),
    ("blacklist_label", "`blacklist` `label`", 40),
    ("grade_effect_text", "a grade effect's `text`", 120),
    ("title", "a card's or a policy's `title`", 28),
    ("card_text", "a card's `text`", 300),
    ("label", "a choice's `label`, a civic act's `label`", 38),
    ("outcome", "a choice's (or a branch's) `outcome`", 150),
    ("civic_text", "a civic act's `text`", 150),
    ("name", "a character's `name`", 24),
    ("role", "a character's `role`", 30),
    ("character_text", "a character's `text`", 260),
    ("goal_text", "a goal's `text`", 120),
    ("policy_text", "a policy's `text`", 260),
    ("reality", "`reality` on an access rule or the blacklist", 170),
    ("statement", "a check statement's `text` (check.yaml)", 110),
    ("fact", "a `source`'s `fact`; a debrief question or reading text", 400),
)

# (key, what, lowest, highest or None)
COUNTS = (
    ("months", "months in a year (`months`)", 1, 24),
    ("cards_per_month", "cards dealt a month (`cards_per_month` min and max)", 0, 4),
    ("civic_offers", "civic acts offered a month (`civic_offers`)", 0, 2),
    ("values", "values a player picks from (`values`)", 3, None),
    ("characters", "characters (`characters.yaml`)", 1, 6),
    ("civic_acts", "civic acts (`civic.yaml`; at least `civic_offers`)", 0, 20),
    ("statements", "check statements (`check.yaml`; at least three times the four a student places)", 12, 40),
    ("cards_per_file", "cards in one card file", 1, 500),
    ("choices", "choices on a card", 2, 3),
    ("grades", "grades in a rulebook", 1, 8),
    ("grade_letters", "characters in a grade's name (`A`, `AA`, `B-`)", 1, 3),
    ("effect", "one meter effect (`effects: {money: -2}`), one counter change (`count:`)", -100, 100),
    ("meter", "a meter's `start`, `min` and `max`, a character's starting meters", -10_000, 10_000),
    ("score", "the score's `start`, `min` and `max`, a grade's `min`", -100_000, 100_000),
    ("chances", "`chances` on one choice", 1, 4),
    ("access_rows", "rows of `{if, outcome}` in one access rule", 1, 8),
    ("points", "an act rule's `points`", -1000, 1000),
)

LIMITS: dict[str, int] = {key: n for key, _where, n in TEXT}
NO_LIMIT = 10**9  # a count the guide prints as "no limit"
COUNT: dict[str, tuple[int, int]] = {key: (lo, NO_LIMIT if hi is None else hi) for key, _what, lo, hi in COUNTS}


def guide_table() -> str:
    """The limits as the Markdown tables docs/authoring.md prints between its `limits` markers."""
    rows = ["| text | at most (characters) |", "|---|---|"]
    rows += [f"| {where} | {n} |" for _key, where, n in TEXT]
    rows += ["", "| how many | from | to |", "|---|---|---|"]
    rows += [f"| {what} | {lo} | {'no limit' if hi is None else hi} |" for _key, what, lo, hi in COUNTS]
    return "\n".join(rows) + "\n"
