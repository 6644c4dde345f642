"""List pages in a real browser: HTMX filtering without a reload, record links, CSV export."""

import csv
import io
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from .helpers import organisation

pytestmark = pytest.mark.browser


@pytest.fixture
def organisations(site):
    return [
        organisation("South China University of Technology", "华南理工大学", acronyms=["SCUT"], city="Guangzhou"),
        organisation("Sun Yat-sen University", "中山大学", acronyms=["SYSU"], city="Guangzhou"),
        organisation("Guangzhou Automobile Group", "广州汽车集团", kind="company", city="Guangzhou"),
    ]


def rows(page):
    return page.locator("#results tbody tr")


def test_search_filters_the_list_without_a_reload(editor_page, organisations):
    page = editor_page
    page.goto("/organisations/")
    expect(rows(page)).to_have_count(3)
    expect(page.locator("#results .count")).to_have_text("3 records")
    page.evaluate("window.notReloaded = true")  # gone if the browser loads a new document

    with page.expect_response(re.compile(r"/organisations/\?.*q=")) as response:
        page.locator(".filters input[name=q]").fill("中山")
    assert response.value.request.headers.get("hx-request") == "true"
    expect(page).to_have_url(re.compile(r"/organisations/\?(.*&)?q=%E4%B8%AD%E5%B1%B1"))
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first.get_by_role("link", name="Sun Yat-sen University")).to_be_visible()
    expect(page.locator("#results .count")).to_have_text("1 record")

    # An acronym finds its organisation too.
    page.locator(".filters input[name=q]").fill("scut")
    expect(page).to_have_url(re.compile(r"q=scut"))
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("South China University of Technology")

    # Another filter refreshes the results as soon as it changes.
    page.locator(".filters input[name=q]").fill("")
    expect(rows(page)).to_have_count(3)
    page.locator("#id_kind").select_option("company")
    expect(page).to_have_url(re.compile(r"kind=company"))
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("Guangzhou Automobile Group")

    assert page.evaluate("window.notReloaded") is True


def test_record_link_in_a_list_opens_the_record(editor_page, organisations):
    page = editor_page
    page.goto("/organisations/?q=SYSU")
    rows(page).get_by_role("link", name="Sun Yat-sen University").click()
    expect(page).to_have_url(re.compile(rf"/organisations/{organisations[1].pk}/$"))
    expect(page.locator("h1"), "a record link in a list table must open the record").to_have_text(
        "Sun Yat-sen University"
    )
    expect(page.locator("#people")).to_be_visible()


def test_csv_export_downloads_what_the_list_shows(editor_page, organisations):
    page = editor_page
    page.goto("/organisations/")
    page.locator(".filters input[name=q]").fill("中山")
    expect(rows(page)).to_have_count(1)

    with page.expect_download() as download_info:
        page.locator("#results .exports").get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename == f"organisations-{date.today().isoformat()}.csv"
    content = download.path().read_bytes().decode("utf-8")
    assert content.startswith("\ufeff"), "Excel needs the BOM to read UTF-8"
    table = list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))
    assert len(table) == 2, table
    header, row = table
    assert "中山大学" in row and "Sun Yat-sen University" in row
    assert not any("华南理工大学" in cell for cell in content.splitlines())
    assert len(header) == len(row)
