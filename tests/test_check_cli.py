"""``nqgen check`` glue: exit codes 0/1/2, text and JSON output, unreadable files
(issue 4, acceptance 5: not-a-DOCX and truncated files exit 2 with a message, no traceback)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nqgen.check.cli import run_check
from nqgen.cli import app
from tests.docx_fixtures import build_hd05, build_nd30, find, set_text, to_bytes


@pytest.fixture()
def good(tmp_path: Path) -> Path:
    path = tmp_path / "kh-ubnd.docx"
    path.write_bytes(to_bytes(build_nd30()))
    return path


@pytest.fixture()
def bad(tmp_path: Path) -> Path:
    doc = build_nd30()
    set_text(find(doc, "Độc lập"), "Độc lập – Tự do – Hạnh Phúc")
    path = tmp_path / "sai.docx"
    path.write_bytes(to_bytes(doc))
    return path


def run(files: list[Path], *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    standard = (args[0] or None) if args else None
    fmt = args[1] if len(args) > 1 else "text"
    code = run_check(files, standard, fmt, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_clean_file_exits_0(good: Path) -> None:
    code, out, err = run([good])
    assert code == 0
    assert "đạt" in out and "Nghị định 30/2020" in out
    assert err == ""


def test_findings_exit_1_with_rule_place_expected_found(bad: Path) -> None:
    code, out, _ = run([bad])
    assert code == 1
    assert "[lỗi] ND30-tieu-ngu" in out
    assert "bảng 1, hàng 1, ô 2" in out
    assert "Cần:  Độc lập - Tự do - Hạnh phúc" in out
    assert "Thấy: Độc lập – Tự do – Hạnh Phúc" in out


def test_json_format(good: Path, bad: Path) -> None:
    code, out, _ = run([good, bad], "", "json")
    assert code == 1
    data = json.loads(out)
    assert data["exit_code"] == 1
    first, second = data["files"]
    assert first["findings"] == [] and first["standard"] == "nd30"
    f = second["findings"][0]
    assert f["rule"] == "ND30-tieu-ngu" and f["severity"] == "error"
    assert f["location"]["table"] == 1 and f["location"]["cell"] == 2
    assert {"expected", "found", "message"} <= set(f)


def test_forced_standard(good: Path) -> None:
    code, out, _ = run([good], "hd05")
    assert code == 1
    assert "HD05-tieu-de" in out and "(chỉ định)" in out


def test_party_plan_detected(tmp_path: Path) -> None:
    path = tmp_path / "kh-du.docx"
    path.write_bytes(to_bytes(build_hd05()))
    code, out, _ = run([path])
    assert code == 0 and "05-HD/VPTW" in out


def _assert_unreadable(code: int, out: str, err: str) -> None:
    assert code == 2
    assert "Traceback" not in out + err
    assert err.startswith("Lỗi: ") and ".docx" in err


def test_text_file_renamed_docx_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "gia.docx"
    path.write_text("Đây không phải tệp Word.\n", encoding="utf-8")
    code, out, err = run([path])
    _assert_unreadable(code, out, err)
    assert "không phải tệp DOCX" in err


def test_truncated_docx_exits_2(tmp_path: Path) -> None:
    data = to_bytes(build_nd30())
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    code, out, err = run([path])
    _assert_unreadable(code, out, err)


def test_damaged_member_exits_2(tmp_path: Path) -> None:
    data = to_bytes(build_nd30())
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "word/document.xml":
                content = content[: len(content) // 2]
            dst.writestr(item.filename, content)
    path = tmp_path / "xml.docx"
    path.write_bytes(buf.getvalue())
    code, out, err = run([path])
    _assert_unreadable(code, out, err)
    assert "XML" in err


def test_zip_that_is_not_word_exits_2(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "xin chào")
    path = tmp_path / "zip.docx"
    path.write_bytes(buf.getvalue())
    code, out, err = run([path])
    _assert_unreadable(code, out, err)
    assert "word/document.xml" in err


def test_missing_file_exits_2(tmp_path: Path) -> None:
    code, out, err = run([tmp_path / "khong-co.docx"])
    _assert_unreadable(code, out, err)
    assert "Không tìm thấy" in err


def test_mixed_files_report_all_and_exit_2(good: Path, tmp_path: Path) -> None:
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 garbage")
    code, out, err = run([good, broken])
    assert code == 2
    assert "đạt" in out and "hong.docx" in err


def test_json_reports_unreadable_files(tmp_path: Path) -> None:
    broken = tmp_path / "hong.docx"
    broken.write_text("x")
    code, out, _ = run([broken], "", "json")
    data = json.loads(out)
    assert code == 2 and "không phải tệp DOCX" in data["files"][0]["error"]


def test_bad_options_exit_2(good: Path) -> None:
    assert run([good], "nd31")[0] == 2
    assert run([good], "", "xml")[0] == 2
    assert run([])[0] == 2


def test_typer_command(good: Path, bad: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["check", str(good)]).exit_code == 0
    result = runner.invoke(app, ["check", str(bad), "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["files"][0]["findings"][0]["rule"] == "ND30-tieu-ngu"
    assert runner.invoke(app, ["check", str(good), "--standard", "hd36"]).exit_code == 1


def test_parallel_run_keeps_order_and_output(good: Path, bad: Path, tmp_path: Path) -> None:
    broken = tmp_path / "hong.docx"
    broken.write_text("x")
    files = [good, bad, broken, good, bad] * 2
    outputs = []
    for jobs in (1, 2):
        out, err = io.StringIO(), io.StringIO()
        code = run_check(files, None, "json", out=out, err=err, jobs=jobs)
        outputs.append((code, json.loads(out.getvalue())))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == 2
    assert [f.get("error") is not None for f in outputs[0][1]["files"]][:3] == [False, False, True]
