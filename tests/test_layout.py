"""The project's rooms: no import circles, arrows one way, packages entered by their door.

DESIGN.md §2 sets the layout: ``ui`` → ``fieldkit``; in the core, the command
line above ``exchange``, ``export`` and ``interop``, above ``survey``, above
``guide``, above the few shared modules (errors, files, resources). These
tests read every module's imports (at the top, inside functions and under
``TYPE_CHECKING`` alike) and fail on the first import that breaks the plan.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOP_PACKAGES = ("fieldkit", "ui")

#: The core's floors, lowest first; a module may import only from its floor or below.
CORE_FLOORS = {
    "fieldkit": 0,
    "fieldkit.errors": 0,
    "fieldkit.files": 0,
    "fieldkit.ids": 0,
    "fieldkit.lazy": 0,
    "fieldkit.messages": 0,
    "fieldkit.places": 0,
    "fieldkit.resources": 0,
    "fieldkit.guide": 1,
    "fieldkit.survey": 2,
    "fieldkit.exchange": 3,
    "fieldkit.export": 3,
    "fieldkit.interop": 3,
    "fieldkit.cli": 4,
    "fieldkit.__main__": 5,
}
#: The window's shared ground: modules every part of ``ui`` may use directly.
UI_GROUND = ("ui", "ui.qt", "ui.i18n", "ui.style", "ui.settings")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    found = {}
    for top in TOP_PACKAGES:
        for path in sorted((ROOT / top).rglob("*.py")):
            found[module_name(path)] = path
    return found


def is_package(name: str) -> bool:
    return modules()[name].name == "__init__.py"


def imports_of(name: str) -> Iterator[tuple[str, int]]:
    """The project modules ``name`` imports, each with the line of the import."""
    tree = ast.parse(modules()[name].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules():
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module not in modules():
                continue
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                yield (submodule if submodule in modules() else node.module), node.lineno


@cache
def graph() -> dict[str, frozenset[str]]:
    return {name: frozenset(target for target, _ in imports_of(name)) for name in modules()}


def circles() -> list[list[str]]:
    """Groups of modules that import each other, directly or round a longer loop (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph()[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph()[node]:
                found.append(sorted(group))

    for name in sorted(modules()):
        if name not in index:
            visit(name)
    return found


def test_no_two_modules_import_each_other() -> None:
    assert circles() == []


def test_the_layout_test_finds_a_circle(monkeypatch: pytest.MonkeyPatch) -> None:
    looped = dict(graph())
    looped["fieldkit.guide.model"] = looped["fieldkit.guide.model"] | {"fieldkit.survey.store"}
    looped["fieldkit.survey.store"] = looped["fieldkit.survey.store"] | {"fieldkit.guide.model"}
    monkeypatch.setitem(globals(), "graph", lambda: looped)
    assert ["fieldkit.guide.model", "fieldkit.survey.store"] in circles()


def floor(name: str) -> int:
    for prefix in sorted(CORE_FLOORS, key=len, reverse=True):
        if name == prefix or name.startswith(prefix + "."):
            return CORE_FLOORS[prefix]
    raise AssertionError(f"{name} has no floor in CORE_FLOORS: give it one")


def core_modules() -> list[str]:
    return [name for name in modules() if name.split(".")[0] == "fieldkit"]


@pytest.mark.parametrize("name", core_modules())
def test_the_core_never_imports_the_window_nor_upwards(name: str) -> None:
    for target, line in imports_of(name):
        assert not target.startswith("ui"), f"{name}:{line} imports {target}"
        assert floor(target) <= floor(name), f"{name}:{line} imports {target}, a floor above it"


def room(name: str) -> str:
    """The package a module lives in, at the level the layout groups by."""
    parts = name.split(".")
    if name in UI_GROUND or (name in CORE_FLOORS and CORE_FLOORS[name] == 0):
        return name
    return ".".join(parts[:2])


def offered(package: str) -> frozenset[str]:
    """The names a package's ``__init__`` lists in ``__all__``: what it offers to others."""
    tree = ast.parse(modules()[package].read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return frozenset(ast.literal_eval(node.value))
    return frozenset()


def front_door_of(target: str) -> bool:
    """Whether importing ``target`` goes through what a package offers in its ``__init__``."""
    if is_package(target) or target in UI_GROUND or floor_or_none(target) == 0:
        return True
    package, _, leaf = target.rpartition(".")
    return leaf in offered(package)


def floor_or_none(name: str) -> int | None:
    return CORE_FLOORS.get(name)


@pytest.mark.parametrize("name", sorted(modules()))
def test_other_packages_are_entered_by_their_init(name: str) -> None:
    for target, line in imports_of(name):
        if room(target) == room(name) or target.startswith(room(name) + "."):
            continue
        assert front_door_of(target), (
            f"{name}:{line} reaches inside {room(target)} ({target}); "
            f"import what it offers from {room(target)} itself"
        )


def test_every_package_says_what_it_is_for() -> None:
    for name, path in modules().items():
        if path.name == "__init__.py" and name not in ("fieldkit", "ui"):
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
            assert doc, f"{path.relative_to(ROOT)} has no docstring saying what the package is for"


#: About 500 lines: past this, a module is doing more than one job.
LONGEST_MODULE = 600


def test_no_module_grows_past_one_job() -> None:
    longest = {
        name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules().items()
    }
    assert {name: lines for name, lines in longest.items() if lines > LONGEST_MODULE} == {}
