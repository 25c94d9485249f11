"""No import cycles in nqgen (issue 13, point 6): every import between nqgen's modules — at
module level, inside a function or under ``TYPE_CHECKING`` — points one way, so every module
can be read (and imported) after the ones it uses."""

from __future__ import annotations

import ast
from pathlib import Path

NQGEN = Path(__file__).resolve().parents[1] / "nqgen"


def _modules() -> dict[str, Path]:
    """Dotted name -> file of every module of nqgen (a package is its ``__init__.py``)."""
    found = {}
    for path in NQGEN.rglob("*.py"):
        parts = path.relative_to(NQGEN.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imported(module: str, node: ast.ImportFrom, modules: dict[str, Path]) -> set[str]:
    """The nqgen modules a ``from … import …`` statement of ``module`` reaches: the named
    submodules, else the module it imports from."""
    if node.level:
        package = module if modules[module].name == "__init__.py" else module.rpartition(".")[0]
        base = package.split(".")[: len(package.split(".")) - node.level + 1]
        source = ".".join(base + ([node.module] if node.module else []))
    else:
        source = node.module or ""
    out = set()
    for alias in node.names:
        if f"{source}.{alias.name}" in modules:
            out.add(f"{source}.{alias.name}")
        elif source in modules:
            out.add(source)
    return out


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                graph[module] |= _imported(module, node, modules)
            elif isinstance(node, ast.Import):
                graph[module] |= {a.name for a in node.names if a.name in modules}
        graph[module].discard(module)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle_in_nqgen() -> None:
    graph = _graph()
    # the walk sees real edges: relative, absolute, inside functions, packages and submodules
    assert graph["nqgen.check.engine"] >= {"nqgen.check.rules", "nqgen.check.layout"}
    assert graph["nqgen.compose"] >= {"nqgen.compose.core", "nqgen.compose.party"}
    assert {"nqgen.api", "nqgen.batch", "nqgen.wizard"} <= graph["nqgen.cli"]
    assert "nqgen.check" in graph["nqgen.batch"]  # imported inside run_job
    assert len(graph) >= 50
    assert _cycle(graph) is None, " → ".join(_cycle(graph) or [])


def test_cycle_detector_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
