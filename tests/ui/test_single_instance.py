"""One window per user: a second launch hands its survey to the first and exits 0."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ui.qt import QCoreApplication, QEvent, QFileOpenEvent, QLocalSocket, QMainWindow, QUrl
from ui.shell.single_instance import (
    SingleInstance,
    decode_paths,
    encode_paths,
    forward_file_open_events,
    hand_over,
    serve_window,
    server_name,
)

ROOT = Path(__file__).resolve().parents[2]

# A later launch as the desktop app makes it: a Qt application, then the handover.
SECOND_LAUNCH = textwrap.dedent(
    """
    import sys
    from ui.qt import QCoreApplication
    from ui.shell.single_instance import hand_over
    app = QCoreApplication(sys.argv)
    sys.exit(0 if hand_over(sys.argv[1:]) is None else 1)
    """
)
# A first launch that claims the instance, says so, and waits to be killed.
FIRST_LAUNCH = textwrap.dedent(
    """
    import sys, time
    from ui.qt import QCoreApplication
    from ui.shell.single_instance import SingleInstance
    app = QCoreApplication(sys.argv)
    instance = SingleInstance()
    assert instance.claim()
    print("claimed", flush=True)
    time.sleep(60)
    """
)


def launch(script: str, *args: str, config: Path, cwd: Path | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "FIELDKIT_CONFIG_DIR": str(config), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        env=env,
        cwd=cwd or ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def first(qtbot: QtBot, config_dir: Path) -> SingleInstance:
    instance = SingleInstance(config_dir)
    assert instance.claim()
    yield instance
    instance.close()


def test_a_second_instance_gives_its_file_to_the_first(
    qtbot: QtBot, first: SingleInstance, config_dir: Path, tmp_path: Path
) -> None:
    second = SingleInstance(config_dir)
    assert not second.claim()
    survey = tmp_path / "visites été.fieldkit"
    with (
        qtbot.waitSignal(first.activate_requested),
        qtbot.waitSignal(first.open_requested) as opened,
    ):
        assert second.forward([survey])
    assert opened.args == [str(survey)]
    assert not second.serving


def test_hand_over_claims_when_alone_and_forwards_when_not(
    qtbot: QtBot, config_dir: Path, tmp_path: Path
) -> None:
    alone = hand_over([], config_dir)
    assert alone is not None and alone.serving
    try:
        with qtbot.waitSignal(alone.open_requested) as opened:
            assert hand_over([tmp_path / "b.fieldkit"], config_dir) is None
        assert opened.args == [str(tmp_path / "b.fieldkit")]
    finally:
        alone.close()
    again = hand_over([], config_dir)
    assert again is not None and again.serving, "closing releases the claim"
    again.close()


def test_a_second_process_sends_a_relative_path_made_absolute(
    qtbot: QtBot, first: SingleInstance, config_dir: Path, tmp_path: Path
) -> None:
    with qtbot.waitSignal(first.open_requested, timeout=20_000) as opened:
        second = launch(SECOND_LAUNCH, "enquête.fieldkit", config=config_dir, cwd=tmp_path)
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=20_000)
    assert second.returncode == 0, second.stderr.read()
    assert opened.args == [str(tmp_path / "enquête.fieldkit")]


def test_another_configuration_folder_is_another_instance(
    first: SingleInstance, tmp_path: Path
) -> None:
    other = SingleInstance(tmp_path / "other laptop")
    assert other.name != first.name
    assert other.claim()
    other.close()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is a Unix signal")
def test_a_killed_first_instance_does_not_block_the_next(config_dir: Path) -> None:
    crashed = launch(FIRST_LAUNCH, config=config_dir)
    assert crashed.stdout is not None
    assert crashed.stdout.readline().strip() == "claimed", crashed.stderr.read()
    assert not SingleInstance(config_dir).claim()
    crashed.send_signal(signal.SIGKILL)
    crashed.wait()
    survivor = SingleInstance(config_dir)
    assert survivor.claim(), "the dead launch's lock and socket are stale"
    survivor.close()


@pytest.mark.parametrize(
    "message",
    [b"garbage\n", b'{"open": "not a list"}\n', b'{"open": [1, 2]}\n', b"[]\n", b"\xff\xfe\n"],
)
def test_a_malformed_message_is_refused_without_a_signal(
    qtbot: QtBot, first: SingleInstance, message: bytes
) -> None:
    signals: list[object] = []
    first.open_requested.connect(signals.append)
    first.activate_requested.connect(lambda: signals.append("activate"))
    socket = QLocalSocket()
    socket.connectToServer(first.name)
    assert socket.waitForConnected(2000)
    socket.write(message)
    socket.flush()
    qtbot.waitUntil(lambda: socket.state() == QLocalSocket.LocalSocketState.UnconnectedState)
    assert signals == []


def test_messages_round_trip() -> None:
    line = encode_paths(["/a/é b.fieldkit", Path("/c.fieldkit")])
    assert line.endswith(b"\n")
    assert decode_paths(line) == ["/a/é b.fieldkit", "/c.fieldkit"]
    assert decode_paths(encode_paths([])) == []


def test_the_server_name_depends_on_user_and_folder(tmp_path: Path) -> None:
    base = server_name(tmp_path, "camille")
    assert base == server_name(tmp_path, "camille")
    assert base != server_name(tmp_path, "pierre-yves")
    assert base != server_name(tmp_path / "x", "camille")


def test_macos_file_open_events_reach_the_same_signal(
    qtbot: QtBot, first: SingleInstance, tmp_path: Path
) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    forward_file_open_events(app, first)
    survey = str(tmp_path / "ouvert.fieldkit")
    with qtbot.waitSignal(first.open_requested) as opened:
        QCoreApplication.sendEvent(app, QFileOpenEvent(QUrl.fromLocalFile(survey)))
    assert opened.args == [survey]
    assert QEvent.Type.FileOpen  # the event type the filter listens for


def test_a_served_window_opens_later_files_and_comes_forward(
    qtbot: QtBot, first: SingleInstance, config_dir: Path, tmp_path: Path
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.showMinimized()
    opened: list[str] = []
    serve_window(first, window, opened.append)
    with qtbot.waitSignal(first.open_requested):
        assert SingleInstance(config_dir).forward([tmp_path / "deux.fieldkit"])
    assert opened == [str(tmp_path / "deux.fieldkit")]
    assert window.isVisible() and not window.isMinimized()


def test_a_first_launch_may_listen_once_its_window_shows(
    qtbot: QtBot, config_dir: Path, tmp_path: Path
) -> None:
    first = hand_over([], config_dir, listen=False)
    assert first is not None and not first.serving
    try:
        assert not SingleInstance(config_dir).claim(), "the lock is taken at once"
        assert first.listen() and first.serving
        with qtbot.waitSignal(first.open_requested) as opened:
            assert hand_over([tmp_path / "c.fieldkit"], config_dir) is None
        assert opened.args == [str(tmp_path / "c.fieldkit")]
    finally:
        first.close()
