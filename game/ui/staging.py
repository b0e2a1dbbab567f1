"""What a preview puts on the table, and F5: read the level again from disk and replay the game on it.

A preview is not a game anyone plays: the card is put on the table of a year begun with a fixed seed,
at the month, grade and flags asked for, in a throw-away data folder, so nothing is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.core import engine
from game.core.model import Level

PREVIEW_SEED = "PREVIEW-1"


class PreviewError(ValueError):
    """A card, character, month or grade the level does not have; the message says what it has."""


@dataclass(frozen=True)
class Staging:
    """What the preview was asked to show, kept so F5 can show it again on the level read anew."""

    card: str
    character: str | None = None
    month: int | None = None
    grade: str | None = None


def stage(level: Level, staging: Staging) -> engine.State:
    """A state with the card on the table: its month, the grade's score, the flags it needs."""
    card = level.cards.get(staging.card)
    if card is None:
        close = sorted(level.cards)[:8]
        raise PreviewError(f"there is no card '{staging.card}' in {level.id}; cards include {', '.join(close)}")
    character = staging.character or (card.when.characters[0] if card.when.characters else next(iter(level.characters)))
    if character not in level.characters:
        raise PreviewError(f"there is no character '{character}'; characters: {', '.join(level.characters)}")
    month = staging.month or card.when.months[0]
    if not 1 <= month <= level.months:
        raise PreviewError(f"month should be 1 to {level.months}")
    state = engine.new_game(level, PREVIEW_SEED, character, list(level.values)[:3])
    if isinstance(state, engine.Refusal):
        raise PreviewError(f"a game cannot start here: {state.code}")
    state = state.clone()
    if staging.grade is not None:
        grades = {g.grade: g for g in level.rulebook.grades}
        if staging.grade not in grades:
            raise PreviewError(f"grade should be one of: {', '.join(grades) or '(this rulebook has no grades)'}")
        state.score = grades[staging.grade].min
    state.month = month
    state.flags = (state.flags | set(card.when.needs)) - set(card.when.unless)
    state.queue = [card.id]
    state.seen = state.seen | {card.id}
    state.phase = engine.CARD
    state.policies = tuple(p.id for p in level.rulebook.policies if p.month <= month)
    return state


def open_on(app, level: Level, staging: Staging) -> None:
    """Put the staged card on the app's table (a fresh scene stack)."""
    from game.play.session import Session

    class PreviewSession(Session):
        """A year that is never saved and leaves no log: it is only a look at a card."""

        preview = staging

        def save(self) -> None:
            pass

        def finish(self) -> None:
            pass

    session = PreviewSession(level, stage(level, staging), app.data_dir)
    app.level = level
    app.reset("table", session)


def reload(app) -> str:
    """F5: read the level again from its folder and replay the current game's choices on it.

    Returns what to tell the player. If the level no longer loads, or the choices no longer fit it,
    the old level stays and the message says why.
    """
    from game.content.level import ContentError, load_level
    from game.play.session import Session
    from game.words import narrate

    folder = app.level.folder if app.level_loaded else app.level_path
    if not folder:
        return "This level was not read from a folder, so it cannot be read again."
    try:
        level = load_level(Path(folder))
    except ContentError as exc:
        n = len(exc.problems)
        return f"Kept the old level: the new one has {n} {'problem' if n == 1 else 'problems'}, first {exc.problems[0]}"
    session = app.session if app.session is not None and app.scenes and app.scene.__class__.__name__ == "TableScene" \
        else None
    if session is None:
        app.level = level
        return f"Read {level.id} again."
    staging = getattr(session, "preview", None)
    if staging is not None:
        try:
            open_on(app, level, staging)
        except PreviewError as exc:
            return f"Kept the old level: {exc}"
        return f"Read {level.id} again: card '{staging.card}'."
    state = session.state
    again = engine.replay(level, state.seed, state.character, state.values, state.choices, state.months,
                          state.options)
    if isinstance(again, engine.Refusal):
        return f"Kept the old level: this game's choices no longer fit it ({narrate.refusal_text(again)})."
    app.level = level
    app.reset("table", Session(level, again, session.data_dir, session.path))
    n = len(state.choices)
    return f"Read {level.id} again and replayed {n} {'choice' if n == 1 else 'choices'}."
