"""The engine as a library: docs/library.md's script runs as written, and each call keeps its word."""

import contextlib
import io
import re

import pytest

from game import api
from tests.conftest import ROOT


def test_the_script_in_docs_library_runs_and_prints_what_the_page_says():
    page = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    script = re.search(r"```python\n(.*?)```", page, re.S).group(1)
    printed = re.search(r"It prints something like:\n\n```text\n(.*?)```", page, re.S).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(script, "docs/library.md", "exec"), {"__name__": "library_md"})
    assert out.getvalue() == printed


def test_a_greyed_choice_is_refused_with_its_reason_and_the_year_is_unchanged():
    level = api.load("rideshare")
    year = api.start(level, "tomasz_nowak", list(level.values)[:3], seed="0")
    greyed = None
    while greyed is None and not year.over:  # the first open option each time, until one is greyed
        options = api.choices(year)
        greyed = next((n for n, o in enumerate(options) if o.get("available") is False), None)
        if greyed is None:
            year = api.choose(year, next(n for n, o in enumerate(options) if o.get("available", True)))
    assert greyed is not None, "no greyed option met"
    before = list(year.state.log)
    with pytest.raises(api.Refused) as refused:
        api.choose(year, greyed)
    assert refused.value.code == "unavailable" and "not open to you now" in refused.value.reason
    assert year.state.log == before


def test_start_refuses_what_does_not_fit_the_level():
    level = api.load("rideshare")
    with pytest.raises(api.Refused, match="2 to 12"):
        api.start(level, "dana_reyes", ["family", "honesty", "freedom"], months=30)
    with pytest.raises(api.Refused) as refused:
        api.start(level, "nobody", ["family", "honesty", "freedom"])
    assert refused.value.code == "no_character"
