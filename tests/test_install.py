"""The package carries its data (issue 13, point 3): clauses/, profiles/ and templates/ ship
inside the wheel as ``nqgen.clauses``, ``nqgen.profiles`` and ``nqgen.templates``, read through
importlib.resources (:mod:`nqgen.paths`), so an installed nqgen renders from any folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

from nqgen import paths

ROOT = Path(__file__).resolve().parents[1]
#: What ``pip install .`` reads: the project file and the folders it maps into the package.
SOURCES = ("pyproject.toml", "README.md", "nqgen", "clauses", "profiles", "templates")


def _setuptools() -> dict:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return project["tool"]["setuptools"]


def test_every_package_under_nqgen_is_listed_for_the_wheel():
    """pyproject lists the packages one by one (the data folders are mapped into nqgen), so a
    new subpackage must be added there or the wheel leaves it out."""
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "nqgen").rglob("__init__.py")
    }
    listed = set(_setuptools()["packages"])
    assert found <= listed, sorted(found - listed)
    mapped = _setuptools()["package-dir"]
    assert mapped == {f"nqgen.{d}": d for d in ("clauses", "profiles", "templates")}


def test_the_data_is_found_where_the_repository_keeps_it():
    """In a checkout (editable install) the data is the repository's own top-level folders."""
    assert paths.CLAUSES_DIR == ROOT / "clauses"
    assert paths.PROFILES_DIR == ROOT / "profiles"
    assert paths.TEMPLATES_DIR == ROOT / "templates"
    assert (paths.REGISTRY_DIR / "_national.yaml").is_file() and paths.REGIONS_FILE.is_file()


@pytest.mark.slow
def test_a_wheel_install_renders_a_shipped_profile_in_an_empty_folder(tmp_path):
    """``pip install .`` into a fresh venv, then ``nqgen render`` of the profile shipped in the
    package, run from an empty folder: nothing is read from the repository."""
    src = tmp_path / "src"
    src.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, src / name)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    # nqgen's dependencies are this interpreter's, seen through a path
    # file; the wheel of nqgen itself is built and installed into the new venv, where it comes
    # first on sys.path (what is under test is the package and its data, not pip resolving the
    # same dependencies again, which took most of this test's time)
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    here = sysconfig.get_paths()["purelib"]
    Path(site, "nqgen_test_dependencies.pth").write_text(here + "\n", encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
           str(src)]
    done = subprocess.run(pip, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    shutil.rmtree(src)  # the installed package must not need its sources

    where, changelog = subprocess.run(
        [str(python), "-c", "import nqgen.paths as p; print(p.PROFILES_DIR);"
         " print((p.CLAUSES_DIR / 'CHANGELOG.md').is_file())"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    ).stdout.split()  # fmt: skip
    assert changelog == "True"  # nqgen update explains changes from the shipped CHANGELOG
    shipped = Path(where) / "xop.yaml"
    assert shipped.is_file() and shipped.is_relative_to(venv), shipped

    empty = tmp_path / "empty"
    empty.mkdir()
    env = {"PATH": str(venv / "bin"), "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    res = subprocess.run(
        [str(venv / "bin" / "nqgen"), "render", str(shipped), "-o", "xop.docx"],
        capture_output=True, text=True, cwd=empty, env=env, timeout=300,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "xop.docx"
    assert "Cảnh báo" not in res.stderr  # the shipped templates pass the shipped checker
    with zipfile.ZipFile(empty / "xop.docx") as z:
        assert "KẾ HOẠCH" in z.read("word/document.xml").decode("utf-8")
    assert sorted(p.name for p in empty.iterdir()) == ["xop.docx"]
