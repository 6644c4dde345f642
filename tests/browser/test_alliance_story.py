"""Issue 9's acceptance story in a real browser, after the project itself (test_research.py):
a co-supervised PhD student linked to the project, a summer school, and two outputs imported from a
RIS file — each seen on the partner's page, the agreement's page, the initiative's page and the
research strand's overview, in English and in Chinese."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from partnerships.agreements.models import Agreement, AgreementKind
from partnerships.capacity.models import Activity
from partnerships.core.models import Strand
from partnerships.organisations.models import Person
from partnerships.postgraduate.models import TrainingRecord
from partnerships.research.models import Project, ProjectPartner
from partnerships.strategy.models import Initiative

from .helpers import choose, organisation

pytestmark = pytest.mark.browser

RIS = """TY  - JOUR
TI  - Long-term PM2.5 exposure and incident heart failure in Guangzhou
AU  - Li, Na
AU  - Whitfield, Catherine
PY  - 2025
T2  - Environment International
DO  - 10.5555/story.2025.pm25
ER  -

TY  - DATA
TI  - Air-quality monitoring records for the Pearl River Delta
AU  - Huang, Zhiqiang
PY  - 2024
PB  - Zenodo
DO  - 10.5555/story.2024.aq
ER  -
"""


@pytest.fixture
def alliance(site):
    """A funded medicine project with SYSU under an agreement and a signature initiative."""
    sysu = organisation("Sun Yat-sen University", "中山大学", city="Guangzhou")
    agreement = Agreement.objects.create(
        kind=AgreementKind.objects.get(code="research"), title_en="SYSU research agreement", title_zh="中山大学科研协议"
    )
    initiative = Initiative.objects.create(
        name_en="Joint Institute for Environmental Health", name_zh="环境健康联合研究院"
    )
    project = Project.objects.create(
        title_en="Air pollution and heart health", title_zh="空气污染与心脏健康", status="funded",
        agreement=agreement, initiative=initiative, start_date=datetime.date(2026, 9, 1),
    )  # fmt: skip
    research = Strand.objects.get(code="research")
    project.strands.add(research)
    ProjectPartner.objects.create(project=project, organisation=sysu, role="lead")
    student = Person.objects.create(family_name="Li", given_name="Na", name_zh="李娜", family_name_first=True)
    return {"sysu": sysu, "agreement": agreement, "initiative": initiative, "project": project, "student": student}


def test_student_summer_school_and_outputs_show_where_the_partnership_is_seen(editor_page, alliance, tmp_path):
    page = editor_page
    sysu, agreement, initiative, project = (alliance[k] for k in ("sysu", "agreement", "initiative", "project"))

    # 1. A co-supervised PhD student, linked to the project (enrolled: the project is required).
    page.goto("/postgraduate/add/")
    page.locator("#id_kind").select_option("co_supervised_phd")
    choose(page, "id_student", "Li", str(alliance["student"]))
    choose(page, "id_partner", "Sun Yat", str(sysu))
    page.locator("#id_status").select_option("enrolled")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#field-projects .error")).to_contain_text("Link at least one research project")
    choose(page, "id_projects", "Air pollution", str(project))
    choose(page, "id_agreement", "SYSU research", str(agreement))
    choose(page, "id_initiative", "Joint Institute", str(initiative))
    page.get_by_label("Research alliance").check()
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/postgraduate/\d+/$"))
    record = TrainingRecord.objects.get()
    expect(page.locator("#training-projects")).to_contain_text("Air pollution and heart health")

    # 2. A summer school with the partner, under the same agreement and initiative.
    page.goto("/capacity-building/add/")
    page.locator("#id_kind").select_option("summer_school")
    page.locator("#id_title_en").fill("Environmental health summer school")
    page.locator("#id_title_zh").fill("环境健康暑期学校")
    choose(page, "id_partners", "Sun Yat", str(sysu))
    page.locator("#id_start_date").fill("2026-07-06")
    page.locator("#id_end_date").fill("2026-07-17")
    choose(page, "id_agreement", "SYSU research", str(agreement))
    choose(page, "id_initiative", "Joint Institute", str(initiative))
    page.get_by_label("Research alliance").check()
    page.get_by_label("Capacity building", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/capacity-building/\d+/$"))
    summer = Activity.objects.get()
    page.locator("#headcounts").get_by_role("link", name="Add a headcount").click()
    page.locator("#id_category").select_option("students")
    page.locator("#id_count").fill("40")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#headcount-total")).to_have_text("40")

    # 3. Two outputs from a RIS file, from the project's own button, co-authored with the partner.
    page.goto(project.get_absolute_url())
    page.locator("#outputs").get_by_role("link", name="Import from RIS or BibTeX").click()
    ris = tmp_path / "references.ris"
    ris.write_text(RIS)
    page.locator("#id_file").set_input_files(str(ris))
    choose(page, "id_partners", "Sun Yat", str(sysu))
    page.keyboard.press("Escape")  # a multiple choice keeps its dropdown open for more
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#import-result")).to_contain_text("2 new outputs")
    assert set(project.outputs.values_list("doi", flat=True)) == {"10.5555/story.2025.pm25", "10.5555/story.2024.aq"}

    # 4. Each is seen on the partner's, the agreement's and the initiative's pages and the research strand.
    article = "Long-term PM2.5 exposure and incident heart failure in Guangzhou"
    strand = Strand.objects.get(code="research").get_absolute_url()
    for url in (sysu.get_absolute_url(), agreement.get_absolute_url(), initiative.get_absolute_url(), strand):
        page.goto(url)
        expect(page.locator(f'a[href="{record.get_absolute_url()}"]').first).to_be_visible()
        expect(page.locator(f'a[href="{summer.get_absolute_url()}"]').first).to_be_visible()
        assert page.get_by_role("link", name=article).count(), f"the article is not on {url}"
        assert page.get_by_role("link", name=re.compile("Air pollution and heart health")).count(), url
    expect(page.locator("#postgraduate-overview")).to_contain_text("Enrolled: 1")
    expect(page.locator("#capacity-overview")).to_contain_text("40")
    expect(page.locator("[data-chart] svg")).to_have_count(4)

    # 5. In Chinese: the same pages show the records by their Chinese names.
    page.locator(".user-tools").get_by_role("button", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    for url in (strand, sysu.get_absolute_url(), initiative.get_absolute_url()):
        page.goto(url)
        expect(page.get_by_role("link", name="环境健康暑期学校").first).to_be_visible()
        expect(page.get_by_role("link", name=re.compile("空气污染与心脏健康")).first).to_be_visible()
        expect(page.get_by_role("link", name=re.compile("李娜")).first).to_be_visible()
    page.goto(strand)
    expect(page.locator("#postgraduate-overview h2")).to_have_text("研究生培养")
    expect(page.locator("#capacity-overview h2")).to_have_text("能力建设")
    page.locator(".user-tools").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")
