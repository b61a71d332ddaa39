"""What is captured beside the answers: people met, quotes and attachments of an interview.

The side panel shows them; this says what the person's gestures on them do:
Ctrl+K captures a quote, Entrée on a quote corrects it, a drop or
Ctrl+Maj+A attaches files, the context menu opens an attachment or puts an
item in the trash (which the window offers to undo). Every write goes to the
writer thread; the panel is read again when it is done.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from fieldkit.guide import Guide
from fieldkit.survey import Survey
from ui.interview.attachments import AttachmentOpener, is_picture, make_thumbnail
from ui.interview.quote_dialog import QuoteDialog
from ui.interview.side_panel import SidePanel
from ui.qt import (
    QApplication,
    QFileDialog,
    QImage,
    QLineEdit,
    QObject,
    QTextEdit,
    QWidget,
    SignalInstance,
)
from ui.session import SurveySession, report_error


class View(Protocol):
    """What the captures need of the interview view (a QWidget)."""

    session: SurveySession
    interview_id: str
    guide: Guide | None
    language: str
    read_only: bool
    trashed: SignalInstance

    @property
    def rows(self) -> Mapping[str, list[tuple[str, dict[str, object]]]]: ...

    def current_question(self) -> str | None: ...


class Captures(QObject):
    """The people, quotes and attachments of the interview on screen, and what to do with them."""

    def __init__(self, view: View, side: SidePanel) -> None:
        super().__init__(side)
        self.view = view
        self.side = side
        self._thumbnails: dict[str, QImage] = {}
        self._opener = AttachmentOpener()
        side.files_dropped.connect(lambda files: self.attach_files(files))
        side.open_attachment.connect(self.open_attachment)
        side.delete_item.connect(self.trash)
        side.edit_quote.connect(self.edit_quote)

    def refresh(self) -> None:
        view = self.view
        reader = view.session.reader
        self.show_people()
        self.side.set_quotes(reader.items("quote", view.interview_id))
        attachments = reader.items("attachment", view.interview_id)
        self.side.set_attachments(attachments)
        for attachment in attachments:
            if is_picture(attachment):
                self._load_thumbnail(str(attachment["id"]), str(attachment.get("sha256", "")))

    def show_people(self) -> None:
        self.side.set_people(self.people())

    def people(self) -> list[tuple[str, str]]:
        """Names and roles of the people met (the guide's first repeat group)."""
        guide = self.view.guide
        if guide is None:
            return []
        repeat = next((q for q in guide.questions if q.type == "repeat"), None)
        if repeat is None or len(repeat.columns) < 1:
            return []
        name_id = repeat.columns[0].id
        role_id = repeat.columns[1].id if len(repeat.columns) > 1 else ""
        return [
            (str(values.get(name_id) or ""), str(values.get(role_id) or ""))
            for _row, values in self.view.rows.get(repeat.id, [])
        ]

    def _speakers(self) -> list[str]:
        return [name for name, _role in self.people() if name]

    def _load_thumbnail(self, attachment_id: str, digest: str) -> None:
        if digest in self._thumbnails:
            self.side.set_thumbnail(attachment_id, self._thumbnails[digest])
            return

        def shown(image: QImage | None) -> None:
            if image is not None:
                self._thumbnails[digest] = image
                self.side.set_thumbnail(attachment_id, image)

        self.view.session.executor.submit(
            lambda survey: make_thumbnail(survey, attachment_id), shown, lambda _error: None
        )

    def add_quote(self) -> None:
        """Ctrl+K: a verbatim quote, prefilled with the words selected in an answer."""
        view = self.view
        if not view.interview_id or view.read_only:
            return
        focus = QApplication.focusWidget()
        question_id = view.current_question()
        question = view.guide.question(question_id) if view.guide and question_id else None
        label = question.label.get(view.language) if question else ""
        dialog = QuoteDialog(view, self._speakers(), label, _selected_text(focus))
        accepted = dialog.exec()
        if focus is not None:
            _deselect(focus)
            focus.setFocus()
        if not accepted or not dialog.quote_text():
            return
        interview, text, speaker = view.interview_id, dialog.quote_text(), dialog.speaker_name()
        on_question = question_id if dialog.attach_to_question() else None
        view.session.executor.submit(
            lambda survey: survey.add_quote(interview, text, speaker, on_question),
            lambda _id: self.refresh(),
            lambda error: report_error(view, self.tr("Impossible d’ajouter la citation"), error),
        )

    def edit_quote(self, quote_id: str) -> None:
        """Correct a quote already captured: its words, its speaker."""
        view = self.view
        quotes = view.session.reader.items("quote", view.interview_id)
        quote = next((q for q in quotes if q["id"] == quote_id), None)
        if quote is None or view.read_only:
            return
        before = {"text": str(quote.get("text") or ""), "speaker": str(quote.get("speaker") or "")}
        dialog = QuoteDialog(
            view, self._speakers(), "", before["text"], before["speaker"], editing=True
        )
        if not dialog.exec() or not dialog.quote_text():
            return
        after = {"text": dialog.quote_text(), "speaker": dialog.speaker_name()}
        changed = {field: value for field, value in after.items() if value != before[field]}

        def write(survey: Survey) -> None:
            with survey.log.transaction():
                for field, value in changed.items():
                    survey.set_item_field("quote", quote_id, field, value)

        view.session.executor.submit(
            write,
            lambda _result: self.refresh(),
            lambda error: report_error(view, self.tr("Impossible de modifier la citation"), error),
        )

    def attach_files(self, files: list[Path] | None = None, question_id: str | None = None) -> None:
        """Ctrl+Maj+A or a drop: copy files into the survey, on the question if one is given."""
        view = self.view
        if not view.interview_id or view.read_only:
            return
        if files is None:
            question_id = view.current_question()
            names, _filter = QFileDialog.getOpenFileNames(
                view, self.tr("Joindre des photos ou des documents")
            )
            files = [Path(name) for name in names]
        if not files:
            return
        interview, chosen = view.interview_id, list(files)

        def attach_all(survey: Survey) -> list[str]:
            return [survey.attach(interview, path, question_id) for path in chosen]

        view.session.executor.submit(
            attach_all,
            lambda _ids: self.refresh(),
            lambda error: report_error(view, self.tr("Impossible de joindre ce fichier"), error),
        )

    def open_attachment(self, attachment_id: str) -> None:
        view = self.view
        reader = view.session.reader
        attachments = reader.items("attachment", view.interview_id)
        attachment = next((a for a in attachments if a["id"] == attachment_id), None)
        if attachment is not None:
            data = reader.attachment_data(attachment_id)
            self._opener.open(str(attachment.get("filename", "")), data)

    def trash(self, entity: str, item_id: str, name: str) -> None:
        """Put a quote or an attachment in the trash; the window offers to take it back."""
        view = self.view

        def trashed(_result: object) -> None:
            self.refresh()
            view.trashed.emit(entity, item_id, name)

        view.session.executor.submit(
            lambda survey: survey.delete(entity, item_id),
            trashed,
            lambda error: report_error(view, self.tr("Impossible de mettre à la corbeille"), error),
        )

    def cleanup(self) -> None:
        self._opener.cleanup()


def _deselect(widget: QWidget) -> None:
    """Leave the caret after the words just quoted, none selected: the next key typed
    must not replace them."""
    if isinstance(widget, QTextEdit):
        cursor = widget.textCursor()
        cursor.setPosition(cursor.selectionEnd())
        widget.setTextCursor(cursor)
    elif isinstance(widget, QLineEdit) and widget.hasSelectedText():
        widget.setCursorPosition(widget.selectionEnd())


def _selected_text(widget: QWidget | None) -> str:
    if isinstance(widget, QTextEdit):
        return widget.textCursor().selectedText().replace("\u2029", "\n")
    if isinstance(widget, QLineEdit):
        return widget.selectedText()
    return ""
