"""What the class learned: the two-minute check before and after, counted over a class's years.

Per statement, the share who placed it as its source does, before and after; the change tested with McNemar's
exact test (only students who changed their answer count, so a class of 24 needs no approximation); the
five-point "pull" question's shift with a paired sign test. Projected, so the same rule as the rest of the page
holds: no count below 3 is shown or can be worked out (a share is shown only when those right and those wrong
are each none or at least 3), and the words say "more" and "fewer" rather than how many changed. The students'
free lines are never read here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.core import check as checking
from game.core.model import Level
from game.report import stats
from game.words import checkwords
from game.words.i18n import _, ngettext

SMALL = 3


@dataclass
class Row:
    """One statement over the class: students who answered it in both rounds."""

    statement: str
    text: str
    answer: str
    n: int = 0
    right_before: int = 0
    right_after: int = 0
    to_right: int = 0  # wrong before, right after
    to_wrong: int = 0  # right before, wrong after

    @property
    def p(self) -> float:
        return stats.mcnemar_exact(self.to_wrong, self.to_right)


@dataclass
class Learned:
    rows: list[Row] = field(default_factory=list)
    students: int = 0  # years with any check answer
    pull_up: int = 0
    pull_down: int = 0
    pull_same: int = 0

    @property
    def pull_p(self) -> float:
        return stats.sign_test(self.pull_up, self.pull_down)


def tally(level: Level, years) -> Learned:
    """The check answers of a class's years, per statement (each year's check was validated as it was read)."""
    out = Learned()
    rows: dict[str, Row] = {}
    for year in years:
        check = year.data.get("check")
        if not checking.answered(check):
            continue
        out.students += 1
        by_id = {s.id: s for s in level.statements}
        for i, sid in enumerate(check["statements"]):
            b, a = check["before"][i], check["after"][i]
            if sid not in by_id or b is None or a is None:
                continue
            st = by_id[sid]
            row = rows.setdefault(sid, Row(sid, st.text, st.source.label))
            rb, ra = b == st.source.label, a == st.source.label
            row.n += 1
            row.right_before += rb
            row.right_after += ra
            row.to_right += ra and not rb
            row.to_wrong += rb and not ra
        pb, pa = check.get("pull_before"), check.get("pull_after")
        if pb is not None and pa is not None:
            out.pull_up += pa > pb
            out.pull_down += pa < pb
            out.pull_same += pa == pb
    out.rows = sorted(rows.values(), key=lambda r: (-r.n, r.statement))
    return out


def _share(right: int, n: int) -> str:
    if n < SMALL or 0 < right < SMALL or 0 < n - right < SMALL:
        return _("too few to show")
    return f"{round(100 * right / n)} %"


def _p_words(p: float) -> str:
    if p < 0.05:
        k = max(1, round(100 * p))
        return ngettext("if the game taught nothing, a change this lopsided would come by chance about {k} time in "
                        "100 (p = {p:.3f})",
                        "if the game taught nothing, a change this lopsided would come by chance about {k} times in "
                        "100 (p = {p:.3f})", k).format(k=k, p=p)
    return _("a change like this could well be chance (p = {p:.2f}): the check cannot tell it from no change, "
             "which is not the same as showing that nothing was learned").format(p=p)


def _direction(up: int, down: int, more: str, fewer: str, same: str) -> str:
    return more if up > down else fewer if down > up else same


def lines(learned: Learned) -> list[str]:
    """The section as sentences, one per statement and one for the pull question; [] when nobody took the check."""
    if learned.students == 0:
        return []
    if learned.students < SMALL:
        return [_("Fewer than {n} students took the check: too few to show.").format(n=SMALL)]
    margin = round(100 * 1.96 * (0.25 / learned.students) ** 0.5)
    out = [_("{n} students took the check. Each claim, with the share who placed it as its source does, before "
             "the year and after. With {n} students a share could be {m} points off either way (95 %), so read "
             "small changes as no change.").format(n=learned.students, m=margin)]
    for r in learned.rows:
        if r.n < SMALL:
            out.append("- " + _("“{text}” ({answer}): too few answered it in both rounds to show.").format(
                text=r.text, answer=checkwords.kind_words(r.answer)))
            continue
        changed = r.to_right + r.to_wrong
        if changed == 0:
            said = _("nobody changed their answer")
        elif changed < SMALL:
            said = _("fewer than {n} students changed their answer: nothing to test").format(n=SMALL)
        else:
            said = _direction(r.to_right, r.to_wrong, _("more students moved to the right kind than away from it"),
                              _("more students moved away from the right kind than to it"),
                              _("as many moved to the right kind as away from it"))
            said += "; " + _p_words(r.p) + " " + _("(McNemar's exact test)")
        out.append("- " + _("“{text}” ({answer}): {before} before, {after} after; {said}.").format(
            text=r.text, answer=checkwords.kind_words(r.answer), before=_share(r.right_before, r.n),
            after=_share(r.right_after, r.n), said=said))
    pulled = learned.pull_up + learned.pull_down + learned.pull_same
    moved = learned.pull_up + learned.pull_down
    if pulled >= SMALL and moved < SMALL:
        said = _("nobody changed their answer") if not moved else _("fewer than {n} students changed their "
                                                                    "answer").format(n=SMALL)
        out.append(_("The score's pull (“{q}”): {said}.").format(q=checkwords.pull_question(), said=said))
    elif pulled >= SMALL:
        way = _direction(learned.pull_up, learned.pull_down,
                         _("more students said a score would change what they do after the year than before"),
                         _("more students said a score would change what they do less after the year than before"),
                         _("as many students moved up as down"))
        tested = _p_words(learned.pull_p) + " " + _("(paired sign test)")
        out.append(_("The score's pull (“{q}”): {way}; {tested}.").format(
            q=checkwords.pull_question(), way=way, tested=tested))
    return out
