"""Forms built in each test, with openpyxl, so each test shows the rows it is about."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook

Rows = Sequence[Sequence[object]]
MakeForm = Callable[..., Path]


@pytest.fixture
def make_form(tmp_path: Path) -> MakeForm:
    """Write a workbook from rows: ``make_form(survey, choices=…, settings=…)``."""

    def make(
        survey: Rows | None,
        choices: Rows | None = None,
        settings: Rows | None = None,
        *,
        names: Mapping[str, str] | None = None,
        file: str = "form.xlsx",
    ) -> Path:
        book = Workbook()
        book.remove(book.active)
        titles = {"survey": "survey", "choices": "choices", "settings": "settings", **(names or {})}
        for key, rows in (("survey", survey), ("choices", choices), ("settings", settings)):
            if rows is None:
                continue
            sheet = book.create_sheet(titles[key])
            for row in rows:
                sheet.append(list(row))
        path = tmp_path / file
        book.save(path)
        return path

    return make
