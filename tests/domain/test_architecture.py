"""The rules of the house that a reader can't see at a glance: no import circles between
modules (imports inside functions count too: they only hide a circle), and every model
query in the domain runs through an archive (no module points the models at a database)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _modules(package: str) -> dict[str, Path]:
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Modules of the project that ``name`` imports anywhere in its file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in known:
                    targets.add(submodule)
                elif source in known:
                    targets.add(source)
        elif isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names if alias.name in known)
    targets.discard(name)
    return targets


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return circles


@pytest.mark.parametrize("package", ["branchdesk", "ui"])
def test_no_import_circles(package):
    known = _modules(package) | (_modules("branchdesk") if package == "ui" else {})
    graph = {name: _imports(name, path, known) for name, path in known.items()}
    assert _circles(graph) == []


def test_the_circle_finder_finds_a_circle():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_points_the_models_at_one_database():
    """Binding the models to a database for the whole process (``Model.bind``,
    ``DatabaseProxy.initialize``) would let one archive write into another."""
    offenders = []
    for name, path in (_modules("branchdesk") | _modules("ui")).items():
        text = path.read_text(encoding="utf-8")
        for needle in (".initialize(", "DatabaseProxy()", ".bind_ctx(", "Model.bind(", "database_proxy"):
            if needle in text and not name.endswith("storage.binding"):
                offenders.append(f"{name}: {needle}")
    assert offenders == []
