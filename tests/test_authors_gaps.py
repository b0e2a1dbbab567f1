"""What an author meets first: every command takes --levels, and the guide's tables name every field the
validator reads (the tables had no counters, triggers, civic_skip, or a civic act's if and count)."""

import re

import pytest

from game.cli import build_parser
from game.content import checks as c
from game.content import specs
from tests.conftest import ROOT


def test_every_command_that_reads_a_level_takes_levels():
    parser = build_parser()
    commands = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction").choices
    for name, command in commands.items():
        options = {o for action in command._actions for o in action.option_strings}
        if "--level" in options or name in ("validate", "export", "upgrade"):
            assert "--levels" in options, f"{name} reads a level but takes no --levels"


def _tables() -> list[set[str]]:
    """The names in the first column of each table in docs/authoring.md (`a`, `b` and `a: [x]` alike)."""
    doc = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    out, current = [], set()
    for line in doc.split("\n") + [""]:
        if line.startswith("|") and not line.startswith("|---"):
            first = line.split("|")[1]
            current |= {name.split(":")[0].strip() for name in re.findall(r"`([^`]+)`", first)}
        elif current:
            out.append(current)
            current = set()
    return out


CONDS = specs.Conditions({}, {}).check()
SPECS = {
    "level.yaml": specs.level_spec(),
    "a trigger": specs.trigger_spec(specs.BLANK, CONDS),
    "rulebook.yaml": specs.rulebook_spec(specs.BLANK, CONDS),
    "characters.yaml": specs.character_spec(specs.BLANK),
    "civic.yaml": specs.civic_spec(specs.BLANK, CONDS),
    "a card": specs.card_spec(specs.BLANK, {}, CONDS),
}
for _what, _spec, _key in (("a choice", "a card", "choices"), ("a policy", "rulebook.yaml", "policies")):
    SPECS[_what] = c.schema_of(SPECS[_spec][_key].check)["items"]["properties"]
SPECS["a card's when"] = c.schema_of(SPECS["a card"]["when"].check)["properties"]
SPECS["an act rule"] = c.schema_of(SPECS["rulebook.yaml"]["acts"].check)["additionalProperties"]["properties"]


@pytest.mark.parametrize("what", sorted(SPECS))
def test_the_guide_has_a_table_with_every_field_the_validator_reads(what):
    fields = set(SPECS[what])
    best = max(_tables(), key=lambda names: len(fields & names))
    assert fields <= best, f"docs/authoring.md: the table for {what} lacks {sorted(fields - best)}"
