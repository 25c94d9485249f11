"""Scriptable API behind the CLI: load inputs, compose, render, write files safely.

Everything here raises :class:`nqgen.errors.NqgenError` (Vietnamese) for user mistakes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .compose import compose, load_source, plan_to_yaml
from .errors import ConverterError, InputError, UsageError
from .library import Problem as LibraryProblem
from .library import check_library, load_library
from .models import DocKind, Plan, Profile, Scope
from .output import check_targets, expect_suffix, write_file
from .profile_check import Problem, header_problems, problems
from .render import NO_LIBREOFFICE, Renderer, soffice, to_pdf
from .yamlio import line_of, read_yaml

Warn = Callable[[str], None]
"""Where warnings go (cảnh báo): the CLI prints them on stderr."""


@dataclass
class Written:
    """Paths written by :func:`render_files`."""

    docx: Path
    pdf: Path | None = None


def _report(found: list[Problem], warn: Warn | None) -> None:
    """Raise the errors among ``found`` (all of them, one per line); pass on the warnings."""
    errors = [p for p in found if p.severity == "error"]
    if errors:
        first = errors[0]
        rest = "".join(f"\n{p}" for p in errors[1:])
        raise InputError(first.file, first.message + rest, first.line, first.field)
    for problem in found:
        if warn is not None:
            warn(str(problem))


def check_profile(profile: Profile, source: Path, warn: Warn | None = None) -> yaml.Node | None:
    """:func:`nqgen.profile_check.problems` of a profile read from ``source``: raise its
    errors, pass on its warnings; returns the file's node tree (for lines)."""
    _, node = read_yaml(source)
    _report(problems(profile, load_library(), str(source), node), warn)
    return node


def plans_for(
    source: Path, kind: str | None, warn: Warn | None = None, scope: str | None = None
) -> list[Plan]:
    """The Plans a source yields: a plan file gives itself; a profile is checked
    (:mod:`nqgen.profile_check`) and composed.

    ``kind``: ``kh-ubnd``, ``kh-du``, ``both`` or None (the profile's default kind);
    ``scope``: ``concise``, ``full`` or None (the profile's ``scope``).
    """
    loaded = load_source(source)
    if isinstance(loaded, Plan):
        plan = loaded
        if kind and kind not in ("both", plan.kind.value):
            raise InputError(
                str(source), f"đây là kế hoạch loại {plan.kind.value}, không phải {kind}", 1, "kind"
            )
        if scope:
            raise UsageError(
                f"Tệp {source} là kế hoạch đã soạn: --scope chỉ dùng với hồ sơ đơn vị."
            )
        return [plan]
    profile = loaded
    node = check_profile(profile, source, warn)
    if scope:
        profile = profile.model_copy(update={"scope": Scope(scope)})
    try:
        plans = compose_profile(profile, kind, str(source))
    except InputError as exc:
        if exc.line is None and exc.field and exc.file == str(source):
            path = tuple(int(x) if x.isdigit() else x for x in exc.field.split("."))
            line = line_of(node, path)
            raise InputError(exc.file, exc.detail, line, exc.field) from None
        raise
    for plan in plans:
        _report(header_problems(plan, profile, str(source), node), warn)
    return plans


def compose_profile(profile: Profile, kind: str | None, source: str | None = None) -> list[Plan]:
    """The Plans of a profile held in memory (a front end's answers): one per document kind
    (``kind`` as in :func:`plans_for`); ``source`` names it in messages and provenance.
    InputError when no plan can be made from it (e.g. a plan dated before its parent)."""
    library = load_library()
    return [
        compose(profile, library, k, profile_path=source) for k in doc_kinds(kind, profile.kind)
    ]


def doc_kinds(kind: str | None, default: DocKind = DocKind.kh_ubnd) -> list[DocKind]:
    """The document kinds a ``--kind`` value names: ``both`` is the UBND plan and the party
    plan; None is ``default`` (the profile's kind)."""
    if kind == "both":
        return [DocKind.kh_ubnd, DocKind.kh_du]
    return [DocKind(kind) if kind else default]


def output_paths(source: Path, output: Path | None, kinds: list[DocKind]) -> list[Path]:
    """Where the plans of ``kinds`` go (:func:`output_path` for each)."""
    return [output_path(source, output, k, len(kinds) > 1) for k in kinds]


def existing(paths: list[Path]) -> list[Path]:
    """The ``paths`` that already exist (what a write without ``--force`` would refuse)."""
    return [p for p in paths if p.exists()]


def refuse_existing(paths: list[Path], force: bool) -> None:
    """Refuse, before anything is written, the files a write would refuse
    (:func:`nqgen.output.check_targets`: an existing file without ``force``, a folder…)."""
    check_targets(paths, force=force)


def output_path(source: Path, output: Path | None, kind: DocKind, several: bool) -> Path:
    """Where a rendered plan goes: ``-o`` as given, else ``<source stem>[-kh-du].docx`` here.

    With ``--kind both`` and ``-o X.docx`` the kinds are told apart: ``X-kh-ubnd.docx``,
    ``X-kh-du.docx``.
    """
    tail = "-kh-du" if kind == DocKind.kh_du else ""
    if output is None:
        return Path.cwd() / f"{source.stem}{tail}.docx"
    if several:
        tail = "-kh-du" if kind == DocKind.kh_du else "-kh-ubnd"
        return output.with_name(f"{output.stem}{tail}{output.suffix or '.docx'}")
    return output


def render_files(
    source: Path,
    output: Path | None,
    kind: str | None,
    force: bool = False,
    pdf: bool = False,
    warn: Warn | None = None,
    scope: str | None = None,
) -> list[Written]:
    """Render every Plan of ``source`` into DOCX (and PDF beside each with ``pdf``).

    Every file is checked before any is written (:func:`nqgen.output.check_targets`): never
    the input, never an existing file without ``force``; each is written atomically.
    """
    if output is not None:
        expect_suffix(output, (".docx",), "tệp Word (DOCX)", "ke-hoach.docx")
    plans = plans_for(source, kind, warn, scope)
    targets = output_paths(source, output, [p.kind for p in plans])
    pdfs = [t.with_suffix(".pdf") for t in targets] if pdf else []
    if pdf and soffice() is None:
        raise ConverterError(NO_LIBREOFFICE)
    check_targets(targets + pdfs, inputs=[source], force=force)
    documents = [Renderer(p.kind).render(p) for p in plans]
    written: list[Written] = []
    for data, target in zip(documents, targets, strict=True):
        write_file(target, data, force=force)
        written.append(Written(target))
    for result, pdf_target in zip(written, pdfs, strict=False):  # no PDF without --pdf
        result.pdf = to_pdf(result.docx, pdf_target, force=force)
    return written


def write_plan(
    profile: Path,
    output: Path | None,
    kind: str | None,
    force: bool = False,
    warn: Warn | None = None,
    scope: str | None = None,
) -> Path:
    """Compose a profile and write the Plan YAML (default ``<stem>.plan.yaml`` here)."""
    if output is not None:
        expect_suffix(output, (".yaml", ".yml"), "kế hoạch dạng YAML", "ke-hoach.plan.yaml")
    plan = plans_for(profile, kind, warn, scope)[0]
    target = output or Path.cwd() / f"{profile.stem}.plan.yaml"
    check_targets([target], inputs=[profile], force=force)
    write_file(target, plan_to_yaml(plan).encode("utf-8"), force=force)
    return target


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
