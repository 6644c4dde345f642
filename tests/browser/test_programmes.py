"""The educational platform in a real browser (issue 12's acceptance story), in English and in Chinese.

An editor creates a jointly delivered undergraduate programme with a Guangzhou partner under a
joint-programme agreement and moves it to running; enters three years of cohorts in the grid on its
page (one row refused for its numbers, corrected in place); sees the offshore return's validation
fail for a year with more first-years than its intake, fixes that year in the grid, and downloads
the return. The strand page draws the intake chart.
"""

import csv
import io

import pytest
from django.utils import translation
from playwright.sync_api import expect

from partnerships.agreements.models import Agreement, AgreementKind, Party
from partnerships.core.models import Strand
from partnerships.programmes.models import AorCode, Programme

from .helpers import choose, organisation

pytestmark = pytest.mark.browser

TITLE = "BSc Mathematics with Statistics"
TITLE_ZH = "数学与统计学理学学士"


@pytest.fixture
def world(site):
    partner = organisation("South China University of Technology", "华南理工大学", city="Guangzhou")
    agreement = Agreement.objects.create(
        kind=AgreementKind.objects.get(code="joint-programme"),
        title_en="Joint programme agreement with SCUT",
        title_zh="与华南理工大学联合培养协议",
    )
    Party.objects.create(agreement=agreement, organisation=partner)
    # The codes the migration seeds, made again after a transactional test's flush emptied the table.
    AorCode.objects.get_or_create(field="LEVEL", value="ug", defaults={"code": "H"})
    AorCode.objects.get_or_create(field="TYPE", value="jointly_delivered", defaults={"code": "5"})
    return partner, agreement


@pytest.mark.parametrize("language", ["en-gb", "zh-hans"])
def test_a_joint_programme_from_creation_to_the_offshore_return(editor_page, world, language):
    page = editor_page
    partner, agreement = world

    def t(text: str, **values) -> str:
        """The text as the page shows it in the language under test."""
        with translation.override(language):
            shown = translation.gettext(text)
        assert language == "en-gb" or shown != text, f"not translated: {text}"
        return shown % values if values else shown

    def label(record) -> str:
        with translation.override(language):
            return str(record)

    if language == "zh-hans":
        page.locator(".user-tools").get_by_role("button", name="中文").click()
        expect(page.locator("html")).to_have_attribute("lang", "zh-hans")

    # 1. The programme: jointly delivered, undergraduate, under the joint-programme agreement.
    page.goto("/programmes/add/")
    page.locator("#id_title_en").fill(TITLE)
    page.locator("#id_title_zh").fill(TITLE_ZH)
    page.locator("#id_level").select_option("ug")
    page.locator("#id_subject").fill("Mathematics")
    choose(page, "id_partner", "South China", label(partner))
    page.locator("#id_delivery_model").select_option("jointly_delivered")
    page.locator("#id_designed_by").select_option("both")
    page.locator("#id_delivered_by").select_option("both")
    page.locator("#id_accredited_by").select_option("birmingham")
    choose(page, "id_agreement", "SCUT" if language == "en-gb" else "华南理工", label(agreement))
    page.locator("#id_uk_approval_date").fill("2023-03-01")
    education = Strand.objects.get(code="education")
    page.locator(f"input[name=strands][value='{education.pk}']").check()
    page.locator("form.edit-form button[type=submit]").click()
    status = page.locator("#programme-status")
    expect(status).to_have_text(t("In design"))
    for step in ("Approved", "Recruiting", "Running"):
        page.get_by_role("button", name=t("Move to %(label)s", label=t(step))).click()
        expect(status).to_have_text(t(step))
    expect(page.locator("#who-does-what")).to_contain_text(t("Both"))
    programme = Programme.objects.get(title_en=TITLE)
    assert (programme.agreement, programme.partner, programme.delivery_model) == (
        agreement,
        partner,
        "jointly_delivered",
    )

    # 2. Three years in the grid; the first typed with more offers than applications.
    grid = page.locator("#cohort-grid")

    def add_year(year: int, **values) -> None:
        grid.locator("#cohort-add-year").click()
        row = grid.locator("#cohort-row-new")
        row.locator("#id_academic_year").fill(str(year))
        for name, value in values.items():
            row.locator(f"#id_{name}").fill(str(value))
        grid.get_by_role("button", name=t("Save")).click()
        if "offers" not in values or values["offers"] <= values["applications"]:
            expect(grid.locator("tr.saved")).to_contain_text(f"{year}/{(year + 1) % 100:02d}")

    add_year(2023, applications=150, offers=200, intake=55, year_1=55)  # refused
    new_row = grid.locator("#cohort-row-new")
    expect(new_row).to_contain_text(t("More offers than applications."))
    new_row.locator("#id_offers").fill("90")
    grid.get_by_role("button", name=t("Save")).click()
    expect(grid.locator("tr.saved")).to_contain_text("2023/24")
    add_year(2024, applications=180, offers=100, intake=60, year_1=65, year_2=52)
    add_year(2025, applications=210, offers=120, intake=70, year_1=68, year_2=57, year_3=50)
    expect(grid.locator("tbody tr")).to_have_count(3)
    assert list(programme.cohorts.order_by("academic_year").values_list("academic_year", "offers")) == [
        (2023, 90),
        (2024, 100),
        (2025, 120),
    ]

    # 3. The offshore return for 2024/25 fails its validation: more first-years than the intake.
    page.goto("/programmes/offshore-return/?year=2024")
    problem = t(
        "%(year)s: more enrolled in year 1 (%(enrolled)s) than the intake (%(intake)s).",
        year="2024/25",
        enrolled=65,
        intake=60,
    )
    problems = page.locator("#aor-problems")
    expect(problems).to_contain_text(problem)

    # 4. Fixed in the grid, from the problem's link.
    problems.get_by_role("link", name=programme.title_zh if language == "zh-hans" else TITLE).click()
    grid.get_by_role("link", name=t("Edit %(year)s", year="2024/25")).click()
    editing = grid.locator("tr.editing")
    editing.locator("#id_year_1").fill("58")
    grid.get_by_role("button", name=t("Save")).click()
    expect(grid.locator("tr.saved")).to_contain_text("58")
    page.goto("/programmes/offshore-return/?year=2024")
    expect(page.locator("#aor-valid")).to_be_visible()
    expect(page.locator("#aor-rows")).to_contain_text(TITLE_ZH if language == "zh-hans" else TITLE)

    # 5. The return downloads: one row for China, undergraduate, the jointly delivered type.
    with page.expect_download() as download:
        page.locator("#aor-csv").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert rows == [
        ["COUNTRY", "LEVEL", "TYPE", "HEADCOUNT", "ACTIVE", "DORMANT", "COMPLETED", "WITHDRAWN"],
        ["CN", "H", "5", "110", "110", "0", "0", "0"],
    ]

    # 6. The strand page: the programme by status and model, and the intake chart drawn by ECharts.
    page.goto(education.get_absolute_url())
    overview = page.locator("#programmes-overview")
    expect(overview).to_contain_text(t("Jointly delivered"))
    expect(overview.locator("[data-chart] svg")).to_have_count(1)
