"""The window: scenes that draw the state and send choices to the engine."""
