"""``nqgen serve`` in a real headless browser (issue 15, acceptance 1 and 3): Debian's Chromium
through Selenium (tests/web_support.py).

A secretary chooses Quảng Ngãi and Xốp by typing, accepts every default, reads the plan in the
page and downloads the DOCX, which passes the same checks as the CLI's render; a wrong date
shows the Vietnamese message beside its field; a real document uploaded to the checker shows
its findings; a body named ``<script>…`` shows as text. The README's screenshots are taken
here: with ``NQGEN_SCREENSHOTS=1`` they are written to docs/ (otherwise to a temporary
folder, so that a test run does not change the repository).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from docx import Document
from selenium.common.exceptions import (
    NoAlertPresentException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from nqgen import questions as Q
from nqgen.check import check_docx
from nqgen.compose import compose, load_profile
from nqgen.library import load_library
from nqgen.models import DocKind
from tests import test_render_ubnd as ubnd
from tests.web_support import ROOT, SHARED, chromium, wait_for_file

REAL = sorted((SHARED / "real-documents").glob("*.docx"))
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go: docs/ when NQGEN_SCREENSHOTS=1, else a temporary folder."""
    if os.environ.get("NQGEN_SCREENSHOTS") == "1":
        return ROOT / "docs"
    return tmp_path_factory.mktemp("shots")


@pytest.fixture(scope="module")
def browser(downloads):
    driver = chromium(downloads)
    yield driver
    driver.quit()


@pytest.fixture
def page(browser, web_server):
    """A new visitor: no cookie yet."""
    browser.get(web_server.url + "/")
    browser.delete_all_cookies()
    browser.get(web_server.url + "/")
    return browser


def wait(driver, condition, timeout: float = 30):  # type: ignore[no-untyped-def]
    return WebDriverWait(driver, timeout).until(condition)


def follow(driver, by: str, what: str) -> None:  # type: ignore[no-untyped-def]
    """Click a button or a link and wait until the next page has replaced this one."""
    old = driver.find_element(By.TAG_NAME, "main")
    driver.find_element(by, what).click()

    def replaced(driver) -> bool:  # type: ignore[no-untyped-def]
        try:
            old.is_enabled()
        except StaleElementReferenceException:
            pass
        except WebDriverException as exc:  # a node of the page being unloaded
            if "does not belong to the document" not in str(exc):
                raise
        else:
            return False
        ready = driver.execute_script("return document.readyState") == "complete"
        return ready and bool(driver.find_elements(By.TAG_NAME, "main"))

    wait(driver, replaced)


def question_id(driver) -> str:  # type: ignore[no-untyped-def]
    return driver.find_element(By.CSS_SELECTOR, "form#cau input[name=cau]").get_attribute("value")


def type_and_pick(  # type: ignore[no-untyped-def]
    driver, typed: str, expected: str, shot: Path | None = None
) -> None:
    """Type into the type-to-filter field, wait for ``expected`` in the list, pick it."""
    field = driver.find_element(By.ID, "gia-tri")
    field.send_keys(typed)
    option = wait(driver, EC.element_to_be_clickable(
        (By.XPATH, f"//ul[@id='danh-sach']/li[@role='option'][starts-with(normalize-space(.), "
                   f"'{expected}')]")))  # fmt: skip
    if shot is not None:
        driver.save_screenshot(str(shot))
    option.click()
    assert field.get_attribute("value") == expected
    follow(driver, By.ID, "tiep-tuc")


def choose_xop(driver, shot: Path | None = None) -> None:  # type: ignore[no-untyped-def]
    """Type "quang ngai" and "xop", picking each in the filtered list (``shot``: a screenshot
    of the list of communes)."""
    follow(driver, By.ID, "bat-dau")
    assert question_id(driver) == "province"
    type_and_pick(driver, "quang ngai", "Quảng Ngãi")
    assert question_id(driver) == "commune"
    type_and_pick(driver, "xop", "Xã Xốp", shot)


def default_answers() -> Q.Answers:
    answers: Q.Answers = {}
    for q, typed in (("province", "Quảng Ngãi"), ("commune", "Xốp")):
        Q.record(answers, Q.BY_ID[q], Q.check(Q.BY_ID[q], typed, answers))
    Q.fill_defaults(answers)
    return answers


def test_typing_accepting_defaults_preview_and_docx(page, downloads, shots):
    choose_xop(page, shots / "web-chon-xa.png")
    asked = []
    while "/soan/xem-lai" not in page.current_url:
        asked.append(question_id(page))
        follow(page, By.ID, "tiep-tuc")  # the default, as Enter in the terminal
    answers = default_answers()
    assert asked == [q.id for q in Q.active(answers)][2:]  # the same questions, in order
    follow(page, By.ID, "tao")
    preview = wait(page, EC.presence_of_element_located((By.ID, "xem-truoc-kh-ubnd")))
    page.save_screenshot(str(shots / "web-ke-hoach.png"))
    text = preview.text
    for heading in ("KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "Phụ lục I", "Phụ lục II", "Nơi nhận:"):
        assert heading in text
    profile = Q.build_profile(answers)
    plan = compose(profile, load_library(), DocKind.kh_ubnd)
    rows = preview.find_elements(By.CSS_SELECTOR, "section[aria-label='Phụ lục phân công nhiệm "
                                 "vụ'] tbody tr:not(.nhom)")  # fmt: skip
    assert [r.find_element(By.TAG_NAME, "td").text for r in rows] == [
        r.number for r in plan.task_rows()
    ]
    page.find_element(By.ID, "tai-kh-ubnd-docx").click()
    docx = wait_for_file(downloads, "xa-xop-23356.docx")
    page.find_element(By.ID, "tai-ho-so").click()
    saved = load_profile(wait_for_file(downloads, "xa-xop-23356.yaml"))
    assert saved == profile  # the terminal wizard's defaults, exactly
    # the checks of the CLI's render (tests/test_wizard.py)
    assert check_docx(docx).findings == []
    doc = Document(str(docx))
    docs, plans, files = {"w": doc}, {"w": plan}, {"w": docx}
    ubnd.test_sections_paper_orientation_margins(docs, "w")
    ubnd.test_fonts_are_times_new_roman_everywhere(docs, "w")
    ubnd.test_header_block(docs, plans, "w")
    ubnd.test_title_summary_body_format(docs, "w")
    ubnd.test_signature_and_recipients(docs, plans, "w")
    ubnd.test_appendices(docs, plans, "w")
    ubnd.test_no_template_markers_and_clean_text(files, "w")


def test_a_wrong_date_shows_the_message_beside_its_field(page, shots):
    choose_xop(page)
    follow(page, By.ID, "mac-dinh")  # every default, then change the date
    follow(page, By.XPATH, "//tr[th[starts-with(., 'Ngày ban hành')]]//a")
    assert question_id(page) == "ubnd.date"
    field = page.find_element(By.ID, "gia-tri")
    field.clear()
    field.send_keys("31/02/2026")
    follow(page, By.ID, "tiep-tuc")
    message = wait(page, EC.visibility_of_element_located((By.ID, "loi")))
    with pytest.raises(Q.AnswerError) as refused:
        Q.check(Q.BY_ID["ubnd.date"], "31/02/2026", default_answers())
    assert message.text == f"{refused.value}"
    assert message.text.startswith("Ngày 31/02/2026 không có thật")
    # beside its field: right after the box that holds it, which is marked invalid
    box = page.find_element(By.XPATH, "//p[@id='loi']/preceding-sibling::div[1]")
    assert box.find_element(By.ID, "gia-tri").get_attribute("aria-invalid") == "true"
    assert page.find_element(By.ID, "gia-tri").get_attribute("value") == "31/02/2026"
    page.save_screenshot(str(shots / "web-loi-ngay.png"))


@pytest.mark.skipif(not REAL, reason="../shared/real-documents is not here")
def test_a_real_document_shows_its_findings(page, shots):
    path = REAL[0]
    report = check_docx(path)
    follow(page, By.LINK_TEXT, "Kiểm tra thể thức")
    # the file field speaks Vietnamese whatever the browser's language: its own button and
    # note are hidden, a Vietnamese button and note stand beside it and name the chosen file
    field = page.find_element(By.ID, "van-ban")
    assert not field.is_displayed()
    assert page.find_element(By.ID, "van-ban-nut").text == "Chọn tệp…"
    assert page.find_element(By.ID, "van-ban-ten").text == "Chưa chọn tệp nào"
    field.send_keys(str(path))
    assert page.find_element(By.ID, "van-ban-ten").text == path.name
    follow(page, By.ID, "kiem-tra-nut")
    result = wait(page, EC.presence_of_element_located((By.ID, "ket-qua")))
    summary = page.find_element(By.ID, "tom-tat").text
    assert summary.startswith(f"{len(report.errors)} lỗi, {len(report.warnings)} cảnh báo")
    groups = result.find_elements(By.CSS_SELECTOR, "details.nhom-loi")
    assert len(groups) == len({(f.severity, f.rule, f.message) for f in report.findings})
    first = report.findings[0]
    assert first.message in groups[0].text and first.location.describe() in groups[0].text
    assert page.find_element(By.ID, "tai-ban-sua").is_displayed()
    page.save_screenshot(str(shots / "web-kiem-tra.png"))


def test_a_body_named_like_a_script_shows_as_text(page):
    choose_xop(page)
    follow(page, By.ID, "mac-dinh")
    follow(page, By.XPATH, "//tr[th[.='Tên các cơ quan']]//a")
    field = page.find_element(By.CSS_SELECTOR, "input[name='ten-culture_society']")
    field.clear()
    field.send_keys(SCRIPT)
    follow(page, By.ID, "tiep-tuc")
    assert "/soan/xem-lai" in page.current_url
    follow(page, By.ID, "tao")
    preview = wait(page, EC.presence_of_element_located((By.ID, "xem-truoc-kh-ubnd")))
    assert SCRIPT in preview.text  # shown as the text typed
    assert page.find_elements(By.XPATH, "//script[contains(., 'alert')]") == []
    with pytest.raises(NoAlertPresentException):
        page.switch_to.alert.text  # noqa: B018 - no alert was opened
