"""Start adding a person who is already recorded and be offered the existing record, in either script."""

import re

import pytest
from playwright.sync_api import expect

from partnerships.organisations.models import Affiliation, Person

from .helpers import organisation

pytestmark = pytest.mark.browser


@pytest.fixture
def wang(site):
    sysu = organisation("Sun Yat-sen University", "中山大学", city="Guangzhou")
    person = Person.objects.create(family_name="Wang", given_name="Xiaoming", name_zh="王小明", family_name_first=True)
    Affiliation.objects.create(person=person, organisation=sysu, role="Professor")
    return person


def test_typing_a_known_name_offers_the_existing_person(editor_page, wang):
    page = editor_page
    page.goto("/people/add/")
    box = page.locator("#person-suggestions")
    expect(box).to_be_empty()

    # Given name first, in the "wrong" fields for a family-name-first person: still the same name.
    page.locator("#id_given_name").press_sequentially("Xiaoming", delay=20)
    page.locator("#id_family_name").press_sequentially("Wang", delay=20)
    suggestion = box.get_by_role("link", name="WANG Xiaoming")
    expect(suggestion).to_be_visible()
    expect(box).to_contain_text("Same name")
    expect(box).to_contain_text("Sun Yat-sen University")

    suggestion.click()
    expect(page).to_have_url(re.compile(rf"/people/{wang.pk}/$"))
    expect(page.locator("h1")).to_have_text("WANG Xiaoming")


def test_the_chinese_name_alone_finds_them(editor_page, wang):
    page = editor_page
    page.goto("/people/add/")
    page.locator("#id_name_zh").press_sequentially("王小明", delay=20)
    box = page.locator("#person-suggestions")
    expect(box.get_by_role("link", name="WANG Xiaoming")).to_have_attribute("href", f"/people/{wang.pk}/")
    expect(box).to_contain_text("Same Chinese name")


def test_saving_a_duplicate_asks_first(editor_page, wang):
    page = editor_page
    page.goto("/people/add/")
    page.locator("#id_family_name").fill("Wang")
    page.locator("#id_given_name").fill("Xiao Ming")
    page.get_by_role("button", name="Save").click()

    warning = page.locator(".errorlist-box")
    expect(warning).to_contain_text("This person may already be recorded")
    expect(warning.get_by_role("link", name="WANG Xiaoming")).to_have_attribute("href", f"/people/{wang.pk}/")
    assert Person.objects.count() == 1

    page.locator("#id_confirm_new").check()
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/people/\d+/$"))
    assert Person.objects.count() == 2
