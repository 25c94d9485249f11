"""Batch plans for trainers (kế hoạch mẫu hàng loạt): one plan per commune-level unit of a
province or of the whole country, written in parallel and reproducibly.

docs/architecture.md ("Who uses it": trainer) — sample plans for the 3,321 commune-level units
of the official list (``vietnam-provinces``, see :mod:`nqgen.units`). Each unit gets its default
profile (:func:`nqgen.units.default_profile`: province registry of parent documents, unit-kind
defaults of bodies) unless an explicit profile for that unit is given; explicit profiles are
matched by official code, else by province, kind and name.

Output: ``DIR/<province slug>/<unit slug>[-kh-du].docx`` (ASCII; the unit slug carries the
official code, so the two "Xã Tân Khánh" get different files). The same inputs give
byte-identical files whatever the number of workers (:class:`nqgen.render.Renderer` writes
fixed zip times and order, compose is pure).

Speed: each worker process loads the clause library once and prepares each template once
(:func:`nqgen.render.renderer_for`); per plan it only composes, renders and writes. A unit that
fails is reported with its reason and the others go on. Ctrl-C and SIGTERM: workers ignore
both and finish the file in hand (written atomically by :func:`nqgen.output.write_file`); the
parent cancels the rest and waits for its workers to end, so no worker process, no
half-written and no temporary file is left.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from . import units
from .errors import (
    InputError,
    LibraryError,
    NqgenError,
    OutputError,
    UsageError,
)
from .kinds import DocKind, annual_suffix, doc_kinds, docx_name
from .models import PlanType, Profile, Scope
from .paths import REGISTRY_DIR
from .profile_check import Warn, check_profile
from .units import ProvinceInfo, UnitInfo, slugify


class Status(StrEnum):
    written = "written"
    failed = "failed"
    skipped = "skipped"  # the file exists and --force was not given


@dataclass(frozen=True)
class Job:
    """One output file: a unit (its default profile) or an explicit profile, one document kind.

    ``unit_code`` names an official unit whose default profile is built in the worker;
    ``profile``/``source`` carry an explicit profile and its file.
    """

    index: int
    label: str  # "Xã Tân Khánh, tỉnh Thái Nguyên (mã 05917)"
    target: Path
    kind: DocKind
    unit_code: int | None = None
    profile: Profile | None = None
    source: str | None = None
    scope: str | None = None  # concise / full, over the profile's own
    type: str | None = None  # implementation / annual, over the profile's own


@dataclass(frozen=True)
class Outcome:
    """What happened to a job (or to an input that never became one, ``index`` = -1)."""

    index: int
    label: str
    target: Path | None
    status: Status
    reason: str = ""
    warnings: tuple[str, ...] = ()


@dataclass
class Selection:
    """The jobs of a batch, the inputs that failed before any job (broken profiles) and the
    provinces of the selection that have no registry of parent documents yet."""

    jobs: list[Job] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)
    without_registry: list[ProvinceInfo] = field(default_factory=list)


@dataclass
class Report:
    """The outcome of every job, the elapsed wall time, the number of workers and whether the
    run was stopped (Ctrl-C) before the end."""

    outcomes: list[Outcome]
    seconds: float
    workers: int
    total: int
    interrupted: bool = False
    pdf_failed: list[Outcome] = field(default_factory=list)
    signal: int = signal.SIGINT  # what stopped an interrupted run

    @property
    def exit_code(self) -> int:
        """Exit code of an interrupted run: 128 + the signal (130 Ctrl-C, 143 SIGTERM)."""
        return 128 + int(self.signal)

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == Status.failed] + self.pdf_failed

    @property
    def ok(self) -> bool:
        return not self.failed and not self.interrupted


# --------------------------------------------------------------------------- selection


def unit_label(unit: UnitInfo) -> str:
    """``Xã Tân Khánh, tỉnh Thái Nguyên (mã 05917)``."""
    province = unit.province.official
    return f"{unit.official}, {province[0].lower()}{province[1:]} (mã {unit.code:05d})"


def match_unit(profile: Profile) -> UnitInfo | None:
    """The official unit an explicit profile is about (:func:`nqgen.units.official_unit`):
    None when the list has no such unit. Raises NqgenError for an unknown province or a code
    that names another unit (a mistyped code would otherwise replace some other commune's
    plan)."""
    unit = profile.unit
    return units.official_unit(unit.kind, unit.name, unit.province, unit.code)


def _load_explicit(path: Path, warn: Warn | None) -> Profile:
    """An explicit profile, checked as ``render`` checks it (:mod:`nqgen.profile_check`)."""
    from .cli_vi import invoked_as
    from .compose import load_source

    loaded = load_source(path)
    if not isinstance(loaded, Profile):
        raise InputError(
            str(path),
            f"đây là kế hoạch đã soạn; lệnh batch nhận hồ sơ đơn vị (dùng {invoked_as()} render)",
        )
    check_profile(loaded, path, warn)
    return loaded


def workers_for(requested: int | None) -> int:
    """Worker processes for ``-j``: the CPU count by default, never more (each worker holds
    the library and the templates; more workers than CPUs only cost memory).

    Raises UsageError for ``-j 0`` or a negative count."""
    cpus = os.cpu_count() or 1
    if requested is None:
        return cpus
    if requested < 1:
        raise UsageError(f"-j phải là số nguyên dương (1 đến {cpus}), không phải {requested}.")
    return min(requested, cpus)


def _check_outdir(outdir: Path) -> None:
    """One clear error for an output folder that is a file or cannot be written (instead of
    one failure per unit)."""
    from .output import _existing_ancestor

    ancestor = outdir if os.path.lexists(outdir) else _existing_ancestor(outdir)
    if not ancestor.is_dir():
        raise OutputError(f"Thư mục kết quả {outdir} không dùng được: {ancestor} là một tệp.")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise OutputError(f"Không có quyền ghi vào thư mục {ancestor}.")


def _explicit_profiles(
    profiles: Sequence[Path], warn: Warn | None, failed: list[Outcome]
) -> tuple[dict[int, tuple[Profile, Path]], list[tuple[Profile, Path]]]:
    """The explicit profiles by official unit code, and those of no unit in the official list
    (each with its file); a broken file or a second profile of one unit joins ``failed``."""
    explicit: dict[int, tuple[Profile, Path]] = {}
    unmatched: list[tuple[Profile, Path]] = []
    for path in profiles:
        try:
            profile = _load_explicit(path, warn)
            unit = match_unit(profile)
        except NqgenError as exc:
            failed.append(Outcome(-1, str(path), None, Status.failed, str(exc)))
            continue
        if unit is None:
            unmatched.append((profile, path))
        elif unit.code in explicit:
            other = explicit[unit.code][1]
            reason = f"cùng đơn vị {unit.official} với hồ sơ {other}; chỉ dùng {other}"
            failed.append(Outcome(-1, str(path), None, Status.failed, reason))
        else:
            explicit[unit.code] = (profile, path)
    return explicit, unmatched


def _annual_year(type: str | None, given: Profile | None) -> int | None:
    """The year of the annual plan a unit's job writes (its file name says it: the profile's
    plan year, else this year for a default profile), or None for the implementation plan."""
    annual = type == "annual" or (type is None and given is not None
                                   and given.type == PlanType.annual)  # fmt: skip
    if not annual:
        return None
    return given.plan_year(type=PlanType.annual) if given else date.today().year


def _require_templates(kinds: set[DocKind]) -> None:
    """TemplateError for a kind whose template is missing, before any job runs."""
    from .errors import TemplateError
    from .render import template_path

    for k in sorted(kinds):
        if not template_path(k).exists():
            raise TemplateError(
                f"Chưa có mẫu văn bản {template_path(k)} cho loại {k.value}; "
                "chưa dựng được loại văn bản này."
            )


def select(
    outdir: Path,
    profiles: Sequence[Path] = (),
    province: str | None = None,
    everything: bool = False,
    kind: str | None = None,
    warn: Warn | None = None,
    scope: str | None = None,
    type: str | None = None,
) -> Selection:
    """The jobs of a batch.

    ``scope`` (``concise`` or ``full``) replaces every profile's own scope when given, ``type``
    (``implementation`` or ``annual``) every profile's type; an annual plan's file is named
    ``<unit>-cds-<year>.docx`` beside the implementation plan's.
    ``province``/``everything`` choose official units (default profiles); ``profiles`` are
    explicit profile files, which replace the default profile of their unit. ``kind``:
    ``kh-ubnd``, ``kh-du``, ``both`` or None (kh-ubnd for default profiles, the profile's own
    kind for explicit ones). Raises NqgenError for an unknown province or kind, an output
    folder that is a file, or a kind whose template is missing; a broken profile file becomes
    a failed Outcome, not an exception.
    """
    doc_kinds(kind)  # UsageError for a kind that names none, before anything else
    _check_outdir(outdir)
    selection = Selection()
    if everything:
        chosen = list(units.all_units())
    elif province:
        chosen = units.units_of(units.find_province(province))
    else:
        chosen = []
    explicit, unmatched = _explicit_profiles(profiles, warn, selection.failed)
    order = list(chosen)
    seen = {u.code for u in order}
    by_code = {u.code: u for u in units.all_units()}
    order += [by_code[code] for code in explicit if code not in seen]

    # (label, province slug, unit slug, explicit profile and its file or None, unit code)
    entries: list[tuple[str, str, str, tuple[Profile, Path] | None, int | None]] = []
    for unit in order:
        given = explicit.get(unit.code)
        label = unit_label(unit) + (f" — hồ sơ {given[1]}" if given else "")
        entries.append((label, unit.province.slug, unit.slug, given, unit.code))
    for profile, path in unmatched:
        label = f"{profile.unit.full_name}, tỉnh {profile.unit.province} — hồ sơ {path}"
        unit_slug = slugify(f"{profile.unit.kind.value} {profile.unit.name}")
        entries.append((label, slugify(profile.unit.province), unit_slug, (profile, path), None))

    used: dict[Path, str] = {}
    needed: set[DocKind] = set()
    for label, province_slug, unit_slug, given, code in entries:
        unit_slug += annual_suffix(_annual_year(type, given[0] if given else None))
        for k in doc_kinds(kind, given[0].kind if given else DocKind.kh_ubnd):
            target = outdir / province_slug / docx_name(unit_slug, k)
            if target in used:
                reason = f"trùng tên tệp {target} với {used[target]}"
                selection.failed.append(Outcome(-1, label, target, Status.failed, reason))
                continue
            used[target] = label
            needed.add(k)
            selection.jobs.append(
                Job(
                    index=len(selection.jobs),
                    label=label,
                    target=target,
                    kind=k,
                    unit_code=None if given else code,
                    profile=given[0] if given else None,
                    source=str(given[1]) if given else None,
                    scope=scope,
                    type=type,
                )
            )
    _require_templates(needed)
    provinces = {u.province for u in chosen}
    selection.without_registry = [
        p for p in units.provinces() if p in provinces and not units.has_registry(p)
    ]
    return selection


# --------------------------------------------------------------------------- one job


_UNITS: dict[int, UnitInfo] = {}


def _unit(code: int) -> UnitInfo:
    if not _UNITS:
        _UNITS.update((u.code, u) for u in units.all_units())
    return _UNITS[code]


def run_job(job: Job, force: bool = False, check: bool = False) -> Outcome:
    """Compose, render and write one job's file; any error becomes a failed Outcome."""
    from .compose import compose
    from .library import load_library
    from .output import write_file
    from .render import renderer_for

    try:
        if job.profile is not None:
            profile, source = job.profile, job.source
        else:
            assert job.unit_code is not None
            unit = _unit(job.unit_code)
            profile, source = units.default_profile(unit), None
        if job.scope:
            profile = profile.model_copy(update={"scope": Scope(job.scope)})
        if job.type:
            profile = profile.model_copy(update={"type": PlanType(job.type)})
        try:
            plan = compose(profile, load_library(), job.kind, profile_path=source)
        except InputError as exc:
            if job.profile is not None:
                raise
            raise LibraryError(_default_profile_gap(_unit(job.unit_code or 0), exc)) from None
        data = renderer_for(job.kind).render(plan)
        write_file(job.target, data, force=force)
    except NqgenError as exc:
        return Outcome(job.index, job.label, job.target, Status.failed, str(exc))
    except Exception as exc:  # noqa: BLE001 - one unit's defect must not stop the batch
        reason = f"lỗi không mong đợi ({type(exc).__name__}): {exc}"
        return Outcome(job.index, job.label, job.target, Status.failed, reason)
    warnings: tuple[str, ...] = ()
    if check:
        from .check import check_docx

        warnings = tuple(str(f) for f in check_docx(job.target).findings)
    return Outcome(job.index, job.label, job.target, Status.written, warnings=warnings)


def _default_profile_gap(unit: UnitInfo, exc: InputError) -> str:
    """Why the default profile of ``unit`` cannot give a plan, in Vietnamese."""
    where = f" (trường '{exc.field}')" if exc.field else ""
    reason = f"hồ sơ mặc định chưa đủ dữ liệu{where}: {exc.detail}"
    if exc.field == "parents" and not units.has_registry(unit.province):
        reason += (
            f"; {unit.province.official} chưa có sổ văn bản căn cứ "
            f"({REGISTRY_DIR / (unit.province.slug + '.yaml')})"
        )
    return reason


_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM) if hasattr(signal, "SIGTERM") else (signal.SIGINT,)


class _Terminated(BaseException):
    """SIGTERM in a worker during a job: unwinds it (its ``finally`` blocks remove the
    temporary file in hand); not an Exception, so run_job does not report it as a failure."""


_in_job = False


def _worker_exit(signum: int, _frame: object) -> None:
    if _in_job:
        raise _Terminated()
    os._exit(128 + signum)  # idle: nothing to clean up


def _job_in_worker(job: Job, force: bool, check: bool) -> Outcome:
    """:func:`run_job` in a worker process; on SIGTERM the job is unwound, then the worker
    exits (the executor ends a broken pool's workers so; they must not take the next job)."""
    global _in_job
    _in_job = True
    try:
        return run_job(job, force, check)
    except _Terminated:
        os._exit(128 + signal.SIGTERM)
    finally:
        _in_job = False


def _worker_init() -> None:
    """Worker start: ignore Ctrl-C (the parent decides; the file in hand is finished); on
    SIGTERM (the executor ending a broken pool, or a stop sent to the whole process group)
    exit at once but through the ``finally`` blocks, so the temporary file of the document in
    hand is removed. Then load the library once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if len(_STOP_SIGNALS) > 1:
        signal.signal(signal.SIGTERM, _worker_exit)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, set(_STOP_SIGNALS))
    from .library import load_library

    load_library()


# --------------------------------------------------------------------------- running


class Stopped(KeyboardInterrupt):
    """SIGTERM received: stop as Ctrl-C does (raised in the main thread by the handler)."""


@contextmanager
def _sigterm_stops() -> Iterator[None]:
    """During a run, SIGTERM stops the batch as Ctrl-C does (the files in hand are finished,
    the workers end, nothing half-written is left), instead of killing the parent alone and
    leaving its workers running."""
    if threading.current_thread() is not threading.main_thread() or len(_STOP_SIGNALS) < 2:
        yield
        return

    def stop(_signum: int, _frame: object) -> None:
        raise Stopped()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _stop_signals_blocked() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while worker processes are started, so that none is stopped
    before its initializer has set it to ignore them; a signal meanwhile is delivered
    afterwards."""
    usable = hasattr(signal, "pthread_sigmask")
    if usable:
        signal.pthread_sigmask(signal.SIG_BLOCK, set(_STOP_SIGNALS))
    try:
        yield
    finally:
        if usable:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, set(_STOP_SIGNALS))


@contextmanager
def _stop_signals_ignored() -> Iterator[None]:
    """Ignore further Ctrl-C and SIGTERM while the workers finish the file in hand (main
    thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in _STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run(
    selection: Selection,
    workers: int | None = None,
    force: bool = False,
    check: bool = False,
    pdf: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> Report:
    """Write every job of ``selection`` with ``workers`` processes (default: CPU count).

    A job whose file exists (or, with ``pdf``, whose PDF exists) is skipped unless ``force``.
    ``on_start(n)`` is called with the number of jobs to run and ``on_done`` after each.
    Ctrl-C or SIGTERM stops the run: the report says so (``interrupted``, ``signal``) and only
    complete files are left.
    """
    started = time.perf_counter()
    workers = workers_for(workers)
    outcomes: list[Outcome] = list(selection.failed)
    todo: list[Job] = []
    for job in selection.jobs:
        mine = [job.target, job.target.with_suffix(".pdf")] if pdf else [job.target]
        existing = [p for p in mine if os.path.lexists(p)]
        if existing and not force:
            reason = "tệp đã có" + ("" if existing[0] == job.target else f": {existing[0]}")
            outcomes.append(Outcome(job.index, job.label, job.target, Status.skipped, reason))
        else:
            todo.append(job)
    if on_start:
        on_start(len(todo))
    done: dict[int, Outcome] = {}

    def finish(outcome: Outcome) -> None:
        done[outcome.index] = outcome
        if on_done:
            on_done(outcome)

    interrupted: KeyboardInterrupt | None = None
    with _sigterm_stops():
        if workers == 1 or len(todo) <= 1:
            workers = 1
            try:
                for job in todo:
                    finish(run_job(job, force, check))
            except KeyboardInterrupt as exc:
                interrupted = exc
        else:
            interrupted = _run_pool(todo, workers, force, check, finish)
        outcomes += [done[i] for i in sorted(done)]
        report = Report(outcomes, 0.0, workers, len(selection.jobs), interrupted is not None)
        if pdf and interrupted is None:
            written = [o for o in outcomes if o.status == Status.written and o.target]
            try:
                report.pdf_failed = convert_pdfs(written, workers, force)
            except KeyboardInterrupt as exc:
                interrupted = exc
                report.interrupted = True
    if isinstance(interrupted, Stopped):
        report.signal = signal.SIGTERM
    report.seconds = time.perf_counter() - started
    return report


def _run_pool(
    todo: list[Job], workers: int, force: bool, check: bool, finish: Callable[[Outcome], None]
) -> KeyboardInterrupt | None:
    """Run ``todo`` on a process pool; returns what stopped it (Ctrl-C, SIGTERM) or None."""
    executor = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init)
    futures: dict[Future[Outcome], Job] = {}
    reported: set[int] = set()

    def collect(future: Future[Outcome]) -> None:
        try:
            outcome = future.result()
        except Exception as exc:  # noqa: BLE001 - e.g. a worker killed by the system
            job = futures[future]
            reason = f"tiến trình con dừng bất thường ({type(exc).__name__}): {exc}"
            outcome = Outcome(job.index, job.label, job.target, Status.failed, reason)
        if outcome.index not in reported:
            reported.add(outcome.index)
            finish(outcome)

    try:
        with _stop_signals_blocked():
            futures = {executor.submit(_job_in_worker, job, force, check): job for job in todo}
        for future in as_completed(futures):
            collect(future)
        executor.shutdown()
        return None
    except KeyboardInterrupt as exc:
        with _stop_signals_ignored():
            executor.shutdown(wait=True, cancel_futures=True)
            for future in futures:
                if future.done() and not future.cancelled():
                    collect(future)
        return exc


# --------------------------------------------------------------------------- PDF


def convert_pdfs(
    written: list[Outcome], workers: int, force: bool = False, chunk: int = 40
) -> list[Outcome]:
    """PDF beside each written DOCX (:func:`nqgen.pdf.to_pdfs`): one LibreOffice per chunk of
    files of one folder, ``workers`` of them at a time. Returns the files that failed."""
    from concurrent.futures import ThreadPoolExecutor

    from .pdf import soffice, to_pdfs

    if soffice() is None:
        reason = "chưa cài LibreOffice nên không xuất được PDF"
        return [Outcome(o.index, o.label, o.target, Status.failed, reason) for o in written]
    groups: dict[Path, list[Path]] = {}
    for o in written:
        assert o.target is not None
        groups.setdefault(o.target.parent, []).append(o.target)
    chunks = [
        items[i : i + chunk] for items in groups.values() for i in range(0, len(items), chunk)
    ]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        found = list(pool.map(lambda c: to_pdfs(c, force), chunks))
    failed = [item for chunk_failed in found for item in chunk_failed.items()]
    by_docx = {o.target: o for o in written}
    return [
        Outcome(by_docx[docx].index, by_docx[docx].label, docx.with_suffix(".pdf"), Status.failed,
                str(exc))
        for docx, exc in failed
    ]  # fmt: skip
