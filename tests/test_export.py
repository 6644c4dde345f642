"""Lists export what they show, as CSV and XLSX, with spreadsheet formulas neutralised."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from partnerships.core.export import neutralise

from .conftest import join_business_team
from .factories import CohortFactory, DealFactory, OrganisationFactory, ProgrammeFactory


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx"])
def test_formulas_are_neutralised(text):
    assert neutralise(text) == "'" + text


def test_ordinary_text_is_untouched():
    assert neutralise("中山大学") == "中山大学" and neutralise(None) == ""


@pytest.mark.django_db
def test_csv_export_of_filtered_list(profile, viewer_client):
    OrganisationFactory(name_en="=cmd|' /C calc'!A0", city="Guangzhou")
    OrganisationFactory(name_en="Shenzhen University", city="Shenzhen")
    response = viewer_client.get("/organisations/?city=Guangzhou&export=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.streaming  # sent as it is read, never held whole
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert len(rows) == 2  # header + the one Guangzhou row
    assert rows[1][0] == "'=cmd|' /C calc'!A0"


@pytest.mark.django_db
def test_xlsx_export(profile, viewer_client):
    OrganisationFactory(name_en="@evil", name_zh="中山大学")
    response = viewer_client.get("/organisations/?export=xlsx")
    sheet = load_workbook(io.BytesIO(body(response))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][0] == "'@evil" and values[1][1] == "中山大学"
    assert all(not str(v).startswith("=") for row in values for v in row if v)


@pytest.mark.django_db
def test_export_links_keep_the_current_filters(profile, viewer_client):
    """The links on a filtered list export that filtered list, not everything."""
    html = viewer_client.get("/organisations/?q=jinan&page=2").content.decode()
    assert 'href="?q=jinan&amp;export=csv"' in html
    assert 'href="?q=jinan&amp;export=xlsx"' in html


@pytest.mark.django_db
def test_csv_export_reads_the_rows_in_chunks(profile, viewer_client, monkeypatch):
    """A large export is read from the database a chunk at a time while it is being sent."""
    monkeypatch.setattr("partnerships.core.export.CHUNK", 2)
    for n in range(5):
        OrganisationFactory(name_en=f"Chunked {n}")
    response = viewer_client.get("/organisations/?q=Chunked&export=csv")
    with CaptureQueriesContext(connection) as queries:
        rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == [f"Chunked {n}" for n in range(5)]
    # Read while sending, not before; the tags are fetched for each chunk of 2 (3 chunks × 3 tag types).
    assert len(queries) >= 1 + 3 * 3


@pytest.mark.django_db
def test_a_confidential_list_exports_only_what_its_reader_may_see(profile, editor, editor_client):
    """Deals export as the list shows them: all of them for the business-engagement team (formulas
    neutralised), none for an editor outside it."""
    DealFactory(title='=HYPERLINK("http://x")')
    DealFactory(title="Licence for Guangzhou Test Company")

    def exported():
        response = editor_client.get("/deals/?export=csv")
        assert response.status_code == 200 and response.streaming
        return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))

    assert len(exported()) == 1  # the header alone
    join_business_team(editor)
    rows = exported()
    assert sorted(r[0] for r in rows[1:]) == ['\'=HYPERLINK("http://x")', "Licence for Guangzhou Test Company"]


@pytest.mark.django_db
def test_a_partners_programmes_export_as_their_list_shows_them(profile, viewer_client):
    """The programme list filtered to a partner (its page's "All programmes") exports those programmes
    alone, titles neutralised."""
    partner = OrganisationFactory()
    ProgrammeFactory(partner=partner, title_en='=HYPERLINK("http://x")')
    ProgrammeFactory(partner=partner, title_en="BSc Economics")
    ProgrammeFactory(title_en="BEng Mechanical Engineering")
    response = viewer_client.get(f"/programmes/?partner={partner.pk}&export=csv")
    assert response.status_code == 200 and response.streaming
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert sorted(r[0] for r in rows[1:]) == ['\'=HYPERLINK("http://x")', "BSc Economics"]

    response = viewer_client.get(f"/programmes/?partner={partner.pk}&export=xlsx")
    sheet = load_workbook(io.BytesIO(body(response))).active
    assert sorted(row[0].value for row in list(sheet.iter_rows())[1:]) == sorted(r[0] for r in rows[1:])


@pytest.mark.django_db
def test_the_offshore_return_exports_its_rows_as_csv_and_xlsx(profile, viewer_client):
    """The HESA return's download: the header, then one row per country, level and type."""
    from partnerships.programmes.aor import HEADER

    from .test_query_budgets import _aor_codes

    _aor_codes()
    programme = ProgrammeFactory(
        status="running",
        location="partner",
        prc_approval_number="MOE44GB2A1",
        prc_valid_until=datetime.date(2030, 1, 1),
    )
    CohortFactory(programme=programme, academic_year=2025, year_1=48, withdrawn=2, dormant=1)
    expected = [HEADER, ["CN", "H", "5", "51", "48", "1", "0", "2"]]

    response = viewer_client.get("/programmes/offshore-return/?year=2025&export=csv")
    assert response.status_code == 200
    assert list(csv.reader(io.StringIO(body(response).decode("utf-8-sig")))) == expected
    response = viewer_client.get("/programmes/offshore-return/?year=2025&export=xlsx")
    sheet = load_workbook(io.BytesIO(body(response))).active
    assert [[str(c.value) for c in row] for row in sheet.iter_rows()] == expected
