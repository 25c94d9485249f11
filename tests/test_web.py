"""``nqgen serve`` over HTTP (issue 15): the wizard's routes, resuming from a saved profile, the
checker's page, and acceptance 2 — an oversized upload, a zip bomb, path-traversal file names,
script text in every profile field and a request for another visitor's file, each refused or
rendered harmless. The server is the real console script (tests/web_support.py).
"""

from __future__ import annotations

import html
import io
import os
import re
import secrets
import subprocess
import time
import zipfile
from pathlib import Path

import httpx
import pytest
import yaml
from openpyxl import load_workbook

from nqgen import questions as Q
from nqgen.check import check_docx
from nqgen.compose import load_profile
from nqgen.track.register import HEADER_ROW
from nqgen.web import form as F
from nqgen.web.visitors import COOKIE, Visitors
from tests.web_support import NQGEN, SHARED, client, csrf_of, serving

SCRIPT = "<script>alert(1)</script>"
REAL = sorted((SHARED / "real-documents").glob("*.docx"))


def start(c: httpx.Client, province: str = "quang ngai", commune: str = "xop") -> str:
    """Answer the province and commune as typed; return the visitor's CSRF token."""
    token = csrf_of(c.get("/soan").text)
    for q, typed in (("province", province), ("commune", commune)):
        r = c.post("/soan", data={"csrf": token, "cau": q, "gia-tri": typed})
        assert r.status_code == 200 and r.url.path == "/soan", r.text
    return token


def make(c: httpx.Client, token: str) -> httpx.Response:
    """Accept every remaining default and make the plans."""
    assert c.post("/soan/mac-dinh", data={"csrf": token}).url.path == "/soan/xem-lai"
    r = c.post("/soan/tao", data={"csrf": token})
    assert r.url.path == "/ke-hoach", r.text
    return r


def default_answers() -> Q.Answers:
    answers: Q.Answers = {}
    for q, typed in (("province", "Quảng Ngãi"), ("commune", "xop")):
        Q.record(answers, Q.BY_ID[q], Q.check(Q.BY_ID[q], typed, answers))
    Q.fill_defaults(answers)
    return answers


def upload_profile(c: httpx.Client, token: str, text: str, name: str = "ho-so.yaml"):
    files = {"ho-so": (name, text.encode("utf-8"), "application/x-yaml")}
    return c.post("/tiep-tuc", data={"csrf": token}, files=files)


def docx_upload(c: httpx.Client, token: str, data: bytes, name: str) -> httpx.Response:
    files = {"van-ban": (name, data, "application/octet-stream")}
    return c.post("/kiem-tra", data={"csrf": token}, files=files)


# --------------------------------------------------------------------------- the wizard


def test_type_to_filter_ignores_tone_marks_and_case(web_server):
    with client(web_server.url) as c:
        assert [s["value"] for s in c.get("/goi-y/province?q=quang ngai").json()] == ["Quảng Ngãi"]
        assert c.get("/goi-y/commune?q=xop").status_code == 404  # no province chosen yet
        start(c, "Quảng Ngãi", "Xã Xốp")
        for typed in ("xop", "XOP", "xốp", "Xã Xốp"):
            found = c.get("/goi-y/commune", params={"q": typed}).json()
            assert found == [{"value": "Xã Xốp", "note": "mã 23356"}], typed
        assert c.get("/goi-y/kind?q=x").status_code == 404  # not a type-to-filter question


def test_the_form_walks_the_questions_and_shows_their_messages(web_server):
    """Each page is the next question of nqgen.questions; a refused answer shows the
    questions' own Vietnamese message beside the field, and nothing is stored."""
    with client(web_server.url) as c:
        token = start(c)
        page = c.get("/soan").text
        assert 'name="cau" value="kind"' in page and Q.BY_ID["kind"].message_for({}) in page
        r = c.post("/soan", data={"csrf": token, "cau": "province", "gia-tri": "zzz"})
        assert r.status_code == 422
        assert error_beside_field(r.text) == str(_refusal("province", "zzz", {}))
        r = c.post("/soan", data={"csrf": token, "cau": "province", "gia-tri": ""})
        assert "Mời gõ vài chữ của tên rồi chọn trong danh sách" in r.text
        assert "Xã Xốp" in c.get("/soan?cau=commune").text  # the commune answer was kept
        assert c.get("/soan?cau=focal").url.query == b""  # not reached yet: the next question
        c.post("/soan/lam-lai", data={"csrf": token})  # start again: no answer left
        r = c.post("/soan", data={"csrf": token, "cau": "commune", "gia-tri": "xop"})  # old page
        assert r.status_code == 200 and 'name="cau" value="province"' in r.text


def page_text(page: str) -> list[str]:
    """The texts of a page, one per element, unescaped."""
    return [html.unescape(t).strip() for t in re.split(r"<[^>]+>", page) if t.strip()]


def error_beside_field(page: str) -> str:
    """The text of the message under the question's field (``#loi``), unescaped."""
    m = re.search(r'<p class="loi" role="alert" id="loi">([^<]*)</p>', page)
    assert m, "no message beside the field"
    return html.unescape(m.group(1))


def _refusal(question: str, typed: str, answers: Q.Answers) -> Q.AnswerError:
    with pytest.raises(Q.AnswerError) as caught:
        Q.check(Q.BY_ID[question], typed, answers)
    return caught.value


def test_defaults_make_the_same_profile_as_the_terminal_wizard(web_server):
    with client(web_server.url) as c:
        make(c, start(c))
        saved = c.get("/tai-ve/ho-so")
        assert saved.headers["content-disposition"] == 'attachment; filename="xa-xop-23356.yaml"'
        data = yaml.safe_load(saved.text)
        expected = Q.build_profile(default_answers()).model_dump(mode="json", exclude_none=True)
        assert data == expected


def test_a_list_question_refuses_a_bad_record_beside_its_field(web_server):
    with client(web_server.url) as c:
        token = start(c)
        c.post("/soan", data={"csrf": token, "cau": "kind", "chon": "0"})
        c.post("/soan", data={"csrf": token, "cau": "type", "chon": "0"})  # implementation
        page = c.get("/soan").text
        assert 'name="cau" value="parents"' in page
        count = int(re.search(r'name="so-muc" value="(\d+)"', page).group(1))
        fields = dict(re.findall(r'name="(muc-\d+-[a-z]+)" value="([^"]*)"', page))
        data = {"csrf": token, "cau": "parents", "so-muc": str(count), **{
            k: html.unescape(v) for k, v in fields.items()}}  # fmt: skip
        data |= {f"muc-{i}-goc": str(i) for i in range(count)}
        moved = c.post("/soan", data={**data, "len": "1"}).text  # move the second one up
        firsts = re.findall(r'name="muc-\d+-number" value="([^"]*)"', moved)[:2]
        assert firsts == [fields["muc-1-number"], fields["muc-0-number"]]
        data |= {"moi-kind": "Kế hoạch", "moi-date": "31/02/2026", "moi-issuer": "UBND tỉnh"}
        r = c.post("/soan", data=data)
        assert r.status_code == 422
        assert "Ngày 31/02/2026 không có thật" in r.text
        data["moi-date"] = "15/01/2026"
        data["bo-0"] = "1"  # remove the first document
        assert c.post("/soan", data=data).status_code == 200
        c.post("/soan/mac-dinh", data={"csrf": token})
        review = c.get("/soan/xem-lai").text
        assert f"{count} văn bản" in review  # one removed, one added
        assert "Nghị quyết số 57-NQ/TW" not in review.split("Văn bản căn cứ")[1].split("</tr>")[0]


def test_review_reports_a_plan_that_cannot_be_made(web_server):
    """A plan dated before a document it implements: the review says why (the questions'
    plan_problem), and no plan is offered."""
    with client(web_server.url) as c:
        token = start(c)
        c.post("/soan/mac-dinh", data={"csrf": token})
        r = c.post("/soan", data={"csrf": token, "cau": "ubnd.date", "gia-tri": "10/01/2025",
                                  "ve": "xem-lai"})  # fmt: skip
        assert r.url.path == "/soan/xem-lai"
        answers = default_answers() | {"ubnd.date": {"day": 10, "month": 1, "year": 2025}}
        problem = Q.plan_problem(answers)
        assert problem is not None and problem[0] is Q.BY_ID["ubnd.date"]
        r = c.post("/soan/tao", data={"csrf": token})
        assert r.url.path == "/soan/xem-lai"
        shown = html.unescape(re.search(r'id="loi-ke-hoach">([^<]*)<', r.text).group(1))
        assert shown == f"Chưa tạo được kế hoạch: {problem[1]}"
        assert c.get("/tai-ve/kh-ubnd.docx").status_code == 404


def test_plan_page_previews_the_plan_and_offers_its_files(web_server):
    with client(web_server.url) as c:
        page = make(c, start(c)).text
        profile = Q.build_profile(default_answers())
        from nqgen import api
        from nqgen.render import context

        plan = api.compose_profile(profile, "kh-ubnd")[0]
        ctx = context(plan)
        lines = page_text(page)
        for text in (ctx["title"], ctx["summary"], ctx["number_line"], "Phụ lục I", "Phụ lục II"):
            assert str(text) in lines
        for block in plan.body:
            assert block.text in lines
        rows = re.findall(r"<tr><td>([^<]*)</td><td>", page.split("Phụ lục II")[-1])
        assert rows == [r.number for r in plan.task_rows()]
        docx = c.get("/tai-ve/kh-ubnd.docx")
        assert docx.headers["content-disposition"] == 'attachment; filename="xa-xop-23356.docx"'
        assert check_docx(docx.content).findings == []
        assert 'href="/tai-ve/kh-ubnd.pdf"' in page  # LibreOffice is installed here
        pdf = c.get("/tai-ve/kh-ubnd.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        # the tracking register (sổ theo dõi, issue 14) of the same plan
        assert 'href="/tai-ve/kh-ubnd.xlsx"' in page
        xlsx = c.get("/tai-ve/kh-ubnd.xlsx")
        assert xlsx.headers["content-disposition"] == (
            'attachment; filename="xa-xop-23356-theo-doi.xlsx"'
        )
        ws = load_workbook(io.BytesIO(xlsx.content))["Nhiệm vụ"]
        tasks = [ws.cell(r, 3).value for r in range(HEADER_ROW + 1, ws.max_row + 1)
                 if ws.cell(r, 3).value]
        assert tasks == [r.content for r in plan.task_rows()]


def test_without_libreoffice_the_page_says_so_and_offers_no_pdf():
    with serving(env={"PATH": "/nonexistent"}) as server, client(server.url) as c:
        page = make(c, start(c)).text
        assert 'id="khong-pdf"' in page and "chưa cài LibreOffice" in page
        assert "/tai-ve/kh-ubnd.pdf" not in page
        assert c.get("/tai-ve/kh-ubnd.pdf").status_code == 404


def test_a_saved_profile_resumes_the_same_answers(web_server):
    with client(web_server.url) as first, client(web_server.url) as second:
        token = start(first)
        first.post("/soan", data={"csrf": token, "cau": "kind", "chon": "2"})
        first.post("/soan/mac-dinh", data={"csrf": token})
        first.post("/soan", data={"csrf": token, "cau": "ubnd.signer_name",
                                  "gia-tri": "Lê Hải Lâm", "ve": "xem-lai"})  # fmt: skip
        first.post("/soan", data={"csrf": token, "cau": "party.number", "gia-tri": "4",
                                  "ve": "xem-lai"})  # fmt: skip
        make(first, token)
        saved = first.get("/tai-ve/ho-so").text
        other = csrf_of(second.get("/").text)
        r = upload_profile(second, other, saved, "xa-xop-23356.yaml")
        assert r.url.path == "/soan/xem-lai"
        assert "Lê Hải Lâm" in r.text and "không được giữ" not in r.text
        second.post("/soan/tao", data={"csrf": other})
        assert second.get("/tai-ve/ho-so").text == saved
        assert second.get("/tai-ve/kh-du.docx").status_code == 200  # both plans again


def test_a_hand_written_profile_says_what_is_not_kept(web_server):
    xop = Path(__file__).resolve().parent.parent / "profiles" / "xop.yaml"
    with client(web_server.url) as c:
        r = upload_profile(c, csrf_of(c.get("/").text), xop.read_text(encoding="utf-8"))
        assert r.url.path == "/soan/xem-lai"
        notice = re.search(r'id="ghi-chu-ho-so">([^<]*)<', r.text).group(1)
        assert "không được giữ" in notice and "targets" in notice and "include" in notice


#: Nine lists of nine aliases of the list before: 9**9 values once expanded, from 400 bytes.
ALIAS_BOMB = "x0: &x0 [a, a, a, a, a, a, a, a, a]\n" + "".join(
    f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * 9)}]\n" for i in range(1, 9)
)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("unit: {name: Xốp, province: Quảng Ngãi}\nubnd: {date: 31/02/2026}\n", "ubnd.date"),
        ("a: [\n", "cú pháp YAML không hợp lệ"),
        (ALIAS_BOMB, "quá nhiều giá trị"),
    ],
    ids=["bad-date", "bad-yaml", "alias-bomb"],
)
def test_a_bad_profile_is_refused_naming_the_uploaded_file(web_server, text, reason):
    with client(web_server.url) as c:
        started = time.monotonic()
        r = upload_profile(c, csrf_of(c.get("/").text), text, "../../ho-so-cua-toi.yaml")
        assert r.status_code == 422
        message = html.unescape(re.search(r'id="loi-ho-so">([^<]*)<', r.text).group(1))
        assert "ho-so-cua-toi.yaml" in message and reason in message
        assert "/tmp" not in message and "nqgen-serve" not in message  # no server path
        assert time.monotonic() - started < 30  # not the minutes an expanded alias bomb takes


# --------------------------------------------------------------------------- the checker


@pytest.mark.skipif(not REAL, reason="../shared/real-documents is not here")
def test_checker_page_groups_the_findings_of_a_real_document(web_server):
    path = REAL[0]
    report = check_docx(path)
    assert report.findings, "the first real document has findings to show"
    with client(web_server.url) as c:
        r = docx_upload(c, csrf_of(c.get("/kiem-tra").text), path.read_bytes(), path.name)
        assert f"<b>{len(report.errors)} lỗi, {len(report.warnings)} cảnh báo</b>" in r.text
        groups = re.findall(r'<details class="nhom-loi (error|warning)"', r.text)
        expected = {(f.severity, f.rule, f.message) for f in report.findings}
        assert len(groups) == len(expected)
        for f in report.findings:
            assert html.escape(f.location.describe(), quote=False) in r.text
        fixed = c.get("/kiem-tra/ban-sua")
        assert fixed.status_code == 200
        stem = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
        assert fixed.headers["content-disposition"] == f'attachment; filename="{stem}-da-sua.docx"'
        assert len(check_docx(fixed.content).findings) < len(report.findings)


# --------------------------------------------------------------------------- safety (acceptance 2)


def test_an_oversized_upload_is_refused_before_it_is_read(web_server):
    with client(web_server.url) as c:
        token = csrf_of(c.get("/kiem-tra").text)
        r = docx_upload(c, token, secrets.token_bytes(11 * 1024 * 1024), "lon.docx")
        assert r.status_code == 413 and "vượt giới hạn 10 MB" in r.text

        def chunks():  # no Content-Length: counted while it streams
            part = '--b\r\nContent-Disposition: form-data; name="{}"{}\r\n\r\n'
            yield (part.format("csrf", "") + token + "\r\n").encode()
            yield part.format("van-ban", '; filename="a.docx"').encode()
            for _ in range(12):
                yield bytes(1024 * 1024)
            yield b"\r\n--b--\r\n"

        r = c.post("/kiem-tra", content=chunks(),
                   headers={"content-type": "multipart/form-data; boundary=b"})  # fmt: skip
        assert r.status_code == 413
        assert c.get("/").status_code == 200  # the server goes on


def zip_bomb() -> bytes:
    """A 'DOCX' whose main part expands 50 MB of zeros from a few dozen KB (made here, never
    committed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", bytes(50 * 1024 * 1024))
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_expanded(web_server):
    bomb = zip_bomb()
    assert len(bomb) < 200 * 1024
    with client(web_server.url) as c:
        r = docx_upload(c, csrf_of(c.get("/kiem-tra").text), bomb, "bom.docx")
        assert r.status_code == 200
        message = error_beside_field(r.text)
        assert "bị từ chối" in message and "tệp nén độc hại" in message
        assert "/kiem-tra/ban-sua" not in r.text
        assert c.get("/kiem-tra/ban-sua").status_code == 404


@pytest.mark.skipif(not REAL, reason="../shared/real-documents is not here")
def test_file_names_from_a_request_never_reach_the_file_system(web_server):
    path = REAL[0]
    bait = Path("/tmp") / f"nqgen-traversal-{secrets.token_hex(4)}.docx"
    names = [f"../../../../..{bait}", "..\\..\\..\\windows\\win.ini.docx",
             '<img src=x onerror="alert(1)">.docx']  # fmt: skip
    with client(web_server.url) as c:
        token = csrf_of(c.get("/kiem-tra").text)
        for name in names:
            r = docx_upload(c, token, path.read_bytes(), name)
            assert r.status_code == 200 and "lỗi" in r.text
            assert "<img src=x" not in r.text
            disposition = c.get("/kiem-tra/ban-sua").headers["content-disposition"]
            assert re.fullmatch(r'attachment; filename="[a-z0-9-]+-da-sua\.docx"', disposition)
        assert not bait.exists()
        for url in ("/tai-ve/..%2F..%2F..%2Fetc%2Fpasswd", "/tai-ve/../../etc/passwd",
                    "/tep/..%2F..%2F..%2F..%2Fetc%2Fpasswd", "/tep/../app.py",
                    "/soan?cau=../../etc/passwd"):  # fmt: skip
            r = c.get(url)
            assert "root:" not in r.text and "import" not in r.text
            assert r.status_code in (200, 404)


def script_profile() -> str:
    """A profile with script text in every field a visitor can type (both plans, local facts,
    every body, a parent document), as the web app would save it."""
    answers = default_answers() | {"kind": "both", "local": True}
    Q.fill_defaults(answers)
    parent = {"kind": SCRIPT, "number": SCRIPT, "issuer": SCRIPT, "summary": SCRIPT}
    answers["parents"] = [*answers["parents"], Q.check_item(Q.BY_ID["parents"], parent, {})]
    roles = [c.value for c in Q.BY_ID["bodies"].choices_for(answers)]
    answers["bodies"] = {r: f"{SCRIPT} {i}" for i, r in enumerate(roles)}
    for key in ("village_term", "ubnd.signer_name", "party.signer_name"):
        answers[key] = SCRIPT
    for key in ("local.villages", "local.products", "local.tourism", "local.platforms"):
        answers[key] = [SCRIPT]
    profile = Q.build_profile(answers)
    return yaml.safe_dump(profile.model_dump(mode="json", exclude_none=True), allow_unicode=True)


def test_script_text_in_every_profile_field_shows_as_text_on_every_page(web_server):
    with client(web_server.url) as c:
        token = csrf_of(c.get("/").text)
        r = upload_profile(c, token, script_profile(), f"{SCRIPT}.yaml")
        assert r.url.path == "/soan/xem-lai", r.text
        pages = {"/soan/xem-lai": r}
        answers = Q.answers_from_profile(load_profile_text(script_profile()))
        for q in Q.active(answers):
            pages[f"/soan?cau={q.id}"] = c.get("/soan", params={"cau": q.id})
        pages["/ke-hoach"] = c.post("/soan/tao", data={"csrf": token})
        assert pages["/ke-hoach"].url.path == "/ke-hoach"
        escaped = html.escape(SCRIPT, quote=False)
        shown = 0
        for where, page in pages.items():
            assert page.status_code == 200, where
            assert "<script>alert" not in page.text, where
            assert "content-security-policy" in page.headers
            shown += escaped in page.text or html.escape(SCRIPT) in page.text
        assert shown == len(pages)  # every page shows the text, escaped
        plan = pages["/ke-hoach"].text
        assert plan.count("&lt;script&gt;alert(1)&lt;/script&gt; ") >= 3  # bodies in the tables
        assert (
            "default-src 'self'; script-src 'self'"
            in pages["/ke-hoach"].headers["content-security-policy"]
        )  # an inline script could not run even if one got through


def load_profile_text(text: str):  # type: ignore[no-untyped-def]
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.yaml"
        path.write_text(text, encoding="utf-8")
        return load_profile(path)


@pytest.mark.skipif(not REAL, reason="../shared/real-documents is not here")
def test_a_visitor_cannot_reach_another_visitors_files(web_server):
    with client(web_server.url) as owner, client(web_server.url) as other:
        token = start(owner)
        make(owner, token)
        docx_upload(owner, token, REAL[0].read_bytes(), REAL[0].name)
        assert owner.get("/tai-ve/kh-ubnd.docx").status_code == 200
        assert owner.get("/kiem-tra/ban-sua").status_code == 200
        for url in ("/tai-ve/kh-ubnd.docx", "/tai-ve/ho-so", "/kiem-tra/ban-sua", "/ke-hoach"):
            r = other.get(url)
            assert "Xốp" not in r.text and r.headers["content-type"].startswith("text/html")
        raw, mac = owner.cookies[COOKIE].split(".")
        forged_token = f"{raw[::-1]}.{mac}"  # well formed, not signed by this server
        forged = httpx.Client(base_url=web_server.url, cookies={COOKIE: forged_token})
        r = forged.get("/tai-ve/kh-ubnd.docx")
        assert r.status_code == 404
        assert r.cookies.get(COOKIE) not in (None, forged_token)  # a fresh token instead
        # a form of another visitor's page (their CSRF token) is refused
        mine = csrf_of(other.get("/soan").text)
        r = other.post("/soan", data={"csrf": token, "cau": "province", "gia-tri": "Huế"})
        assert r.status_code == 403 and "Phiên làm việc đã hết hạn" in r.text
        r = other.post("/soan", data={"cau": "province", "gia-tri": "Huế"})
        assert r.status_code == 403
        assert other.post("/soan", data={"csrf": mine, "cau": "province",
                                         "gia-tri": "Huế"}).status_code == 200  # fmt: skip


def test_unused_folders_are_removed_after_the_set_time(tmp_path):
    visitors = Visitors(tmp_path / "root", keep_seconds=60)
    old, fresh = visitors.find_or_create(None), visitors.find_or_create(None)
    assert not old.folder.exists()  # made on the first write only
    old.write("fixed", b"x")
    fresh.save({"answers": {"province": "Huế"}})
    assert oct(old.folder.stat().st_mode & 0o777) == "0o700"
    assert visitors.sweep(now=time.time() + 30) == 0
    later = time.time() + 61
    visitors.find(fresh.token)  # used again: kept alive
    os.utime(fresh.folder, (later, later))
    assert visitors.sweep(now=later) == 1
    assert not old.folder.exists() and visitors.find(old.token).load() == {}
    assert visitors.find(fresh.token).load() == {"answers": {"province": "Huế"}}
    visitors.close()
    assert not (tmp_path / "root").exists()


def test_only_tokens_this_server_gave_are_taken(tmp_path):
    visitors, other = Visitors(tmp_path / "a"), Visitors(tmp_path / "b")
    mine = visitors.find_or_create(None)
    again = visitors.find(mine.token)
    assert again is not None and (again.folder, again.csrf) == (mine.folder, mine.csrf)
    assert other.find(mine.token) is None  # another server (or this one after a restart)
    raw, mac = mine.token.split(".")
    assert visitors.find(f"{raw[:-1]}{'A' if raw[-1] != 'A' else 'B'}.{mac}") is None
    assert visitors.find("../../etc/passwd") is None and visitors.find(None) is None
    assert visitors.find_or_create("A" * 55).token != "A" * 55


def test_every_page_forbids_inline_scripts_and_framing(web_server):
    with client(web_server.url) as c:
        for url in ("/", "/soan", "/kiem-tra", "/khong-co", "/tep/style.css"):
            headers = c.get(url).headers
            assert "script-src 'self'" in headers["content-security-policy"], url
            assert headers["x-content-type-options"] == "nosniff"
        assert "Không có trang này" in c.get("/khong-co").text


# --------------------------------------------------------------------------- the command


def test_listening_beyond_this_machine_prints_a_warning():
    with serving("--host", "0.0.0.0") as server:
        pass
    warning = "".join(server.stderr)
    assert "Cảnh báo: nqgen đang nhận kết nối từ các máy khác" in warning
    assert "proxy" in warning and "README" in warning
    with serving() as local:
        pass
    assert "Cảnh báo" not in "".join(local.stderr)


def test_a_port_in_use_is_told_in_vietnamese(web_server):
    port = httpx.URL(web_server.url).port
    done = subprocess.run([NQGEN, "serve", "--port", str(port)], capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2
    assert f"Cổng {port} đang được một chương trình khác dùng" in done.stderr
    assert "Traceback" not in done.stderr and "ERROR" not in done.stderr


def test_ctrl_c_stops_the_server_and_removes_the_visitors_files(tmp_path):
    with serving(env={"TMPDIR": str(tmp_path)}) as server, client(server.url) as c:
        make(c, start(c))
        c.get("/tai-ve/kh-ubnd.pdf")  # a file in the visitor's folder
        (root,) = tmp_path.glob("nqgen-serve-*")
        assert [p.name for p in root.glob("*/*.pdf")] == ["kh-ubnd.pdf"]
        assert oct(root.stat().st_mode & 0o777) == "0o700"
    assert "Đã dừng nqgen serve" in server.stop()
    assert server.proc.returncode == 0
    assert not root.exists()


def test_a_long_list_is_filtered_on_the_server_a_short_one_in_a_datalist():
    answers = default_answers()
    assert F.lookup(Q.BY_ID["commune"], answers)
    assert not F.lookup(Q.BY_ID["village_term"], answers)
    assert F.field(Q.BY_ID["village_term"], answers).suggestions[0] == "thôn"
