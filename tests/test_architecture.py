"""The shape architecture.md holds us to, checked on every run (issue 9).

Runtime imports only (module level and inside functions; ``if TYPE_CHECKING:`` blocks
aside, since they never run): dependencies point one way, with no cycle among the
project's modules, and no product module grows past what a reader takes in at once.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cec", "tools", "pages", "steps", "fixtures", "triage", "mock_portal", "tests", "bench")
PRODUCT = ("pages", "steps", "fixtures", "triage", "mock_portal")
MAX_LINES = 300
#: (importer, imported): package pairs that must never meet at run time.
FORBIDDEN = {
    ("triage", "pages"),
    ("triage", "fixtures"),
    ("triage", "steps"),
    ("fixtures", "pages"),
    ("fixtures", "triage"),
    ("fixtures", "steps"),
    ("pages", "fixtures"),
    ("pages", "triage"),
    ("pages", "steps"),
    ("tests", "bench"),
    ("mock_portal", "pages"),
    ("mock_portal", "steps"),
    ("mock_portal", "fixtures"),
    ("mock_portal", "triage"),
} | {("cec", other) for other in PACKAGES if other != "cec"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources() -> Iterator[Path]:
    for package in PACKAGES:
        yield from sorted((ROOT / package).rglob("*.py"))


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            hidden |= {id(inner) for statement in node.body for inner in ast.walk(statement)}
    return hidden


def runtime_imports(path: Path, modules: Iterable[str] = ()) -> set[str]:
    """Every project module ``path`` imports when it runs, wherever the import statement stands.

    ``from package import name`` counts as importing ``package.name`` when that is one of
    ``modules`` (a submodule), else as importing ``package`` itself.
    """
    known = set(modules)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hidden = _type_checking_nodes(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in hidden:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in known else node.module)
    return {name for name in found if name.split(".")[0] in PACKAGES}


def import_graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in sources()}
    return {
        name: {imported for imported in runtime_imports(path, modules) if imported in modules and imported != name}
        for name, path in modules.items()
    }


def test_dependencies_point_one_way() -> None:
    broken = sorted(
        f"{importer} imports {imported}"
        for importer, imports in import_graph().items()
        for imported in imports
        if (importer.split(".")[0], imported.split(".")[0]) in FORBIDDEN
    )
    assert broken == []


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle among ``graph``'s modules, as a path that returns to its start, or []."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start)
            if cycle:
                return cycle
    return []


def test_no_import_cycle() -> None:
    assert find_cycle(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check above can fail: a three-module loop is found."""
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]


def test_an_import_inside_a_function_counts(tmp_path: Path) -> None:
    source = tmp_path / "late.py"
    source.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pages.base\n"
        "def f():\n    from pages.common import PortalPage\n",
        encoding="utf-8",
    )
    assert runtime_imports(source, ["pages.common"]) == {"pages.common"}


@pytest.mark.parametrize("package", PRODUCT)
def test_no_product_module_is_too_long(package: str) -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / package).rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
