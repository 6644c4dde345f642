"""The list filters, the expiry calendar and the detail page."""

import datetime
import re

import pytest
from django.utils import timezone

from partnerships.agreements import services
from partnerships.agreements.choices import Status
from partnerships.agreements.models import AgreementKind
from partnerships.core.models import College, Strand
from tests.conftest import client_for, make_user
from tests.factories import AgreementFactory, ObligationFactory, OrganisationFactory, PartyFactory, StaffFactory

from .conftest import put_in, sign_by_two_parties


def in_days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def listed(client, query: str) -> set[str]:
    """The titles the list shows for a query: the page's results (as htmx fetches them) and the API agree."""
    html = client.get(f"/agreements/?{query}", HTTP_HX_REQUEST="true").content.decode()
    page = set(re.findall(r'<a href="/agreements/\d+/">([^<]+)</a>', html))
    api = {row["title_en"] for row in client.get(f"/api/agreements/?{query}").json()["results"]}
    assert page == api, (page, api)
    return page


@pytest.fixture
def register(profile):
    """Four agreements that differ in kind, status, partner, college, strand and end date."""
    eps, les = College.objects.get(code="eps"), College.objects.get(code="les")
    research, education = Strand.objects.get(code="research"), Strand.objects.get(code="postgraduate")
    sysu = OrganisationFactory(name_en="Sun Yat-sen University")
    scut = OrganisationFactory(name_en="South China University of Technology")

    mou = put_in(AgreementFactory(title_en="SYSU umbrella MoU", end_date=in_days(20)), Status.ACTIVE)
    mou.colleges.add(eps)
    mou.strands.add(research)
    PartyFactory(agreement=mou, organisation=sysu)

    framework = put_in(
        AgreementFactory(
            title_en="SCUT framework", kind=AgreementKind.objects.get(code="framework"), end_date=in_days(200)
        ),
        Status.SIGNED,
    )
    framework.colleges.add(les)
    framework.strands.add(education)
    PartyFactory(agreement=framework, organisation=scut)

    AgreementFactory(title_en="Draft NDA", kind=AgreementKind.objects.get(code="nda"), end_date=in_days(5))
    put_in(AgreementFactory(title_en="Old exchange", end_date=in_days(-30)), Status.EXPIRED)
    return {"sysu": sysu, "scut": scut}


@pytest.mark.django_db
def test_no_filter_lists_everything(register, viewer_client):
    assert listed(viewer_client, "") == {"SYSU umbrella MoU", "SCUT framework", "Draft NDA", "Old exchange"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=framework", {"SCUT framework"}),
        ("kind=mou&kind=nda", {"SYSU umbrella MoU", "Draft NDA", "Old exchange"}),
        ("status=active", {"SYSU umbrella MoU"}),
        ("status=draft&status=expired", {"Draft NDA", "Old exchange"}),
        ("colleges=eps", {"SYSU umbrella MoU"}),
        ("colleges=les", {"SCUT framework"}),
        ("strands=research", {"SYSU umbrella MoU"}),
        ("strands=postgraduate", {"SCUT framework"}),
        ("q=umbrella", {"SYSU umbrella MoU"}),
    ],
)
def test_list_filters(register, viewer_client, query, expected):
    assert listed(viewer_client, query) == expected


@pytest.mark.django_db
def test_partner_filter(register, viewer_client):
    assert listed(viewer_client, f"partner={register['sysu'].pk}") == {"SYSU umbrella MoU"}
    assert listed(viewer_client, f"partner={register['scut'].pk}") == {"SCUT framework"}


@pytest.mark.django_db
def test_expiring_within_counts_only_agreements_in_force(register, viewer_client):
    """Ending in 20 days shows for 30 and not for 10; the draft ending in 5 days is not in force."""
    assert listed(viewer_client, "expiring_within=30") == {"SYSU umbrella MoU"}
    assert listed(viewer_client, "expiring_within=10") == set()
    assert listed(viewer_client, "expiring_within=365") == {"SYSU umbrella MoU", "SCUT framework"}


def month_section(html: str, day: datetime.date) -> str:
    """The calendar's box for the month `day` falls in."""
    start = html.index(f"<h2>{day:%B %Y}</h2>")
    return html[start : html.index("</section>", start)]


@pytest.mark.django_db
def test_calendar_shows_end_and_notice_deadline_by_month(profile, viewer_client):
    today = timezone.localdate()
    next_month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=20)
    agreement = put_in(
        AgreementFactory(title_en="Jinan joint programme", end_date=next_month, notice_period_days=45),
        Status.ACTIVE,
    )
    notice = agreement.notice_deadline

    html = viewer_client.get("/agreements/calendar/").content.decode()

    ends = month_section(html, next_month)
    assert "Jinan joint programme" in ends and f"{next_month:%m-%d}" in ends and "ends" in ends
    notices = month_section(html, notice)
    assert "Jinan joint programme" in notices and f"{notice:%m-%d}" in notices and "notice due" in notices


@pytest.mark.django_db
def test_calendar_filters_by_college_and_leaves_out_agreements_not_in_force(profile, viewer_client):
    end = in_days(40)
    eps = put_in(AgreementFactory(title_en="Engineering MoU", end_date=end), Status.ACTIVE)
    eps.colleges.add(College.objects.get(code="eps"))
    les = put_in(AgreementFactory(title_en="Life sciences MoU", end_date=end), Status.ACTIVE)
    les.colleges.add(College.objects.get(code="les"))
    AgreementFactory(title_en="Draft studentship", end_date=end)

    everything = viewer_client.get("/agreements/calendar/").content.decode()
    only_eps = viewer_client.get("/agreements/calendar/?colleges=eps").content.decode()

    assert "Engineering MoU" in everything and "Life sciences MoU" in everything
    assert "Draft studentship" not in everything
    assert "Engineering MoU" in only_eps and "Life sciences MoU" not in only_eps


def month_start(day: datetime.date, months: int = 0) -> datetime.date:
    index = day.month - 1 + months
    return datetime.date(day.year + index // 12, index % 12 + 1, 1)


@pytest.mark.django_db
def test_calendar_shows_three_months_from_this_one_and_nothing_outside(profile, viewer_client):
    """By default: this month and the next two; what ends or falls due later waits for "Later"."""
    this_month = month_start(timezone.localdate())
    inside = put_in(AgreementFactory(title_en="Ends in the window", end_date=month_start(this_month, 2)), Status.ACTIVE)
    later = put_in(AgreementFactory(title_en="Ends later", end_date=month_start(this_month, 3)), Status.ACTIVE)
    earlier = put_in(
        AgreementFactory(title_en="Ended before", end_date=this_month - datetime.timedelta(days=1)), Status.ACTIVE
    )

    html = viewer_client.get("/agreements/calendar/").content.decode()

    assert re.findall(r"<h2>([A-Z][a-z]+ \d{4})</h2>", html) == [
        f"{month_start(this_month, i):%B %Y}" for i in range(3)
    ]
    assert inside.title_en in month_section(html, inside.end_date)
    assert later.title_en not in html and earlier.title_en not in html

    following = viewer_client.get(f"/agreements/calendar/?month={month_start(this_month, 3):%Y-%m}").content.decode()
    assert later.title_en in month_section(following, later.end_date)
    assert inside.title_en not in following
    previous = viewer_client.get(f"/agreements/calendar/?month={month_start(this_month, -3):%Y-%m}").content.decode()
    assert earlier.title_en in month_section(previous, earlier.end_date)


@pytest.mark.django_db
def test_calendar_shows_a_notice_deadline_in_the_window_when_the_end_is_beyond_it(profile, viewer_client):
    this_month = month_start(timezone.localdate())
    end = month_start(this_month, 5) + datetime.timedelta(days=9)
    agreement = put_in(AgreementFactory(title_en="Long notice", end_date=end, notice_period_days=120), Status.ACTIVE)
    assert this_month <= agreement.notice_deadline < month_start(this_month, 3)

    html = viewer_client.get("/agreements/calendar/").content.decode()

    notices = month_section(html, agreement.notice_deadline)
    assert "Long notice" in notices and "notice due" in notices and f"{end:%m-%d}" not in html


@pytest.mark.django_db
def test_calendar_links_step_a_window_back_and_on_and_keep_the_filters(profile, viewer_client):
    html = viewer_client.get("/agreements/calendar/?colleges=eps&month=2027-11").content.decode().replace("&amp;", "&")
    assert "<b>November 2027 – January 2028</b>" in html
    assert 'href="?colleges=eps&month=2027-08" rel="prev"' in html
    assert 'href="?colleges=eps&month=2028-02" rel="next"' in html
    assert 'href="?colleges=eps&month=' + f"{timezone.localdate():%Y-%m}" + '">This month' in html


@pytest.mark.django_db
def test_calendar_reads_only_agreements_due_in_the_window(profile):
    """The query itself leaves out every agreement with neither its end nor its notice deadline in the window."""
    from partnerships.agreements.models import Agreement
    from partnerships.agreements.queries import due_between

    start, end = datetime.date(2027, 3, 1), datetime.date(2027, 6, 1)
    AgreementFactory(title_en="ends in", end_date=datetime.date(2027, 5, 31))
    AgreementFactory(title_en="notice in", end_date=datetime.date(2027, 9, 1), notice_period_days=100)  # May 24
    AgreementFactory(title_en="ends on the first day", end_date=start)
    AgreementFactory(title_en="ends on the day after", end_date=end)
    AgreementFactory(title_en="ends in, notice before", end_date=datetime.date(2027, 3, 15), notice_period_days=30)
    AgreementFactory(title_en="notice after", end_date=datetime.date(2027, 12, 1), notice_period_days=30)
    AgreementFactory(title_en="open-ended")

    found = set(due_between(Agreement.objects.all(), start, end).values_list("title_en", flat=True))

    assert found == {"ends in", "notice in", "ends on the first day", "ends in, notice before"}


@pytest.mark.django_db
def test_detail_page_shows_hierarchy_parties_obligations_and_timeline(profile, editor_client, editor):
    umbrella = AgreementFactory(title_en="Umbrella MoU")
    framework = AgreementFactory(title_en="Research framework", parent=umbrella)
    specific = put_in(AgreementFactory(title_en="Water quality project", parent=framework), Status.APPROVED)
    signatories = sign_by_two_parties(specific)
    ObligationFactory(agreement=specific, description="Annual steering meeting", owner=StaffFactory())
    services.agreement_transition(agreement=specific, to=Status.SIGNED, user=editor, reason="Both sides signed")

    html = editor_client.get(specific.get_absolute_url()).content.decode()
    hierarchy = html[html.index('id="hierarchy"') :]
    assert hierarchy.index("Umbrella MoU") < hierarchy.index("Research framework") < hierarchy.index("Water quality")
    for signatory in signatories:
        assert str(signatory.party.organisation) in html
    assert "Annual steering meeting" in html
    assert "Both sides signed" in html

    umbrella_html = editor_client.get(umbrella.get_absolute_url()).content.decode()
    assert "Research framework" in umbrella_html


@pytest.mark.django_db
def test_someone_without_a_role_cannot_see_agreements(profile):
    agreement = AgreementFactory()
    outsider = client_for(make_user("outsider"))
    assert outsider.get(agreement.get_absolute_url()).status_code in (403, 404)
    assert outsider.get("/agreements/calendar/").status_code == 403
    assert outsider.get(f"/api/agreements/{agreement.pk}/").status_code in (403, 404)


@pytest.mark.django_db
def test_a_busy_month_shows_its_first_entries_and_links_to_the_rest(profile, viewer_client):
    """A month lists its first fifteen dates; the others are on the list of agreements ending that month."""
    this_month = month_start(timezone.localdate())
    ends = month_start(this_month, 1)
    for n in range(18):
        put_in(AgreementFactory(title_en=f"Busy {n:02d}", end_date=ends + datetime.timedelta(days=n)), Status.ACTIVE)

    html = viewer_client.get("/agreements/calendar/").content.decode()
    section = month_section(html, ends)

    assert section.count("Busy ") == 15 and "Busy 15" not in section
    last_day = month_start(this_month, 2) - datetime.timedelta(days=1)
    link = re.search(r'<a href="([^"]+)">3 more this month', section)
    assert link and f"end_after={ends:%Y-%m-%d}" in link.group(1) and f"end_before={last_day:%Y-%m-%d}" in link.group(1)
    listed_titles = viewer_client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert all(f"Busy {n:02d}" in listed_titles for n in range(18))
