"""Command line (giao diện dòng lệnh): a thin typer layer over the Python API.

Heavy modules (docxtpl, lxml, pydantic models) are imported inside the commands so that
``nqgen --help`` and the wizard start fast. Every NqgenError is printed in Vietnamese and the
command exits non-zero without a traceback.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

app = typer.Typer(
    help="nqgen — soạn Kế hoạch triển khai Nghị quyết 57-NQ/TW cho xã, phường, đặc khu.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
clauses_app = typer.Typer(help="Thư viện điều khoản: liệt kê, xem, kiểm tra.", no_args_is_help=True)
app.add_typer(clauses_app, name="clauses")

F = TypeVar("F", bound=Callable[..., Any])


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _stopped(exc: KeyboardInterrupt) -> None:
    """Say that Ctrl-C stopped the command, unless the command has said so itself."""
    from .errors import Interrupted

    if not isinstance(exc, Interrupted):
        _err("Đã dừng theo yêu cầu.")


def user_errors(func: F) -> F:
    """Print NqgenError messages (Vietnamese) and exit with their code, without a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .errors import NqgenError

        try:
            return func(*args, **kwargs)
        except NqgenError as exc:
            _err(f"Lỗi: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt as exc:
            _stopped(exc)
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


class KindOpt(StrEnum):
    kh_ubnd = "kh-ubnd"
    kh_du = "kh-du"
    both = "both"


class ScopeOpt(StrEnum):
    concise = "concise"
    full = "full"


_SCOPE_HELP = (
    "Phạm vi: concise (ngắn gọn như kế hoạch xã thường ban hành, mặc định) hoặc full (mọi điều"
    " khoản áp dụng được). Mặc định: theo hồ sơ (mục scope)."
)


@app.command()
@user_errors
def render(
    source: Annotated[
        Path, typer.Argument(help="Hồ sơ đơn vị (profile.yaml) hoặc kế hoạch đã soạn (plan.yaml).")
    ],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Tệp DOCX cần ghi.")] = None,
    kind: Annotated[
        KindOpt | None, typer.Option("--kind", help="Loại văn bản: kh-ubnd, kh-du hoặc both.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Xuất thêm PDF bằng LibreOffice.")] = False,
    check: Annotated[
        bool, typer.Option("--check/--no-check", help="Kiểm tra thể thức sau khi ghi.")
    ] = True,
    scope: Annotated[ScopeOpt | None, typer.Option("--scope", help=_SCOPE_HELP)] = None,
) -> None:
    """Dựng tệp DOCX của Kế hoạch từ hồ sơ đơn vị hoặc từ kế hoạch đã soạn."""
    from . import api

    results = api.render_files(
        source, output, kind.value if kind else None, force=force, pdf=pdf,
        scope=scope.value if scope else None,
    )
    for result in results:
        typer.echo(str(result.docx))
        if result.pdf:
            typer.echo(str(result.pdf))
        if check:
            for warning in api.check_written(result.docx):
                _err(f"Cảnh báo thể thức: {warning}")


@app.command()
@user_errors
def plan(
    profile: Annotated[Path, typer.Argument(help="Hồ sơ đơn vị (profile.yaml).")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Tệp plan.yaml cần ghi.")
    ] = None,
    kind: Annotated[
        KindOpt | None, typer.Option("--kind", help="Loại văn bản: kh-ubnd hoặc kh-du.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    scope: Annotated[ScopeOpt | None, typer.Option("--scope", help=_SCOPE_HELP)] = None,
) -> None:
    """Soạn kế hoạch (dạng YAML có thể sửa) từ hồ sơ đơn vị."""
    from . import api

    if kind == KindOpt.both:
        raise typer.BadParameter("lệnh plan chỉ nhận kh-ubnd hoặc kh-du")
    path = api.write_plan(
        profile, output, kind.value if kind else None, force=force,
        scope=scope.value if scope else None,
    )
    typer.echo(str(path))


@app.command()
@user_errors
def batch(
    profiles: Annotated[
        list[Path] | None,
        typer.Argument(help="Hồ sơ đơn vị (profile.yaml) thay cho hồ sơ mặc định của đơn vị đó."),
    ] = None,
    province: Annotated[
        str | None,
        typer.Option("--province", help="Mọi xã, phường, đặc khu của tỉnh này (vd. 'Quảng Ngãi')."),
    ] = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Cả 3.321 đơn vị cấp xã trong danh mục chính thức.")
    ] = False,
    kind: Annotated[
        KindOpt | None,
        typer.Option("--kind", help="Loại văn bản: kh-ubnd, kh-du hoặc both (mặc định kh-ubnd)."),
    ] = None,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Thư mục ghi kết quả (mỗi tỉnh một thư mục).")
    ] = Path("."),
    jobs: Annotated[
        int | None,
        typer.Option("-j", "--jobs", min=1, help="Số tiến trình song song (mặc định: số CPU)."),
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Xuất thêm PDF bằng LibreOffice.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Kiểm tra thể thức từng tệp sau khi ghi (chậm hơn).")
    ] = False,
    scope: Annotated[ScopeOpt | None, typer.Option("--scope", help=_SCOPE_HELP)] = None,
) -> None:
    """Soạn hàng loạt kế hoạch mẫu cho mọi đơn vị cấp xã của một tỉnh hoặc cả nước."""
    from . import batch as batch_mod
    from .errors import NqgenError

    if not profiles and not province and not everything:
        raise NqgenError("Cần --province TÊN, --all hoặc ít nhất một hồ sơ đơn vị.")
    if province and everything:
        raise NqgenError("Chỉ dùng một trong hai: --province hoặc --all.")
    selection = batch_mod.select(
        output, profiles or [], province, everything, kind.value if kind else None,
        scope=scope.value if scope else None,
    )
    if check:
        import importlib.util

        if importlib.util.find_spec("nqgen.check") is None:
            _err("Chưa có bộ kiểm tra thể thức (nqgen.check): bỏ qua --check.")
            check = False
    report = batch_mod.run_with_progress(selection, jobs, force, check, pdf)
    batch_mod.print_report(report, selection, output)
    if report.interrupted:
        raise typer.Exit(130)
    if report.failed:
        raise typer.Exit(1)


@app.command()
@user_errors
def new(
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output-dir", help="Thư mục ghi hồ sơ và kế hoạch (mặc định: thư mục hiện tại)."
        ),
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume", help="Tiếp tục phiên đã dừng từ tệp trả lời (.nqgen-answers.yaml)."
        ),
    ] = None,
    province: Annotated[
        str | None, typer.Option("--province", help="Tỉnh, thành phố (bỏ qua câu hỏi 1).")
    ] = None,
    commune: Annotated[
        str | None, typer.Option("--commune", help="Xã, phường, đặc khu (bỏ qua câu hỏi 2).")
    ] = None,
    kind: Annotated[
        KindOpt | None, typer.Option("--kind", help="Loại văn bản: kh-ubnd, kh-du hoặc both.")
    ] = None,
    defaults: Annotated[
        bool,
        typer.Option(
            "--defaults", help="Không hỏi gì: nhận mọi giá trị mặc định (dùng trong tập lệnh)."
        ),
    ] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Xuất thêm PDF bằng LibreOffice.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
) -> None:
    """Trình hỏi đáp: chọn tỉnh, xã, trả lời vài câu để có hồ sơ đơn vị và Kế hoạch (DOCX)."""
    from . import wizard

    wizard.run(
        output_dir,
        resume,
        province,
        commune,
        kind.value if kind else None,
        defaults=defaults,
        force=force,
        pdf=pdf,
        interactive=sys.stdin.isatty() and sys.stdout.isatty(),
    )


class TraceFormat(StrEnum):
    text = "text"
    csv = "csv"
    json = "json"


@app.command()
@user_errors
def trace(
    source: Annotated[Path, typer.Argument(help="Hồ sơ đơn vị hoặc kế hoạch đã soạn.")],
    kind: Annotated[KindOpt | None, typer.Option("--kind", help="kh-ubnd hoặc kh-du.")] = None,
    fmt: Annotated[
        TraceFormat, typer.Option("--format", help="text, csv hoặc json.")
    ] = TraceFormat.text,
    scope: Annotated[ScopeOpt | None, typer.Option("--scope", help=_SCOPE_HELP)] = None,
) -> None:
    """Nguồn của từng nhiệm vụ, chỉ tiêu và lý do có mặt trong Kế hoạch; mức bao phủ các nhóm
    NQ 57 và nhiệm vụ NQ 03."""
    from . import api
    from .library import load_library
    from .trace import trace_plan

    if kind == KindOpt.both:
        raise typer.BadParameter("lệnh trace chỉ nhận kh-ubnd hoặc kh-du")
    plan_ = api.plans_for(source, kind.value if kind else None, scope.value if scope else None)[0]
    result = trace_plan(plan_, load_library())
    typer.echo({"text": result.to_text, "csv": result.to_csv, "json": result.to_json}[fmt.value]())


@app.command()
@user_errors
def coverage(
    files: Annotated[list[Path], typer.Argument(help="Văn bản kế hoạch thật (.txt).")],
    hits: Annotated[bool, typer.Option("--hits", help="Liệt kê cả các câu đã khớp.")] = False,
    plan_source: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            help="Đo Kế hoạch soạn từ hồ sơ (hoặc kế hoạch đã soạn) này thay cho cả thư viện:"
            " độ bao phủ và độ chính xác so với từng kế hoạch thật.",
        ),
    ] = None,
) -> None:
    """Tỷ lệ câu nhiệm vụ của kế hoạch thật được thư viện (hoặc một Kế hoạch soạn) bao phủ."""
    from .coverage import coverage as run
    from .coverage import plan_report, report
    from .library import load_library

    library = load_library()
    if plan_source is None:
        typer.echo(report(run(files, library), show_hits=hits))
        return
    from . import api

    plan_ = api.plans_for(plan_source, None)[0]
    typer.echo("\n\n".join(plan_report(plan_, f, library) for f in files))


@app.command("check")
def check(
    files: Annotated[
        list[Path],
        typer.Argument(help="Các tệp .docx cần kiểm tra thể thức.", metavar="FILE.docx..."),
    ],
    standard: Annotated[
        str | None,
        typer.Option(
            "--standard",
            metavar="nd30|hd05|hd36",
            help="Chuẩn áp dụng: nd30 (Nghị định 30/2020), hd05 hoặc hd36 (văn bản của Đảng). "
            "Mặc định: tự nhận diện.",
        ),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", metavar="text|json", help="Định dạng: text hoặc json.")
    ] = "text",
) -> None:
    """Kiểm tra thể thức văn bản (Nghị định 30/2020/NĐ-CP; Hướng dẫn 05-HD/VPTW, 36-HD/VPTW).

    Thoát mã 0 khi không có lỗi, 1 khi có lỗi hoặc cảnh báo, 2 khi không đọc được tệp.
    """
    from .check.cli import run_check

    raise typer.Exit(run_check(files, standard, fmt))


@clauses_app.command("list")
@user_errors
def clauses_list(
    group: Annotated[
        str | None, typer.Option("--group", help="Chỉ nhóm nhiệm vụ này (mã nhóm).")
    ] = None,
    search: Annotated[str | None, typer.Option("--search", help="Tìm theo nội dung.")] = None,
) -> None:
    """Liệt kê các điều khoản của thư viện."""
    from . import api

    for line in api.list_clauses(group, search):
        typer.echo(line)


@clauses_app.command("show")
@user_errors
def clauses_show(clause_id: Annotated[str, typer.Argument(help="Mã điều khoản.")]) -> None:
    """Xem đầy đủ một điều khoản: nội dung, biến thể, cơ quan, thời hạn, nguồn."""
    from . import api

    typer.echo(api.show_clause(clause_id))


@clauses_app.command("check")
@user_errors
def clauses_check(
    root: Annotated[
        Path | None, typer.Option("--root", help="Thư mục thư viện (mặc định: clauses/).")
    ] = None,
) -> None:
    """Kiểm tra thư viện điều khoản; thoát mã 1 nếu có lỗi."""
    from . import api

    problems, summary = api.check_clauses(root)
    for problem in problems:
        typer.echo(f"LỖI {problem}")
    typer.echo(summary)
    if problems:
        raise typer.Exit(1)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt as exc:
        _stopped(exc)
        sys.exit(130)
