"""Command line (giao diện dòng lệnh): a thin typer layer over the Python API.

Heavy modules (docxtpl, lxml, pydantic models) are imported inside the commands so that
``nqgen --help`` and the wizard start fast. Everything a user sees is Vietnamese, typer's own
help and usage errors included (:mod:`nqgen.cli_vi`). Errors are mapped to exit codes in one
place, :func:`run`: a usage error or any :class:`~nqgen.errors.NqgenError` exits 2 with its
message and no traceback; Ctrl-C exits 130; anything else is an internal error, one
Vietnamese line and exit 70 (the traceback only with ``--debug``).
"""

from __future__ import annotations

import os
import sys
import unicodedata
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .cli_vi import ClickUsageError, Command, Group, invoked_as
from .kinds import DocKind, KindChoice, one_kind

EXIT_USER, EXIT_INTERNAL, EXIT_INTERRUPTED = 2, 70, 130

app = typer.Typer(
    help="nqgen — soạn Kế hoạch triển khai Nghị quyết 57-NQ/TW cho xã, phường, đặc khu.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    cls=Group,
)
clauses_app = typer.Typer(
    help="Thư viện điều khoản: liệt kê, xem, kiểm tra.", no_args_is_help=True, cls=Group
)
app.add_typer(clauses_app, name="clauses")


def _err(message: str) -> None:
    typer.echo(_visible(message), err=True)


def _warn(message: str) -> None:
    _err(message)


def _visible(text: str) -> str:
    """``text`` with control characters shown as ``\\x1b`` (a message may quote what a user
    typed; an ESC must not reach the terminal)."""
    return "".join(
        f"\\x{ord(ch):02x}" if ch != "\n" and unicodedata.category(ch) == "Cc" else ch
        for ch in text
    )


@app.callback()
def _root(
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="Khi gặp lỗi nội bộ: in chi tiết (traceback) để gửi người phát triển. "
            "Đặt được ở bất kỳ đâu trên dòng lệnh.",
        ),
    ] = False,
) -> None:
    """nqgen — soạn Kế hoạch triển khai Nghị quyết 57-NQ/TW cho xã, phường, đặc khu."""


KIND_METAVAR = "kh-ubnd|kh-du|both"

# The options several commands share, declared once (ghi đè, PDF, loại kế hoạch, kiểm tra).
ForceOption = Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")]
PdfOption = Annotated[bool, typer.Option("--pdf", help="Xuất thêm PDF bằng LibreOffice.")]
PlanKindOption = Annotated[
    DocKind | None,
    typer.Option("--kind", help="Loại kế hoạch: kh-ubnd hoặc kh-du.", metavar="kh-ubnd|kh-du"),
]
CheckOption = Annotated[
    bool,
    typer.Option(
        "--check/--no-check",
        help="Kiểm tra thể thức sau khi ghi (mặc định: có).",
        show_default=False,
    ),
]


class ScopeOpt(StrEnum):
    concise = "concise"
    full = "full"


_SCOPE_HELP = (
    "Phạm vi: concise (ngắn gọn như kế hoạch xã thường ban hành) hoặc full (mọi điều khoản áp"
    " dụng được). Mặc định: theo hồ sơ (mục scope, thường là concise)."
)
ScopeOption = Annotated[
    ScopeOpt | None,
    typer.Option("--scope", help=_SCOPE_HELP, metavar="concise|full", show_default=False),
]


class TypeOpt(StrEnum):
    implementation = "implementation"
    annual = "annual"


_TYPE_HELP = (
    "Loại kế hoạch: implementation (Kế hoạch triển khai Nghị quyết 57-NQ/TW) hoặc annual (Kế"
    " hoạch chuyển đổi số năm: năm, số, ngày ở mục annual của hồ sơ). Mặc định: theo hồ sơ"
    " (mục type, thường là implementation)."
)
TypeOption = Annotated[
    TypeOpt | None,
    typer.Option("--type", help=_TYPE_HELP, metavar="implementation|annual", show_default=False),
]


@app.command(cls=Command)
def render(
    source: Annotated[
        Path,
        typer.Argument(
            help="Hồ sơ đơn vị (profile.yaml) hoặc kế hoạch đã soạn (plan.yaml).",
            metavar="HỒ_SƠ.yaml",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Tệp DOCX cần ghi.", metavar="TỆP.docx"),
    ] = None,
    kind: Annotated[
        KindChoice | None,
        typer.Option(
            "--kind", help="Loại văn bản: kh-ubnd, kh-du hoặc both.", metavar=KIND_METAVAR
        ),
    ] = None,
    force: ForceOption = False,
    pdf: PdfOption = False,
    check: CheckOption = True,
    scope: ScopeOption = None,
    type_: TypeOption = None,
) -> None:
    """Dựng tệp DOCX của Kế hoạch từ hồ sơ đơn vị hoặc từ kế hoạch đã soạn."""
    from . import api

    kinds = kind.value if kind else None
    results = api.render_files(
        source, output, kinds, force=force, pdf=pdf, warn=_warn,
        scope=scope.value if scope else None, type=type_.value if type_ else None,
    )
    for result in results:
        typer.echo(str(result.docx))
        if result.pdf:
            typer.echo(str(result.pdf))
        if check:
            for warning in api.check_written(result.docx):
                _err(f"Cảnh báo thể thức: {warning}")


@app.command(cls=Command)
def plan(
    profile: Annotated[
        Path, typer.Argument(help="Hồ sơ đơn vị (profile.yaml).", metavar="HỒ_SƠ.yaml")
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Tệp plan.yaml cần ghi.", metavar="TỆP.yaml"),
    ] = None,
    kind: Annotated[
        KindChoice | None,
        typer.Option("--kind", help="Loại văn bản: kh-ubnd hoặc kh-du.", metavar="kh-ubnd|kh-du"),
    ] = None,
    force: ForceOption = False,
    scope: ScopeOption = None,
    type_: TypeOption = None,
) -> None:
    """Soạn kế hoạch (dạng YAML có thể sửa) từ hồ sơ đơn vị."""
    from . import api

    path = api.write_plan(
        profile, output, one_kind(kind, "plan"), force=force, warn=_warn,
        scope=scope.value if scope else None, type=type_.value if type_ else None,
    )
    typer.echo(str(path))


@app.command(cls=Command)
def track(
    source: Annotated[
        Path,
        typer.Argument(
            help="Kế hoạch đã soạn (plan.yaml) hoặc hồ sơ đơn vị (profile.yaml).",
            metavar="KẾ_HOẠCH.yaml",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Tệp sổ theo dõi cần ghi.", metavar="TỆP.xlsx"),
    ] = None,
    kind: PlanKindOption = None,
    type_: TypeOption = None,
    force: ForceOption = False,
    ics: Annotated[
        bool,
        typer.Option(
            "--ics",
            help="Ghi thêm lịch (.ics, cùng tên) các hạn nhiệm vụ và hạn gửi báo cáo, nhập được "
            "vào Outlook, Google Calendar, điện thoại.",
        ),
    ] = False,
) -> None:
    """Lập sổ theo dõi thực hiện Kế hoạch (Excel): nhiệm vụ, chỉ tiêu, hướng dẫn."""
    from . import api

    for path in api.track_files(
        source, output, kind.value if kind else None, force, ics, _warn,
        type=type_.value if type_ else None,
    ):
        typer.echo(str(path))


@app.command(cls=Command)
def report(
    source: Annotated[
        Path,
        typer.Argument(
            help="Kế hoạch đã ban hành (plan.yaml) hoặc hồ sơ đơn vị (profile.yaml), có số và "
            "ngày ban hành.",
            metavar="KẾ_HOẠCH.yaml",
        ),
    ],
    tracking: Annotated[
        Path,
        typer.Option("--tracking", help="Sổ theo dõi đã điền (nqgen track).", metavar="SỔ.xlsx"),
    ],
    period: Annotated[
        str,
        typer.Option(
            "--period",
            help='Kỳ báo cáo: "quý II/2026", "6 tháng đầu năm 2026", "9 tháng 2026", '
            '"năm 2026", "tháng 3/2026", "lũy kế đến 30/6/2026" (gõ có dấu hoặc không dấu).',
            metavar="KỲ",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Tệp báo cáo (DOCX) cần ghi.", metavar="TỆP.docx"),
    ] = None,
    kind: PlanKindOption = None,
    type_: TypeOption = None,
    number: Annotated[
        str | None,
        typer.Option("--number", help="Số của báo cáo (mặc định để trống).", metavar="SỐ"),
    ] = None,
    when: Annotated[
        str | None,
        typer.Option(
            "--date", help="Ngày của báo cáo, dạng 15/06/2026 (mặc định để trống ngày).",
            metavar="NGÀY",
        ),
    ] = None,
    force: ForceOption = False,
    check: CheckOption = True,
) -> None:
    """Lập báo cáo kết quả thực hiện Kế hoạch (BC-UBND, BC/ĐU) từ sổ theo dõi."""
    from . import api

    path = api.report_file(
        source, tracking, period, output, kind.value if kind else None, force, number, when,
        _warn, type=type_.value if type_ else None,
    )
    typer.echo(str(path))
    if check:
        for warning in api.check_written(path):
            _err(f"Cảnh báo thể thức: {warning}")


@app.command(cls=Command)
def batch(
    profiles: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Hồ sơ đơn vị (profile.yaml) thay cho hồ sơ mặc định của đơn vị đó.",
            metavar="HỒ_SƠ.yaml",
        ),
    ] = None,
    province: Annotated[
        str | None,
        typer.Option(
            "--province",
            help="Mọi xã, phường, đặc khu của tỉnh này (vd. 'Quảng Ngãi').",
            metavar="TỈNH",
        ),
    ] = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Cả 3.321 đơn vị cấp xã trong danh mục chính thức.")
    ] = False,
    kind: Annotated[
        KindChoice | None,
        typer.Option(
            "--kind",
            help="Loại văn bản: kh-ubnd, kh-du hoặc both (mặc định kh-ubnd).",
            metavar=KIND_METAVAR,
        ),
    ] = None,
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="Thư mục ghi kết quả, mỗi tỉnh một thư mục (mặc định: thư mục hiện tại).",
            metavar="THƯ_MỤC",
            show_default=False,
        ),
    ] = Path("."),
    jobs: Annotated[
        int | None,
        typer.Option(
            "-j",
            "--jobs",
            help="Số tiến trình song song (mặc định và tối đa: số CPU của máy).",
            metavar="SỐ",
        ),
    ] = None,
    pdf: PdfOption = False,
    force: ForceOption = False,
    check: Annotated[
        bool, typer.Option("--check", help="Kiểm tra thể thức từng tệp sau khi ghi (chậm hơn).")
    ] = False,
    scope: ScopeOption = None,
    type_: TypeOption = None,
) -> None:
    """Soạn hàng loạt kế hoạch mẫu cho mọi đơn vị cấp xã của một tỉnh hoặc cả nước."""
    from . import batch as batch_mod
    from .cli_batch import print_report, run_with_progress
    from .errors import UsageError

    if not profiles and not province and not everything:
        raise UsageError("Cần --province TÊN, --all hoặc ít nhất một hồ sơ đơn vị.")
    if province and everything:
        raise UsageError("Chỉ dùng một trong hai: --province hoặc --all.")
    workers = batch_mod.workers_for(jobs)
    if jobs is not None and workers < jobs:
        _err(f"Máy có {workers} CPU: chỉ dùng {workers} tiến trình song song (yêu cầu -j {jobs}).")
    selection = batch_mod.select(
        output, profiles or [], province, everything, kind.value if kind else None, warn=_warn,
        scope=scope.value if scope else None, type=type_.value if type_ else None,
    )
    report = run_with_progress(selection, workers, force, check, pdf)
    print_report(report, selection, output)
    if report.interrupted:
        raise typer.Exit(report.exit_code)
    if report.failed:
        raise typer.Exit(1)


@app.command(cls=Command)
def new(
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output-dir",
            help="Thư mục ghi hồ sơ và kế hoạch (mặc định: thư mục hiện tại).",
            metavar="THƯ_MỤC",
        ),
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume",
            help="Tiếp tục phiên đã dừng từ tệp trả lời (.nqgen-answers.yaml).",
            metavar="TỆP",
        ),
    ] = None,
    province: Annotated[
        str | None,
        typer.Option("--province", help="Tỉnh, thành phố (bỏ qua câu hỏi 1).", metavar="TỈNH"),
    ] = None,
    commune: Annotated[
        str | None,
        typer.Option("--commune", help="Xã, phường, đặc khu (bỏ qua câu hỏi 2).", metavar="ĐƠN_VỊ"),
    ] = None,
    kind: Annotated[
        KindChoice | None,
        typer.Option(
            "--kind", help="Loại văn bản: kh-ubnd, kh-du hoặc both.", metavar=KIND_METAVAR
        ),
    ] = None,
    defaults: Annotated[
        bool,
        typer.Option(
            "--defaults", help="Không hỏi gì: nhận mọi giá trị mặc định (dùng trong tập lệnh)."
        ),
    ] = False,
    pdf: PdfOption = False,
    force: ForceOption = False,
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


@app.command(cls=Command)
def update(
    plan_file: Annotated[
        Path,
        typer.Argument(
            help="Kế hoạch đã soạn (plan.yaml), có thể đã sửa.", metavar="KẾ_HOẠCH.yaml"
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output",
            help="Tệp plan.yaml mới (mặc định: <tên>-cap-nhat.plan.yaml ở thư mục hiện tại).",
            metavar="TỆP.yaml",
        ),
    ] = None,
    force: ForceOption = False,
    profile: Annotated[
        Path | None,
        typer.Option(
            "--profile",
            help="Soạn lại từ hồ sơ này thay cho hồ sơ ghi trong kế hoạch (meta.profile_copy).",
            metavar="HỒ_SƠ.yaml",
        ),
    ] = None,
    library: Annotated[
        Path | None,
        typer.Option(
            "--library", help="Thư mục thư viện điều khoản (mặc định: thư viện của nqgen).",
            metavar="THƯ_MỤC",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Chỉ in nhật ký thay đổi, không ghi tệp.")
    ] = False,
) -> None:
    """Cập nhật kế hoạch đã soạn theo thư viện điều khoản hiện hành: giữ những chỗ bạn đã sửa,
    in nhật ký thay đổi từng điều khoản (thêm, thôi dùng, sửa lời, xung đột)."""
    from . import api

    result = api.update_file(
        plan_file, output, force=force, profile=profile, library_root=library,
        dry_run=dry_run, warn=_warn,
    )
    typer.echo(result.changelog)
    if result.path is not None:
        typer.echo(str(result.path))


class TraceFormat(StrEnum):
    text = "text"
    csv = "csv"
    json = "json"


@app.command(cls=Command)
def trace(
    source: Annotated[
        Path,
        typer.Argument(help="Hồ sơ đơn vị hoặc kế hoạch đã soạn.", metavar="HỒ_SƠ.yaml"),
    ],
    kind: Annotated[
        KindChoice | None,
        typer.Option("--kind", help="kh-ubnd hoặc kh-du.", metavar="kh-ubnd|kh-du"),
    ] = None,
    fmt: Annotated[
        TraceFormat,
        typer.Option("--format", help="text, csv hoặc json.", metavar="text|csv|json"),
    ] = TraceFormat.text,
    scope: ScopeOption = None,
) -> None:
    """Nguồn của từng nhiệm vụ, chỉ tiêu và lý do có mặt trong Kế hoạch; mức bao phủ các nhóm
    NQ 57 và nhiệm vụ NQ 03."""
    from . import api
    from .library import load_library
    from .trace import trace_plan

    plan_ = api.plans_for(
        source, one_kind(kind, "trace"), warn=_warn, scope=scope.value if scope else None
    )[0]
    result = trace_plan(plan_, load_library())
    typer.echo({"text": result.to_text, "csv": result.to_csv, "json": result.to_json}[fmt.value]())


@app.command(cls=Command)
def coverage(
    files: Annotated[
        list[Path],
        typer.Argument(help="Văn bản kế hoạch thật (.txt).", metavar="TỆP.txt..."),
    ],
    hits: Annotated[bool, typer.Option("--hits", help="Liệt kê cả các câu đã khớp.")] = False,
    plan_source: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            help="Đo Kế hoạch soạn từ hồ sơ (hoặc kế hoạch đã soạn) này thay cho cả thư viện:"
            " độ bao phủ và độ chính xác so với từng kế hoạch thật.",
            metavar="HỒ_SƠ.yaml",
        ),
    ] = None,
) -> None:
    """Tỷ lệ câu nhiệm vụ của kế hoạch thật được thư viện (hoặc một Kế hoạch soạn) bao phủ."""
    from .coverage import coverage as run_coverage
    from .coverage import plan_report, report
    from .library import load_library

    library = load_library()
    if plan_source is None:
        typer.echo(report(run_coverage(files, library), show_hits=hits))
        return
    from . import api

    plan_ = api.plans_for(plan_source, None, warn=_warn)[0]
    typer.echo("\n\n".join(plan_report(plan_, f, library) for f in files))


@app.command("check", cls=Command)
def check(
    files: Annotated[
        list[Path],
        typer.Argument(help="Các tệp .docx cần kiểm tra thể thức.", metavar="TỆP.docx..."),
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
        str,
        typer.Option(
            "--format",
            metavar="text|json",
            help="Định dạng: text hoặc json (mặc định: text).",
            show_default=False,
        ),
    ] = "text",
) -> None:
    """Kiểm tra thể thức văn bản (Nghị định 30/2020/NĐ-CP; Hướng dẫn 05-HD/VPTW, 36-HD/VPTW).

    Thoát mã 0 khi không có lỗi, 1 khi có lỗi hoặc cảnh báo, 2 khi không đọc được tệp.
    """
    from .check.cli import run_check

    raise typer.Exit(run_check(files, standard, fmt))


@app.command("fix", cls=Command)
def fix(
    source: Annotated[
        Path,
        typer.Argument(help="Tệp .docx cần sửa (không bị thay đổi).", metavar="TỆP.docx"),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Tệp .docx kết quả (bản đã sửa).", metavar="TỆP.docx"
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Chỉ liệt kê những chỗ sẽ sửa, không ghi tệp.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp kết quả đã có.")] = False,
    standard: Annotated[
        str | None,
        typer.Option(
            "--standard", metavar="nd30|hd05|hd36", help="Chuẩn áp dụng (mặc định: tự nhận diện)."
        ),
    ] = None,
) -> None:
    """Sửa các lỗi thể thức an toàn (lề, khổ giấy, phông, cỡ chữ, giãn dòng, dấu cách, số 0 của
    ngày tháng, dấu chấm dòng Lưu) vào một bản sao; không đổi chữ nào, không sửa tệp gốc.

    Thoát mã 0 khi xong, 2 khi không đọc được tệp, tệp có chữ ký số, hoặc tệp kết quả bị từ chối.
    """
    from .check.cli import run_fix

    raise typer.Exit(run_fix(source, output, standard=standard, dry_run=dry_run, force=force))


@app.command("serve", cls=Command)
def serve(
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="Địa chỉ nhận kết nối. Mặc định 127.0.0.1: chỉ máy này. 0.0.0.0: mọi máy trong "
            "mạng (chỉ dùng sau máy chủ proxy có đăng nhập, xem README).",
            metavar="ĐỊA_CHỈ",
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int,
        typer.Option("--port", help="Cổng (0: để hệ thống chọn).", metavar="CỔNG", min=0,
                     max=65535),
    ] = 8000,
) -> None:
    """Mở nqgen trong trình duyệt: soạn kế hoạch, kiểm tra thể thức, tải tệp về."""
    from .web.serve import run as run_server

    run_server(host, port)


@clauses_app.command("list", cls=Command)
def clauses_list(
    group: Annotated[
        str | None,
        typer.Option("--group", help="Chỉ nhóm nhiệm vụ này (mã nhóm).", metavar="NHÓM"),
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Tìm theo nội dung.", metavar="CHỮ")
    ] = None,
) -> None:
    """Liệt kê các điều khoản của thư viện."""
    from . import api

    for line in api.list_clauses(group, search):
        typer.echo(line)


@clauses_app.command("show", cls=Command)
def clauses_show(
    clause_id: Annotated[str, typer.Argument(help="Mã điều khoản.", metavar="MÃ")],
) -> None:
    """Xem đầy đủ một điều khoản: nội dung, biến thể, cơ quan, thời hạn, nguồn."""
    from . import api

    typer.echo(api.show_clause(clause_id))


@clauses_app.command("check", cls=Command)
def clauses_check(
    root: Annotated[
        Path | None,
        typer.Option("--root", help="Thư mục thư viện (mặc định: clauses/).", metavar="THƯ_MỤC"),
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


# --------------------------------------------------------------------------- errors -> exit


def run(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    The one place where errors become exit codes: usage errors and every NqgenError exit 2
    with a Vietnamese message; Ctrl-C exits 130; an unexpected exception is an internal error
    (exit 70), one Vietnamese line, its traceback only with ``--debug`` (or NQGEN_DEBUG=1).
    """
    from .cli_vi import ClickException, usage_error

    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or os.environ.get("NQGEN_DEBUG", "") not in ("", "0")
    args = [a for a in args if a != "--debug"]
    if os.name == "nt":  # cmd.exe does not expand *.txt; Click does it on Windows
        from typer._click.utils import _expand_args

        args = _expand_args(args)
    command = typer.main.get_command(app)
    name = invoked_as()
    try:
        with command.make_context(name, args) as ctx:
            command.invoke(ctx)
        return 0
    except (typer.Exit, SystemExit) as exc:
        code = exc.exit_code if isinstance(exc, typer.Exit) else exc.code
        return code if isinstance(code, int) else 0
    except ClickUsageError as exc:
        return _usage_exit(exc)
    except ClickException as exc:
        _err(f"Lỗi: {usage_error(exc)}")
        return EXIT_USER
    except KeyboardInterrupt as exc:
        from .errors import Interrupted

        if not isinstance(exc, Interrupted):  # the wizard has already said where it stopped
            _err("Đã dừng theo yêu cầu.")
        return EXIT_INTERRUPTED
    except typer.Abort:
        _err("Đã dừng theo yêu cầu.")
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the one place every error becomes an exit code
        return _error_exit(exc, debug)


def _usage_exit(exc: ClickUsageError) -> int:
    """A usage error of :func:`run`: the usage line and the Vietnamese reason (exit 2); a
    command given without arguments shows its help (exit 0)."""
    from .cli_vi import usage_error

    if exc.ctx is not None and type(exc).__name__ == "NoArgsIsHelpError":
        typer.echo(exc.ctx.get_help())
        return 0
    if exc.ctx is not None:
        _err(exc.ctx.get_usage())
        _err(f"Xem hướng dẫn: {exc.ctx.command_path} --help\n")
    _err(f"Lỗi: {usage_error(exc)}")
    return EXIT_USER


def _error_exit(exc: Exception, debug: bool) -> int:
    """Any other error of :func:`run`: an NqgenError or a file-system error is the user's
    (exit 2, its message); anything else is an internal error (exit 70, one line; the
    traceback with ``debug``)."""
    from .errors import NqgenError, os_reason

    if isinstance(exc, NqgenError):
        text = str(exc)
        _err(text if text.startswith("Lỗi") else f"Lỗi: {text}")
        return EXIT_USER
    if debug:
        import traceback

        traceback.print_exception(exc)
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        _err(f"Lỗi hệ thống tệp{where}: {os_reason(exc)}.")
        return EXIT_USER
    hint = "" if debug else " Chạy lại lệnh với --debug để xem chi tiết."
    _err(
        f"Lỗi nội bộ của nqgen ({type(exc).__name__}): đây là lỗi của chương trình, không "
        f"phải của dữ liệu.{hint} Xin gửi thông báo này cho người phát triển."
    )
    return EXIT_INTERNAL


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())
