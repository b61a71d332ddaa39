"""What an XLSForm's cells say: its languages, its texts, its yes/no flags, its choices.

XLSForm lets a form mix a plain ``label`` column with ``label::English (en)``
and friends. A fieldkit guide needs every text keyed by a language code, with
its first language always present, so the plain column is read as the form's
default language (``default_language`` in the settings, French otherwise) and
a text missing in the first language borrows another language's, with a
warning rather than a refusal.
"""

from __future__ import annotations

import re
from typing import Any

from fieldkit.guide import DEFAULT_LANGUAGE
from fieldkit.interop.xlsform.sheets import (
    CHOICES,
    FIELDKIT,
    SETTINGS,
    SURVEY,
    Book,
    Report,
    Row,
    language_code,
)
from fieldkit.interop.xlsform.wording import words

_YES = frozenset({"yes", "true", "true()", "1", "oui"})
_TEXTS = ("label", "hint", "guidance_hint", "constraint_message", "required_message")
_WORD = re.compile(r"[a-z]+")
_ACCENTED = re.compile(r"[éèêàâçùûôîœ]")
# Small words that tell a French form from an English one.
_FRENCH = frozenset(
    {
        "le", "la", "les", "des", "du", "de", "un", "une", "et", "est", "sont", "que", "qui",
        "quel", "quelle", "quels", "pour", "dans", "avec", "vous", "votre", "vos", "nous",
        "combien", "pourquoi", "comment", "où", "oui", "non", "autre",
    }
)  # fmt: skip
_ENGLISH = frozenset(
    {
        "the", "of", "and", "is", "are", "what", "which", "who", "how", "your", "you", "for",
        "with", "in", "to", "do", "does", "many", "why", "where", "yes", "no", "other",
    }
)  # fmt: skip
_NO = frozenset({"no", "false", "false()", "0", "non"})


class Form:
    """The sheets of one workbook, read as material for a guide."""

    def __init__(self, book: Book, report: Report) -> None:
        sheets = book.sheets
        self.titles = book.titles
        self.survey = sheets[SURVEY]
        self.choices = sheets.get(CHOICES)
        settings = sheets.get(SETTINGS)
        self.settings = settings.rows[0] if settings and settings.rows else None
        self.report = report
        #: Written by fieldkit's own export: tags, binds and titles are in its own columns.
        self.fieldkit = sheets.get(FIELDKIT)
        self.languages, self.plain_language = self._languages()
        self.lists = self._choice_lists()

    @property
    def main_language(self) -> str:
        """The language every label must have: the guide's first."""
        return self.languages[0]

    def setting(self, key: str) -> str:
        return self.settings.get(key) if self.settings else ""

    def setting_texts(self, key: str) -> dict[str, str]:
        return self.texts(self.settings, key) if self.settings else {}

    def tags(self) -> dict[str, dict[str, str]]:
        """The tags fieldkit's export listed, with their labels (none for other forms)."""
        rows = self.fieldkit.rows if self.fieldkit is not None else ()
        return {
            row.get("tag"): self.label(row, row.get("tag"))
            for row in rows
            if row.get("tag") and not row.get("outline")
        }

    def outline(self) -> list[dict[str, object]]:
        """The monograph outline fieldkit's export wrote (none for other forms)."""
        rows = self.fieldkit.rows if self.fieldkit is not None else ()
        return [_outline_section(self, row) for row in rows if row.get("outline")]

    def _languages(self) -> tuple[list[str], str]:
        """The guide's languages, the default one first, and the language of plain columns.

        Plain columns are in ``default_language`` when the settings say so;
        otherwise their words tell French from English (French when unsure),
        so that what the import adds ("Other", "General questions") is in
        the form's own language.
        """
        declared = self.setting("default_language")
        plain = language_code(declared) if declared else self._guess_plain_language()
        found = self.survey.languages(_TEXTS)  # a plain image column is no language
        if self.choices is not None:
            found += self.choices.languages(["label"])
        explicit = [language for language in found if language is not None]
        if None in found or (declared and plain in explicit):
            first = [plain]
        else:
            first = [DEFAULT_LANGUAGE] if DEFAULT_LANGUAGE in explicit else []
        return list(dict.fromkeys(first + explicit)) or [plain], plain

    def _guess_plain_language(self) -> str:
        rows = [*self.survey.rows, *(self.choices.rows if self.choices is not None else ())]
        text = " ".join(row.get("label") for row in rows).lower()
        words = _WORD.findall(text)
        french = sum(word in _FRENCH for word in words) + len(_ACCENTED.findall(text))
        english = sum(word in _ENGLISH for word in words)
        return "en" if english > french else DEFAULT_LANGUAGE

    def texts(self, row: Row, key: str) -> dict[str, str]:
        """A text column's texts by language code; a language's own column wins over plain."""
        found = row.texts(key)
        texts = {}
        for language in self.languages:
            text = found.get(language) or (
                found.get(None) if language == self.plain_language else ""
            )
            if text:
                texts[language] = text
        return texts

    def label(self, row: Row, fallback: str = "") -> dict[str, str]:
        """The row's label in every language it has, always in the first language.

        A label missing in the first language borrows another one (with a
        warning); a row without any label gets ``fallback``, or is reported.
        """
        texts = self.texts(row, "label")
        main = self.main_language
        if main in texts:
            return texts
        if texts:
            other = next(iter(texts))
            self.report.warn(f"no label in '{main}': the '{other}' label stands in for it", row)
            return {main: texts[other], **texts}
        if not fallback:
            self.report.error(row.where("label"), "no label (every question needs one)")
        return {main: fallback or row.get("name")}

    def hint(self, row: Row) -> dict[str, str]:
        """The facilitator's hint: the form's hint, then its guidance for the interviewer."""
        hint, guidance = self.texts(row, "hint"), self.texts(row, "guidance_hint")
        return {
            language: "\n\n".join(t for t in (hint.get(language), guidance.get(language)) if t)
            for language in self.languages
            if hint.get(language) or guidance.get(language)
        }

    def words(self, key: str, **values: str) -> dict[str, str]:
        return words(key, self.languages, **values)

    def flag(self, row: Row, key: str) -> bool | None:
        """A yes/no cell: True, False (also when empty), or None when it says something else."""
        value = row.get(key).lower()
        if not value or value in _NO:
            return False
        return True if value in _YES else None

    def _choice_lists(self) -> dict[str, list[dict[str, Any]]]:
        lists: dict[str, list[dict[str, Any]]] = {}
        for row in self.choices.rows if self.choices is not None else ():
            list_name, name = row.get("list_name"), row.get("name")
            if not list_name and not name:
                continue
            if not list_name:
                self.report.error(row.where("list_name"), f"the choice {name!r} has no list name")
                continue
            if not name:
                self.report.error(row.where("name"), f"a choice of list {list_name!r} has no name")
                continue
            entries = lists.setdefault(list_name, [])
            label = self.label(row, fallback=name) if self.texts(row, "label") else None
            same = next((entry for entry in entries if entry["value"] == name), None)
            if same is not None:
                self._same_choice(row, list_name, same, label)
                continue
            if label is None:
                self.report.warn("choices without a label show their name", row)
            entries.append({"value": name, "label": label or {self.main_language: name}})
            for column in ("image", "audio", "video", "big-image"):
                if row.texts(column):
                    self.report.warn(f"{column} files on choices are not shown", row)
        return lists

    def _same_choice(
        self, row: Row, list_name: str, first: dict[str, Any], label: dict[str, str] | None
    ) -> None:
        """A choice name met twice in a list: refused, unless the settings allow it as pyxform does.

        Cascading selects repeat a name under several parents; fieldkit
        offers every choice, so the name is offered once, with every label.
        """
        name = first["value"]
        if self.flag(self.settings, "allow_choice_duplicates") if self.settings else False:
            self.report.warn(
                f"the choice {name!r} appears more than once in list {list_name!r}: "
                "it is offered once, with each of its labels",
                row,
            )
            for language, text in (label or {}).items():
                known = first["label"].get(language, "")
                if text not in known.split(" / "):
                    first["label"][language] = f"{known} / {text}" if known else text
            return
        self.report.error(
            row.where("name"),
            f"the choice {name!r} appears twice in list {list_name!r} (if that is meant, "
            "as in cascading selects, set allow_choice_duplicates to yes in the settings)",
        )


def _outline_section(form: Form, row: Row) -> dict[str, object]:
    """One outline section as the guide file writes it."""
    section: dict[str, object] = {"id": row.get("outline"), "kind": row.get("kind") or "theme"}
    if row.get("tag"):
        section["tag"] = row.get("tag")
    if title := form.texts(row, "label"):
        section["title"] = title
    if hint := form.texts(row, "hint"):
        section["hint"] = hint
    if row.get("gather").lower() in ("yes", "true"):
        section["gather"] = True
    return section
