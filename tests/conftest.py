"""Shared fixtures: the shipped library, the seed profiles, their rendered plans (built once)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from nqgen.compose import compose, load_profile
from nqgen.library import PROFILES_DIR, load_library
from nqgen.models import DocKind, Plan, Profile
from nqgen.render import render_docx

UBND_PROFILES = ["xop", "nghia-tho", "dak-ha", "thanh-dinh"]
ALL_PROFILES = [*UBND_PROFILES, "tan-khanh"]


@pytest.fixture(scope="session")
def library():
    return load_library()


def profile(name: str) -> Profile:
    return load_profile(PROFILES_DIR / f"{name}.yaml")


@pytest.fixture(scope="session")
def ubnd_plans(library) -> dict[str, Plan]:
    return {
        n: compose(profile(n), library, DocKind.kh_ubnd, profile_path=f"profiles/{n}.yaml")
        for n in UBND_PROFILES
    }


@pytest.fixture(scope="session")
def ubnd_docx(ubnd_plans, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("ubnd")
    paths = {}
    for name, plan in ubnd_plans.items():
        path = out / f"{name}.docx"
        path.write_bytes(render_docx(plan))
        paths[name] = path
    return paths


@pytest.fixture(scope="session")
def ubnd_documents(ubnd_docx):
    return {n: Document(str(p)) for n, p in ubnd_docx.items()}


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def convert_to_pdf(docx: dict[str, Path], tmp_path_factory, name: str) -> dict[str, Path]:
    """Convert DOCX files with LibreOffice in one call (installed by `make test`)."""
    exe = shutil.which("soffice")
    if exe is None:
        pytest.fail("LibreOffice (soffice) chưa được cài: `make test` phải cài nó")
    out = tmp_path_factory.mktemp(name)
    profile_dir = tmp_path_factory.mktemp(f"lo-{name}")
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation=file://{profile_dir}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, docx.values()),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return {n: out / f"{Path(p).stem}.pdf" for n, p in docx.items()}


@pytest.fixture(scope="session")
def pdfs(ubnd_docx, tmp_path_factory) -> dict[str, Path]:
    """All UBND plans converted by LibreOffice."""
    return convert_to_pdf(ubnd_docx, tmp_path_factory, "pdf")


@pytest.fixture(scope="session")
def web_server():
    """One real ``nqgen serve`` for the web tests (tests/web_support.py)."""
    from tests.web_support import serving

    with serving() as server:
        yield server
