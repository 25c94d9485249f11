"""`nqgen new`: the real console script driven in a pseudo-terminal (pexpect), plus its parts.

Acceptance of issue 6: (1) Enter at every question ends with a profile and a DOCX that passes the
render format checks; (2) Ctrl-C after the bodies question + ``--resume`` gives the same profile;
(3) unknown commune, impossible date, empty required name are re-asked in Vietnamese;
(4) every one of the 3,321 units can be chosen; (5) the non-interactive path.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from docx import Document

from nqgen import questions as Q
from nqgen import wizard
from nqgen.compose import compose, load_profile
from nqgen.errors import InputError
from nqgen.library import load_library
from nqgen.models import DocKind

from . import test_render_ubnd as ubnd
from .conftest import nqgen

NQGEN = str(Path(sys.executable).parent / "nqgen")
TIMEOUT = 90
SLUG = "xa-xop-23356"

#: Every question's prompt (the text after questionary's "?"), in the order they are asked.
PROMPTS = {
    "province": "Tỉnh, thành phố (gõ để lọc",
    "commune": "Xã, phường, đặc khu của",
    "kind": "Loại văn bản:",
    "type": "Loại kế hoạch:",
    "parents": "Văn bản căn cứ:",
    "bodies": "Tên các cơ quan:",
    "focal": "Cơ quan đầu mối",
    "village_term": "Dưới xã gọi là",
    "signer_title": "Người ký Kế hoạch",
    "signer_name": "Họ tên người ký",
    "number": "Số văn bản Kế hoạch",
    "date": "Ngày ban hành Kế hoạch",
    "sectors": "Lĩnh vực đặc thù",
    "scope": "Phạm vi kế hoạch:",
    "focus": "Lĩnh vực trọng tâm",
    "local": "Thêm đặc điểm riêng của",
    "review": "Tạo kế hoạch với các câu trả lời trên?",
}
DONE = "Đã tạo kế hoạch"
UP, DOWN, LEFT, KILL_LINE, ESC = "\x1b[A", "\x1b[B", "\x1b[D", "\x15", "\x1b"


def loose(text: str) -> str:
    """A regex for ``text`` as prompt_toolkit draws it: spaces may be cursor moves or styles."""
    gap = r"(?:\s|\x1b\[[0-9;?]*[A-Za-z])+"
    return gap.join(re.escape(word) for word in text.split())


def prompt(text: str) -> str:
    """A question as drawn: the "?" mark, style codes, then the message."""
    return r"\?(?:\x1b\[[0-9;]*m)*\s*" + loose(text)


def spawn(args: list[str], cwd: Path) -> pexpect.spawn:
    # A pty under pexpect never answers prompt_toolkit's cursor-position request (CPR), and
    # prompt_toolkit then waits 1 s per question; a real terminal answers at once.
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", PROMPT_TOOLKIT_NO_CPR="1")
    return pexpect.spawn(
        NQGEN,
        args,
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(60, 200),
    )


def enter_through(child: pexpect.spawn, asked: list[str], stop_at: str | None = None) -> str:
    """Press Enter at every question until the end (or until ``stop_at`` is shown).

    ``asked`` lists the questions still to come; each is removed when seen, so the answered
    prompt that prompt_toolkit redraws is never answered twice. Returns the last event.
    """
    while True:
        patterns = [prompt(PROMPTS[k]) for k in asked] + [loose(DONE)]
        i = child.expect(patterns)
        if i == len(asked):
            return "done"
        key = asked.pop(i)
        if key == stop_at:
            return key
        child.send("\r")


def type_province_and_commune(child: pexpect.spawn) -> None:
    child.expect(prompt(PROMPTS["province"]))
    child.send("Quảng Ngãi")
    child.send("\r")
    child.expect(prompt(PROMPTS["commune"]))
    child.send("Xốp")
    child.send("\r")


def remaining_after(step: str) -> list[str]:
    keys = list(PROMPTS)
    return keys[keys.index(step) + 1 :]


def finish(child: pexpect.spawn) -> None:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before


@pytest.fixture(scope="module")
def enter_run(tmp_path_factory) -> Path:
    """Acceptance 1: "Quảng Ngãi", Enter, "Xốp", Enter, then Enter at every question."""
    cwd = tmp_path_factory.mktemp("enter")
    child = spawn(["new", "-o", "out"], cwd)
    type_province_and_commune(child)
    assert enter_through(child, remaining_after("commune")) == "done"
    child.expect(loose(f"out/{SLUG}.docx"))
    child.expect(loose(f"nqgen render out/{SLUG}.yaml"))
    finish(child)
    return cwd / "out"


@pytest.mark.slow
def test_enter_at_every_question_writes_profile_and_docx(enter_run):
    profile = load_profile(enter_run / f"{SLUG}.yaml")
    assert (profile.unit.name, profile.unit.province, profile.unit.code) == (
        "Xốp",
        "Quảng Ngãi",
        23356,
    )
    assert profile.kind == DocKind.kh_ubnd
    # registry parents: national documents first, then the province's own (profiles/provinces/)
    numbers = [p.number for p in profile.parents]
    assert numbers[:3] == ["57-NQ/TW", "03/NQ-CP", "71/NQ-CP"]
    assert "51/KH-UBND" in numbers and "359-KH/TU" in numbers
    assert profile.ubnd.number is None and profile.ubnd.date is None  # never invented
    assert profile.ubnd.signer.title == "CHỦ TỊCH" and profile.ubnd.signer.name == ""
    answers = (enter_run / wizard.ANSWERS_FILE).read_text(encoding="utf-8")
    assert "step: done" in answers


@pytest.mark.slow
def test_enter_run_docx_passes_the_render_format_checks(enter_run):
    path = enter_run / f"{SLUG}.docx"
    profile = load_profile(enter_run / f"{SLUG}.yaml")
    plan = compose(profile, load_library(), DocKind.kh_ubnd)
    doc = Document(str(path))
    docs, plans, files = {"w": doc}, {"w": plan}, {"w": path}
    try:
        from nqgen.check import check_docx  # the checker, once it has landed
    except ImportError:
        check_docx = None
    if check_docx is not None:
        assert not check_docx(path).findings
    ubnd.test_sections_paper_orientation_margins(docs, "w")
    ubnd.test_fonts_are_times_new_roman_everywhere(docs, "w")
    ubnd.test_header_block(docs, plans, "w")
    ubnd.test_title_summary_body_format(docs, "w")
    ubnd.test_signature_and_recipients(docs, plans, "w")
    ubnd.test_appendices(docs, plans, "w")
    ubnd.test_no_template_markers_and_clean_text(files, "w")
    assert "Xốp" in " ".join(ubnd.texts(doc))


@pytest.mark.slow
def test_interrupted_after_bodies_and_resumed_gives_the_same_profile(enter_run, tmp_path):
    """Acceptance 2: Ctrl-C right after the bodies question, then ``--resume``."""
    child = spawn(["new", "-o", "out"], tmp_path)
    type_province_and_commune(child)
    assert enter_through(child, remaining_after("commune"), stop_at="focal") == "focal"
    child.sendintr()
    child.expect(loose("Đã dừng"))
    child.expect(loose(f"nqgen new --resume out/{wizard.ANSWERS_FILE}"))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    saved = (tmp_path / "out" / wizard.ANSWERS_FILE).read_text(encoding="utf-8")
    assert "step: focal" in saved and "bodies: {}" in saved
    assert not (tmp_path / "out" / f"{SLUG}.yaml").exists()

    child = spawn(["new", "--resume", f"out/{wizard.ANSWERS_FILE}"], tmp_path)
    child.expect(loose("Tiếp tục phiên hỏi đáp"))
    child.expect(loose("(câu 'Cơ quan đầu mối (tham mưu, tổng hợp)')"))  # its label, not its id
    assert enter_through(child, remaining_after("bodies")) == "done"
    finish(child)
    resumed = (tmp_path / "out" / f"{SLUG}.yaml").read_bytes()
    assert resumed == (enter_run / f"{SLUG}.yaml").read_bytes()


@pytest.mark.slow
def test_a_new_session_refuses_to_drop_an_unfinished_one(tmp_path):
    answers = tmp_path / wizard.ANSWERS_FILE
    answers.write_text(
        "nqgen_answers: 1\nstep: commune\nanswers:\n  province: Quảng Ngãi\n", encoding="utf-8"
    )
    child = spawn(["new", "-o", "."], tmp_path)
    child.expect(loose("phiên hỏi đáp chưa xong"))
    child.expect(loose("--resume"))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus != 0 and "Traceback" not in child.before


@pytest.mark.slow
def test_bad_answers_are_reasked_in_vietnamese(tmp_path):
    """Acceptance 3: unknown commune, impossible date, empty required name; nothing crashes."""
    child = spawn(["new", "-o", "out"], tmp_path)
    child.expect(prompt(PROMPTS["province"]))
    child.send("Quảng Ngãi\r")
    child.expect(prompt(PROMPTS["commune"]))
    child.send("Xốpxyz\r")
    child.expect(loose("Tỉnh Quảng Ngãi không có xã, phường, đặc khu tên 'Xốpxyz'"))
    child.expect(loose("Có phải: Xã Xốp?"))
    child.send(KILL_LINE + "Xốp\r")
    asked = remaining_after("commune")
    assert enter_through(child, asked, stop_at="village_term") == "village_term"
    child.send(KILL_LINE + "\r")
    child.expect(loose("Tên gọi cấp thôn không được để trống"))
    child.send("xóm\r")
    assert enter_through(child, asked, stop_at="signer_name") == "signer_name"
    child.send("TS. Lê Hải Lâm\r")
    child.expect(loose("Không ghi học hàm, học vị"))
    child.send(KILL_LINE + "Lê Hải Lâm\r")
    assert enter_through(child, asked, stop_at="number") == "number"
    child.send("15a\r")
    child.expect(loose("chỉ gõ chữ số"))
    child.send(KILL_LINE + "15\r")
    assert enter_through(child, asked, stop_at="date") == "date"
    child.send("30/02/2026\r")
    child.expect(loose("Ngày 30/02/2026 không có thật: tháng 2 năm 2026 chỉ có 28 ngày"))
    # (a second error on the same prompt is drawn as a diff of the first: not matchable as text)
    child.send(KILL_LINE + "15/01/2026\r")
    assert enter_through(child, asked) == "done"
    finish(child)
    profile = load_profile(tmp_path / "out" / f"{SLUG}.yaml")
    assert profile.village_term == "xóm"
    assert profile.ubnd.signer.name == "Lê Hải Lâm"
    assert profile.ubnd.number == "15"
    assert (profile.ubnd.date.day, profile.ubnd.date.month, profile.ubnd.date.year) == (15, 1, 2026)
    assert profile.year == 2026
    doc = Document(str(tmp_path / "out" / f"{SLUG}.docx"))
    header = doc.tables[0]
    assert header.rows[1].cells[0].paragraphs[0].text == "Số: 15/KH-UBND"
    assert header.rows[1].cells[1].paragraphs[0].text == "Xốp, ngày 15 tháng 01 năm 2026"


@pytest.mark.slow
def test_lists_are_edited_and_review_goes_back(tmp_path):
    """Parents: add one, remove one; bodies: rename one; review: go back and change an answer."""
    child = spawn(["new", "-o", "out"], tmp_path)
    type_province_and_commune(child)
    asked = remaining_after("commune")
    assert enter_through(child, asked, stop_at="parents") == "parents"
    child.send(DOWN + DOWN + "\r")  # Thêm một văn bản
    fields = [
        ("Loại văn bản:", "Kế hoạch"),
        ("Số, ký hiệu", "04-KH/ĐU"),
        ("Ngày ban hành (ngày/tháng/năm;", "14/8/2025"),
        ("Cơ quan ban hành:", "Đảng ủy xã Xốp"),
        ("Trích yếu", "về hành động"),
    ]
    for question, text in fields:
        child.expect(prompt(question))
        child.send(text + "\r")
    child.expect(loose("Kế hoạch số 04-KH/ĐU ngày 14/8/2025 của Đảng ủy xã Xốp về hành động"))
    child.expect(prompt(PROMPTS["parents"]))
    child.send(DOWN + DOWN + DOWN + "\r")  # Bỏ một văn bản
    child.expect(loose("Bỏ văn bản nào?"))
    child.send(DOWN + DOWN + DOWN + "\r")  # the 4th: Kế hoạch số 02-KH/BCĐTW
    child.expect(prompt(PROMPTS["parents"]))
    child.send("\r")
    assert enter_through(child, asked, stop_at="bodies") == "bodies"
    child.send(DOWN + "\r")  # Sửa tên một cơ quan
    child.expect(loose("Cơ quan nào?"))
    child.send(DOWN + DOWN + "\r")  # third body in the list
    child.expect(loose("Tên mới:"))
    child.send(KILL_LINE + "\r")
    child.expect(loose("Tên cơ quan không được để trống"))
    child.send("Văn phòng HĐND-UBND xã\r")
    child.expect(prompt(PROMPTS["bodies"]))
    child.send("\r")
    assert enter_through(child, asked, stop_at="sectors") == "sectors"
    child.send(DOWN + DOWN + DOWN + " \r")  # lâm nghiệp besides nông nghiệp (public data)
    child.expect(loose("(bật thêm nhiệm vụ phù hợp): nông nghiệp, lâm nghiệp"))
    assert enter_through(child, asked, stop_at="review") == "review"
    assert re.search(loose("Tên gọi cấp thôn: thôn"), child.before)  # the summary above it
    editable = [k for k in PROMPTS if k != "review"]
    child.send(DOWN + "\r")  # Sửa một câu trả lời
    child.expect(prompt("Sửa câu nào?"))
    child.send(DOWN * editable.index("village_term") + "\r")
    child.expect(prompt(PROMPTS["village_term"]))
    child.send(KILL_LINE + "bản\r")
    child.expect(loose("Tên gọi cấp thôn: bản"))
    child.expect(prompt(PROMPTS["review"]))
    child.send("\r")
    finish(child)
    profile = load_profile(tmp_path / "out" / f"{SLUG}.yaml")
    numbers = [p.number for p in profile.parents]
    assert numbers[-1] == "04-KH/ĐU" and "02-KH/BCĐTW" not in numbers
    added = profile.parents[-1]
    assert (added.kind, added.issuer, added.short) == (
        "Kế hoạch",
        "Đảng ủy xã Xốp",
        "Kế hoạch số 04-KH/ĐU",
    )
    assert str(added.date) == "2025-08-14"
    assert profile.bodies == {"office": "Văn phòng HĐND-UBND xã"}
    assert profile.village_term == "bản"
    assert [s.value for s in profile.sectors] == ["nông nghiệp", "lâm nghiệp"]


# --------------------------------------------------------------------------- choices


def test_commune_choices_are_the_official_list_for_every_province():
    """Acceptance 4: each province's choices equal vietnam-provinces' list; all 3,321 choosable."""
    from vietnam_provinces import Province, Ward

    provinces = Q.province_choices()
    assert [t for t, _ in provinces] == [
        p.name.removeprefix("Thành phố ") for p in Province.iter_all()
    ]
    assert len(provinces) == 34
    total = 0
    for _, province in provinces:
        official = [
            (w.code.value, w.name)
            for w in Ward.iter_all()
            if w.province_code.value == province.code
        ]
        choices = Q.commune_choices(province)
        assert [(u.code, u.official) for _, u in choices] == official
        for title, unit in choices:  # every title resolves to its own unit
            assert Q.resolve_commune(province, title) == unit
        total += len(choices)
    assert total == 3321


def test_units_differing_only_by_tone_marks_are_both_reachable():
    quang_ngai = Q.resolve_province("Quảng Ngãi")
    assert Q.resolve_commune(quang_ngai, "Sơn Hà").code == 21289
    assert Q.resolve_commune(quang_ngai, "Xã Sơn Hạ").code == 21292
    assert Q.resolve_commune(quang_ngai, "xop").official == "Xã Xốp"


def test_type_to_filter_ignores_tone_marks():
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document as Buffer

    province = Q.resolve_province("Quảng Ngãi")
    completer = wizard.FoldedCompleter((t, "") for t, _ in Q.commune_choices(province))
    found = [c.text for c in completer.get_completions(Buffer("son ha"), CompleteEvent())]
    assert found == ["Xã Sơn Hà", "Xã Sơn Hạ"] or sorted(found) == ["Xã Sơn Hà", "Xã Sơn Hạ"]


def xop_answers() -> dict:
    answers: dict = {}
    for key, text in (("province", "Quảng Ngãi"), ("commune", "Xốp")):
        Q.record(answers, Q.BY_ID[key], Q.check(Q.BY_ID[key], text, answers))
    return answers


def test_date_and_number_parsing():
    """Typed dates and numbers, checked by the models (one home for each rule)."""
    answers = xop_answers()
    date_q, number_q = Q.BY_ID["ubnd.date"], Q.BY_ID["ubnd.number"]
    assert Q.check(date_q, "", answers) is None
    assert Q.check(date_q, "2025", answers) == {"year": 2025}
    assert Q.check(date_q, "9/2025", answers) == {"year": 2025, "month": 9}
    assert Q.check(date_q, "05.09.2025", answers) == {"year": 2025, "month": 9, "day": 5}
    assert Q.check(date_q, "29/02/2028", answers) == {"year": 2028, "month": 2, "day": 29}
    for bad in ("30/02/2025", "29/02/2027", "31/9/2026", "13/2025", "1/1/2019", "hôm nay"):
        with pytest.raises(Q.AnswerError):
            Q.check(date_q, bad, answers)
    assert Q.format_doc_date({"year": 2025, "month": 9, "day": 5}) == "05/09/2025"
    parent = Q.BY_ID["parents"]
    record = {"kind": "Kế hoạch", "issuer": "UBND tỉnh", "date": "31/04/2025"}
    with pytest.raises(Q.AnswerError, match="31/04/2025 không có thật"):
        Q.check_item(parent, record, {})
    assert Q.check_item(parent, record | {"date": "30/4/2025"}, {})["date"] == "2025-04-30"
    with pytest.raises(Q.AnswerError, match="chỉ gõ chữ số"):
        Q.check(number_q, "15/KH-UBND", answers)
    assert Q.check(number_q, " 15 ", answers) == "15"


# --------------------------------------------------------------------------- non-interactive


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The non-interactive command line in this process (no terminal: stdin is not a tty)."""
    return nqgen(*args, cwd=cwd)


@pytest.mark.slow
def test_defaults_path_needs_no_terminal_and_equals_the_enter_run(enter_run, tmp_path):
    """Acceptance 5: ``--province --commune --defaults``: no prompt at all, same profile."""
    result = run_cli(
        "new",
        "--province",
        "Quảng Ngãi",
        "--commune",
        "Xốp",
        "--defaults",
        "-o",
        "out",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert f"out/{SLUG}.docx" in result.stdout and "Mở tệp bằng Word" in result.stdout
    assert f"nqgen render out/{SLUG}.yaml -o out/{SLUG}.docx --force" in result.stdout
    assert (tmp_path / "out" / f"{SLUG}.yaml").read_bytes() == (
        enter_run / f"{SLUG}.yaml"
    ).read_bytes()
    assert (tmp_path / "out" / f"{SLUG}.docx").stat().st_size > 10_000
    assert not (tmp_path / "out" / wizard.ANSWERS_FILE).exists()
    # the printed re-render command works as printed
    again = run_cli("render", f"out/{SLUG}.yaml", "-o", f"out/{SLUG}.docx", "--force", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    # no overwrite without --force
    refused = run_cli(
        "new",
        "--province",
        "Quảng Ngãi",
        "--commune",
        "Xốp",
        "--defaults",
        "-o",
        "out",
        cwd=tmp_path,
    )
    assert refused.returncode != 0 and "đã tồn tại" in refused.stderr
    forced = run_cli(
        "new",
        "--province",
        "Quảng Ngãi",
        "--commune",
        "Xốp",
        "--defaults",
        "-o",
        "out",
        "--force",
        cwd=tmp_path,
    )
    assert forced.returncode == 0, forced.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--province", "Quảng Ngãy", "--commune", "Xốp"],
            "Không có tỉnh, thành phố tên 'Quảng Ngãy'",
        ),
        (
            ["--province", "Quảng Ngãi", "--commune", "Xốpp"],
            "không có xã, phường, đặc khu tên 'Xốpp'",
        ),
        (["--province", "Quảng Ngãi"], "cần --province và --commune"),
        (["--province", "Quảng Ngãi", "--commune", "Sơn"], "Có phải"),
    ],
)
def test_defaults_path_errors_are_vietnamese_without_traceback(tmp_path, args, message):
    result = run_cli("new", *args, "--defaults", "-o", "out", cwd=tmp_path)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "out").exists()


def test_without_a_terminal_the_wizard_explains_the_scripted_form(tmp_path):
    result = run_cli("new", "-o", "out", cwd=tmp_path)
    assert result.returncode != 0
    assert "--defaults" in result.stderr and "Traceback" not in result.stderr


def test_resume_rejects_a_file_that_is_not_an_answers_file(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("answers:\n  tinh: Quảng Ngãi\n", encoding="utf-8")
    result = run_cli("new", "--resume", str(bad), "--defaults", cwd=tmp_path)
    assert result.returncode != 0
    assert f"Lỗi trong tệp {bad}" in result.stderr and "answers.tinh" in result.stderr


@pytest.mark.slow
def test_last_used_province_is_the_default_and_an_empty_session_saves_nothing(enter_run, tmp_path):
    (tmp_path / "out").mkdir()
    finished = (enter_run / wizard.ANSWERS_FILE).read_text(encoding="utf-8")
    (tmp_path / "out" / wizard.ANSWERS_FILE).write_text(finished, encoding="utf-8")
    child = spawn(["new", "-o", "out"], tmp_path)
    child.expect(prompt("Tỉnh, thành phố (gõ để lọc; Enter = Quảng Ngãi)"))
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert (tmp_path / "out" / wizard.ANSWERS_FILE).read_text(encoding="utf-8") == finished


def test_defaults_path_writes_both_kinds(tmp_path):
    result = run_cli(
        "new", "--province", "Quảng Ngãi", "--commune", "Xốp", "--defaults", "--kind", "both",
        "-o", "out", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    ubnd_doc = Document(str(tmp_path / "out" / f"{SLUG}-kh-ubnd.docx"))
    party_doc = Document(str(tmp_path / "out" / f"{SLUG}-kh-du.docx"))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in " ".join(ubnd.texts(ubnd_doc))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in " ".join(ubnd.texts(party_doc))
    assert "--kind both" in result.stdout


@pytest.mark.slow
def test_defaults_path_writes_a_pdf_when_asked(tmp_path):
    result = run_cli(
        "new", "--province", "Thái Nguyên", "--commune", "Phổ Yên", "--defaults", "--pdf",
        "-o", "out", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    pdfs = list((tmp_path / "out").glob("*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].name.startswith("phuong-pho-yen-")
    sizes = ubnd._page_sizes(pdfs[0])
    assert len(sizes) >= 4 and sizes[0][0] < sizes[0][1] and sizes[-1][0] > sizes[-1][1]


def packages_loaded_by(code: str) -> list[str]:
    """The top-level packages a fresh interpreter has imported after running ``code``."""
    code += "; import sys; print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()


def test_first_question_needs_no_heavy_import():
    """Issue 6: keep pydantic, jinja2, yaml, docxtpl, lxml off the path to the first prompt."""
    loaded = packages_loaded_by("import nqgen.cli, nqgen.wizard as w; w.Q.province_choices()")
    for heavy in ("pydantic", "jinja2", "yaml", "docxtpl", "docx", "lxml", "babel"):
        assert heavy not in loaded, heavy


# --------------------------------------------------------------------------- issue 13, point 1


@pytest.mark.slow
def test_esc_and_left_go_back_on_every_question_and_at_the_review(enter_run, tmp_path):
    """Esc (or ←) goes to the previous question on a select, on a text and at the review;
    ← inside a typed text still moves the cursor. Going back changes no answer."""
    child = spawn(["new", "-o", "out"], tmp_path)
    type_province_and_commune(child)
    child.expect(prompt(PROMPTS["kind"]))
    child.send(ESC)  # a select: back to the commune question
    child.expect(prompt(PROMPTS["commune"] + " Tỉnh Quảng Ngãi"))
    child.expect(loose("Enter = Xã Xốp"))  # the answer is kept as the default
    child.send("\r")
    child.expect(prompt(PROMPTS["kind"]))
    child.send(LEFT)  # ← on a select goes back as well
    child.expect(prompt(PROMPTS["commune"]))
    child.send("\r")
    asked = remaining_after("commune")
    assert enter_through(child, asked, stop_at="signer_name") == "signer_name"
    child.send("Lê Lâm" + LEFT * 3 + "Hải \r")  # ← with text to its left edits the text
    child.expect(prompt(PROMPTS["number"]))
    child.send(ESC)  # a text question: back to the signer's name, as typed
    child.expect(prompt(PROMPTS["signer_name"]))
    child.expect(loose("Lê Hải Lâm"))
    child.send("\r")
    assert enter_through(child, asked, stop_at="review") == "review"  # "number" still in asked
    child.send(ESC)  # the review: back to the last question
    child.expect(prompt(PROMPTS["local"]))
    child.send("\r")
    child.expect(prompt(PROMPTS["review"]))
    child.send("\r")
    finish(child)
    went_back = load_profile(tmp_path / "out" / f"{SLUG}.yaml")
    assert went_back.ubnd.signer.name == "Lê Hải Lâm"
    straight = load_profile(enter_run / f"{SLUG}.yaml")
    signer = straight.ubnd.signer.model_copy(update={"name": "Lê Hải Lâm"})
    ubnd_side = straight.ubnd.model_copy(update={"signer": signer})
    expected = straight.model_copy(update={"ubnd": ubnd_side})
    assert went_back.model_dump() == expected.model_dump()


@pytest.mark.slow
def test_an_existing_output_is_reported_before_any_further_question(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    old = out / f"{SLUG}.yaml"
    old.write_text("# hồ sơ cũ\n", encoding="utf-8")
    child = spawn(["new", "-o", "out"], tmp_path)
    type_province_and_commune(child)
    child.expect(loose("đã có tệp sẽ bị ghi đè"))
    child.expect(loose(f"out/{SLUG}.yaml"))
    child.expect(prompt("Ghi đè các tệp này khi tạo kế hoạch?"))
    assert not re.search(prompt(PROMPTS["kind"]), child.before)
    child.send("\r")  # Không, dừng lại
    child.expect(loose("Không ghi đè"))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus not in (0, None) and "Traceback" not in child.before
    assert old.read_text(encoding="utf-8") == "# hồ sơ cũ\n"

    # the unit known from the command line: reported before the first question; "Có" goes on
    (tmp_path / "other").mkdir()
    docx = tmp_path / "other" / f"{SLUG}.docx"
    docx.write_bytes(b"old")
    args = ["new", "-o", "other", "--province", "Quảng Ngãi", "--commune", "Xốp"]
    child = spawn(args, tmp_path)
    child.expect(loose(f"other/{SLUG}.docx"))
    child.expect(prompt("Ghi đè các tệp này khi tạo kế hoạch?"))
    assert not re.search(loose("Tỉnh, thành phố"), child.before)
    child.send(DOWN + "\r")  # Có, ghi đè khi tạo xong
    assert enter_through(child, remaining_after("commune")) == "done"
    finish(child)
    assert docx.stat().st_size > 10_000


@pytest.mark.slow
@pytest.mark.parametrize("answered", [False, True])
def test_ctrl_c_says_once_that_it_stopped(tmp_path, answered):
    child = spawn(["new", "-o", "out"], tmp_path)
    if answered:
        type_province_and_commune(child)
        child.expect(prompt(PROMPTS["kind"]))
    else:
        child.expect(prompt(PROMPTS["province"]))
    try:
        child.sendintr()
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 130
    assert child.before.count("Đã dừng") == 1, child.before
    assert ("nqgen new --resume" in child.before) == answered


class Screen:
    """What a user sees: the child's output played on a pyte terminal of the same size."""

    def __init__(self, rows: int, cols: int):
        import pyte

        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.Stream(self.screen)

    def write(self, text: str) -> None:
        self.stream.feed(text)

    def flush(self) -> None:
        pass

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]


@pytest.mark.slow
def test_at_80x24_the_review_keeps_its_first_line_and_refusals_wrap(tmp_path):
    """The longest review (both plans: 20 lines) fits an 80×24 terminal with its heading;
    a refusal longer than a line is wrapped, not cut."""
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", PROMPT_TOOLKIT_NO_CPR="1")
    child = pexpect.spawn(
        NQGEN, ["new", "-o", "out"], cwd=str(tmp_path), env=env, encoding="utf-8",
        timeout=TIMEOUT, dimensions=(24, 80),
    )  # fmt: skip
    screen = Screen(24, 80)
    child.logfile_read = screen
    type_province_and_commune(child)
    child.expect(prompt(PROMPTS["kind"]))
    child.send(DOWN + DOWN + "\r")  # both plans: the most questions
    asked = remaining_after("kind")
    assert enter_through(child, asked, stop_at="number") == "number"  # the party plan's
    child.send("15a\r")
    child.expect(loose("chỉ gõ chữ số"))
    child.expect(prompt(PROMPTS["number"]))  # asked again, below the reason
    shown = " ".join(line.strip() for line in screen.lines())
    assert (
        "Số văn bản '15a' không hợp lệ: chỉ gõ chữ số, ví dụ 15 (ký hiệu do nqgen thêm), "
        "hoặc để trống để điền khi ký" in shown
    )
    child.send(KILL_LINE + "\r")
    asked += ["signer_title", "signer_name", "number", "date"]  # the UBND plan's
    assert enter_through(child, asked, stop_at="review") == "review"
    child.expect(loose("Sửa một câu trả lời"))
    lines = screen.lines()
    top = next(i for i, line in enumerate(lines) if "Xem lại các câu trả lời" in line)
    rows = [line for line in lines[top + 1 :] if re.match(r"\s+\d+\. ", line)]
    assert [int(r.split(".")[0]) for r in rows] == list(range(1, 21))
    assert rows[0].strip() == "1. Tỉnh, thành phố: Quảng Ngãi"
    assert any("Người ký (Kế hoạch của Đảng ủy)" in r for r in rows)
    assert "Tạo kế hoạch với các câu trả lời trên?" in lines[top + 21]
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()


@pytest.mark.slow
def test_a_truncated_or_corrupt_answers_file_is_named_in_vietnamese(enter_run, tmp_path):
    data = (enter_run / wizard.ANSWERS_FILE).read_bytes()
    cut = tmp_path / wizard.ANSWERS_FILE
    loaded = 0
    for end in range(0, len(data), max(len(data) // 25, 1)):
        cut.write_bytes(data[:end])
        try:
            wizard.Session.load(cut, None)
            loaded += 1
        except InputError as exc:
            assert exc.file == str(cut) and exc.detail
    assert loaded  # a cut after a whole answer is a valid, shorter session
    cut.write_bytes(data[: len(data) // 2] + b"\xff\xfe")
    with pytest.raises(InputError, match="UTF-8"):
        wizard.Session.load(cut, None)
    half_edited = data.decode("utf-8") + "draft:\n  parents:\n  - kind: Kế hoạch\n"
    cut.write_text(half_edited, encoding="utf-8")  # a list being edited, cut short
    with pytest.raises(InputError, match="Cơ quan ban hành không được để trống") as exc:
        wizard.Session.load(cut, None)
    assert exc.value.field == "draft.parents" and exc.value.line
    bad = data.decode("utf-8").replace("  ubnd.date: null", "  ubnd.date: 31/02/2026")
    cut.write_text(bad, encoding="utf-8")
    result = run_cli("new", "--resume", str(cut), "--defaults", cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    line = next(n for n, text in enumerate(bad.splitlines(), 1) if "ubnd.date" in text)
    assert f"Lỗi trong tệp {cut}, dòng {line}, trường 'answers.ubnd.date'" in result.stderr
    assert "Ngày 31/02/2026 không có thật" in result.stderr


@pytest.mark.slow
def test_the_question_list_serves_a_front_end_without_the_terminal(enter_run):
    """A web form walks the same list: no questionary or prompt_toolkit needed, and a form
    sent with what each question offers by default gives the Enter run's profile."""
    loaded = packages_loaded_by("import nqgen.questions")
    for terminal in ("questionary", "prompt_toolkit", "pydantic", "yaml"):
        assert terminal not in loaded, terminal
    answers: dict = {}
    form = {"province": "quang ngai", "commune": "xop"}
    while (q := Q.next_question(answers)) is not None:
        shown = q.default_for(answers)
        if q.kind in (Q.Kind.text, Q.Kind.autocomplete):
            shown = q.as_text(shown)
        Q.record(answers, q, Q.check(q, form.get(q.id, shown), answers))
    assert (
        Q.build_profile(answers).model_dump()
        == load_profile(enter_run / f"{SLUG}.yaml").model_dump()
    )


def test_scope_focus_and_local_facts_land_in_the_profile():
    from nqgen.models import LocalFacts, Scope

    answers = xop_answers()
    Q.fill_defaults(answers)
    plain = Q.build_profile(answers)
    assert (plain.scope, plain.focus, plain.local) == (Scope.concise, [], LocalFacts())
    focus = Q.BY_ID["focus"]
    assert answers["focus"] == Q.check(focus, answers["focus"], answers)  # the default: implicit
    Q.record(answers, focus, Q.check(focus, ["security", "data", "tourism_culture"], answers))
    assert Q.build_profile(answers).focus == ["data", "tourism_culture", "security"]
    with pytest.raises(Q.AnswerError, match="tối đa 5"):
        Q.check(focus, [c.value for c in focus.choices_for(answers)][:6], answers)
    Q.record(answers, Q.BY_ID["local"], True)
    villages, products = Q.BY_ID["local.villages"], Q.BY_ID["local.products"]
    with pytest.raises(Q.AnswerError, match="Các thôn, tổ dân phố: giá trị 0 quá nhỏ"):
        Q.check(villages, "0", answers)
    Q.record(answers, villages, Q.check(villages, "12", answers))
    Q.record(answers, products, Q.check(products, "Sâm Ngọc Linh; mật ong rừng,", answers))
    local = Q.build_profile(answers).local
    assert (local.village_count, local.products) == (12, ["Sâm Ngọc Linh", "mật ong rừng"])
    Q.record(answers, Q.BY_ID["scope"], "full")  # the focus applies to a concise plan only
    assert "focus" not in answers and Q.build_profile(answers).focus == []
    Q.record(answers, Q.BY_ID["local"], False)
    assert not any(k.startswith("local.") for k in answers)


def test_defaults_follow_the_unit_and_a_new_commune_asks_its_questions_again():
    answers = xop_answers()
    Q.fill_defaults(answers)
    assert answers["village_term"] == "thôn" and "nông nghiệp" in answers["sectors"]
    for key, text in (("province", "Hà Nội"), ("commune", "Ba Đình")):
        Q.record(answers, Q.BY_ID[key], Q.check(Q.BY_ID[key], text, answers))
    assert Q.next_question(answers) is Q.BY_ID["parents"]  # depends on the province
    assert not {"village_term", "sectors", "focus"} & set(answers)
    Q.fill_defaults(answers)
    assert answers["village_term"] == "tổ dân phố" and answers["sectors"] == ["đô thị"]


def test_the_review_is_told_when_no_plan_can_be_made_from_the_answers():
    """A rule of composition (a UBND plan dated before the party plan it implements) is found
    before any file is written, and names the question to change."""
    answers = xop_answers()
    Q.record(answers, Q.BY_ID["kind"], "both")
    Q.fill_defaults(answers)
    assert Q.plan_problem(answers) is None
    for key, text in (("party.number", "5"), ("party.date", "15/12/2025"),
                      ("ubnd.date", "10/12/2025")):  # fmt: skip
        Q.record(answers, Q.BY_ID[key], Q.check(Q.BY_ID[key], text, answers))
    found = Q.plan_problem(answers)
    assert found is not None
    question, reason = found
    assert question is Q.BY_ID["party.date"]
    assert reason.startswith("Ngày ban hành (Kế hoạch của Đảng ủy): ") and "15/12/2025" in reason


_NEXT_YEAR = __import__("datetime").date.today().year + 1


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"kind": "both", "party.signer_name": "Nguyễn Văn A", "ubnd.number": "15"},
        {"kind": "kh-du", "party.date": "14/8/2025", "scope": "full"},
        {"local": True, "local.villages": "12", "local.products": "Chè, Mật ong"},
        {"village_term": "bản", "ubnd.signer_title": "PHÓ CHỦ TỊCH", "ubnd.date": "9/2025"},
        {"type": f"annual-{_NEXT_YEAR}", "kind": "both", "ubnd.number": "88", "party.number": "9",
         "ubnd.date": f"20/12/{_NEXT_YEAR - 1}"},
    ],
    ids=["defaults", "both", "party-full", "local", "edited", "annual"],
)
def test_answers_from_a_profile_give_the_same_profile(changes):
    """A profile saved by a front end (nqgen serve) is read back into the same answers."""
    answers: dict = {}
    for qid, typed in (("province", "Quảng Ngãi"), ("commune", "Xốp")):
        Q.record(answers, Q.BY_ID[qid], Q.check(Q.BY_ID[qid], typed, answers))
    for qid, raw in changes.items():
        Q.fill_defaults(answers)
        q = Q.BY_ID[qid]
        Q.record(answers, q, Q.check(q, raw, answers))
    Q.fill_defaults(answers)
    profile = Q.build_profile(answers)
    again = Q.answers_from_profile(profile)
    assert Q.build_profile(again) == profile
    assert again == answers


def test_answers_from_a_profile_refuse_an_unknown_unit():
    from nqgen.models import Profile

    profile = Profile.model_validate({"unit": {"name": "Không Có", "province": "Quảng Ngãi"}})
    with pytest.raises(Q.AnswerError, match="Không có xã Không Có của Quảng Ngãi"):
        Q.answers_from_profile(profile)
