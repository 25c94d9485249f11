"""CLI glue for ``nqgen check FILE.docx... [--standard nd30|hd05|hd36] [--format text|json]``.

:func:`run_check` does the work and returns the exit code: 0 when every file is clean, 1 when
any finding (error or warning) was reported, 2 when a file could not be read (not a DOCX, a
damaged zip) — with a Vietnamese message, never a traceback. :func:`check_command` is the
typer command the main CLI registers (``app.command("check")(check_command)``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

from nqgen.check.engine import STANDARDS, check_docx
from nqgen.check.findings import SEVERITY_LABEL, STANDARD_LABEL, CheckError, Report

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
FORMATS = ("text", "json")


def run_check(
    files: list[str] | list[Path],
    standard: str | None = None,
    fmt: str = "text",
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Check ``files`` and print the findings; return the exit code (0, 1 or 2)."""
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
    code = EXIT_CLEAN
    results: list[dict[str, object]] = []
    for file in files:
        name = str(file)
        try:
            report = check_docx(Path(file), standard, name=name)
        except CheckError as exc:
            code = max(code, EXIT_UNREADABLE)
            results.append({"file": name, "error": str(exc)})
            if fmt == "text":
                print(f"Lỗi: {exc}", file=err)
            continue
        except Exception as exc:  # noqa: BLE001 - a user must never see a traceback
            code = max(code, EXIT_UNREADABLE)
            message = f"Không kiểm tra được tệp {name} (lỗi nội bộ {type(exc).__name__}: {exc})."
            results.append({"file": name, "error": message})
            if fmt == "text":
                print(f"Lỗi: {message}", file=err)
            continue
        if report.findings:
            code = max(code, EXIT_FINDINGS)
        results.append(report.as_dict())
        if fmt == "text":
            print(format_text(report), file=out)
    if fmt == "json":
        json.dump({"files": results, "exit_code": code}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    return code


def format_text(report: Report) -> str:
    """A Vietnamese text rendering of one report."""
    how = "tự nhận diện" if report.detected else "chỉ định"
    head = f"== {report.source or '(tệp)'} — {STANDARD_LABEL[report.standard]} ({how})"
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


def check_command(
    files: Annotated[
        list[Path], typer.Argument(help="Các tệp .docx cần kiểm tra thể thức.", show_default=False)
    ],
    standard: Annotated[
        str | None,
        typer.Option(
            "--standard",
            help="Chuẩn áp dụng: nd30 (Nghị định 30/2020), hd05 hoặc hd36 (văn bản của Đảng). "
            "Mặc định: tự nhận diện.",
        ),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="Định dạng kết quả: text hoặc json.")
    ] = "text",
) -> None:
    """Kiểm tra thể thức văn bản (Nghị định 30/2020/NĐ-CP; Hướng dẫn 05-HD/VPTW, 36-HD/VPTW)."""
    raise typer.Exit(run_check(files, standard, fmt))


app = typer.Typer(add_completion=False, help="Kiểm tra thể thức kế hoạch (.docx).")
app.command("check")(check_command)
