"""The issue's acceptance story, end to end in a real browser.

Log in; make an organisation with a Chinese name from a ROR registry entry; add a person from its
page; log an interaction with that person; see all of it, and its history, on the organisation's
page; switch the UI to Chinese and back; and have a stale edit refused with the conflict message.
"""

import re

import pytest
from playwright.sync_api import expect

from partnerships.organisations.models import Affiliation, Organisation, Person
from partnerships.relationships.models import Interaction

from .conftest import login
from .helpers import choose, registry_entry, scut_entry

pytestmark = pytest.mark.browser

SCUT = "South China University of Technology"
SCUT_ZH = "华南理工大学"
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_login_through_the_form(new_context, editor_user):
    page = new_context().new_page()
    page.goto("/organisations/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/organisations/$"))

    page.locator("#id_username").fill(editor_user.get_username())
    page.locator("#id_password").fill("not the password")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".errorlist-box")).to_be_visible()
    expect(page.locator("nav.main-nav")).to_have_count(0)

    login(page, editor_user.get_username())
    expect(page.locator(".user-tools")).to_contain_text(editor_user.get_username())


def test_register_flow(editor_page):
    page = editor_page
    scut_entry()
    registry_entry("0064kty71", "Sun Yat-sen University", "中山大学", acronyms=["SYSU"], city="Guangzhou")

    # 2. An organisation with a Chinese name, from a registry entry found through the HTMX search.
    page.get_by_role("navigation").get_by_role("link", name="Registry").click()
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Sun Yat-sen University")).to_be_visible()
    page.locator(".filters input[name=q]").fill(SCUT)
    expect(page).to_have_url(re.compile(r"/registry/\?(.*&)?q=South(%20|\+)China"))
    expect(results.get_by_role("link", name="Sun Yat-sen University")).to_have_count(0)
    results.get_by_role("link", name=SCUT).click()

    expect(page.locator("h1"), "a record link in a list table must open the record").to_have_text(SCUT)
    page.get_by_role("button", name="Create an organisation from this entry").click()
    expect(page).to_have_url(re.compile(r"/organisations/\d+/$"))
    organisation = Organisation.objects.get(ror_id="0530pts50")
    org_url = page.url
    expect(page.locator("h1")).to_have_text(SCUT)
    expect(page.locator(".page-head .subtitle")).to_have_text(SCUT_ZH)
    expect(page.locator("dd[lang=zh-Hans]")).to_have_text(SCUT_ZH)

    # 3. A person added from the organisation's page is affiliated to it.
    page.locator("#people").get_by_role("link", name="Add a person").click()
    expect(page).to_have_url(re.compile(rf"/people/add/\?organisation={organisation.pk}$"))
    expect(page.locator("#id_organisation")).to_have_value(str(organisation.pk))
    page.locator("#id_family_name").fill("Li")
    page.locator("#id_given_name").fill("Wei")
    page.locator("#id_name_zh").fill("李伟")
    page.locator("#id_family_name_first").check()
    page.locator("#id_kind").select_option(label="Partner contact")
    page.locator("#id_role").fill("Director, International Office")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(r"/people/\d+/$"))
    expect(page.locator("h1")).to_have_text("LI Wei")
    person = Person.objects.get(family_name="Li", given_name="Wei")
    assert Affiliation.objects.filter(person=person, organisation=organisation).exists()
    page.locator("#affiliations").get_by_role("link", name=SCUT).click()
    expect(page).to_have_url(org_url)
    people = page.locator("#people")
    expect(people.get_by_role("link", name="LI Wei")).to_be_visible()
    expect(people).to_contain_text("Director, International Office")

    # 4. An interaction logged from the organisation's page, with the person picked.
    page.locator("#interactions").get_by_role("link", name="Log an interaction").click()
    expect(page).to_have_url(re.compile(rf"/interactions/add/\?organisations={organisation.pk}$"))
    expect(page.locator("#id_organisations")).to_have_values([str(organisation.pk)])
    page.locator("#id_title").fill("Visit to discuss a joint PhD programme")
    page.locator("#id_date").fill("2026-05-01")
    page.locator("#id_kind").select_option(label="Visit (incoming)")
    choose(page, "id_people", "Li", "LI Wei")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(r"/interactions/\d+/$"))
    interaction = Interaction.objects.get(title="Visit to discuss a joint PhD programme")
    assert list(interaction.organisations.all()) == [organisation]
    assert list(interaction.people.all()) == [person]

    # 5. The organisation's page shows the Chinese name, the person, the interaction and their history.
    page.goto(org_url)
    expect(page.locator(".page-head .subtitle")).to_have_text(SCUT_ZH)
    expect(page.locator("#people").get_by_role("link", name="LI Wei")).to_be_visible()
    interactions = page.locator("#interactions")
    expect(interactions.get_by_role("link", name="Visit to discuss a joint PhD programme")).to_be_visible()
    expect(interactions).to_contain_text("2026-05-01")
    expect(interactions).to_contain_text("Visit (incoming)")
    history = page.locator("#history tbody tr")
    expect(history.filter(has_text=re.compile(rf"created organisation: {SCUT}"))).to_have_count(1)
    expect(history.filter(has_text=re.compile(rf"created affiliation: LI Wei – {SCUT}"))).to_have_count(1)
    expect(
        history.filter(has_text=re.compile(r"created interaction: 2026-05-01 Visit to discuss a joint PhD programme"))
    ).to_have_count(1)
    expect(history.first).to_contain_text("browser-editor")

    # 6. The UI in Chinese, then back in English.
    nav = page.get_by_role("navigation")
    english_nav = nav.get_by_role("link").all_inner_texts()
    page.locator(".user-tools").get_by_role("button", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page).to_have_url(org_url)
    expect(page.locator(".user-tools").get_by_role("button")).to_have_text(["English", re.compile(".+")])
    # Records show their Chinese names in the Chinese UI.
    expect(page.locator("h1")).to_have_text(SCUT_ZH)
    expect(page.locator("#people").get_by_role("link", name="李伟")).to_be_visible()
    # The interface itself is translated (needs the compiled zh-Hans catalogue).
    expect(page.locator("#people h2")).not_to_have_text("People")
    chinese_nav = nav.get_by_role("link").all_inner_texts()
    assert chinese_nav != english_nav, f"the navigation is not translated: {chinese_nav}"
    assert all(CJK.search(label) for label in chinese_nav), f"untranslated navigation labels: {chinese_nav}"

    page.locator(".user-tools").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")
    expect(page.locator("h1")).to_have_text(SCUT)
    expect(page.locator(".user-tools").get_by_role("button", name="中文")).to_be_visible()
    assert nav.get_by_role("link").all_inner_texts() == english_nav


def test_stale_edit_gets_the_conflict_message(new_context, editor_user):
    organisation = Organisation.objects.create(
        name_en=SCUT, name_zh=SCUT_ZH, kind="university", city="Guangzhou", country="CN"
    )
    edit_url = f"/organisations/{organisation.pk}/edit/"

    mine = new_context().new_page()
    login(mine, editor_user.get_username())
    mine.goto(edit_url)
    expect(mine.locator("#id_city")).to_have_value("Guangzhou")

    # Someone else opens the same record, edits and saves first.
    theirs = new_context().new_page()
    login(theirs, editor_user.get_username())
    theirs.goto(edit_url)
    theirs.locator("#id_province").fill("Guangdong")
    theirs.get_by_role("button", name="Save").click()
    expect(theirs.locator(".messages")).to_contain_text(f"Saved {SCUT}")

    # My save, based on the version I loaded, is refused and says why.
    mine.locator("#id_website").fill("https://www.scut.edu.cn")
    with mine.expect_response(lambda r: r.request.method == "POST") as response:
        mine.get_by_role("button", name="Save").click()
    assert response.value.status == 409
    expect(mine.locator(".errorlist-box")).to_contain_text("Someone else changed this record")
    expect(mine.locator("#id_website")).to_have_value("https://www.scut.edu.cn")  # my input is not lost

    organisation.refresh_from_db()
    assert organisation.province == "Guangdong"
    assert organisation.website == ""
    assert organisation.version == 2
