"""The demo agreements `manage.py load_demo` adds: realistic, all demo, one expiring soon, exactly one dormant."""

import datetime
import io
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from partnerships.agreements import demo, queries, reminders
from partnerships.agreements.choices import PartyRole, Status
from partnerships.agreements.documents import PDF, sniff
from partnerships.agreements.models import Agreement, Document, Obligation, Party, Signatory
from partnerships.core.models import ObjectChange, TimelineEvent

PROFILE = Path(__file__).resolve().parents[3] / "profiles" / "birmingham-guangzhou.yaml"
DEMO_MODELS = (Agreement, Party, Signatory, Obligation, Document)
SYSU_MOU = demo.AGREEMENTS[0]["title_en"]
GZHU_MOU = next(spec["title_en"] for spec in demo.AGREEMENTS if spec["key"] == "gzhu-mou")


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_loaded(db):
    call_command("load_profile", str(PROFILE), stdout=io.StringIO())
    return load_demo()


def today() -> datetime.date:
    return timezone.localdate()


def by_key(key: str) -> Agreement:
    spec = next(spec for spec in demo.AGREEMENTS if spec["key"] == key)
    return Agreement.objects.get(title_en=spec["title_en"])


def test_every_agreement_is_created_demo_marked_and_bilingual(demo_loaded):
    assert "Demo agreements created: 9 agreements" in demo_loaded
    assert Agreement.objects.count() == len(demo.AGREEMENTS)
    for model in DEMO_MODELS:
        assert model.objects.exists(), model.__name__
        assert not model.objects.filter(is_demo=False).exists(), model.__name__
    assert not Agreement.objects.filter(title_zh="").exists()
    for agreement in Agreement.objects.all():
        roles = sorted(agreement.parties.values_list("role", flat=True))
        assert roles == [PartyRole.HOME, PartyRole.PARTNER], agreement.title_en
        assert agreement.parties.get(role=PartyRole.HOME).organisation.ror_id == "03angcq70"
        assert agreement.responsible.kind == "staff"
        assert agreement.colleges.exists() and agreement.strands.exists(), agreement.title_en
    statuses = set(Agreement.objects.values_list("status", flat=True))
    assert {Status.DRAFT, Status.NEGOTIATION, Status.LEGAL_REVIEW, Status.APPROVED, Status.ACTIVE} <= statuses


@pytest.mark.one_database
def test_the_hierarchy_mou_framework_specific(demo_loaded):
    specific = by_key("sysu-air-quality")
    framework, mou = specific.ancestors()

    assert (framework, mou) == (by_key("sysu-framework"), by_key("sysu-mou"))
    assert (mou.kind.code, framework.kind.code, specific.kind.code) == ("mou", "framework", "research")
    assert mou.parties.get(role=PartyRole.PARTNER).organisation.ror_id == "0064kty71"


@pytest.mark.one_database
def test_signed_agreements_were_signed_by_both_sides_through_the_lifecycle(demo_loaded):
    for agreement in Agreement.objects.filter(status=Status.ACTIVE):
        signatures = Signatory.objects.filter(party__agreement=agreement)
        assert signatures.filter(party__role=PartyRole.HOME, signed_on__isnull=False).exists()
        assert signatures.filter(party__role=PartyRole.PARTNER, signed_on__isnull=False).exists()
        assert agreement.signed_date == max(signatures.values_list("signed_on", flat=True))
        kinds = set(
            TimelineEvent.objects.filter(
                content_type=ContentType.objects.get_for_model(Agreement), object_id=str(agreement.pk)
            ).values_list("kind", flat=True)
        )
        assert {f"agreement.{s}" for s in demo.PATH} <= kinds, agreement.title_en
    mou = by_key("sysu-mou")
    assert 3 * 365 - 30 < (today() - mou.signed_date).days < 3 * 365 + 30  # signed about three years ago
    # The timeline tells the story at its own dates, oldest first: drafted … active three years ago.
    events = TimelineEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Agreement), object_id=str(mou.pk)
    ).order_by("time", "pk")
    assert events.first().kind == "agreement.draft"
    assert events.get(kind="agreement.active").time.date() == mou.signed_date
    # The others are in negotiation, legal review or draft, and unsigned.
    scut = by_key("scut-joint-programme")
    assert scut.status == Status.LEGAL_REVIEW and scut.signed_date is None
    assert not Signatory.objects.filter(party__agreement=scut, signed_on__isnull=False).exists()
    assert by_key("jnu-studentship").status == Status.DRAFT
    assert by_key("suilan-nda").status == Status.ACTIVE
    assert by_key("suilan-nda").parties.get(role=PartyRole.PARTNER).organisation.kind == "company"


@pytest.mark.one_database
def test_the_specific_agreement_has_obligations_a_pdf_and_interactions(demo_loaded, settings):
    specific = by_key("sysu-air-quality")

    descriptions = list(specific.obligations.values_list("description", flat=True))
    assert any("steering committee" in d.lower() for d in descriptions)
    assert any("annual" in d.lower() and "report" in d.lower() for d in descriptions)
    assert not specific.obligations.filter(owner__isnull=True).exists()
    document = specific.documents.get()
    assert document.content_type == PDF and document.original_name.endswith(".pdf")
    with document.file.open("rb") as stored:
        assert sniff(stored) == PDF
        assert stored.read().rstrip().endswith(b"%%EOF")
    assert specific.interactions.filter(title__contains="air quality").exists()
    # A later version of a document is stored beside the first, not over it.
    drafts = by_key("scut-joint-programme").documents.order_by("version_number")
    assert list(drafts.values_list("version_number", flat=True)) == [1, 2]
    assert drafts[0].file.name != drafts[1].file.name


@pytest.mark.one_database
def test_one_expires_soon_with_its_notice_deadline_close(demo_loaded):
    mou = by_key("sysu-mou")

    assert list(queries.expiring_within(Agreement.objects.all(), 90)) == [mou]
    assert 0 <= mou.days_left <= 90
    assert today() <= mou.notice_deadline <= today() + datetime.timedelta(days=30)
    # The reminders pick both deadlines up at the 90- and 30-day horizons.
    due = {(r.what, r.horizon) for r in reminders.due_reminders(today=today(), horizons=[180, 90, 30])}
    assert {("end", 90), ("notice", 30)} <= due


@pytest.mark.one_database
def test_exactly_one_agreement_is_dormant(demo_loaded):
    dormant = list(queries.dormant(Agreement.objects.all()))

    assert [a.title_en for a in dormant] == [GZHU_MOU]
    gzhu_mou = dormant[0]
    assert gzhu_mou.parties.get(role=PartyRole.PARTNER).organisation.ror_id == "05ar8rn06"
    assert Signatory.objects.filter(party__agreement=gzhu_mou, signed_on__isnull=False).count() == 2
    assert not gzhu_mou.interactions.exists()
    assert not gzhu_mou.children.exists()
    assert not gzhu_mou.documents.exists() and not gzhu_mou.obligations.exists()
    # Every other active agreement has something happening under it.
    for agreement in Agreement.objects.filter(status=Status.ACTIVE).exclude(pk=gzhu_mou.pk):
        assert (
            agreement.interactions.exists()
            or agreement.children.exists()
            or (today() - agreement.effective_start).days < queries.DORMANT_AFTER_DAYS
        ), agreement.title_en


@pytest.mark.one_database
def test_running_twice_changes_nothing(demo_loaded):
    counts = {model.__name__: model.objects.count() for model in (*DEMO_MODELS, ObjectChange, TimelineEvent)}
    links = Agreement.interactions.through.objects.count()

    output = load_demo()

    assert {model.__name__: model.objects.count() for model in (*DEMO_MODELS, ObjectChange, TimelineEvent)} == counts
    assert Agreement.interactions.through.objects.count() == links
    assert "Demo agreements already loaded: nothing created (9 found)" in output


@pytest.mark.one_database
def test_an_agreement_already_there_is_left_as_it_is(demo_loaded):
    """Found by title: edited or moved on in the app, it is not touched; a deleted one comes back."""
    mou = by_key("sysu-mou")
    Agreement.objects.filter(pk=mou.pk).update(summary="Edited in the app")
    Agreement.objects.get(title_en=GZHU_MOU).delete()

    output = load_demo()

    mou.refresh_from_db()
    assert mou.summary == "Edited in the app"
    assert Agreement.objects.filter(title_en=GZHU_MOU).count() == 1
    assert "Demo agreements created: 1 agreements" in output


def test_the_demo_pdf_is_a_valid_pdf():
    data = demo.demo_pdf("Title (with brackets)", "中文 is replaced")
    assert data.startswith(b"%PDF-1.4\n") and data.endswith(b"%%EOF\n")
    xref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[xref:].startswith(b"xref\n0 6\n")
    for number, line in enumerate(data[xref:].split(b"\n")[3:8], start=1):
        assert data[int(line[:10]) :].startswith(b"%d 0 obj" % number)


@pytest.mark.one_database
def test_the_demo_agreements_show_on_their_pages(demo_loaded, viewer_client):
    for agreement in Agreement.objects.all():
        page = viewer_client.get(f"/agreements/{agreement.pk}/")
        assert page.status_code == 200, agreement.title_en
    specific = viewer_client.get(f"/agreements/{by_key('sysu-air-quality').pk}/").content.decode()
    assert by_key("sysu-framework").title_en in specific and SYSU_MOU in specific  # the parent chain
    assert "uob-sysu-air-quality-signed.pdf" in specific
    dormant = viewer_client.get("/agreements/?dormant=true", HTTP_HX_REQUEST="true").content.decode()
    assert GZHU_MOU in dormant and SYSU_MOU not in dormant
    expiring = viewer_client.get("/agreements/?expiring_within=90", HTTP_HX_REQUEST="true").content.decode()
    assert SYSU_MOU in expiring and GZHU_MOU not in expiring
