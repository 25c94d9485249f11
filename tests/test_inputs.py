"""Bad input: Vietnamese messages naming file, line and field; no traceback; nothing lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nqgen.compose import load_profile
from nqgen.errors import InputError
from nqgen.models import Deadline, PartialDate

ROOT = Path(__file__).resolve().parent.parent
XOP = ROOT / "profiles" / "xop.yaml"


def nqgen(
    *args: str, cwd: Path | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("nqgen")
    return subprocess.run(
        [str(exe), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = XOP.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "hong.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(
        i
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in line
    )


def test_unknown_key_names_file_line_field(tmp_path):
    path = broken(tmp_path, "village_term:", "village_trem:")
    with pytest.raises(InputError) as exc:
        load_profile(path)
    msg = str(exc.value)
    assert (
        str(path) in msg
        and f"dòng {line_of(path, 'village_trem')}" in msg
        and "village_trem" in msg
    )
    assert "không được phép" in msg


def test_impossible_date(tmp_path):
    path = broken(tmp_path, "date: {year: 2025, month: 9}", "date: {year: 2025, month: 2, day: 30}")
    with pytest.raises(InputError) as exc:
        load_profile(path)
    # the model's own calendar message (one home with the wizard's, issue 13 point 1)
    assert "ubnd.date" in str(exc.value) and "ngày 30/02/2025 không có thật" in str(exc.value)
    assert f"dòng {line_of(path, 'month: 2, day: 30')}" in str(exc.value)


def test_bad_yaml_syntax(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("unit: {kind: xã\nname: [", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_profile(path)
    assert "cú pháp YAML" in str(exc.value) and "dòng" in str(exc.value)


def test_academic_title_refused(tmp_path):
    path = broken(tmp_path, 'name: "Lê Hải Lâm"', 'name: "TS. Lê Hải Lâm"')
    with pytest.raises(InputError) as exc:
        load_profile(path)
    assert "học hàm" in str(exc.value) and "ubnd.signer.name" in str(exc.value)


def test_cli_reports_without_traceback_and_exits_nonzero(tmp_path):
    path = broken(tmp_path, "kind: kh-ubnd", "kind: kh-xyz")
    res = nqgen("render", str(path), "-o", str(tmp_path / "x.docx"))
    assert res.returncode != 0
    assert "Traceback" not in res.stderr and "Lỗi trong tệp" in res.stderr and "kind" in res.stderr
    assert not (tmp_path / "x.docx").exists()
    res = nqgen("render", str(tmp_path / "khong-co.yaml"))
    assert (
        res.returncode != 0 and "không tìm thấy tệp" in res.stderr and "Traceback" not in res.stderr
    )


def test_no_overwrite_without_force(tmp_path):
    out = tmp_path / "x.docx"
    out.write_bytes(b"ban cu")
    res = nqgen("render", str(XOP), "-o", str(out))
    assert res.returncode != 0 and "--force" in res.stderr
    assert out.read_bytes() == b"ban cu"
    res = nqgen("render", str(XOP), "-o", str(out), "--force", "--no-check")
    assert res.returncode == 0, res.stderr
    assert out.read_bytes()[:2] == b"PK" and res.stdout.strip() == str(out)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert out.stat().st_mode & 0o044  # readable by others as usual, not mkstemp's 0600


def test_pdf_without_libreoffice_says_so(tmp_path):
    env = dict(os.environ, PATH=str(Path(sys.executable).parent))  # no soffice on PATH
    res = nqgen("render", str(XOP), "-o", str(tmp_path / "x.docx"), "--pdf", "--no-check", env=env)
    assert res.returncode != 0
    assert "Chưa cài LibreOffice" in res.stderr and "Traceback" not in res.stderr


def test_partial_dates_and_deadlines():
    with pytest.raises(ValueError):
        PartialDate(year=2025, month=2, day=29)
    assert PartialDate(year=2024, month=2, day=29).as_date() is not None
    assert Deadline(kind="quarter", year=2025, quarter=4).text() == "Quý IV/2025"
    assert Deadline(kind="years", year=2025, until=2026).text() == "2025 - 2026"
    assert Deadline(kind="continuous").text() == "Thường xuyên"
    assert Deadline(kind="by_date", year=2025, month=9, day=3).text() == "Trước ngày 03/09/2025"
    with pytest.raises(ValueError):
        Deadline(kind="years", year=2026, until=2025)


def test_semantic_error_after_validation_names_the_line(tmp_path):
    path = tmp_path / "khong-can-cu.yaml"
    path.write_text(
        "unit:\n  kind: xã\n  name: Thử\n  province: Quảng Ngãi\nparents: []\n", encoding="utf-8"
    )
    res = nqgen("render", str(path), "-o", str(tmp_path / "x.docx"))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert f"{path}, dòng 5, trường 'parents'" in res.stderr and "văn bản căn cứ" in res.stderr
