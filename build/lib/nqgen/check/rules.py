"""Rule registry and the context rules run in (khung quy tắc kiểm tra).

A rule is a function ``(ctx) -> Iterable[Finding]`` registered with :func:`rule` under a stable
suffix (``margin-left``); its id is the standard's prefix plus the suffix (``ND30-margin-left``,
``HD05-margin-left``). Its docstring cites the article it enforces. Numeric values that differ
between standards live in :class:`~nqgen.check.specs.Spec` (one instance per standard, in
``specs.py``), so a rule shared by all standards is written once (``common.py``, ``blocks.py``,
``notices.py``). A document type may leave rules out (:mod:`nqgen.check.doctypes`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from nqgen.check.docx_model import DocxModel, Para, Run, Section, Table
from nqgen.check.findings import Finding, Location, Severity
from nqgen.check.layout import Layout
from nqgen.check.specs import SPECS, Range, Spec
from nqgen.check.units import mm_text, pt_text

ALL = frozenset({"nd30", "hd05", "hd36"})
PARTY = frozenset({"hd05", "hd36"})
ND30_ONLY = frozenset({"nd30"})

SIZE_TOLERANCE = 0.5  # pt, FORMAT.md §4 "Allow about ±0.5 mm (±28 twips) and ±0.5 pt"
LENGTH_TOLERANCE = 28  # twips (0.5 mm)
MAX_FINDINGS_PER_RULE = 20


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: suffix, default severity, per-standard severities, the function."""

    suffix: str
    func: Callable[[Context], Iterable[Finding]]
    standards: frozenset[str]
    severity: Severity = "error"
    severity_by_standard: dict[str, Severity] = field(default_factory=dict)

    def rule_id(self, spec: Spec) -> str:
        return f"{spec.prefix}-{self.suffix}"

    def severity_for(self, spec: Spec) -> Severity:
        return self.severity_by_standard.get(spec.key, self.severity)

    @property
    def doc(self) -> str:
        return (self.func.__doc__ or "").strip()


REGISTRY: list[Rule] = []


def rule(
    suffix: str,
    standards: frozenset[str] = ALL,
    severity: Severity = "error",
    **by_standard: Severity,
) -> Callable[[Callable[[Context], Iterable[Finding]]], Callable[[Context], Iterable[Finding]]]:
    """Register a rule function under ``suffix`` for ``standards``.

    ``by_standard`` overrides the severity for one standard, e.g. ``hd36="warning"`` where
    FORMAT.md marks the HD 36 value as unconfirmed (M).
    """

    def deco(
        func: Callable[[Context], Iterable[Finding]],
    ) -> Callable[[Context], Iterable[Finding]]:
        if any(r.suffix == suffix and r.standards & standards for r in REGISTRY):
            raise ValueError(f"rule {suffix} registered twice")
        REGISTRY.append(Rule(suffix, func, standards, severity, dict(by_standard)))
        return func

    return deco


def rule_ids(standard: str) -> list[str]:
    """All rule ids that apply to a standard (``nd30``, ``hd05``, ``hd36``)."""
    spec = SPECS[standard]
    return [r.rule_id(spec) for r in REGISTRY if standard in r.standards]


Where = Para | Section | Table | Location | None


class Context:
    """What a rule sees: the model, the recognised layout, the standard's spec."""

    def __init__(self, model: DocxModel, layout: Layout, spec: Spec) -> None:
        self.model = model
        self.layout = layout
        self.spec = spec
        self.current: Rule | None = None

    @property
    def rule_id(self) -> str:
        assert self.current is not None
        return self.current.rule_id(self.spec)

    def finding(
        self,
        where: Where,
        expected: str,
        found: str,
        message: str,
        severity: Severity | None = None,
    ) -> Finding:
        assert self.current is not None
        return Finding(
            rule=self.rule_id,
            severity=severity or self.current.severity_for(self.spec),
            location=self.locate(where),
            expected=expected,
            found=found,
            message=message,
        )

    def locate(self, where: Where) -> Location:
        if where is None:
            return Location()
        if isinstance(where, Location):
            return where
        if isinstance(where, Para):
            section = None
            if where.part != "body":
                section = next(
                    (
                        s.index + 1
                        for s in self.model.sections
                        if any(
                            where.part_name == n.rsplit("/", 1)[-1]
                            for n in (*s.headers.values(), *s.footers.values())
                        )
                    ),
                    None,
                )
            return where.location(section)
        return where.location()


def run_rules(ctx: Context) -> list[Finding]:
    """Run every registered rule of the context's standard, capping floods per rule."""
    out: list[Finding] = []
    doc_type = ctx.layout.doc_type
    for r in REGISTRY:
        if ctx.spec.key not in r.standards or not doc_type.applies(r.suffix):
            continue
        ctx.current = r
        found = list(r.func(ctx))
        if len(found) > MAX_FINDINGS_PER_RULE:
            extra = len(found) - MAX_FINDINGS_PER_RULE
            found = found[:MAX_FINDINGS_PER_RULE] + [
                ctx.finding(
                    None,
                    found[0].expected,
                    f"còn {extra} chỗ khác",
                    f"Còn {extra} chỗ khác vi phạm quy tắc {r.rule_id(ctx.spec)} (không liệt kê).",
                )
            ]
        out.extend(found)
    ctx.current = None
    return out


# --------------------------------------------------------------------------- helpers


mm = mm_text
pt = pt_text


def size_range(rng: Range) -> str:
    lo, hi = rng
    return pt(lo) if lo == hi else f"{pt(lo)[:-3]}–{pt(hi)}"


def in_range(value: float | None, rng: Range, tol: float) -> bool:
    return value is not None and rng[0] - tol <= value <= rng[1] + tol


def visible(para: Para) -> list[Run]:
    return para.visible_runs()


def bad_size(para: Para, rng: Range) -> Run | None:
    """The first visible run whose effective size is outside ``rng`` (±0.5 pt)."""
    for run in visible(para):
        if not in_range(run.props.size, rng, SIZE_TOLERANCE):
            return run
    return None


def all_bold(para: Para) -> bool:
    runs = visible(para)
    return bool(runs) and all(r.props.bold for r in runs)


def any_bold(para: Para) -> bool:
    return any(r.props.bold for r in visible(para))


def all_italic(para: Para) -> bool:
    runs = visible(para)
    return bool(runs) and all(r.props.italic for r in runs)


def any_italic(para: Para) -> bool:
    return any(r.props.italic for r in visible(para))


def shown_text(para: Para) -> str:
    """The text as displayed: runs with ``w:caps`` shown in capitals."""
    return para.shown


def check_format(
    ctx: Context,
    para: Para,
    label: str,
    *,
    size: Range | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    centred: bool = False,
) -> Iterator[Finding]:
    """Findings for one element's size, bold, italic and centring (one finding per aspect)."""
    if size is not None:
        run = bad_size(para, size)
        if run is not None:
            yield ctx.finding(
                para,
                f"{label}: cỡ chữ {size_range(size)}",
                f"cỡ chữ {pt(run.props.size)}",
                f"{label} phải có cỡ chữ {size_range(size)}.",
            )
    if bold is True and not all_bold(para):
        yield ctx.finding(para, f"{label}: chữ đậm", "không đậm", f"{label} phải in đậm.")
    if bold is False and any_bold(para):
        yield ctx.finding(para, f"{label}: không đậm", "chữ đậm", f"{label} không in đậm.")
    if italic is True and not all_italic(para):
        yield ctx.finding(
            para, f"{label}: chữ nghiêng", "không nghiêng", f"{label} phải in nghiêng."
        )
    if italic is False and any_italic(para):
        yield ctx.finding(
            para, f"{label}: chữ đứng", "chữ nghiêng", f"{label} phải là chữ đứng (không nghiêng)."
        )
    if centred and para.props.jc != "center":
        yield ctx.finding(
            para,
            f"{label}: căn giữa",
            f"căn lề '{para.props.jc}'",
            f"{label} phải được căn giữa.",
        )
