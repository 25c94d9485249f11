"""A question of :mod:`nqgen.questions` as HTML form fields (trường của biểu mẫu), and back.

:func:`field` describes one question for the page template: its message, help, note, the
current answer (or the default, or what was just posted) and, by kind, the text to prefill,
the options (radio buttons, check boxes), the records of a list (each parent document's
fields) or the names of a ``names`` question (each body's name). :func:`answer` reads a
posted form back into the raw answer :func:`nqgen.questions.check` takes and returns the
checked value, or raises :class:`FormError` with the Vietnamese reasons to show beside each
field. Nothing is decided here: the checks, defaults and choices are the questions' own.

Form names: ``gia-tri`` (a text), ``chon`` (the index of a choice; several for check boxes),
``muc-<i>-<field>`` and ``muc-<i>-goc`` (record ``i`` of a list and the index it had),
``bo-<i>`` (remove record ``i``), ``moi-<field>`` (a record to add), ``len`` (move record
``i`` up), ``ten-<role>`` (a body's name).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any, Protocol

from .. import questions as Q

MAX_RECORDS = 100
#: Autocomplete questions with more choices than this filter through the server (gõ để lọc).
LOOKUP_FROM = 20


class Posted(Protocol):
    """A posted form (Starlette's FormData): ``get`` and ``getlist``."""

    def get(self, key: str, default: Any = None) -> Any: ...
    def getlist(self, key: str) -> list[Any]: ...


class FormError(Exception):
    """Answers the question refuses: ``message`` beside the question, ``fields`` beside
    single fields (``<i>-<field>`` of a record, ``moi-<field>``, ``ten-<role>``)."""

    def __init__(self, message: str = "", fields: Mapping[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.fields = dict(fields or {})


@dataclass
class Option:
    index: int
    title: str
    note: str
    chosen: bool


@dataclass
class Record:
    """One record of a list question as the form shows it."""

    origin: int  # its index in the list first shown (-1: new)
    texts: dict[str, str]
    errors: dict[str, str] = dc_field(default_factory=dict)


@dataclass
class Name:
    role: str
    default: str
    text: str
    error: str = ""


@dataclass
class Field:
    """What the page template needs to draw one question."""

    q: Q.Question
    label: str
    help: str
    note: str
    kind: str
    text: str = ""
    lookup: bool = False  # type-to-filter through the server (province, commune)
    suggestions: list[str] = dc_field(default_factory=list)  # a short datalist (any text goes)
    options: list[Option] = dc_field(default_factory=list)
    records: list[Record] = dc_field(default_factory=list)
    new_record: Record | None = None
    subfields: tuple[Q.Question, ...] = ()
    names: list[Name] = dc_field(default_factory=list)
    error: str = ""


def current(q: Q.Question, answers: Q.Answers) -> Any:
    """The stored answer, else the default (what Enter gives in the terminal)."""
    return answers[q.id] if q.id in answers else q.default_for(answers)


def lookup(q: Q.Question, answers: Q.Answers) -> bool:
    """Whether ``q`` is answered by choosing in a long list filtered on the server."""
    return (
        q.kind == Q.Kind.autocomplete
        and not q.suggest
        and len(q.choices_for(answers)) > LOOKUP_FROM
    )


def suggest(q: Q.Question, answers: Q.Answers, typed: str, limit: int = 30) -> list[Q.Choice]:
    """The choices whose title holds ``typed``, ignoring tone marks and case (``xop`` finds
    ``Xã Xốp``), as the terminal wizard filters them."""
    key = Q.fold(typed)
    return [c for c in q.choices_for(answers) if key in Q.fold(c.title)][:limit]


def field(
    q: Q.Question, answers: Q.Answers, posted: Posted | None = None, error: FormError | None = None
) -> Field:
    """One question as the form draws it: the answer so far, or what was ``posted`` with the
    ``error`` that refused it."""
    errors = error.fields if error else {}
    out = Field(
        q=q,
        label=q.message_for(answers),
        help=q.help,
        note=q.note(answers) if q.note else "",
        kind=q.kind.value,
        error=error.message if error else "",
    )
    value = current(q, answers)
    if q.kind in (Q.Kind.text, Q.Kind.autocomplete):
        out.lookup = lookup(q, answers)
        out.text = str(posted.get("gia-tri", "")) if posted else q.as_text(value)
        if out.lookup and posted is None and q.id not in answers:
            out.text = ""  # the default of a long list is no answer: type to choose
        if q.kind == Q.Kind.autocomplete and not out.lookup:
            out.suggestions = [c.title for c in q.choices_for(answers)]
    elif q.kind in (Q.Kind.select, Q.Kind.confirm, Q.Kind.checkbox):
        choices = q.choices_for(answers)
        if posted is not None:
            picked = {_index(v, len(choices)) for v in posted.getlist("chon")}
        else:
            chosen = value if q.kind == Q.Kind.checkbox else [value]
            picked = {i for i, c in enumerate(choices) if c.value in chosen}
        out.options = [Option(i, c.title, c.note, i in picked) for i, c in enumerate(choices)]
    elif q.kind == Q.Kind.list:
        out.subfields = q.fields
        if posted is not None:
            out.records, new = _posted_records(q, posted)
        else:
            out.records = [
                Record(i, {f.id: f.as_text(d.get(f.id)) for f in q.fields})
                for i, d in enumerate(value)
            ]
            new = Record(-1, {f.id: "" for f in q.fields})
        for where, record in [*enumerate(out.records), ("moi", new)]:
            record.errors = {
                f.id: errors[f"{where}-{f.id}"] for f in q.fields if f"{where}-{f.id}" in errors
            }
        out.new_record = new
    else:  # Kind.names
        for c in q.choices_for(answers):
            text = posted.get(f"ten-{c.value}", c.title) if posted else value.get(c.value, c.title)
            out.names.append(Name(c.value, c.title, str(text), errors.get(f"ten-{c.value}", "")))
    return out


def _index(text: object, count: int) -> int:
    try:
        i = int(str(text))
    except ValueError:
        return -1
    return i if 0 <= i < count else -1


def _posted_records(q: Q.Question, posted: Posted) -> tuple[list[Record], Record]:
    """The records as posted (removed ones left out, ``len`` applied) and the new one."""
    count = max(_index(posted.get("so-muc", "0"), MAX_RECORDS + 1), 0)
    indexes = list(range(count))
    up = _index(posted.get("len", ""), count)
    if up > 0:
        indexes[up - 1], indexes[up] = indexes[up], indexes[up - 1]
    records = [
        Record(
            _index(posted.get(f"muc-{i}-goc", ""), MAX_RECORDS),
            {f.id: str(posted.get(f"muc-{i}-{f.id}", "")) for f in q.fields},
        )
        for i in indexes
        if not posted.get(f"bo-{i}")
    ]
    new = Record(-1, {f.id: str(posted.get(f"moi-{f.id}", "")) for f in q.fields})
    return records, new


def rearranged(posted: Posted) -> bool:
    """Whether the form only asked to move a record (nothing to check or store yet)."""
    return bool(posted.get("len"))


def answer(q: Q.Question, posted: Posted, answers: Q.Answers) -> Any:
    """The checked value of a posted form (:func:`nqgen.questions.check`), or FormError."""
    try:
        if q.kind in (Q.Kind.text, Q.Kind.autocomplete):
            text = str(posted.get("gia-tri", ""))
            if not text.strip() and lookup(q, answers):
                raise FormError(f"Mời gõ vài chữ của tên rồi chọn trong danh sách ({q.label}).")
            return Q.check(q, text, answers)
        if q.kind in (Q.Kind.select, Q.Kind.confirm, Q.Kind.checkbox):
            choices = q.choices_for(answers)
            picked = [_index(v, len(choices)) for v in posted.getlist("chon")]
            values = [choices[i].value for i in picked if i >= 0]
            if q.kind == Q.Kind.checkbox:
                return Q.check(q, values, answers)
            if len(values) != 1:
                raise FormError(f"Mời chọn một mục ({q.label}).")
            return Q.check(q, values[0], answers)
        if q.kind == Q.Kind.list:
            return Q.check(q, _list_items(q, posted, answers), answers)
        return Q.check(q, _names(q, posted, answers), answers)
    except Q.AnswerError as exc:
        raise FormError(str(exc)) from None


def _list_items(q: Q.Question, posted: Posted, answers: Q.Answers) -> list[dict[str, Any]]:
    """The records of a list question, each field checked as the terminal wizard checks it
    (:func:`nqgen.questions.check_field`, then :func:`nqgen.questions.check_item`)."""
    shown = list(current(q, answers))
    records, new = _posted_records(q, posted)
    if any(t.strip() for t in new.texts.values()):
        records.append(new)
    model = q.record_model() if q.record_model else None
    items: list[dict[str, Any]] = []
    errors: dict[str, str] = {}
    for i, record in enumerate(records):
        where = "moi" if record.origin < 0 and record is new else str(i)
        done: dict[str, Any] = {}
        for f in q.fields:
            try:
                done[f.id] = Q.check_field(f, record.texts[f.id], done, model)
            except Q.AnswerError as exc:
                errors[f"{where}-{f.id}"] = str(exc)
        if any(k.startswith(f"{where}-") for k in errors):
            continue
        old = shown[record.origin] if 0 <= record.origin < len(shown) else {}
        try:
            items.append(Q.check_item(q, done, old))
        except Q.AnswerError as exc:
            errors[f"{where}-{q.fields[0].id}"] = str(exc)
    if errors:
        raise FormError("Có chỗ chưa đúng, xem các ô tô đỏ bên dưới.", errors)
    return items


def _names(q: Q.Question, posted: Posted, answers: Q.Answers) -> dict[str, str]:
    """The bodies renamed (only those that differ from the default name)."""
    name_q = q.fields[0]
    edits: dict[str, str] = {}
    errors: dict[str, str] = {}
    for c in q.choices_for(answers):
        try:
            new = Q.check_field(name_q, posted.get(f"ten-{c.value}", c.title), {}, None)
        except Q.AnswerError as exc:
            errors[f"ten-{c.value}"] = str(exc)
            continue
        if new != c.title:
            edits[c.value] = new
    if errors:
        raise FormError("Có tên chưa đúng, xem các ô tô đỏ bên dưới.", errors)
    return edits
