"""Choosing organisations and people by typing part of a name, in a real browser.

The pages send only the chosen records; the choice lists ask /autocomplete/ for the rest as the
user types, in English, Chinese or an acronym, as the list pages' search box does.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from partnerships.core.models import College
from partnerships.organisations.models import Person
from partnerships.relationships.models import Interaction

from .helpers import choose, organisation

pytestmark = pytest.mark.browser


@pytest.fixture
def register(site):
    sysu = organisation("Sun Yat-sen University", "中山大学", acronyms=["SYSU"], city="Guangzhou")
    scut = organisation("South China University of Technology", "华南理工大学", acronyms=["SCUT"], city="Guangzhou")
    gac = organisation("Guangzhou Automobile Group", "广州汽车集团", kind="company", city="Guangzhou")
    wang = Person.objects.create(family_name="Wang", given_name="Xiaoming", name_zh="王小明", family_name_first=True)
    staff = Person.objects.create(
        family_name="Pemberton", given_name="Sarah", kind="staff", college=College.objects.first()
    )
    # A partner contact the follow-up owner's list must leave out, whatever is typed.
    Person.objects.create(family_name="Pemberton", given_name="Chen")
    for title, partner in (("Visit to SYSU", sysu), ("Visit to SCUT", scut), ("Factory tour", gac)):
        Interaction.objects.create(title=title, date=datetime.date(2026, 4, 1)).organisations.set([partner])
    return {"sysu": sysu, "scut": scut, "wang": wang, "staff": staff}


def rows(page):
    return page.locator("#results tbody tr")


def test_filter_the_interaction_list_by_an_organisation_found_by_typing(editor_page, register):
    page = editor_page
    sysu = register["sysu"]
    page.goto("/interactions/")
    expect(rows(page)).to_have_count(3)
    # The page lists no organisation: only the empty choice until one is picked.
    expect(page.locator("#id_organisation option")).to_have_count(1)
    page.evaluate("window.notReloaded = true")  # gone if the browser loads a new document

    with page.expect_response(re.compile(r"/autocomplete/organisations\.organisation/\?(.*&)?q=%E4%B8%AD")) as found:
        page.locator("#id_organisation-ts-control").fill("中山")
    assert found.value.json()["results"] == [{"value": sysu.pk, "text": "Sun Yat-sen University"}]
    dropdown = page.locator("#id_organisation-ts-dropdown")
    expect(dropdown.get_by_role("option")).to_have_text(["Sun Yat-sen University"])
    dropdown.get_by_role("option", name="Sun Yat-sen University").click()

    # Picking fires the select's change: the HTMX filter form refreshes the results in place.
    expect(page).to_have_url(re.compile(rf"/interactions/\?(.*&)?organisation={sysu.pk}(&|$)"))
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("Visit to SYSU")
    expect(page.locator("#id_organisation")).to_have_value(str(sysu.pk))

    # An acronym finds an organisation too; clearing the choice shows every interaction again.
    page.locator("#id_organisation + .ts-wrapper .clear-button").click()
    expect(rows(page)).to_have_count(3)
    expect(page).not_to_have_url(re.compile(r"organisation=\d"))
    choose(page, "id_organisation", "scut", "South China University of Technology")
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("Visit to SCUT")
    assert page.evaluate("window.notReloaded") is True

    # The address keeps the filter: opening it anew shows the chosen organisation by name.
    page.reload()
    expect(page.locator("#id_organisation + .ts-wrapper .item")).to_have_text("South China University of Technology")
    expect(rows(page)).to_have_count(1)


def test_log_an_interaction_choosing_organisations_and_people_by_typing(editor_page, register):
    page = editor_page
    sysu, scut, wang, staff = register["sysu"], register["scut"], register["wang"], register["staff"]
    page.goto("/interactions/add/")
    page.locator("#id_kind").select_option(label="Visit (incoming)")
    page.locator("#id_date").fill("2026-05-01")

    choose(page, "id_organisations", "SYSU", "Sun Yat-sen University")  # an acronym
    choose(page, "id_organisations", "华南", "South China University of Technology")  # the Chinese name
    choose(page, "id_people", "王", "WANG Xiaoming")
    page.locator("#id_follow_up_date").fill("2026-06-01")
    # The follow-up owner is home staff: a partner contact is not offered, however it is typed.
    page.locator("#id_follow_up_owner-ts-control").fill("pember")  # words are found by their beginnings
    owners = page.locator("#id_follow_up_owner-ts-dropdown")
    expect(owners.get_by_role("option")).to_have_text(["Sarah Pemberton"])
    owners.get_by_role("option", name="Sarah Pemberton").click()

    # Saved without a title: refused, and every choice is still there to save again.
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#field-title .error")).to_be_visible()
    expect(page.locator("#id_organisations + .ts-wrapper .item")).to_have_text(
        [re.compile("South China University of Technology"), re.compile("Sun Yat-sen University")]
    )
    expect(page.locator("#id_people + .ts-wrapper .item")).to_contain_text("WANG Xiaoming")
    expect(page.locator("#id_follow_up_owner + .ts-wrapper .item")).to_have_text("Sarah Pemberton")

    page.locator("#id_title").fill("Delegation from two Guangzhou universities")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/interactions/\d+/$"))
    interaction = Interaction.objects.get(title="Delegation from two Guangzhou universities")
    assert set(interaction.organisations.all()) == {sysu, scut}
    assert list(interaction.people.all()) == [wang]
    assert interaction.follow_up_owner == staff
