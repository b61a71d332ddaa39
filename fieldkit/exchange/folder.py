"""The files of a sync folder: whose they are, which survey they belong to, what they hold.

A laptop's own file in a folder is named after the survey and the device::

    Visites-2026-Bretagne.3f2a1b9c4d5e.0123456789ab.fieldkit

(the title for a person, then the survey's and the device's tags), so a folder
can hold several surveys side by side and a sync reads only the files of its
own survey. A name fieldkit did not give (a colleague's file dropped in, a
sync engine's conflicted copy, a file of an earlier fieldkit) says nothing:
such a file is read, and its content tells which survey it belongs to.

:class:`FolderStock` takes stock, in the survey's connection, of what each
file read during a sync holds (change ids, guide and attachment hashes), so
that the laptop publishes what the folder lacks and the folder holds each
change about once (DESIGN.md §5, :mod:`fieldkit.exchange.sync`).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fieldkit.survey import ChangeLog, SurveyIdentity, short_tag

SUFFIX = ".fieldkit"
_TAGS = re.compile(r"\.(?P<survey>[0-9a-f]{12})\.(?P<device>[0-9a-f]{12})\.fieldkit\Z")
_LONGEST_SLUG = 40


def own_file_name(identity: SurveyIdentity, device_id: str) -> str:
    """The name of a device's own file of a survey in a sync folder."""
    return f"{_slug(identity.title)}.{identity.tag}.{short_tag(device_id)}{SUFFIX}"


def legacy_file_name(device_id: str) -> str:
    """The name an earlier fieldkit gave a device's file (before surveys had an identity)."""
    return f"fieldkit-{short_tag(device_id)}{SUFFIX}"


def _slug(title: str) -> str:
    """The title in plain letters and digits, safe in a file name on every system."""
    spaced = re.sub(r"[\W_]+", " ", title)  # an apostrophe separates words, as a space does
    folded = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[A-Za-z0-9]+", folded)
    return "-".join(words)[:_LONGEST_SLUG].strip("-") or "enquete"


@dataclass(frozen=True)
class FolderFile:
    """A fieldkit file in a folder, with the tags its name carries (if fieldkit named it)."""

    path: Path
    survey: str | None = None
    device: str | None = None

    @classmethod
    def of(cls, path: Path) -> FolderFile:
        found = _TAGS.search(path.name)
        if found is None:
            return cls(path)
        return cls(path, found["survey"], found["device"])

    @property
    def rank(self) -> tuple[int, str]:
        """The order in which files keep a change several of them hold (the first keeps it).

        Laptops' files come first, by device, an order that never changes;
        files nobody rewrites (named by hand) come last, so a laptop never
        drops a change because such a file, which anyone may remove, holds it.
        """
        return (0, self.device) if self.device is not None else (1, self.path.name)


def folder_files(folder: Path) -> list[FolderFile]:
    """The fieldkit files of a folder, in a stable order.

    Hidden names are left alone: they are files still being written (ours are
    ``.NAME.….part``; Syncthing, Nextcloud and macOS use dot names too).
    """
    return [
        FolderFile.of(path)
        for path in sorted(folder.iterdir())
        if path.name.endswith(SUFFIX) and not path.name.startswith(".") and path.is_file()
    ]


def files_of_survey(folder: Path, identity: SurveyIdentity) -> list[FolderFile]:
    """The files that may be a survey's: those named after it, and those fieldkit did not name."""
    return [f for f in folder_files(folder) if f.survey in (None, identity.tag)]


# -- what the files hold ------------------------------------------------------------

_STOCK = (
    "CREATE TEMP TABLE IF NOT EXISTS folder_stock (file TEXT NOT NULL, ahead INTEGER NOT NULL, "
    "kind TEXT NOT NULL, key TEXT NOT NULL)",
    # What the other files hold, and what this laptop's own file holds, by key.
    "CREATE TEMP TABLE IF NOT EXISTS folder_holders (kind TEXT NOT NULL, key TEXT NOT NULL, "
    "ahead INTEGER NOT NULL, mine INTEGER NOT NULL, others INTEGER NOT NULL, "
    "PRIMARY KEY (kind, key)) WITHOUT ROWID",
    "CREATE TEMP TABLE IF NOT EXISTS publication (kind TEXT NOT NULL, key TEXT NOT NULL, "
    "PRIMARY KEY (kind, key)) WITHOUT ROWID",
)
#: What a file holds, by kind: ``c`` a change id, ``g`` a guide hash, ``b`` an
#: attachment hash; with the table and the column each is kept in.
_CONTENTS = (("c", "changes", "id"), ("g", "guides", "hash"), ("b", "blobs", "sha256"))


class FolderStock:
    """What the files of a folder hold, as read by one sync, kept beside the survey.

    The rows live in the survey connection's temporary storage (never in the
    file), so the survey's own changes can be compared with them in bulk.
    """

    def __init__(self, log: ChangeLog) -> None:
        self.log = log
        self.connection = log.connection
        for statement in _STOCK:
            self.connection.execute(statement)
        for table in ("folder_stock", "folder_holders", "publication"):
            self.connection.execute(f"DELETE FROM {table}")

    @contextlib.contextmanager
    def _attached(self, snapshot: Path) -> Iterator[None]:
        self.connection.execute(
            "ATTACH DATABASE ? AS stocked", (f"{snapshot.resolve().as_uri()}?mode=ro",)
        )
        try:
            yield
        finally:
            self.connection.execute("DETACH DATABASE stocked")

    def take(self, file: Path, snapshot: Path, ahead: bool) -> None:
        """Note what a checked file holds; ``ahead``: it ranks before this laptop's own file."""
        with self._attached(snapshot):
            for kind, table, column in _CONTENTS:
                self.connection.execute(
                    "INSERT INTO folder_stock (file, ahead, kind, key) "
                    f"SELECT ?, ?, ?, {column} FROM stocked.{table}",
                    (str(file), int(ahead), kind),
                )

    def unknown_changes_by(self, snapshot: Path, device_id: str) -> int:
        """How many changes signed by ``device_id`` a file holds that the survey lacks."""
        with self._attached(snapshot):
            found = self.connection.execute(
                "SELECT count(*) FROM stocked.changes r WHERE r.device = ? "
                "AND NOT EXISTS (SELECT 1 FROM main.changes c WHERE c.id = r.id)",
                (device_id,),
            ).fetchone()
        return int(found[0])

    def lacks_nothing_of(self, snapshot: Path) -> bool:
        """Whether the survey holds every change of a file."""
        with self._attached(snapshot):
            found = self.connection.execute(
                "SELECT 1 FROM stocked.changes r "
                "WHERE NOT EXISTS (SELECT 1 FROM main.changes c WHERE c.id = r.id) LIMIT 1"
            ).fetchone()
        return found is None

    def forget(self, file: Path) -> None:
        """Count a file as holding nothing (it was refused after all)."""
        self.connection.execute("DELETE FROM folder_stock WHERE file = ?", (str(file),))

    def held_by(self, file: Path) -> list[tuple[str, str]]:
        """What one file holds, sorted: the fingerprint of a laptop's own file."""
        rows = self.connection.execute(
            "SELECT kind, key FROM folder_stock WHERE file = ? ORDER BY kind, key", (str(file),)
        ).fetchall()
        return [(str(kind), str(key)) for kind, key in rows]

    # -- what this laptop publishes -------------------------------------------------

    def plan(self, own: Path, always: list[str]) -> list[tuple[str, str]]:
        """Choose what this laptop's own file holds; return it, sorted.

        A change, guide or attachment the survey holds goes into the file when
        no file ranking before it holds it, and when the file holds it already
        or no other file does: every change reaches the folder, and of the
        files that hold it, the first (:attr:`FolderFile.rank`) keeps it while
        the others let it go. The first holder never lets go, so nothing the
        folder once held leaves it while that file stays. The file also holds
        the survey's identity and title (``always``), and the guide snapshots
        and attachment contents its changes name, so it merges on its own.
        """
        self.connection.execute("DELETE FROM folder_holders")
        self.connection.execute(
            "INSERT INTO folder_holders SELECT kind, key, max(ahead AND file <> :own), "
            "max(file = :own), max(file <> :own) FROM folder_stock GROUP BY kind, key",
            {"own": str(own)},
        )
        self.connection.execute("DELETE FROM publication")
        self.connection.execute(
            f"INSERT INTO publication SELECT 'c', id FROM main.changes "
            f"WHERE id IN ({', '.join('?' * len(always))})",
            always,
        )
        for kind, table, column in _CONTENTS:
            self.connection.execute(
                f"INSERT OR IGNORE INTO publication SELECT :kind, t.{column} FROM main.{table} t "
                f"LEFT JOIN folder_holders h ON h.kind = :kind AND h.key = t.{column} "
                "WHERE h.key IS NULL OR (NOT h.ahead AND (h.mine OR NOT h.others))",
                {"kind": kind},
            )
        self._add_named_contents()
        rows = self.connection.execute(
            "SELECT kind, key FROM publication ORDER BY kind, key"
        ).fetchall()
        return [(str(kind), str(key)) for kind, key in rows]

    def _add_named_contents(self) -> None:
        """Add the guide snapshots and attachment contents the chosen changes name."""
        for kind, table, column, condition in (
            ("g", "guides", "hash", "c.field = 'guide' AND c.entity IN ('survey', 'interview')"),
            ("b", "blobs", "sha256", "c.entity = 'attachment' AND c.field = 'sha256'"),
        ):
            self.connection.execute(
                f"INSERT OR IGNORE INTO publication SELECT DISTINCT '{kind}', t.{column} "
                "FROM publication p CROSS JOIN main.changes c ON c.id = p.key "
                f"JOIN main.{table} t ON t.{column} = json_extract(c.value, '$') "
                f"WHERE p.kind = 'c' AND {condition} AND json_type(c.value) = 'text'"
            )

    def write(self, target: Path) -> int:
        """Copy the planned changes, guides and contents into an empty survey file at ``target``.

        The derived tables are then computed from the copied changes, and the
        file is left in rollback-journal mode: one self-contained file.
        Returns how many changes it holds.
        """
        ChangeLog.create(target, self.log.device).close()
        self.connection.execute("ATTACH DATABASE ? AS published", (str(target),))
        try:
            self.connection.execute("BEGIN")
            try:
                for kind, table, column in _CONTENTS:
                    self.connection.execute(
                        f"INSERT INTO published.{table} SELECT * FROM main.{table} "
                        f"WHERE {column} IN (SELECT key FROM publication WHERE kind = '{kind}')"
                    )
                self.connection.execute("COMMIT")
            except BaseException:
                self.connection.execute("ROLLBACK")
                raise
        finally:
            self.connection.execute("DETACH DATABASE published")
        out = ChangeLog.open(target, self.log.device)
        try:
            out.rebuild()
            written = int(out.connection.execute("SELECT count(*) FROM changes").fetchone()[0])
            out.connection.execute("PRAGMA journal_mode = DELETE")
        finally:
            out.close()
        return written
