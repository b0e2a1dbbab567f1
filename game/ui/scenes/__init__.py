"""Every screen of the window; importing a scene's module registers it by name (see game.ui.scene).

`load_all` imports every module of this folder. The window imports only the title before its first
frame and the others just after, beside the level, so opening it does not wait for screens nobody
sees yet.
"""


def load_all() -> None:
    from importlib import import_module
    from pkgutil import iter_modules

    for module in iter_modules(__path__):
        import_module(f"{__name__}.{module.name}")
