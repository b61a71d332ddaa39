"""Reading a guide file, and saying everything that is wrong with it at once.

Guides are written by hand, by people who are not programmers. A loader that
stops at the first mistake makes them run it ten times, so this one walks the
whole file, collects every problem with the line it sits on, and raises one
:class:`~fieldkit.errors.GuideError` listing them all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fieldkit.errors import FieldkitError, GuideError
from fieldkit.files import read_regular_file
from fieldkit.guide.expressions import Expression, ExpressionError, parse
from fieldkit.guide.model import (
    BIND_TARGETS,
    DEFAULT_LANGUAGE,
    OUTLINE_KINDS,
    QUESTION_TYPES,
    SELECT_TYPES,
    Choice,
    Guide,
    OutlineSection,
    Question,
    Section,
    Text,
)
from fieldkit.guide.outline import AXIS_PREFIX, outline_of
from fieldkit.guide.parsed import LINE, MAX_GUIDE_BYTES, guide_data
from fieldkit.resources import builtin_guide_path

GUIDE_FORMAT = "fieldkit-guide/1"
_QUESTION_KEYS = frozenset(
    {
        "id",
        "type",
        "label",
        "hint",
        "required",
        "choices",
        "relevant",
        "constraint",
        "constraint_message",
        "tags",
        "bind",
        "min",
        "max",
        "min_label",
        "max_label",
        "questions",
        "internal",
        "unit",
        "feeds",
    }
)
_OUTLINE_KEYS = frozenset({"id", "kind", "title", "tag", "hint", "gather"})


def guide_hash(source_text: str) -> str:
    """Return the content hash that names a guide snapshot in survey files."""
    return hashlib.sha256(source_text.encode("utf-8")).hexdigest()


def load_guide(path: str | Path | None = None) -> Guide:
    """Load and validate a native guide file; the built-in guide when ``path`` is None.

    XLSForm workbooks are another tool's format: ``fieldkit.interop`` reads
    both kinds (:func:`fieldkit.interop.read_guide_file`).
    """
    return _read_guide_file(Path(path) if path is not None else builtin_guide_path())


def _read_guide_file(guide_path: Path) -> Guide:
    try:
        text = read_regular_file(guide_path, "a guide", MAX_GUIDE_BYTES).decode("utf-8")
    except FileNotFoundError:
        raise FieldkitError(f"{guide_path}: no such guide file") from None
    except UnicodeDecodeError:
        raise FieldkitError(f"{guide_path}: not a text file (a guide is UTF-8 YAML)") from None
    except OSError as error:
        raise FieldkitError(f"{guide_path}: cannot read the guide ({error.strerror})") from None
    return parse_guide(text, str(guide_path))


def parse_guide(text: str, source: str = "<guide>") -> Guide:
    """Build a guide from its YAML text, naming ``source`` in every problem."""
    data = guide_data(text, lambda whole: _load_yaml(whole, source))
    if not isinstance(data, dict):
        raise GuideError(source, ["the file must be a YAML mapping with 'sections'"])
    builder = _GuideBuilder(data)
    guide = builder.build(text)
    if builder.problems:
        raise GuideError(source, builder.problems)
    return guide


def _load_yaml(text: str, source: str) -> object:
    # The YAML library loads only when a guide's text is not in the cache yet.
    from fieldkit.guide.yaml_text import load_yaml

    return load_yaml(text, source)


class _GuideBuilder:
    """Turns parsed YAML into a :class:`Guide`, collecting problems on the way."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.found: list[tuple[int, str]] = []
        self.choice_lists: dict[str, tuple[Choice, ...]] = {}
        self.known_tags: set[str] = set()
        self.seen_ids: dict[str, int | None] = {}
        self.main_language = DEFAULT_LANGUAGE

    @property
    def problems(self) -> list[str]:
        """Every problem found, in the order of the file's lines."""
        ordered = sorted(self.found, key=lambda item: item[0])
        return [f"line {line}: {message}" if line else message for line, message in ordered]

    def problem(self, where: Mapping[str, Any] | None, message: str) -> None:
        line = where.get(LINE) if isinstance(where, Mapping) else None
        self.found.append((line if isinstance(line, int) else 0, message))

    def build(self, source_text: str) -> Guide:
        data = self.data
        declared = data.get("format", GUIDE_FORMAT)
        if declared != GUIDE_FORMAT:
            self.problem(data, f"unknown guide format {declared!r} (expected {GUIDE_FORMAT!r})")
        languages = self._languages(data.get("languages"))
        tags = self._tags(data.get("tags") or {})
        self._choice_lists(data.get("choice_lists") or {})
        sections = self._sections(data.get("sections"))
        questions = [q for s in sections for q in s.questions]
        self._check_references(sections, questions)
        guide = Guide(
            id=self._identifier(data.get("id"), data, "the guide") or "guide",
            version=str(data.get("version", "1")),
            title=self._text(data.get("title"), data, "the guide's title", required=True)
            or Text(()),
            description=self._text(data.get("description"), data, "the guide's description"),
            languages=tuple(languages),
            tags=tuple(tags.items()),
            sections=tuple(sections),
            outline=self._outline(data.get("outline"), tags),
            source_text=source_text,
        )
        self._check_outline(guide)
        return guide

    def _languages(self, raw: object) -> list[str]:
        """Read the guide's languages; the first is the one every label must have."""
        languages = raw or [DEFAULT_LANGUAGE]
        if not isinstance(languages, list) or not all(isinstance(x, str) and x for x in languages):
            self.problem(self.data, "'languages' must be a list of language codes such as [fr, en]")
            languages = [DEFAULT_LANGUAGE]
        self.main_language = languages[0]
        return languages

    def _identifier(self, value: object, where: Mapping[str, Any], what: str) -> str | None:
        if not isinstance(value, str | int) or not str(value).strip():
            self.problem(where, f"{what} has no 'id'")
            return None
        text = str(value)
        if not text.replace("_", "a").replace("-", "a").isalnum() or not text.isascii():
            self.problem(where, f"{what}: id {text!r} may only use letters, digits, '_' and '-'")
        return text

    def _text(
        self, value: object, where: Mapping[str, Any], what: str, required: bool = False
    ) -> Text | None:
        main = self.main_language
        if value is None:
            if required:
                self.problem(where, f"{what} is missing (it needs {self._main_text})")
                return Text.of({main: ""})
            return None
        if isinstance(value, str | int | float):
            return Text.of({main: str(value)})
        if not isinstance(value, Mapping):
            self.problem(where, f"{what} must be a text or a mapping of languages")
            return Text.of({main: ""})
        translations = {str(k): str(v) for k, v in value.items() if k != LINE and v is not None}
        if required and not translations.get(main, "").strip():
            self.problem(where, f"{what} has no {self._main_text}")
        return Text.of(translations)

    @property
    def _main_text(self) -> str:
        """What a required text lacks, in words: French for most guides."""
        if self.main_language == DEFAULT_LANGUAGE:
            return f"French text ({DEFAULT_LANGUAGE!r})"
        return f"text in {self.main_language!r}, the guide's first language"

    def _tags(self, raw: object) -> dict[str, Text]:
        if not isinstance(raw, Mapping):
            self.problem(self.data, "'tags' must map each tag to its label")
            return {}
        tags = {}
        for name, label in raw.items():
            if name == LINE:
                continue
            tags[str(name)] = self._text(label, raw, f"tag {name!r}", required=True) or Text(())
        self.known_tags = set(tags)
        return tags

    def _choice_lists(self, raw: object) -> None:
        if not isinstance(raw, Mapping):
            self.problem(self.data, "'choice_lists' must map each list name to its choices")
            return
        for name, choices in raw.items():
            if name != LINE:
                self.choice_lists[str(name)] = self._choices(choices, raw, f"choice list {name!r}")

    def _choices(self, raw: object, where: Mapping[str, Any], what: str) -> tuple[Choice, ...]:
        if not isinstance(raw, list) or not raw:
            self.problem(where, f"{what} must be a non-empty list of choices")
            return ()
        choices: list[Choice] = []
        for item in raw:
            if not isinstance(item, Mapping) or "value" not in item:
                self.problem(where, f"{what}: each choice needs a 'value' and a 'label'")
                continue
            value = str(item["value"])
            if any(c.value == value for c in choices):
                self.problem(item, f"{what}: choice {value!r} appears twice")
            label = self._text(item.get("label"), item, f"{what}, choice {value!r}", required=True)
            choices.append(Choice(value, label or Text(())))
        return tuple(choices)

    def _expression(self, raw: object, where: Mapping[str, Any], what: str) -> Expression | None:
        if raw is None or raw == "":
            return None
        try:
            return parse(str(raw))
        except ExpressionError as error:
            self.problem(where, f"{what}: {error} in {str(raw)!r}")
            return None

    def _tag_list(self, raw: object, where: Mapping[str, Any], what: str) -> tuple[str, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.problem(where, f"{what}: 'tags' must be a list")
            return ()
        for tag in raw:
            if self.known_tags and str(tag) not in self.known_tags:
                self.problem(where, f"{what}: unknown tag {tag!r} (declare it under 'tags')")
        return tuple(str(t) for t in raw)

    def _sections(self, raw: object) -> list[Section]:
        if not isinstance(raw, list) or not raw:
            self.problem(self.data, "the guide has no 'sections' list")
            return []
        sections = []
        for item in raw:
            if not isinstance(item, Mapping):
                self.problem(self.data, "each section must be a mapping with 'id' and 'questions'")
                continue
            sections.append(self._section(item))
        return sections

    def _section(self, raw: Mapping[str, Any]) -> Section:
        section_id = self._identifier(raw.get("id"), raw, "a section") or "?"
        what = f"section '{section_id}'"
        self._claim_id(section_id, raw, what)
        tags = self._tag_list(raw.get("tags"), raw, what)
        questions_raw = raw.get("questions")
        if not isinstance(questions_raw, list) or not questions_raw:
            self.problem(raw, f"{what} has no questions")
            questions_raw = []
        questions = tuple(
            q
            for item in questions_raw
            if (q := self._question(item, raw, section_id, tags, None)) is not None
        )
        return Section(
            id=section_id,
            title=self._text(raw.get("title"), raw, f"{what}: the title", required=True)
            or Text(()),
            intro=self._text(raw.get("intro"), raw, f"{what}: the intro"),
            relevant=self._expression(raw.get("relevant"), raw, f"{what}: 'relevant'"),
            tags=tags,
            questions=questions,
        )

    def _claim_id(self, identifier: str, where: Mapping[str, Any], what: str) -> None:
        if identifier in self.seen_ids:
            first = self.seen_ids[identifier]
            also = f" (first used on line {first})" if first else ""
            self.problem(where, f"{what}: duplicate id {identifier!r}{also}")
        else:
            self.seen_ids[identifier] = where.get(LINE)

    def _question(
        self,
        raw: object,
        parent: Mapping[str, Any],
        section_id: str,
        inherited_tags: tuple[str, ...],
        repeat: str | None,
    ) -> Question | None:
        if not isinstance(raw, Mapping):
            self.problem(parent, f"section '{section_id}': each question must be a mapping")
            return None
        question_id = self._identifier(raw.get("id"), raw, f"a question of section '{section_id}'")
        if question_id is None:
            return None
        what = f"question '{question_id}' (section '{section_id}')"
        self._claim_id(question_id, raw, what)
        for key in raw:
            if key != LINE and key not in _QUESTION_KEYS:
                self.problem(raw, f"{what}: unknown key {key!r}")
        kind = str(raw.get("type", ""))
        if kind not in QUESTION_TYPES:
            known = ", ".join(sorted(QUESTION_TYPES))
            self.problem(raw, f"{what}: unknown type {kind!r} (known types: {known})")
        if repeat and kind == "repeat":
            self.problem(raw, f"{what}: a repeat group cannot hold another repeat group")
        own_tags = self._tag_list(raw.get("tags"), raw, what)
        tags = tuple(dict.fromkeys(inherited_tags + own_tags))
        return Question(
            id=question_id,
            type=kind,
            label=self._text(raw.get("label"), raw, f"{what}: the label", required=True)
            or Text(()),
            section=section_id,
            hint=self._text(raw.get("hint"), raw, f"{what}: the hint"),
            required=self._flag(raw, "required", what),
            choices=self._question_choices(raw, kind, what),
            relevant=self._expression(raw.get("relevant"), raw, f"{what}: 'relevant'"),
            constraint=self._expression(raw.get("constraint"), raw, f"{what}: 'constraint'"),
            constraint_message=self._text(raw.get("constraint_message"), raw, what),
            tags=tags,
            bind=self._bind(raw, what, repeat),
            minimum=self._bound(raw, "min", what, kind, 1),
            maximum=self._bound(raw, "max", what, kind, 5),
            minimum_label=self._text(raw.get("min_label"), raw, f"{what}: 'min_label'"),
            maximum_label=self._text(raw.get("max_label"), raw, f"{what}: 'max_label'"),
            columns=self._columns(raw, kind, what, section_id, tags, question_id),
            repeat=repeat,
            line=raw.get(LINE),
            internal=self._flag(raw, "internal", what),
            unit=self._unit(raw, kind, what),
            feeds=self._feeds(raw, what),
        )

    def _flag(self, raw: Mapping[str, Any], key: str, what: str) -> bool:
        value = raw.get(key, False)
        if not isinstance(value, bool):
            self.problem(raw, f"{what}: {key!r} must be true or false")
            return False
        return value

    def _unit(self, raw: Mapping[str, Any], kind: str, what: str) -> Text | None:
        unit = self._text(raw.get("unit"), raw, f"{what}: 'unit'")
        if unit is not None and kind not in {"integer", "decimal"}:
            self.problem(raw, f"{what}: only integer and decimal questions have a 'unit'")
            return None
        return unit

    def _feeds(self, raw: Mapping[str, Any], what: str) -> str | None:
        feeds = raw.get("feeds")
        if feeds is None:
            return None
        return self._identifier(feeds, raw, f"{what}: 'feeds'")

    def _question_choices(self, raw: Mapping[str, Any], kind: str, what: str) -> tuple[Choice, ...]:
        choices = raw.get("choices")
        if kind not in SELECT_TYPES:
            if choices is not None:
                self.problem(raw, f"{what}: only select questions have 'choices'")
            return ()
        if choices is None:
            self.problem(raw, f"{what}: a {kind} question needs 'choices'")
            return ()
        if isinstance(choices, str):
            if choices not in self.choice_lists:
                self.problem(raw, f"{what}: unknown choice list {choices!r}")
                return ()
            return self.choice_lists[choices]
        return self._choices(choices, raw, what)

    def _bind(self, raw: Mapping[str, Any], what: str, repeat: str | None) -> str | None:
        bind = raw.get("bind")
        if bind is None:
            return None
        if repeat or str(bind) not in BIND_TARGETS:
            known = ", ".join(sorted(BIND_TARGETS))
            self.problem(raw, f"{what}: cannot bind to {bind!r} (possible: {known})")
            return None
        return str(bind)

    def _bound(
        self, raw: Mapping[str, Any], key: str, what: str, kind: str, default: int
    ) -> int | None:
        value = raw.get(key)
        if kind != "scale":
            if value is not None:
                self.problem(raw, f"{what}: {key!r} is only for scale questions (use a constraint)")
            return None
        if value is None:
            return default
        if not isinstance(value, int) or isinstance(value, bool):
            self.problem(raw, f"{what}: {key!r} must be a whole number")
            return default
        return value

    def _columns(
        self,
        raw: Mapping[str, Any],
        kind: str,
        what: str,
        section_id: str,
        tags: tuple[str, ...],
        question_id: str,
    ) -> tuple[Question, ...]:
        columns = raw.get("questions")
        if kind != "repeat":
            if columns is not None:
                self.problem(raw, f"{what}: only repeat groups have 'questions'")
            return ()
        if not isinstance(columns, list) or not columns:
            self.problem(raw, f"{what}: a repeat group needs a list of 'questions'")
            return ()
        return tuple(
            q
            for item in columns
            if (q := self._question(item, raw, section_id, tags, question_id)) is not None
        )

    def _outline(self, raw: object, tags: Mapping[str, Text]) -> tuple[OutlineSection, ...]:
        """The monograph's sections, as the guide's ``outline`` list declares them."""
        if raw is None:
            return ()
        if not isinstance(raw, list) or not raw:
            self.problem(self.data, "'outline' must be a list of the monograph's sections")
            return ()
        found: list[OutlineSection] = []
        for item in raw:
            if not isinstance(item, Mapping):
                self.problem(self.data, "each outline section must be a mapping with an 'id'")
                continue
            section = self._outline_section(item, tags)
            if section is None:
                continue
            if any(s.id == section.id for s in found):
                self.problem(item, f"outline: section {section.id!r} appears twice")
            found.append(section)
        return tuple(found)

    def _outline_section(
        self, raw: Mapping[str, Any], tags: Mapping[str, Text]
    ) -> OutlineSection | None:
        section_id = self._identifier(raw.get("id"), raw, "an outline section")
        if section_id is None:
            return None
        what = f"outline section {section_id!r}"
        for key in raw:
            if key != LINE and key not in _OUTLINE_KEYS:
                self.problem(raw, f"{what}: unknown key {key!r}")
        tag = raw.get("tag")
        if tag is not None and str(tag) not in tags:
            self.problem(raw, f"{what}: unknown tag {tag!r} (declare it under 'tags')")
        tag = str(tag) if tag is not None else None
        kind = str(raw.get("kind") or ("axis" if (tag or "").startswith(AXIS_PREFIX) else "theme"))
        if kind not in OUTLINE_KINDS:
            self.problem(
                raw, f"{what}: unknown kind {kind!r} (known kinds: {', '.join(OUTLINE_KINDS)})"
            )
        title = self._text(raw.get("title"), raw, f"{what}: the title", required=tag is None)
        return OutlineSection(
            id=section_id,
            kind=kind,
            title=title or tags.get(tag or "") or Text(()),
            tag=tag,
            hint=self._text(raw.get("hint"), raw, f"{what}: the hint"),
            gather=self._flag(raw, "gather", what),
        )

    def _check_outline(self, guide: Guide) -> None:
        """Every ``feeds`` names a section; with a declared outline, every question has one."""
        outline = outline_of(guide)
        known = {s.id for s in outline.sections}
        for question in guide.all_questions():
            if question.feeds and question.feeds not in known:
                self.problem(
                    {LINE: question.line},
                    f"question '{question.id}': 'feeds' names no section of the outline "
                    f"({question.feeds!r}; sections: {', '.join(sorted(known))})",
                )
        for question in outline.unplaced:
            self.problem(
                {LINE: question.line},
                f"question '{question.id}' feeds no section of the outline "
                "(give it a tag an outline section has, a 'feeds', or mark it internal)",
            )

    def _check_references(self, sections: list[Section], questions: list[Question]) -> None:
        known = {q.id for q in questions} | {c.id for q in questions for c in q.columns}
        for section in sections:
            if section.relevant:
                self._check_names(section.relevant, known, f"section '{section.id}'", None)
        for question in questions:
            for item in (question, *question.columns):
                for expression in (item.relevant, item.constraint):
                    if expression is not None:
                        what = f"question '{item.id}' (section '{item.section}')"
                        self._check_names(expression, known, what, item.line)
            if question.type == "scale" and (question.minimum or 0) >= (question.maximum or 0):
                self.problem(
                    {LINE: question.line}, f"question '{question.id}': 'min' must be below 'max'"
                )

    def _check_names(
        self, expression: Expression, known: set[str], what: str, line: int | None
    ) -> None:
        for name in sorted(expression.references - known):
            self.problem(
                {LINE: line}, f"{what}: {expression.source!r} refers to unknown question {name!r}"
            )
