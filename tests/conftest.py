"""Shared fixtures: the shipped library, the seed profiles, their rendered plans (built once);
the command line run in this process (:func:`nqgen`) or as the installed console script
(:func:`nqgen_script`)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from nqgen import cli
from nqgen.compose import compose, load_profile
from nqgen.library import load_library
from nqgen.models import DocKind, Plan, Profile
from nqgen.paths import PROFILES_DIR
from nqgen.pdf import convert, soffice
from nqgen.render import render_docx

UBND_PROFILES = ["xop", "nghia-tho", "dak-ha", "thanh-dinh"]
ALL_PROFILES = [*UBND_PROFILES, "tan-khanh"]
NQGEN = str(Path(sys.executable).with_name("nqgen"))


def nqgen(
    *args: str | Path, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``nqgen ARGS`` in this process, as a finished process (returncode, stdout, stderr).

    The command line is :func:`nqgen.cli.run` — where every error becomes an exit code — with
    stdin, stdout, stderr and the environment (``env`` replaces it) isolated by typer's
    CliRunner, in ``cwd``. Seconds faster than a new interpreter per call; for what only the
    console script does (its start-up, signals, a terminal) use :func:`nqgen_script`.
    """
    overrides: dict[str, str | None] | None = None
    if env is not None:
        overrides = {**dict(env), **{k: None for k in os.environ if k not in env}}
    with contextlib.chdir(cwd or Path.cwd()), CliRunner().isolation(env=overrides) as streams:
        code = cli.run([str(a) for a in args])
        sys.stdout.flush()
        sys.stderr.flush()
        out, err = (s.getvalue().decode("utf-8") for s in streams[:2])
    return subprocess.CompletedProcess(["nqgen", *map(str, args)], code, out, err)


def nqgen_script(
    *args: str | Path, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``nqgen ARGS`` through the installed console script, in a child process."""
    return subprocess.run(
        [NQGEN, *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env, timeout=600,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip


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
    """Convert DOCX files with one LibreOffice run (:func:`nqgen.pdf.convert`; LibreOffice is
    installed by `make test`)."""
    if soffice() is None:
        pytest.fail("LibreOffice (soffice) chưa được cài: `make test` phải cài nó")
    out = tmp_path_factory.mktemp(name)
    assert convert(list(docx.values()), out) == ""
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
