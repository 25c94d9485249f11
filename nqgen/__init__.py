"""nqgen — soạn Kế hoạch triển khai Nghị quyết 57-NQ/TW cho xã, phường, đặc khu.

The pipeline (docs/architecture.md): profile + clause library → compose → Plan → render
(docxtpl) → DOCX → check. Its public Python API is the five names of ``__all__``::

    import nqgen

    profile = nqgen.load("profiles/xop.yaml")          # a Profile (or a Plan file's Plan)
    plan = nqgen.compose.compose(profile)              # the Plan, as data
    data = nqgen.render.render_docx(plan)              # DOCX bytes
    report = nqgen.check.check_docx(data)              # format findings (NĐ 30 / HD 05)
    assert report.findings == []

- :func:`load` — read a profile or a plan file (YAML);
- :mod:`nqgen.compose` — :func:`~nqgen.compose.compose` a profile into a Plan;
- :mod:`nqgen.render` — :func:`~nqgen.render.render_docx` a Plan into DOCX bytes;
- :mod:`nqgen.check` — :func:`~nqgen.check.check_docx` any DOCX against its format rules,
  :func:`~nqgen.check.fix_docx` the safe corrections;
- :mod:`nqgen.errors` — :class:`~nqgen.errors.NqgenError` and its typed subclasses, every
  one a Vietnamese message naming the file, line and field.

Everything else — the command line's layers (``api``, ``cli``, ``wizard``, ``questions``),
``batch``, ``library``, ``units``, the checker's modules — is internal and may change. The
modules are imported on first use, so ``import nqgen`` stays cheap (the wizard's first
question does not wait for pydantic or docxtpl).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from .version import __version__ as __version__  # re-exported; the number is in version.py

if TYPE_CHECKING:
    from types import ModuleType

    from .models import Plan, Profile

__all__ = ["check", "compose", "errors", "load", "render"]

_MODULES = ("check", "compose", "errors", "render")


def load(path: str | Path) -> Profile | Plan:
    """Read a YAML file: a plan file (``nqgen plan``, with ``meta`` and ``body``) gives its
    :class:`~nqgen.models.Plan`, anything else is read as a :class:`~nqgen.models.Profile`.

    Raises :class:`~nqgen.errors.InputError` naming the file, line and field of a mistake.
    """
    from .compose import load_source

    return load_source(Path(path))


def __getattr__(name: str) -> ModuleType:
    """The public modules, imported on first use (``nqgen.render`` after ``import nqgen``)."""
    if name in _MODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'nqgen' has no attribute {name!r}")
