"""The fast render path (:mod:`nqgen.render_fast`, issue 13 point 4) and its contract: for
the same template and context it writes exactly the parts plain docxtpl writes — the rendered
ones and the ones docxtpl does not touch — in a zip with a fixed time and order. On a docxtpl
other than the one it was proved on, nqgen falls back to plain docxtpl (same parts) with a
one-line notice.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docxtpl import DocxTemplate

from nqgen import render_fast, units
from nqgen.compose import compose
from nqgen.library import load_library
from nqgen.models import DocKind
from nqgen.render import (
    Renderer,
    _env,
    context,
    drop_last_section,
    render_docx,
    template_path,
)

from .conftest import UBND_PROFILES, profile

SMALL = units.find_province("Lai Châu")


def naive_docxtpl(plan) -> bytes:
    """What plain docxtpl writes: DocxTemplate(path) + render + save, per plan (and, for a
    KH/ĐU without Phụ lục 1, nqgen's drop_last_section on the rendered document)."""
    tpl = DocxTemplate(str(template_path(plan.kind)))
    tpl.render(context(plan), jinja_env=_env(), autoescape=True)
    if not plan.appendix:
        drop_last_section(tpl.docx)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def default_plan(unit: units.UnitInfo):
    return compose(units.default_profile(unit), load_library(), DocKind.kh_ubnd)


def party_plan(appendix: bool):
    base = profile("tan-khanh")
    prof = base.model_copy(update={"party": base.party.model_copy(update={"appendix": appendix})})
    return compose(prof, load_library(), DocKind.kh_du)


@pytest.mark.parametrize("name", [*UBND_PROFILES, "default", "party", "party-no-appendix"])
def test_renderer_writes_the_parts_plain_docxtpl_writes(ubnd_plans, name):
    if name == "default":
        plan = default_plan(units.units_of(SMALL)[0])
    elif name.startswith("party"):
        plan = party_plan(appendix=name == "party")
        assert plan.kind == DocKind.kh_du and plan.appendix == (name == "party")
    else:
        plan = ubnd_plans[name]
    fast, naive = entries(Renderer(plan.kind).render(plan)), entries(naive_docxtpl(plan))
    assert sorted(fast) == sorted(naive)
    assert fast["word/document.xml"] == naive["word/document.xml"]
    for part in naive:  # the parts docxtpl does not render are python-docx's bytes too
        assert fast[part] == naive[part], part


def test_renderer_fallbacks_give_the_same_document_xml(ubnd_plans):
    """The slow paths (moving the body into the tree; docxtpl's own fix_tables) agree with the
    fast ones, so a template the fast path cannot splice still renders correctly."""
    plan = ubnd_plans["xop"]
    renderer = Renderer(plan.kind)
    fast = entries(renderer.render(plan))
    prepared = renderer._template()
    prepared.head = b""  # force lxml's replace + serialise
    prepared._fix_tables = prepared.tpl.fix_tables  # force docxtpl's full pass
    slow = entries(renderer.render(plan))
    assert slow == fast


def test_listing_characters_still_go_through_resolve_listing(ubnd_plans):
    """Text with a line break takes docxtpl's resolve_listing path (a <w:br/>), as plain
    docxtpl does."""
    plan = ubnd_plans["xop"].model_copy(update={"closing": "Dòng một\nDòng hai ./."})
    fast = entries(Renderer(plan.kind).render(plan))["word/document.xml"]
    assert fast == entries(naive_docxtpl(plan))["word/document.xml"]
    assert b"<w:br/>" in fast


def test_renderer_output_is_reproducible(ubnd_plans):
    plan = ubnd_plans["nghia-tho"]
    first, second = render_docx(plan), Renderer(plan.kind).render(plan)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        infos = z.infolist()
        assert infos[0].filename == "[Content_Types].xml"
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    with zipfile.ZipFile(template_path(DocKind.kh_ubnd)) as z:
        template_core = z.read("docProps/core.xml").decode()
    for tag in ("dcterms:created", "dcterms:modified"):  # the template's, not the clock's
        stamp = re.search(rf"<{tag}[^>]*>([^<]+)<", core)
        assert stamp and stamp.group(1) in template_core


# --------------------------------------------------------------------------- the version guard


def test_the_fast_path_is_used_only_on_the_docxtpl_it_was_proved_on():
    """pyproject pins the docxtpl the fast path was proved on; that is the one it runs on."""
    pin = re.search(r'"docxtpl==([^"]+)"', open("pyproject.toml", encoding="utf-8").read())
    assert pin and pin.group(1) == render_fast.PROVED_ON
    prepared = Renderer(DocKind.kh_ubnd)._template()
    assert isinstance(prepared, render_fast.PreparedTemplate)


@pytest.mark.parametrize("name", ["xop", "party-no-appendix"])
def test_another_docxtpl_falls_back_to_plain_docxtpl_with_one_notice(
    ubnd_plans, name, monkeypatch, capsys
):
    """Any other docxtpl version: plain docxtpl renders (the same parts as the fast path, zip
    times fixed), after a single Vietnamese line on stderr."""
    plan = ubnd_plans[name] if name in ubnd_plans else party_plan(appendix=False)
    fast = Renderer(plan.kind).render(plan)
    monkeypatch.setattr(render_fast, "version", lambda _: "0.21.0")
    monkeypatch.setattr(render_fast, "_noticed", False)
    plain_renderer = Renderer(plan.kind)
    assert isinstance(plain_renderer._template(), render_fast.PlainTemplate)
    plain = plain_renderer.render(plan)
    Renderer(plan.kind).render(plan)  # a second template: no second notice
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "docxtpl 0.21.0" in err and "0.20.2" in err
    assert entries(plain) == entries(fast) == entries(naive_docxtpl(plan))
    assert plain == plain_renderer.render(plan)  # reproducible too
    with zipfile.ZipFile(io.BytesIO(plain)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
