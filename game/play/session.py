"""One game being played in the window: the level, the state, and saving after every decision."""

from __future__ import annotations

from pathlib import Path

from game.core import engine
from game.core.model import Level
from game.play import saves


class Session:
    def __init__(self, level: Level, state: engine.State, data_dir: Path) -> None:
        self.level = level
        self.state = state
        self.data_dir = data_dir
        self.log_path: Path | None = None
        self.save_error: str | None = None

    @classmethod
    def new(cls, level: Level, data_dir: Path, seed: str, character: str, values) -> Session:
        state = engine.new_game(level, seed, character, values)
        if isinstance(state, engine.Refusal):
            raise ValueError(state.code)
        session = cls(level, state, data_dir)
        session.save()
        return session

    @classmethod
    def resume(cls, level: Level, data_dir: Path) -> Session | None:
        """Continue the autosave if it belongs to this level; SaveError if it cannot be read."""
        saved = saves.load_save(data_dir)
        if saved is None or saved.level != level.id:
            return None
        state = engine.replay(level, saved.seed, saved.character, saved.values, saved.choices)
        if isinstance(state, engine.Refusal):
            return None
        return cls(level, state, data_dir)

    @property
    def decision(self) -> engine.Decision | None:
        return engine.pending(self.level, self.state)

    def choose(self, index: int) -> list[dict]:
        """Apply a choice, save, and return the log events it produced."""
        before = len(self.state.log)
        result = engine.apply(self.level, self.state, index)
        if isinstance(result, engine.Refusal):
            return []
        self.state = result
        if result.over:
            self.finish()
        else:
            self.save()
        return result.log[before:]

    def save(self) -> None:
        try:
            saves.save_game(self.data_dir, engine.record(self.state, self.level))
            self.save_error = None
        except OSError as exc:
            self.save_error = f"Could not save in {self.data_dir}: {exc.strerror}"

    def finish(self) -> None:
        try:
            self.log_path = saves.write_log(self.data_dir, engine.record(self.state, self.level), self.state.log)
            saves.clear_save(self.data_dir)
        except OSError as exc:
            self.save_error = f"Could not write the log in {self.data_dir}: {exc.strerror}"
