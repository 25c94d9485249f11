"""Where nqgen's own data is (dữ liệu kèm theo): the clause library, the profiles and the
document templates, found through :mod:`importlib.resources` as package data.

In the repository they stay at the top level — ``clauses/``, ``profiles/``, ``templates/`` —
where a reader looks for them; ``pyproject.toml`` maps each folder into the package as
``nqgen.clauses``, ``nqgen.profiles`` and ``nqgen.templates`` (``package-dir``), so a wheel
carries them inside ``nqgen/`` and an editable install reads the repository's own folders. This
module is the one place that knows it (docs/architecture.md, "Data").
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _folder(package: str) -> Path:
    """The folder of a data package; nqgen is installed as files (pip never zips it)."""
    found = files(package)
    if not isinstance(found, Path):
        raise RuntimeError(f"{package}: dữ liệu của nqgen phải là thư mục, không phải {found!r}")
    return found


#: The clause library (thư viện điều khoản): ``clauses/`` of the repository.
CLAUSES_DIR = _folder("nqgen.clauses")
#: Sample profiles (hồ sơ mẫu) and unit-kind defaults: ``profiles/``.
PROFILES_DIR = _folder("nqgen.profiles")
#: The province registry of parent documents (sổ văn bản căn cứ): ``profiles/provinces/``.
REGISTRY_DIR = PROFILES_DIR / "provinces"
#: Public facts of each province (village terms, border, coast): ``profiles/regions.yaml``.
REGIONS_FILE = PROFILES_DIR / "regions.yaml"
#: Default names of bodies and recipients per unit kind: ``profiles/defaults.yaml``.
DEFAULTS_FILE = PROFILES_DIR / "defaults.yaml"
#: The docxtpl master templates (mẫu văn bản): ``templates/``.
TEMPLATES_DIR = _folder("nqgen.templates")
