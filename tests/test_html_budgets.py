"""No list page's HTML grows with the register: past one page of rows, more records change nothing but
a count and the page links; and each page stays within a size budget."""

import pytest

from .conftest import join_business_team
from .factories import OrganisationFactory, ProgrammeFactory
from .test_query_budgets import LIST_PAGES, TEAM_PAGES, tag

PAGE = 25  # rows a list page shows (core.views.PER_PAGE)
BUDGET_KB = 80  # a full page of the widest list, with the layout and the filter form


def html_size(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return len(response.content)


@pytest.mark.django_db
@pytest.mark.parametrize("url", [url for url, make in LIST_PAGES.items() if make and "calendar" not in url])
def test_list_pages_do_not_grow_past_a_page(profile, editor, editor_client, url):
    if url in TEAM_PAGES:
        join_business_team(editor)  # the confidential rows are the team's to see
    make = LIST_PAGES[url]
    for _ in range(PAGE + 2):
        tag(make())
    full = html_size(editor_client, url)
    for _ in range(PAGE):
        tag(make())
    fuller = html_size(editor_client, url)
    # The numbers in the names grow a digit; the count and the page links change. Nothing else may.
    assert abs(fuller - full) <= 0.03 * full, f"{url}: {full} bytes, then {fuller}"
    assert fuller <= BUDGET_KB * 1024, f"{url}: {fuller / 1024:.0f} KB"


@pytest.mark.django_db
def test_the_browsable_api_renders_no_choice_list_of_records(profile, editor_client):
    """DRF's HTML forms would list related records as options (up to a thousand a field): they are off;
    the raw JSON form and the filters (search as you type) remain."""
    for n in range(30):
        OrganisationFactory(name_en=f"Optioned University {n}")
    html = editor_client.get("/api/interactions/", HTTP_ACCEPT="text/html").content.decode()
    assert "Optioned University" not in html
    assert 'id="id__content"' in html or "_content" in html  # the raw data form is still there


@pytest.mark.django_db
def test_the_offshore_return_page_does_not_grow_with_the_programmes(profile, viewer_client):
    """The return is computed over every teaching programme; its page names the first problems and the
    first programmes of each row, so more programmes change the numbers, not the size."""
    from partnerships.programmes.models import Cohort

    partner = OrganisationFactory(kind="university", country="CN")

    def more(n):
        for _ in range(n):
            counted = ProgrammeFactory(partner=partner, status="running", delivery_model="jointly_delivered")
            Cohort.objects.create(programme=counted, academic_year=2024, intake=40, year_1=40)
            ProgrammeFactory(partner=partner, status="running")  # no cohort: a problem

    url = "/programmes/offshore-return/?year=2024"
    more(60)
    full = html_size(viewer_client, url)
    more(40)
    fuller = html_size(viewer_client, url)
    assert abs(fuller - full) <= 0.03 * full, f"{full} bytes, then {fuller}"
