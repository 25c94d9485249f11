"""nqgen batch: every unit of a province, byte-identical outputs, failures reported, Ctrl-C.

The fast render path batch relies on is tested in tests/test_render_fast.py.
"""

from __future__ import annotations

import contextlib
import dataclasses
import inspect
import os
import re
import signal
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document

from nqgen import batch, units
from nqgen.api import check_written
from nqgen.compose import compose
from nqgen.library import load_library
from nqgen.models import DocKind

from . import test_render_ubnd
from .conftest import NQGEN, nqgen, profile

QUANG_NGAI = units.find_province("Quảng Ngãi")
SMALL = units.find_province("Lai Châu")  # the province with the fewest units (38)


def batch_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``nqgen batch …`` in this process (:func:`tests.conftest.nqgen`), wide enough that rich
    does not wrap the summary table."""
    return nqgen(*args, env={**os.environ, "COLUMNS": "250"})


def default_plan(unit: units.UnitInfo):
    return compose(units.default_profile(unit), load_library(), DocKind.kh_ubnd)


# --------------------------------------------------------------------------- acceptance 1


@pytest.fixture(scope="module")
def quang_ngai(tmp_path_factory):
    out = tmp_path_factory.mktemp("batch-qn")
    proc = batch_cli("batch", "--province", "Quảng Ngãi", "-o", str(out), "-j", "2")
    return out, proc


@pytest.mark.slow
def test_province_writes_one_docx_per_official_unit(quang_ngai):
    out, proc = quang_ngai
    assert proc.returncode == 0, proc.stdout + proc.stderr
    expected = units.units_of(QUANG_NGAI)
    assert len(expected) == 96  # vietnam-provinces 2025.10.1
    files = sorted((out / "quang-ngai").glob("*.docx"))
    assert [f.name for f in files] == sorted(f"{u.slug}.docx" for u in expected)
    assert list(out.iterdir()) == [out / "quang-ngai"]
    assert "Đã ghi" in proc.stdout and re.search(r"Đã ghi\s*│\s*96 │", proc.stdout)
    assert re.search(r"Lỗi\s*│\s*0 │", proc.stdout)
    for f in files:  # every file: opens, 3 sections, no template markers, no checker finding
        assert check_written(f) == [], f
        doc = Document(str(f))
        assert len(doc.sections) == 3, f
        with zipfile.ZipFile(f) as z:
            xml = z.read("word/document.xml").decode("utf-8")
        plain = re.sub(r"<[^>]+>", "", xml)
        for marker in ("{{", "}}", "{%", "%}", "None"):
            assert marker not in plain, (f, marker)
        assert "Ủy ban nhân dân" in plain


@pytest.mark.slow
def test_province_sample_passes_the_render_format_checks(quang_ngai):
    """A sample (first unit, a phường, the đặc khu, last unit) passes every format test of
    tests/test_render_ubnd.py, LibreOffice conversion included."""
    out, _ = quang_ngai
    all_units = units.units_of(QUANG_NGAI)
    sample = {
        u.slug: u
        for u in [
            all_units[0],
            next(u for u in all_units if u.kind.value == "phường"),
            next(u for u in all_units if u.kind.value == "đặc khu"),
            all_units[-1],
        ]
    }
    docx = {slug: out / "quang-ngai" / f"{slug}.docx" for slug in sample}
    written = [
        batch.Outcome(i, slug, path, batch.Status.written)
        for i, (slug, path) in enumerate(docx.items())
    ]
    assert batch.convert_pdfs(written, workers=2) == []
    fixtures = {
        "ubnd_docx": docx,
        "ubnd_documents": {slug: Document(str(p)) for slug, p in docx.items()},
        "ubnd_plans": {slug: default_plan(u) for slug, u in sample.items()},
        "pdfs": {slug: p.with_suffix(".pdf") for slug, p in docx.items()},
    }
    checks = [
        func
        for name, func in inspect.getmembers(test_render_ubnd, inspect.isfunction)
        if name.startswith("test_")
        and name != "test_every_task_lead_is_a_profile_body"  # about seed profiles, not format
        and set(inspect.signature(func).parameters) <= {*fixtures, "name"}
    ]
    assert len(checks) >= 7
    failures = []
    for func in checks:
        params = inspect.signature(func).parameters
        for slug in sample:
            try:
                func(**{p: fixtures[p] for p in params if p != "name"}, name=slug)
            except AssertionError as exc:
                failures.append(f"{func.__name__}[{slug}]: {str(exc).splitlines()[0]}")
    assert not failures, "\n".join(failures)


@pytest.mark.slow
def test_existing_files_are_skipped_without_force_and_rewritten_with_it(quang_ngai):
    out, _ = quang_ngai
    target = out / "quang-ngai" / f"{units.units_of(QUANG_NGAI)[0].slug}.docx"
    before = target.stat().st_mtime_ns
    again = batch_cli("batch", "--province", "Quảng Ngãi", "-o", str(out), "-j", "2")
    assert again.returncode == 0
    assert re.search(r"Bỏ qua.*--force.*│\s*96 │", again.stdout)
    assert re.search(r"Đã ghi\s*│\s*0 │", again.stdout)
    assert target.stat().st_mtime_ns == before
    data = target.read_bytes()
    forced = batch_cli("batch", "--province", "Quảng Ngãi", "-o", str(out), "-j", "2", "--force")
    assert forced.returncode == 0 and re.search(r"Đã ghi\s*│\s*96 │", forced.stdout)
    assert target.stat().st_mtime_ns != before
    assert target.read_bytes() == data  # same inputs, same bytes


# --------------------------------------------------------------------------- acceptance 4


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.docx"))}


def test_byte_identical_across_runs_and_worker_counts(tmp_path):
    outputs = []
    for name, workers in (("a", 1), ("b", 2), ("c", 2)):
        selection = batch.select(tmp_path / name, province=SMALL.name)
        report = batch.run(selection, workers=workers)
        assert report.ok and report.count(batch.Status.written) == 38
        outputs.append(_tree(tmp_path / name))
    assert len(outputs[0]) == 38
    assert outputs[0] == outputs[1] == outputs[2]


def test_output_names_are_ascii_and_unique_by_official_code(tmp_path):
    selection = batch.select(tmp_path, everything=True, kind="kh-ubnd")
    targets = [job.target for job in selection.jobs]
    assert len(targets) == len(set(targets)) == 3321
    for t in targets:
        assert re.fullmatch(r"[a-z0-9-]+/[a-z0-9-]+-\d{5}\.docx", str(t.relative_to(tmp_path)))
    tan_khanh = [t.name for t in targets if t.name.startswith("xa-tan-khanh-")]
    assert len(tan_khanh) == 2 and tan_khanh[0] != tan_khanh[1]


# --------------------------------------------------------------------------- acceptance 5


def test_explicit_profile_overrides_the_default_of_its_unit(tmp_path):
    xop = profile("xop")
    unit = batch.match_unit(xop)
    assert unit is not None and unit.official == "Xã Xốp"
    selection = batch.select(
        tmp_path,
        [Path(__file__).parent.parent / "profiles" / "xop.yaml"],
        province=unit.province.name,
    )
    jobs = [j for j in selection.jobs if j.target.name == f"{unit.slug}.docx"]
    assert len(jobs) == 1 and jobs[0].profile == xop and jobs[0].unit_code is None
    assert len(selection.jobs) == len(units.units_of(unit.province))


def test_profile_whose_code_names_another_unit_is_refused(tmp_path):
    text = (Path(__file__).parent.parent / "profiles" / "xop.yaml").read_text(encoding="utf-8")
    wrong = tmp_path / "xop-sai-ma.yaml"
    wrong.write_text(text.replace("code: 23356", "code: 23500"), encoding="utf-8")
    selection = batch.select(tmp_path / "out", [wrong])
    assert selection.jobs == []
    [outcome] = selection.failed
    assert (
        "23500" in outcome.reason and "Xã Đăk Hà" in outcome.reason and "xã Xốp" in outcome.reason
    )


def test_broken_profile_is_reported_and_the_others_are_written(tmp_path):
    bad = tmp_path / "hong.yaml"
    bad.write_text('unit:\n  kind: "xã"\n  name: [oops\n', encoding="utf-8")
    out = tmp_path / "out"
    proc = batch_cli("batch", str(bad), "--province", SMALL.name, "-o", str(out), "-j", "2")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert str(bad) in proc.stdout and "dòng" in proc.stdout
    assert re.search(r"Đã ghi\s*│\s*38 │", proc.stdout)
    assert re.search(r"Lỗi\s*│\s*1 │", proc.stdout)
    assert len(list(out.rglob("*.docx"))) == 38


def test_unit_whose_default_profile_cannot_be_completed_is_reported(tmp_path, monkeypatch):
    """Simulate a registry without national documents, holding only Quảng Ngãi's: units of a
    province with no registry file have no parent document to cite, so their plan cannot be
    written; they are reported with the reason, and Quảng Ngãi's units are written."""
    registry = tmp_path / "registry"
    registry.mkdir()
    src = units.REGISTRY_DIR / "quang-ngai.yaml"
    (registry / "quang-ngai.yaml").write_bytes(src.read_bytes())
    monkeypatch.setattr(units, "REGISTRY_DIR", registry)
    out = tmp_path / "out"
    small = batch.select(out, province=SMALL.name)
    big = batch.select(out, province=QUANG_NGAI.name)
    jobs = [dataclasses.replace(j, index=i) for i, j in enumerate(small.jobs + big.jobs)]
    report = batch.run(batch.Selection(jobs), workers=2)
    assert report.count(batch.Status.written) == 96
    failed = report.failed
    assert len(failed) == 38 and not report.ok
    for outcome in failed:
        assert "Lai Châu" in outcome.label
        assert "văn bản căn cứ" in outcome.reason and "lai-chau.yaml" in outcome.reason
    assert len(list((out / "quang-ngai").glob("*.docx"))) == 96
    assert not (out / "lai-chau").exists() or not list((out / "lai-chau").iterdir())


_run_job = batch.run_job


def _dies_on_job_5(job, force=False, check=False):
    """run_job, except that the worker running job 5 is killed (as by the OOM killer)."""
    if job.index == 5:
        os._exit(9)
    return _run_job(job, force, check)


def test_a_killed_worker_is_reported_not_raised(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "run_job", _dies_on_job_5)
    report = batch.run(batch.select(tmp_path, province=SMALL.name), workers=2)
    assert not report.ok and not report.interrupted
    assert len(report.outcomes) == 38
    failed = report.failed
    assert any(o.index == 5 for o in failed)
    assert all("tiến trình con dừng bất thường" in o.reason for o in failed)
    written = report.count(batch.Status.written)
    assert written + len(failed) == 38
    assert len(list(tmp_path.rglob("*.docx"))) == written
    assert list(tmp_path.rglob("*.tmp")) == []


def test_cli_refuses_bad_selections():
    none = batch_cli("batch")
    assert none.returncode == 2 and none.stderr.startswith("Lỗi: Cần --province")
    both = batch_cli("batch", "--province", "Lai Châu", "--all")
    assert both.returncode == 2 and "Chỉ dùng một trong hai" in both.stderr
    unknown = batch_cli("batch", "--province", "Atlantis")
    assert unknown.returncode == 2
    assert "Không có tỉnh" in unknown.stderr and "Traceback" not in unknown.stderr


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_stops_cleanly_without_partial_files(tmp_path, workers):
    """The console script in its own process group, as a terminal's Ctrl-C hits it."""
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [NQGEN, "batch", "--all", "-o", str(out), "-j", workers],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C would hit
    )
    try:
        deadline = time.monotonic() + 120
        while len(list(out.rglob("*.docx"))) < 60:
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=120)
    finally:  # never leave the batch or its workers running, even when the test fails
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        if proc.returncode is None:
            proc.communicate()
    assert proc.returncode == 130
    assert "Traceback" not in stderr + stdout
    assert "Đã dừng theo yêu cầu" in stdout
    assert list(out.rglob("*.tmp")) == [] and list(out.rglob(".*")) == []
    docs = list(out.rglob("*.docx"))
    assert 60 <= len(docs) < 3321
    for doc in docs:
        with zipfile.ZipFile(doc) as z:
            assert z.testzip() is None
            assert "word/document.xml" in z.namelist()


@pytest.mark.slow
def test_both_kinds_and_pdf_for_an_explicit_profile(tmp_path):
    """One explicit profile, both kinds, with PDF: its files go under its province and unit
    code, the party plan with -kh-du; LibreOffice makes a PDF beside each DOCX."""
    xop = Path(__file__).parent.parent / "profiles" / "xop.yaml"
    unit = batch.match_unit(profile("xop"))
    assert unit is not None
    proc = batch_cli("batch", str(xop), "--kind", "both", "--pdf", "-o", str(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    folder = tmp_path / unit.province.slug
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(
        f"{unit.slug}{tail}.{ext}" for tail in ("", "-kh-du") for ext in ("docx", "pdf")
    )
    party = Document(str(folder / f"{unit.slug}-kh-du.docx"))
    assert any(
        p.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
        for t in party.tables
        for c in t._cells
        for p in c.paragraphs
    )
    for pdf in folder.glob("*.pdf"):
        assert pdf.read_bytes().startswith(b"%PDF")
