"""Start creating "Sun Yat Sen Univ." and be offered the existing record (issue 4's "done when")."""

import re

import pytest
from playwright.sync_api import expect

from partnerships.organisations.models import Organisation
from partnerships.search.index import clear_index

from .helpers import organisation, registry_entry

pytestmark = pytest.mark.browser


@pytest.fixture
def sysu(site):
    registry_entry("0064kty71", "Sun Yat-sen University", "中山大学", acronyms=["SYSU"], city="Guangzhou")
    # The index is cached per process; start from this test's records, not another test's.
    clear_index()
    return organisation("Sun Yat-sen University", "中山大学", acronyms=["SYSU"], ror_id="0064kty71", city="Guangzhou")


def test_typing_a_known_name_offers_the_existing_record(editor_page, sysu):
    page = editor_page
    page.goto("/organisations/add/")
    box = page.locator("#suggestions-id_name_en")
    expect(box).to_be_empty()

    page.locator("#id_name_en").press_sequentially("Sun Yat Sen Univ.", delay=20)
    suggestion = box.get_by_role("link", name="Sun Yat-sen University")
    expect(suggestion).to_be_visible()
    expect(box).to_contain_text("existing organisation")

    suggestion.click()
    expect(page).to_have_url(re.compile(rf"/organisations/{sysu.pk}/$"))
    expect(page.locator("h1")).to_have_text("Sun Yat-sen University")


def test_saving_a_duplicate_asks_first(editor_page, sysu):
    page = editor_page
    page.goto("/organisations/add/")
    page.locator("#id_name_en").fill("Sun Yat Sen University")
    page.get_by_role("button", name="Save").click()

    warning = page.locator(".errorlist-box")
    expect(warning).to_contain_text("An organisation with this name may already exist")
    expect(warning.get_by_role("link", name="Sun Yat-sen University")).to_have_attribute(
        "href", f"/organisations/{sysu.pk}/"
    )
    page.locator("#id_confirm_new").check()
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/organisations/\d+/$"))
    assert Organisation.objects.filter(name_en="Sun Yat Sen University").exists()
