"""Packaging recipes, checked without building: entry point, Linux files, icons, installers.

The Windows and macOS recipes cannot be built here; these tests run the spec
with stand-ins for PyInstaller's build steps on each platform and check the
installer script's structure, so that a slip shows up before someone builds on
those systems. The real Linux build is in test_frozen_app.py.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import plistlib
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import textwrap
import tomllib
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

import fieldkit

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
ENTRY_POINT = PACKAGING / "pyinstaller" / "fieldkit_main.py"
SPEC = PACKAGING / "pyinstaller" / "fieldkit.spec"
LINUX = PACKAGING / "linux"
ICONS = ROOT / "resources" / "icons"


def load_script(path: Path, name: str) -> ModuleType:
    """Import a script that lives outside any package (packaging/ is not one)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def entry() -> ModuleType:
    return load_script(ENTRY_POINT, "fieldkit_main")


@pytest.fixture(scope="module")
def tarball_maker() -> ModuleType:
    return load_script(LINUX / "make_tarball.py", "make_tarball")


# -- the frozen entry point: window or command line ------------------------------


@pytest.mark.parametrize(
    ("argv", "mode", "args"),
    [
        ([], "gui", ()),
        (["enquête.fieldkit"], "gui", ("enquête.fieldkit",)),
        (["cli", "list", "x.fieldkit"], "cli", ("list", "x.fieldkit")),
        (["cli"], "cli", ()),
        (["--version"], "cli", ("--version",)),
        (["--help"], "cli", ("--help",)),
        (["demo", "d.fieldkit"], "cli", ("demo", "d.fieldkit")),
        (["list", "x.fieldkit"], "cli", ("list", "x.fieldkit")),
        (["--smoke-test", "x.fieldkit"], "smoke", ("x.fieldkit",)),
        (["--smoke-test"], "smoke", ()),
    ],
)
def test_arguments_choose_window_or_command_line(
    entry: ModuleType,
    argv: list[str],
    mode: str,
    args: tuple[str, ...],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # In an empty folder: a file or folder named like a command (the checkout's
    # demo/, made by `make run`) would rightly be taken for a survey to open.
    monkeypatch.chdir(tmp_path)
    assert entry.choose_launch(argv) == entry.Launch(mode, args)


def test_an_existing_file_named_like_a_command_opens_in_the_window(
    entry: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list").write_bytes(b"")
    assert entry.choose_launch(["list"]).mode == "gui"
    assert entry.choose_launch(["cli", "list"]).mode == "cli"


def test_the_command_line_mode_runs_fieldkit_commands(
    entry: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert entry.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"fieldkit, version {fieldkit.__version__}"
    demo = tmp_path / "démo.fieldkit"
    assert entry.main(["cli", "demo", str(demo)]) == 0
    assert "5 initiatives" in capsys.readouterr().out
    assert entry.main(["list", str(demo)]) == 0
    assert "Devenir paysan" in capsys.readouterr().out
    assert entry.main(["cli", "list", str(tmp_path / "absent.fieldkit")]) == 1
    assert entry.main(["cli", "no-such-command"]) == 2


def fake_window_app(title: str | None) -> ModuleType:
    """A stand-in for ui.app whose main() shows a window titled ``title`` (None: none)."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    module = ModuleType("ui.app")
    windows: list[QMainWindow] = []

    def main() -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        if title is not None:
            window = QMainWindow()
            window.setWindowTitle(title.format(arg=Path(sys.argv[1]).name))
            window.show()
            windows.append(window)
        code = app.exec()
        for window in windows:
            window.close()
        sys.exit(code)

    module.main = main  # type: ignore[attr-defined]
    return module


def test_the_smoke_test_reports_the_window_showing_the_survey(
    entry: ModuleType,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setitem(sys.modules, "ui.app", fake_window_app("Enquête : {arg}"))
    monkeypatch.setattr(sys, "argv", ["fieldkit"])
    assert entry.main(["--smoke-test", "/somewhere/demo.fieldkit"]) == 0
    report = __import__("json").loads(capsys.readouterr().out)
    assert report["ok"] and report["shown"] and report["survey_named"]
    assert report["title"] == "Enquête : demo.fieldkit"
    assert report["seconds_to_shown"] < 10


@pytest.mark.parametrize("title", [None, "Enquête : autre.fieldkit"])
def test_the_smoke_test_fails_without_the_survey_window(
    entry: ModuleType,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    title: str | None,
) -> None:
    monkeypatch.setitem(sys.modules, "ui.app", fake_window_app(title))
    monkeypatch.setattr(sys, "argv", ["fieldkit"])
    monkeypatch.setenv(entry.SMOKE_TIMEOUT_ENV, "0.3")
    assert entry.main(["--smoke-test", "/somewhere/demo.fieldkit"]) == entry.SMOKE_FAILED
    assert '"ok": false' in capsys.readouterr().out


# -- the PyInstaller spec, run with stand-ins on every platform -----------------


def run_spec(platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Execute the spec as PyInstaller would on ``platform``, recording each build step."""
    hooks = pytest.importorskip("PyInstaller.utils.hooks", reason="the packaging extra is absent")
    monkeypatch.setattr(hooks, "collect_submodules", lambda package: [package])
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "path", list(sys.path))
    steps: dict[str, Any] = {"EXE": []}
    plugins = "PySide6/Qt/plugins"
    collected = [
        (f"{plugins}/platforms/libqxcb.so", "", "BINARY"),
        (f"{plugins}/platforms/libqvnc.so", "", "BINARY"),
        (f"{plugins}/tls/libqopensslbackend.so", "", "BINARY"),
        (f"{plugins}/imageformats/libqpdf.so", "", "BINARY"),
        ("PySide6\\Qt\\plugins\\styles\\qmodernwindowsstyle.dll", "", "BINARY"),
        ("PySide6/Qt/translations/qtbase_fr.qm", "", "DATA"),
        ("PySide6/Qt/translations/qtbase_de.qm", "", "DATA"),
        ("resources/translations/fieldkit_en.qm", "", "DATA"),
    ]

    def analysis(scripts: list[str], **options: Any) -> SimpleNamespace:
        steps["Analysis"] = (scripts, options)
        return SimpleNamespace(binaries=collected, datas=[], scripts=[], pure=[])

    def exe(*parts: Any, **options: Any) -> dict[str, Any]:
        steps["EXE"].append(options)
        return options

    namespace = {
        "SPECPATH": str(SPEC.parent),
        "workpath": str(tmp_path),
        "Analysis": analysis,
        "PYZ": lambda *parts, **options: "pyz",
        "EXE": exe,
        "COLLECT": lambda *parts, **options: steps.setdefault("COLLECT", (parts, options)),
        "BUNDLE": lambda *parts, **options: steps.setdefault("BUNDLE", options),
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    steps["a"] = namespace["a"]
    return steps


def test_the_spec_bundles_resources_and_only_the_qt_plugins_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = run_spec("linux", tmp_path, monkeypatch)
    scripts, options = steps["Analysis"]
    assert scripts == [str(ENTRY_POINT)]
    bundled = {dest for _, dest in options["datas"]}
    assert {"resources/guides", "resources/demo", "resources/icons"} <= bundled
    assert "PySide6.QtWebEngineCore" in options["excludes"]
    kept = {entry[0].replace("\\", "/").rsplit("/", 1)[-1] for entry in steps["a"].binaries}
    assert kept == {"libqxcb.so", "qmodernwindowsstyle.dll", "qtbase_fr.qm", "fieldkit_en.qm"}
    assert [exe["name"] for exe in steps["EXE"]] == ["fieldkit"]
    assert "BUNDLE" not in steps


def test_the_spec_gives_windows_a_console_twin_for_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = run_spec("win32", tmp_path, monkeypatch)
    programs = {exe["name"]: exe for exe in steps["EXE"]}
    assert programs["fieldkit"]["console"] is False
    assert programs["fieldkit-cli"]["console"] is True
    assert programs["fieldkit"]["icon"] == str(ICONS / "fieldkit.ico")


def test_the_spec_declares_the_survey_document_type_on_macos(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = run_spec("darwin", tmp_path, monkeypatch)["BUNDLE"]
    plist = bundle["info_plist"]
    plistlib.dumps(plist)  # only plist types
    assert bundle["version"] == plist["CFBundleShortVersionString"] == fieldkit.__version__
    assert bundle["icon"] == str(ICONS / "fieldkit.icns")
    (document,) = plist["CFBundleDocumentTypes"]
    (declared,) = plist["UTExportedTypeDeclarations"]
    assert document["LSItemContentTypes"] == [declared["UTTypeIdentifier"]]
    assert declared["UTTypeTagSpecification"]["public.filename-extension"] == ["fieldkit"]


def test_pyinstaller_is_pinned_in_the_packaging_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = project["optional-dependencies"]["packaging"]
    names = {re.split(r"==", pin)[0].strip().lower() for pin in pins if "==" in pin}
    assert {"pyinstaller", "pyinstaller-hooks-contrib"} <= names


# -- Linux: menu entry, file type, install script --------------------------------


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_entry_opens_surveys_in_french_first() -> None:
    entry = desktop_entry(LINUX / "fieldkit.desktop")
    assert entry["Type"] == "Application"
    assert entry["GenericName"] == "Entretiens de terrain"
    assert entry["Name[en]"] and entry["Icon"] == "fieldkit"
    assert entry["Exec"].endswith(" %f")
    assert entry["MimeType"] == "application/x-fieldkit-survey;"


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils absent")
def test_the_desktop_entry_is_valid() -> None:
    subprocess.run(["desktop-file-validate", str(LINUX / "fieldkit.desktop")], check=True)


@pytest.mark.skipif(not shutil.which("xmllint"), reason="libxml2-utils absent")
def test_the_mime_type_file_is_well_formed_xml() -> None:
    subprocess.run(["xmllint", "--noout", str(LINUX / "fieldkit-mime.xml")], check=True)


MIME_PROBE = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QMimeDatabase
    database = QMimeDatabase()
    for path in sys.argv[1:]:
        print(database.mimeTypeForFile(path).name())
    """
)


@pytest.mark.skipif(sys.platform != "linux", reason="shared-mime-info is Linux's")
def test_the_mime_type_recognises_surveys_by_name_and_by_content(
    survey_path: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    (data / "mime" / "packages").mkdir(parents=True)
    shutil.copy(LINUX / "fieldkit-mime.xml", data / "mime" / "packages" / "fieldkit.xml")
    # A survey renamed without its extension, and a plain SQLite file.
    renamed = shutil.copy(survey_path, tmp_path / "renamed")
    other = tmp_path / "other"
    sqlite3.connect(other).execute("create table t(x)").connection.close()
    # Qt reads the XML itself when the folder has no compiled mime.cache.
    env = {**os.environ, "XDG_DATA_DIRS": str(data), "XDG_DATA_HOME": str(tmp_path / "home")}
    probe = [sys.executable, "-c", MIME_PROBE, str(survey_path), str(renamed), str(other)]
    found = subprocess.run(probe, env=env, capture_output=True, text=True, check=True)
    by_name, by_content, plain = found.stdout.split()
    assert by_name == by_content == "application/x-fieldkit-survey"
    assert "sqlite" in plain


def fake_build(folder: Path) -> Path:
    """A one-folder 'build' whose executable just says its arguments."""
    app = folder / "fieldkit"
    (app / "_internal" / "resources").mkdir(parents=True)
    executable = app / "fieldkit"
    executable.write_text('#!/bin/sh\necho "fieldkit $*"\n')
    executable.chmod(0o755)
    return app


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
def test_the_tarball_installs_and_uninstalls_for_the_user(
    tarball_maker: ModuleType, tmp_path: Path
) -> None:
    tarball = tarball_maker.make_tarball(fake_build(tmp_path / "dist"), arch="x86_64")
    assert tarball.name == f"fieldkit-{fieldkit.__version__}-linux-x86_64.tar.gz"
    with tarfile.open(tarball) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
    unpacked = tmp_path / "unpacked" / tarball.name.removesuffix(".tar.gz")
    prefix = tmp_path / "mon préfixe"
    env = {**os.environ, "HOME": str(tmp_path / "home")}
    subprocess.run(
        ["sh", str(unpacked / "install.sh"), "--prefix", str(prefix)], env=env, check=True
    )

    entry_file = prefix / "share" / "applications" / "fieldkit.desktop"
    assert desktop_entry(entry_file)["Exec"] == f'"{prefix}/lib/fieldkit/fieldkit" %f'
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(entry_file)], check=True)
    assert (prefix / "share" / "mime" / "packages" / "fieldkit.xml").is_file()
    icons = prefix / "share" / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "fieldkit.svg").is_file()
    assert (icons / "48x48" / "apps" / "fieldkit.png").is_file()
    said = subprocess.run([prefix / "bin" / "fieldkit", "x.fieldkit"], capture_output=True)
    assert said.stdout == b"fieldkit x.fieldkit\n"

    subprocess.run(
        ["sh", str(unpacked / "install.sh"), "--prefix", str(prefix), "--uninstall"],
        env=env,
        check=True,
    )
    assert not (prefix / "lib" / "fieldkit").exists()
    assert not entry_file.exists()
    assert not (icons / "48x48" / "apps" / "fieldkit.png").exists()


# -- icons -----------------------------------------------------------------------


def test_the_icon_set_has_every_size_rendered_from_the_svg(qtbot: QtBot) -> None:
    from PySide6.QtGui import QImage, QImageReader

    renderer = load_script(ROOT / "tools" / "render_icons.py", "render_icons")
    for size in renderer.PNG_SIZES:
        image = QImage(str(renderer.png_path(ICONS, size)))
        assert (image.width(), image.height()) == (size, size)
    # The committed PNGs are the SVG's current drawing (re-run the script after
    # editing it); a little slack for another Qt's antialiasing.
    svg = renderer.QSvgRenderer(str(ICONS / "fieldkit.svg"))
    fresh = QImage.fromData(renderer.render_png(svg, 64)).convertToFormat(
        QImage.Format.Format_ARGB32
    )
    committed = QImage(str(renderer.png_path(ICONS, 64))).convertToFormat(fresh.format())
    differing = sum(
        1
        for x in range(64)
        for y in range(64)
        if max(
            abs(a - b)
            for a, b in zip(
                fresh.pixelColor(x, y).getRgb(), committed.pixelColor(x, y).getRgb(), strict=True
            )
        )
        > 16
    )
    assert differing < 64 * 64 // 100, f"{differing} pixels differ: run tools/render_icons.py"
    for container, count in (("fieldkit.ico", 7), ("fieldkit.icns", 11)):
        reader = QImageReader(str(ICONS / container))
        assert reader.canRead(), container
        assert reader.imageCount() == count, container


# -- Windows installer -----------------------------------------------------------


def test_the_inno_setup_script_installs_associates_and_uninstalls() -> None:
    script = (PACKAGING / "windows" / "fieldkit.iss").read_text(encoding="utf-8")
    sections = re.findall(r"^\[(\w+)\]", script, re.MULTILINE)
    assert sections == ["Setup", "Languages", "Files", "Icons", "Registry", "Run"]
    assert 'Source: "..\\..\\dist\\fieldkit\\*"' in script
    assert "ChangesAssociations=yes" in script
    assert 'Subkey: "Software\\Classes\\.fieldkit\\OpenWithProgids"' in script
    assert '""{app}\\{#AppExe}"" ""%1""' in script
    assert "{uninstallexe}" in script
    icon = re.search(r"^SetupIconFile=(.+)$", script, re.MULTILINE)
    assert icon and (PACKAGING / "windows" / icon.group(1).replace("\\", "/")).resolve().is_file()
    # Every entry line of a list section is `Key: value; Key: value`.
    body = script.split("[Setup]", 1)[1]
    for line in body.splitlines():
        if line.startswith(("Name:", "Source:", "Root:", "Filename:")):
            assert re.fullmatch(r'(\w+: ("[^"]*(""[^"]*)*"|[^;"]+)(; )?)+', line), line
