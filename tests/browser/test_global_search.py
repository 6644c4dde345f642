"""The search box in the top bar finds a partner however it is typed."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import organisation

pytestmark = pytest.mark.browser


@pytest.fixture
def sysu(site):
    organisation("South China University of Technology", "华南理工大学", acronyms=["SCUT"], city="Guangzhou")
    return organisation("Sun Yat-sen University", "中山大学", acronyms=["SYSU"], city="Guangzhou")


@pytest.mark.parametrize("query", ["zhongshan", "中大", "SYSU"])
def test_the_search_box_reaches_sun_yat_sen_university(editor_page, sysu, query):
    """Pinyin, the Chinese abbreviation and the acronym all lead to the same partner."""
    page = editor_page
    page.goto("/")
    page.locator("#global-search").fill(query)
    page.locator("#global-search").press("Enter")
    # The partner is the first organisation hit.
    first = page.locator("#search-results .search-hits").first.locator("li").first.locator("a")
    expect(first).to_have_attribute("href", sysu.get_absolute_url())
    expect(first).to_be_visible()
    first.click()
    expect(page).to_have_url(re.compile(re.escape(sysu.get_absolute_url()) + "$"))
    expect(page.locator("h1")).to_have_text("Sun Yat-sen University")
    expect(page.locator(".subtitle")).to_have_text("中山大学")
