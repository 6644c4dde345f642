"""Cohort headcounts imported from a spreadsheet: CSV (UTF-8 or GB18030) or XLSX, English or Chinese
headers, all rows or none, and the command that does the same."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from partnerships.core.imports import ImportRefused
from partnerships.programmes.cohort_import import import_cohorts
from partnerships.programmes.models import Cohort, Programme
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

CHINESE = "项目,学年,申请人数,录取人数,入学人数,一年级,二年级,三年级,四年级,五年级,毕业,退学,休学\n"


@pytest.fixture
def maths(profile):
    return Programme.objects.create(
        title_en="BSc Applied Mathematics",
        title_zh="应用数学",
        subject="Mathematics",
        partner=OrganisationFactory(kind="university"),
    )


@pytest.fixture
def physics(maths):
    return Programme.objects.create(title_en="BSc Physics", subject="Physics", partner=maths.partner)


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def counts(cohort):
    return [
        getattr(cohort, f)
        for f in ("applications", "offers", "intake", "year_1", "year_2", "year_3", "year_4", "year_5")
        + ("graduated", "withdrawn", "dormant")
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_csv_with_chinese_headers_in_either_encoding(maths, physics, encoding):
    text = (
        CHINESE
        + "BSc Applied Mathematics,2024/25,300,120,80,80,70,65,60,0,55,3,1\n"
        + "应用数学,2023-24,250,100,,70,65,60,58,2,50,2,0\n"
        + f"{physics.pk},２０２２/２０２３,１２０,６０,４０,40,0,0,0,0,0,0,0\n"  # full-width digits
    )
    result = import_cohorts(text.encode(encoding), "cohorts.csv")

    assert result.created == [
        "BSc Applied Mathematics 2024/25",
        "BSc Applied Mathematics 2023/24",
        "BSc Physics 2022/23",
    ]
    assert counts(Cohort.objects.get(programme=maths, academic_year=2024)) == [
        300,
        120,
        80,
        80,
        70,
        65,
        60,
        0,
        55,
        3,
        1,
    ]
    assert Cohort.objects.get(programme=maths, academic_year=2023).intake is None  # blank: not known
    assert counts(Cohort.objects.get(programme=physics, academic_year=2022))[:4] == [120, 60, 40, 40]


def test_an_xlsx_for_one_programme_updates_a_year_already_recorded(maths):
    Cohort.objects.create(programme=maths, academic_year=2024, applications=10, offers=5, intake=5, year_1=5, dormant=2)
    content = xlsx(
        [
            ["Academic year", "Applications", "Offers", "Intake", "Year 1", "Year 2", "Year 5+", "Graduated"],
            ["2024/2025", 310, 125, 82, 82.0, 0, 0, 0],
            ["2025", 400, 150, None, None, 80, 1, 0],
        ]
    )
    result = import_cohorts(io.BytesIO(content), "cohorts.xlsx", programme=maths)

    assert (result.created, result.updated) == (
        ["BSc Applied Mathematics 2025/26"],
        ["BSc Applied Mathematics 2024/25"],
    )
    updated = Cohort.objects.get(programme=maths, academic_year=2024)
    assert (updated.applications, updated.intake, updated.year_1, updated.version) == (310, 82, 82, 2)
    assert updated.dormant == 2  # a column the file does not have is left as it was
    new = Cohort.objects.get(programme=maths, academic_year=2025)
    assert (new.intake, new.year_1, new.year_2, new.year_5) == (None, 0, 80, 1)
    again = import_cohorts(content, "cohorts.xlsx", programme=maths.pk)
    assert len(again.unchanged) == 2 and not again.created and not again.updated


def test_one_bad_row_writes_nothing_and_names_its_row_and_column(maths):
    Cohort.objects.create(programme=maths, academic_year=2023, applications=10)
    text = (
        "programme,academic year,applications,offers,intake,year 1\n"
        "BSc Applied Mathematics,2024/25,300,120,80,80\n"
        "BSc Applied Mathematics,2023,5,9,2,2\n"  # more offers than applications
        "BSc Applied Mathematics,2022/24,1,1,1,x\n"  # not one academic year; not a number
        "BSc Applied Mathematics,2024-25,1,1,1,1\n"  # the same year twice
    )
    with pytest.raises(ImportRefused) as refused:
        import_cohorts(text.encode(), "cohorts.csv")

    problems = {(e.row, e.column) for e in refused.value.errors}
    assert problems == {(3, "offers"), (4, "academic year"), (4, "year 1"), (5, "academic year")}
    assert "row 2" in next(e.message for e in refused.value.errors if e.row == 5)
    assert Cohort.objects.count() == 1 and Cohort.objects.get().applications == 10


def test_a_bad_row_is_reported_under_its_chinese_header(maths):
    text = CHINESE + "应用数学,2024,10,20,5,0,0,0,0,0,0,0,0\n"
    with pytest.raises(ImportRefused) as refused:
        import_cohorts(text.encode("gb18030"), "cohorts.csv")
    assert [(e.row, e.column) for e in refused.value.errors] == [(2, "录取人数")]
    assert not Cohort.objects.exists()


def test_an_unknown_programme_is_refused(maths):
    text = "programme,academic year,applications\nBSc Astrology,2024,10\nBSc Applied Mathematics,2024,10\n"
    with pytest.raises(ImportRefused) as refused:
        import_cohorts(text.encode(), "cohorts.csv")
    assert [(e.row, e.column) for e in refused.value.errors] == [(2, "programme")]
    assert "BSc Astrology" in refused.value.errors[0].message
    assert not Cohort.objects.exists()

    with pytest.raises(ImportRefused) as refused:  # --programme naming none
        import_cohorts(b"academic year\n2024\n", "cohorts.csv", programme=maths.pk + 100)
    assert refused.value.errors[0].column == "programme"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("c.txt", b"academic year\n2024\n", "Upload an .xlsx or .csv"),
        ("c.xlsx", b"not a workbook", "Not a readable XLSX"),
        ("c.csv", b"", "empty"),
        ("c.csv", b"programme,academic year,students\nx,2024,3\n", "Unknown: students"),
        ("c.csv", b"applications\n3\n", "missing: programme, academic_year"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(maths, name, content, message):
    with pytest.raises(ImportRefused) as refused:
        import_cohorts(content, name)
    assert message in refused.value.errors[0].message


def test_the_command_reports_and_a_dry_run_writes_nothing(maths, tmp_path):
    good = tmp_path / "cohorts.csv"
    good.write_text("academic year,applications,offers,intake\n2024/25,300,120,80\n")
    out = io.StringIO()
    call_command("import_cohorts", str(good), "--programme", str(maths.pk), "--dry-run", stdout=out)
    assert "would be created: BSc Applied Mathematics 2024/25" in out.getvalue()
    assert "nothing was written" in out.getvalue()
    assert not Cohort.objects.exists()

    out = io.StringIO()
    call_command("import_cohorts", str(good), "--programme", str(maths.pk), stdout=out)
    assert "1 created" in out.getvalue()
    assert Cohort.objects.get().intake == 80

    bad = tmp_path / "bad.csv"
    bad.write_text("programme,academic year,applications,offers\nBSc Applied Mathematics,2024,5,9\nNowhere,2025,1,1\n")
    with pytest.raises(CommandError, match=r"(?s)row 2, offers: .*row 3, programme"):
        call_command("import_cohorts", str(bad))
    assert Cohort.objects.get().offers == 120


def test_an_import_by_a_user_is_logged_as_theirs_and_needs_the_permission(maths, admin_user, viewer):
    from django.contrib.contenttypes.models import ContentType
    from django.core.exceptions import PermissionDenied

    from partnerships.core.models import ObjectChange

    with pytest.raises(PermissionDenied):
        import_cohorts(b"academic year\n2024\n", "c.csv", programme=maths, user=viewer)
    import_cohorts(b"academic year\n2024\n", "c.csv", programme=maths, user=admin_user)
    change = ObjectChange.objects.get(content_type=ContentType.objects.get_for_model(Cohort), action="create")
    assert (change.source, change.user) == ("import", admin_user)


def test_a_file_for_one_programme_names_no_other_and_keeps_values_under_headers(maths, physics):
    text = "programme,academic year,intake\nBSc Physics,2024,3\n,2025,4,99\n"
    with pytest.raises(ImportRefused) as refused:
        import_cohorts(text.encode(), "cohorts.csv", programme=maths)
    assert [(e.row, e.column) for e in refused.value.errors] == [(2, "programme"), (3, "")]
    assert not Cohort.objects.exists()
