"""The shared core of composition (phần chung khi soạn kế hoạch): bodies, the text context,
citations, dates, and rendering clause texts.

Both document kinds (:mod:`nqgen.compose.ubnd`, :mod:`nqgen.compose.party`) build on this;
nothing here knows a document's skeleton. Clause texts are Jinja templates rendered with a
sandboxed, StrictUndefined environment; profile strings are passed as data, never compiled, so
``{{`` or ``&`` in a profile print as themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import jinja2

from .. import vn
from ..errors import InputError, LibraryError
from ..library import text_env
from ..models import (
    Block,
    Deadline,
    DocKind,
    Issuance,
    Library,
    ParentDocument,
    PartialDate,
    PlanMeta,
    PlanType,
    Profile,
    TargetRow,
    TaskClause,
    TextSection,
)
from ..paths import DEFAULTS_FILE
from ..version import __version__
from ..yamlio import read_yaml
from . import world

SYMBOL = {DocKind.kh_ubnd: "KH-UBND", DocKind.kh_du: "KH/ĐU"}


# --------------------------------------------------------------------------- bodies


@lru_cache(maxsize=1)
def defaults() -> dict[str, Any]:
    """Unit-kind defaults (``profiles/defaults.yaml``), read once."""
    data, _ = read_yaml(DEFAULTS_FILE)
    return dict(data)


def fill(template: str, profile: Profile) -> str:
    """A default name with its placeholders filled: ``{kind}`` (xã, phường, đặc khu),
    ``{village_term}``, ``{province_kind}`` (tỉnh / Thành phố), ``{province_committee}``
    (Tỉnh ủy / Thành ủy)."""
    words = world.province_words(profile)
    return (
        template.replace("{kind}", profile.unit.kind.value)
        .replace("{village_term}", world.village_term(profile))
        .replace("{province_kind}", words["kind"])
        .replace("{province_committee}", words["committee"])
    )


def resolve_bodies(profile: Profile) -> dict[str, str]:
    """Role key -> display name: the profile's names over the unit-kind defaults.

    Source of the defaults: NĐ 150/2025/NĐ-CP and QĐ 298-QĐ/TW (``profiles/defaults.yaml``).
    A body the profile sets to an empty string does not exist in that commune.
    """
    out: dict[str, str] = {}
    for role, value in defaults()["bodies"].items():
        if isinstance(value, dict):
            value = value[profile.unit.kind.value]
        out[role] = fill(str(value), profile)
    out.update(profile.bodies)
    return {k: v for k, v in out.items() if v}


def task_roles(task: TaskClause, kind: DocKind) -> tuple[str, list[str]]:
    """Lead and partner role keys of a task in a document kind (cơ quan chủ trì, phối hợp):
    a KH/ĐU uses ``lead_party``/``partners_party`` where the clause sets them."""
    if kind != DocKind.kh_du:
        return task.lead, task.partners
    partners = task.partners_party if task.partners_party is not None else task.partners
    return task.lead_party or task.lead, partners


# --------------------------------------------------------------------------- targets


def target_rows(
    profile: Profile, library: Library, kind: DocKind, year: int, bodies: dict[str, str],
    within_year: bool = False,
) -> dict[str, TargetRow]:
    """Every target of the library resolved for this plan, by id (not yet numbered): the year
    of the plan (:meth:`TargetClause.resolve`; the annual plan holds every target to its year,
    ``within_year``), the profile's value overrides and baselines, the monitoring body of the
    document kind. Selection picks the Phụ lục I rows among them; the texts quote them
    (``{{ targets.<slug>.amount }}``), so each figure has one home."""
    out: dict[str, TargetRow] = {}
    for target in library.targets:
        comparison, value, when = target.resolve(year, within_year)
        monitor = target.monitor
        if kind == DocKind.kh_du:
            monitor = target.monitor_party or target.monitor
        out[target.id] = TargetRow(
            number="",
            target=target.id,
            indicator=_render(target.indicator, {"village_term": world.village_term(profile)},
                              target.id),
            unit=target.unit,
            comparison=comparison,
            value=profile.targets.get(target.id, value),
            year=when,
            monitor=bodies.get(monitor, monitor),
            baseline=profile.local.baselines.get(target.id),
        )
    return out


def target_phrases(rows: dict[str, TargetRow]) -> dict[str, dict[str, str]]:
    """The ``targets`` variable of clause texts: ``targets.<slug>.amount`` ("trên 80%"),
    ``.figure`` ("80%"), ``.year`` ("2030") for every target ``target.<slug>``."""
    out: dict[str, dict[str, str]] = {}
    for row in rows.values():
        figure = vn.number(row.value) + ("%" + row.unit[1:] if row.unit.startswith("%") else "")
        out[row.target.removeprefix("target.")] = {
            "amount": row.amount(),
            "figure": figure,
            "year": str(row.year),
        }
    return out


# --------------------------------------------------------------------------- ids


def resolve_ids(profile: Profile, library: Library) -> Profile:
    """The profile with retired clause ids (``retired`` in ``clauses/library.yaml``) in
    ``include``, ``exclude`` and ``targets`` replaced by their successors; a retired id
    without successor is dropped. Unknown ids are reported by :mod:`nqgen.profile_check`."""
    retired = library.retired
    named = set(profile.include) | set(profile.exclude) | set(profile.targets)
    if not retired or not named & set(retired):
        return profile

    def ids(values: list[str]) -> list[str]:
        out: list[str] = []
        for v in values:
            new = retired.get(v, v) if v in retired else v
            if new is not None and new not in out:
                out.append(new)
        return out

    targets = {
        retired.get(k) or k: v
        for k, v in profile.targets.items()
        if not (k in retired and retired[k] is None)
    }
    update = {"include": ids(profile.include), "exclude": ids(profile.exclude)}
    return profile.model_copy(update=update | {"targets": targets})


# --------------------------------------------------------------------------- context


def _paren(items: list[str]) -> str:
    return f" ({', '.join(items)})" if items else ""


def local_phrases(profile: Profile, term: str) -> dict[str, str]:
    """The ``local`` variable of clause texts (clauses/README.md §6): phrases that read
    naturally whether or not the profile gives the fact — ``villages`` ("09 thôn" / "các
    thôn"), ``products_paren`` (" (A, B)" or ""), ``tourism_paren``, ``platforms_paren``."""
    local = profile.local
    count = local.village_count or len(local.villages)
    return {
        "villages": f"{count:02d} {term}" if count else f"các {term}",
        "products_paren": _paren(local.products),
        "tourism_paren": _paren(local.tourism),
        "platforms_paren": _paren(local.platforms),
    }


@dataclass
class Context:
    """Everything a document kind needs to lay out its plan (one per compose call)."""

    profile: Profile
    library: Library
    kind: DocKind
    year: int
    bodies: dict[str, str]
    targets: dict[str, TargetRow]
    vars: dict[str, Any] = field(default_factory=dict)  # Jinja variables of clause texts
    path: str | None = None  # the profile file, for messages and the plan's provenance
    type: PlanType = PlanType.implementation
    source: Profile | None = None  # the profile as given (recorded in the plan for updates)

    @property
    def where(self) -> str:
        """How messages name the profile: its path, or "hồ sơ"."""
        return self.path or "hồ sơ"

    @property
    def annual(self) -> bool:
        """Whether this is the annual plan of :attr:`year` (Kế hoạch chuyển đổi số năm Y)."""
        return self.type == PlanType.annual

    def deadline(self, deadline: Deadline) -> Deadline | None:
        """A task's deadline in this plan, resolved to its year (:meth:`Deadline.resolve`); in
        the annual plan held inside the year, None for a later year's task
        (:meth:`Deadline.within`)."""
        if self.annual:
            return deadline.within(self.year)
        return deadline.resolve(self.year)

    def render(self, text: str, where: str, extra: dict[str, Any] | None = None) -> str:
        """A clause or fixed text rendered with the plan's variables (whitespace collapsed)."""
        return _render(text, self.vars | (extra or {}), where)


def context(
    profile: Profile, library: Library, kind: DocKind, profile_path: str | None = None,
    today: date | None = None,
) -> Context:
    """The composition context of ``profile`` for ``kind``: plan type and year, bodies,
    targets and the Jinja variables of clauses/README.md §6."""
    source = profile
    profile = resolve_ids(profile, library)
    year = profile.plan_year(kind, today)
    bodies = resolve_bodies(profile)
    annual = profile.type == PlanType.annual
    rows = target_rows(profile, library, kind, year, bodies, within_year=annual)
    unit = profile.unit
    term = world.village_term(profile)
    variables = {
        "unit": {
            "kind": unit.kind.value,
            "name": unit.name,
            "full_name": unit.full_name,
            "province": unit.province,
        },
        "province": world.province_words(profile),
        "village_term": term,
        "year": year,
        "bodies": bodies,
        "targets": target_phrases(rows),
        "local": local_phrases(profile, term),
    }
    return Context(
        profile, library, kind, year, bodies, rows, variables, profile_path, profile.type, source
    )


@lru_cache(maxsize=8192)
def _compiled(text: str) -> jinja2.Template:
    """Clause texts compiled once per process (batches compose thousands of plans)."""
    return text_env().from_string(text)


def _render(text: str, ctx: dict[str, Any], where: str) -> str:
    if "{" not in text:  # no Jinja tag: the text renders as itself (most clause texts)
        return " ".join(text.split())
    try:
        return " ".join(_compiled(text).render(ctx).split())
    except Exception as exc:  # noqa: BLE001 - library defects surface as a clear error
        raise LibraryError(f"Điều khoản {where} không dựng được: {exc}") from None


# --------------------------------------------------------------------------- citations


def cite(doc: ParentDocument) -> str:
    """Full citation ``Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về ...``.

    An unknown number prints ``số ...`` and an unknown date is left out: never invented.
    """
    parts = [doc.kind, f"số {doc.number}" if doc.number else "số ..."]
    if doc.date:
        parts.append(f"ngày {vn.short_date(doc.date)}")
    parts.append(f"của {doc.issuer}")
    if doc.summary:
        parts.append(doc.summary)
    return " ".join(parts)


def short_name(doc: ParentDocument) -> str:
    """How a parent is named when cited again: ``Nghị quyết số 57-NQ/TW``."""
    return doc.short or f"{doc.kind} số {doc.number or '...'}"


def party_plan_parent(profile: Profile) -> ParentDocument | None:
    """The commune party plan as a parent of the UBND plan, when its number and date are known.

    Seed 003 (Xốp) cites "Kế hoạch số 04-KH/ĐU ngày 14/8/2025 của Đảng ủy xã Xốp".
    """
    party = profile.party
    if not party.number or not party.date or not party.date.as_date():
        return None
    return ParentDocument(
        kind="Kế hoạch",
        number=f"{vn.doc_number(party.number)}-KH/ĐU",
        date=party.date.as_date(),
        issuer=f"Đảng ủy {profile.unit.full_name}",
        summary=party.summary_of_plan,
    )


def parents_of(
    profile: Profile, kind: DocKind, type: PlanType = PlanType.implementation
) -> list[ParentDocument]:
    """Parent documents in citation order; the UBND implementation plan adds the commune
    party plan last. The annual plan adds the documents only it cites (``annual.parents``);
    it cites its implementation plan after them (:func:`implementation_citation`)."""
    parents = list(profile.parents)
    if type == PlanType.annual:
        return parents + [p for p in profile.annual.parents if p not in parents]
    if kind == DocKind.kh_ubnd:
        own = party_plan_parent(profile)
        if own and not any(p.number == own.number for p in parents):
            parents.append(own)
    return parents


def implementation_summary(profile: Profile, kind: DocKind) -> str:
    """Trích yếu of the implementation plan (Kế hoạch triển khai thực hiện Nghị quyết số
    57-NQ/TW): the profile's, else the default of the document kind."""
    if kind == DocKind.kh_du:
        return profile.party.summary or (
            "thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát "
            "triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
        )
    return profile.ubnd.summary or (
        "Triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột "
        "phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia trên "
        f"địa bàn {profile.unit.full_name}"
    )


def annual_summary(profile: Profile, kind: DocKind, year: int) -> str:
    """Trích yếu of the annual plan: "Chuyển đổi số trên địa bàn xã Xốp năm 2027" (as Lạng Sơn
    333/KH-UBND and Đắk Lắk 0155/KH-UBND of 2025 name theirs), "lãnh đạo thực hiện chuyển đổi
    số năm 2027" for the party committee (HD 05 5.2.1: may begin in lower case)."""
    own = profile.annual.party if kind == DocKind.kh_du else profile.annual.ubnd
    if own.summary:
        return own.summary
    if kind == DocKind.kh_du:
        return f"lãnh đạo thực hiện chuyển đổi số năm {year}"
    return f"Chuyển đổi số trên địa bàn {profile.unit.full_name} năm {year}"


def implementation_name(profile: Profile, kind: DocKind) -> str:
    """How the annual plan names its implementation plan: ``Kế hoạch số 15/KH-UBND``, with
    the blank a draft leaves (``Kế hoạch số .../KH-UBND``) when the profile has no number."""
    if kind == DocKind.kh_du:
        party = profile.party
        name = "Kế hoạch hành động" if party.title == "KẾ HOẠCH HÀNH ĐỘNG" else "Kế hoạch"
        number = vn.doc_number(party.number) if party.number else "..."
        return f"{name} số {number}-{SYMBOL[kind]}"
    number = vn.doc_number(profile.ubnd.number) if profile.ubnd.number else "..."
    return f"Kế hoạch số {number}/{SYMBOL[kind]}"


def implementation_citation(profile: Profile, kind: DocKind) -> str:
    """The implementation plan as the annual plan cites it: ``Kế hoạch số 15/KH-UBND ngày
    20/9/2025 của Ủy ban nhân dân xã Xốp về triển khai thực hiện ...``. A number or day the
    profile does not know stays blank ("số .../KH-UBND", "ngày .../9/2025"), never invented."""
    issuance: Issuance = profile.party if kind == DocKind.kh_du else profile.ubnd
    parts = [implementation_name(profile, kind)]
    when = issuance.date
    if when is not None:
        full = when.as_date()
        if full is not None:
            parts.append(f"ngày {vn.short_date(full)}")
        elif when.month is not None:
            parts.append(f"ngày .../{vn.month_text(when.month)}/{when.year}")
        else:
            parts.append(f"năm {when.year}")
    issuer = "Ban Thường vụ Đảng ủy" if kind == DocKind.kh_du else "Ủy ban nhân dân"
    parts.append(f"của {issuer} {profile.unit.full_name}")
    summary = implementation_summary(profile, kind).rstrip(". ")
    if kind == DocKind.kh_du and profile.party.summary_of_plan:  # how the commune names it
        summary = profile.party.summary_of_plan.rstrip(". ")
    if not summary.startswith("về "):
        summary = "về " + summary[:1].lower() + summary[1:]
    parts.append(summary)
    return " ".join(parts)


def join_vi(items: list[str]) -> str:
    """``a, b và c`` (Vietnamese list)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


# --------------------------------------------------------------------------- dates


def _before(a: PartialDate, b: date) -> bool:
    """Whether the (partial) date ``a`` is certainly earlier than ``b``."""
    if a.year != b.year:
        return a.year < b.year
    if a.month is None:
        return False
    if a.month != b.month:
        return a.month < b.month
    return a.day is not None and a.day < b.day


def check_dates(
    profile: Profile, kind: DocKind, parents: list[ParentDocument], where: str,
    type: PlanType = PlanType.implementation, plan_year: int | None = None,
) -> None:
    """The plan's year against its date and the dates of the documents it cites (issue 10).

    Raises InputError (field named) when the plan year is neither the year of the plan's date
    nor the next one (an annual plan may be signed in December for the next year), or when the
    plan is dated before a document it implements (NĐ 30/2020 Điều 9: a document cites only
    documents already issued; a UBND plan implementing the commune party plan comes after it).
    The annual plan is checked with its own year and date (``annual``) and is not dated before,
    nor made for a year before, the implementation plan it cites.
    """
    side = "party" if kind == DocKind.kh_du else "ubnd"
    if type == PlanType.annual:
        own = getattr(profile.annual, side).date
        own_field = f"annual.{side}.date"
        year_field = "annual.year" if profile.annual.year is not None else "year"
        year = profile.annual.year if profile.annual.year is not None else profile.year
        implementation: PartialDate | None = getattr(profile, side).date
    else:
        own = getattr(profile, side).date
        own_field = f"{side}.date"
        year_field, year, implementation = "year", profile.year, None
    if year is not None and own is not None and year not in (own.year, own.year + 1):
        raise InputError(
            where,
            f"năm của Kế hoạch ({year}) không khớp ngày ban hành (năm {own.year})",
            field=year_field,
        )
    if implementation is not None:
        if plan_year is None:
            plan_year = profile.plan_year(kind, type=type)
        if plan_year < implementation.year:
            raise InputError(
                where,
                f"Kế hoạch chuyển đổi số năm {plan_year} có trước Kế hoạch triển khai"
                f" ({vn.doc_date(implementation)}) mà nó cụ thể hóa",
                field=year_field,
            )
        full = implementation.as_date()
        if own is not None and full is not None and _before(own, full):
            raise InputError(
                where,
                f"Kế hoạch ghi ngày ({vn.doc_date(own)}) trước Kế hoạch triển khai ngày"
                f" {vn.short_date(full)} mà nó cụ thể hóa",
                field=own_field,
            )
    if own is None:
        return
    for i, parent in enumerate(parents):
        if parent.date is not None and _before(own, parent.date):
            name = short_name(parent)
            is_party = (
                kind == DocKind.kh_ubnd and type == PlanType.implementation
                and i >= len(profile.parents)
            )
            raise InputError(
                where,
                f"Kế hoạch ghi ngày ({vn.doc_date(own)}) trước {name} ngày"
                f" {vn.short_date(parent.date)} mà nó triển khai",
                field="party.date" if is_party else own_field,
            )


# --------------------------------------------------------------------------- shared pieces


def meta_for(
    library: Library, profile_path: str | None, profile: Profile | None = None
) -> PlanMeta:
    """Provenance block of a Plan (nqgen version, library version and hash, the profile's
    file and the profile itself, which ``nqgen update`` composes again from)."""
    return PlanMeta(
        nqgen_version=__version__,
        library_version=library.version,
        library_hash=library.content_hash,
        profile=profile_path,
        profile_copy=profile,
    )


def recipients(issuance: Issuance, profile: Profile, default_key: str) -> list[str]:
    """Recipient lines (nơi nhận) without the leading "- " and the trailing ";"."""
    lines = issuance.recipients or [fill(r, profile) for r in defaults()[default_key]]
    return [line.rstrip(";,. ") for line in lines]


def plan_date(issuance: Issuance, year: int) -> PartialDate:
    """The date line of the plan: the profile's (possibly partial) date, else the plan year
    with day and month blank, as drafts are written."""
    return issuance.date or PartialDate(year=year)


def own_issue(ctx: Context) -> tuple[str | None, PartialDate]:
    """Number and date line of the plan being composed: the issuer's (``ubnd``/``party``) for
    the implementation plan, ``annual.ubnd``/``annual.party`` for the annual plan."""
    side = "party" if ctx.kind == DocKind.kh_du else "ubnd"
    issuance: Issuance = getattr(ctx.profile, side)
    if ctx.annual:
        annual = getattr(ctx.profile.annual, side)
        return annual.number, annual.date or PartialDate(year=ctx.year)
    return issuance.number, plan_date(issuance, ctx.year)


def target_lines(rows: list[TargetRow], annual: bool = False) -> list[str]:
    """Targets as body lines: ``- Đến năm 2030, tỷ lệ ... đạt trên 80%;`` (``- Trong năm
    2027, ...`` in the annual plan) — the last ends "."."""
    lead = "Trong năm" if annual else "Đến năm"
    lines = []
    for row in rows:
        indicator = row.indicator[:1].lower() + row.indicator[1:]
        lines.append(f"- {lead} {row.year}, {indicator} đạt {row.amount()};")
    if lines:
        lines[-1] = lines[-1][:-1] + "."
    return lines


def annual_vars(ctx: Context) -> dict[str, str | int]:
    """The variables of the annual plan's fixed texts (``texts.yaml``, ``annual``):
    ``previous_year``, ``implementation`` (how the implementation plan is named) and
    ``reviewed`` (what the review of the year before measures against: the previous annual
    plan when the profile names it, else the implementation plan)."""
    profile, kind = ctx.profile, ctx.kind
    implementation = implementation_name(profile, kind)
    issuer = "Ban Thường vụ Đảng ủy" if kind == DocKind.kh_du else "Ủy ban nhân dân"
    previous = profile.annual.previous
    reviewed = (
        short_name(previous) if previous is not None
        else f"{implementation} của {issuer} {profile.unit.full_name}"
    )
    return {"previous_year": ctx.year - 1, "implementation": implementation, "reviewed": reviewed}


class Body:
    """The body of a plan being laid out (thân văn bản): paragraphs in order, each with the
    key ``nqgen update`` merges by (a clause id, ``group:<id>``, ``duty:<role>``; the others
    get their place, ``p<n>``, when the plan is stamped, :mod:`nqgen.compose.basis`)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def h1(self, text: str, key: str | None = None) -> None:
        self.blocks.append(Block(style="h1", text=text, key=key))

    def h2(self, text: str, key: str | None = None) -> None:
        self.blocks.append(Block(style="h2", text=text, key=key))

    def p(self, text: str, key: str | None = None) -> None:
        self.blocks.append(Block(style="body", text=text, key=key))

    def ps(self, texts: list[str]) -> None:
        for text in texts:
            self.p(text)


def review_sections(ctx: Context, body: Body, sections: list[TextSection]) -> None:
    """The annual plan's review of the year before (section I): a numbered heading and its
    paragraphs per section of ``texts.annual.<kind>.review``."""
    for i, section in enumerate(sections, 1):
        body.h2(f"{i}. {ctx.render(section.heading, 'texts.annual.review')}")
        body.ps([ctx.render(x, "texts.annual.review") for x in section.paragraphs])
