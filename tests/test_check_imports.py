"""No import cycles inside nqgen/check (issue 13, point 6): every import between the checker's
modules, at module level or inside a function, points one way."""

from __future__ import annotations

import ast
from pathlib import Path

CHECK = Path(__file__).resolve().parents[1] / "nqgen" / "check"


def _graph() -> dict[str, set[str]]:
    modules = {p.stem for p in CHECK.glob("*.py") if p.stem != "__init__"}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for m in modules:
        tree = ast.parse((CHECK / f"{m}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module == "nqgen.check":
                    names = [a.name for a in node.names]
                elif node.module.startswith("nqgen.check."):
                    names = [node.module.split(".")[2]]
            elif isinstance(node, ast.Import):
                names = [a.name.split(".")[2] for a in node.names
                         if a.name.startswith("nqgen.check.")]  # fmt: skip
            graph[m] |= {n for n in names if n in modules and n != m}
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


def test_no_import_cycle_inside_the_checker() -> None:
    graph = _graph()
    assert graph["engine"] >= {"rules", "layout"}  # the walk sees real edges
    assert _cycle(graph) is None, " → ".join(_cycle(graph) or [])


def test_cycle_detector_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
