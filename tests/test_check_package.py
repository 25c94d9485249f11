"""Bounded resources and odd packages (issue 12, point 4 and acceptance 3).

A DOCX whose parts decompress past the limits is refused before any part is parsed; a DTD is
refused with a Vietnamese message; a Word 97 ``.doc`` is told to be saved as ``.docx``. The
1 GB bomb is generated here (a zip of zeros, about 1 MB) and never committed.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from nqgen.check import CheckError, check_docx
from nqgen.check.package import MAX_TOTAL
from tests.docx_fixtures import build_nd30, to_bytes

SHARED = Path(__file__).resolve().parents[2] / "shared"
ODD = SHARED / "odd-documents"

CHECK_IN_CHILD = (
    "import sys; from nqgen.cli import main; sys.argv = ['nqgen', 'check', sys.argv[1]]; main()"
)
# The child's own peak resident memory, printed as it exits: VmHWM belongs to the program the
# child runs (getrusage's ru_maxrss also keeps the peak of the forked pytest worker before exec,
# which the worker's earlier tests set, not the checker).
PEAK_AT_EXIT = (
    "import atexit, sys\n"
    "def peak():\n"
    "    line = next(x for x in open('/proc/self/status') if x.startswith('VmHWM:'))\n"
    "    print(line.split()[1], file=sys.stdout, flush=True)\n"
    "atexit.register(peak)\n"
)
MEMORY_LIMIT = 300 * 1024 * 1024  # bytes of address space for the child (acceptance 3)


def zip_of_zeros(path: Path, name: str, size: int) -> None:
    """A package whose part ``name`` is ``size`` zero bytes (compresses about 1000:1)."""
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open(name, "w", force_zip64=True) as fh:
            for _ in range(size // len(chunk)):
                fh.write(chunk)


def _limit_memory() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def test_gigabyte_bomb_refused_fast_within_memory_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bom.docx"
    zip_of_zeros(bomb, "word/document.xml", 1 << 30)
    assert bomb.stat().st_size < 8 * 1024 * 1024
    t0 = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", PEAK_AT_EXIT + CHECK_IN_CHILD, str(bomb)],
        preexec_fn=_limit_memory,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        _, status, usage = os.wait4(child.pid, 0)  # this child's own CPU time
        elapsed = time.perf_counter() - t0
        child.returncode = os.waitstatus_to_exitcode(status)
        stdout = child.stdout.read().decode() if child.stdout else ""
        stderr = child.stderr.read().decode() if child.stderr else ""
    finally:
        if child.returncode is None:
            child.kill()
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()
    assert child.returncode == 2, stderr
    assert "bị từ chối" in stderr and "1 GB" in stderr and "200 MB" in stderr
    assert "Traceback" not in stderr
    # under 2 s of the child's own time (start-up and import included); the wall clock, which
    # another test's LibreOffice on the same cores can stretch, only has to stay reasonable
    assert usage.ru_utime + usage.ru_stime < 2.0, (usage.ru_utime, usage.ru_stime, elapsed)
    assert elapsed < 10.0
    peak_kb = int(stdout.split()[-1])  # VmHWM, printed by the child as it exits
    assert 0 < peak_kb * 1024 < MEMORY_LIMIT, peak_kb


def test_high_ratio_part_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "ty-le.docx"
    zip_of_zeros(path, "word/styles.xml", 64 << 20)  # under the total limit, ratio ~1000:1
    assert 64 << 20 < MAX_TOTAL
    with pytest.raises(CheckError, match=r"tỷ lệ \d+:1, vượt giới hạn 100:1"):
        check_docx(path)


def _with_part(name: str, data: bytes) -> bytes:
    import io

    src = zipfile.ZipFile(io.BytesIO(to_bytes(build_nd30())))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info, data if info.filename == name else src.read(info.filename))
    return out.getvalue()


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"""


def test_entity_declaration_refused_in_vietnamese() -> None:
    with pytest.raises(CheckError) as info:
        check_docx(_with_part("word/document.xml", LAUGHS), name="thuc-the.docx")
    message = str(info.value)
    assert "thuc-the.docx" in message and "DOCTYPE" in message and "word/document.xml" in message
    assert "lưu lại dưới dạng .docx" in message


def test_malformed_xml_message_is_vietnamese() -> None:
    with pytest.raises(CheckError) as info:
        check_docx(_with_part("word/styles.xml", b"<w:styles><w:style></w:styles>"), name="x")
    message = str(info.value)
    assert "word/styles.xml" in message and "không hợp lệ (dòng 1)" in message
    assert "Opening and ending tag" not in message  # libxml's English text stays out


@pytest.mark.skipif(not ODD.is_dir(), reason="../shared/odd-documents is not here (CI has it)")
def test_word97_doc_says_save_as_docx() -> None:
    with pytest.raises(CheckError, match="hãy mở bằng Word.*lưu lại dưới dạng .docx"):
        check_docx(ODD / "P3-legacy-word97.doc")


@pytest.mark.skipif(not ODD.is_dir(), reason="../shared/odd-documents is not here (CI has it)")
def test_18_byte_file_refused_in_vietnamese() -> None:
    with pytest.raises(CheckError, match="không phải tệp DOCX hợp lệ"):
        check_docx(ODD / "P4-18-byte-not-docx.docx")


@pytest.mark.skipif(not ODD.is_dir(), reason="../shared/odd-documents is not here (CI has it)")
def test_real_form_is_checked_without_crash() -> None:
    report = check_docx(ODD / "P5-real-form-don-yeu-cau.docx")
    assert report.findings
    assert all(f.message for f in report.findings)


# --------------------------------------------------------------------------- package notes

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _rewrite(data: bytes, edit: dict[str, bytes | None], extra: dict[str, bytes]) -> bytes:
    """The package with parts replaced (``None`` keeps them) and parts added."""
    import io

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            new = edit.get(info.filename)
            z.writestr(info, new if new is not None else src.read(info.filename))
        for name, body in extra.items():
            z.writestr(name, body)
    return out.getvalue()


def _document_with(data: bytes, xml: bytes) -> dict[str, bytes | None]:
    import io

    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    return {"word/document.xml": document.replace(b"<w:body>", b"<w:body>" + xml, 1)}


def _comment(data: bytes) -> bytes:
    xml = b'<w:p><w:r><w:commentReference w:id="0"/></w:r></w:p>'
    return _rewrite(data, _document_with(data, xml), {})


def _macros(data: bytes) -> bytes:
    return _rewrite(data, {}, {"word/vbaProject.bin": b"\0" * 64})


def _alt_chunk(data: bytes) -> bytes:
    return _rewrite(data, _document_with(data, b'<w:altChunk r:id="rIdX"/>'), {})


def _protected(data: bytes) -> bytes:
    import io

    settings = zipfile.ZipFile(io.BytesIO(data)).read("word/settings.xml")
    protection = b'<w:documentProtection w:edit="readOnly" w:enforcement="1"/>'
    settings = settings.replace(b"</w:settings>", protection + b"</w:settings>")
    return _rewrite(data, {"word/settings.xml": settings}, {})


@pytest.mark.parametrize(
    ("make", "found"),
    [
        (_comment, "1 ghi chú"),
        (_macros, "có macro (VBA)"),
        (_alt_chunk, "1 văn bản nhúng (altChunk)"),
        (_protected, "khóa chỉnh sửa (readOnly)"),
    ],
    ids=["comments", "macros", "altChunk", "protection"],
)
def test_package_notices(make, found: str) -> None:  # type: ignore[no-untyped-def]
    data = make(to_bytes(build_nd30()))
    report = check_docx(data)
    notes = [f for f in report.findings if f.rule == "ND30-package"]
    assert [f.found for f in notes] == [found], [str(f) for f in report.findings]
    assert all(f.severity == "warning" for f in notes)
    if make is _alt_chunk:
        assert "không được kiểm tra" in notes[0].message


def test_protected_document_is_not_fixed() -> None:
    from nqgen.check.fix import FixRefused, fix_docx

    with pytest.raises(FixRefused, match="bảo vệ chỉnh sửa"):
        fix_docx(_protected(to_bytes(build_nd30())))
