"""The package layout stays true: imports run one way and no private name crosses modules (issue 8)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"

# Lower rank = lower part. A module may import only its own part or parts of lower rank.
SHARED = {"errors", "settings", "answer_types", "table_labels", "geo"}
ENTRY = {"pipeline", "dispatch", "conversation", "cli", "commands", "evaluate"}
RANK = {"shared": 0, "plan": 1, "layers": 2, "demo": 3, "maps": 3, "qa": 4, "check": 4, "entry": 5, "web": 6}
# Exceptions that the layout allows by design, each with its reason.
ALLOWED = {
    ("layers.build", "demo"),  # the build step is the only user of the demo generator
}


def part_of(module: str) -> str:
    """'qa.route' -> 'qa'; 'errors' -> 'shared'; 'pipeline' -> 'entry'."""
    head = module.split(".")[0]
    if head in SHARED:
        return "shared"
    if head in ENTRY:
        return "entry"
    return head


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).with_suffix("")
        parts = [p for p in rel.parts if p != "__init__"]
        if parts:
            found[".".join(parts)] = path
    return found


def imports_of(module: str, path: Path) -> list[tuple[str, list[str], int]]:
    """(imported module, names taken from it, line) for every import of this package's modules."""
    package = module.rsplit(".", 1)[0] if "." in module and path.name != "__init__.py" else (
        module if path.name == "__init__.py" else "")
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".") if package else []
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.startswith("assistant"):
                target = node.module.removeprefix("assistant").lstrip(".")
            else:
                continue
            names = [a.name for a in node.names]
            if node.module is None or target in ("", *RANK):
                # `from . import x` / `from ..qa import x`: each name is a module
                for name in names:
                    found.append((f"{target}.{name}".lstrip("."), [], node.lineno))
            else:
                found.append((target, names, node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("assistant."):
                    found.append((alias.name.removeprefix("assistant."), [], node.lineno))
    return found


def test_imports_run_one_way():
    wrong = []
    for module, path in modules().items():
        mine = part_of(module)
        for target, _, line in imports_of(module, path):
            theirs = part_of(target)
            if theirs == mine or (module, theirs) in ALLOWED:
                continue
            if RANK[theirs] >= RANK[mine]:
                wrong.append(f"{module}:{line} imports {target} ({mine} -> {theirs})")
    assert not wrong, "\n".join(wrong)


def test_demo_is_used_only_by_the_build_step():
    users = sorted({module for module, path in modules().items() if part_of(module) != "demo"
                    for target, _, _ in imports_of(module, path) if part_of(target) == "demo"})
    assert users == ["layers.build"]


def test_no_private_name_crosses_modules():
    wrong = [f"{module}:{line} takes {name} from {target}"
             for module, path in modules().items()
             for target, names, line in imports_of(module, path)
             for name in names if name.startswith("_") and not name.startswith("__")]
    assert not wrong, "\n".join(wrong)


def test_every_part_says_what_it_may_import():
    for part in RANK:
        if part in ("shared", "entry"):
            continue
        doc = ast.get_docstring(ast.parse((PACKAGE / part / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "May import" in doc, part


def test_no_import_circles():
    """Module-level circles, deferred imports included: each one is a missing shared-types module."""
    graph = {module: {target for target, _, _ in imports_of(module, path)} for module, path in modules().items()}
    graph = {m: {t for t in targets if t in graph and t != m} for m, targets in graph.items()}
    circles = []

    def visit(node, stack, seen):
        for nxt in sorted(graph[node]):
            if nxt in stack:
                circles.append(" -> ".join(stack[stack.index(nxt):] + [nxt]))
            elif nxt not in seen:
                seen.add(nxt)
                visit(nxt, stack + [nxt], seen)

    seen: set[str] = set()
    for start in sorted(graph):
        if start not in seen:
            seen.add(start)
            visit(start, [start], seen)
    assert not circles, "\n".join(circles)


def test_no_private_attribute_of_another_module():
    """`coords._transformer(...)` is as private as `from .coords import _transformer`."""
    wrong = []
    for module, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("assistant")):
                for a in node.names:
                    aliases[a.asname or a.name] = a.name
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in aliases and node.attr.startswith("_") and not node.attr.startswith("__")):
                wrong.append(f"{module}:{node.lineno} uses {node.value.id}.{node.attr}")
    assert not wrong, "\n".join(wrong)
