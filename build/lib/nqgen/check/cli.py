"""CLI glue for ``nqgen check FILE.docx... [--standard nd30|hd05|hd36] [--format text|json]``.

:func:`run_check` does the work and returns the exit code: 0 when every file is clean, 1 when
any finding (error or warning) was reported, 2 when a file could not be read (not a DOCX, a
damaged zip) — with a Vietnamese message, never a traceback. :func:`check_command` is the
typer command the main CLI registers (``app.command("check")(check_command)``).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TextIO

from nqgen.check.engine import check_docx
from nqgen.check.findings import SEVERITY_LABEL, STANDARD_LABEL, CheckError, Report
from nqgen.check.specs import STANDARDS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
FORMATS = ("text", "json")


PARALLEL_FROM = 8  # files; below this, starting worker processes costs more than it saves


def run_check(
    files: list[str] | list[Path],
    standard: str | None = None,
    fmt: str = "text",
    out: TextIO | None = None,
    err: TextIO | None = None,
    jobs: int | None = None,
) -> int:
    """Check ``files`` and print the findings; return the exit code (0, 1 or 2).

    ``jobs`` worker processes check the files (default: one per CPU when there are at least
    eight files, else none); the output keeps the order of ``files``.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    if fmt not in FORMATS:
        print(f"Lỗi: định dạng '{fmt}' không hợp lệ; chọn 'text' hoặc 'json'.", file=err)
        return EXIT_UNREADABLE
    if standard is not None and standard not in STANDARDS:
        print(
            f"Lỗi: chuẩn '{standard}' không hợp lệ; chọn một trong: {', '.join(STANDARDS)}.",
            file=err,
        )
        return EXIT_UNREADABLE
    if not files:
        print("Lỗi: chưa chỉ ra tệp .docx cần kiểm tra.", file=err)
        return EXIT_UNREADABLE
    names = [str(f) for f in files]
    if jobs is None:
        jobs = (os.cpu_count() or 1) if len(names) >= PARALLEL_FROM else 1
    jobs = max(1, min(jobs, len(names)))
    if jobs == 1:
        outcomes: Iterable[Report | str] = (_check_one(n, standard) for n in names)
    else:
        pool = ProcessPoolExecutor(max_workers=jobs)
        outcomes = pool.map(_check_one, names, [standard] * len(names), chunksize=4)
    code = EXIT_CLEAN
    results: list[dict[str, object]] = []
    try:
        for name, outcome in zip(names, outcomes, strict=True):
            if isinstance(outcome, str):
                code = max(code, EXIT_UNREADABLE)
                results.append({"file": name, "error": outcome})
                if fmt == "text":
                    print(f"Lỗi: {outcome}", file=err)
                continue
            if outcome.findings:
                code = max(code, EXIT_FINDINGS)
            results.append(outcome.as_dict())
            if fmt == "text":
                print(format_text(outcome), file=out)
    finally:
        if jobs > 1:
            pool.shutdown(cancel_futures=True)
    if fmt == "json":
        json.dump({"files": results, "exit_code": code}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    return code


def _check_one(name: str, standard: str | None) -> Report | str:
    """The report of one file, or the Vietnamese message why it cannot be read."""
    try:
        return check_docx(Path(name), standard, name=name)
    except CheckError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - a user must never see a traceback
        return f"Không kiểm tra được tệp {name} (lỗi nội bộ {type(exc).__name__})."


def format_text(report: Report) -> str:
    """A Vietnamese text rendering of one report."""
    how = "tự nhận diện" if report.detected else "chỉ định"
    head = (
        f"== {report.source or '(tệp)'} — {report.doc_type}, "
        f"{STANDARD_LABEL[report.standard]} ({how})"
    )
    if not report.findings:
        return f"{head}: đạt, không có lỗi thể thức."
    lines = [f"{head}: {len(report.errors)} lỗi, {len(report.warnings)} cảnh báo"]
    for f in report.findings:
        where = f.location.describe()
        quote = f" «{f.location.excerpt}»" if f.location.excerpt else ""
        lines.append(f"[{SEVERITY_LABEL[f.severity]}] {f.rule} · {where}{quote}")
        lines.append(f"    Cần:  {f.expected}")
        lines.append(f"    Thấy: {f.found}")
        lines.append(f"    {f.message}")
    return "\n".join(lines)


def run_fix(
    source: Path,
    output: Path | None,
    *,
    standard: str | None = None,
    dry_run: bool = False,
    force: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """``nqgen fix``: correct a copy of ``source`` into ``output`` and print what changed.

    Returns 0 when done (also when there was nothing to correct), 2 when the file cannot be
    read, is signed or protected, or the output is refused (exists, is the input).
    """
    from nqgen.check.fix import fix_file
    from nqgen.errors import NqgenError

    out = out or sys.stdout
    err = err or sys.stderr
    try:
        result = fix_file(source, output, standard=standard, dry_run=dry_run, force=force)
    except (CheckError, NqgenError) as exc:
        print(f"Lỗi: {exc}", file=err)
        return EXIT_UNREADABLE
    except OSError as exc:  # the output folder cannot be written (permissions, disk full)
        print(f"Lỗi: không ghi được tệp {output} (lỗi hệ thống, mã {exc.errno}).", file=err)
        return EXIT_UNREADABLE
    head = f"== {source} — {STANDARD_LABEL[result.standard]}"
    if not result.changes:
        print(f"{head}: không có gì cần sửa.", file=out)
    else:
        verb = "sẽ sửa" if dry_run else "đã sửa"
        print(f"{head}: {verb} {len(result.changes)} chỗ.", file=out)
        for change in result.changes:
            print(f"- {change.describe()}", file=out)
    for note in result.left:
        print(f"Không tự sửa: {note}", file=out)
    if dry_run:
        print("Chạy thử (--dry-run): chưa ghi tệp nào.", file=out)
    elif output is not None:
        same = " (giống hệt tệp gốc)" if not result.changes else ""
        print(f"Đã ghi {output}{same}; tệp gốc {source} không bị thay đổi.", file=out)
        print(f"Chạy 'nqgen check {output}' để xem các lỗi còn lại.", file=out)
    return EXIT_CLEAN
