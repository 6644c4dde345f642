"""A partner not yet in the register: the search finds its ROR registry entry, one click from a centre record."""

import re

import pytest
from playwright.sync_api import expect

from partnerships.organisations.models import Organisation
from partnerships.search.index import clear_index

from .helpers import registry_entry

pytestmark = pytest.mark.browser

SCAU = "South China Agricultural University"
SCAU_ZH = "华南农业大学"


@pytest.fixture
def scau(site):
    entry = registry_entry(
        "05v9jqt67", SCAU, SCAU_ZH, acronyms=["SCAU"], city="Guangzhou", province="Guangdong", established=1909
    )
    # The resolver's index is cached per process (the live server's too); start from this test's records.
    clear_index()
    return entry


def test_a_registry_only_university_is_one_click_from_a_record(editor_page, scau):
    page = editor_page
    page.goto("/")
    page.locator("#global-search").fill(SCAU_ZH)
    page.locator("#global-search").press("Enter")

    # Nothing in the register matches: the registry entry is offered, linked to its page.
    group = page.locator("#search-registry-registryentry")
    expect(group.locator("h2")).to_contain_text("Registry entries")
    expect(group.get_by_role("link", name=SCAU)).to_have_attribute("href", scau.get_absolute_url())
    expect(group).to_contain_text("ROR 05v9jqt67")

    # Typed on the search page, in lower case, the acronym refreshes the results (HTMX) to the same entry.
    page.locator("#search-q").fill("scau")
    expect(page).to_have_url(re.compile(r"/search/\?q=scau$"))
    expect(group.get_by_role("link", name=SCAU)).to_be_visible()
    group.get_by_role("button", name="Create an organisation from this entry").click()

    # The organisation is made from the entry: names, acronym, place and ROR ID filled in.
    expect(page).to_have_url(re.compile(r"/organisations/\d+/$"))
    expect(page.locator("h1")).to_have_text(SCAU)
    expect(page.locator(".subtitle")).to_have_text(SCAU_ZH)
    organisation = Organisation.objects.get(ror_id="05v9jqt67")
    assert (organisation.acronyms, organisation.city, organisation.kind) == (["SCAU"], "Guangzhou", "university")

    # Searched again, the partner is the centre's record, and the registry no longer offers it.
    page.locator("#global-search").fill("SCAU")
    page.locator("#global-search").press("Enter")
    first = page.locator("#search-organisations-organisation .search-hits li a").first
    expect(first).to_have_attribute("href", organisation.get_absolute_url())
    expect(page.locator("#search-registry-registryentry")).to_have_count(0)
