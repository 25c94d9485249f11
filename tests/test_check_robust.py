"""The checker never crashes on odd documents: it reports what is missing instead."""

from __future__ import annotations

import random

import docx
import pytest
from docx.oxml.ns import qn

from nqgen.check import check_docx
from tests.docx_fixtures import build_hd05, build_nd30, to_bytes


def test_blank_document_reports_missing_parts() -> None:
    report = check_docx(to_bytes(docx.Document()))
    assert report.standard == "nd30"
    ids = report.rule_ids()
    assert {"ND30-quoc-hieu", "ND30-title", "ND30-signature", "ND30-paper"} <= ids
    assert all(f.location.describe() for f in report.findings)


def test_plain_text_document() -> None:
    doc = docx.Document()
    for i in range(5):
        doc.add_paragraph(f"Đoạn văn thứ {i} của một tài liệu bất kỳ.")
    report = check_docx(to_bytes(doc))
    assert "ND30-date" in report.rule_ids()


@pytest.mark.parametrize("seed", range(24))
def test_random_deletions_do_not_crash(seed: int) -> None:
    rng = random.Random(seed)
    doc = (build_nd30 if seed % 2 else build_hd05)()
    body = doc.element.body
    paras = list(body.iter(qn("w:p")))
    for p in rng.sample(paras, k=min(len(paras), rng.randint(1, 25))):
        if p.getparent() is not None and p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None:
            p.getparent().remove(p)
    tables = list(body.iter(qn("w:tbl")))
    if tables and rng.random() < 0.5:
        victim = rng.choice(tables)
        victim.getparent().remove(victim)
    report = check_docx(to_bytes(doc))
    assert report.standard in ("nd30", "hd05", "hd36")
    for f in report.findings:
        assert f.rule.startswith(report.standard.upper() + "-")
        assert f.message and f.severity in ("error", "warning")
