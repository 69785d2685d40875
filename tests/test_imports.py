"""The import graph of bot/ and cogs/: no cycles (also through imports inside functions; imports
under ``if TYPE_CHECKING`` do not run and do not count), the core never imports a feature, and no
feature imports another feature."""

from __future__ import annotations

import ast
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def parse_all(paths: list[Path]) -> list[ast.Module]:
    """Parsed in a thread of their own: Python 3.11 before 3.11.8 raises "AST constructor
    recursion depth mismatch" when an earlier test changed the recursion limit while frames were
    on this thread's stack (CPython gh-106905); a new thread starts with a consistent count."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return list(pool.map(lambda path: ast.parse(path.read_text(encoding="utf-8")), paths))


def graph() -> dict[str, set[str]]:
    files = [*ROOT.glob("bot/**/*.py"), *ROOT.glob("cogs/**/*.py")]
    modules = {module_name(p): p for p in files}
    edges: dict[str, set[str]] = {name: set() for name in modules}
    trees = dict(zip(modules, parse_all(list(modules.values())), strict=True))
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        tree = trees[name]
        type_only = {
            id(inner)
            for block in ast.walk(tree)
            if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
            for inner in ast.walk(block)
        }  # imports for type annotations only never run
        for node in ast.walk(tree):
            if id(node) in type_only:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                # `from pkg import submodule` depends on the submodule; `from pkg import name`
                # on the package
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    for alias in node.names
                ]
            for target in targets:
                if target in modules and target != name:
                    edges[name].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def feature_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "cogs" and len(parts) > 1 else None


def test_no_import_cycles():
    assert cycles(graph()) == []


def test_the_core_never_imports_a_feature_and_features_never_import_each_other():
    wrong = []
    for source, targets in graph().items():
        for target in targets:
            if source.startswith("bot") and target.startswith("cogs"):
                wrong.append(f"{source} -> {target}")
            mine, theirs = feature_of(source), feature_of(target)
            if mine and theirs and mine != theirs:
                wrong.append(f"{source} -> {target}")
    assert wrong == []


def test_the_checker_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
