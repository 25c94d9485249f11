"""The terminal side of ``nqgen batch`` (giao diện dòng lệnh của soạn hàng loạt): a rich
progress bar while :func:`nqgen.batch.run` works, then the Vietnamese summary. The engine
(:mod:`nqgen.batch`) knows nothing of the terminal; a web front end can show the same
:class:`~nqgen.batch.Report` its own way.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

from . import vn
from .batch import Outcome, Report, Selection, Status, run


def run_with_progress(
    selection: Selection,
    workers: int | None,
    force: bool,
    check: bool,
    pdf: bool,
) -> Report:
    """:func:`run` with a rich progress bar on stderr."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    progress = Progress(
        TextColumn("[bold]Đang soạn"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("lỗi: {task.fields[failed]}"),
        TimeElapsedColumn(),
        TextColumn("còn"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
        auto_refresh=False,  # no display thread: worker processes are forked from this one
    )
    task = progress.add_task("", total=0, failed=0)
    failed = 0
    shown = 0.0

    def on_start(n: int) -> None:
        progress.update(task, total=n)
        progress.refresh()

    def on_done(outcome: Outcome) -> None:
        nonlocal failed, shown
        failed += outcome.status == Status.failed
        progress.update(task, advance=1, failed=failed)
        if time.monotonic() - shown > 0.1:
            shown = time.monotonic()
            progress.refresh()

    with progress:
        report = run(selection, workers, force, check, pdf, on_start=on_start, on_done=on_done)
        progress.refresh()
    return report


def print_report(report: Report, selection: Selection, outdir: Path) -> None:
    """The Vietnamese summary: counts, time, skipped and failed files with their reasons."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False)
    warned = [o for o in report.outcomes if o.warnings]
    table = Table(title="Kết quả soạn kế hoạch hàng loạt", show_header=False)
    table.add_column("Mục", overflow="fold")
    table.add_column("Số", justify="right", overflow="fold")
    table.add_row("Tệp cần soạn", str(report.total))
    table.add_row("Đã ghi", str(report.count(Status.written)))
    table.add_row(
        "Bỏ qua (tệp đã có, không ghi đè; dùng --force để ghi đè)",
        str(report.count(Status.skipped)),
    )
    table.add_row("Lỗi", str(len(report.failed)))
    if warned:
        table.add_row("Có cảnh báo thể thức", str(len(warned)))
    if report.interrupted:
        known = len(report.outcomes) - len(selection.failed)
        table.add_row("Chưa soạn (đã dừng)", str(len(selection.jobs) - known))
    table.add_row("Thời gian", f"{vn.number(round(report.seconds, 1))} giây")
    table.add_row("Số tiến trình", str(report.workers))
    table.add_row("Thư mục", Text(str(outdir)))
    console.print(table)
    # one line per problem, never wrapped or cut, so that it can be searched
    for o in report.failed:
        where = f" → {o.target}" if o.target else ""
        console.print(Text(f"LỖI {o.label}{where}: {o.reason}"), soft_wrap=True)
    for o in warned:
        for w in o.warnings:
            console.print(Text(f"CẢNH BÁO thể thức {o.target}: {w}"), soft_wrap=True)
    if selection.without_registry:
        names = ", ".join(p.name for p in selection.without_registry)
        console.print(
            f"Lưu ý: {len(selection.without_registry)} tỉnh, thành phố chưa có sổ văn bản căn cứ "
            f"trong profiles/provinces/: kế hoạch của các đơn vị thuộc {names} chỉ trích "
            "dẫn văn bản Trung ương."
        )
    if report.interrupted:
        how = "Ctrl-C" if report.signal == signal.SIGINT else "tín hiệu dừng SIGTERM"
        console.print(f"Đã dừng theo yêu cầu ({how}); các tệp đã ghi đều trọn vẹn.")
