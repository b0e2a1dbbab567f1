"""The rules core stays pure: no pygame, no files, no clock, no global random."""

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "game" / "core"
FORBIDDEN = {"pygame", "random", "time", "os", "pathlib", "io", "datetime", "socket", "subprocess", "yaml"}


def test_importing_the_core_does_not_import_pygame():
    code = ("import sys; import game.core.engine, game.core.rules, game.core.bots, game.core.model; "
            "print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_core_modules_import_nothing_impure():
    offenders = []
    for path in CORE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "open":
                offenders.append(f"{path.name}: open()")
    assert offenders == []


def test_every_package_of_the_game_is_installed():
    """An installed copy must carry every subpackage: a missing one crashed the installed window once."""
    import re

    root = CORE.parent.parent
    listed = set(re.search(r"^packages = \[(.*?)\]", (root / "pyproject.toml").read_text(), re.M | re.S)
                 .group(1).replace('"', "").replace(" ", "").split(","))
    found = {".".join(p.parent.relative_to(root).parts) for p in (root / "game").rglob("__init__.py")}
    assert found <= listed, f"add to pyproject.toml packages: {sorted(found - listed)}"
