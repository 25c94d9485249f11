"""Scriptable API behind the CLI: load inputs, compose, render, write files safely.

Everything here raises :class:`nqgen.errors.NqgenError` (Vietnamese) for user mistakes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .compose import compose, load_source, plan_to_yaml
from .errors import ConverterError, InputError, UsageError
from .kinds import annual_suffix, doc_kinds, one_kind, output_path
from .library import Problem as LibraryProblem
from .library import check_library, load_library
from .models import DocKind, Plan, PlanType, Profile, Scope
from .output import check_targets, expect_suffix, write_file
from .pdf import NO_LIBREOFFICE, soffice, to_pdf
from .profile_check import Warn, check_profile, header_problems, report
from .render import Renderer
from .yamlio import line_of, read_yaml


@dataclass
class Written:
    """Paths written by :func:`render_files`."""

    docx: Path
    pdf: Path | None = None


def plans_for(
    source: Path, kind: str | None, warn: Warn | None = None, scope: str | None = None,
    type: str | None = None,
) -> list[Plan]:
    """The Plans a source yields: a plan file gives itself (with a warning while it holds
    conflicts an update left, ``meta.conflicts``); a profile is checked
    (:mod:`nqgen.profile_check`) and composed.

    ``kind``: ``kh-ubnd``, ``kh-du``, ``both`` or None (the profile's default kind);
    ``scope``: ``concise``, ``full`` or None (the profile's ``scope``); ``type``:
    ``implementation``, ``annual`` or None (the profile's ``type``).
    """
    loaded = load_source(source)
    if isinstance(loaded, Plan):
        plan = loaded
        if plan.kind not in doc_kinds(kind, plan.kind):
            raise InputError(
                str(source), f"đây là kế hoạch loại {plan.kind.value}, không phải {kind}", 1, "kind"
            )
        for option, value in (("--scope", scope), ("--type", type)):
            if value:
                raise UsageError(
                    f"Tệp {source} là kế hoạch đã soạn: {option} chỉ dùng với hồ sơ đơn vị."
                )
        if plan.meta.conflicts and warn is not None:
            warn(conflicts_warning(source, plan))
        return [plan]
    profile = loaded
    node = check_profile(profile, source, warn)
    if scope:
        profile = profile.model_copy(update={"scope": Scope(scope)})
    if type:
        profile = profile.model_copy(update={"type": PlanType(type)})
    try:
        plans = compose_profile(profile, kind, str(source))
    except InputError as exc:
        if exc.line is None and exc.field and exc.file == str(source):
            path = tuple(int(x) if x.isdigit() else x for x in exc.field.split("."))
            line = line_of(node, path)
            raise InputError(exc.file, exc.detail, line, exc.field) from None
        raise
    for plan in plans:
        report(header_problems(plan, profile, str(source), node), warn)
    return plans


def conflicts_warning(source: Path, plan: Plan) -> str:
    """The warning for a plan that still holds conflicts an update left (xung đột)."""
    places = "; ".join(c.label for c in plan.meta.conflicts[:3])
    more = "; …" if len(plan.meta.conflicts) > 3 else ""
    return (
        f"Cảnh báo: {source} còn {len(plan.meta.conflicts)} chỗ xung đột sau khi cập nhật"
        f" ({places}{more}): Kế hoạch giữ bản bạn đã sửa; xem meta.conflicts, giữ một trong hai"
        " bản rồi xóa mục đó."
    )


def compose_profile(profile: Profile, kind: str | None, source: str | None = None) -> list[Plan]:
    """The Plans of a profile held in memory (a front end's answers): one per document kind
    (``kind`` as in :func:`plans_for`); ``source`` names it in messages and provenance.
    InputError when no plan can be made from it (e.g. a plan dated before its parent)."""
    library = load_library()
    return [
        compose(profile, library, k, profile_path=source) for k in doc_kinds(kind, profile.kind)
    ]


def output_paths(
    source: Path, output: Path | None, kinds: list[DocKind], extra: str = ""
) -> list[Path]:
    """Where the plans of ``kinds`` go (:func:`nqgen.kinds.output_path` for each)."""
    return [output_path(source, output, k, len(kinds) > 1, extra) for k in kinds]


def annual_stem(plan: Plan) -> str:
    """What the default file name of an annual plan adds (:func:`nqgen.kinds.annual_suffix`):
    ``-cds-2027``, so it never takes the name of the implementation plan; empty for that one."""
    return annual_suffix(plan.year if plan.type == PlanType.annual else None)


def refuse_existing(paths: list[Path], force: bool) -> None:
    """Refuse, before anything is written, the files a write would refuse
    (:func:`nqgen.output.check_targets`: an existing file without ``force``, a folder…)."""
    check_targets(paths, force=force)


def render_files(
    source: Path,
    output: Path | None,
    kind: str | None,
    force: bool = False,
    pdf: bool = False,
    warn: Warn | None = None,
    scope: str | None = None,
    type: str | None = None,
) -> list[Written]:
    """Render every Plan of ``source`` into DOCX (and PDF beside each with ``pdf``).

    Every file is checked before any is written (:func:`nqgen.output.check_targets`): never
    the input, never an existing file without ``force``; each is written atomically.
    """
    if output is not None:
        expect_suffix(output, (".docx",), "tệp Word (DOCX)", "ke-hoach.docx")
    plans = plans_for(source, kind, warn, scope, type)
    extra = annual_stem(plans[0]) if plans else ""
    targets = output_paths(source, output, [p.kind for p in plans], extra)
    pdfs = [t.with_suffix(".pdf") for t in targets] if pdf else []
    if pdf and soffice() is None:
        raise ConverterError(NO_LIBREOFFICE)
    check_targets(targets + pdfs, inputs=[source], force=force)
    documents = [Renderer(p.kind).render(p) for p in plans]
    written: list[Written] = []
    for data, target in zip(documents, targets, strict=True):
        write_file(target, data, force=force)
        written.append(Written(target))
    if pdf:
        for result in written:
            result.pdf = to_pdf(result.docx, force=force)
    return written


def write_plan(
    profile: Path,
    output: Path | None,
    kind: str | None,
    force: bool = False,
    warn: Warn | None = None,
    scope: str | None = None,
    type: str | None = None,
) -> Path:
    """Compose a profile and write the Plan YAML (default ``<stem>[-cds-Y].plan.yaml`` here)."""
    if output is not None:
        expect_suffix(output, (".yaml", ".yml"), "kế hoạch dạng YAML", "ke-hoach.plan.yaml")
    plan = plans_for(profile, kind, warn, scope, type)[0]
    target = output or Path.cwd() / f"{profile.stem}{annual_stem(plan)}.plan.yaml"
    check_targets([target], inputs=[profile], force=force)
    write_file(target, plan_to_yaml(plan).encode("utf-8"), force=force)
    return target


# --------------------------------------------------------------------------- after issuance


def _one_plan(
    source: Path, kind: str | None, warn: Warn | None, command: str, type: str | None = None
) -> Plan:
    return plans_for(source, one_kind(kind, command), warn, type=type)[0]


def _stem(source: Path) -> str:
    """``xop`` for ``xop.yaml`` and ``xop.plan.yaml``."""
    stem = source.stem
    return stem[: -len(".plan")] if stem.endswith(".plan") else stem


def plan_start(plan: Plan) -> date:
    """The first day of the plan's period: its date once issued, else the first day of its
    month (or year) — where a cumulative report period starts."""
    return plan.date.as_date() or date(plan.date.year, plan.date.month or 1, 1)


def track_files(
    source: Path,
    output: Path | None,
    kind: str | None = None,
    force: bool = False,
    ics: bool = False,
    warn: Warn | None = None,
    type: str | None = None,
) -> list[Path]:
    """Write the tracking register (sổ theo dõi, XLSX) of the plan of ``source`` (a plan file
    or a profile; ``type`` as in :func:`plans_for`) and, with ``ics``, its calendar beside it
    (same name, ``.ics``). Default name: ``<stem>-theo-doi.xlsx`` here
    (``<stem>-cds-2027-theo-doi.xlsx`` for an annual plan). Both files are checked before
    either is written."""
    from .cli_vi import invoked_as
    from .track.calendar import build_calendar
    from .track.register import build_register

    if output is not None:
        expect_suffix(output, (".xlsx",), "sổ theo dõi Excel (XLSX)", "theo-doi.xlsx")
    plan = _one_plan(source, kind, warn, "track", type)
    target = output or Path.cwd() / f"{_stem(source)}{annual_stem(plan)}-theo-doi.xlsx"
    targets = [target, target.with_suffix(".ics")] if ics else [target]
    check_targets(targets, inputs=[source], force=force)
    contents = [build_register(plan, invoked_as())]
    if ics:
        contents.append(build_calendar(plan))
    for path, data in zip(targets, contents, strict=True):
        write_file(path, data, force=force)
    return targets


def _not_issued(plan: Plan, source: Path) -> InputError:
    """The error for a report on a plan without its number or full date, naming the field
    where they are recorded (profile ``ubnd``/``party``, or a plan file's ``number``/``date``)."""
    data, node = read_yaml(source)
    in_plan = isinstance(data, dict) and "meta" in data and "body" in data
    side = "party" if plan.kind == DocKind.kh_du else "ubnd"
    name = "number" if not plan.number else "date"
    path: tuple[str | int, ...] = (name,) if in_plan else (side, name)
    message = (
        "Kế hoạch chưa ghi số và ngày ban hành, mà báo cáo phải trích dẫn Kế hoạch theo số và "
        "ngày. Khi Kế hoạch đã ký, ghi số (vd. '15') và ngày đủ ngày, tháng, năm (vd. {year: "
        "2025, month: 9, day: 12}) vào " + ("kế hoạch (number, date)" if in_plan
                                            else f"hồ sơ ({side}.number, {side}.date)")
    )
    line = line_of(node, path) or line_of(node, path[:1])
    return InputError(str(source), message, line, ".".join(map(str, path)))


def report_file(
    source: Path,
    tracking: Path,
    period: str,
    output: Path | None = None,
    kind: str | None = None,
    force: bool = False,
    number: str | None = None,
    when: str | None = None,
    warn: Warn | None = None,
    today: date | None = None,
    type: str | None = None,
) -> Path:
    """Write the report (báo cáo) on the plan of ``source`` for ``period`` from the register
    ``tracking``. ``number`` and ``when`` (``dd/mm/yyyy``) are the report's own; blank by
    default as in a draft. Every input is read and checked before anything is written; the
    register is only read. Default name: ``<stem>-bao-cao.docx`` here."""
    from .models import PartialDate, document_number
    from .track.period import parse_period
    from .track.register import read_register
    from .track.report import compose_report, render_report

    if output is not None:
        expect_suffix(output, (".docx",), "báo cáo Word (DOCX)", "bao-cao.docx")
    try:
        number = document_number(number)
    except ValueError as exc:
        raise UsageError(f"--number: {exc}.") from None
    report_date = None
    if when:
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", when.strip())
        try:
            if not m:
                raise ValueError
            report_date = PartialDate(year=int(m[3]), month=int(m[2]), day=int(m[1]))
        except ValueError:
            raise UsageError(
                f"--date '{when}' không phải ngày; ghi dạng ngày/tháng/năm, vd. 15/06/2026."
            ) from None
    plan = _one_plan(source, kind, warn, "report", type)
    if not plan.issued:
        raise _not_issued(plan, source)
    chosen = parse_period(period, plan_start(plan), today)
    if not tracking.is_file():
        raise UsageError(f"Không tìm thấy sổ theo dõi {tracking}.")
    register = read_register(tracking, plan)
    for message in register.warnings:
        if warn is not None:
            warn(f"Cảnh báo: {message}.")
    target = output or Path.cwd() / f"{_stem(source)}{annual_stem(plan)}-bao-cao.docx"
    check_targets([target], inputs=[source, tracking], force=force)
    report = compose_report(plan, register, chosen, number, report_date, str(source))
    write_file(target, render_report(report), force=force)
    return target


@dataclass
class Updated:
    """What :func:`update_file` did: the changelog text and the file written (None with
    ``dry_run``, or when nothing changed)."""

    changelog: str
    path: Path | None


def update_file(
    plan_path: Path,
    output: Path | None = None,
    force: bool = False,
    profile: Path | None = None,
    library_root: Path | None = None,
    dry_run: bool = False,
    warn: Warn | None = None,
) -> Updated:
    """``nqgen update``: the plan file composed again with the current library (or the one
    under ``library_root``), the user's edits kept (:mod:`nqgen.update`), written to
    ``output`` (default ``<name>-cap-nhat.plan.yaml`` here) with the output rules of
    :mod:`nqgen.output`: never the input, no overwrite without ``force``, atomic.

    ``profile`` replaces the profile the plan recorded. The library's ``CHANGELOG.md`` says
    why each clause changed. Nothing is written when the library is the one the plan was
    composed with and nothing changed.
    """
    from .paths import CLAUSES_DIR
    from .update import changelog_text, read_changelog, update_plan

    if output is not None:
        expect_suffix(output, (".yaml", ".yml"), "kế hoạch dạng YAML", "ke-hoach.plan.yaml")
    old = load_source(plan_path)
    if not isinstance(old, Plan):
        raise InputError(
            str(plan_path), "đây là hồ sơ đơn vị, không phải kế hoạch đã soạn (plan.yaml)",
            1, "meta",
        )
    name = plan_path.name.removesuffix(".yaml").removesuffix(".yml").removesuffix(".plan")
    target = output or Path.cwd() / f"{name}-cap-nhat.plan.yaml"
    inputs = [plan_path] + ([profile] if profile else [])
    if not dry_run:
        check_targets([target], inputs=inputs, force=force)
    source: Profile | None = None
    if profile is not None:
        loaded = load_source(profile)
        if isinstance(loaded, Plan):
            raise InputError(str(profile), "đây là kế hoạch, không phải hồ sơ đơn vị", 1, "meta")
        check_profile(loaded, profile, warn)
        source = loaded
    library = load_library(library_root)
    log = read_changelog((library_root or CLAUSES_DIR) / "CHANGELOG.md")
    result = update_plan(old, library, source, log)
    text = changelog_text(result, str(plan_path))
    if dry_run or result.nothing_new:
        return Updated(text, None)
    write_file(target, plan_to_yaml(result.plan).encode("utf-8"), force=force)
    return Updated(text, target)


def check_written(docx: Path) -> list[str]:
    """Format findings of a file nqgen just wrote (empty when the checker is not available)."""
    try:
        from .check import check_docx
    except ImportError:
        return []
    report = check_docx(docx)
    return [str(f) for f in report.findings]


# --------------------------------------------------------------------------- clauses


def list_clauses(group: str | None = None, search: str | None = None) -> list[str]:
    """One line per clause: ``id  [lead]  text`` (filtered by group id and/or text)."""
    import unicodedata

    lib = load_library()
    needle = unicodedata.normalize("NFC", search).casefold() if search else None
    lines: list[str] = []
    for g in lib.groups:
        if group and g.id != group:
            continue
        for task in g.tasks:
            hay = " ".join(filter(None, [task.text, task.text_party, task.summary])).casefold()
            if needle and needle not in hay:
                continue
            lines.append(f"{task.id}\t[{task.lead}]\t{task.summary or task.text}")
    if not group or group == "targets":
        for target in lib.targets:
            if needle and needle not in target.indicator.casefold():
                continue
            if group is None or group == "targets":
                lines.append(f"{target.id}\t[{target.monitor}]\t{target.indicator}")
    return lines


def show_clause(clause_id: str) -> str:
    """Everything about one clause, as text (Vietnamese labels)."""
    lib = load_library()
    for g in lib.groups:
        for t in g.tasks:
            if t.id == clause_id:
                lines = [
                    f"Mã: {t.id}",
                    f"Nhóm: {g.id} ({g.nq57 or 'nhóm địa phương'}) — {g.title}",
                    f"Nội dung (UBND): {t.text}",
                ]
                if t.text_party:
                    lines.append(f"Nội dung (Đảng ủy): {t.text_party}")
                if t.summary:
                    lines.append(f"Tóm tắt (phụ lục): {t.summary}")
                lines.append(
                    f"Chủ trì: {t.lead}" + (f" (Đảng ủy: {t.lead_party})" if t.lead_party else "")
                )
                lines.append("Phối hợp: " + (", ".join(t.partners) or "-"))
                if t.partners_party is not None:
                    lines.append("Phối hợp (Đảng ủy): " + (", ".join(t.partners_party) or "-"))
                lines.append(f"Thời hạn: {t.deadline.describe()}")
                if t.product:
                    lines.append(f"Sản phẩm: {t.product}")
                a = t.applies
                lines.append(
                    "Áp dụng: "
                    + ", ".join(u.value for u in a.units)
                    + "; văn bản: "
                    + ", ".join(d.value for d in a.documents)
                    + ("; bắt buộc" if a.core else "; tùy chọn")
                    + ("; lĩnh vực: " + ", ".join(s.value for s in a.sectors) if a.sectors else "")
                    + (f"; từ kế hoạch năm {a.since}" if a.since else "")
                )
                lines.append("Nguồn:")
                for s in t.sources:
                    flag = " (chưa xác minh)" if s.unverified else ""
                    lines.append(f"  - {s.ref}{flag}" + (f": {s.note}" if s.note else ""))
                return "\n".join(lines)
    for target in lib.targets:
        if target.id == clause_id:
            return "\n".join(
                [
                    f"Mã: {target.id}",
                    f"Chỉ tiêu: {target.indicator}",
                    f"Giá trị: {target.comparison.value} {target.value} {target.unit}"
                    f" (năm {target.year})",
                    f"Theo dõi: {target.monitor}",
                    "Nguồn: " + "; ".join(s.ref for s in target.sources),
                ]
            )
    from .cli_vi import invoked_as

    raise UsageError(f"Không có điều khoản mã '{clause_id}' (xem: {invoked_as()} clauses list).")


def check_clauses(root: Path | None = None) -> tuple[list[LibraryProblem], str]:
    """Run :func:`nqgen.library.check_library`; return the problems and a summary line."""
    lib = load_library(root)
    problems = check_library(lib, root)
    tasks = len(lib.task_ids())
    summary = (
        f"Thư viện {lib.version}: {len(lib.groups)} nhóm, {tasks} nhiệm vụ, "
        f"{len(lib.targets)} chỉ tiêu; {len(problems)} lỗi."
    )
    return problems, summary
