"""Batch rendering speed: nqgen's batch path against naive docxtpl, side by side.

Both render the same N composed plans (default profiles of the first N official units) with
the same template and the same context, in this one process, alternating plan by plan, and
write each DOCX to disk:

- nqgen:  ``renderer_for(kind).render(plan)`` + ``write_file`` — what every ``nqgen batch``
  worker does after composing (template parsed, patched and compiled once per process);
- naive:  ``DocxTemplate(path)`` + ``render(context(plan))`` + ``save(path)`` per plan.

Prints plans/s for each and, last, ``ratio: X.XX`` (nqgen ÷ naive).

With ``--all`` it first runs ``nqgen batch --all -o TMP -j 2`` (the command a trainer runs) and
prints its wall time, the number of files and the peak RSS of each worker process (VmHWM, read
from /proc while the run goes) and of the largest process of the run (getrusage).

    .venv/bin/python benchmarks/batch.py [-n 100] [--all] [-j 2]
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

from docxtpl import DocxTemplate

from nqgen import units
from nqgen.compose import compose
from nqgen.library import load_library
from nqgen.models import DocKind
from nqgen.output import write_file
from nqgen.render import _env, context, renderer_for, template_path


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _hwm_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def full_run(jobs: int) -> None:
    """``nqgen batch --all -o TMP -j N`` in a subprocess: wall time, files, peak RSS."""
    exe = Path(sys.executable).with_name("nqgen")
    with tempfile.TemporaryDirectory(prefix="nqgen-bench-") as tmp:
        peaks: dict[int, int] = {}
        started = time.perf_counter()
        proc = subprocess.Popen(
            [str(exe), "batch", "--all", "-o", tmp, "-j", str(jobs)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        done = threading.Event()

        def watch() -> None:
            while not done.is_set():
                for child in _children(proc.pid):
                    hwm = _hwm_kb(child)
                    if hwm is not None:
                        peaks[child] = max(peaks.get(child, 0), hwm)
                time.sleep(0.05)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        code = proc.wait()
        wall = time.perf_counter() - started
        done.set()
        watcher.join()
        files = sum(1 for _ in Path(tmp).rglob("*.docx"))
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"nqgen batch --all -j {jobs}: exit {code}, {files} files in {wall:.1f} s wall")
    for pid, kb in sorted(peaks.items()):
        print(f"  worker {pid}: peak RSS {kb / 1024:.0f} MB")
    print(f"  largest process of the run (parent or worker): peak RSS {largest:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100, help="plans per side (default 100)")
    parser.add_argument("--all", action="store_true", help="also time nqgen batch --all")
    parser.add_argument("-j", type=int, default=2, help="workers for --all (default 2)")
    parser.add_argument(
        "--clauses", type=Path, help="clause library folder for the side-by-side part"
    )
    args = parser.parse_args()

    if args.all:
        full_run(args.j)

    library = load_library(args.clauses)
    chosen = units.all_units()[: args.n]
    plans = [compose(units.default_profile(u), library, DocKind.kh_ubnd) for u in chosen]
    template = template_path(DocKind.kh_ubnd)
    tasks = sum(len(p.task_rows()) for p in plans) / len(plans)
    print(f"{len(plans)} plans (KH-UBND, {tasks:.0f} task rows on average), template {template}")

    with tempfile.TemporaryDirectory(prefix="nqgen-bench-") as tmp:
        out_fast, out_naive = Path(tmp, "nqgen"), Path(tmp, "naive")
        out_fast.mkdir()
        out_naive.mkdir()

        # The two paths alternate plan by plan, so that a change in the machine's load
        # during the run weighs on both alike; each side's time is summed separately.
        renderer = renderer_for(DocKind.kh_ubnd)  # prepared on its first render (timed)
        fast_s = naive_s = 0.0
        for i, plan in enumerate(plans):
            started = time.perf_counter()
            write_file(out_fast / f"{i}.docx", renderer.render(plan))
            fast_s += time.perf_counter() - started

            started = time.perf_counter()
            tpl = DocxTemplate(str(template))
            tpl.render(context(plan), jinja_env=_env(), autoescape=True)
            tpl.save(str(out_naive / f"{i}.docx"))
            naive_s += time.perf_counter() - started
        fast, naive = len(plans) / fast_s, len(plans) / naive_s

        same = all(
            zipfile.ZipFile(out_fast / f"{i}.docx").read("word/document.xml")
            == zipfile.ZipFile(out_naive / f"{i}.docx").read("word/document.xml")
            for i in range(len(plans))
        )
        size = len(
            zipfile.ZipFile(io.BytesIO((out_fast / "0.docx").read_bytes())).read(
                "word/document.xml"
            )
        )

    print(f"document.xml: {size / 1024:.0f} kB; identical in both outputs: {same}")
    print(f"{'path':<8}{'plans/s':>10}{'ms/plan':>10}")
    print(f"{'nqgen':<8}{fast:>10.1f}{1000 / fast:>10.1f}")
    print(f"{'naive':<8}{naive:>10.1f}{1000 / naive:>10.1f}")
    print(f"cpu: {os.cpu_count()}, python {sys.version.split()[0]}")
    print(f"ratio: {fast / naive:.2f}")


if __name__ == "__main__":
    main()
