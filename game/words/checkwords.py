"""The two-minute check's words, shared by the terminal, the window and the browser so all three ask the same.

Short on purpose: the whole check, both rounds and the answers, is held to 250 words (a test counts it).
"""

from __future__ import annotations

from game.core import check
from game.core.model import Level
from game.words.i18n import _

MAX_WORDS = 250


def offer() -> str:
    return _("A two-minute check, not scored.")


def skip_hint() -> str:
    return _("s skips")


def round_title(when: str) -> str:
    return _("Each claim is:") if when == "before" else _("Again:")


def place_prompt() -> str:
    """The window's question under each claim (the terminal says round_title once for the four)."""
    return _("This claim is:")


def kinds() -> list[tuple[str, str]]:
    """(label, words) for the four places a statement can go, in the order a code numbers them."""
    words = {"documented": _("documented"), "reported": _("reported"), "thought_experiment": _("the article's idea"),
             "invented": _("invented")}
    return [(label, words[label]) for label in check.LABELS]


def pull_question(when: str = "before") -> str:
    if when == "after":
        return _("And now?")
    return _("If your city kept a score like this, how much would it change what you do?")


def pull_steps() -> list[str]:
    return [_("not at all"), _("a little"), _("some"), _("a lot"), _("completely")]


def pull_scale() -> str:
    steps = pull_steps()
    return _("1 ({low}) to 5 ({high})").format(low=steps[0], high=steps[-1])


def changed_prompt() -> str:
    return _("What changed your mind? (optional, kept private)")


def answers_title() -> str:
    return _("The answers:")


def kind_words(label: str) -> str:
    return dict(kinds()).get(label, label)


def answer_line(level: Level, statement_id: str, placed: str | None) -> str:
    """'Documented (you: reported). <its source>' or 'Documented (right). ...': the claim's kind, the student's
    placing, the source's words."""
    st = next(s for s in level.statements if s.id == statement_id)
    yours = kind_words(placed) if placed else "-"
    mark = _("right") if placed == st.source.label else _("you: {kind}").format(kind=yours)
    return _("{kind} ({mark}). {fact}").format(kind=kind_words(st.source.label).capitalize(), mark=mark,
                                               fact=st.source.fact)


def statement_text(level: Level, statement_id: str) -> str:
    return next(s.text for s in level.statements if s.id == statement_id)


def report_lines(level: Level, kept: dict | None) -> list[str]:
    """The check in the student's own exported report: each claim with the two placings and its answer,
    the pull before and after, and the free line, which no other page ever shows."""
    if not kept or not check.answered(kept) or not level.statements:
        return []
    out = []
    for i, sid in enumerate(kept["statements"]):
        before, after = kept["before"][i], kept["after"][i]
        out.append(_("“{claim}”: before {before}, after {after}. {answer}").format(
            claim=statement_text(level, sid), before=kind_words(before) if before else "-",
            after=kind_words(after) if after else "-", answer=answer_line(level, sid, after or before)))
    steps = pull_steps()
    pulls = [kept.get("pull_before"), kept.get("pull_after")]
    if any(pulls):
        said = [steps[x - 1] if x else "-" for x in pulls]
        out.append(_("{question} Before: {before}; after: {after}.").format(
            question=pull_question(), before=said[0], after=said[1]))
    if kept.get("changed"):
        out.append(_("What changed your mind: {words}").format(words=kept["changed"]))
    return out
