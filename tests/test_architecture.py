"""The folders are the architecture: each room imports only the rooms below it, and the core is pure."""

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAME = ROOT / "game"

# Each room and the rooms it may import (besides itself). Arrows run one way: frontends on top,
# then play and report, then words and drawing, then content, then the pure core.
ALLOWED = {
    "core": set(),
    "content": {"core"},
    "words": {"core", "content"},
    "draw": {"core", "content", "words"},
    "play": {"core", "content", "words"},
    "report": {"core", "content", "words", "draw", "play"},
    "ui": {"core", "content", "words", "draw", "play", "report"},
    "text": {"core", "content", "words", "play", "report"},
    "web": {"core", "content", "words", "draw", "play", "report"},
    "api": {"core", "content", "words", "play"},
    "cli": {"core", "content", "words", "draw", "play", "report", "ui", "text", "web", "api"},
    "__main__": {"cli"},
    "__init__": set(),
}
IMPURE = {"pygame", "random", "time", "os", "pathlib", "io", "datetime", "socket", "subprocess", "yaml", "gettext"}


def _room(path: Path) -> str:
    rel = path.relative_to(GAME)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(path: Path) -> list[tuple[str, bool]]:
    """Every module a file imports at run time, and whether the import sits inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node: ast.AST, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and getattr(child.test, "id", None) == "TYPE_CHECKING":
                continue  # type hints only: never imported when the game runs
            inner = nested or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.Import):
                found.extend((a.name, nested) for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                # `from package import module` imports the module; `from module import name` the module
                found.extend((f"{child.module}.{a.name}", nested) for a in child.names)
            visit(child, inner)

    visit(tree, False)
    return found


def test_every_module_imports_only_rooms_below_it():
    offenders = []
    for path in GAME.rglob("*.py"):
        room = _room(path)
        assert room in ALLOWED, f"{path.relative_to(ROOT)}: a module outside the known rooms; add its room to ALLOWED"
        for name, _nested in _imports(path):
            parts = name.split(".")
            if parts[0] != "game" or len(parts) < 3:
                continue
            target = parts[1]
            if target != room and target not in ALLOWED[room]:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_import_circle_between_modules_not_even_inside_functions():
    """An import inside a function must not dodge a circle: the graph of every import is acyclic."""
    modules = {_module(p): p for p in GAME.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imported, _nested in _imports(path):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]  # `from game.x import y` where y is not a module
            if imported and imported != name and not name.startswith(imported + "."):
                targets.add(imported)
        graph[name] = targets
    circles, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                circles.append(" -> ".join(trail[trail.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert circles == []


def test_importing_the_core_does_not_import_pygame():
    code = ("import sys; import game.core.engine, game.core.rules, game.core.bots, game.core.model, "
            "game.core.debrief, game.core.gamecode; print('pygame' in sys.modules, 'yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False False"


def test_core_modules_import_nothing_impure():
    offenders = []
    for path in (GAME / "core").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in IMPURE]
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "open":
                offenders.append(f"{path.name}: open()")
    assert offenders == []


def test_every_package_of_the_game_is_installed():
    """An installed copy must carry every subpackage: a missing one crashed the installed window once."""
    listed = set(re.search(r"^packages = \[(.*?)\]", (ROOT / "pyproject.toml").read_text(), re.M | re.S)
                 .group(1).replace('"', "").replace(" ", "").split(","))
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in GAME.rglob("__init__.py")}
    assert found <= listed, f"add to pyproject.toml packages: {sorted(found - listed)}"
