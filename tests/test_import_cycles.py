"""No module of the game imports in a cycle, and each layer imports only the layers below it.

Counted from the source, imports inside functions included (a late import hides a cycle from
Python, not from the next maintainer); imports under `if TYPE_CHECKING:` are left out, since they
never run. `from package import module` counts as importing that module.
"""

from __future__ import annotations

import ast
from pathlib import Path

GAME = Path(__file__).resolve().parents[1] / "game"

# A layer may import its own package and the ones named here, never one above it.
NEVER_IMPORTS = {
    "game.sim": ("game.level.loader", "game.render", "game.scenes", "game.replay",
                 "game.speedrun", "game.cli", "game.bots", "game.app", "game.audio"),
    "game.level": ("game.sim", "game.render", "game.scenes", "game.replay", "game.speedrun",
                   "game.cli", "game.bots", "game.app"),
    "game.speedrun": ("game.replay", "game.render", "game.scenes", "game.cli", "game.app"),
    "game.replay": ("game.render", "game.scenes", "game.cli", "game.app"),
    "game.render": ("game.scenes", "game.app", "game.cli"),
    "game.bots": ("game.render", "game.scenes", "game.app", "game.cli"),
}  # fmt: skip


def module_names() -> dict[str, Path]:
    names = {}
    for path in GAME.rglob("*.py"):
        parts = path.relative_to(GAME.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        names[name] = path
    return names


def imports_of(path: Path, name: str, known: dict[str, Path]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            type_only.update(id(inner) for inner in ast.walk(node))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            # `from game.cli import speedrun` is the module game.cli.speedrun, when there is one.
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base
                       for a in node.names]  # fmt: skip
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target.startswith("game") and target not in (name, "game"):
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    known = module_names()
    return {name: imports_of(path, name, known) for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_module_of_the_game_imports_in_a_cycle():
    graph = import_graph()
    assert len(graph) > 100, "the scan found too few modules to mean anything"
    found = cycles(graph)
    lines = [
        " <-> ".join(c) + ": " + "; ".join(f"{m} -> {sorted(graph[m] & set(c))}" for m in c)
        for c in found
    ]
    assert not found, "import cycles:\n" + "\n".join(lines)


def test_each_layer_imports_only_the_layers_below_it():
    wrong = []
    for module, imported in sorted(import_graph().items()):
        for layer, forbidden in NEVER_IMPORTS.items():
            if module == layer or module.startswith(layer + "."):
                for target in sorted(imported):
                    if any(target == f or target.startswith(f + ".") for f in forbidden):
                        wrong.append(f"{module} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_the_scan_sees_a_late_import_and_a_cycle(tmp_path):
    """The scan itself: an import inside a function counts, and a two-module cycle is found."""
    known = {"game.a": tmp_path / "a.py", "game.b": tmp_path / "b.py"}
    known["game.a"].write_text("def f():\n    from game.b import g\n")
    known["game.b"].write_text("from game import a\n")
    graph = {name: imports_of(path, name, known) for name, path in known.items()}
    assert graph == {"game.a": {"game.b"}, "game.b": {"game.a"}}
    assert cycles(graph) == [["game.a", "game.b"]]
