"""Languages: the translator, the guide's language, and French-first formats.

The interface's source strings are French; English comes from
``resources/translations/fieldkit_en.qm``. Dates read as *14 novembre 2026*
and numbers take the language's decimal comma or point.
"""

from __future__ import annotations

from datetime import datetime

from fieldkit.resources import resource_path
from ui.qt import (
    QApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QTimeZone,
    QTranslator,
)

_installed: list[QTranslator] = []
_language = "fr"


def translation_file(language: str) -> str:
    return str(resource_path("translations", f"fieldkit_{language}.qm"))


def install_language(app: QApplication, language: str) -> None:
    """Translate the interface (ours and Qt's own buttons) into ``language``."""
    global _language
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _language = language
    QLocale.setDefault(QLocale(language))
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ours = str(resource_path("translations"))
    # Qt's own French lacks a few words of its file dialog: ours fills them in.
    candidates = [(f"qtbase_{language}", qt_folder), (f"qt_extra_{language}", ours)]
    if language != "fr":
        candidates.append((f"fieldkit_{language}", ours))
    for name, folder in candidates:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)


def language() -> str:
    """The language the interface and the guide are shown in."""
    return _language


def core_words(message: str) -> str:
    """A message of the core (written in English) in the interface's language."""
    from fieldkit.messages import translate  # its catalogue loads on the first message

    return translate(message, _language)


def plural(count: int, one: str, many: str) -> str:
    """Pick the singular or plural (both already translated) by the language's rule.

    French counts 0 and 1 as singular, English only 1. ``%1`` in the chosen
    form is replaced by the count.
    """
    singular = count <= 1 if _language == "fr" else count == 1
    return (one if singular else many).replace("%1", str(count))


def format_date(iso: str) -> str:
    """*14 novembre 2026* from ``2026-11-14``; the raw text if it is not a date."""
    date = QDate.fromString(iso[:10], "yyyy-MM-dd")
    if not date.isValid():
        return iso
    return QLocale().toString(date, "d MMMM yyyy")


def local_datetime(iso: str) -> QDateTime | None:
    """The local time of a core timestamp (ISO 8601, UTC)."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    stamp = QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000), QTimeZone.utc())
    return stamp.toLocalTime()


def format_moment(iso: str) -> str:
    """*14 novembre 2026, 14:02* from a core timestamp, in local time."""
    moment = local_datetime(iso)
    if moment is None:
        return iso
    locale = QLocale()
    day = locale.toString(moment.date(), "d MMMM yyyy")
    return f"{day}, {locale.toString(moment.time(), 'HH:mm')}"


def format_number(value: float) -> str:
    return QLocale().toString(value, "g", 12)


def format_percent(value: int) -> str:
    """*72 %* in French (a narrow no-break space), *72%* in English."""
    number = QLocale().toString(value)
    return f"{number}\u202f%" if _language == "fr" else f"{number}%"


def fold(text: str) -> str:
    """Text without case or accents, so that *eco* finds *Écocyclerie*."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def quoted(text: str) -> str:
    """Words someone said, in the interface's quotation marks: « … » or “…”."""
    if _language == "fr":
        return f"«\u00a0{text}\u00a0»"
    return f"\u201c{text}\u201d"


def french_spacing(text: str) -> str:
    """Keep « guillemets » and the space before : ; ! ? on the line of their word.

    Guides are typed with ordinary spaces; on screen a line must never start
    with « » », « ? » or « : », as French typography wants.
    """
    if _language != "fr":
        return text
    for plain, kept in (
        ("« ", "«\u00a0"),
        (" »", "\u00a0»"),
        (" :", "\u00a0:"),
        (" ;", "\u202f;"),
        (" !", "\u202f!"),
        (" ?", "\u202f?"),
    ):
        text = text.replace(plain, kept)
    return text
