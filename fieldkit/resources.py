"""Where the data that ships with fieldkit lives.

The same ``resources/`` tree must be found from a source checkout (beside the
package), from an installed wheel (copied into the package as
``fieldkit/resources``) and from a frozen app (unpacked under ``sys._MEIPASS``).
"""

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """Return the folder holding guides, templates, icons and translations."""
    package = Path(__file__).resolve().parent
    candidates = [package / "resources", package.parent / "resources"]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / "resources")
    for candidate in candidates:
        if (candidate / "guides").is_dir():
            return candidate
    searched = ", ".join(str(c) for c in candidates)
    raise RuntimeError(f"fieldkit's resources are missing (looked in {searched})")


def resource_path(*parts: str) -> Path:
    """Return the path of one shipped file, e.g. ``resource_path("guides", "x.yaml")``."""
    return resources_dir().joinpath(*parts)


BUILTIN_GUIDE = "monographie-initiative.yaml"


def builtin_guide_path() -> Path:
    """Return the path of the built-in guide *Monographie d'initiative*."""
    return resource_path("guides", BUILTIN_GUIDE)
