"""A narrative goes into the text editor and comes back out as the same blocks.

The editor is filled from the core's parser and written back in the core's
markup (ui.writing.document): every demo narrative, the dialect's corners
(quotations with their attribution, figures with brackets in their caption,
text that looks like markup) and any run of plain, bold and italic words
survive the trip, where Qt's own Markdown would have changed them.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from fieldkit.survey import markup
from fieldkit.survey.demo import demo_content
from tests.ui.keyboard import type_text
from ui.qt import QApplication, QTextCursor, QTextDocument
from ui.writing.document import (
    fill,
    markup_of,
    paragraph_format,
    runs_markup,
    text_format,
    write_block,
    write_runs,
)
from ui.writing.editor import NarrativeEditor

DEMO_TEXTS = [
    narrative["text"]
    for initiative in demo_content()["initiatives"]
    for narrative in initiative.get("narratives", [])
]

CORNERS = """Le mot d’innovation ne plaît guère ici : « allergique ».

> L’innovation, je sais pas ce que c’est.
>
> Un second paragraphe, *sans* italique.
> — Mathilde Soulé, 21 mai 2026

Ce qui est neuf, **pourtant**, c’est *qu’un* même lieu, ***les deux***.

- un lieu ouvert toute l’année, **quand** tout ferme ;
- un ravitaillement\\
  sur deux lignes

![La façade \\[2\\] de l’Escale](attachment:0a1b2c)

Prix : 3 \\* 4 = 12, snake\\_case et 50 % + 1. \\#mot \\[lien\\] <b> & `code`
1. pas une liste

\\- pas une puce

\\> ni une citation"""


def round_trip(qapp: QApplication, text: str) -> str:
    document = QTextDocument()
    fill(document, text)
    return markup_of(document)


@pytest.mark.parametrize("text", [*DEMO_TEXTS, CORNERS], ids=lambda t: t[:24])
def test_a_narrative_comes_back_as_the_same_blocks(qapp: QApplication, text: str) -> None:
    again = round_trip(qapp, text)
    assert markup.parse(again) == markup.parse(text)
    assert round_trip(qapp, again) == again  # and then stays exactly as it is


def test_qts_own_markdown_would_not_do(qapp: QApplication) -> None:
    """Why the editor does not use setMarkdown/toMarkdown: they change the narrative."""
    document = QTextDocument()
    document.setMarkdown(CORNERS)
    assert markup.parse(document.toMarkdown()) != markup.parse(CORNERS)
    assert markup.parse(round_trip(qapp, CORNERS)) == markup.parse(CORNERS)


def test_text_that_looks_like_markup_stays_text(qapp: QApplication) -> None:
    blocks = markup.parse(round_trip(qapp, CORNERS))
    assert markup.Paragraph((markup.Run("- pas une puce"),)) in blocks
    assert markup.Paragraph((markup.Run("> ni une citation"),)) in blocks
    assert markup.Figure("0a1b2c", "La façade [2] de l’Escale") in blocks
    (quotation,) = [b for b in blocks if isinstance(b, markup.Quotation)]
    assert quotation.attribution == "Mathilde Soulé, 21 mai 2026"
    assert len(quotation.paragraphs) == 2


#: Words as a person types them: letters, accents, punctuation, markup characters.
WORDS = st.text(
    alphabet=st.sampled_from(list("abcdeéèçàù’«» ,.;:!?*_-+>#[]()`\\0123456789")),
    min_size=1,
    max_size=12,
)
STYLED_WORDS = st.lists(st.tuples(WORDS, st.booleans(), st.booleans()), min_size=1, max_size=6)


@settings(max_examples=150, deadline=None)
@given(STYLED_WORDS)
def test_any_words_keep_their_bold_and_italic(qapp: QApplication, words: list) -> None:
    """Styled words separated by spaces, as typed, come back with their look."""
    runs = tuple(
        markup.Run(text if index == 0 else " " + text, bold, italic)
        for index, (text, bold, italic) in enumerate(words)
    )
    document = QTextDocument()
    write_runs(QTextCursor(document), runs)
    written = runs_markup(document.begin())
    expected = _looks(runs)
    assert _looks(markup.parse(written)[0].runs if written else ()) == expected  # type: ignore[union-attr]


def _looks(runs: tuple[markup.Run, ...]) -> list[tuple[str, bool, bool]]:
    """Each visible character with its look: spaces carry none, and the ends are trimmed."""
    chars = [(ch, run.bold, run.italic) for run in runs for ch in run.text]
    text = "".join(ch for ch, _, _ in chars)
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return [
        (ch, b, i) if not ch.isspace() else (" ", False, False) for ch, b, i in chars[start:end]
    ]


SOME_TEXT = WORDS.filter(lambda text: bool(text.strip()))
RUNS = STYLED_WORDS.map(
    lambda words: tuple(
        markup.Run(text if index == 0 else " " + text, bold, italic)
        for index, (text, bold, italic) in enumerate(words)
    )
).filter(lambda runs: bool("".join(r.text for r in runs).strip()))
BLOCKS = st.lists(
    st.one_of(
        RUNS.map(markup.Paragraph),
        RUNS.map(markup.Bullet),
        st.builds(
            markup.Quotation,
            st.lists(SOME_TEXT, min_size=1, max_size=3).map(tuple),
            st.one_of(st.just(""), SOME_TEXT),
        ),
        st.builds(markup.Figure, st.text("abcdef0123456789-", min_size=1, max_size=8), WORDS),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(BLOCKS)
def test_any_narrative_keeps_its_blocks(qapp: QApplication, blocks: list[markup.Block]) -> None:
    """Paragraphs, bullets, quotations and figures, in any order, come back as they went in."""
    document = QTextDocument()
    cursor = QTextCursor(document)
    for number, block in enumerate(blocks, start=1):
        if number > 1:
            cursor.insertBlock(paragraph_format(), text_format())
        write_block(cursor, block, number)
    again = markup.parse(markup_of(document))
    assert [_normal(b) for b in again] == [_normal(b) for b in blocks]


def _normal(block: markup.Block) -> object:
    """What a reader sees of a block: its kind, its words and their look."""
    if isinstance(block, markup.Paragraph | markup.Bullet):
        return type(block).__name__, _looks(block.runs)
    if isinstance(block, markup.Quotation):
        return "quote", tuple(p.strip() for p in block.paragraphs), block.attribution.strip()
    return "figure", block.attachment, " ".join(block.caption.split())


@pytest.mark.parametrize(
    ("before", "caret", "after"),
    [
        ("Tout commence ici.", 0, "Mobilisation citoyenne Tout commence ici."),
        ("Tout commence ici.", 5, "Tout Mobilisation citoyenne commence ici."),
        ("Tout commence ici.", 17, "Tout commence ici Mobilisation citoyenne."),
        ("Tout commence ici.", 18, "Tout commence ici. Mobilisation citoyenne"),
    ],
)
def test_words_inserted_at_the_caret_stay_apart_from_their_neighbours(
    qapp: QApplication, before: str, caret: int, after: str
) -> None:
    editor = NarrativeEditor()
    editor.setPlainText(before)
    cursor = editor.textCursor()
    cursor.setPosition(caret)
    editor.setTextCursor(cursor)

    editor.insert_words("Mobilisation citoyenne")

    assert editor.toPlainText() == after


def test_inserted_words_keep_their_no_break_spaces(qapp: QApplication) -> None:
    """An answer « ainsi » : its guillemets and colon stay on the line of their word."""
    editor = NarrativeEditor()
    editor.insert_words("Le mot\u00a0: «\u00a0couveuse\u00a0»,  deux   fois.")
    # Qt's plain text turns no-break spaces into spaces: the raw text keeps them.
    assert editor.document().toRawText() == "Le mot\u00a0: «\u00a0couveuse\u00a0», deux fois."


def test_typing_french_punctuation_after_a_space_keeps_it_on_the_line(
    qtbot: QtBot,
) -> None:
    """As Word's French does: a space after «, and one before » : ; ! ?, never breaks."""
    editor = NarrativeEditor()
    qtbot.addWidget(editor)
    type_text(editor, "Il dit « oui » : bien ! Et toi ?")
    assert (
        editor.document().toRawText() == "Il dit «\u00a0oui\u00a0»\u00a0: bien\u00a0! Et toi\u00a0?"
    )
