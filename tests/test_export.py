"""Lists export what they show, as CSV and XLSX, with spreadsheet formulas neutralised."""

import csv
import io

import pytest
from openpyxl import load_workbook

from partnerships.core.export import neutralise

from .factories import OrganisationFactory


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
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2  # header + the one Guangzhou row
    assert rows[1][0] == "'=cmd|' /C calc'!A0"


@pytest.mark.django_db
def test_xlsx_export(profile, viewer_client):
    OrganisationFactory(name_en="@evil", name_zh="中山大学")
    response = viewer_client.get("/organisations/?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][0] == "'@evil" and values[1][1] == "中山大学"
    assert all(not str(v).startswith("=") for row in values for v in row if v)


@pytest.mark.django_db
def test_export_links_keep_the_current_filters(profile, viewer_client):
    """The links on a filtered list export that filtered list, not everything."""
    html = viewer_client.get("/organisations/?q=jinan&page=2").content.decode()
    assert 'href="?q=jinan&amp;export=csv"' in html
    assert 'href="?q=jinan&amp;export=xlsx"' in html
