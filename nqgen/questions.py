"""The questions of ``nqgen new`` as data (câu hỏi của trình hỏi đáp), for any front end.

Each question is one :class:`Question` object — its id (the key in the answers), label (the
short Vietnamese name the review and the resume banner show), message, help, kind, default,
choices, ``when`` condition and how its answer lands in the profile — after copier's
``Question`` (``copier/_user_data.py``). :data:`QUESTIONS` is the whole interview, in
order; a front end only walks it:

- :func:`active` — the questions that apply to the answers so far (``when``);
- :meth:`Question.default_for`, :meth:`Question.choices_for`, :meth:`Question.message_for`;
- :func:`check` — an answer as typed (text) or chosen (a choice value) becomes the value to
  store, or :class:`AnswerError` with the Vietnamese reason to show beside the question;
- :func:`record` — stores it and forgets what depended on the old answer;
- :func:`build_profile` — the Profile the answers describe (pure: same answers, same profile).

Validation lives in the pydantic models (:mod:`nqgen.models`): :func:`check` puts the answer
into the profile it would give and reports the model's own message (the academic-title rule,
the document number, the date and year ranges have one home there). The question module itself
only turns text into values (a province name into the official one, "A, B" into a list) and
says when a required text is empty.

This module imports neither questionary nor prompt_toolkit (the terminal wizard,
:mod:`nqgen.wizard`, draws the questions; a web form can draw the same list), and nothing
heavier than :mod:`nqgen.units` before the first answer: pydantic, the clause library and
compose are imported when a question needs them (start-up, issue 6).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from . import units
from .errors import NqgenError, UnitError
from .kinds import DocKind, KindChoice

if TYPE_CHECKING:
    from .models import Profile

Answers = dict[str, Any]


class Kind(StrEnum):
    """How a question is answered (kiểu câu hỏi)."""

    text = "text"  # free text, prefilled with the default
    autocomplete = "autocomplete"  # text with type-to-filter choices
    select = "select"  # one of the choices
    checkbox = "checkbox"  # several of the choices
    confirm = "confirm"  # yes or no (its two choices name them)
    list = "list"  # a list of records, each asked with ``fields`` (list-editing)
    names = "names"  # new names for some of a fixed list of items (choices)


@dataclass(frozen=True)
class Choice:
    """One choice: the ``value`` stored, the ``title`` shown, an optional ``note`` beside it."""

    value: Any
    title: str
    note: str = ""


class AnswerError(NqgenError):
    """An answer the question or the models refuse; the message is Vietnamese, for the user."""


@dataclass(frozen=True)
class Question:
    """One question of the interview (câu hỏi).

    ``message``, ``default`` and ``choices`` are values or functions of the answers so far;
    ``when`` says whether the question applies. ``parse`` turns typed text into the value to
    store (text kinds; raises ValueError or NqgenError in Vietnamese) and ``text_of`` gives
    the value back as text to prefill; ``required`` is the example shown when a required
    text is left empty. ``apply`` puts the value into the profile data (the profile as a
    dict, before the models validate it). ``depends`` names earlier questions whose change
    makes this answer stale (it is then asked again). Questions with the same ``group`` share
    one line of the review and are edited together; ``suggest`` marks autocomplete choices as
    suggestions (any text goes); ``remember`` lets a front end offer the previous session's
    answer as the default. A ``list`` question asks each record with ``fields`` (each checked
    by ``record_model`` with the record so far) and makes it with ``item``; a ``names``
    question asks one new name with ``fields[0]``.
    """

    id: str
    label: str
    message: str | Callable[[Answers], str]
    kind: Kind = Kind.text
    help: str = ""
    default: Any = None
    choices: Sequence[Choice] | Callable[[Answers], Sequence[Choice]] = ()
    when: Callable[[Answers], bool] | None = None
    parse: Callable[[str, Answers], Any] | None = None
    text_of: Callable[[Any], str] | None = None
    show: Callable[[Any, Answers], str] | None = None
    required: str | None = None
    apply: Callable[[dict[str, Any], Any, Answers], None] | None = None
    depends: tuple[str, ...] = ()
    group: str | None = None
    suggest: bool = False
    remember: bool = False
    note: Callable[[Answers], str] | None = None  # a remark on the answers so far, or ""
    fields: tuple[Question, ...] = ()
    item: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]] | None = None
    item_title: Callable[[dict[str, Any]], str] | None = None
    record_model: Callable[[], Any] | None = None  # a list: the pydantic model of one record
    model_field: str | None = None  # a field of a record: the model field it fills

    def message_for(self, answers: Answers) -> str:
        return self.message(answers) if callable(self.message) else self.message

    def default_for(self, answers: Answers, remembered: Answers | None = None) -> Any:
        """What Enter gives (``--defaults`` takes it): ``remembered[id]`` for a ``remember``
        question when given, else the question's default."""
        if self.remember and remembered and remembered.get(self.id) is not None:
            return remembered[self.id]
        return self.default(answers) if callable(self.default) else self.default

    def choices_for(self, answers: Answers) -> list[Choice]:
        return list(self.choices(answers) if callable(self.choices) else self.choices)

    def applies(self, answers: Answers) -> bool:
        return self.when is None or bool(self.when(answers))

    def as_text(self, value: Any) -> str:
        """The value as text to prefill a text field (inverse of ``parse``)."""
        if value is None:
            return ""
        if self.text_of is not None:
            try:
                return self.text_of(value)
            except (TypeError, KeyError, AttributeError, ValueError):
                return str(value)
        return str(value)

    def describe(self, value: Any, answers: Answers) -> str:
        """The answer as the review shows it."""
        if self.show is not None:
            return self.show(value, answers)
        if self.kind in (Kind.select, Kind.confirm):
            titles = {c.value: c.title for c in self.choices_for(answers)}
            return titles.get(value, str(value))
        if isinstance(value, list):
            return ", ".join(str(v) for v in value) or "(không chọn)"
        return str(value) if value not in (None, "") else "(để trống)"

    @property
    def row(self) -> str:
        """The review line this question belongs to (its group, or itself)."""
        return self.group or self.id


# --------------------------------------------------------------------------- text helpers


def clean(text: str) -> str:
    """Typed text as stored: NFC, surrounding and repeated spaces removed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold(text: str) -> str:
    """Accent- and case-insensitive key for type-to-filter (``Quảng Ngãi`` -> ``quang-ngai``)."""
    return units.slugify(text)


def split_list(text: str) -> list[str]:
    """``A, B; C`` -> ``["A", "B", "C"]`` (blank items dropped)."""
    return [item for item in (clean(p) for p in text.replace(";", ",").split(",")) if item]


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- units


def province_choices() -> list[tuple[str, units.ProvinceInfo]]:
    """The 34 provinces (official order) as (title, province)."""
    return [(p.name, p) for p in units.provinces()]


def commune_choices(province: units.ProvinceInfo) -> list[tuple[str, units.UnitInfo]]:
    """Every commune-level unit of ``province`` as (title, unit), in the official order.

    The title is the official name (``Xã Xốp``); should two units share it, the official code
    is added so that each can still be chosen.
    """
    found = units.units_of(province)
    seen: dict[str, int] = {}
    for u in found:
        seen[u.official] = seen.get(u.official, 0) + 1
    return [
        (u.official if seen[u.official] == 1 else f"{u.official} (mã {u.code})", u) for u in found
    ]


def commune_title(province: units.ProvinceInfo, unit: units.UnitInfo) -> str:
    """The choice title of ``unit`` (what the answers record for the commune question)."""
    return next(t for t, u in commune_choices(province) if u.code == unit.code)


def resolve_province(text: str) -> units.ProvinceInfo:
    """The province a typed answer names; NqgenError (Vietnamese, with suggestions) if none."""
    typed = clean(text)
    for title, p in province_choices():
        if title.casefold() == typed.casefold():
            return p
    try:
        return units.find_province(typed)
    except NqgenError as exc:
        near = _suggest(typed, [(t, t) for t, _ in province_choices()])
        raise UnitError(f"{exc} {near}".strip()) from None


def resolve_commune(province: units.ProvinceInfo, text: str) -> units.UnitInfo:
    """The unit a typed answer names (title, name, official name or code) in ``province``."""
    typed = clean(text)
    choices = commune_choices(province)
    for title, u in choices:
        if title.casefold() == typed.casefold():
            return u
    try:
        return units.find_unit(province, typed)
    except NqgenError as exc:
        near = _suggest(typed, [(t, u.name) for t, u in choices])
        raise UnitError(f"{exc} {near}".strip()) from None


def _suggest(typed: str, names: list[tuple[str, str]]) -> str:
    """``Có phải: ...?`` with the closest (title, bare name) pairs (rapidfuzz), or nothing."""
    from rapidfuzz import fuzz, process

    keys = {i: fold(name) for i, (_, name) in enumerate(names)}
    near = process.extract(fold(typed), keys, scorer=fuzz.WRatio, limit=3, score_cutoff=70)
    return ("Có phải: " + ", ".join(names[k][0] for _, _, k in near) + "?") if near else ""


def unit_of(answers: Answers) -> units.UnitInfo:
    """The unit the province and commune answers name."""
    province = resolve_province(str(answers["province"]))
    return resolve_commune(province, str(answers["commune"]))


def base_profile(answers: Answers) -> Profile:
    """The unit's default profile (:func:`nqgen.units.default_profile`), before any answer."""
    return units.default_profile(unit_of(answers))


# --------------------------------------------------------------------------- kinds and sides

#: Document kinds (loại văn bản) and how the wizard names them.
KIND_TITLES: dict[str, str] = {
    KindChoice.kh_ubnd: "Kế hoạch của Ủy ban nhân dân (KH-UBND, thể thức Nghị định 30/2020/NĐ-CP)",
    KindChoice.kh_du: "Kế hoạch của Đảng ủy (KH/ĐU, thể thức Hướng dẫn 05-HD/VPTW)",
    KindChoice.both: "Cả hai: Kế hoạch của Đảng ủy và Kế hoạch của UBND",
}
#: Which issuers (cơ quan ban hành) a kind needs; the party plan comes first when there are two,
#: since the UBND plan implements it.
KIND_SIDES: dict[str, list[str]] = {
    KindChoice.kh_ubnd: ["ubnd"], KindChoice.kh_du: ["party"], KindChoice.both: ["party", "ubnd"]
}
KIND_SHORT: dict[str, str] = {
    KindChoice.kh_ubnd: "Kế hoạch của UBND (KH-UBND)",
    KindChoice.kh_du: "Kế hoạch của Đảng ủy (KH/ĐU)",
    KindChoice.both: "Cả hai (KH/ĐU và KH-UBND)",
}
SIDE_TITLES = {"ubnd": "Kế hoạch của UBND", "party": "Kế hoạch của Đảng ủy"}

#: Signer titles (ô 7, NĐ 30 Phụ lục I II.7; HD 05 7.1): the head signs for the collective (TM),
#: a deputy signs on the head's behalf (KT).
SIGNER_TITLES = {
    "ubnd": [
        ("CHỦ TỊCH", "TM", "Chủ tịch ký (TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH)"),
        ("PHÓ CHỦ TỊCH", "KT", "Phó Chủ tịch ký thay (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH)"),
    ],
    "party": [
        ("BÍ THƯ", "TM", "Bí thư ký (T/M BAN THƯỜNG VỤ / BÍ THƯ)"),
        ("PHÓ BÍ THƯ", "KT", "Phó Bí thư ký thay (K/T BÍ THƯ / PHÓ BÍ THƯ)"),
    ],
}

#: What a level below the commune is called (tên gọi thôn, tổ dân phố): suggestions only.
VILLAGE_TERMS = [
    "thôn", "xóm", "bản", "ấp", "buôn", "làng", "plei", "sóc", "tổ dân phố", "khu phố",
    "khu dân cư",
]  # fmt: skip
#: Kinds of parent documents (loại văn bản căn cứ): suggestions only.
PARENT_KINDS = [
    "Nghị quyết", "Kế hoạch", "Kế hoạch hành động", "Chương trình hành động", "Chương trình",
    "Quyết định", "Chỉ thị", "Hướng dẫn", "Công văn",
]  # fmt: skip


def kind_of(answers: Answers) -> str:
    return str(answers.get("kind") or KindChoice.kh_ubnd.value)


def roles_for(kind: str) -> list[str]:
    """Role keys whose bodies a plan of ``kind`` can name (clauses/library.yaml ``sides``)."""
    from .library import load_library

    wanted = set(KIND_SIDES[kind])
    return [k for k, r in load_library().roles.items() if wanted & set(r.sides)]


def body_names(
    answers: Answers, edits: dict[str, str] | None = None
) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """The roles a plan of the chosen kind names, their names with ``edits`` (default: the
    bodies answer) and the default names (:func:`nqgen.compose.resolve_bodies`)."""
    from .compose import resolve_bodies

    base = base_profile(answers)
    if answers.get("village_term"):
        base = base.model_copy(update={"village_term": answers["village_term"]})
    if edits is None:
        edits = dict(answers.get("bodies") or {})
    defaults = resolve_bodies(base)
    names = resolve_bodies(base.model_copy(update={"bodies": edits}))
    roles = [r for r in roles_for(kind_of(answers)) if r in names]
    return roles, names, defaults


def _put(path: str) -> Callable[[dict[str, Any], Any, Answers], None]:
    """``apply`` that writes the answer at ``path`` of the profile data (blank: left out)."""
    keys = path.split(".")

    def apply(data: dict[str, Any], value: Any, _answers: Answers) -> None:
        if value in (None, "", [], {}):
            return
        node = data
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = value

    return apply


# --------------------------------------------------------------------------- the questions


def _province_default(_answers: Answers) -> str:
    return province_choices()[0][0]


def _parse_province(text: str, _answers: Answers) -> str:
    return resolve_province(text).name


def _commune_message(answers: Answers) -> str:
    return f"Xã, phường, đặc khu của {resolve_province(answers['province']).official}"


def _commune_note(answers: Answers) -> str:
    return f"{len(units.units_of(resolve_province(answers['province'])))} đơn vị"


def _commune_choices(answers: Answers) -> list[Choice]:
    province = resolve_province(answers["province"])
    return [Choice(t, t, f"mã {u.code}") for t, u in commune_choices(province)]


def _commune_default(answers: Answers) -> str:
    return commune_choices(resolve_province(answers["province"]))[0][0]


def _parse_commune(text: str, answers: Answers) -> str:
    province = resolve_province(answers["province"])
    return commune_title(province, resolve_commune(province, text))


def _registry_note(answers: Answers) -> str:
    """Said when nqgen knows no document of the province: the list holds only the central
    ones, and the province's and the commune party's plans are to be added."""
    from .compose.world import province_words

    province = resolve_province(answers["province"])
    if units.has_registry(province):
        return ""
    words = province_words(base_profile(answers))
    return (
        f"{province.official} chưa có văn bản triển khai Nghị quyết 57 trong sổ đăng ký của "
        f"nqgen (profiles/provinces/{province.slug}.yaml), nên danh sách chỉ có văn bản Trung "
        "ương. Mời anh/chị chọn «Thêm một văn bản» để thêm kế hoạch, chương trình của "
        f"{words['committee']}, Ủy ban nhân dân {words['kind']} và của Đảng ủy "
        f"{_unit_word(answers)}."
    )


def _parents_default(answers: Answers) -> list[dict[str, Any]]:
    return [p.model_dump(mode="json", exclude_none=True) for p in base_profile(answers).parents]


def _cite(doc: dict[str, Any]) -> str:
    from .compose import cite
    from .models import ParentDocument

    return cite(ParentDocument.model_validate(doc))


def _parents_show(value: list[dict[str, Any]], _answers: Answers) -> str:
    return f"{len(value)} văn bản: " + "; ".join(d.get("short") or d["kind"] for d in value)


def _parent_item(texts: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """One parent document from its fields: kind, number, date, issuer, summary; blank fields
    stay out; ``short`` (how the text cites it again) is made from kind and number."""
    from .models import ParentDocument

    out: dict[str, Any] = {"kind": texts["kind"], "issuer": texts["issuer"]}
    for key in ("number", "date", "summary"):
        if texts.get(key):
            out[key] = texts[key]
    out = ParentDocument.model_validate(out).model_dump(mode="json", exclude_none=True)
    if texts.get("number"):
        same = old.get("kind") == out["kind"] and old.get("number") == out["number"]
        own = f"{out['kind']} số {out['number']}"
        out["short"] = old["short"] if same and old.get("short") else own
    return out


def _parent_model() -> Any:
    from .models import ParentDocument

    return ParentDocument


def _iso_to_text(value: str) -> str:
    year, month, day = value.split("-")
    return f"{day}/{month}/{year}"


PARENT_FIELDS = (
    Question("kind", "Loại văn bản", "Loại văn bản:", Kind.autocomplete, suggest=True,
             choices=[Choice(k, k) for k in PARENT_KINDS], required="Kế hoạch",
             model_field="kind"),
    Question("number", "Số, ký hiệu", "Số, ký hiệu (ví dụ 51/KH-UBND; để trống nếu không rõ):",
             model_field="number"),
    Question("date", "Ngày ban hành", "Ngày ban hành (ngày/tháng/năm; để trống nếu không rõ):",
             text_of=_iso_to_text, model_field="date"),
    Question("issuer", "Cơ quan ban hành", "Cơ quan ban hành:",
             required="Ủy ban nhân dân tỉnh Quảng Ngãi", model_field="issuer"),
    Question("summary", "Trích yếu", "Trích yếu (ví dụ «về việc thực hiện ...»; có thể để trống):",
             model_field="summary"),
)  # fmt: skip


def _bodies_show(value: dict[str, str], _answers: Answers) -> str:
    return "đã sửa: " + "; ".join(value.values()) if value else "giữ tên mặc định theo loại đơn vị"


def _body_choices(answers: Answers) -> list[Choice]:
    roles, _, defaults = body_names(answers, {})
    return [Choice(r, defaults[r]) for r in roles]


def _focal_choices(answers: Answers) -> list[Choice]:
    roles, names, _ = body_names(answers)
    return [Choice(r, names[r]) for r in roles]


def _focal_default(answers: Answers) -> str:
    """The UBND plan's focal body is the profile default; a party plan is followed up by the
    Văn phòng Đảng ủy (QĐ 298-QĐ/TW)."""
    roles = roles_for(kind_of(answers))
    wanted = "party_office" if kind_of(answers) == KindChoice.kh_du else base_profile(answers).focal
    return wanted if wanted in roles else roles[0]


def _village_default(answers: Answers) -> str:
    return str(base_profile(answers).village_term)


def _village_choices(answers: Answers) -> list[Choice]:
    unit = unit_of(answers)
    first = units.village_terms(unit.kind, unit.province, unit.code)
    return [Choice(t, t) for t in dict.fromkeys(first + VILLAGE_TERMS)]


def _term(answers: Answers) -> str:
    return str(answers.get("village_term") or _village_default(answers))


def _sector_choices(_answers: Answers) -> list[Choice]:
    from .models import Sector

    return [Choice(s.value, s.value) for s in Sector]


def _sectors_default(answers: Answers) -> list[str]:
    return [s.value for s in base_profile(answers).sectors]


def _area_choices(_answers: Answers) -> list[Choice]:
    from .library import load_library

    return [Choice(k, a.label) for k, a in load_library().areas.items()]


def _focus_default(answers: Answers) -> list[str]:
    """The focus areas a profile without ``focus`` gets (:func:`nqgen.compose.select.focus_of`
    for the unit kind and the sectors answered)."""
    from .compose.select import focus_of
    from .library import load_library
    from .models import Sector

    sectors = answers.get("sectors")
    if sectors is None:
        sectors = _sectors_default(answers)
    profile = base_profile(answers).model_copy(update={"sectors": [Sector(s) for s in sectors]})
    return focus_of(profile, load_library().areas)


def _focus_apply(data: dict[str, Any], value: list[str], answers: Answers) -> None:
    if value != _focus_default(answers):  # the default stays implicit: it follows the sectors
        data["focus"] = value


def _focus_show(value: list[str], answers: Answers) -> str:
    titles = {c.value: c.title for c in _area_choices(answers)}
    return "; ".join(titles.get(v, v) for v in value) or "(không chọn)"


def _kind_apply(data: dict[str, Any], value: str, _answers: Answers) -> None:
    data["kind"] = str(DocKind.kh_du if value == KindChoice.kh_du else DocKind.kh_ubnd)


def annual_year(value: Any) -> int | None:
    """The year of a ``type`` answer: ``annual-2027`` -> 2027; None for the implementation
    plan."""
    text = str(value or "")
    if text.startswith("annual-") and text[7:].isdigit():
        return int(text[7:])
    return None


def _annual(answers: Answers) -> bool:
    return annual_year(answers.get("type")) is not None


def _type_choices(_answers: Answers) -> list[Choice]:
    """The implementation plan, or the annual plan of this year or the next (an annual plan is
    often signed in December for the year after)."""
    from datetime import date

    this = date.today().year
    return [
        Choice("implementation", "Kế hoạch triển khai thực hiện Nghị quyết số 57-NQ/TW"),
        *(Choice(f"annual-{y}", f"Kế hoạch chuyển đổi số năm {y}") for y in (this, this + 1)),
    ]


def _type_apply(data: dict[str, Any], value: str, _answers: Answers) -> None:
    year = annual_year(value)
    if year is None:
        data["type"] = "implementation"
        return
    data["type"] = "annual"
    data.setdefault("annual", {})["year"] = year


def _type_show(value: str, _answers: Answers) -> str:
    year = annual_year(value)
    return f"Kế hoạch chuyển đổi số năm {year}" if year else "Kế hoạch triển khai Nghị quyết 57"


def _unit_word(answers: Answers) -> str:
    return unit_of(answers).kind.value


def _local_on(answers: Answers) -> bool:
    return answers.get("local") is True


def _parse_villages(text: str, _answers: Answers) -> list[str] | int:
    return int(text) if text.isdigit() else split_list(text)


def _villages_apply(data: dict[str, Any], value: list[str] | int, _answers: Answers) -> None:
    if isinstance(value, int):
        data.setdefault("local", {})["village_count"] = value
    elif value:
        data.setdefault("local", {})["villages"] = value


def _list_text(value: Any) -> str:
    return str(value) if isinstance(value, int) else ", ".join(value)


def _local_show(value: bool, answers: Answers) -> str:
    if not value:
        return "không thêm"
    parts = []
    villages = answers.get("local.villages")
    if isinstance(villages, int):
        parts.append(f"{villages} {_term(answers)}")
    elif villages:
        parts.append(f"{len(villages)} {_term(answers)}")
    for key, word in (("products", "sản phẩm"), ("tourism", "điểm du lịch"),
                      ("platforms", "nền tảng số")):  # fmt: skip
        if answers.get(f"local.{key}"):
            parts.append(f"{word}: " + ", ".join(answers[f"local.{key}"]))
    return "; ".join(parts) or "chưa ghi gì"


def _local_list(key: str, label: str, message: str) -> Question:
    return Question(
        f"local.{key}", label, message, when=_local_on, group="local", default=[],
        parse=lambda text, _answers: split_list(text), text_of=_list_text,
        apply=_put(f"local.{key}"),
    )  # fmt: skip


def _issuer_questions(side: str) -> list[Question]:
    """Signer, number and date of one issuer's plan (UBND or Đảng ủy), asked when the kind
    needs that issuer."""
    title = SIDE_TITLES[side]

    def needed(answers: Answers) -> bool:
        return side in KIND_SIDES[kind_of(answers)]

    def signer_apply(data: dict[str, Any], value: str, _answers: Answers) -> None:
        authority = next((a for t, a, _ in SIGNER_TITLES[side] if t == value), "TM")
        signer = data.setdefault(side, {}).setdefault("signer", {})
        signer.update(title=value, authority=authority)

    def own(data: dict[str, Any], answers: Answers) -> dict[str, Any]:
        """Where this plan's number and date go: the issuer's, or the annual plan's own."""
        place: dict[str, Any] = (
            data.setdefault("annual", {}).setdefault(side, {}) if _annual(answers)
            else data.setdefault(side, {})
        )
        return place

    def number_apply(data: dict[str, Any], value: str, answers: Answers) -> None:
        if value:
            own(data, answers)["number"] = value

    def date_apply(data: dict[str, Any], value: dict[str, int] | None, answers: Answers) -> None:
        if value:
            own(data, answers)["date"] = value
            if _annual(answers):  # the annual plan's year is the one chosen (type)
                return
            if side == "ubnd" or "year" not in data:  # the UBND plan's date sets the year
                data["year"] = value["year"]

    def parse_date(text: str, _answers: Answers) -> dict[str, int] | None:
        from .models import PartialDate

        return PartialDate.model_validate(text).model_dump(exclude_none=True) if text else None

    blank = "(để trống, điền khi ký)"
    return [
        Question(
            f"{side}.signer_title", f"Người ký ({title})", f"Người ký {title}:", Kind.select,
            default=SIGNER_TITLES[side][0][0], when=needed, apply=signer_apply,
            choices=[Choice(t, label) for t, _, label in SIGNER_TITLES[side]],
        ),
        Question(
            f"{side}.signer_name", f"Họ tên người ký ({title})",
            f"Họ tên người ký {title} (để trống nếu chưa rõ):", default="", when=needed,
            apply=_put(f"{side}.signer.name"), show=lambda v, _a: v or blank,
        ),
        Question(
            f"{side}.number", f"Số văn bản ({title})",
            f"Số văn bản {title} (chỉ phần số; để trống để điền khi ký):", default="",
            when=needed, apply=number_apply, show=lambda v, _a: v or blank, depends=("type",),
        ),
        Question(
            f"{side}.date", f"Ngày ban hành ({title})",
            f"Ngày ban hành {title} (ngày/tháng/năm, tháng/năm hoặc năm; để trống nếu chưa có):",
            default=None, when=needed, parse=parse_date, text_of=format_doc_date,
            apply=date_apply, show=lambda v, _a: format_doc_date(v) or blank, depends=("type",),
        ),
    ]  # fmt: skip


def format_doc_date(value: dict[str, int] | None) -> str:
    """A plan's date as typed: ``15/09/2025``, ``9/2025``, ``2025`` or blank."""
    if not value:
        return ""
    if "day" in value:
        return f"{value['day']:02d}/{value['month']:02d}/{value['year']}"
    if "month" in value:
        return f"{value['month']}/{value['year']}"
    return str(value["year"])


FILTER_HELP = "Gõ vài chữ để lọc danh sách rồi chọn bằng phím mũi tên."

#: The interview (cuộc hỏi đáp), in order.
QUESTIONS: tuple[Question, ...] = (
    Question(
        "province", "Tỉnh, thành phố", "Tỉnh, thành phố", Kind.autocomplete, help=FILTER_HELP,
        default=_province_default, remember=True, parse=_parse_province,
        choices=lambda _a: [Choice(t, t, "thành phố" if p.city else "tỉnh")
                           for t, p in province_choices()],
    ),
    Question(
        "commune", "Xã, phường, đặc khu", _commune_message, Kind.autocomplete, help=FILTER_HELP,
        note=_commune_note, default=_commune_default, choices=_commune_choices,
        parse=_parse_commune, depends=("province",),
    ),
    Question(
        "kind", "Loại văn bản", "Loại văn bản:", Kind.select, default=KindChoice.kh_ubnd.value,
        choices=[Choice(str(k), t) for k, t in KIND_TITLES.items()], apply=_kind_apply,
        show=lambda v, _a: KIND_SHORT.get(v, v),
    ),
    Question(
        "type", "Loại kế hoạch", "Loại kế hoạch:", Kind.select, default="implementation",
        choices=_type_choices, apply=_type_apply, show=_type_show,
        help="Kế hoạch chuyển đổi số năm: cùng thư viện, nhiệm vụ và chỉ tiêu trong một năm, "
        "đánh giá năm trước, dẫn Kế hoạch triển khai Nghị quyết 57 đã ban hành.",
    ),
    Question(
        "parents", "Văn bản căn cứ", "Văn bản căn cứ:", Kind.list, default=_parents_default,
        fields=PARENT_FIELDS, item=_parent_item, item_title=_cite, record_model=_parent_model,
        show=_parents_show, note=_registry_note,
        apply=lambda data, value, _answers: data.update(parents=value), depends=("province",),
        help="Thứ tự: cấp trên trước, theo thời gian ban hành.",
    ),
    Question(
        "bodies", "Tên các cơ quan", "Tên các cơ quan:", Kind.names, default={},
        choices=_body_choices, show=_bodies_show, apply=_put("bodies"),
        fields=(Question("name", "Tên cơ quan", "Tên mới:", required=""),),
        help="Mặc định theo loại đơn vị; sửa cho đúng tên địa phương dùng.",
    ),
    Question(
        "focal", "Cơ quan đầu mối (tham mưu, tổng hợp)",
        "Cơ quan đầu mối tham mưu, theo dõi, tổng hợp:", Kind.select, default=_focal_default,
        choices=_focal_choices, apply=_put("focal"), depends=("kind",),
    ),
    Question(
        "village_term", "Tên gọi cấp thôn",
        lambda a: f"Dưới {_unit_word(a)} gọi là (thôn, xóm, bản, ấp, tổ dân phố ...):",
        Kind.autocomplete, suggest=True, default=_village_default, choices=_village_choices,
        required="thôn, xóm, bản, ấp, tổ dân phố", apply=_put("village_term"),
        depends=("commune",),
    ),
    *_issuer_questions("party"),
    *_issuer_questions("ubnd"),
    Question(
        "sectors", "Lĩnh vực đặc thù",
        "Lĩnh vực đặc thù của địa phương (bật thêm nhiệm vụ phù hợp):", Kind.checkbox,
        default=_sectors_default, choices=_sector_choices,
        apply=lambda data, value, _answers: data.update(sectors=value), depends=("commune",),
        help="Đã chọn sẵn theo loại đơn vị và tỉnh; chọn thêm nếu có: biên giới, biển, đảo, "
        "du lịch, OCOP ...",
    ),
    Question(
        "scope", "Phạm vi kế hoạch", "Phạm vi kế hoạch:", Kind.select, default="concise",
        choices=[
            Choice("concise", "Gọn (khoảng 10 trang, 25-40 nhiệm vụ)"),
            Choice("full", "Đầy đủ (mọi nhiệm vụ phù hợp; dài)"),
        ],
        apply=_put("scope"),
        help="Kế hoạch gọn như các xã thường ban hành; bản đầy đủ lấy mọi nhiệm vụ của thư viện "
        "phù hợp với đơn vị, để tham khảo.",
    ),
    Question(
        "focus", "Lĩnh vực trọng tâm", "Lĩnh vực trọng tâm (chọn 3-5):", Kind.checkbox,
        default=_focus_default, choices=_area_choices, apply=_focus_apply, show=_focus_show,
        when=lambda a: a.get("scope", "concise") == "concise", depends=("commune", "sectors"),
        help="Nhiệm vụ, chỉ tiêu thuộc các lĩnh vực này được ưu tiên đưa vào kế hoạch.",
    ),
    Question(
        "local", "Đặc điểm riêng", lambda a: f"Thêm đặc điểm riêng của {_unit_word(a)}?",
        Kind.confirm, default=False, group="local", show=_local_show,
        choices=lambda a: [
            Choice(False, "Không, bỏ qua"),
            Choice(True, f"Có: tên {_term(a)}, sản phẩm, điểm du lịch, nền tảng số"),
        ],
    ),
    Question(
        "local.villages", "Các thôn, tổ dân phố",
        lambda a: f"Các {_term(a)}: tên (cách nhau bằng dấu phẩy) hoặc số {_term(a)} "
        "(để trống: bỏ qua):",
        when=_local_on, group="local", default=[], parse=_parse_villages, text_of=_list_text,
        apply=_villages_apply,
    ),
    _local_list("products", "Sản phẩm chủ lực",
                "Sản phẩm chủ lực, sản phẩm OCOP (cách nhau bằng dấu phẩy; để trống: bỏ qua):"),
    _local_list("tourism", "Điểm du lịch",
                "Điểm du lịch, di tích, danh thắng (cách nhau bằng dấu phẩy; để trống: bỏ qua):"),
    _local_list("platforms", "Nền tảng số riêng",
                "Nền tảng số, ứng dụng, trang thông tin riêng của địa phương "
                "(cách nhau bằng dấu phẩy; để trống: bỏ qua):"),
)  # fmt: skip

BY_ID = {q.id: q for q in QUESTIONS}


# --------------------------------------------------------------------------- walking


def active(answers: Answers) -> list[Question]:
    """The questions that apply to the answers so far, in order."""
    return [q for q in QUESTIONS if q.applies(answers)]


def next_question(answers: Answers) -> Question | None:
    """The first question that applies and is not answered yet (None: time to review)."""
    return next((q for q in active(answers) if q.id not in answers), None)


def record(answers: Answers, question: Question, value: Any) -> None:
    """Store an answer; forget the answers that depended on a changed one and those of
    questions that no longer apply (e.g. the party signer after choosing the UBND plan)."""
    changed = question.id in answers and answers[question.id] != value
    answers[question.id] = value
    stale = {question.id} if changed else set()
    for q in QUESTIONS:
        if stale & set(q.depends) and q.id in answers:
            del answers[q.id]
            stale.add(q.id)
    live = {q.id for q in active(answers)}
    for key in [k for k in answers if k not in live]:
        del answers[key]


def fill_defaults(answers: Answers, drafts: Answers | None = None) -> None:
    """Answer every remaining question with its default (``nqgen new --defaults``: exactly
    what Enter at each question gives); ``drafts`` holds lists being edited when a session
    stopped, which Enter would have kept."""
    while (q := next_question(answers)) is not None:
        draft = (drafts or {}).get(q.id)
        record(answers, q, draft if draft is not None else q.default_for(answers))


def review_rows(answers: Answers) -> list[tuple[Question, str]]:
    """One line per question or group of the review: the question heading it and the answer
    as text."""
    rows: list[tuple[Question, str]] = []
    seen: set[str] = set()
    for q in active(answers):
        if q.row in seen or q.id not in answers:
            continue
        seen.add(q.row)
        rows.append((q, q.describe(answers[q.id], answers)))
    return rows


# --------------------------------------------------------------------------- checking


def check(question: Question, raw: Any, answers: Answers) -> Any:
    """The value to store for ``raw`` — the typed text of a text question, the choice value
    (or values) of the others, the records of a list, the new names of a ``names`` question —
    or AnswerError with the Vietnamese reason. The models decide what is valid."""
    value = _value(question, raw, answers)
    trial = dict(answers)
    record(trial, question, value)  # what the answers would be (stale ones dropped)
    if "commune" in trial:
        _model_check(question, trial)
    return value


def _value(q: Question, raw: Any, answers: Answers) -> Any:
    if q.kind in (Kind.text, Kind.autocomplete):
        return _text_value(q, raw, answers)
    if q.kind in (Kind.select, Kind.confirm):
        values = [c.value for c in q.choices_for(answers)]
        if raw not in values:
            raise AnswerError(f"{q.label}: '{raw}' không có trong danh sách để chọn.")
        return raw
    if q.kind == Kind.checkbox:
        values = [c.value for c in q.choices_for(answers)]
        if not isinstance(raw, list) or any(v not in values for v in raw):
            raise AnswerError(f"{q.label}: chỉ chọn trong danh sách ({', '.join(values)}).")
        return [v for v in values if v in raw]  # the list's order: a stable file
    if q.kind == Kind.list:
        if not isinstance(raw, list) or not all(isinstance(d, dict) for d in raw):
            raise AnswerError(f"{q.label}: phải là một danh sách.")
        return [check_item(q, d, d) for d in raw]
    if not isinstance(raw, dict):  # Kind.names
        raise AnswerError(f"{q.label}: phải là bảng tên (mã: tên).")
    known = {c.value for c in q.choices_for(answers)}
    unknown = [k for k in raw if k not in known]
    if unknown:
        raise AnswerError(f"{q.label}: không có cơ quan mã '{unknown[0]}'.")
    return {k: check_field(q.fields[0], v, {}, None) for k, v in raw.items()}


def _text_value(q: Question, raw: Any, answers: Answers) -> Any:
    text = clean(str(raw)) if raw is not None else ""
    if not text and q.required is not None:
        example = f" Ví dụ: {q.required}." if q.required else ""
        raise AnswerError(f"{q.label} không được để trống.{example}")
    if q.parse is None:
        return text
    try:
        return q.parse(text, answers)
    except NqgenError as exc:
        raise AnswerError(str(exc)) from None
    except ValueError as exc:
        raise AnswerError(_explain_value_error(exc, q.label)) from None


def _explain_value_error(exc: ValueError, label: str) -> str:
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        return _explain(exc.errors()[0], label)
    return capital(str(exc))


def _explain(err: Any, label: str) -> str:
    """A model error as the user reads it: the models' own sentences as they are, the generic
    ones (ranges, lengths) after the question's label."""
    from .yamlio import error_message

    message = error_message(err)
    if err["type"] == "value_error":
        return capital(message)
    return f"{label}: {message}"


def check_field(q: Question, raw: Any, record_so_far: dict[str, Any], model: Any) -> str:
    """One field of a record (a parent document, a body's name) as typed; ``model`` (a
    pydantic model, or None) checks it with the record so far."""
    value = _text_value(q, raw, {})
    if model is not None and value and q.model_field:
        from pydantic import ValidationError

        try:
            model.model_validate({**record_so_far, q.model_field: value})
        except ValidationError as exc:
            mine = [e for e in exc.errors() if e["loc"][:1] == (q.model_field,)]
            if mine:
                raise AnswerError(_explain(mine[0], q.label)) from None
    return str(value)


def check_item(q: Question, texts: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """One record of a ``list`` question from its fields' texts (stored values are read as
    their text again); ``old`` is the record being edited."""
    model = q.record_model() if q.record_model else None
    record_so_far: dict[str, Any] = {}
    for f in q.fields:
        value = texts.get(f.id)
        text = f.as_text(value) if value is not None else ""
        record_so_far[f.id] = check_field(f, text, record_so_far, model)
    assert q.item is not None
    try:
        return q.item(record_so_far, old)
    except ValueError as exc:
        raise AnswerError(_explain_value_error(exc, q.label)) from None


def _model_check(q: Question, trial: Answers) -> None:
    """Refuse an answer when the profile the answers would give is not valid (the models'
    rules)."""
    from pydantic import ValidationError

    from .models import Profile

    try:
        Profile.model_validate(profile_data(trial))
    except ValidationError as exc:
        raise AnswerError(_explain(exc.errors()[0], q.label)) from None


def plan_problem(answers: Answers) -> tuple[Question | None, str] | None:
    """Why the answers cannot make their plans (composing them as ``nqgen render`` would,
    e.g. a UBND plan dated before the party plan it implements), as (the question to change,
    or None, the Vietnamese reason); None when they can. For the review, before any file is
    written."""
    from . import api
    from .errors import InputError

    try:
        api.compose_profile(build_profile(answers), kind_of(answers))
    except InputError as exc:
        field = exc.field or ""
        if field.startswith("annual."):  # the annual plan's own number and date, its year
            field = "type" if field == "annual.year" else field.removeprefix("annual.")
        q = BY_ID.get(field)
        return q, (f"{q.label}: {exc.detail}" if q else capital(exc.detail))
    return None


def check_stored(answers: Answers) -> tuple[str, str] | None:
    """The first stored answer (of an answers file) that does not hold, as (question id,
    Vietnamese reason), or None: each answer is checked as if given again, in order."""
    so_far: Answers = {}
    for q in QUESTIONS:
        if q.id not in answers or not q.applies(so_far):
            continue
        value = answers[q.id]
        raw = q.as_text(value) if q.kind in (Kind.text, Kind.autocomplete) else value
        try:
            checked = check(q, raw, so_far)
        except AnswerError as exc:
            return q.id, str(exc)
        so_far[q.id] = checked
    return None


# --------------------------------------------------------------------------- the profile


def profile_data(answers: Answers) -> dict[str, Any]:
    """The profile the answers describe, as data: the unit's default profile with each
    answer of a question that applies put in by its ``apply``."""
    from .library import load_library

    data = base_profile(answers).model_dump(mode="json", exclude_none=True)
    for q in active(answers):
        if q.id in answers and q.apply is not None:
            q.apply(data, answers[q.id], answers)
    data["library_version"] = load_library().version
    return data


def answers_from_profile(profile: Profile) -> Answers:
    """The answers that give ``profile`` back (the inverse of each question's ``apply``), for a
    front end that resumes from a saved profile (hồ sơ đã lưu): ``build_profile`` of the result
    equals ``profile`` in everything the questions ask. A profile of both plans is read as the
    kind it names; fields no question asks (``targets``, ``include``, ``reporting``…) are not
    carried: compare the two profiles to tell the user. AnswerError (Vietnamese) when the unit
    is not in the official list or an answer would not hold (:func:`check_stored`)."""
    unit_data = profile.unit
    try:
        unit = units.official_unit(
            unit_data.kind, unit_data.name, unit_data.province, unit_data.code
        )
    except NqgenError as exc:
        raise AnswerError(capital(str(exc))) from None
    if unit is None:
        raise AnswerError(
            f"Không có {unit_data.kind.value} {unit_data.name} của {unit_data.province} trong "
            "danh mục đơn vị hành chính."
        )
    answers: Answers = {
        "province": unit.province.name,
        "commune": commune_title(unit.province, unit),
        "kind": _kind_of_profile(profile),
        "parents": [p.model_dump(mode="json", exclude_none=True) for p in profile.parents],
        "bodies": dict(profile.bodies),
        "focal": profile.focal,
        "village_term": profile.village_term or _village_default({"province": unit.province.name,
                                                                  "commune": unit.official}),
    }  # fmt: skip
    annual = profile.type.value == "annual"
    answers["type"] = f"annual-{profile.plan_year()}" if annual else "implementation"
    if answers["type"] not in {c.value for c in _type_choices(answers)}:
        answers["type"] = "implementation"  # a year the question does not offer: not kept
        annual = False
    for side in KIND_SIDES[answers["kind"]]:
        issuance = profile.party if side == "party" else profile.ubnd
        answers[f"{side}.signer_title"] = issuance.signer.title
        answers[f"{side}.signer_name"] = issuance.signer.name
        own = (profile.annual.party if side == "party" else profile.annual.ubnd) if annual \
            else issuance
        answers[f"{side}.number"] = own.number or ""
        date = own.date
        answers[f"{side}.date"] = date.model_dump(exclude_none=True) if date else None
    answers["sectors"] = [s.value for s in profile.sectors]
    answers["scope"] = profile.scope.value
    if profile.scope.value == "concise":
        answers["focus"] = list(profile.focus) or _focus_default(answers)
    local = profile.local
    facts = {
        "local.villages": local.village_count if local.village_count else list(local.villages),
        "local.products": list(local.products),
        "local.tourism": list(local.tourism),
        "local.platforms": list(local.platforms),
    }
    answers["local"] = any(facts.values())
    if answers["local"]:
        answers.update(facts)
    bad = check_stored(answers)
    if bad is not None:
        raise AnswerError(bad[1])
    return answers


def _kind_of_profile(profile: Profile) -> str:
    """``both`` for a UBND plan's profile that holds what the party plan's questions ask (its
    signer, number or date — the annual plan's own under ``annual.party``), else the
    profile's kind."""
    party, annual = profile.party, profile.annual.party
    default_title = SIGNER_TITLES["party"][0][0]
    asked = (party.number or party.date or annual.number or annual.date or party.signer.name
             or party.signer.title != default_title)
    both = profile.kind == DocKind.kh_ubnd and asked
    return str(KindChoice.both if both else profile.kind)


def build_profile(answers: Answers, source: str = "câu trả lời") -> Profile:
    """The Profile the answers describe (pure: resume = uninterrupted run). Body names and
    focus areas are stored only where they differ from the defaults, so that a later change
    of village term or sectors still flows into them. InputError (``source``) if invalid."""
    from pydantic import ValidationError

    from .errors import InputError
    from .models import Profile
    from .yamlio import error_message

    try:
        return Profile.model_validate(profile_data(answers))
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise InputError(source, error_message(err), field=where) from None
