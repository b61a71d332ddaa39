"""Names a package offers in its ``__init__`` but loads on first use (PEP 562).

A package's front door lists what it offers; some of it is rarely needed
right away (the demo survey, a dialog), and importing it with the package
would make every start pay for it. The window's start-up is measured against
a bare Qt window, so what the first screen does not show loads when asked for.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping


def on_first_use(package: str, homes: Mapping[str, str]) -> Callable[[str], object]:
    """The ``__getattr__`` for ``package``: each name in ``homes`` comes from its module.

    ``homes`` maps a name to the module that holds it; a name that is the
    module itself (``"markup": "fieldkit.survey.markup"``) gives the module.
    What was loaded is kept in the package, so the lookup happens once.
    """

    def load(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = importlib.import_module(home)
        found = module if home == f"{package}.{name}" else getattr(module, name)
        setattr(sys.modules[package], name, found)
        return found

    return load
