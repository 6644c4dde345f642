"""The agreements issue's acceptance story, in a real browser.

As an editor: draft an MoU with a Guangzhou partner, add a party and a signatory per side, move it
through to active with the lifecycle buttons, upload a document, renew it, and see the chain on the
successor's page. Then the refusals: a forbidden move is not offered (and a forged one is refused
with a message), and a "PDF" that is really text is refused on the page.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from partnerships.agreements.demo import demo_pdf
from partnerships.agreements.models import Agreement, AgreementKind, Document, Signatory
from partnerships.core.models import College, TimelineEvent
from partnerships.organisations.models import Affiliation, Person

from .helpers import choose, organisation

pytestmark = pytest.mark.browser

TITLE = "Memorandum of Understanding between the University of Birmingham and Guangzhou University"
TITLE_ZH = "伯明翰大学与广州大学合作备忘录"
LIFECYCLE = ["In negotiation", "Legal review", "Approved", "Signed", "Active"]
# A one-page PDF: the upload check reads the bytes, so it must really be one.
PDF = demo_pdf("Memorandum of Understanding", "University of Birmingham - Guangzhou University")


@pytest.fixture
def sides(site):
    """A Guangzhou partner with a contact, and the home institution with a member of staff."""
    partner = organisation("Guangzhou University", "广州大学", city="Guangzhou", ror_id="05ar8rn06")
    home = organisation("University of Birmingham", "伯明翰大学", country="GB", city="Birmingham")
    contact = Person.objects.create(
        family_name="Guo", given_name="Jing", name_zh="郭静", family_name_first=True, title="Dr", kind="contact"
    )
    staff = Person.objects.create(
        family_name="Pemberton", given_name="Sarah", title="Dr", kind="staff", college=College.objects.first()
    )
    Affiliation.objects.create(person=contact, organisation=partner, role="Associate Professor")
    Affiliation.objects.create(person=staff, organisation=home, role="International Lead")
    return {"partner": (partner, contact), "home": (home, staff)}


def status(page):
    return page.locator("#agreement-status")


def test_draft_an_mou_sign_it_make_it_active_upload_renew_and_see_the_chain(editor_page, sides, tmp_path):
    page = editor_page
    partner, contact = sides["partner"]
    home, staff = sides["home"]
    today = timezone.localdate()
    end = today + datetime.timedelta(days=3 * 365)

    # 1. Draft the MoU.
    page.goto("/agreements/add/")
    page.locator("#id_kind").select_option(label="Memorandum of understanding")
    page.locator("#id_title_en").fill(TITLE)
    page.locator("#id_title_zh").fill(TITLE_ZH)
    choose(page, "id_responsible", "Pemberton", str(staff))
    page.locator("#id_end_date").fill(end.isoformat())
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(r"/agreements/\d+/$"))
    agreement = Agreement.objects.get(title_en=TITLE)
    agreement_url = page.url
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator(".page-head .subtitle")).to_have_text(TITLE_ZH)
    expect(status(page)).to_have_text("Draft")

    # 2. A party per side, each from the "Add a party" button.
    for org, role in ((partner, "Partner"), (home, "Home institution")):
        page.locator("#parties").get_by_role("link", name="Add a party").click()
        expect(page).to_have_url(re.compile(rf"/agreement-parties/add/\?agreement={agreement.pk}$"))
        expect(page.locator("#id_agreement")).to_have_value(str(agreement.pk))
        choose(page, "id_organisation", org.name_en, str(org))
        page.locator("#id_role").select_option(label=role)
        page.get_by_role("button", name="Save").click()
        expect(page).to_have_url(agreement_url)
        expect(page.locator("#parties tbody tr").filter(has_text=org.name_en)).to_contain_text(role)

    # 3. A signatory per side, with the day they signed.
    signed = {
        partner: (contact, "Vice-President", today - datetime.timedelta(days=12)),
        home: (staff, "for the Vice-Chancellor", today - datetime.timedelta(days=5)),
    }
    for org, (person, capacity, signed_on) in signed.items():
        row = page.locator("#parties tbody tr").filter(has_text=org.name_en)
        row.get_by_role("link", name="Add a signatory").click()
        party = agreement.parties.get(organisation=org)
        expect(page.locator("#id_party")).to_have_value(str(party.pk))
        choose(page, "id_person", person.family_name, str(person))
        page.locator("#id_capacity").fill(capacity)
        page.locator("#id_signed_on").fill(signed_on.isoformat())
        page.get_by_role("button", name="Save").click()
        expect(page).to_have_url(agreement_url)
        expect(page.locator("#parties tbody tr").filter(has_text=org.name_en)).to_contain_text(
            f"{capacity} — signed {signed_on:%Y-%m-%d}"
        )
    assert Signatory.objects.filter(party__agreement=agreement, signed_on__isnull=False).count() == 2

    # 4. Through the lifecycle to active, one button at a time.
    for label in LIFECYCLE:
        page.get_by_role("button", name=f"Move to {label}", exact=True).click()
        expect(status(page)).to_have_text(label)
        expect(page.locator(".messages")).to_contain_text(f"The agreement is now {label}.")
    agreement.refresh_from_db()
    assert (agreement.status, agreement.signed_date) == ("active", today - datetime.timedelta(days=5))
    timeline = page.locator("#timeline")
    for kind in ("agreement.signature", "agreement.signed", "agreement.active"):
        expect(timeline).to_contain_text(kind)
    # An active agreement can expire or be terminated; it cannot go back.
    expect(page.get_by_role("button", name="Move to Draft", exact=True)).to_have_count(0)

    # 5. Upload the signed copy.
    pdf = tmp_path / "gzhu-mou-signed.pdf"
    pdf.write_bytes(PDF)
    page.locator("#documents").get_by_role("link", name="Upload a document").click()
    page.locator("#id_title").fill("Signed MoU")
    page.locator("#id_doc_type").select_option(label="Signed copy")
    page.set_input_files("#id_file", str(pdf))
    page.get_by_role("button", name="Upload").click()
    expect(page).to_have_url(agreement_url)
    expect(page.locator(".messages")).to_contain_text("Document uploaded.")
    documents = page.locator("#documents tbody tr")
    expect(documents).to_have_count(1)
    expect(documents.first).to_contain_text("Signed MoU")
    expect(documents.first).to_contain_text("v1")
    expect(documents.first.get_by_role("link", name="gzhu-mou-signed.pdf")).to_be_visible()
    assert agreement.documents.get().content_type == "application/pdf"

    # 6. Renew it.
    page.locator("#lifecycle").get_by_role("link", name="Renew").click()
    expect(page).to_have_url(re.compile(rf"/agreements/{agreement.pk}/renew/$"))
    page.locator("#id_start_date").fill(end.isoformat())
    page.locator("#id_end_date").fill((end + datetime.timedelta(days=5 * 365)).isoformat())
    page.get_by_role("button", name="Draft the renewal").click()

    # 7. The successor's page shows the chain back to its predecessor.
    expect(page).not_to_have_url(agreement_url)
    expect(page).to_have_url(re.compile(r"/agreements/\d+/$"))
    successor = Agreement.objects.get(predecessor=agreement)
    assert page.url.endswith(f"/agreements/{successor.pk}/")
    expect(status(page)).to_have_text("Draft")
    chain = page.locator("#renewal-chain li")
    expect(chain).to_have_count(2)
    expect(chain.first.locator(f'a[href="/agreements/{agreement.pk}/"]')).to_have_text(TITLE)
    expect(chain.first).to_contain_text("Active")  # in force until the renewal becomes active
    expect(chain.last).to_contain_text(TITLE)
    expect(chain.last).to_contain_text("Draft")
    for org in (partner, home):
        expect(page.locator("#parties")).to_contain_text(org.name_en)  # the parties carry over

    # And the predecessor points forward to it, with nothing left to renew.
    page.goto(agreement_url)
    expect(page.locator(f'#renewal-chain a[href="/agreements/{successor.pk}/"]')).to_be_visible()
    expect(page.locator("#lifecycle").get_by_role("link", name="Renew")).to_have_count(0)


def test_a_forbidden_move_is_not_offered_and_a_forged_one_is_refused(editor_page, sides):
    page = editor_page
    agreement = Agreement.objects.create(
        kind=AgreementKind.objects.get(code="mou"), title_en="Draft MoU with Guangzhou University"
    )
    events = TimelineEvent.objects.filter(object_id=str(agreement.pk)).count()

    page.goto(f"/agreements/{agreement.pk}/")
    expect(status(page)).to_have_text("Draft")
    buttons = page.locator("#lifecycle form.transitions button")
    expect(buttons).to_have_text(["Move to In negotiation", "Move to Terminated"])
    expect(page.get_by_role("button", name="Move to Active", exact=True)).to_have_count(0)
    expect(page.locator("#lifecycle").get_by_role("link", name="Renew")).to_have_count(0)

    # A forged request (the button's value changed in the page) gets a clear message and changes nothing.
    page.get_by_role("button", name="Move to In negotiation", exact=True).evaluate("b => b.value = 'active'")
    page.get_by_role("button", name="Move to In negotiation", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("An agreement that is Draft cannot become Active.")
    expect(status(page)).to_have_text("Draft")
    agreement.refresh_from_db()
    assert agreement.status == "draft"
    assert TimelineEvent.objects.filter(object_id=str(agreement.pk)).count() == events


def test_a_pdf_that_is_really_text_is_refused_on_the_page(editor_page, sides, tmp_path):
    page = editor_page
    agreement = Agreement.objects.create(
        kind=AgreementKind.objects.get(code="mou"), title_en="Draft MoU with Guangzhou University"
    )
    fake = tmp_path / "signed-mou.pdf"
    fake.write_text("Not a PDF at all, just text with a .pdf name.\n")

    page.goto(f"/agreements/{agreement.pk}/")
    page.locator("#documents").get_by_role("link", name="Upload a document").click()
    page.locator("#id_title").fill("Signed MoU")
    page.set_input_files("#id_file", str(fake))
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        page.get_by_role("button", name="Upload").click()

    assert response.value.status == 400
    expect(page.locator("#field-file .error")).to_have_text(
        "The file's content is not a PDF file, whatever its name says."
    )
    expect(page.locator("#id_title")).to_have_value("Signed MoU")  # the rest of the form is kept
    assert not Document.objects.filter(agreement=agreement).exists()
