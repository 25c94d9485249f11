"""The public Python API (issue 13, point 5): the five names of ``nqgen.__all__``, each with a
docstring, serve the whole pipeline; ``import nqgen`` alone imports none of the heavy
libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest

import nqgen
from nqgen.errors import InputError, NqgenError
from nqgen.models import Plan, Profile
from nqgen.paths import PROFILES_DIR


def test_the_public_names_are_documented():
    assert nqgen.__all__ == ["check", "compose", "errors", "load", "render"]
    for name in nqgen.__all__:
        assert (getattr(nqgen, name).__doc__ or "").strip(), name
    for module in (nqgen.check, nqgen.compose, nqgen.errors, nqgen.render):
        for name in module.__all__:
            assert (getattr(module, name).__doc__ or "").strip(), f"{module.__name__}.{name}"


def test_the_pipeline_through_the_public_names(tmp_path):
    """The example of nqgen's docstring: load, compose, render, check."""
    profile = nqgen.load(PROFILES_DIR / "xop.yaml")
    assert isinstance(profile, Profile)
    plan = nqgen.compose.compose(profile)
    data = nqgen.render.render_docx(plan)
    assert data[:2] == b"PK" and nqgen.check.check_docx(data).findings == []
    plan_file = tmp_path / "xop.plan.yaml"
    plan_file.write_text(nqgen.compose.plan_to_yaml(plan), encoding="utf-8")
    assert nqgen.load(plan_file) == plan and isinstance(nqgen.load(str(plan_file)), Plan)


def test_errors_are_one_tree():
    for name in nqgen.errors.__all__:
        assert issubclass(getattr(nqgen.errors, name), NqgenError), name
    assert issubclass(nqgen.check.CheckError, NqgenError)
    bad = PROFILES_DIR / "khong-co.yaml"
    with pytest.raises(InputError, match="khong-co.yaml"):
        nqgen.load(bad)


def test_import_nqgen_is_cheap():
    code = (
        "import sys, nqgen; nqgen.load; "
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    for heavy in ("pydantic", "jinja2", "yaml", "docxtpl", "docx", "lxml", "babel"):
        assert heavy not in loaded, heavy
