"""Clause rendering (dựng điều khoản): the selected tasks and targets as the rows and
paragraphs of a plan, shared by both document kinds.

A picked task gives one paragraph of section III (its full wording for the document kind) and
one Phụ lục II row (its summary, lead, partners, deadline resolved for the plan year, product);
both come from the same clause, so they cannot disagree. Targets are numbered Phụ lục I rows
whose values were resolved once in :func:`nqgen.compose.core.target_rows`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import vn
from ..errors import InputError, LibraryError
from ..models import DocKind, LocalTask, TargetRow, TaskClause, TaskGroupRows, TaskRow
from . import core
from .select import select_targets, select_tasks


@dataclass
class GroupText:
    """One task group of section III: its heading, its id and its paragraphs, each with the
    id of the clause that wrote it."""

    title: str
    group: str
    paragraphs: list[tuple[str, str]]  # (clause id, text)


@dataclass
class Groups:
    """The plan's task groups: headings with body paragraphs, appendix rows, roles used."""

    paragraphs: list[GroupText] = field(default_factory=list)
    rows: list[TaskGroupRows] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)


def task_section(body: core.Body, groups: Groups, bullet: str = "") -> None:
    """Section III (IV of an annual plan): a heading per task group, a paragraph per task
    (``bullet`` "- " before each in a KH-UBND; a KH/ĐU writes plain paragraphs)."""
    for i, group in enumerate(groups.paragraphs, 1):
        body.h2(f"{i}. {group.title}", key=f"group:{group.group}")
        for clause, text in group.paragraphs:
            body.p(bullet + text, key=clause)


def _roles(task: TaskClause | LocalTask, kind: DocKind) -> tuple[str, list[str]]:
    if isinstance(task, TaskClause):
        return core.task_roles(task, kind)
    return task.lead, task.partners


def task_groups(ctx: core.Context) -> Groups:
    """Select the plan's tasks (:func:`nqgen.compose.select.select_tasks`) and render them.

    Raises LibraryError naming the clause when its lead role has no body in the profile, and
    InputError (field ``local.tasks.N.lead``) for a task of the commune's own.
    """
    kind = ctx.kind
    duties = ctx.library.texts.kh_du.organisation if kind == DocKind.kh_du else []
    picked = select_tasks(
        ctx.profile, ctx.library.groups, kind, ctx.library.areas, ctx.year, ctx.where,
        frozenset(d.role for d in duties if d.role), within=ctx.year if ctx.annual else None,
    )
    out = Groups()
    n = 0
    for group, picks in picked:
        rows: list[TaskRow] = []
        texts: list[tuple[str, str]] = []
        for pick in picks:
            task = pick.clause
            lead, partners = _roles(task, kind)
            if lead not in ctx.bodies:
                if lead in ctx.profile.bodies:  # the profile blanked the body that leads it
                    raise InputError(
                        ctx.where,
                        f"cơ quan này chủ trì nhiệm vụ {pick.id} của Kế hoạch: không để trống"
                        " (hoặc bỏ nhiệm vụ bằng exclude)",
                        field=f"bodies.{lead}",
                    )
                if isinstance(task, LocalTask):
                    index = ctx.profile.local.tasks.index(task)
                    raise InputError(
                        ctx.where, f"không có cơ quan cho vai trò '{lead}'",
                        field=f"local.tasks.{index}.lead",
                    )
                raise LibraryError(
                    f"Điều khoản {pick.id}: hồ sơ không có cơ quan cho vai trò chủ trì '{lead}'."
                )
            out.roles.add(lead)
            out.roles.update(partners)
            wording = task.wording(kind) if isinstance(task, TaskClause) else task.text
            texts.append((pick.id, ctx.render(wording, pick.id)))
            deadline = ctx.deadline(task.deadline)
            assert deadline is not None  # selection leaves out what the year does not hold
            n += 1
            rows.append(
                TaskRow(
                    number=str(n),
                    clause=pick.id,
                    content=ctx.render(task.summary or wording, pick.id),
                    lead=ctx.bodies[lead],
                    partners="; ".join(
                        ctx.bodies[r] for r in partners if r in ctx.bodies and r != lead
                    ),
                    deadline=deadline.text(),
                    note=ctx.render(task.product, pick.id) if task.product else "",
                    reason=pick.reason,
                )
            )
        title = ctx.render(group.heading(kind), group.id)
        out.paragraphs.append(GroupText(title, group.id, texts))
        out.rows.append(
            TaskGroupRows(
                number=vn.roman(len(out.rows) + 1),
                title=title,
                group=group.id,
                nq57=group.nq57,
                rows=rows,
            )
        )
    return out


def targets_of(ctx: core.Context) -> list[TargetRow]:
    """Phụ lục I rows: the selected targets (:func:`nqgen.compose.select.select_targets`),
    numbered, with the values resolved for the plan and the reason for each."""
    picks = select_targets(
        ctx.profile, ctx.library.targets, ctx.kind, ctx.library.areas, ctx.year
    )
    return [
        ctx.targets[p.target.id].model_copy(update={"number": str(i), "reason": p.reason})
        for i, p in enumerate(picks, 1)
    ]
