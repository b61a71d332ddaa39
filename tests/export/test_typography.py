"""Typed text gets the typography of the document's language, and only that one."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from fieldkit.export import write_monograph
from fieldkit.export.typography import typeset
from fieldkit.survey import Survey
from tests.export.helpers import populate

N, S = "\u00a0", "\u202f"  # no-break space, narrow no-break space


@pytest.mark.parametrize(
    ("typed", "french", "english"),
    [
        ('Il a dit "bonjour".', f"Il a dit «{N}bonjour{N}».", "Il a dit “bonjour”."),
        ("l'atelier d'Anna", "l’atelier d’Anna", "l’atelier d’Anna"),
        ("the 'quoted' word", "the ’quoted’ word", "the ‘quoted’ word"),
        ("Et puis...", "Et puis…", "Et puis…"),
        (
            "Vraiment ? Oui ; bien : voilà !",
            f"Vraiment{S}? Oui{S}; bien{N}: voilà{S}!",
            "Vraiment? Oui; bien: voilà!",
        ),
        (
            "Vraiment? Oui; bien: voilà!",
            f"Vraiment{S}? Oui{S}; bien{N}: voilà{S}!",
            "Vraiment? Oui; bien: voilà!",
        ),
        ("45 % puis 45%", f"45{S}% puis 45{S}%", "45 % puis 45%"),
        ("12 € et 12€, 10 k€", f"12{N}€ et 12{N}€, 10{N}k€", "12 € et 12€, 10 k€"),
        ("« bien sûr »", f"«{N}bien sûr{N}»", "« bien sûr »"),
        (
            "Rendez-vous à 14:30, https://x.fr/?a=1 ;-)",
            "Rendez-vous à 14:30, https://x.fr/?a=1 ;-)",
            "Rendez-vous à 14:30, https://x.fr/?a=1 ;-)",
        ),
    ],
)
def test_each_language_gets_its_own_typography(typed: str, french: str, english: str) -> None:
    assert typeset(typed, "fr") == french
    assert typeset(typed, "en") == english


def test_english_takes_out_the_french_spaces_before_marks() -> None:
    assert typeset(f"Kind : garage ; visits{N}: 2{S}!", "en") == "Kind: garage; visits: 2!"
    assert typeset(f"Share{S}: 45{S}%", "en") == "Share: 45%"


def test_control_characters_go_and_everything_else_stays() -> None:
    assert typeset("a\x07b\x00c 🌱 مرحبا", "fr") == "abc 🌱 مرحبا"


def test_a_quote_typed_with_straight_quotes_gets_the_language_s_marks(
    survey: Survey, tmp_path: Path
) -> None:
    garage = populate(survey, tmp_path)
    survey.add_quote(garage.first, '"On répare tout..."', "Sandrine Mercadier")
    survey.add_quote(garage.first, '"Ici", dit-il, "on reste."', "Sandrine Mercadier")
    path = write_monograph(survey, garage.initiative, tmp_path / "m.docx", include_drafts=True)
    quotes = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Quote"]
    assert f"«{N}On répare tout…{N}»\n— Sandrine Mercadier, 1er mars 2026" in quotes
    assert f"«{N}Ici{N}», dit-il, «{N}on reste.{N}»\n— Sandrine Mercadier, 1er mars 2026" in quotes
