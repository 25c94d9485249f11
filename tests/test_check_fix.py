"""``nqgen fix`` (issue 12, point 5 and acceptance 4).

On each real document the fixed copy has strictly fewer findings, the same words paragraph by
paragraph (read back with python-docx) and opens in LibreOffice; on nqgen's own plans nothing
changes. The fixable slips, made one by one on the reference plan, are gone after fixing.
The output is never the input, is not overwritten without --force, and is written atomically.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.shared import Mm, Pt
from typer.testing import CliRunner

from nqgen.check import CheckError, check_docx
from nqgen.check.cli import run_fix
from nqgen.check.fix import FixRefused, fix_docx, words
from nqgen.cli import app
from tests.docx_fixtures import build_hd05, build_nd30, find, iter_paragraphs, set_text, to_bytes

SHARED = Path(__file__).resolve().parents[2] / "shared"
REAL = sorted((SHARED / "real-documents").glob("*.docx"))


def _paragraph_words(data: bytes) -> list[list[str]]:
    """Each paragraph's words, read with python-docx (body, tables included, in order)."""
    doc = docx.Document(io.BytesIO(data))
    return [words(p.text) for p in iter_paragraphs(doc)]


@pytest.fixture(scope="module")
def fixed_real(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, bytes]]:
    if not REAL:
        pytest.skip("../shared/real-documents is not here")
    out: dict[str, tuple[bytes, bytes]] = {}
    for path in REAL:
        data = path.read_bytes()
        out[path.name] = (data, fix_docx(data, name=path.name).data)
    return out


@pytest.mark.parametrize("name", [p.name for p in REAL])
def test_fix_real_document_fewer_findings_same_words(
    name: str, fixed_real: dict[str, tuple[bytes, bytes]]
) -> None:
    before, after = fixed_real[name]
    assert after != before
    found_before = check_docx(before).findings
    found_after = check_docx(after).findings
    assert len(found_after) < len(found_before)
    assert _paragraph_words(after) == _paragraph_words(before)
    assert (SHARED / "real-documents" / name).read_bytes() == before  # input untouched


def test_fixed_real_documents_open_in_libreoffice(
    fixed_real: dict[str, tuple[bytes, bytes]], tmp_path: Path
) -> None:
    exe = shutil.which("soffice")
    if exe is None:
        pytest.fail("LibreOffice (soffice) chưa được cài: `make test` phải cài nó")
    paths = []
    for name, (_, after) in fixed_real.items():
        path = tmp_path / name
        path.write_bytes(after)
        paths.append(path)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "pdf"), *map(str, paths)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    for path in paths:
        pdf = tmp_path / "pdf" / f"{path.stem}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 1000, path.name
        assert pdf.read_bytes().startswith(b"%PDF")


def test_fixed_real_document_findings_of_fixed_kinds_are_gone(
    fixed_real: dict[str, tuple[bytes, bytes]],
) -> None:
    fixable = {"margin-top", "margin-bottom", "margin-left", "margin-right", "paper", "nfc",
               "font"}  # fmt: skip
    for name, (before, after) in fixed_real.items():
        was = {f.rule.split("-", 1)[1] for f in check_docx(before).findings}
        now = {f.rule.split("-", 1)[1] for f in check_docx(after).findings}
        assert not (was & fixable) & now, name


# --------------------------------------------------------------------------- slips, one by one

Slip = Callable[[Document], None]


def _body(doc: Document):  # type: ignore[no-untyped-def]
    return find(doc, "Văn phòng HĐND và UBND xã là cơ quan đầu mối")


def _margins(doc: Document) -> None:
    doc.sections[0].left_margin = Mm(25)
    doc.sections[0].top_margin = Mm(15)


def _letter(doc: Document) -> None:
    doc.sections[0].page_width, doc.sections[0].page_height = Mm(216), Mm(279)


def _arial(doc: Document) -> None:
    for p in iter_paragraphs(doc):
        for run in p.runs:
            run.font.name = "Arial"


def _sizes(doc: Document) -> None:
    find(doc, "Số: 05").runs[0].font.size = Pt(14)
    _body(doc).runs[0].font.size = Pt(12)


def _spacing(doc: Document) -> None:
    fmt = _body(doc).paragraph_format
    fmt.line_spacing = 2.0
    fmt.space_before = Pt(0)


def _nfd(doc: Document) -> None:
    p = _body(doc)
    set_text(p, unicodedata.normalize("NFD", p.text))


def _spaces(doc: Document) -> None:
    p = _body(doc)
    set_text(p, p.text.replace(" ", "  ", 2).replace(",", " ,", 1).replace(", ", ",", 1))


def _date(doc: Document) -> None:
    set_text(find(doc, "Tân Lập, ngày"), "Tân Lập, ngày 5 tháng 2 năm 2026")


def _luu(doc: Document) -> None:
    set_text(find(doc, "- Lưu"), "- Lưu: VT, VHXH")


def _dash(doc: Document) -> None:
    set_text(find(doc, "Độc lập"), "Độc lập – Tự do – Hạnh phúc")


def _authority(doc: Document) -> None:
    set_text(find(doc, "TM. ỦY BAN"), "TM.ỦY BAN NHÂN DÂN")


SLIPS: list[tuple[str, Slip, str]] = [
    ("lề 25 mm, lề trên 15 mm", _margins, "margin-left"),
    ("khổ Letter", _letter, "paper"),
    ("phông Arial", _arial, "font"),
    ("cỡ chữ số 14, nội dung 12", _sizes, "body-size"),
    ("giãn dòng đôi, không cách đoạn", _spacing, "line-spacing"),
    ("chữ tổ hợp NFD", _nfd, "nfc"),
    ("dấu cách thừa, thiếu", _spaces, "spaces"),
    ("ngày 5 tháng 2", _date, "date"),
    ("Lưu không có dấu chấm", _luu, "recipients"),
    ("gạch dài trong Tiêu ngữ", _dash, "tieu-ngu"),
    ("TM.ỦY BAN", _authority, "signature"),
]


@pytest.mark.parametrize(("label", "slip", "rule"), SLIPS, ids=[s[0] for s in SLIPS])
def test_each_safe_slip_is_fixed(label: str, slip: Slip, rule: str) -> None:
    doc = build_nd30()
    slip(doc)
    data = to_bytes(doc)
    assert f"ND30-{rule}" in check_docx(data).rule_ids()
    result = fix_docx(data)
    assert result.changes
    assert check_docx(result.data).findings == [], "\n".join(
        str(f) for f in check_docx(result.data).findings
    )
    assert _paragraph_words(result.data) == _paragraph_words(data)


def test_all_slips_together_on_a_party_plan() -> None:
    doc = build_hd05()
    doc.sections[0].right_margin = Mm(20)
    for p in iter_paragraphs(doc):
        for run in p.runs:
            run.font.name = "Arial"
    set_text(find(doc, "Tân Lập, ngày"), "Tân Lập, ngày 5 tháng 06 năm 2026")
    data = to_bytes(doc)
    result = fix_docx(data)
    assert check_docx(result.data).findings == []
    assert result.standard == "hd05"


def test_report_is_located_and_vietnamese() -> None:
    doc = build_nd30()
    _date(doc)
    _margins(doc)
    result = fix_docx(to_bytes(doc))
    lines = [c.describe() for c in result.changes]
    assert "phần 1, thiết lập trang: lề trái: 25 mm → 30 mm" in lines
    assert any(
        "bảng 1, hàng 2, ô 2" in line
        and "Tân Lập, ngày 5 tháng 2 năm 2026 → Tân Lập, ngày 05 tháng 02 năm 2026" in line
        for line in lines
    ), lines


def test_legacy_font_is_left_alone_and_said_so() -> None:
    doc = build_nd30()
    _body(doc).runs[0].font.name = ".VnTime"
    result = fix_docx(to_bytes(doc))
    assert any(".VnTime" in note for note in result.left)
    assert "ND30-font" in check_docx(result.data).rule_ids()


# --------------------------------------------------------------------------- nqgen's own plans


def test_reference_plans_need_nothing() -> None:
    for build in (build_nd30, build_hd05):
        data = to_bytes(build())
        result = fix_docx(data)
        assert result.changes == []
        assert result.data == data  # byte-identical


def test_rendered_plans_need_nothing(ubnd_docx: dict[str, Path]) -> None:
    for path in ubnd_docx.values():
        data = path.read_bytes()
        result = fix_docx(data)
        assert result.changes == [], [c.describe() for c in result.changes]
        assert result.data == data


def test_cli_says_nothing_to_fix_and_copies(tmp_path: Path) -> None:
    src = tmp_path / "ke-hoach.docx"
    src.write_bytes(to_bytes(build_nd30()))
    out = tmp_path / "ke-hoach-sua.docx"
    result = CliRunner().invoke(app, ["fix", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "không có gì cần sửa" in result.output
    assert out.read_bytes() == src.read_bytes()


# --------------------------------------------------------------------------- output safety


@pytest.fixture()
def sloppy(tmp_path: Path) -> Path:
    doc = build_nd30()
    _margins(doc)
    path = tmp_path / "ban-goc.docx"
    path.write_bytes(to_bytes(doc))
    path.chmod(0o444)  # the input is never written: even read-only, fix works
    return path


def _run(*args: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    source, output = args[0], args[1]
    kwargs = dict(args[2]) if len(args) > 2 else {}  # type: ignore[call-overload]
    code = run_fix(source, output, out=out, err=err, **kwargs)  # type: ignore[arg-type]
    return code, out.getvalue(), err.getvalue()


def test_fix_writes_a_copy_and_never_the_input(sloppy: Path, tmp_path: Path) -> None:
    before = sloppy.read_bytes()
    out = tmp_path / "ban-sua.docx"
    code, text, err = _run(sloppy, out)
    assert code == 0 and err == ""
    assert "đã sửa 2 chỗ" in text and "lề trái: 25 mm → 30 mm" in text
    assert sloppy.read_bytes() == before
    assert check_docx(out).findings == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_dry_run_writes_nothing(sloppy: Path, tmp_path: Path) -> None:
    out = tmp_path / "ban-sua.docx"
    code, text, _ = _run(sloppy, out, {"dry_run": True})
    assert code == 0
    assert "sẽ sửa 2 chỗ" in text and "chưa ghi tệp nào" in text
    assert not out.exists()


def test_no_overwrite_without_force(sloppy: Path, tmp_path: Path) -> None:
    out = tmp_path / "ban-sua.docx"
    out.write_bytes(b"cu")
    code, _, err = _run(sloppy, out)
    assert code == 2 and "đã tồn tại; dùng --force" in err
    assert out.read_bytes() == b"cu"
    code, _, _ = _run(sloppy, out, {"force": True})
    assert code == 0 and out.read_bytes() != b"cu"


@pytest.mark.parametrize("how", ["same", "dotted", "symlink", "hardlink"])
def test_output_may_not_be_the_input(sloppy: Path, tmp_path: Path, how: str) -> None:
    before = sloppy.read_bytes()
    if how == "same":
        out = sloppy
    elif how == "dotted":
        out = tmp_path / "x" / ".." / sloppy.name
        (tmp_path / "x").mkdir()
    elif how == "symlink":
        out = tmp_path / "lien-ket.docx"
        out.symlink_to(sloppy)
    else:
        out = tmp_path / "cung-tep.docx"
        os.link(sloppy, out)
    code, _, err = _run(sloppy, out, {"force": True})
    assert code == 2 and "chính là tệp đầu vào" in err
    assert sloppy.read_bytes() == before


def test_signed_document_is_checked_never_fixed(sloppy: Path, tmp_path: Path) -> None:
    signed = tmp_path / "da-ky.docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sloppy.read_bytes())) as src, zipfile.ZipFile(buf, "w") as z:
        for info in src.infolist():
            z.writestr(info, src.read(info.filename))
        z.writestr("_xmlsignatures/sig1.xml", "<Signature/>")
    signed.write_bytes(buf.getvalue())
    assert check_docx(signed).findings  # checked as usual
    with pytest.raises(FixRefused, match="chữ ký số"):
        fix_docx(signed.read_bytes())
    out = tmp_path / "ra.docx"
    code, _, err = _run(signed, out)
    assert code == 2 and "chữ ký số" in err and not out.exists()


def test_output_must_be_docx(sloppy: Path, tmp_path: Path) -> None:
    code, _, err = _run(sloppy, tmp_path / "ra.txt")
    assert code == 2 and ".docx" in err


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"khong phai docx")
    code, _, err = _run(bad, tmp_path / "ra.docx")
    assert code == 2 and "không phải tệp DOCX hợp lệ" in err
    with pytest.raises(CheckError):
        fix_docx(b"x")


def test_fix_command_registered_in_main_cli(sloppy: Path, tmp_path: Path) -> None:
    out = tmp_path / "ban-sua.docx"
    result = CliRunner().invoke(app, ["fix", str(sloppy), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists()
    help_text = CliRunner().invoke(app, ["fix", "--help"]).output
    assert "--dry-run" in help_text and "--force" in help_text


def test_unwritable_output_folder_is_reported_in_vietnamese(sloppy: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        locked = Path("/proc/nqgen-khong-ghi-duoc")  # even root cannot create files in /proc
    else:
        locked = tmp_path / "khoa"
        locked.mkdir()
        locked.chmod(0o555)
    code, _, err = _run(sloppy, locked / "ra.docx")
    assert code == 2 and "Traceback" not in err
    assert "Không ghi được" in err or "Không tạo được thư mục" in err, err
