"""The cohort grid on a programme's page: a row a year, opened, saved or refused in place (HTMX), the
same through plain forms, checked by the model as the cohort form and the import are."""

import pytest
from django.urls import reverse

from partnerships.core.models import ObjectChange
from partnerships.programmes.models import Cohort, Programme
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def programme(profile):
    return Programme.objects.create(
        title_en="BEng Civil Engineering", subject="Civil engineering", partner=OrganisationFactory(kind="university")
    )


def grid(programme):
    return reverse("programmes:cohort_grid", args=[programme.pk])


def row(**values):
    data = {"row": "new", "academic_year": "2024", "applications": "200", "offers": "120", "intake": "80"}
    data.update({"year_1": "78", **{k: str(v) for k, v in values.items()}})
    return data


def test_the_programme_page_shows_a_row_a_year_in_order(editor_client, programme):
    for year in (2025, 2023, 2024):
        Cohort.objects.create(programme=programme, academic_year=year, intake=year - 2000, year_1=10)
    page = editor_client.get(programme.get_absolute_url()).content.decode()
    assert page.index("2023/24") < page.index("2024/25") < page.index("2025/26")
    assert 'id="cohort-grid"' in page and "Edit 2024/25" in page and 'id="cohort-add-year"' in page


def test_a_viewer_sees_the_grid_without_editing_and_cannot_post(viewer_client, programme):
    Cohort.objects.create(programme=programme, academic_year=2024, intake=30)
    page = viewer_client.get(programme.get_absolute_url()).content.decode()
    assert "2024/25" in page and "Edit 2024/25" not in page and "cohort-add-year" not in page
    assert 'name="row"' not in viewer_client.get(grid(programme) + "?edit=new", **HTMX).content.decode()
    assert viewer_client.post(grid(programme), row(), **HTMX).status_code == 403
    assert Cohort.objects.count() == 1


def test_adding_a_year_opens_a_row_suggesting_the_next_year_and_saves_it(editor, editor_client, programme):
    Cohort.objects.create(programme=programme, academic_year=2023, intake=70, year_1=70)
    opened = editor_client.get(grid(programme) + "?edit=new", **HTMX)
    html = opened.content.decode()
    assert opened.status_code == 200 and "<html" not in html  # a fragment for HTMX
    assert 'name="academic_year"' in html and 'value="2024"' in html and 'form="cohort-row-form"' in html
    saved = editor_client.post(grid(programme), row(year_2="65", graduated="3"), **HTMX)
    assert saved.status_code == 200
    cohort = Cohort.objects.get(programme=programme, academic_year=2024)
    assert (cohort.intake, cohort.year_1, cohort.year_2, cohort.graduated, cohort.withdrawn) == (80, 78, 65, 3, 0)
    assert f'id="cohort-row-{cohort.pk}" class="saved"' in saved.content.decode()
    change = ObjectChange.objects.filter(content_type__model="cohort", object_id=str(cohort.pk)).latest("pk")
    assert change.user == editor


def test_a_row_that_does_not_add_up_comes_back_with_its_errors_and_nothing_is_saved(editor_client, programme):
    refused = editor_client.post(grid(programme), row(offers="300", year_1="-1"), **HTMX)
    html = refused.content.decode()
    assert refused.status_code == 422
    assert "More offers than applications." in html and 'id="cohort-row-new"' in html
    assert 'value="300"' in html  # what was typed is kept to be corrected
    assert not Cohort.objects.exists()
    assert editor_client.post(grid(programme), row(), **HTMX).status_code == 200
    again = editor_client.post(grid(programme), row(), **HTMX)
    assert again.status_code == 422 and "2024/25 is already recorded" in again.content.decode()
    assert Cohort.objects.count() == 1


def test_editing_a_row_keeps_its_year_and_refuses_a_stale_version(editor_client, programme):
    cohort = Cohort.objects.create(programme=programme, academic_year=2024, intake=80, year_1=70)
    opened = editor_client.get(grid(programme) + f"?edit={cohort.pk}", **HTMX).content.decode()
    assert f'name="version" value="{cohort.version}"' in opened and 'name="academic_year"' not in opened
    data = row(row=cohort.pk, academic_year="1999", year_1="79", version=cohort.version)
    assert editor_client.post(grid(programme), data, **HTMX).status_code == 200
    cohort.refresh_from_db()
    assert (cohort.academic_year, cohort.year_1) == (2024, 79)
    stale = editor_client.post(grid(programme), {**data, "year_1": "1"}, **HTMX)
    assert stale.status_code == 409 and "Someone else changed this record" in stale.content.decode()
    cohort.refresh_from_db()
    assert cohort.year_1 == 79


def test_a_row_of_another_programme_is_not_found(editor_client, programme):
    other = Programme.objects.create(title_en="Other", subject="x", partner=programme.partner)
    cohort = Cohort.objects.create(programme=other, academic_year=2024)
    data = row(row=cohort.pk, version=cohort.version)
    assert editor_client.post(grid(programme), data, **HTMX).status_code == 404
    assert editor_client.post(grid(programme), {"row": "x"}, **HTMX).status_code == 400


def test_without_javascript_the_grid_is_a_page_and_saving_returns_to_the_programme(editor_client, programme):
    page = editor_client.get(grid(programme) + "?edit=new")
    assert page.status_code == 200 and "<html" in page.content.decode()
    saved = editor_client.post(grid(programme), row())
    assert saved.status_code == 302 and saved["Location"] == f"{programme.get_absolute_url()}#cohorts"
    refused = editor_client.post(grid(programme), row(academic_year="2025", intake="500"))
    assert refused.status_code == 422 and "<html" in refused.content.decode()
    assert Cohort.objects.count() == 1
