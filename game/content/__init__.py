"""Reading levels from disk: YAML files in, checked `game.core.model.Level` objects out.

Import the submodules directly (`game.content.level`, `.locate`, `.levels`): this package
imports nothing itself, so that finding a level path does not load YAML or the validator.
"""
