"""Benchmark: checking 100 plans with ``nqgen check`` (issue 4, acceptance 5: under 10 s).

Usage::

    .venv/bin/python benchmarks/check.py                 # builds realistic plans in memory
    .venv/bin/python benchmarks/check.py out/*.docx      # or checks the given files
    .venv/bin/python benchmarks/check.py -n 100 --scale 12

Without files it builds NĐ 30 and HD 05 plans with python-docx (the reference plans of
``tests/docx_fixtures.py``, body repeated ``--scale`` times and 60-row appendix tables, about
the size of a real 10–15 page plan). The files are cycled to make ``-n`` checks, run one after
another in one process; a last row times ``run_check`` (the CLI path), which spreads many
files over one worker process per CPU.

The baseline is a naive python-docx read of the same bytes: open the document and touch every
paragraph and run (text, font name, size, bold, italic) in the body, the tables and the
headers — the per-run object overhead the checker avoids by reading the XML with lxml. The
baseline does not check anything, so it is a floor for a python-docx based checker, not a
competitor.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
from docx.document import Document  # noqa: E402

from nqgen.check import check_docx  # noqa: E402

LIMIT_S = 10.0


def build_plans(scale: int, rows: int) -> list[tuple[str, bytes]]:
    """Realistic-size NĐ 30 and HD 05 plans (bytes) built from the test reference plans."""
    from tests.docx_fixtures import build_hd05, build_nd30, find, to_bytes

    plans: list[tuple[str, bytes]] = []
    for name, builder, anchor in (
        ("nd30", build_nd30, "Văn phòng HĐND và UBND xã là cơ quan đầu mối"),
        ("hd05", build_hd05, "Văn phòng Đảng ủy theo dõi"),
    ):
        doc = builder()
        _enlarge(doc, find(doc, anchor)._p, scale, rows)
        data = to_bytes(doc)
        report = check_docx(data)
        if report.findings:  # the enlarged plan must still be a clean plan
            raise SystemExit(f"{name}: built plan has findings: {sorted(report.rule_ids())}")
        plans.append((name, data))
    return plans


def _enlarge(doc: Document, anchor: object, scale: int, rows: int) -> None:
    import copy

    from docx.oxml.ns import qn

    body = doc.element.body
    paras = [p for p in body.iterchildren(qn("w:p"))]
    start = paras.index(anchor)
    block = paras[max(0, start - 6) : start + 1]  # a run of body paragraphs (no headings)
    block = [p for p in block if p.find(qn("w:pPr")) is not None and p.find(qn("w:r")) is not None]
    for _ in range(scale - 1):
        for p in block:
            anchor.addprevious(copy.deepcopy(p))  # type: ignore[attr-defined]
    for table in doc.tables[2:]:
        tr = table.rows[-1]._tr
        for _ in range(rows):
            tr.addnext(copy.deepcopy(tr))


def naive_python_docx(data: bytes) -> int:
    """Baseline: python-docx opens the file and touches every run's text and formatting."""
    d = docx.Document(io.BytesIO(data))
    touched = 0

    def visit(paragraphs: list) -> None:  # type: ignore[type-arg]
        nonlocal touched
        for p in paragraphs:
            _ = p.style.name, p.alignment, p.paragraph_format.first_line_indent
            for r in p.runs:
                _ = r.text, r.font.name, r.font.size, r.bold, r.italic
                touched += 1

    visit(d.paragraphs)
    for table in d.tables:
        for row in table.rows:
            for cell in row.cells:
                visit(cell.paragraphs)
    for section in d.sections:
        visit(section.header.paragraphs)
        _ = section.page_width, section.left_margin
    return touched


def checker(data: bytes) -> int:
    return len(check_docx(data).findings)


def time_runs(fn: Callable[[bytes], int], items: list[bytes]) -> tuple[list[float], float]:
    """Wall time of each call, and the process CPU time of all calls (seconds)."""
    out: list[float] = []
    cpu0 = time.process_time()
    for data in items:
        t0 = time.perf_counter()
        fn(data)
        out.append(time.perf_counter() - t0)
    return out, time.process_time() - cpu0


def cli_parallel(items: list[bytes]) -> float:
    """Wall time of ``run_check`` (what ``nqgen check *.docx`` runs) over the files on disk."""
    import tempfile

    from nqgen.check.cli import run_check

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, data in enumerate(items):
            path = Path(tmp) / f"plan-{i:03d}.docx"
            path.write_bytes(data)
            paths.append(path)
        t0 = time.perf_counter()
        run_check(paths, out=io.StringIO(), err=io.StringIO())
        return time.perf_counter() - t0


def describe(data: bytes) -> str:
    from nqgen.check.docx_model import DocxModel

    m = DocxModel.load(data)
    runs = sum(len(p.runs) for p in m.paras)
    size = len(data) // 1024
    return f"{len(m.paras)} paragraphs, {runs} runs, {len(m.tables)} tables, {size} KiB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, help="DOCX files (default: build plans)")
    ap.add_argument("-n", type=int, default=100, help="number of checks (default 100)")
    ap.add_argument("--scale", type=int, default=12, help="body repetitions of built plans")
    ap.add_argument("--rows", type=int, default=60, help="extra appendix rows of built plans")
    args = ap.parse_args(argv)

    if args.files:
        sources = [(str(f), f.read_bytes()) for f in args.files]
    else:
        sources = build_plans(args.scale, args.rows)
    for name, data in sources:
        print(f"{name}: {describe(data)}")
    items = [sources[i % len(sources)][1] for i in range(args.n)]

    check_docx(items[0])  # warm up imports and regex compilation
    naive_python_docx(items[0])
    ours, ours_cpu = time_runs(checker, items)
    base, base_cpu = time_runs(naive_python_docx, items)
    cli_wall = cli_parallel(items)

    def row(label: str, times: list[float], cpu: float) -> str:
        per = statistics.median(times) * 1000
        return f"{label:<46} {per:>9.1f} ms {sum(times):>9.2f} s {cpu:>9.2f} s"

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n{os.cpu_count()} CPUs, load average {load:.1f} (wall time grows with load)")
    print(f"{'':<46} {'per file':>12} {f'{args.n} files':>11} {'CPU time':>11}")
    print(row("nqgen check (lxml, all rules)", ours, ours_cpu))
    print(row("baseline: python-docx read, no rules", base, base_cpu))
    jobs = os.cpu_count() or 1
    label = f"nqgen check CLI, {jobs} processes (files on disk)"
    print(f"{label:<46} {cli_wall / len(items) * 1000:>9.1f} ms {cli_wall:>9.2f} s {'':>11}")
    print(f"{'limit (issue 4)':<46} {'':>12} {LIMIT_S:>9.2f} s")
    print(f"\nchecker time / baseline time: {sum(ours) / sum(base):.2f}")
    return 0 if sum(ours) < LIMIT_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
