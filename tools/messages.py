"""Keep the French catalogue of the core's messages in step with the code.

    python tools/messages.py update    # add the code's new templates to the catalogue
    python tools/messages.py missing   # list the templates that have no French form yet

A template is the English text of a message with ``{}`` for each value (see
``fieldkit/messages.py``). Messages are found where the code hands them to a
person: raised as a FieldkitError or GuideError, printed by the command line
(``say``, ``translated``, ``UserError``, a ``UsageError``), filed as a guide
problem or warning, made by an error class's constructor (a GuideError's
heading), or by the property that lays out a list of problems or warnings
(``line 3: …``). ``update`` keeps every French form already written and adds
new templates with an empty one, to be written before the tests pass again.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fieldkit.messages import catalogue_path  # noqa: E402

#: Functions whose text arguments are messages a person reads.
SINKS = frozenset(
    {
        "FieldkitError",
        "GuideError",
        "ExpressionError",
        "UserError",
        "UsageError",
        "say",
        "translated",
        "problem",
        "_problem",
        "error",
        "warn",
        "note",
    }
)
#: Lists whose appended texts are messages (``problems.append(f"…")``), and the
#: functions or properties of the same name that lay such a list out.
MESSAGE_LISTS = frozenset({"problems", "warnings", "skipped"})
#: Shortest fixed text for a template: below it, a text is a value, not a message.
SHORTEST = 4


def template_of(node: ast.expr) -> str | None:
    """The template of a text in the code, or None when the node is not a text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace("{", "{{").replace("}", "}}")
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value).replace("{", "{{").replace("}", "}}"))
            else:
                parts.append("{}")
        return "".join(parts)
    return None


def _callee(call: ast.Call) -> str:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return ""


def _is_message_list_append(call: ast.Call) -> bool:
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "append"):
        return False
    target = func.value
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in MESSAGE_LISTS


def _texts(node: ast.expr) -> Iterator[ast.expr]:
    """The text nodes of an argument: itself, the branches of ``a if c else b``, list items."""
    if isinstance(node, ast.IfExp):
        yield from _texts(node.body)
        yield from _texts(node.orelse)
    elif isinstance(node, ast.List | ast.Tuple):
        for item in node.elts:
            yield from _texts(item)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        yield from _texts(node.left)
        yield from _texts(node.right)
    else:
        yield node


def _message_texts(tree: ast.AST) -> Iterator[ast.expr]:
    """The nodes of a module that are texts for a person (or contain them)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (_callee(node) in SINKS or _is_message_list_append(node)):
            for argument in node.args:
                yield from _texts(argument)
        elif isinstance(node, ast.ClassDef) and node.name in SINKS:
            for method in node.body:
                if isinstance(method, ast.FunctionDef) and method.name == "__init__":
                    yield from _formatted_strings(method)
        elif isinstance(node, ast.FunctionDef) and node.name in MESSAGE_LISTS:
            yield from _formatted_strings(node)


def _formatted_strings(scope: ast.AST) -> Iterator[ast.JoinedStr]:
    """The f-strings written in a scope (its docstrings and plain constants are no messages)."""
    for node in ast.walk(scope):
        if isinstance(node, ast.JoinedStr):
            yield node


def templates_in(source: str) -> Iterator[str]:
    for text in _message_texts(ast.parse(source)):
        template = template_of(text)
        if template is not None and _fixed_text(template) >= SHORTEST:
            # A piece added to a message (" (the question is always shown)") is
            # found, and translated, without the spaces that join it.
            yield template.strip()


def _fixed_text(template: str) -> int:
    return len(template.replace("{}", "").strip(" :.,;()«»-"))


def code_templates() -> list[str]:
    """Every message template of the core, in a stable order."""
    found: set[str] = set()
    for path in sorted((ROOT / "fieldkit").rglob("*.py")):
        found.update(templates_in(path.read_text(encoding="utf-8")))
    return sorted(found)


def read_catalogue() -> dict[str, str]:
    path = Path(catalogue_path())
    if not path.exists():
        return {}
    return {
        str(k): str(v or "") for k, v in (yaml.safe_load(path.read_text("utf-8")) or {}).items()
    }


def update() -> int:
    known = read_catalogue()
    merged = {template: known.get(template, "") for template in code_templates()}
    text = yaml.safe_dump(merged, allow_unicode=True, sort_keys=True, width=1000)
    header = (
        "# French forms of the core's messages, by English template ({} = a value).\n"
        "# Kept in step with the code by tools/messages.py; written by people.\n"
    )
    Path(catalogue_path()).write_text(header + text, encoding="utf-8")
    print(f"{len(merged)} templates, {sum(1 for v in merged.values() if not v)} to translate")
    return 0


def missing() -> int:
    known = read_catalogue()
    absent = [t for t in code_templates() if not known.get(t)]
    for template in absent:
        print(template)
    return 1 if absent else 0


def main(arguments: list[str]) -> int:
    commands = {"update": update, "missing": missing}
    if len(arguments) != 1 or arguments[0] not in commands:
        print(__doc__)
        return 2
    return commands[arguments[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
