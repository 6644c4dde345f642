"""A record's history in a real browser: the latest changes, then "Older changes" appends the next ones."""

import re

import pytest
from playwright.sync_api import expect

from partnerships.core.queries import HISTORY_PAGE

from .helpers import organisation

pytestmark = pytest.mark.browser


@pytest.fixture
def edited(site):
    """An organisation edited 25 times: 26 changes, three pages of history."""
    org = organisation("Guangzhou Medical University", "广州医科大学", city="Guangzhou")
    for n in range(1, 26):
        org.description = f"Edit number {n}"
        org.save()
    return org


def test_older_changes_are_appended_without_a_reload(editor_page, edited):
    page = editor_page
    page.goto(f"/organisations/{edited.pk}/")
    rows = page.locator("#history-rows tr[data-change]")
    expect(rows).to_have_count(HISTORY_PAGE)
    expect(rows.first).to_contain_text("Edit number 25")
    page.evaluate("window.notReloaded = true")  # gone if the browser loads a new document

    with page.expect_response(re.compile(r"/history/organisations\.organisation/\d+/\?before=\d+")) as response:
        page.get_by_role("link", name="Older changes").click()
    assert response.value.request.headers.get("hx-request") == "true"

    expect(rows).to_have_count(2 * HISTORY_PAGE)
    expect(rows.first).to_contain_text("Edit number 25")  # the newest stay where they were
    expect(rows.nth(HISTORY_PAGE)).to_contain_text("Edit number 15")  # the next ones follow them
    expect(page).to_have_url(re.compile(rf"/organisations/{edited.pk}/$"))

    page.get_by_role("link", name="Older changes").click()
    expect(rows).to_have_count(26)
    expect(rows.last).to_contain_text("created organisation: Guangzhou Medical University")
    expect(page.get_by_role("link", name="Older changes")).to_have_count(0)
    assert page.evaluate("window.notReloaded") is True
