"""Objectives as data: imported from a spreadsheet all or nothing, and each one's page says what serves it."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from partnerships.core.models import College
from partnerships.strategy.importing import ImportRefused, objectives_import, read_table
from partnerships.strategy.models import Initiative, Objective
from tests.conftest import client_for
from tests.factories import ProjectFactory, StaffFactory

pytestmark = pytest.mark.django_db


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_spreadsheet_with_chinese_headers_creates_and_updates_by_code(profile):
    owner = StaffFactory(email="lead@example.ac.uk")
    Objective.objects.create(code="MDS-2", title_en="Old title")
    content = xlsx(
        [
            ["编号", "英文标题", "中文标题", "学院", "负责人邮箱", "起始年份", "结束年份"],
            ["UOB-G1", "Deepen partnerships", "深化伙伴关系", "", "lead@example.ac.uk", 2024, 2030],
            ["MDS-2", "Clinical research with partner hospitals", "", "mds", "", 2025, 2029],
        ]
    )
    result = objectives_import(read_table("objectives.xlsx", content))

    assert result.created == ["UOB-G1"] and result.updated == ["MDS-2"]
    university = Objective.objects.get(code="UOB-G1")
    assert (university.college, university.owner, university.period_end) == (None, owner, 2030)
    assert Objective.objects.get(code="MDS-2").college == College.objects.get(code="mds")
    again = objectives_import(read_table("objectives.xlsx", content))
    assert again.unchanged == ["UOB-G1", "MDS-2"] and not again.created and not again.updated


def test_one_bad_row_writes_nothing_and_every_problem_is_reported(profile):
    content = xlsx(
        [
            ["code", "title_en", "college", "owner_email", "period_start", "period_end"],
            ["A-1", "Fine", "", "", "2024", "2026"],
            ["A-2", "", "nowhere", "nobody@example.org", "soon", ""],
            ["A-3", "Backwards", "", "", "2030", "2020"],
            ["A-1", "Twice", "", "", "", ""],
        ]
    )
    with pytest.raises(ImportRefused) as refused:
        objectives_import(read_table("objectives.xlsx", content))
    problems = {(e.row, e.column) for e in refused.value.errors}
    assert {
        (3, "title_en"),
        (3, "college"),
        (3, "owner_email"),
        (3, "period_start"),
        (4, "period_end"),
        (5, "code"),
    } <= problems
    assert not Objective.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("o.txt", b"code,title_en\n", "Upload an .xlsx or .csv"),
        ("o.xlsx", b"not a workbook", "Not a readable XLSX"),
        ("o.csv", b"", "empty"),
        ("o.csv", b"name,what\nx,y\n", "unknown: name, what"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(profile, name, content, message):
    with pytest.raises(ImportRefused) as refused:
        read_table(name, content)
    assert message in refused.value.errors[0].message


def test_a_gb18030_csv_from_chinese_excel_is_read(profile):
    rows = read_table("o.csv", "编号,英文标题,中文标题\nSOC-2,Skills,技能与领导力\n".encode("gb18030"))
    assert rows == [{"code": "SOC-2", "title_en": "Skills", "title_zh": "技能与领导力"}]


def test_the_page_and_the_command_import_for_admins_only(profile, admin_user, editor_client, tmp_path):
    content = xlsx([["code", "title_en"], ["UOB-G9", "From the page"]])
    upload = io.BytesIO(content)
    upload.name = "objectives.xlsx"
    assert editor_client.post("/objectives/import/", {"file": upload}).status_code == 403
    upload.seek(0)
    page = client_for(admin_user).post("/objectives/import/", {"file": upload})
    assert page.status_code == 200 and "1 created" in page.content.decode()
    from django.contrib.contenttypes.models import ContentType

    from partnerships.core.models import ObjectChange

    change = ObjectChange.objects.get(
        content_type=ContentType.objects.get_for_model(Objective),
        object_id=str(Objective.objects.get(code="UOB-G9").pk),
        action="create",
    )
    assert (change.source, change.user) == ("import", admin_user)

    bad = tmp_path / "bad.csv"
    bad.write_text("code,title_en\nX-1,\n")
    with pytest.raises(CommandError, match="row 2, title_en"):
        call_command("import_objectives", str(bad))
    good = tmp_path / "good.csv"
    good.write_text("code,title_en\nX-1,By command\n")
    out = io.StringIO()
    call_command("import_objectives", str(good), stdout=out)
    assert "1 created" in out.getvalue()


def test_an_objective_page_says_plainly_when_nothing_serves_it(profile, viewer_client):
    lonely = Objective.objects.create(code="SOC-2", title_en="Skills and leadership")
    served = Objective.objects.create(code="MDS-2", title_en="Clinical research")
    project = ProjectFactory(title_en="Hospital cohort")
    project.objectives.add(served)

    html = viewer_client.get(lonely.get_absolute_url()).content.decode()
    assert 'id="nothing-serves"' in html
    html = viewer_client.get(served.get_absolute_url()).content.decode()
    assert 'id="nothing-serves"' not in html and "Hospital cohort" in html

    initiative = Initiative.objects.create(name_en="Skills flagship")
    initiative.objectives.add(lonely)
    html = viewer_client.get(lonely.get_absolute_url()).content.decode()
    assert 'id="nothing-serves"' not in html and "Skills flagship" in html
