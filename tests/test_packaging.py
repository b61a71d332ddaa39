"""fieldkit as it ships: a core that never pulls Qt in, and a wheel that carries its resources."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import fieldkit
from fieldkit.guide.loader import load_guide
from fieldkit.resources import BUILTIN_GUIDE, builtin_guide_path, resources_dir

ROOT = Path(__file__).resolve().parent.parent

#: Run in a fresh interpreter: import every module of the core, report what got imported.
IMPORT_EVERYTHING = """
import importlib, json, pkgutil, sys
import fieldkit
names = sorted(m.name for m in pkgutil.walk_packages(fieldkit.__path__, "fieldkit."))
for name in names:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6", "ui"})
print(json.dumps({"walked": names, "qt_or_ui": loaded, "file": fieldkit.__file__}))
"""


def _python(code: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _core_modules() -> set[str]:
    """Every module file of the core, as a dotted name."""
    package = Path(fieldkit.__file__).parent
    names = set()
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names - {"fieldkit"}


@pytest.mark.slow
def test_importing_every_core_module_leaves_qt_and_ui_out(tmp_path: Path) -> None:
    done = _python(IMPORT_EVERYTHING, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert Path(report["file"]).resolve() == Path(fieldkit.__file__).resolve()
    assert report["qt_or_ui"] == []
    # The walk saw every module file, so none escaped the check above.
    assert set(report["walked"]) == _core_modules()
    assert {
        "fieldkit.cli",
        "fieldkit.survey.store",
        "fieldkit.survey.file",
        "fieldkit.__main__",
    } <= set(report["walked"])


def test_resources_are_found_in_a_source_checkout() -> None:
    assert resources_dir() == ROOT / "resources"
    assert builtin_guide_path() == ROOT / "resources" / "guides" / BUILTIN_GUIDE
    assert load_guide().title.get() == "Monographie d’initiative"


@pytest.fixture
def frozen_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Pretend to be a frozen app (PyInstaller) unpacked under ``tmp_path``."""
    unpacked = tmp_path / "resources"
    (unpacked / "guides").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    resources_dir.cache_clear()
    yield unpacked
    monkeypatch.undo()
    resources_dir.cache_clear()


def test_resources_are_found_in_a_frozen_app(frozen_app: Path) -> None:
    assert resources_dir() == frozen_app


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Build fieldkit's wheel from the checkout and install it into a bare folder."""
    folder = tmp_path_factory.mktemp("wheel")
    dist, target = folder / "dist", folder / "target"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, ROOT],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("fieldkit-*.whl")
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", target, wheel],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    return wheel, target


@pytest.mark.slow
def test_the_wheel_carries_the_resources(installed_wheel: tuple[Path, Path]) -> None:
    wheel, _ = installed_wheel
    names = set(zipfile.ZipFile(wheel).namelist())
    assert f"fieldkit/resources/guides/{BUILTIN_GUIDE}" in names
    assert "fieldkit/resources/demo/demo-survey.yaml" in names
    assert "fieldkit/__main__.py" in names
    assert not any(name.startswith("tests/") for name in names)


@pytest.mark.slow
def test_the_installed_wheel_shows_the_builtin_guide(
    tmp_path: Path, installed_wheel: tuple[Path, Path]
) -> None:
    _, target = installed_wheel
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    shown = subprocess.run(
        [sys.executable, "-m", "fieldkit", "guide", "show"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    guide = load_guide()
    assert shown.stdout.startswith(f"{guide.title.get()} — {guide.id} {guide.version}\n")
    assert "[initiative_nom: text]" in shown.stdout

    where = _python(
        "import json, fieldkit, fieldkit.resources as r;"
        "print(json.dumps([fieldkit.__file__, str(r.resources_dir())]))",
        cwd=elsewhere,
        PYTHONPATH=str(target),
    )
    assert where.returncode == 0, where.stderr
    package_file, resources = (Path(p) for p in json.loads(where.stdout))
    assert package_file.resolve().is_relative_to(target.resolve())
    assert Path(resources).resolve() == (target / "fieldkit" / "resources").resolve()


@pytest.mark.slow
def test_the_installed_wheel_makes_a_demo_survey(
    tmp_path: Path, installed_wheel: tuple[Path, Path]
) -> None:
    _, target = installed_wheel
    survey = tmp_path / "démo.fieldkit"
    env = {**os.environ, "PYTHONPATH": str(target)}
    made = subprocess.run(
        [sys.executable, "-m", "fieldkit", "demo", survey],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert "5 initiatives" in made.stdout
    checked = subprocess.run(
        [sys.executable, "-m", "fieldkit", "check", survey],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == f"{survey}: ok"


def test_python_dash_m_fieldkit_is_the_command_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "fieldkit", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"fieldkit, version {fieldkit.__version__}"
