"""PDF by LibreOffice (xuất PDF): the one place nqgen runs ``soffice --convert-to pdf``.

Every conversion is one headless LibreOffice with its own user profile (a fresh folder, so a
LibreOffice the user has open, or a conversion running beside it, is never disturbed). What
nqgen writes goes through a temporary folder beside the target, and each finished PDF is put
in place by :func:`nqgen.output.place`: never half-written, never an existing PDF replaced
without ``force``. ``nqgen render --pdf`` converts one file (:func:`to_pdf`), ``nqgen batch
--pdf`` a folder's files per LibreOffice run (:func:`to_pdfs`); the tests use
:func:`convert` to read back what was written.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from .errors import ConverterError, NqgenError
from .output import place, temporary_dir

NO_LIBREOFFICE = (
    "Chưa cài LibreOffice nên không xuất được PDF. Cài bằng: sudo apt-get install "
    "libreoffice-writer-nogui (hoặc mở tệp DOCX bằng Word và lưu PDF)."
)


def soffice() -> str | None:
    """The LibreOffice executable, or None when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(
    docxs: Sequence[Path], outdir: Path, timeout: float = 600, to: str = "pdf"
) -> str:
    """Convert ``docxs`` with one headless LibreOffice, each into ``outdir/<stem>.pdf`` (the
    user profile goes in ``outdir/profile``; ``to`` names another LibreOffice filter, as
    ``--convert-to`` takes it: ``csv:…``, ``xlsx:…``). Returns ``""`` when LibreOffice ended
    normally, else why not, as a Vietnamese parenthesis (`` (mã thoát 1)``,
    `` (quá thời gian)``); whether each file was made is the caller's to check.
    ConverterError when LibreOffice is not installed."""
    exe = soffice()
    if exe is None:
        raise ConverterError(NO_LIBREOFFICE)
    cmd = [
        exe,
        f"-env:UserInstallation={(outdir.resolve() / 'profile').as_uri()}",
        "--headless",
        "--convert-to",
        to,
        "--outdir",
        str(outdir),
        *map(str, docxs),
    ]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return " (quá thời gian)"
    return f" (mã thoát {proc.returncode})" if proc.returncode else ""


def to_pdfs(
    docxs: Sequence[Path], force: bool = False, timeout: float | None = None
) -> dict[Path, NqgenError]:
    """A PDF beside each of ``docxs`` (same folder and stem; they share one folder), by one
    LibreOffice run (default time limit: 60 s and 20 s a file). Returns the files that got no
    PDF, with the reason (ConverterError, or OutputError when the PDF cannot be put in place)."""
    if not docxs:
        return {}
    failed: dict[Path, NqgenError] = {}
    with temporary_dir(docxs[0].with_suffix(".pdf")) as tmp:
        detail = convert(docxs, Path(tmp), timeout or 60 + 20 * len(docxs))
        for docx in docxs:
            made = Path(tmp) / f"{docx.stem}.pdf"
            try:
                if not made.exists():
                    raise ConverterError(f"LibreOffice không chuyển được {docx} sang PDF{detail}.")
                place(made, docx.with_suffix(".pdf"), force)
            except NqgenError as exc:
                failed[docx] = exc
    return failed


def to_pdf(docx: Path, force: bool = False, timeout: float = 180) -> Path:
    """The PDF of ``docx`` beside it (same stem), by :func:`to_pdfs`; returns its path. Raises
    ConverterError (Vietnamese) when LibreOffice is missing or the conversion fails,
    OutputError when the PDF cannot be written there."""
    failed = to_pdfs([docx], force, timeout)
    if docx in failed:
        raise failed[docx]
    return docx.with_suffix(".pdf")
