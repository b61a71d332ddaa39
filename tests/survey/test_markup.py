"""The text of a narrative: the small Markdown Qt's editor reads and writes."""

from __future__ import annotations

import pytest

from fieldkit.survey.markup import (
    Bullet,
    Figure,
    Paragraph,
    Quotation,
    Run,
    escape,
    figure_markup,
    inline,
    parse,
    plain,
    quote_markup,
)


def test_paragraphs_are_separated_by_blank_lines_and_their_lines_joined() -> None:
    blocks = parse("Une ligne\net sa suite.\n\nUn autre paragraphe.  \nAvec un saut.")
    assert blocks == [
        Paragraph((Run("Une ligne et sa suite."),)),
        Paragraph((Run("Un autre paragraphe.\nAvec un saut."),)),
    ]


def test_bold_italic_and_both() -> None:
    assert inline("Un **mot** et un *autre*, ***les deux***.") == (
        Run("Un "),
        Run("mot", bold=True),
        Run(" et un "),
        Run("autre", italic=True),
        Run(", "),
        Run("les deux", bold=True, italic=True),
        Run("."),
    )
    assert inline("__gras__ et _penché_") == (
        Run("gras", bold=True),
        Run(" et "),
        Run("penché", italic=True),
    )


def test_underscores_inside_words_and_escaped_marks_stay_as_typed() -> None:
    assert inline("snake_case_id et 2 \\* 3 \\* 4") == (Run("snake_case_id et 2 * 3 * 4"),)
    assert inline("un * seul") == (Run("un * seul"),)


def test_lists_quotations_and_figures() -> None:
    text = (
        "Trois chantiers :\n\n"
        "- le **premier** ;\n"
        "- le second,\n  sur deux lignes.\n\n"
        "> On a juste refusé\n> que le village meure.\n>\n> Vraiment.\n"
        "> — Mathilde Soulé, 21 mai 2026\n\n"
        "![Le quai \\[côté gare\\]](attachment:0f3a9c)"
    )
    assert parse(text) == [
        Paragraph((Run("Trois chantiers :"),)),
        Bullet((Run("le "), Run("premier", bold=True), Run(" ;"))),
        Bullet((Run("le second, sur deux lignes."),)),
        Quotation(
            ("On a juste refusé que le village meure.", "Vraiment."),
            "Mathilde Soulé, 21 mai 2026",
        ),
        Figure("0f3a9c", "Le quai [côté gare]"),
    ]


def test_inserted_quotes_and_figures_read_back_as_they_were_given() -> None:
    words = "Il a dit *ça* > tout [le] reste_ici"
    (quotation,) = parse(quote_markup(words, "Karim B., 18 juin 2026"))
    assert quotation == Quotation((words,), "Karim B., 18 juin 2026")
    (figure,) = parse(figure_markup("abc123", "Le quai [au matin]\n"))
    assert figure == Figure("abc123", "Le quai [au matin]")


def test_escape_and_plain_are_inverse_for_typed_text() -> None:
    for typed in ("2 * 3 = 6", "_début_", "**vraiment**", "[lien](x)", "# titre"):
        assert plain(escape(typed)) == typed


def test_any_text_parses() -> None:
    for text in ("", "\n\n\n", "***", "> ", "- ", "![](attachment:)", "*a **b* c**", "\\"):
        parse(text)


@pytest.mark.parametrize("line", ["--0", "— voilà", "― ou ainsi"])
def test_a_quoted_line_that_starts_like_an_attribution_stays_a_quoted_line(line: str) -> None:
    """Only the attribution a person gave is one: typed words keep their dash."""
    (quotation,) = parse(quote_markup(f"Premier mot.\n{line}"))
    assert isinstance(quotation, Quotation)
    assert quotation.attribution == ""
    assert quotation.paragraphs[-1].endswith(line)
