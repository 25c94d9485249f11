"""The web application (ứng dụng web): Starlette routes over :mod:`nqgen.questions`, the API
and the checker, Vietnamese pages from Jinja2 templates (autoescaped).

Routes:

- ``GET /`` — the start page: compose a plan, check a document, resume from a saved profile;
- ``GET /soan`` (``?cau=<id>`` to change one answer), ``POST /soan`` — one question of
  :data:`nqgen.questions.QUESTIONS` at a time, its validation message beside the field;
  ``POST /soan/mac-dinh`` takes the defaults for every remaining question, ``POST
  /soan/lam-lai`` starts again; ``GET /goi-y/<id>?q=`` filters a long list of choices
  (tone-insensitive) for the type-to-filter script;
- ``GET /soan/xem-lai`` — every answer, each with a link to change it; ``POST /soan/tao``;
- ``GET /ke-hoach`` — the plan in the page (sections and appendix tables, from the Plan) and
  the downloads of :func:`downloads`; ``GET /tai-ve/<key>``;
- ``POST /tiep-tuc`` — upload a profile saved earlier to resume;
- ``GET|POST /kiem-tra`` — upload a DOCX, see the findings grouped by rule with their places,
  ``GET /kiem-tra/ban-sua`` — the corrected copy (:func:`nqgen.check.fix_docx`).

Safety (issue 15): every request body is limited to :data:`MAX_UPLOAD` bytes; uploads are
read in memory or written under a fixed name in the visitor's private folder
(:mod:`nqgen.web.visitors`); every POST carries the CSRF token; the pages forbid inline
scripts and other origins (Content-Security-Policy), so text a user typed can only ever show
as text.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import questions as Q
from ..errors import InputError, NqgenError
from . import form as F
from .visitors import COOKIE, Visitor, Visitors

MAX_UPLOAD = 10 * 1024 * 1024  # bytes of one request (a DOCX, a profile)
MAX_PROFILE = 1024 * 1024  # a profile is a few KB
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SWEEP_EVERY = 300.0  # seconds between two sweeps of expired folders
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self'; "
     b"img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
     b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]  # fmt: skip

_RENDER_LOCK = threading.Lock()  # a Renderer is not thread-safe (nqgen.render)
_PDF_SLOTS = threading.BoundedSemaphore(2)  # LibreOffice conversions at once


# --------------------------------------------------------------------------- request limits


class BodyTooLarge(Exception):
    """A request body over :data:`MAX_UPLOAD` (refused with a Vietnamese page, 413)."""


class Guard:
    """ASGI middleware: refuse a body over ``limit`` bytes (by its Content-Length before
    reading, or while it streams) and add the security headers to every response."""

    def __init__(self, app: ASGIApp, limit: int = MAX_UPLOAD) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"0")
        received = 0

        async def limited() -> Message:
            nonlocal received
            if not declared.isdigit() or int(declared) > self.limit:
                raise BodyTooLarge
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise BodyTooLarge
            return message

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, limited, secured)


# --------------------------------------------------------------------------- pages


def _templates(folder: Path) -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,  # every value a user typed is escaped in every page
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=env)


@dataclass
class Site:
    """What the routes share: the visitors' folders and the templates."""

    visitors: Visitors
    templates: Jinja2Templates

    def visitor(self, request: Request) -> Visitor:
        return self.visitors.find_or_create(request.cookies.get(COOKIE))

    def page(
        self, request: Request, visitor: Visitor, name: str, status: int = 200, **context: Any
    ) -> Response:
        context.setdefault("section", "")
        response = self.templates.TemplateResponse(
            request, name, {"csrf": visitor.csrf, **context}, status_code=status
        )
        remember(request, visitor, response)
        return response

    def message(
        self, request: Request, title: str, text: str, status: int, visitor: Visitor | None = None
    ) -> Response:
        visitor = visitor or self.visitor(request)
        return self.page(request, visitor, "message.html", status, title=title, text=text)


def remember(request: Request, visitor: Visitor, response: Response) -> None:
    """Give a new visitor their cookie (HttpOnly, SameSite=Lax; Secure over HTTPS)."""
    if visitor.new:
        response.set_cookie(
            COOKIE, visitor.token, httponly=True, samesite="lax",
            secure=request.url.scheme == "https", path="/",
        )  # fmt: skip


def redirect(request: Request, visitor: Visitor, url: str) -> Response:
    response = RedirectResponse(url, status_code=303)
    remember(request, visitor, response)
    return response


Handler = Callable[[Site, Request, Visitor, Any], Awaitable[Response]]


def posted(handler: Handler) -> Callable[[Site, Request], Awaitable[Response]]:
    """A POST route: the form is read (within the limits) and its CSRF token checked."""

    async def route(site: Site, request: Request) -> Response:
        visitor = site.visitor(request)
        form = await request.form(max_files=1, max_fields=2000)
        if visitor.new or not visitor.csrf_ok(form.get("csrf")):
            return site.message(
                request, "Phiên làm việc đã hết hạn",
                "Trang này đã cũ hoặc phiên làm việc đã hết hạn (sau một thời gian không dùng, "
                "dữ liệu được xóa). Mời mở lại trang chủ và làm lại.", 403, visitor,
            )  # fmt: skip
        try:
            return await handler(site, request, visitor, form)
        finally:
            await form.close()

    return route


# --------------------------------------------------------------------------- the wizard


def _answers(visitor: Visitor) -> Q.Answers:
    return dict(visitor.load().get("answers") or {})


def _store(visitor: Visitor, answers: Q.Answers, **extra: Any) -> None:
    """Save the answers; the plans made from older answers and their files are forgotten
    (the checker's corrected copy is kept)."""
    kept = {k: v for k, v in visitor.load().items() if k == "fixed_name"}
    visitor.save({**kept, "answers": answers, **extra})
    visitor.remove("kh-ubnd.docx", "kh-du.docx", "kh-ubnd.pdf", "kh-du.pdf")


def _steps(answers: Q.Answers, current: Q.Question | None) -> list[dict[str, Any]]:
    """The side list of the wizard: every question that applies, its answer if any."""
    rows = {q.row: text for q, text in Q.review_rows(answers)}
    out, seen = [], set()
    for q in Q.active(answers):
        if q.row in seen:
            continue
        seen.add(q.row)
        out.append({
            "id": q.id, "label": q.label, "answer": rows.get(q.row, ""),
            "current": current is not None and current.row == q.row,
        })  # fmt: skip
    return out


def _question_page(
    site: Site, request: Request, visitor: Visitor, answers: Q.Answers, q: Q.Question,
    posted_form: Any = None, error: F.FormError | None = None, back_to_review: bool = False,
) -> Response:  # fmt: skip
    active = Q.active(answers)
    index = next(i for i, a in enumerate(active) if a.id == q.id)
    previous = active[index - 1] if index else None
    return site.page(
        request, visitor, "question.html", 422 if error else 200, section="soan",
        field=F.field(q, answers, posted_form, error), steps=_steps(answers, q),
        previous=previous, back_to_review=back_to_review, has_unit="commune" in answers,
    )  # fmt: skip


def _reachable(wanted: object, answers: Q.Answers) -> Q.Question | None:
    """The question named ``wanted`` if it may be shown or answered now: it applies, and it is
    answered already or it is the next one (not one whose earlier answers are missing, e.g.
    after the visitor's folder expired)."""
    q = Q.BY_ID.get(str(wanted))
    if q is None or not q.applies(answers):
        return None
    return q if q.id in answers or q is Q.next_question(answers) else None


async def wizard(site: Site, request: Request) -> Response:
    visitor = site.visitor(request)
    answers = _answers(visitor)
    wanted = request.query_params.get("cau")
    if wanted is not None:
        q = _reachable(wanted, answers)
        if q is None:
            return redirect(request, visitor, "/soan")
    else:
        q = Q.next_question(answers)
        if q is None:
            return redirect(request, visitor, "/soan/xem-lai")
    back = request.query_params.get("ve") == "xem-lai"
    return await run_in_threadpool(_question_page, site, request, visitor, answers, q, None,
                                   None, back)  # fmt: skip


@posted
async def answer(site: Site, request: Request, visitor: Visitor, form: Any) -> Response:
    answers = _answers(visitor)
    q = _reachable(form.get("cau", ""), answers)
    if q is None:
        return redirect(request, visitor, "/soan")  # e.g. a page older than the answers
    back = form.get("ve") == "xem-lai"
    if F.rearranged(form):
        return _question_page(site, request, visitor, answers, q, form, None, back)
    try:
        value = await run_in_threadpool(F.answer, q, form, answers)
    except F.FormError as exc:
        return await run_in_threadpool(_question_page, site, request, visitor, answers, q, form,
                                       exc, back)  # fmt: skip
    Q.record(answers, q, value)
    _store(visitor, answers)
    if Q.next_question(answers) is not None:
        return redirect(request, visitor, "/soan")
    if back:
        return redirect(request, visitor, "/soan/xem-lai")
    active = Q.active(answers)
    after = active[active.index(q) + 1 :] if q in active else []
    return redirect(request, visitor, f"/soan?cau={after[0].id}" if after else "/soan/xem-lai")


@posted
async def take_defaults(_site: Site, request: Request, visitor: Visitor, _form: Any) -> Response:
    answers = _answers(visitor)
    if "commune" in answers:
        await run_in_threadpool(Q.fill_defaults, answers)
        _store(visitor, answers)
    return redirect(request, visitor, "/soan/xem-lai" if "commune" in answers else "/soan")


@posted
async def start_again(_site: Site, request: Request, visitor: Visitor, _form: Any) -> Response:
    _store(visitor, {})
    return redirect(request, visitor, "/soan")


async def suggestions(site: Site, request: Request) -> Response:
    """The choices of a long list that match what was typed (type-to-filter), as JSON."""
    visitor = site.visitor(request)
    answers = _answers(visitor)
    q = Q.BY_ID.get(request.path_params["question"])
    if q is None or q.kind != Q.Kind.autocomplete or not q.applies(answers):
        return JSONResponse([], status_code=404)
    if any(d not in answers for d in q.depends):
        return JSONResponse([], status_code=404)
    typed = request.query_params.get("q", "")[:100]
    found = await run_in_threadpool(F.suggest, q, answers, typed)
    response = JSONResponse([{"value": c.title, "note": c.note} for c in found])
    remember(request, visitor, response)
    return response


async def review(site: Site, request: Request) -> Response:
    visitor = site.visitor(request)
    state = visitor.load()
    answers = dict(state.get("answers") or {})
    if Q.next_question(answers) is not None:
        return redirect(request, visitor, "/soan")
    return site.page(
        request, visitor, "review.html", section="soan", rows=Q.review_rows(answers),
        problem=state.get("problem"), notice=state.get("notice"),
    )  # fmt: skip


@posted
async def make(_site: Site, request: Request, visitor: Visitor, _form: Any) -> Response:
    """Check that the answers make their plans (as ``nqgen render`` would), then show them."""
    answers = _answers(visitor)
    if Q.next_question(answers) is not None:
        return redirect(request, visitor, "/soan")
    problem = await run_in_threadpool(Q.plan_problem, answers)
    if problem is not None:
        wrong, reason = problem
        _store(visitor, answers, problem=f"Chưa tạo được kế hoạch: {reason}")
        return redirect(request, visitor, "/soan/xem-lai")
    _store(visitor, answers, made=True)
    return redirect(request, visitor, "/ke-hoach")


# --------------------------------------------------------------------------- the plans


@dataclass
class Made:
    """The plans of a visitor's answers (kế hoạch đã tạo), composed again on each request
    (the same answers give the same plans, byte for byte)."""

    visitor: Visitor
    answers: Q.Answers
    profile: Any  # nqgen.models.Profile
    plans: list[Any]  # nqgen.models.Plan, one per document kind

    @property
    def slug(self) -> str:
        return Q.unit_of(self.answers).slug

    def file_name(self, plan: Any, suffix: str) -> str:
        """``xa-xop-23356.docx``; with two plans ``…-kh-ubnd.docx`` and ``…-kh-du.docx``;
        an annual plan ``xa-xop-23356-cds-2027.docx`` (:func:`nqgen.api.output_paths`, as the
        terminal wizard names them). ``suffix``: ``.docx``, ``.pdf``, ``-theo-doi.xlsx``."""
        from .. import api

        kinds = [p.kind for p in self.plans]
        docx = Path(f"{self.slug}{api.annual_stem(self.plans[0])}.docx")
        paths = api.output_paths(Path(f"{self.slug}.yaml"), docx, kinds)
        return paths[kinds.index(plan.kind)].with_suffix("").name + suffix


def made_plans(visitor: Visitor) -> Made | None:
    state = visitor.load()
    if not state.get("made"):
        return None
    from .. import api

    answers = dict(state["answers"])
    profile = Q.build_profile(answers)
    return Made(visitor, answers, profile, api.compose_profile(profile, Q.kind_of(answers)))


def render_docx(plan: Any) -> bytes:
    from ..render import renderer_for

    with _RENDER_LOCK:
        return renderer_for(plan.kind).render(plan)


def profile_yaml(made: Made) -> bytes:
    """The profile to upload next time (tệp hồ sơ), with a Vietnamese header."""
    from ..yamlio import dump_yaml

    unit = Q.unit_of(made.answers)
    header = (
        f"# Hồ sơ đơn vị: {unit.official}, {unit.province.official} (mã {unit.code}).\n"
        "# Do nqgen serve tạo. Lần sau: mở trang Soạn kế hoạch, chọn «Tiếp tục từ hồ sơ đã lưu»\n"
        f"# và tải tệp này lên; hoặc dựng lại bằng lệnh: nqgen render {made.slug}.yaml\n"
    )
    data = made.profile.model_dump(mode="json", exclude_none=True)
    return (header + dump_yaml(data)).encode("utf-8")


def make_pdf(made: Made, plan: Any) -> Path:
    """The plan's PDF in the visitor's folder, converted by LibreOffice once."""
    from ..pdf import to_pdf

    key = plan.kind.value
    pdf = made.visitor.file(f"{key}.pdf")
    if not pdf.exists():
        docx = made.visitor.write(f"{key}.docx", render_docx(plan))
        with _PDF_SLOTS:
            to_pdf(docx, force=True)  # beside it: the same folder and name
    return pdf


@dataclass(frozen=True)
class Download:
    """One file of the result page: its key in ``/tai-ve/<key>``, the button text, the file
    name given to the browser and how it is made (bytes, or a file of the visitor's folder)."""

    key: str
    title: str
    filename: str
    media_type: str
    make: Callable[[], bytes | Path]
    note: str = ""


def downloads(made: Made) -> list[Download]:
    """Every file the result page offers, in order: each plan's DOCX, PDF and tracking
    register (sổ theo dõi, :mod:`nqgen.track.register`), then the profile."""
    from ..pdf import soffice
    from ..track.register import build_register

    items: list[Download] = []
    several = len(made.plans) > 1
    for plan in made.plans:
        which = f" — {Q.SIDE_TITLES['party' if plan.kind.value == 'kh-du' else 'ubnd']}"
        which = which if several else ""
        items.append(Download(
            f"{plan.kind.value}.docx", f"Kế hoạch (Word, DOCX){which}",
            made.file_name(plan, ".docx"), DOCX_TYPE, partial(render_docx, plan),
            "Mở bằng Word để đọc, sửa và trình ký.",
        ))  # fmt: skip
        if soffice() is not None:
            items.append(Download(
                f"{plan.kind.value}.pdf", f"Kế hoạch (PDF){which}", made.file_name(plan, ".pdf"),
                "application/pdf", partial(make_pdf, made, plan),
                "Tạo bằng LibreOffice, mất vài giây.",
            ))  # fmt: skip
        items.append(Download(
            f"{plan.kind.value}.xlsx", f"Sổ theo dõi thực hiện (Excel, XLSX){which}",
            made.file_name(plan, "-theo-doi.xlsx"), XLSX_TYPE, partial(build_register, plan),
            "Theo dõi tiến độ, kết quả từng nhiệm vụ và chỉ tiêu sau khi Kế hoạch được ký.",
        ))  # fmt: skip
    items.append(Download(
        "ho-so", "Hồ sơ đơn vị (YAML)", f"{made.slug}.yaml", "application/x-yaml",
        partial(profile_yaml, made), "Lưu lại để lần sau tải lên và sửa tiếp.",
    ))  # fmt: skip
    return items


async def plan_page(site: Site, request: Request) -> Response:
    visitor = site.visitor(request)
    made = await run_in_threadpool(made_plans, visitor)
    if made is None:
        return redirect(request, visitor, "/soan/xem-lai")
    from ..pdf import soffice
    from ..render import context

    unit = Q.unit_of(made.answers)
    return site.page(
        request, visitor, "plan.html", section="soan", unit=unit, downloads=downloads(made),
        previews=[(p, context(p)) for p in made.plans], has_pdf=soffice() is not None,
    )  # fmt: skip


async def download(site: Site, request: Request) -> Response:
    visitor = site.visitor(request)
    made = await run_in_threadpool(made_plans, visitor)
    wanted = request.path_params["key"]
    item = next((d for d in downloads(made) if d.key == wanted), None) if made else None
    if item is None:
        return site.message(
            request, "Không có tệp này",
            "Không có tệp này trong phiên làm việc của anh/chị (có thể đã hết hạn). Mời soạn "
            "lại kế hoạch rồi tải về.", 404, visitor,
        )  # fmt: skip
    try:
        made_file = await run_in_threadpool(item.make)
    except NqgenError as exc:  # LibreOffice failed
        return site.message(request, "Chưa tạo được tệp", str(exc), 500, visitor)
    content = made_file.read_bytes() if isinstance(made_file, Path) else made_file
    return Response(content, media_type=item.media_type, headers={
        "content-disposition": f'attachment; filename="{item.filename}"',
    })  # fmt: skip


# --------------------------------------------------------------------------- resume


def _differences(mine: Any, theirs: Any, prefix: str = "") -> list[str]:
    """The fields (dotted) where two profile dumps differ, down to the first list."""
    if isinstance(mine, dict) and isinstance(theirs, dict):
        out: list[str] = []
        for key in dict.fromkeys([*theirs, *mine]):
            out += _differences(mine.get(key), theirs.get(key), f"{prefix}{key}.")
        return out
    return [] if mine == theirs else [prefix.rstrip(".")]


def resume_from(visitor: Visitor, upload: UploadFile, data: bytes) -> str | None:
    """Read an uploaded profile into the visitor's answers; the Vietnamese reason if not."""
    from ..compose import load_profile

    name = Path(upload.filename or "hồ sơ").name[:100]
    if len(data) > MAX_PROFILE:
        return f"Tệp {name} quá lớn cho một hồ sơ đơn vị (tối đa 1 MB)."
    path = visitor.write("upload", data)
    try:
        profile = load_profile(path)
        answers = Q.answers_from_profile(profile)
    except InputError as exc:  # name the file as the visitor knows it, not our folder
        return str(InputError(name, exc.detail, exc.line, exc.field))
    except NqgenError as exc:
        return f"Hồ sơ {name}: {exc}"
    finally:
        visitor.remove("upload")
    kept = Q.build_profile(answers).model_dump(mode="json", exclude_none=True)
    theirs = profile.model_dump(mode="json", exclude_none=True)
    lost = [f for f in _differences(kept, theirs) if f != "library_version"]
    notice = (
        "Hồ sơ có những mục trình hỏi đáp không hỏi nên không được giữ: " + ", ".join(lost)
        + ". Để dùng các mục này, dựng kế hoạch từ hồ sơ bằng lệnh nqgen render."
    ) if lost else None  # fmt: skip
    _store(visitor, answers, notice=notice)
    return None


@posted
async def resume(site: Site, request: Request, visitor: Visitor, form: Any) -> Response:
    upload = form.get("ho-so")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return home_page(site, request, visitor, "Mời chọn tệp hồ sơ (.yaml) để tải lên.")
    data = await upload.read(MAX_PROFILE + 1)
    reason = await run_in_threadpool(resume_from, visitor, upload, data)
    if reason is not None:
        return home_page(site, request, visitor, reason)
    return redirect(request, visitor, "/soan/xem-lai")


# --------------------------------------------------------------------------- the checker


def _check(data: bytes, name: str, standard: str | None) -> dict[str, Any]:
    """Check and correct an uploaded DOCX (in memory): the findings grouped by rule, the
    corrections, what remains after them; or the Vietnamese reason it cannot be read."""
    from ..check import CheckError, check_docx, fix_docx
    from ..check.findings import STANDARD_LABEL

    try:
        report = check_docx(data, standard, name=name)
    except CheckError as exc:
        return {"error": str(exc)}
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    for f in report.findings:
        key = (f.severity, f.rule, f.message)
        group = groups.setdefault(key, {
            "severity": f.severity, "rule": f.rule, "message": f.message,
            "expected": f.expected, "places": [],
        })  # fmt: skip
        group["places"].append({
            "where": f.location.describe(), "excerpt": f.location.excerpt, "found": f.found,
        })  # fmt: skip
    ordered = sorted(groups.values(), key=lambda g: g["severity"] != "error")
    out: dict[str, Any] = {
        "name": name, "doc_type": report.doc_type, "detected": report.detected,
        "standard": STANDARD_LABEL[report.standard], "groups": ordered,
        "errors": len(report.errors), "warnings": len(report.warnings),
    }  # fmt: skip
    try:
        fixed = fix_docx(data, standard, name=name)
    except CheckError as exc:  # signed, protected: checked, never corrected
        out["fix_refused"] = str(exc)
        return out
    out["changes"] = [c.describe() for c in fixed.changes]
    out["left"] = list(fixed.left)
    if fixed.changes:
        out["fixed"] = fixed.data
        out["remaining"] = len(check_docx(fixed.data, standard, name=name).findings)
    return out


async def check_page(site: Site, request: Request) -> Response:
    visitor = site.visitor(request)
    return site.page(request, visitor, "check.html", section="kiem-tra", result=None)


@posted
async def check_upload(site: Site, request: Request, visitor: Visitor, form: Any) -> Response:
    from ..check import STANDARDS
    from ..units import slugify

    upload = form.get("van-ban")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return site.page(request, visitor, "check.html", 422, section="kiem-tra", result=None,
                         error="Mời chọn một tệp Word (.docx) để kiểm tra.")  # fmt: skip
    standard = str(form.get("chuan", ""))
    name = Path(upload.filename).name[:100]  # shown only, never a path here
    data = await upload.read()
    result = await run_in_threadpool(
        _check, data, name, standard if standard in STANDARDS else None
    )
    visitor.remove("fixed")
    if "fixed" in result:
        visitor.write("fixed", result.pop("fixed"))
        stem = slugify(Path(name).stem)[:60] or "van-ban"
        visitor.save({**visitor.load(), "fixed_name": f"{stem}-da-sua.docx"})
    return site.page(request, visitor, "check.html", section="kiem-tra", result=result)


async def fixed_copy(site: Site, request: Request) -> Response:
    visitor = site.visitor(request)
    path = visitor.file("fixed")
    if not path.exists():
        return site.message(
            request, "Không có bản đã sửa",
            "Chưa có bản đã sửa trong phiên làm việc này (có thể đã hết hạn). Mời tải văn bản "
            "lên trang Kiểm tra thể thức.", 404, visitor,
        )  # fmt: skip
    filename = visitor.load().get("fixed_name") or "van-ban-da-sua.docx"
    return Response(path.read_bytes(), media_type=DOCX_TYPE, headers={
        "content-disposition": f'attachment; filename="{filename}"',
    })  # fmt: skip


def home_page(site: Site, request: Request, visitor: Visitor, resume_error: str = "") -> Response:
    started = "province" in _answers(visitor)
    return site.page(request, visitor, "home.html", 422 if resume_error else 200,
                     started=started, resume_error=resume_error)  # fmt: skip


async def home(site: Site, request: Request) -> Response:
    return home_page(site, request, site.visitor(request))


# --------------------------------------------------------------------------- the application


def warm_up() -> None:
    """Load the unit list, the library and the templates before the first visitor (the
    first plan otherwise takes a second longer)."""
    answers: Q.Answers = {}
    for q in Q.QUESTIONS[:2]:
        Q.record(answers, q, q.default_for(answers))
    Q.fill_defaults(answers)
    from .. import api
    from ..check import check_docx

    plan = api.compose_profile(Q.build_profile(answers), None)[0]
    check_docx(render_docx(plan))


def create_app(visitors: Visitors | None = None, warm: bool = True) -> Starlette:
    """The application; ``visitors`` defaults to a new private temporary root, removed when
    the application stops."""
    stack = contextlib.ExitStack()
    web = files("nqgen.web")
    templates = _templates(stack.enter_context(as_file(web / "templates")))
    static = stack.enter_context(as_file(web / "static"))
    site = Site(visitors or Visitors(), templates)
    templates.env.globals["keep_hours"] = f"{site.visitors.keep_seconds / 3600:g}"

    def bind(fn: Callable[[Site, Request], Awaitable[Response]]) -> Callable[..., Any]:
        async def endpoint(request: Request) -> Response:
            return await fn(site, request)

        return endpoint

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        if warm:
            await run_in_threadpool(warm_up)

        async def sweeper() -> None:
            while True:
                await asyncio.sleep(min(SWEEP_EVERY, site.visitors.keep_seconds / 4))
                await run_in_threadpool(site.visitors.sweep)

        task = asyncio.create_task(sweeper())
        try:
            yield
        finally:
            task.cancel()
            site.visitors.close()
            stack.close()

    async def too_large(request: Request, _exc: Exception) -> Response:
        return site.message(
            request, "Tệp quá lớn",
            f"Tệp tải lên vượt giới hạn {MAX_UPLOAD // (1024 * 1024)} MB. Văn bản Word thường "
            "chỉ vài trăm KB; nếu tệp có nhiều hình ảnh, hãy nén ảnh (Word: Tệp → Nén ảnh) "
            "rồi tải lên lại.", 413,
        )  # fmt: skip

    async def http_error(request: Request, exc: Exception) -> Response:
        code = exc.status_code if isinstance(exc, HTTPException) else 500
        if code == 404:
            return site.message(
                request,
                "Không có trang này",
                "Địa chỉ này không có trong nqgen. Mời về trang chủ.",
                404,
            )
        return site.message(request, "Yêu cầu không hợp lệ",
                            "Trình duyệt gửi một yêu cầu nqgen không nhận. Mời về trang chủ.",
                            code if code >= 400 else 400)  # fmt: skip

    async def user_error(request: Request, exc: Exception) -> Response:
        return site.message(request, "Chưa làm được", str(exc), 422)

    async def internal_error(request: Request, exc: Exception) -> Response:
        return site.message(
            request, "Lỗi nội bộ của nqgen",
            f"Đây là lỗi của chương trình ({type(exc).__name__}), không phải của dữ liệu. "
            "Xin báo cho người quản trị máy chủ kèm thời điểm xảy ra.", 500,
        )  # fmt: skip

    routes = [
        Route("/", bind(home)),
        Route("/soan", bind(wizard), methods=["GET"]),
        Route("/soan", bind(answer), methods=["POST"]),
        Route("/soan/mac-dinh", bind(take_defaults), methods=["POST"]),
        Route("/soan/lam-lai", bind(start_again), methods=["POST"]),
        Route("/soan/xem-lai", bind(review)),
        Route("/soan/tao", bind(make), methods=["POST"]),
        Route("/goi-y/{question}", bind(suggestions)),
        Route("/ke-hoach", bind(plan_page)),
        Route("/tai-ve/{key}", bind(download)),
        Route("/tiep-tuc", bind(resume), methods=["POST"]),
        Route("/kiem-tra", bind(check_page), methods=["GET"]),
        Route("/kiem-tra", bind(check_upload), methods=["POST"]),
        Route("/kiem-tra/ban-sua", bind(fixed_copy)),
        Mount("/tep", StaticFiles(directory=static), name="static"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={
            BodyTooLarge: too_large,
            HTTPException: http_error,
            NqgenError: user_error,
            Exception: internal_error,
        },
    )
    app.add_middleware(Guard)
    app.state.site = site
    return app
