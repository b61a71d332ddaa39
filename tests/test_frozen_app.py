"""The frozen Linux app, built from a clean tree, works on its own: window, CLI, resources.

One PyInstaller build per test session (a module fixture), from a copy of the
project's files only (no .venv, no build leftovers); the copy is deleted before
the binary runs, so the app can only use what it carries. Then the binary runs
offscreen, from another folder: it makes the demo survey, lists and checks it,
exports a monograph (when the export command exists), opens the survey in its
window, and installs from its tarball. Figures (build time, size, start time)
are printed at the end of the run.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click
import pytest

import fieldkit
from fieldkit.cli import cli
from fieldkit.survey import Survey

ROOT = Path(__file__).resolve().parents[1]
SPEC = Path("packaging") / "pyinstaller" / "fieldkit.spec"
BUILD_TIMEOUT = 1800

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="the Linux build is tested here"),
]


@dataclass
class Frozen:
    """A built app and the figures measured on it."""

    folder: Path
    figures: dict[str, str] = field(default_factory=dict)

    @property
    def executable(self) -> Path:
        return self.folder / "fieldkit"

    def run(self, *args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run the frozen binary as a person's shell would, with no path to the sources."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env["QT_QPA_PLATFORM"] = "offscreen"
        return subprocess.run(
            [str(self.executable), *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def project_files(root: Path) -> list[Path]:
    """The project's own files: tracked or new, never ignored (.venv, build/, caches)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=root,
            capture_output=True,
            check=True,
        ).stdout.decode()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: cannot tell the project's files from leftovers")
    return [Path(name) for name in listed.split("\0") if name and (root / name).is_file()]


def copy_clean_tree(root: Path, target: Path) -> Path:
    for relative in project_files(root):
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / relative, target / relative)
    return target


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture(scope="module")
def frozen(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Frozen]:
    if importlib.util.find_spec("PyInstaller") is None:
        message = "PyInstaller is absent: install the packaging extra (the Makefile does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    base = tmp_path_factory.mktemp("frozen")
    tree = copy_clean_tree(ROOT, base / "tree")
    started = time.monotonic()
    pyinstaller = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    build = subprocess.run(
        [
            *pyinstaller,
            "--distpath",
            str(base / "dist"),
            "--workpath",
            str(base / "work"),
            str(SPEC),
        ],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    assert build.returncode == 0, build.stderr[-5000:]
    app = Frozen(base / "dist" / "fieldkit")
    app.figures["build time"] = f"{time.monotonic() - started:.0f} s"
    app.figures["build size"] = f"{folder_size(app.folder) / 2**20:.0f} MiB"
    app.figures["ui/app.py in the build"] = str((tree / "ui" / "app.py").is_file())
    # From here on the app can only use what it carries.
    shutil.rmtree(tree)
    shutil.rmtree(base / "work")
    yield app
    # Shown in the run's output (CI's log included), past pytest's capture.
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        print()
        for name, value in app.figures.items():
            print(f"frozen app: {name}: {value}")


@pytest.fixture
def demo(frozen: Frozen, tmp_path: Path) -> Path:
    """The demo survey, made by the frozen binary's command line."""
    made = frozen.run("cli", "demo", "demo.fieldkit", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "5 initiatives" in made.stdout
    return tmp_path / "demo.fieldkit"


def test_the_build_carries_resources_and_the_qt_it_needs(frozen: Frozen) -> None:
    internal = frozen.folder / "_internal"
    resources = internal / "resources"
    assert (resources / "guides" / "monographie-initiative.yaml").is_file()
    assert (resources / "icons" / "fieldkit.svg").is_file()
    for template in (ROOT / "resources" / "templates").glob("*"):
        assert (resources / "templates" / template.name).is_file(), template.name
    for source in (ROOT / "resources" / "translations").glob("*.[tq][sm]"):
        assert (resources / "translations" / f"{source.stem}.qm").is_file(), source.name
    plugins = internal / "PySide6" / "Qt" / "plugins"
    platforms = {p.name for p in (plugins / "platforms").iterdir()}
    assert {"libqoffscreen.so", "libqxcb.so", "libqwayland.so"} <= platforms
    assert "libqvnc.so" not in platforms
    assert not (plugins / "tls").exists()
    qt_translations = {p.name for p in (internal / "PySide6" / "Qt" / "translations").iterdir()}
    assert "qtbase_fr.qm" in qt_translations and "qtbase_de.qm" not in qt_translations
    libraries = " ".join(p.name for p in internal.rglob("*.so*"))
    assert "WebEngine" not in libraries and "Qt6Quick" not in libraries


def test_the_version_comes_from_the_one_source(frozen: Frozen, tmp_path: Path) -> None:
    started = time.monotonic()
    shown = frozen.run("--version", cwd=tmp_path)
    frozen.figures["start to --version"] = f"{time.monotonic() - started:.2f} s"
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == f"fieldkit, version {fieldkit.__version__}"


def test_the_command_line_runs_on_the_demo_survey(
    frozen: Frozen, demo: Path, tmp_path: Path
) -> None:
    listed = frozen.run("list", demo.name, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "Devenir paysan" in listed.stdout
    checked = frozen.run("cli", "check", demo.name, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    guide = frozen.run("cli", "guide", "show", "--lang", "en", cwd=tmp_path)
    assert guide.returncode == 0 and "Initiative monograph" in guide.stdout, guide.stderr
    refused = frozen.run("cli", "list", "absent.fieldkit", cwd=tmp_path)
    assert refused.returncode == 1 and refused.stderr.startswith("fieldkit:")


def monograph_command(survey: Path, initiative: str, output: Path) -> list[str] | None:
    """Spell ``fieldkit export monograph`` for these inputs, from the command's own parameters.

    The export command is written by another issue; reading its parameters
    keeps this test true to whatever its final arguments are.
    """
    export = cli.commands.get("export")
    monograph = getattr(export, "commands", {}).get("monograph") if export else None
    if monograph is None:
        return None
    args = ["cli", "export", "monograph"]
    for param in monograph.params:
        name = (param.name or "").lower()
        value = None
        if "survey" in name:
            value = str(survey)
        elif "initiative" in name:
            value = initiative
        elif name in {"output", "out", "target", "destination", "docx", "path"}:
            value = str(output)
        if isinstance(param, click.Argument):
            if value is None and param.required:
                return None
            if value is not None:
                args.append(value)
        elif isinstance(param, click.Option) and value is not None:
            args += [param.opts[0], value]
        elif param.required:
            return None
    return args


def test_the_frozen_app_exports_a_monograph(frozen: Frozen, demo: Path, tmp_path: Path) -> None:
    with Survey.open(demo, readonly=True) as survey:
        initiative = next(i for i in survey.initiatives() if i.name == "Devenir paysan")
    output = tmp_path / "monographie.docx"
    command = monograph_command(demo, initiative.id, output)
    if command is None:
        pytest.skip("`fieldkit export monograph` does not exist yet (issue 5)")
    exported = frozen.run(*command, cwd=tmp_path, timeout=300)
    if exported.returncode == 2:
        pytest.skip(f"could not spell the export command's arguments: {exported.stderr}")
    assert exported.returncode == 0, exported.stderr
    written = output if output.exists() else next(tmp_path.glob("*.docx"))
    with zipfile.ZipFile(written) as docx:
        body = docx.read("word/document.xml").decode()
    assert "Devenir paysan" in body


def test_the_window_opens_the_demo_survey(frozen: Frozen, demo: Path, tmp_path: Path) -> None:
    if frozen.figures["ui/app.py in the build"] != "True":
        pytest.skip("ui/app.py (the desktop window, issue 3) does not exist yet")
    started = time.monotonic()
    shown = frozen.run("--smoke-test", demo.name, cwd=tmp_path, timeout=180)
    elapsed = time.monotonic() - started
    assert shown.returncode == 0, shown.stdout + shown.stderr
    report = json.loads(shown.stdout.strip().splitlines()[-1])
    frozen.figures["start to window shown"] = (
        f"{elapsed:.2f} s (process), {report['seconds_to_shown']:.2f} s after the entry point"
    )
    assert report["ok"] and report["survey_named"], report
    assert report["locale"].startswith("fr"), report
    assert report["qt_cancel"] == "Annuler", "Qt's own French translation is carried"


def test_the_tarball_installs_a_working_app(frozen: Frozen, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "make_tarball", ROOT / "packaging" / "linux" / "make_tarball.py"
    )
    assert spec and spec.loader
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    tarball = maker.make_tarball(frozen.folder, out_dir=tmp_path)
    frozen.figures["tarball"] = f"{tarball.name}, {tarball.stat().st_size / 2**20:.0f} MiB"
    with tarfile.open(tarball) as archive:
        archive.extractall(tmp_path / "unpacked", filter="tar")
    unpacked = tmp_path / "unpacked" / tarball.name.removesuffix(".tar.gz")
    prefix = tmp_path / "home" / ".local"
    env = {**os.environ, "HOME": str(tmp_path / "home")}
    installed = subprocess.run(
        ["sh", str(unpacked / "install.sh")], env=env, capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stderr
    version = subprocess.run(
        [str(prefix / "bin" / "fieldkit"), "--version"], capture_output=True, text=True
    )
    assert version.stdout.strip() == f"fieldkit, version {fieldkit.__version__}"
    assert (prefix / "share" / "applications" / "fieldkit.desktop").is_file()


def test_a_second_launch_hands_its_survey_to_the_first_window(
    frozen: Frozen, demo: Path, tmp_path: Path, config_dir: Path
) -> None:
    if frozen.figures["ui/app.py in the build"] != "True":
        pytest.skip("ui/app.py (the desktop window, issue 3) does not exist yet")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    first = subprocess.Popen(
        [str(frozen.executable), demo.name],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not (config_dir / "instance.lock").exists():
            assert first.poll() is None, first.communicate()[1]
            assert time.monotonic() < deadline, "the first window never claimed the instance"
            time.sleep(0.1)
        second = frozen.run(demo.name, cwd=tmp_path, timeout=60)
        assert second.returncode == 0, second.stderr
        assert first.poll() is None, "the first window is still open"
    finally:
        first.terminate()
        first.wait(timeout=30)
