"""Document kinds (loại văn bản) as every front end names them, and the names of their files.

The one home of ``kh-ubnd``, ``kh-du`` and ``both``: the CLI's ``--kind``, the API, the batch
and the wizard's question all read them here, and so do the output names (``X.docx`` for the
UBND plan, ``X-kh-du.docx`` for the party plan). Standard library only, so that the first
prompt of the wizard does not wait for pydantic (issue 6).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from .errors import UsageError


class DocKind(StrEnum):
    """Document kind (loại văn bản).

    ``kh-ubnd``: Kế hoạch of the People's Committee, Nghị định 30/2020/NĐ-CP.
    ``kh-du``: Kế hoạch (hành động) of the Party Committee, Hướng dẫn 05-HD/VPTW (27/5/2026).
    """

    kh_ubnd = "kh-ubnd"
    kh_du = "kh-du"


class KindChoice(StrEnum):
    """What a user may ask for (``--kind``, the wizard's question): one kind, or ``both`` —
    the UBND plan and the party plan from one profile."""

    kh_ubnd = "kh-ubnd"
    kh_du = "kh-du"
    both = "both"


def doc_kinds(choice: str | None, default: DocKind = DocKind.kh_ubnd) -> list[DocKind]:
    """The document kinds a choice names, in the order they are written: ``both`` is the UBND
    plan then the party plan; None is ``default`` (the profile's kind). UsageError for a value
    that names no kind."""
    if choice is None:
        return [default]
    if choice == KindChoice.both:
        return [DocKind.kh_ubnd, DocKind.kh_du]
    try:
        return [DocKind(choice)]
    except ValueError:
        raise UsageError(
            f"Loại văn bản '{choice}' không hợp lệ (kh-ubnd, kh-du hoặc both)."
        ) from None


def one_kind(choice: str | None, command: str) -> str | None:
    """``choice`` for a command that makes one plan (``plan``, ``trace``): UsageError for
    ``both``."""
    if choice == KindChoice.both:
        raise UsageError(f"Lệnh {command} chỉ nhận --kind kh-ubnd hoặc kh-du.")
    return choice


def annual_suffix(year: int | None) -> str:
    """What the name of an annual plan's file adds (kế hoạch chuyển đổi số năm ``year``):
    ``-cds-2027``, so that it never takes the implementation plan's name; ``""`` for None."""
    return f"-cds-{year}" if year is not None else ""


def docx_name(stem: str, kind: DocKind) -> str:
    """``<stem>.docx`` for the UBND plan, ``<stem>-kh-du.docx`` for the party plan."""
    return f"{stem}{'-kh-du' if kind == DocKind.kh_du else ''}.docx"


def output_path(
    source: Path, output: Path | None, kind: DocKind, several: bool, extra: str = ""
) -> Path:
    """Where a rendered plan goes: ``-o`` as given, else :func:`docx_name` of the source's
    stem and ``extra`` (:func:`annual_suffix`) in the current folder.

    When several kinds share one ``-o X.docx`` (``--kind both``) they are told apart:
    ``X-kh-ubnd.docx``, ``X-kh-du.docx``.
    """
    if output is None:
        return Path.cwd() / docx_name(source.stem + extra, kind)
    if several:
        return output.with_name(f"{output.stem}-{kind.value}{output.suffix or '.docx'}")
    return output
