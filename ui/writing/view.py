"""Writing an initiative's monograph: the outline, the section's text, the visits' material.

Left, the outline with each section's state and authors; in the middle, the
section's narrative, saved like answers (the autosaver hands it to the writer
thread a moment after the last keystroke); right, everything the visits gave
that section, to insert at the caret in one gesture (a double-click, Entrée,
*Insérer* or Ctrl+K). Reading goes through the survey's read-only
connection; before another section's text is shown, what was typed is
handed over, so nothing typed is lost.
"""

from __future__ import annotations

from fieldkit.errors import FieldkitError
from fieldkit.export import MaterialItem, section_material, section_states
from fieldkit.survey import Narrative, Survey, markup
from ui import i18n
from ui.qt import (
    QAction,
    QFrame,
    QHBoxLayout,
    QImage,
    QKeySequence,
    QLabel,
    QListView,
    QModelIndex,
    QPushButton,
    QSplitter,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.session import SaveKey, SurveySession
from ui.style import calm_selection, heading, make_quiet
from ui.widgets import NoticeBar, fit_picture, with_shortcut
from ui.writing.editor import NarrativeEditor
from ui.writing.material_list import ANSWER, PHOTO, QUOTE, MaterialDelegate, MaterialModel
from ui.writing.outline_list import (
    EMPTY,
    MATERIAL,
    WRITTEN,
    OutlineDelegate,
    OutlineModel,
    OutlineRow,
)
from ui.writing.preview import Preview


class WritingView(QWidget):
    """One initiative's monograph being written."""

    back_requested = Signal()
    conflicts_requested = Signal()

    def __init__(self, session: SurveySession, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.language = language
        self.initiative_id = ""
        self.initiative_name = ""
        self.section = ""
        self._with_material: set[str] = set()
        self._pictures: dict[str, QImage] = {}
        self._loading: set[str] = set()
        self.preview = Preview(self, session)
        self._build()
        self.setWindowTitle(self.tr("Rédaction de la monographie"))  # F1 names its commands so
        self._make_actions()
        session.saver.saved.connect(self._saved)
        session.saver.refused.connect(self._refused)

    # -- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self._outline_column())
        self.splitter.addWidget(self._text_column())
        self.splitter.addWidget(self._material_column())
        for column, stretch in enumerate((0, 1, 0)):
            self.splitter.setStretchFactor(column, stretch)
        self.splitter.setCollapsible(1, False)
        em = self.fontMetrics().averageCharWidth()
        self.splitter.setSizes([em * 44, em * 90, em * 46])
        layout.addWidget(self.splitter)

    def _outline_column(self) -> QWidget:
        column = QWidget(self)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(12, 12, 6, 12)
        layout.setSpacing(2)
        self.back_button = QPushButton(self.tr("‹ Liste des entretiens"), column)
        self.back_button.setFlat(True)
        self.back_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.back_button.setStyleSheet("text-align: left; padding: 2px 0;")
        self.back_button.clicked.connect(self.back_requested)
        layout.addWidget(self.back_button)
        self.initiative_label = heading("", column, factor=1.15)
        layout.addWidget(self.initiative_label)
        self.progress_label = QLabel(column)
        make_quiet(self.progress_label)
        layout.addWidget(self.progress_label)
        layout.addSpacing(8)
        self.outline = OutlineModel()
        self.outline_view = QListView(column)
        self.outline_view.setModel(self.outline)
        self.outline_view.setItemDelegate(OutlineDelegate(self.outline_view))
        self.outline_view.setFrameShape(QFrame.Shape.NoFrame)
        self.outline_view.viewport().setAutoFillBackground(False)
        self.outline_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.outline_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.outline_view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        calm_selection(self.outline_view)
        self.outline_view.clicked.connect(lambda index: self.show_section(index.row()))
        self.outline_view.activated.connect(lambda index: self.show_section(index.row()))
        layout.addWidget(self.outline_view, 1)
        return column

    def _text_column(self) -> QWidget:
        column = QWidget(self)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(18, 14, 18, 8)
        layout.setSpacing(4)
        title_row = QHBoxLayout()
        self.section_title = heading("", column, factor=1.3)
        title_row.addWidget(self.section_title, 1)
        self.preview_button = QPushButton(self.tr("Aperçu"), column)
        title_row.addWidget(self.preview_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(title_row)
        self.hint_label = QLabel(column)
        self.hint_label.setWordWrap(True)
        make_quiet(self.hint_label)
        layout.addWidget(self.hint_label)
        self.authors_label = QLabel(column)
        self.authors_label.setWordWrap(True)
        make_quiet(self.authors_label)
        layout.addWidget(self.authors_label)
        self.conflict_bar = NoticeBar(column)
        self.conflict_button = QPushButton(self.tr("Voir les conflits"), self.conflict_bar)
        self.conflict_button.clicked.connect(self.conflicts_requested)
        self.conflict_bar.row.addWidget(self.conflict_button)
        layout.addWidget(self.conflict_bar)
        self.consent_bar = NoticeBar(column)
        close = QToolButton(self.consent_bar)
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Masquer cet avertissement"))
        close.clicked.connect(self.consent_bar.hide)
        self.consent_bar.row.addWidget(close)
        layout.addWidget(self.consent_bar)
        self.format_row = QHBoxLayout()
        self.format_row.setSpacing(2)
        layout.addLayout(self.format_row)
        self.editor = NarrativeEditor(column)
        self.editor.edited.connect(self._edited)
        self.editor.picture_wanted.connect(
            self._show_picture_in_text, Qt.ConnectionType.QueuedConnection
        )
        self.editor.cursorPositionChanged.connect(self._show_format)
        self.editor.currentCharFormatChanged.connect(lambda _format: self._show_format())
        layout.addWidget(self.editor, 1)
        self.words_label = QLabel(column)
        make_quiet(self.words_label)
        layout.addWidget(self.words_label)
        return column

    def _material_column(self) -> QWidget:
        column = QWidget(self)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(6, 14, 12, 8)
        layout.setSpacing(4)
        self.material_title = heading(self.tr("Matière"), column, factor=1.1)
        layout.addWidget(self.material_title)
        self.material_count = QLabel(column)
        self.material_count.setWordWrap(True)
        make_quiet(self.material_count)
        layout.addWidget(self.material_count)
        self.material = MaterialModel()
        self.material_view = QListView(column)
        self.material_view.setModel(self.material)
        self.material_delegate = MaterialDelegate(self.material_view, self.material)
        self.material_view.setItemDelegate(self.material_delegate)
        self.material_view.setFrameShape(QFrame.Shape.NoFrame)
        self.material_view.viewport().setAutoFillBackground(False)
        self.material_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.material_view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.material_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.material_view.setWordWrap(True)
        calm_selection(self.material_view)
        # A double-click or Entrée inserts (not "activated": with single-click
        # activation, as some desktops set it, a mere click would insert).
        self.material_view.doubleClicked.connect(self._activated)
        enter = QAction(self.material_view)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(self.insert_current)
        self.material_view.addAction(enter)
        self.material_view.selectionModel().currentRowChanged.connect(self._material_chosen)
        layout.addWidget(self.material_view, 1)
        self.insert_button = QPushButton(column)
        self.insert_button.clicked.connect(self.insert_current)
        layout.addWidget(self.insert_button)
        return column

    def _make_actions(self) -> None:
        """The view's commands: each with its keys, shown in its tooltip."""
        table = [
            ("bold", self.tr("Gras"), "Ctrl+B", self.editor.set_bold, True),
            ("italic", self.tr("Italique"), "Ctrl+I", self.editor.set_italic, True),
            ("bullets", self.tr("• Liste à puces"), "Ctrl+Shift+L", self.editor.set_bulleted, True),
            ("insert", self.tr("Insérer au curseur"), "Ctrl+K", self.insert_current, False),
            ("preview", self.tr("Aperçu de la monographie"), "Ctrl+P", self.show_preview, False),
            ("next", self.tr("Section suivante"), "Ctrl+PgDown", lambda: self._step(1), False),
            ("previous", self.tr("Section précédente"), "Ctrl+PgUp", lambda: self._step(-1), False),
        ]
        self.actions: dict[str, QAction] = {}
        for name, text, keys, slot, checkable in table:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setCheckable(checkable)
            action.setToolTip(with_shortcut(text, action))
            if checkable:
                action.triggered.connect(slot)
            else:
                action.triggered.connect(lambda _checked=False, run=slot: run())
            self.addAction(action)
            self.actions[name] = action
        for name in ("bold", "italic", "bullets"):
            button = QToolButton(self)
            button.setDefaultAction(self.actions[name])
            font = button.font()
            font.setBold(name == "bold")
            font.setItalic(name == "italic")
            button.setFont(font)
            button.setAutoRaise(True)
            self.format_row.addWidget(button)
        self.format_row.addStretch(1)
        self.preview_button.setToolTip(self.actions["preview"].toolTip())
        self.preview_button.clicked.connect(self.show_preview)

    # -- opening an initiative ---------------------------------------------------------

    def open_initiative(self, initiative_id: str) -> None:
        """Show an initiative's outline and its first section."""
        self.session.saver.flush_and_wait()
        self.initiative_id = initiative_id
        self.initiative_name = self.session.reader.initiative(initiative_id).name
        self.initiative_label.setText(
            self.tr("%1 — Monographie").replace("%1", self.initiative_name)
        )
        self._read_outline()
        self.section = ""
        self.show_section(0)

    def _read_outline(self) -> None:
        states = section_states(self.session.reader, self.initiative_id)
        self._with_material = {s.section.id for s in states if s.state != EMPTY}
        self.outline.set_rows([self._outline_row(s.section.id, s.narrative) for s in states])
        self._show_progress()

    def _outline_row(self, section_id: str, narrative: Narrative | None) -> OutlineRow:
        outline = self.session.reader.outline(self.initiative_id).section(section_id)
        assert outline is not None
        hint = outline.hint.get(self.language) if outline.hint else ""
        if narrative is not None:
            state = WRITTEN
        else:
            state = MATERIAL if section_id in self._with_material else EMPTY
        return OutlineRow(
            section=section_id,
            title=i18n.french_spacing(outline.title.get(self.language)),
            hint=i18n.french_spacing(hint),
            state=state,
            authors=narrative.authors if narrative else (),
            conflict=bool(narrative and narrative.conflict),
        )

    def _show_progress(self) -> None:
        rows = self.outline.rows()
        written = sum(1 for r in rows if r.state == WRITTEN)
        words = i18n.plural(
            written, self.tr("%1 section écrite sur %2"), self.tr("%1 sections écrites sur %2")
        )
        self.progress_label.setText(words.replace("%2", str(len(rows))))

    # -- sections ----------------------------------------------------------------------

    def show_section(self, number: int) -> None:
        """Put a section's text and material on screen; what was typed is handed over first."""
        row = self.outline.row(number)
        if row is None:
            return
        if row.section == self.section:
            self.outline_view.setCurrentIndex(self.outline.index(number))
            return
        self.session.saver.flush_and_wait()
        self.section = row.section
        self.outline_view.setCurrentIndex(self.outline.index(number))
        narrative = self.session.reader.narratives(self.initiative_id).get(row.section)
        self.editor.set_text(narrative.text if narrative else "")
        self.section_title.setText(row.title)
        self.hint_label.setText(row.hint)
        self.hint_label.setVisible(bool(row.hint))
        self.consent_bar.hide()
        self._show_writers(narrative)
        self._show_material()
        self._show_words()
        self.editor.setFocus()

    def _step(self, step: int) -> None:
        self.show_section(self.outline.find(self.section) + step)

    def _show_writers(self, narrative: Narrative | None) -> None:
        """Who wrote the section, and when; a conflict says so, with a way to settle it."""
        if narrative is None:
            self.authors_label.setText(self.tr("Pas encore écrit."))
        else:
            self.authors_label.setText(
                self.tr("Écrit par %1 · dernière modification le %2")
                .replace("%1", ", ".join(narrative.authors) or self.tr("auteur inconnu"))
                .replace("%2", i18n.format_moment(narrative.time))
            )
        if narrative is not None and narrative.conflict:
            words = self.tr(
                "⚠ Deux versions de cette section ont été écrites sans se voir ; celle de %1 "
                "est affichée. Réglez le conflit, ou écrivez : votre texte les remplacera."
            ).replace("%1", narrative.author or self.tr("auteur inconnu"))
            self.conflict_bar.say(words)
        else:
            self.conflict_bar.hide()

    def _show_words(self) -> None:
        count = self.editor.word_count()
        words = i18n.plural(count, self.tr("%1 mot"), self.tr("%1 mots"))
        row = self.outline.row(self.outline.find(self.section))
        title = row.title if row else ""
        self.words_label.setText(
            i18n.french_spacing(self.tr("%1 : %2")).replace("%1", title).replace("%2", words)
        )

    # -- material ----------------------------------------------------------------------

    def _show_material(self) -> None:
        try:
            items = section_material(
                self.session.reader, self.initiative_id, self.section, self.language
            )
        except FieldkitError:
            items = []
        self.material_delegate.current = -1
        self.material.set_items(items)
        self.material_count.setText(self._material_counts(items))
        for item in items:
            if item.kind == PHOTO and item.attachment:
                self._load_picture(item.attachment)
        if items:
            self.material_view.setCurrentIndex(self.material.index(0))
        self._material_chosen(self.material.index(0))

    def _material_counts(self, items: list[MaterialItem]) -> str:
        if not items:
            return self.tr("Les visites n’ont rien donné pour cette section.")
        kinds = [item.kind for item in items]
        visits = len({item.interview for item in items})
        shown = [i18n.plural(visits, self.tr("%1 visite"), self.tr("%1 visites"))]
        for kind, one, many in (
            (ANSWER, self.tr("%1 réponse"), self.tr("%1 réponses")),
            (QUOTE, self.tr("%1 citation"), self.tr("%1 citations")),
            (PHOTO, self.tr("%1 photo"), self.tr("%1 photos")),
        ):
            if kind in kinds:
                shown.append(i18n.plural(kinds.count(kind), one, many))
        return " · ".join(shown)

    def _material_chosen(self, current: QModelIndex, previous: QModelIndex | None = None) -> None:
        """The chosen row shows its whole text; the button says what inserting it does."""
        self.material_delegate.current = current.row()
        for index in (previous, current):
            if index is not None and index.isValid():
                self.material_delegate.sizeHintChanged.emit(index)
        item = self.material.item(current.row())
        action = self.actions["insert"]
        if item is None:
            words = self.tr("Insérer au curseur")
        elif item.kind == QUOTE:
            words = self.tr("Citer au curseur")
        elif item.kind == PHOTO:
            words = self.tr("Placer la photo au curseur")
        else:
            words = self.tr("Reprendre ce texte au curseur")
        self.insert_button.setText(with_shortcut(words, action))
        self.insert_button.setEnabled(item is not None)
        action.setEnabled(item is not None)

    def _activated(self, index: QModelIndex) -> None:
        item = self.material.item(index.row())
        if item is not None:
            self.insert_item(item)

    def insert_current(self) -> None:
        """Ctrl+K or *Insérer*: the chosen material goes in at the caret."""
        item = self.material.item(self.material_view.currentIndex().row())
        if item is not None:
            self.insert_item(item)

    def insert_item(self, item: MaterialItem) -> None:
        """A quote as a quotation with its attribution, a photo as a figure, an answer as text."""
        blocks = markup.parse(item.markup) if item.kind in (QUOTE, PHOTO) else []
        block = blocks[0] if blocks else None
        if isinstance(block, markup.Quotation):
            self.editor.insert_quotation(block.paragraphs, block.attribution)
            if item.consent is False:
                self._warn_consent(item.speaker, block.attribution)
        elif isinstance(block, markup.Figure):
            if block.attachment in self._pictures:
                self.editor.show_picture(block.attachment, self._pictures[block.attachment])
            self.editor.insert_figure(block.attachment, block.caption)
        else:
            self.editor.insert_words(item.text)
        self.editor.setFocus()

    def _warn_consent(self, speaker: str, attribution: str) -> None:
        words = self.tr(
            "%1 n’a pas accepté d’être nommé·e : la citation est attribuée à « %2 », "
            "et aucun document ne donnera son nom."
        )
        self.consent_bar.say(words.replace("%1", speaker).replace("%2", attribution))

    # -- photos ------------------------------------------------------------------------

    def _load_picture(self, attachment_id: str) -> None:
        """A photo's thumbnail, made on the writer thread, for the material and the text."""
        if attachment_id in self._pictures:
            self.material.set_picture(attachment_id, self._pictures[attachment_id])
            return
        if attachment_id in self._loading:
            return
        self._loading.add(attachment_id)
        width, height = self.editor.figure_box()

        def make(survey: Survey) -> QImage | None:
            return fit_picture(survey.attachment_data(attachment_id), width, height)

        def made(image: QImage | None) -> None:
            self._loading.discard(attachment_id)
            if image is not None:
                self._pictures[attachment_id] = image
                self.material.set_picture(attachment_id, image)
                self.editor.show_picture(attachment_id, image)

        self.session.executor.submit(
            make, made, lambda _error: self._loading.discard(attachment_id)
        )

    def _show_picture_in_text(self, attachment_id: str) -> None:
        if attachment_id in self._pictures:
            self.editor.show_picture(attachment_id, self._pictures[attachment_id])
        else:
            self._load_picture(attachment_id)

    # -- saving ------------------------------------------------------------------------

    def _edited(self) -> None:
        if self.initiative_id and self.section:
            key = SaveKey.narrative(self.initiative_id, self.section)
            self.session.saver.edited(key, self.editor.text)
        self._show_words()

    def _saved(self, keys: list[SaveKey]) -> None:
        """A section's text reached the file: its state and authors follow the change log."""
        mine = [k for k in keys if k.kind == "narrative" and k.owner == self.initiative_id]
        if not mine:
            return
        narratives = self.session.reader.narratives(self.initiative_id)
        for key in mine:
            self.outline.update_row(self._outline_row(key.question, narratives.get(key.question)))
            if key.question == self.section:
                self._show_writers(narratives.get(key.question))
        self._show_progress()

    def _refused(self, key: SaveKey, message: str) -> None:
        if key.kind == "narrative" and key.owner == self.initiative_id:
            self.consent_bar.say(self.tr("Texte non enregistré : %1").replace("%1", message))

    def _show_format(self) -> None:
        """The format buttons follow the caret; a quotation keeps its words plain."""
        char = self.editor.currentCharFormat()
        self.actions["bold"].setChecked(char.fontWeight() >= 600)
        self.actions["italic"].setChecked(char.fontItalic())
        self.actions["bullets"].setChecked(self.editor.textCursor().currentList() is not None)
        quoted = self.editor.in_quotation()
        for name in ("bold", "italic", "bullets"):
            self.actions[name].setEnabled(not quoted)

    # -- the rest ----------------------------------------------------------------------

    def show_preview(self) -> None:
        """Aperçu: the monograph as it stands, opened in the word processor."""
        if self.initiative_id:
            self.preview.start(self.initiative_id, self.initiative_name, self.language)

    def reload(self) -> None:
        """Read the survey again after a merge, a sync or a resolved conflict.

        The text on screen is replaced only if the file now holds another one.
        """
        if not self.initiative_id:
            return
        self.session.saver.flush_and_wait()
        self._read_outline()
        number = self.outline.find(self.section)
        if number < 0:
            self.section = ""
            self.show_section(0)
            return
        self.outline_view.setCurrentIndex(self.outline.index(number))
        narrative = self.session.reader.narratives(self.initiative_id).get(self.section)
        text = narrative.text if narrative else ""
        if text != self.editor.text():
            place = self.editor.textCursor().position()
            self.editor.set_text(text)
            cursor = self.editor.textCursor()
            cursor.setPosition(min(place, self.editor.document().characterCount() - 1))
            self.editor.setTextCursor(cursor)
        self._show_writers(narrative)
        self._show_material()
        self._show_words()
