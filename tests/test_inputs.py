"""Bad input: Vietnamese messages naming file, line and field; no traceback; nothing lost."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from nqgen import cli
from nqgen.compose import load_profile
from nqgen.errors import InputError
from nqgen.models import Deadline, PartialDate

from .conftest import nqgen, nqgen_script

ROOT = Path(__file__).resolve().parent.parent
XOP = ROOT / "profiles" / "xop.yaml"


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


# =========================================================================== issue 11
# Every case of issue 11. In-process through ``cli.run`` (the one place errors become exit
# codes) unless the case is about the console script itself.


@dataclass
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys, monkeypatch, tmp_path):
    """``run(*args)``: nqgen's command line in this process, in ``tmp_path``."""
    monkeypatch.chdir(tmp_path)

    def go(*args: str) -> Ran:
        capsys.readouterr()
        code = cli.run([str(a) for a in args])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return Ran(code, out, err)

    return go


def profile_file(tmp_path: Path, old: str = "", new: str = "", name: str = "p.yaml") -> Path:
    """A copy of profiles/xop.yaml with ``old`` replaced by ``new``."""
    text = XOP.read_text(encoding="utf-8")
    if old:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def where(path: Path, needle: str, field: str) -> str:
    """``tệp P, dòng N, trường 'F'`` for the line holding ``needle``."""
    return f"{path}, dòng {line_of(path, needle)}, trường '{field}'"


# --------------------------------------------------------------------------- data loss


def test_output_that_is_the_input_is_refused_even_with_force(run, tmp_path):
    p = profile_file(tmp_path)
    before = digest(p)
    (tmp_path / "link.docx").symlink_to(p)
    (tmp_path / "link.yaml").symlink_to(p)
    os.link(p, tmp_path / "hard.yaml")
    sub = tmp_path / "sub"
    sub.mkdir()
    cases = [
        ("render", p, "-o", p, "--force"),  # a .yaml output is refused for a DOCX anyway
        ("render", p, "-o", "link.docx", "--force"),
        ("plan", p, "-o", p, "--force"),
        ("plan", p, "-o", "link.yaml", "--force"),
        ("plan", p, "-o", "hard.yaml", "--force"),
        ("plan", p, "-o", "sub/../p.yaml", "--force"),
    ]
    for args in cases:
        result = run(*args)
        assert result.code == 2, args
        assert "Lỗi" in result.err, args
        assert digest(p) == before and (tmp_path / "link.docx").is_symlink()
    assert "chính là tệp đầu vào" in run("plan", p, "-o", "hard.yaml", "--force").err


def test_every_file_is_checked_before_any_is_written(run, tmp_path):
    """An existing PDF stops ``render --pdf`` before the DOCX is written."""
    p = profile_file(tmp_path)
    (tmp_path / "x.pdf").write_bytes(b"ban cu")
    result = run("render", p, "-o", "x.docx", "--pdf")
    assert result.code == 2 and "x.pdf đã tồn tại" in result.err and "--force" in result.err
    assert not (tmp_path / "x.docx").exists()
    assert (tmp_path / "x.pdf").read_bytes() == b"ban cu"
    both = run("render", p, "--kind", "both", "-o", "y.docx")
    assert both.code == 0
    (tmp_path / "z-kh-du.docx").write_bytes(b"ban cu")
    again = run("render", p, "--kind", "both", "-o", "z.docx")
    assert again.code == 2 and not (tmp_path / "z-kh-ubnd.docx").exists()


def _race(target: str, content: bytes, barrier, results) -> None:
    from nqgen.errors import OutputExistsError
    from nqgen.output import write_file

    barrier.wait()
    try:
        write_file(Path(target), content)
        results.put(content)
    except OutputExistsError:
        results.put(b"")


def test_concurrent_writers_without_force_cannot_both_succeed(tmp_path):
    """The issue saw 2 of 25 concurrent renders both "succeed": the no-overwrite rule is now
    one atomic step (a hard link of the finished temporary file)."""
    ctx = multiprocessing.get_context("fork")
    size = 4 << 20  # a write long enough for both writers to be past any "exists?" check
    for i in range(25):
        target = tmp_path / f"{i}.docx"
        barrier, results = ctx.Barrier(2), ctx.Queue()
        procs = [
            ctx.Process(target=_race, args=(str(target), bytes([n]) * size, barrier, results))
            for n in (1, 2)
        ]
        for proc in procs:
            proc.start()
        outcomes = [results.get(timeout=30) for _ in procs]
        for proc in procs:
            proc.join(timeout=30)
        winners = [o for o in outcomes if o]
        assert len(winners) == 1, i
        assert target.read_bytes() == winners[0]
        target.unlink()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_dangling_symlink_is_not_replaced_without_force(run, tmp_path):
    p = profile_file(tmp_path)
    out = tmp_path / "x.docx"
    out.symlink_to(tmp_path / "nowhere.docx")
    result = run("render", p, "-o", out, "--no-check")
    assert result.code == 2 and "đã tồn tại" in result.err
    assert out.is_symlink() and not (tmp_path / "nowhere.docx").exists()
    assert run("render", p, "-o", out, "--no-check", "--force").code == 0
    assert not out.is_symlink() and out.read_bytes()[:2] == b"PK"


# --------------------------------------------------------------------------- tracebacks


IMPOSSIBLE_DATES = ["2025-02-30", "2024-13-45"]


@pytest.mark.parametrize("bad", IMPOSSIBLE_DATES)
def test_impossible_unquoted_date_in_render_plan_trace_and_batch(run, tmp_path, bad):
    p = profile_file(tmp_path, "date: 2024-12-22", f"date: {bad}")
    place = where(p, bad, "parents.0.date")
    for args in (
        ("render", p, "-o", "x.docx"),
        ("plan", p, "-o", "x.plan.yaml"),
        ("trace", p),
    ):
        result = run(*args)
        assert result.code == 2 and place in result.err, args
    result = run("batch", p, "-o", "mau")
    assert result.code == 1 and place in result.out
    assert not list(tmp_path.glob("x*")) and not list((tmp_path / "mau").rglob("*.docx"))


def test_impossible_unquoted_date_through_the_console_script(tmp_path):
    p = profile_file(tmp_path, "date: 2024-12-22", "date: 2025-02-30")
    res = nqgen_script("render", str(p), "-o", str(tmp_path / "x.docx"))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert where(p, "2025-02-30", "parents.0.date") in res.stderr
    assert "ngày không tồn tại trong tháng" in res.stderr


def test_output_paths_that_cannot_be_written(run, tmp_path):
    p = profile_file(tmp_path)
    (tmp_path / "thu-muc").mkdir()
    result = run("render", p, "-o", "thu-muc", "--force")
    assert result.code == 2 and "là một thư mục" in result.err
    result = run("render", p, "-o", "thu-muc.docx", "--force")
    assert result.code == 0
    (tmp_path / "d.docx").mkdir()
    result = run("render", p, "-o", "d.docx", "--force")
    assert result.code == 2 and "là một thư mục" in result.err
    result = run("render", p, "-o", "p.yaml/x.docx")
    assert result.code == 2 and "p.yaml là một tệp, không phải thư mục" in result.err
    result = run("plan", p, "-o", "p.yaml/a/b.yaml")
    assert result.code == 2 and "p.yaml là một tệp" in result.err


def test_output_into_a_folder_that_cannot_be_written(tmp_path):
    """Through the console script. Root ignores permission bits, so as root the folder is
    /sys (sysfs refuses new files to everyone)."""
    if os.geteuid() == 0:
        locked = Path("/sys")
    else:
        locked = tmp_path / "khoa"
        locked.mkdir(mode=0o555)
    before = sorted(p.name for p in locked.iterdir())
    res = nqgen_script("render", str(XOP), "-o", str(locked / "x.docx"), "--no-check")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert f"Không ghi được {locked / 'x.docx'}: không có quyền" in res.stderr
    assert sorted(p.name for p in locked.iterdir()) == before


def test_huge_numbers(run, tmp_path):
    huge = "reporting: [[15, 99999999999999999999999]]"
    p = profile_file(tmp_path, "reporting: [[15, 12]]", huge)
    result = run("render", p, "-o", "x.docx")
    assert result.code == 2 and where(p, "reporting:", "reporting") in result.err
    digits = "1" * 5000
    for written in (digits, f'"{digits}"'):
        p = profile_file(tmp_path, 'number: "04"', f"number: {written}")
        result = run("render", p, "-o", "x.docx")
        assert result.code == 2 and where(p, digits, "party.number") in result.err
        assert len(result.err) < 1000  # the 5,000 digits are not echoed back
    assert not (tmp_path / "x.docx").exists()


def _answers(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ho-so" / ".nqgen-answers.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


ANSWERS_HEAD = (
    "nqgen_answers: 1\nstep: done\nanswers:\n  province: Quảng Ngãi\n  commune: Xã Xốp\n"
)


def test_truncated_or_impossible_answers_file_on_resume(run, tmp_path):
    cut = _answers(tmp_path, ANSWERS_HEAD + '  kind: kh-ubnd\n  parents:\n  - kind: "Nghị qu')
    result = run("new", "--resume", cut, "--defaults")  # cut off in the middle of a value
    assert result.code == 2 and f"{cut}, dòng 8" in result.err and "Traceback" not in result.err
    cut = _answers(tmp_path, ANSWERS_HEAD.replace("Quảng Ngãi", "Quảng Ng"))
    result = run("new", "--resume", cut, "--defaults")
    assert result.code == 2 and f"{cut}, dòng 4, trường 'answers.province'" in result.err
    bad = _answers(
        tmp_path,
        ANSWERS_HEAD.replace("step: done", "step: village_term")
        + "  kind: kh-ubnd\n  parents:\n  - kind: Nghị quyết\n    issuer: Bộ Chính trị\n"
        "    date: 2025-02-30\n",
    )
    result = run("new", "--resume", bad, "--defaults")
    assert result.code == 2 and f"{bad}, dòng 7, trường 'answers.parents'" in result.err
    assert "30/02/2025 không có thật" in result.err
    assert not list((tmp_path / "ho-so").glob("*.docx"))


def test_an_internal_error_is_one_vietnamese_line_and_exit_70(run, monkeypatch):
    from nqgen import api

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(api, "render_files", broken)
    result = run("render", XOP, "-o", "x.docx")
    assert result.code == 70
    [line] = result.err.splitlines()
    assert line.startswith("Lỗi nội bộ của nqgen (ZeroDivisionError)") and "--debug" in line


def test_debug_prints_the_traceback(monkeypatch, capsys):
    from nqgen import api

    monkeypatch.setattr(api, "render_files", lambda *_a, **_k: 1 / 0)
    assert cli.run(["render", str(XOP), "--debug"]) == 70
    err = capsys.readouterr().err
    assert "Traceback" in err and "ZeroDivisionError" in err and "Lỗi nội bộ" in err


# --------------------------------------------------------------------------- silent mistakes


def test_a_key_written_twice_is_an_error(run, tmp_path):
    p = profile_file(tmp_path, "kind: kh-ubnd", "kind: kh-ubnd\nkind: kh-du")
    result = run("render", p, "-o", "x.docx")
    assert result.code == 2 and where(p, "kind: kh-du", "kind") in result.err
    assert "ghi hai lần" in result.err and not (tmp_path / "x.docx").exists()
    p = profile_file(tmp_path, "  police:", "  office: Văn phòng\n  police:")
    assert where(p, "  office: Văn phòng", "bodies.office") in run("plan", p).err


UNKNOWN = [
    ("  police:", "  polise:", "polise:", "bodies.polise", "không có vai trò 'polise'"),
    ("targets:", "exclude: [awareness.khong_co]\ntargets:", "exclude:", "exclude.0",
     "không có điều khoản mã 'awareness.khong_co'"),
    ("  target.bank_account: 75", "  target.bank_acount: 75", "bank_acount",
     "targets.target.bank_acount", "không có chỉ tiêu mã"),
    ('province: "Quảng Ngãi"', 'province: "Quảng Ngãy"', "Quảng Ngãy", "unit.province",
     "Không có tỉnh, thành phố tên 'Quảng Ngãy'"),
    ("code: 23356", "code: 23500", "code: 23500", "unit.code", "là của Xã Đăk Hà"),
    ("code: 23356", "code: 99999", "code: 99999", "unit.code", "không có trong danh mục"),
    ("  target.bank_account: 75", "  target.bank_account: -5", "bank_account", None,
     "không được âm"),
    ("  target.bank_account: 75", "  target.bank_account: 150", "bank_account", None,
     "không được quá 100"),
    ("  target.bank_account: 75", "  target.bank_account: .inf", "bank_account", None,
     "phải là một số"),
    ("  target.bank_account: 75", "  target.bank_account: .nan", "bank_account", None,
     "phải là một số"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "needle", "field", "message"), UNKNOWN)
def test_mistakes_that_passed_silently_are_errors(run, tmp_path, old, new, needle, field, message):
    p = profile_file(tmp_path, old, new)
    result = run("render", p, "-o", "x.docx")
    field = field or "targets.target.bank_account"
    assert result.code == 2 and where(p, needle, field) in result.err and message in result.err
    assert not (tmp_path / "x.docx").exists()


def test_a_count_target_may_exceed_100_and_every_error_is_listed(run, tmp_path):
    from nqgen.library import load_library

    count = next(t for t in load_library().targets if not t.unit.startswith("%"))
    p = profile_file(tmp_path, "targets:", f"targets:\n  {count.id}: 250")
    assert run("render", p, "-o", "x.docx", "--no-check").code == 0
    p = profile_file(tmp_path, "  police:", "  polise: Công an\n  polis:")
    err = run("render", p, "-o", "y.docx").err
    assert "'bodies.polise'" in err and "'bodies.polis'" in err


@pytest.mark.parametrize(("char", "name"), [("\\a", "U+0007"), ("\\e[31m", "U+001B")])
def test_control_characters_are_refused_not_mangled(run, tmp_path, char, name):
    p = profile_file(tmp_path, 'name: "Lê Hải Lâm"', f'name: "Lê {char}Hải Lâm"')
    result = run("render", p, "-o", "x.docx")
    assert result.code == 2 and where(p, "Hải Lâm", "ubnd.signer.name") in result.err
    assert name in result.err and "\x1b" not in result.err and "\x07" not in result.err


def test_an_escape_character_in_a_key_is_not_sent_to_the_terminal(run, tmp_path):
    p = profile_file(tmp_path, "  police:", '  "pol\\eice":')
    result = run("render", p, "-o", "x.docx")
    assert result.code == 2 and "\x1b" not in result.err and "pol\\x1bice" in result.err


def test_names_longer_than_the_header_line_get_a_warning(run, tmp_path):
    long_name = "Thượng Nguyên Thủy Tú Liêm Hoàng Hoa Thám Nghĩa Đô Cầu Giấy Yên Hòa Ô Chợ Dừa"
    p = profile_file(tmp_path, "  code: 23356", "")
    p.write_text(
        p.read_text(encoding="utf-8").replace('name: "Xốp"', f'name: "{long_name}"', 1),
        encoding="utf-8",
    )
    result = run("render", p, "-o", "x.docx", "--no-check")
    assert result.code == 0 and (tmp_path / "x.docx").exists()
    assert f"Cảnh báo trong tệp {p}, dòng 7, trường 'unit.name'" in result.err
    assert "quá dài" in result.err and "danh mục đơn vị hành chính không có" in result.err
    assert run("render", XOP, "-o", "xop.docx", "--no-check").err == ""


def test_header_sizes_are_the_templates():
    """profile_check.HEADER repeats the templates' header column widths and sizes."""
    from docx import Document

    from nqgen.models import DocKind
    from nqgen.profile_check import HEADER
    from nqgen.render import template_path

    for kind, sizes in HEADER.items():
        doc = Document(str(template_path(kind)))
        left, right = doc.tables[0].rows[0].cells
        assert round(left.width.mm) == sizes["left"] and round(right.width.mm) == sizes["right"]
        styles = doc.styles
        assert styles["NQ Cơ quan"].font.size.pt == sizes["issuer"]
        assert styles["NQ Cơ quan"].font.bold
        assert styles["NQ Chủ quản"].font.size.pt == sizes["superior"]
        assert styles["NQ Địa danh"].font.size.pt == sizes["place_date"]
    assert set(HEADER) == set(DocKind)


@pytest.mark.parametrize("args", [("-o", "x.pdf"), ("-o", "x.pdf", "--pdf"), ("-o", "x")])
def test_an_output_name_that_is_not_docx_is_refused(run, tmp_path, args):
    result = run("render", XOP, *args)
    assert result.code == 2 and "phải có đuôi .docx" in result.err
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_bad_job_counts_are_vietnamese_errors(run, jobs):
    result = run("batch", "--province", "Lai Châu", "-j", jobs)
    assert result.code == 2 and "-j phải là số nguyên dương" in result.err


def test_job_count_is_capped_at_the_cpu_count_and_said(run):
    result = run("batch", XOP, "-o", "mau", "-j", "1000")
    cpus = os.cpu_count() or 1
    assert result.code == 0, result.err
    assert f"chỉ dùng {cpus} tiến trình" in result.err and "-j 1000" in result.err
    from nqgen import batch

    assert batch.workers_for(1000) == cpus and batch.workers_for(None) == cpus


def test_an_output_folder_that_is_a_file_is_one_error(run, tmp_path):
    (tmp_path / "mau").write_text("tệp", encoding="utf-8")
    result = run("batch", "--province", "Lai Châu", "-o", "mau")
    assert result.code == 2 and result.out == ""
    assert result.err.strip().splitlines() == [
        "Lỗi: Thư mục kết quả mau không dùng được: mau là một tệp."
    ]


@pytest.mark.slow
def test_sigterm_stops_batch_like_ctrl_c(tmp_path):
    """SIGTERM to the batch process alone: its workers end, no temporary or partial file."""
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("nqgen")), "batch", "--all", "-o", str(out), "-j",
         "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    workers: list[int] = []
    try:
        while len(list(out.rglob("*.docx"))) < 20:
            assert proc.poll() is None
            time.sleep(0.05)
        workers = _children(proc.pid)
        assert workers
        proc.send_signal(signal.SIGTERM)
        stdout, stderr = proc.communicate(timeout=120)
        left = [pid for pid in workers if _alive(pid)]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in workers:  # never leave a worker behind, even when the test fails
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert proc.returncode == 143, stderr
    assert "Traceback" not in stdout + stderr and "SIGTERM" in stdout
    assert left == []
    assert list(out.rglob("*.tmp")) == [] and list(out.rglob(".*")) == []
    for doc in out.rglob("*.docx"):
        with zipfile.ZipFile(doc) as z:
            assert z.testzip() is None


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


# --------------------------------------------------------------------------- literal text


def test_profile_text_with_template_syntax_prints_as_typed_and_passes_the_checker(run, tmp_path):
    from docx import Document

    from nqgen.check import check_docx

    typed = "Phòng {{ 7*7 }} {% if %} {_{ x }_} {#"
    p = profile_file(tmp_path, '  police: "Công an xã"', f"  police: '{typed}'")
    result = run("render", p, "-o", "x.docx")
    assert result.code == 0 and result.err == ""  # no format warning either
    doc = Document(str(tmp_path / "x.docx"))
    text = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert typed in text and "\u200b" not in text and "Phòng 49" not in text
    assert not check_docx(tmp_path / "x.docx").findings


# --------------------------------------------------------------------------- Vietnamese


ENGLISH = [
    "Usage", "Options", "Arguments", "Commands", "Show this message", "Missing", "No such",
    "Invalid value", "[required]", "Error", "Try '", "<path>", "<int", "<str>", "TEXT",
    "INTEGER", "PATH", "default:", "Errno", "Is a directory", "found character",
    "Input should", "not a valid",
]  # fmt: skip


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


def test_help_and_usage_errors_are_vietnamese_through_the_console_script():
    for args in (["--help"], ["render", "--help"], ["batch", "--help"]):
        res = nqgen_script(*args)
        assert res.returncode == 0 and not english_in(res.stdout), (args, english_in(res.stdout))
        assert "Cách dùng:" in res.stdout and "Tùy chọn:" in res.stdout
    res = nqgen_script("render")
    assert res.returncode == 2 and not english_in(res.stderr)
    assert "Thiếu tham số 'HỒ_SƠ.yaml'" in res.stderr and "render --help" in res.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "--bogus"], "Không có tùy chọn --bogus"),
        (["batch", "-j", "abc"], "Giá trị không hợp lệ cho -j / --jobs: phải là số nguyên"),
        (["render", "x.yaml", "--kind", "ubnd"], "phải là một trong: 'kh-ubnd'"),
        (["rendr"], "Không có lệnh 'rendr'. Có phải: 'render'?"),
        (["render", "-o"], "Tùy chọn -o cần một giá trị"),
        (["plan", "a.yaml", "b.yaml"], "Thừa tham số: b.yaml"),
        (["clauses", "show"], "Thiếu tham số 'MÃ'"),
    ],
)
def test_usage_errors_are_vietnamese(run, args, message):
    result = run(*args)
    assert result.code == 2 and message in result.err
    assert not english_in(result.err), english_in(result.err)


def test_yaml_and_os_errors_are_vietnamese(run, tmp_path):
    tab = tmp_path / "tab.yaml"
    tab.write_text("unit:\n\tname: Xốp\n", encoding="utf-8")
    result = run("render", tab)
    assert result.code == 2 and f"{tab}, dòng 2" in result.err and "Tab" in result.err
    (tmp_path / "thu-muc.yaml").mkdir()
    for args in (("render", "thu-muc.yaml"), ("coverage", "thu-muc.yaml"), ("plan", "khong.yaml")):
        result = run(*args)
        assert result.code == 2 and not english_in(result.err), (args, result.err)
    assert "đây là một thư mục" in run("render", "thu-muc.yaml").err


def test_checker_messages_are_vietnamese(run, tmp_path):
    broken = tmp_path / "hong.docx"
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("word/document.xml", "<w:document><w:body><w:p></w:body>")
    result = run("check", broken)
    assert result.code == 2 and "không hợp lệ (dòng 1)" in result.err
    assert not english_in(result.err) and "tag" not in result.err
    from nqgen.check import CheckError, check_docx
    from nqgen.check.findings import Location
    from nqgen.errors import NqgenError

    with pytest.raises(CheckError) as exc:
        check_docx(XOP, standard="nd99")
    assert isinstance(exc.value, NqgenError) and not isinstance(exc.value, ValueError)
    assert Location(section=2, paragraph=3).describe() == "phần 2, đoạn 3"


def test_hints_name_the_command_as_it_is_run(monkeypatch, tmp_path):
    from nqgen.cli_vi import invoked_as

    exe = tmp_path / "venv" / "bin" / "nqgen"
    exe.parent.mkdir(parents=True)
    exe.write_text("#!/bin/sh\n", encoding="utf-8")
    exe.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    monkeypatch.setattr(sys, "argv", [str(exe), "render"])
    assert invoked_as() == "venv/bin/nqgen"  # pasted as printed, it runs
    monkeypatch.setenv("PATH", f"{exe.parent}:/usr/bin")
    assert invoked_as() == "nqgen"
    monkeypatch.setattr(sys, "argv", ["pytest"])
    assert invoked_as() == "nqgen"


def test_every_error_is_one_tree():
    from nqgen import errors
    from nqgen.check import CheckError

    kinds = [
        errors.InputError, errors.UsageError, errors.UnitError, errors.OutputError,
        errors.OutputExistsError, errors.LibraryError, errors.TemplateError,
        errors.ConverterError, CheckError,
    ]  # fmt: skip
    assert all(issubclass(k, errors.NqgenError) for k in kinds)
    bare = [
        f"{path.name}:{n}"
        for path in (ROOT / "nqgen").rglob("*.py")
        if path.name not in ("compose.py", "party.py")  # being rewritten (compose package)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "raise NqgenError(" in line
    ]
    assert bare == []


@pytest.mark.parametrize(
    "text",
    [
        "x0: &x0 [a, a, a, a, a, a, a, a, a]\n"
        + "".join(f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * 9)}]\n" for i in range(1, 9)),
        "a: &a [*a]\nunit: {name: Xốp, province: Quảng Ngãi}\n",
    ],
    ids=["nine-levels-of-aliases", "alias-inside-its-anchor"],
)
def test_aliases_that_expand_without_end_are_refused(tmp_path, text):
    """A 400-byte file whose aliases expand to 387 million values (or to itself) is refused
    before it is walked or validated, naming the file (issue 15: profiles are uploaded)."""
    path = tmp_path / "bom.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_profile(path)
    assert "quá nhiều giá trị khi mở các tham chiếu (*)" in str(caught.value)
    assert caught.value.file == str(path)


def test_a_few_shared_aliases_are_still_read(tmp_path):
    path = tmp_path / "neo.yaml"
    path.write_text("unit: {name: &n Xốp, province: Quảng Ngãi}\nvillage_term: *n\n",
                    encoding="utf-8")  # fmt: skip
    assert load_profile(path).village_term == "Xốp"


def test_file_title_keeps_what_the_user_typed():
    """The summary is data: '&', '<' and braces reach the Title as typed, escaped once."""
    import io

    from docx import Document

    from nqgen.compose import compose, load_profile
    from nqgen.paths import PROFILES_DIR
    from nqgen.render import render_docx

    profile = load_profile(PROFILES_DIR / "xop.yaml")
    typed = "Chuyển đổi số & dữ liệu <số> {{ 7*7 }} năm 2026"
    plan = compose(profile).model_copy(update={"summary": typed})
    title = Document(io.BytesIO(render_docx(plan))).core_properties.title
    assert title == "Kế hoạch chuyển đổi số & dữ liệu <số> {{ 7*7 }} năm 2026"
