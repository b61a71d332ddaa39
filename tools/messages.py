"""Keep the French catalogue of fieldkit's messages and help in step with the code.

    python tools/messages.py update    # add the code's new templates to the catalogue
    python tools/messages.py missing   # list the templates that have no French form yet

A template is the English text of a message with ``{}`` for each value (see
``fieldkit/messages.py``). Messages are found where the code hands them to a
person: raised as a FieldkitError or GuideError, printed by the command line
(``say``, ``translated``, ``UserError``, a ``UsageError``), filed as a guide
problem or warning, made by an error class's constructor (a GuideError's
heading), or by the property that lays out a list of problems or warnings
(``line 3: …``). The command line's help is found too: each paragraph of a
command's docstring, on one line as click rewraps it, and each ``help=``.
``update`` keeps every French form already written and adds new templates
with an empty one, to be written before the tests pass again.
"""

from __future__ import annotations

import ast
import re
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
        # Where a leak is in an exported file, and what it is.
        "Piece",
        "Leak",
    }
)
#: Lists whose appended texts are messages (``problems.append(f"…")``), and the
#: functions or properties of the same name that lay such a list out.
MESSAGE_LISTS = frozenset({"problems", "warnings", "skipped", "notices"})
#: The command line's package: its commands' docstrings and ``help=`` are read as help.
COMMAND_LINE = ROOT / "fieldkit" / "cli"
#: What a command is made by (``@cli.command()``, ``@export.group()``, ``@click.group(…)``).
COMMAND_MAKERS = frozenset({"command", "group"})
#: Where click breaks and rewraps a help paragraph (not at a no-break space).
BREAKABLE = re.compile(r"[ \t\n]+")
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


def help_in(source: str) -> Iterator[str]:
    """The help of a command-line module, as the command line looks it up.

    A command's docstring is shown a paragraph at a time (up to click's
    ``\\f``), each rewrapped to the terminal; an option's ``help=`` whole.
    """
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and any(map(_makes_command, node.decorator_list)):
            text = (ast.get_docstring(node) or "").partition("\f")[0]
            yield from (_as_template(p) for p in text.split("\n\n") if p.strip())
        elif isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "help" and isinstance(keyword.value, ast.Constant):
                    yield _as_template(str(keyword.value.value))


def _makes_command(decorator: ast.expr) -> bool:
    return isinstance(decorator, ast.Call) and _callee(decorator) in COMMAND_MAKERS


def _as_template(paragraph: str) -> str:
    """A paragraph of help on one line, its braces doubled as a template's are."""
    line = " ".join(BREAKABLE.split(paragraph.strip()))
    return line.replace("{", "{{").replace("}", "}}")


def code_templates() -> list[str]:
    """Every message template of fieldkit, and every help text of its command line, in order."""
    found: set[str] = set()
    for path in sorted((ROOT / "fieldkit").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        found.update(templates_in(source))
        if path.parent == COMMAND_LINE:
            found.update(help_in(source))
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
        "# French forms of fieldkit's messages and help, by English template ({} = a value).\n"
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
