"""One fieldkit window per user: a second launch hands its survey to the first and exits.

A facilitator double-clicks a second ``.fieldkit`` file while the app is open.
Two processes on one survey file would each be safe (SQLite), but two windows
editing the same interview would bury each other's answers under conflicts, and
the person expects the file in the window they already have. So:

- the first launch takes a lock file in the configuration folder and listens
  on a local socket (a Unix socket, or a named pipe on Windows);
- a later launch finds the lock held, sends its paths (made absolute: the two
  processes have different working folders) over the socket, waits for the
  first to acknowledge and exits 0;
- the first emits :attr:`SingleInstance.open_requested` for each path and
  :attr:`SingleInstance.activate_requested`, which the window connects to its
  own open and raise.

The lock (``QLockFile``) rather than the socket decides who is first: it knows
a lock whose process died (a crash, a kill) is stale, so a crashed app never
blocks the next launch, and two launches at the same instant cannot both win.
Both names derive from the user and the configuration folder, so users never
meet, and a test or a script that plays another laptop (``FIELDKIT_CONFIG_DIR``)
gets its own instance.

On macOS a double-click reaches the running app as a ``QFileOpenEvent``, not as
a second process: :func:`forward_file_open_events` feeds those to the same
signal.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.survey import config_dir
from ui import qt
from ui.qt import (
    QCoreApplication,
    QEvent,
    QLockFile,
    QObject,
    Qt,
    QTimer,
    QWidget,
    Signal,
)

if TYPE_CHECKING:  # Qt's network module loads when a socket is first made
    from ui.qt import QLocalServer, QLocalSocket

LOCK_NAME = "instance.lock"
# How long a second launch waits for the first to take its file (ms).
HANDOVER_TIMEOUT_MS = 5000
# A message is one JSON line; anything longer is not from fieldkit.
MESSAGE_LIMIT = 256 * 1024
ACK = b"ok\n"


def server_name(config: Path | None = None, user: str | None = None) -> str:
    """Name the local socket after the user and the configuration folder."""
    import hashlib

    folder = (config or config_dir()).resolve()
    digest = hashlib.sha256(f"{user or _user()}\0{folder}".encode()).hexdigest()[:24]
    return f"fieldkit-{digest}"


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def encode_paths(paths: Sequence[str | Path]) -> bytes:
    """Make the one-line message a second launch sends: its paths, absolute."""
    absolute = [str(Path(path).absolute()) for path in paths]
    return json.dumps({"open": absolute}, ensure_ascii=False).encode() + b"\n"


def decode_paths(line: bytes) -> list[str] | None:
    """Read a message back; None for anything that is not a well-formed one."""
    try:
        message = json.loads(line.decode())
    except (UnicodeDecodeError, ValueError):
        return None
    paths = message.get("open") if isinstance(message, dict) else None
    if not isinstance(paths, list) or not all(isinstance(p, str) and p for p in paths):
        return None
    return paths


class SingleInstance(QObject):
    """The first launch's claim on the user's fieldkit, and a later launch's handover."""

    open_requested = Signal(str)
    """An absolute path a later launch asked this window to open."""
    activate_requested = Signal()
    """A later launch happened: bring the window to the front."""

    def __init__(self, config: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder = config or config_dir()
        self._lock_path = self._folder / LOCK_NAME
        self._lock: QLockFile | None = None
        self._server: QLocalServer | None = None

    @cached_property
    def name(self) -> str:
        """The local socket's name, made when first listening or calling: hashing loads
        OpenSSL, which the first launch's first screen does without."""
        return server_name(self._folder)

    @property
    def serving(self) -> bool:
        """True while this process is the first launch and listens for later ones."""
        return self._server is not None and self._server.isListening()

    def claim(self, listen: bool = True) -> bool:
        """Become the first launch: take the lock and listen. False if another one runs.

        With ``listen`` false only the lock is taken; :meth:`listen` comes later
        (once the window shows: Qt's network module is not on the way to the
        first screen). A later launch meanwhile waits, as for any starting one.
        """
        self._lock_path.parent.mkdir(parents=True, exist_ok=True)
        lock = QLockFile(str(self._lock_path))
        lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        if not lock.tryLock(0):
            return False
        self._lock = lock
        return self.listen() if listen else True

    def listen(self) -> bool:
        """Take later launches' files (the lock is ours). False, and the lock given up, if not."""
        from ui.qt import QLocalServer

        if self._lock is None:  # another launch holds it (and hangs): this one runs alone
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # We hold the lock, so a socket left under this name is a dead launch's.
        QLocalServer.removeServer(self.name)
        if not server.listen(self.name):
            self._lock.unlock()
            self._lock = None
            return False
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def forward(self, paths: Sequence[str | Path], timeout_ms: int = HANDOVER_TIMEOUT_MS) -> bool:
        """Send ``paths`` to the first launch; True once it has acknowledged them.

        Runs a local event loop rather than blocking calls, so that it works
        when the first launch lives in the same thread (as in the tests).
        """
        from ui.qt import QEventLoop, QLocalSocket

        socket = QLocalSocket()
        loop = QEventLoop()
        reply = bytearray()

        def send() -> None:
            socket.write(encode_paths(paths))
            socket.flush()

        def receive() -> None:
            reply.extend(socket.readAll().data())
            if b"\n" in reply:
                loop.quit()

        socket.connected.connect(send)
        socket.readyRead.connect(receive)
        socket.errorOccurred.connect(lambda _error: loop.quit())
        QTimer.singleShot(timeout_ms, loop.quit)
        socket.connectToServer(self.name)
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            loop.exec()
        socket.abort()
        return bytes(reply).startswith(ACK)

    def close(self) -> None:
        """Stop listening and release the lock (the app is quitting)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if socket.bytesAvailable() > MESSAGE_LIMIT:
            socket.abort()
            return
        if not socket.canReadLine():
            return
        paths = decode_paths(socket.readLine().data())
        if paths is None:
            socket.abort()
            return
        socket.write(ACK)
        socket.flush()
        socket.disconnectFromServer()
        self.activate_requested.emit()
        for path in paths:
            self.open_requested.emit(path)


def hand_over(
    paths: Sequence[str | Path], config: Path | None = None, listen: bool = True
) -> SingleInstance | None:
    """Become the one fieldkit window, or give ``paths`` to the one already open.

    Returns None when a running window took the paths: the caller exits 0.
    Otherwise returns the instance whose signals the window connects; it is
    not serving only if a first window holds the lock but does not answer (it
    hangs), in which case this launch runs on its own rather than not at all.
    With ``listen`` false the first launch only takes the lock and calls
    :meth:`SingleInstance.listen` later. Needs a QCoreApplication.
    """
    instance = SingleInstance(config)
    deadline = time.monotonic() + HANDOVER_TIMEOUT_MS / 1000
    while not instance.claim(listen):
        remaining_ms = int((deadline - time.monotonic()) * 1000)
        if remaining_ms <= 0:
            return instance
        if instance.forward(paths, remaining_ms):
            return None
        # The first launch holds the lock but is not listening yet (it is
        # starting) or just quit: try again until the deadline.
        time.sleep(0.1)
    return instance


class _FileOpenForwarder(QObject):
    def __init__(self, instance: SingleInstance) -> None:
        super().__init__(instance)
        self._instance = instance

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        is_open = event.type() == QEvent.Type.FileOpen and isinstance(event, qt.QFileOpenEvent)
        if not is_open or not event.file():
            return False
        self._instance.activate_requested.emit()
        self._instance.open_requested.emit(event.file())
        return True


def forward_file_open_events(app: QCoreApplication, instance: SingleInstance) -> None:
    """Turn macOS's "open this document" events into ``instance.open_requested``."""
    app.installEventFilter(_FileOpenForwarder(instance))


def raise_window(window: QWidget) -> None:
    """Bring ``window`` to the front, restored if it was minimised."""
    if window.windowState() & Qt.WindowState.WindowMinimized:
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def serve_window(
    instance: SingleInstance, window: QWidget, open_path: Callable[[str], object]
) -> None:
    """Wire a first launch to its window: later launches' files open in it, it comes forward.

    Also takes macOS's open-document events (on macOS), and gives the claim up when the
    application quits so that the next launch does not wait for a stale lock.
    """
    instance.activate_requested.connect(lambda: raise_window(window))
    instance.open_requested.connect(open_path)
    app = QCoreApplication.instance()
    if app is not None:
        if sys.platform == "darwin":  # the only system that sends them; elsewhere the
            forward_file_open_events(app, instance)  # filter would only slow every event
        app.aboutToQuit.connect(instance.close)
