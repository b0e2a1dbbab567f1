# ruff: noqa
"""Names vulture cannot see used, for tests/test_dead_code.py. Never executed: vulture only reads it.

Add a name here only with its reason; a name that is truly unused is deleted instead.
"""

# read by their string name, or written for the reader of a log or a save (TypedDict keys)
request_outcome, expected_points, meters_after, score_after, rule_points, until, grade_effect
meters_at_min, good_year, months_at_min, needs_unmet, perk, Log
goal_later, settled_by  # option and goal event keys, read by their string name
differs, bought_nothing, at_minimum, most_served, source_labels  # debrief TypedDict keys
luck  # a State stream, read by getattr in engine._roll
popitem  # engine.ReadOnly refuses it

# scenes registered by a decorator and found by their name
rulebook_scene, sources_scene, EndNowScene, ValuesScene, WhyScene

# pygame Rect positions, set to move a rectangle
_.midbottom, _.bottomright, _.midtop, _.midright, _.midleft

# kept for callers outside the game's own code (translators, tests that reset state, readers of the source)
install  # game.words.i18n: switch the language of a running game
reset_level_dirs  # game.content.locate
MIN_HIGHLIGHTS  # game.core.debrief: the floor beside MAX_HIGHLIGHTS, said where it is set
SOURCE_ORDER  # game.report.debrief_text
_.text_rect  # game.ui.scenes.why

# the browser version: the page's worker calls these by name (game/web/static/worker.js and app.js)
boot, call, play_code, file_name, warm  # game.web.bridge
daemon_threads  # game.web.serve.Server: read by socketserver
pytestmark  # read by pytest

# landed without a caller yet (their authors' work in progress, 7 Dec): wire them up or delete them
with_outcome, cross_codes  # game.play.classcode
p_text  # game.report.experiment
