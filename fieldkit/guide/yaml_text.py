"""A guide's YAML read safely: line numbers kept, sizes and aliases bounded.

Guides come from people and from e-mail. The safe loaders never build
objects; on top of that, a file larger than any guide, or a few lines of
aliases of aliases that expand to billions of values, are refused before
anything walks them. Every mapping remembers the line it starts on, so the
loader can say where each problem is.
"""

from __future__ import annotations

from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _CSafeLoader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _CSafeLoader  # type: ignore[assignment]

from fieldkit.errors import GuideError
from fieldkit.files import MEGABYTE
from fieldkit.guide.parsed import LINE, MAX_GUIDE_BYTES

#: The most values a guide may hold once every YAML alias is expanded. A few
#: lines of aliases of aliases (a "billion laughs") expand to billions of
#: values, which the checks below would walk until the memory ran out.
MAX_GUIDE_VALUES = 1_000_000


class _TooLarge(Exception):
    """A guide whose YAML expands beyond what any guide needs."""


def _expanded_size(root: yaml.Node) -> int:
    """Count the values of a YAML document with every alias expanded, without expanding it.

    An alias is the very node it names, so the document is a graph; each
    node's expanded size is computed once, children first.
    """
    sizes: dict[int, int] = {}
    opened: set[int] = set()
    pending: list[tuple[yaml.Node, bool]] = [(root, False)]
    while pending:
        node, children_done = pending.pop()
        if id(node) in sizes:
            continue
        if children_done:
            total = 1 + sum(sizes[id(child)] for child in _children(node))
            if total > MAX_GUIDE_VALUES:
                raise _TooLarge(
                    f"the YAML aliases expand to more than {MAX_GUIDE_VALUES} values; "
                    "a guide needs far fewer"
                )
            sizes[id(node)] = total
            opened.discard(id(node))
        elif id(node) in opened:
            raise _TooLarge("a YAML alias refers to the value that holds it")
        else:
            opened.add(id(node))
            pending.append((node, True))
            pending.extend((child, False) for child in _children(node))
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


class _LineNumbers(yaml.constructor.SafeConstructor):
    """Remember the line where each mapping starts; refuse documents that explode."""

    def construct_document(self, node: yaml.Node) -> Any:
        _expanded_size(node)
        return super().construct_document(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        return mapping


class _LineLoader(_LineNumbers, yaml.SafeLoader):
    """The pure-Python safe loader: slow, but its error messages are the most precise."""


class _FastLineLoader(_LineNumbers, _CSafeLoader):
    """libyaml's safe loader, ten times faster: every opening of a survey parses its guide."""


def load_yaml(text: str, source: str) -> object:
    """Parse YAML with libyaml; on an error, again with PyYAML, whose messages say more."""
    if len(text) > MAX_GUIDE_BYTES:
        raise GuideError(source, [f"the guide is larger than {MAX_GUIDE_BYTES // MEGABYTE} MB"])
    try:
        try:
            return yaml.load(text, Loader=_FastLineLoader)  # a safe loader: safe
        except yaml.YAMLError as first:
            fast_error = first
        try:
            return yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass: safe
        except RecursionError:
            # libyaml stops at a thousand levels; PyYAML runs out of stack first.
            raise fast_error from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise GuideError(source, [f"{where}not valid YAML ({problem})"]) from None
    except _TooLarge as error:
        raise GuideError(source, [str(error)]) from None
