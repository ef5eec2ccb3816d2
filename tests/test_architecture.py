"""The layering of docs/architecture.md, checked on the source: imports point down, no cycles, small modules.

Every module of ``align/`` and ``glossary/`` is parsed with ``ast`` (nothing is
imported); every import counts, wherever it is: top level, inside a function,
under ``if TYPE_CHECKING:``. Relative imports are resolved against the module's
package; ``from package import name`` counts as an import of
``package.name`` when that is a module of the project, else of ``package``.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("align", "glossary")
MAX_LINES = 400

# layer -> the layers its modules may import (its own included); docs/architecture.md draws this
ALLOWED = {
    "core": {"core"},
    "read": {"read", "core"},
    "formats": {"formats", "core"},
    "glossary": {"glossary", "core"},
    "aligner": {"aligner", "core"},
    "job": {"job", "aligner", "formats", "glossary", "read", "core"},
    "review": {"review", "formats", "glossary", "read", "core"},
    "cli": {"cli", "job", "review", "aligner", "formats", "glossary", "read", "core"},
    "top": {"top", "cli", "job", "review", "aligner", "formats", "glossary", "read", "core"},
}
# the only module that may import the bare ``align`` package (the public API)
MAY_IMPORT_ALIGN = {"align.__main__"}


def layer(module: str) -> str:
    """The layer a module belongs to: ``align.aligner.search.path`` -> ``aligner``, ``glossary.scan`` -> ``glossary``."""
    parts = module.split(".")
    if parts[0] == "glossary":
        return "glossary"
    if len(parts) == 1 or parts[1] == "__main__":
        return "top"
    if parts[1] not in ALLOWED or parts[1] in ("top", "glossary"):
        return f"unknown ({'.'.join(parts[:2])})"
    return parts[1]


@cache
def modules() -> dict[str, Path]:
    """Dotted name -> file, for every module of the project (a package is its ``__init__.py``)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _is_package(module: str) -> bool:
    return modules()[module].name == "__init__.py"


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not _is_package(module):
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _project(name: str) -> str | None:
    """The project module an imported dotted name lands in (its longest known prefix), or None if not ours."""
    known = modules()
    parts = name.split(".")
    while parts:
        if ".".join(parts) in known:
            return ".".join(parts)
        parts.pop()
    return None


@cache
def imports() -> dict[str, dict[str, int]]:
    """Module -> {imported project module: line of the first such import}."""
    graph: dict[str, dict[str, int]] = {}
    for module, path in modules().items():
        targets: dict[str, int] = {}
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(module, node)
                for alias in node.names:
                    child = f"{base}.{alias.name}"
                    names.append(child if child in modules() else base)
            for name in names:
                target = _project(name)
                if target is not None and target != module:
                    targets.setdefault(target, node.lineno)
        graph[module] = targets
    return graph


def _where(module: str, target: str) -> str:
    path = modules()[module].relative_to(ROOT)
    return f"{path}:{imports()[module][target]}: {module} ({layer(module)}) imports {target} ({layer(target)})"


def test_every_module_has_a_layer():
    unknown = [f"{m} -> {layer(m)}" for m in modules() if layer(m) not in ALLOWED]
    assert not unknown, "modules outside the layers of docs/architecture.md (add the layer there and here):\n" + "\n".join(unknown)


def test_imports_point_down():
    wrong = [_where(module, target) for module, targets in imports().items() for target in targets
             if layer(target) not in ALLOWED.get(layer(module), set())]
    assert not wrong, "imports that go up or sideways across layers (see docs/architecture.md):\n" + "\n".join(sorted(wrong))


def test_only_main_imports_the_bare_align_package():
    wrong = [_where(module, target) for module, targets in imports().items() for target in targets
             if target == "align" and module not in MAY_IMPORT_ALIGN]
    assert not wrong, "the bare `align` package (the public API) is the top: nothing of the project imports it:\n" + "\n".join(wrong)


def _cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def _cycle_path(component: list[str]) -> str:
    """One concrete cycle through the component, as ``a -> b -> a``."""
    members = set(component)
    start = component[0]
    path, seen = [start], {start}
    previous: dict[str, str] = {}
    queue = [start]
    while queue:  # breadth-first back to start
        node = queue.pop(0)
        for child in imports()[node]:
            if child == start:
                chain = [node]
                while chain[-1] != start:
                    chain.append(previous[chain[-1]])
                path = list(reversed(chain)) + [start]
                return " -> ".join(path)
            if child in members and child not in seen:
                seen.add(child)
                previous[child] = node
                queue.append(child)
    return " -> ".join(path)


def test_no_import_cycles():
    cycles = _cycles(imports())
    assert not cycles, "import cycles among the project's modules:\n" + "\n".join(
        f"{', '.join(c)}\n  e.g. {_cycle_path(c)}" for c in cycles)


def test_modules_are_small():
    big = []
    for module, path in modules().items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            big.append(f"{path.relative_to(ROOT)} ({module}): {lines} lines")
    assert not big, f"modules over {MAX_LINES} lines (split them by what they hold):\n" + "\n".join(big)


# ---------------------------------------------------------------- the checker itself


def test_the_checker_sees_the_known_imports():
    graph = imports()
    # a function-level import (align/__init__.py imports the aligner inside __getattr__)
    assert "align.aligner" in graph["align"]
    # ``from align import formats`` is an import of align.formats, not of the bare package
    assert "align.formats" in graph["align"]
    # an ``if TYPE_CHECKING:`` import
    assert "align.core.document" in graph["align.core.bitext"]
    # relative imports resolve
    node = ast.parse("from . import zh\nfrom ..core import text\nfrom .numbers import en", "x").body
    assert _resolve("align.core.numbers", node[0]) == "align.core.numbers"
    assert _resolve("align.read.reader", node[1]) == "align.core"
    assert _resolve("align.core.text", node[2]) == "align.core.numbers"


def test_the_cycle_finder_finds_cycles():
    assert _cycles({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b": 1}, "b": {}}) == []
