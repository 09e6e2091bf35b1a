"""The package's import graph has no cycle: data flows one way (issue 11).

Read with ``ast`` rather than by importing, so a cycle hidden behind a function-level
(lazy) import counts too: it is the same dependency, only deferred.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import translator

ROOT = Path(translator.__file__).parent


def _modules() -> dict[str, Path]:
    found = {}
    for file in ROOT.rglob("*.py"):
        parts = list(file.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = file
    return found


def _imports(name: str, file: Path, modules: dict[str, Path]) -> set[str]:
    """Modules of ``translator`` that ``name`` imports, anywhere in its body."""

    def owner(dotted: str) -> str | None:
        while dotted and dotted not in modules:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    package = name if file.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str | None] = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {owner(a.name) for a in node.names if a.name.startswith("translator")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            if base.split(".")[0] == "translator":
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    found.add(full if full in modules else owner(base))
    found.discard(None)
    found.discard(name)
    return {m for m in found if m is not None}


def test_no_import_cycle() -> None:
    modules = _modules()
    graph = {name: _imports(name, file, modules) for name, file in modules.items()}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        raise AssertionError(f"import cycle: {' → '.join(error.args[1])}") from None
    assert set(order) == set(modules)


def test_the_graph_sees_a_lazy_import(tmp_path: Path) -> None:
    """The reader itself: a function-level import is an edge, a relative one too."""
    package = tmp_path / "translator"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from translator import b\n")
    (package / "b.py").write_text("from . import a\n")
    modules = {"translator": package / "__init__.py", "translator.a": package / "a.py",
               "translator.b": package / "b.py"}
    assert _imports("translator.a", package / "a.py", modules) == {"translator.b"}
    assert _imports("translator.b", package / "b.py", modules) == {"translator.a"}
