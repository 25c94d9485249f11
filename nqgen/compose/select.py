"""Selection (chọn điều khoản): which tasks and targets a plan takes, and why.

A concise plan (the default scope) is what communes really issue: Phụ lục II of 25-40 tasks,
Phụ lục I of 12-25 targets, every NQ 57 task group present (docs/architecture.md, "Selection, not
inclusion"; the five real plans have 25-54 tasks). Selection is deterministic and explainable:

1. A clause is a candidate when it applies to the unit kind, the document kind and the
   profile's sectors (:func:`applies`); a KH/ĐU takes only clauses with party wording
   (``text_party``) or written for it, so it never gives operational orders.
2. ``exclude`` removes, ``include`` and the commune's own tasks (``local.tasks``) are always in.
3. Each candidate has a priority grounded in evidence recorded in the clause's sources
   (:class:`Evidence`): one point per real plan that contains it (``seed NNN``), two when it
   implements a task NQ 03/NQ-CP Phụ lục II assigns to localities; two more when it serves a
   focus area the commune picked, two when it exists for one of the commune's sectors.
4. Every NQ 57 task group (III.1-III.7) gets its best ``group_min`` candidates, and an island
   or a town its best clauses written only for the sea or the town (:data:`UNIT_SECTORS`); the
   rest of the budget goes to the highest priorities, at most
   ``group_max`` per group (ties: library order).

The full scope takes every candidate. Each picked row carries its reason (``nqgen trace``).
Budgets and weights: :data:`BUDGETS`, clauses/README.md §13.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..models import (
    Applicability,
    DocKind,
    LocalTask,
    Profile,
    Scope,
    Sector,
    TargetClause,
    TaskClause,
    TaskGroup,
)
from ..trace import NQ03_LOCAL_TASKS


@dataclass(frozen=True)
class Budget:
    """How much a concise plan of one document kind takes (clauses/README.md §13)."""

    tasks: int  # rows in Phụ lục II (or task paragraphs of a KH/ĐU) chosen by priority
    most: int  # rows in all, with the profile's include and own tasks
    group_min: int  # per NQ 57 task group
    group_max: int  # per NQ 57 task group
    other_max: int  # per leadership or local group
    targets: int  # rows in Phụ lục I (or target lines of a KH/ĐU)


#: Concise budgets. UBND: the real plans have 25-54 appendix rows (Xốp 29, Nghĩa Thọ 25) and
#: 20-30 targets (Xốp's Phụ lục 01); KH/ĐU: seed 002 has about 30 task paragraphs and a handful
#: of targets (issue 10: at most 10).
BUDGETS = {
    DocKind.kh_ubnd: Budget(tasks=30, most=40, group_min=2, group_max=6, other_max=3, targets=18),
    DocKind.kh_du: Budget(tasks=22, most=28, group_min=1, group_max=4, other_max=3, targets=8),
}

#: Sectors that make the unit what it is (a đặc khu is an island, a phường a town): the plan
#: carries at least the best clause written for each (issue 10: "sea and island content where
#: it applies"); other sectors weigh through :data:`SECTOR_WEIGHT`.
UNIT_SECTORS = {Sector.maritime, Sector.urban}
UNIT_SECTOR_ROWS = 3  # clauses written only for such a sector, taken by priority

FOCUS_WEIGHT = 2
SECTOR_WEIGHT = 2
NQ03_WEIGHT = 2

_PLAN_REF = re.compile(r"^(seed \d{3}|kh \S+)")
_NQ03_TASK = re.compile(r"^NQ03 PL II #(\d+)")
_NQ03_TARGET = re.compile(r"^(NQ03|NQ71) PL I\b")


@dataclass(frozen=True)
class Evidence:
    """Why a clause belongs in plans (bằng chứng): the real plans that contain it and the
    locality tasks of NQ 03/NQ-CP Phụ lục II (or, for a target, its Phụ lục I row) it
    implements, read from the clause's ``sources``."""

    plans: tuple[str, ...]
    nq03: tuple[str, ...]

    @property
    def score(self) -> int:
        return len(self.plans) + (NQ03_WEIGHT if self.nq03 else 0)

    def text(self) -> str:
        parts = []
        if self.plans:
            parts.append(f"có trong {len(self.plans)} kế hoạch thực tế ({', '.join(self.plans)})")
        if self.nq03:
            parts.append("nhiệm vụ NQ 03 giao địa phương (" + ", ".join(self.nq03) + ")")
        return "; ".join(parts) or "chưa có bằng chứng từ kế hoạch thực tế"


def evidence(clause: TaskClause | TargetClause) -> Evidence:
    """The evidence recorded in a clause's sources (see :class:`Evidence`)."""
    plans: list[str] = []
    nq03: list[str] = []
    for src in clause.sources:
        m = _PLAN_REF.match(src.ref)
        if m and m.group(1) not in plans:
            plans.append(m.group(1))
        t = _NQ03_TASK.match(src.ref)
        if t and int(t.group(1)) in NQ03_LOCAL_TASKS and src.ref not in nq03:
            nq03.append(src.ref)
        if isinstance(clause, TargetClause) and _NQ03_TARGET.match(src.ref) and src.ref not in nq03:
            nq03.append(src.ref)
    return Evidence(tuple(sorted(plans)), tuple(nq03))


def applies(rule: Applicability, profile: Profile, kind: DocKind, year: int) -> bool:
    """Whether a clause applies to this profile, document kind and plan year.

    A clause applies when the unit kind and the document kind are listed, the plan year is not
    before its ``since``, none of ``exclude_sectors`` is in the profile, and, if it names
    ``sectors``, the profile has one. An optional clause (``core: false``) without sectors is
    left out.
    """
    if profile.unit.kind not in rule.units or kind not in rule.documents:
        return False
    if rule.since is not None and year < rule.since:
        return False
    sectors = set(profile.sectors)
    if sectors & set(rule.exclude_sectors):
        return False
    if rule.sectors:
        return bool(sectors & set(rule.sectors))
    return rule.core


def party_worded(task: TaskClause) -> bool:
    """Whether a task speaks as a party committee does (``text_party``, or written only for a
    KH/ĐU): a party plan leads and directs, it does not give the UBND's operational orders."""
    return task.text_party is not None or task.applies.documents == [DocKind.kh_du]


def task_lead(task: TaskClause, kind: DocKind) -> str:
    """The lead role of a task in a document kind (``lead_party`` in a KH/ĐU)."""
    return (task.lead_party or task.lead) if kind == DocKind.kh_du else task.lead


@dataclass
class Pick:
    """A selected row: the library clause (or the commune's own task) and why it is there."""

    group: TaskGroup
    clause: TaskClause | LocalTask
    id: str
    reason: str
    score: float = 0.0


DEFAULT_FOCUS = 4


def focus_of(profile: Profile, library_areas: dict[str, Any]) -> list[str]:
    """The focus areas of the plan (lĩnh vực trọng tâm): the profile's, else at most
    :data:`DEFAULT_FOCUS` areas whose ``default_for`` names one of the profile's sectors, then
    its unit kind (what sets the unit apart is chosen before what every unit of its kind
    shares), returned in library order (``clauses/library.yaml`` areas)."""
    if profile.focus:
        return list(profile.focus)
    sectors = {s.value for s in profile.sectors}
    own = [a for a, area in library_areas.items() if sectors & set(area.default_for)]
    kind = [
        a for a, area in library_areas.items()
        if profile.unit.kind.value in area.default_for and a not in own
    ]
    chosen = set((own + kind)[:DEFAULT_FOCUS])
    return [a for a in library_areas if a in chosen]  # in library order, as a form lists them


def _boosts(
    profile: Profile, clause: TaskClause | TargetClause, focus_areas: list[str],
    library_areas: dict[str, Any],
) -> tuple[float, list[str]]:
    score = 0.0
    notes: list[str] = []
    focus = [library_areas[a].label for a in clause.areas if a in focus_areas]
    if focus:
        score += FOCUS_WEIGHT
        default = "" if profile.focus else " (mặc định theo loại đơn vị, lĩnh vực)"
        notes.append(f"lĩnh vực trọng tâm{default}: " + "; ".join(focus))
    sectors = [s.value for s in clause.applies.sectors if s in profile.sectors]
    if sectors:
        score += SECTOR_WEIGHT
        notes.append("lĩnh vực của địa phương: " + ", ".join(sectors))
    return score, notes


def _reason(ev: Evidence, score: float, notes: list[str]) -> str:
    return f"ưu tiên {score:g}: " + "; ".join([ev.text(), *notes])


def select_tasks(
    profile: Profile, groups: list[TaskGroup], kind: DocKind, areas: dict[str, Any],
    year: int, where: str = "hồ sơ", duty_roles: frozenset[str] = frozenset(),
    within: int | None = None,
) -> list[tuple[TaskGroup, list[Pick]]]:
    """The task groups of the plan of ``year`` and their picked rows, in library order.

    ``duty_roles``: bodies whose duties the plan sets out in its section on implementation;
    their leadership tasks are left there, not repeated in section III (a KH/ĐU's III.1).
    ``within``: the year of an annual plan; a task whose deadline falls after it (a later
    year's work, :meth:`Deadline.within`) is no candidate, nor is such an included clause or
    task of the commune's own.
    Raises InputError when a task of the commune's own names a group the library lacks.
    """

    def this_year(task: TaskClause | LocalTask) -> bool:
        return within is None or task.deadline.within(within) is not None

    by_group = {g.id: g for g in groups}
    for i, own in enumerate(profile.local.tasks):
        if own.group not in by_group:
            raise InputError(
                where, f"không có nhóm nhiệm vụ '{own.group}' (xem nqgen clauses list)",
                field=f"local.tasks.{i}.group",
            )
    candidates = _candidates(profile, groups, kind, areas, duty_roles, this_year, year)
    order = {p.id: n for n, p in enumerate(candidates)}
    chosen: dict[str, Pick] = {}
    included = set(profile.include)
    for pick in candidates:
        if pick.id in included:
            pick.reason = "hồ sơ chọn (include); " + pick.reason
            chosen[pick.id] = pick
    own_picks = [
        Pick(by_group[own.group], own, f"local.{i + 1}",
             f"nhiệm vụ riêng của {profile.unit.full_name} (hồ sơ, local.tasks)", 99)
        for i, own in enumerate(profile.local.tasks)
        if this_year(own)
    ]
    if profile.scope == Scope.full:
        for pick in candidates:
            chosen.setdefault(pick.id, pick)
            if pick.id not in included:
                pick.reason = "phạm vi đầy đủ (full); " + pick.reason
    else:
        ranked = sorted(candidates, key=lambda p: (-p.score, order[p.id]))
        _fill_concise(_Chosen(chosen, own_picks), ranked, profile, groups, kind)
    out: list[tuple[TaskGroup, list[Pick]]] = []
    for group in groups:
        rows = sorted(
            (p for p in chosen.values() if p.group.id == group.id), key=lambda p: order[p.id]
        )
        rows += [p for p in own_picks if p.group.id == group.id]
        if rows:
            out.append((group, rows))
    return out


def _candidates(
    profile: Profile, groups: list[TaskGroup], kind: DocKind, areas: dict[str, Any],
    duty_roles: frozenset[str], this_year: Callable[[TaskClause], bool], year: int,
) -> list[Pick]:
    """Every clause the plan may take (within the year of an annual plan), in library order,
    with its priority and why."""
    candidates: list[Pick] = []
    focus = focus_of(profile, areas)
    for group in groups:
        if not applies(group.applies, profile, kind, year):
            continue
        for task in group.tasks:
            if task.id in profile.exclude or not applies(task.applies, profile, kind, year):
                continue
            if not this_year(task):
                continue
            if kind == DocKind.kh_du and not party_worded(task):
                continue
            if not group.nq57 and group.id == "leadership" and task_lead(task, kind) in duty_roles:
                continue
            ev = evidence(task)
            boost, notes = _boosts(profile, task, focus, areas)
            score = ev.score + boost
            candidates.append(Pick(group, task, task.id, _reason(ev, score, notes), score))
    return candidates


class _Chosen:
    """The rows a concise plan has taken so far, and how many each group holds (the
    commune's own tasks count, though they are not in ``picks``)."""

    def __init__(self, picks: dict[str, Pick], own: list[Pick]):
        self.picks = picks
        self.own = len(own)
        self.count: dict[str, int] = {}
        for pick in [*picks.values(), *own]:
            self.count[pick.group.id] = self.count.get(pick.group.id, 0) + 1

    def of(self, group_id: str) -> int:
        return self.count.get(group_id, 0)

    def take(self, pick: Pick) -> None:
        self.picks[pick.id] = pick
        self.count[pick.group.id] = self.of(pick.group.id) + 1


def _fill_concise(
    chosen: _Chosen, ranked: list[Pick], profile: Profile, groups: list[TaskGroup], kind: DocKind
) -> None:
    """A concise plan's rows (clauses/README.md §13): every NQ 57 task group present, the
    rows the unit's sea or town sectors are written for, then the best-ranked rows up to the
    budget, no group over its cap."""
    budget = BUDGETS[kind]
    # the commune's own choices come on top of the budget, within the size of a real plan
    limit = min(budget.tasks + len(chosen.picks), budget.most - chosen.own)
    for group in groups:  # every NQ 57 task group present
        if not group.nq57:
            continue
        for pick in [p for p in ranked if p.group.id == group.id]:
            if chosen.of(group.id) >= budget.group_min:
                break
            if pick.id not in chosen.picks:
                chosen.take(pick)
    for sector in [s for s in profile.sectors if s in UNIT_SECTORS]:  # sea, town
        written = [
            p for p in ranked
            if isinstance(p.clause, TaskClause) and p.clause.applies.sectors == [sector]
        ]
        for pick in written[:UNIT_SECTOR_ROWS]:
            if pick.id not in chosen.picks:
                chosen.take(pick)
    for pick in ranked:
        if len(chosen.picks) >= limit:
            break
        cap = budget.group_max if pick.group.nq57 else budget.other_max
        if pick.id not in chosen.picks and chosen.of(pick.group.id) < cap:
            chosen.take(pick)


@dataclass
class TargetPick:
    """A selected target and why it is there."""

    target: TargetClause
    reason: str
    score: float


def select_targets(
    profile: Profile, targets: list[TargetClause], kind: DocKind, areas: dict[str, Any],
    year: int,
) -> list[TargetPick]:
    """The targets of Phụ lục I (or of a KH/ĐU's section II), in library order.

    Candidates apply to the profile (as tasks do) and are not overdue: a target whose fixed
    year is before the plan year drops out (a roadmap keeps its level, see
    :meth:`TargetClause.resolve`). The targets the profile overrides were chosen by the
    commune and come first (all of them in a KH-UBND; a KH/ĐU keeps to its handful); a
    concise plan takes the rest by priority up to its budget.
    """
    candidates: list[TargetPick] = []
    focus = focus_of(profile, areas)
    for target in targets:
        if target.id in profile.exclude or not applies(target.applies, profile, kind, year):
            continue
        if target.year is not None and target.year < year and not target.steps:
            continue
        ev = evidence(target)
        boost, notes = _boosts(profile, target, focus, areas)
        score = ev.score + boost
        candidates.append(TargetPick(target, _reason(ev, score, notes), score))
    if profile.scope == Scope.full:
        for pick in candidates:
            pick.reason = "phạm vi đầy đủ (full); " + pick.reason
        return candidates
    order = {p.target.id: n for n, p in enumerate(candidates)}
    ranked = sorted(candidates, key=lambda p: (-p.score, order[p.target.id]))
    wanted = set(profile.targets) | set(profile.include) | set(profile.local.baselines)
    budget = BUDGETS[kind].targets
    # a KH/ĐU names a handful of targets, the commune's own first; a KH-UBND lists all of them
    own = [p for p in ranked if p.target.id in wanted]
    limit = budget if kind == DocKind.kh_du else max(budget, len(own))
    chosen: dict[str, TargetPick] = {}
    for pick in own + ranked:
        if len(chosen) >= limit:
            break
        if pick.target.id in wanted and pick.target.id not in chosen:
            pick.reason = "hồ sơ ghi giá trị hoặc chọn chỉ tiêu này; " + pick.reason
        chosen.setdefault(pick.target.id, pick)
    return sorted(chosen.values(), key=lambda p: order[p.target.id])
