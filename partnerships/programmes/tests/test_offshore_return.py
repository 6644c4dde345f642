"""The HESA Aggregate Offshore Record from the cohorts: rows by country, level and type, the
validation report, codes an admin keeps, and the downloads."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.programmes.aor import offshore_return
from partnerships.programmes.models import AorCode, Cohort, Programme
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def programme(title, partner, **fields):
    fields.setdefault("status", "running")
    return Programme.objects.create(title_en=title, subject=title, partner=partner, **fields)


@pytest.fixture
def platform(profile):
    scut = OrganisationFactory(name_en="South China University of Technology", country="CN", kind="university")
    maths = programme("BSc Mathematics", scut, level="ug", delivery_model="jointly_delivered")
    physics = programme("BSc Physics", scut, level="ug", delivery_model="dual_degree")
    economics = programme("BSc Economics", scut, location="split", months_partner=24, months_home=24)
    msc = programme(
        "MSc Data Science", scut, level="pgt", delivery_model="jointly_delivered",
        prc_approval_number="MOE44GB2A20190001N", prc_valid_until=datetime.date(2025, 3, 1),
    )  # fmt: skip
    Cohort.objects.create(
        programme=maths, academic_year=2024, intake=60, year_1=58, year_2=50, graduated=40, withdrawn=2, dormant=1
    )
    Cohort.objects.create(programme=physics, academic_year=2024, intake=30, year_1=30, year_3=20, graduated=10)
    Cohort.objects.create(programme=msc, academic_year=2024, intake=20, year_1=25)
    return {"maths": maths, "physics": physics, "economics": economics, "msc": msc}


def test_rows_aggregate_by_country_level_and_type(platform):
    result = offshore_return(2024)
    rows = {(r.country, r.level, r.type): r for r in result.rows}
    ug = rows[("CN", "H", "5")]  # jointly delivered and dual degree share a type by the starting codes
    assert (ug.active, ug.completed, ug.withdrawn, ug.dormant) == (58 + 50 + 30 + 20, 50, 2, 1)
    assert ug.headcount == 158 + 50 + 2 + 1
    assert rows[("CN", "M", "5")].active == 25


def test_the_validation_report_names_each_problem(platform):
    messages = {(p.programme.title_en, p.message) for p in offshore_return(2024).problems}
    text = " | ".join(m for _t, m in messages)
    assert (
        "BSc Economics",
        "Not included: taught partly in Birmingham; check which students were offshore.",
    ) in messages
    assert "Running past its PRC approval, which ends on 2025-03-01." in text
    assert "more enrolled in year 1 (25) than the intake (20)" in text
    assert not any(t == "BSc Mathematics" for t, _m in messages)
    missing = {p.programme.title_en for p in offshore_return(2025).problems if "No cohort" in p.message}
    assert missing == {"BSc Mathematics", "BSc Physics", "MSc Data Science"}


def test_codes_are_data_an_admin_changes(platform, admin_user):
    from tests.conftest import client_for

    code = AorCode.objects.get(field="TYPE", value="dual_degree")
    response = client_for(admin_user).post(
        reverse("programmes:aorcode_edit", args=[code.pk]),
        {
            "field": "TYPE",
            "value": "dual_degree",
            "code": "7",
            "label": "Checked in the 2024/25 manual",
            "version": code.version,
        },
    )
    assert response.status_code == 302
    types = {r.type for r in offshore_return(2024).rows}
    assert types == {"5", "7"}
    AorCode.objects.filter(field="LEVEL", value="pgt").delete()
    assert any("No HESA code" in p.message for p in offshore_return(2024).problems)


def test_the_return_downloads_as_csv_and_xlsx(platform, viewer_client):
    url = reverse("programmes:offshore_return") + "?year=2024"
    page = viewer_client.get(url).content.decode()
    assert "Running past its PRC approval" in page and "BSc Mathematics" in page
    body = b"".join(viewer_client.get(url + "&export=csv").streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["COUNTRY", "LEVEL", "TYPE", "HEADCOUNT", "ACTIVE", "DORMANT", "COMPLETED", "WITHDRAWN"]
    assert ["CN", "H", "5", "211", "158", "1", "50", "2"] in rows
    xlsx = viewer_client.get(url + "&export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert [c.value for c in sheet[1]][:3] == ["COUNTRY", "LEVEL", "TYPE"]


def test_a_refused_import_page_lists_rows_and_writes_nothing(platform, editor_client):
    maths = platform["maths"]
    bad = b"academic year,applications,offers,intake\n2023,100,50,40\n2022,10,50,40\n"
    url = reverse("programmes:programme_cohort_import", args=[maths.pk])
    response = editor_client.post(url, {"file": SimpleUploadedFile("cohorts.csv", bad)})
    assert response.status_code == 400
    assert "More offers than applications." in response.content.decode()
    assert not Cohort.objects.filter(programme=maths, academic_year__in=[2022, 2023]).exists()
    good = b"academic year,applications,offers,intake,year 1\n2023,100,50,40,39\n"
    response = editor_client.post(url, {"file": SimpleUploadedFile("cohorts.csv", good)})
    assert response.status_code == 200 and Cohort.objects.get(programme=maths, academic_year=2023).year_1 == 39


def test_the_page_lists_the_first_problems_and_the_report_downloads_every_one(platform, viewer_client):
    """Sixty programmes without a cohort: the return is computed over all of them, the page names the
    first fifty and says how many more, the validation report has every one."""
    scut = platform["maths"].partner
    for n in range(60):
        programme(f"BSc Uncounted {n:02d}", scut, level="ug", delivery_model="jointly_delivered")
    url = reverse("programmes:offshore_return") + "?year=2024"
    page = viewer_client.get(url).content.decode()
    assert page.count('class="problem"') == 50
    total = len(offshore_return(2024).problems)
    assert f"And {total - 50} more problems in the report." in page
    body = b"".join(viewer_client.get(url + "&report=csv").streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["Programme", "Partner", "Problem"] and len(rows) == total + 1
    assert ["BSc Uncounted 59", str(scut), "No cohort recorded for 2024/25."] in rows
